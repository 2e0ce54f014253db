"""Markdown digests of research and policy bulletins: heading stories with a source line under
the headline, bold labels inside a story, linked further-reading items, an intro before the
contents list and a table of events.

Each digest here is small and written for the rule it tests; none is a copy of a fixture.
"""

from __future__ import annotations

from indexer.reading.html_page import html_to_text
from indexer.reading.markdown_doc import markdown_to_text
from indexer.stories.split import split

TEXT = (
    "In a cohort of 9,210 patients discharged from three acute trusts, those admitted to a "
    "virtual ward had a readmission rate of 17.2%, against 16.8% for matched controls."
)
MORE = (
    "Interviews with 40 staff found that discharge worked best where one assessor could "
    "commission home care directly, without a second assessment by the council."
)

DIGEST = f"""# Westmoor Evidence Digest · Issue 12 · June 2025

Monthly round-up of new research from the Westmoor Centre for Health Research and our partners, \
written for NHS managers, commissioners and clinicians. Plain-English summaries; links go to the \
open-access version wherever one exists.

> [!NOTE]
> We are moving to fortnightly issues from September.

**Contents**

- [New papers](#new-papers)
- [Further reading](#further-reading)

## New papers

### Virtual wards did not reduce readmissions for frail older people

{TEXT}

**Why it matters:** the national target for virtual ward beds rests partly on assumed savings.

### Discharge to assess in two care systems: a realist evaluation

*Preprint, medRxiv, 12 May 2025. Not yet peer reviewed.*

{MORE}

### Community pharmacy blood pressure checks found 4,000 new cases

*An evaluation for the regional team, published with the ICB.*

{TEXT}

## Further reading

- [Nurses' plans to leave their trusts](https://example.org/a) – a survey of 1,306 nurses.
- [The cost of strikes in one system](https://example.org/b) – a working paper on lost activity.

## Seminars

| Date | Speaker | Title |
|------|---------|-------|
| 10 June, 12:00 | Dr Ann Price, Leeds | Measuring continuity of care in routine data |
| 24 June, 12:00 | Panel | What next for research duties in integrated care boards? |

Seminars are on Teams; join the seminar list for links.
"""


def found() -> list[tuple[str | None, str]]:
    doc = markdown_to_text(DIGEST)
    stories = split(doc.text, doc.blocks)
    return [(s.headline, s.paragraphs[0] if s.paragraphs else "") for s in stories]


def test_heading_stories_keep_their_headings_over_a_source_line_and_a_bold_label() -> None:
    stories = found()
    assert [headline for headline, _ in stories] == [
        "Virtual wards did not reduce readmissions for frail older people",
        "Discharge to assess in two care systems: a realist evaluation",
        "Community pharmacy blood pressure checks found 4,000 new cases",
        "Nurses' plans to leave their trusts",
        "The cost of strikes in one system",
    ]
    # A dated source line under the headline is its details; an undated standfirst is text.
    assert stories[1][1].startswith("Interviews with 40 staff")
    assert stories[2][1].startswith("An evaluation for the regional team")


def test_the_intro_and_its_note_before_the_contents_are_not_a_story() -> None:
    assert not any("round-up" in body or "fortnightly" in body for _, body in found())


def test_a_table_of_events_with_long_titles_is_a_listing() -> None:
    assert not any(headline and "research duties" in headline for headline, _ in found())


def test_a_letter_signed_by_two_officers_before_the_first_section_is_the_intro() -> None:
    source = f"""# LMC Update

**Westmoor Local Medical Committee** · Issue 2023/04 · Friday 3 March 2023

Dear colleagues,

The new contract arrives on Monday and, as ever, the detail is still coming. Below is all we
know this morning, with news of our elections and the phlebotomy service. Tell us what is not
working in your practice: we can only raise what we hear about.

Dr Ann Lee, Chair · Mark Bell, Chief Executive

## CONTRACT

- **Evening appointments from April.** {TEXT}
- **Phlebotomy moves to the hubs** – {MORE}
"""
    doc = markdown_to_text(source)
    assert [s.headline for s in split(doc.text, doc.blocks)] == [
        "Evening appointments from April",
        "Phlebotomy moves to the hubs",
    ]


def test_a_lower_heading_that_reads_as_part_of_the_story_above_is_its_subheading() -> None:
    source = (
        f"### Pharmacy First starts in January\n\n{TEXT}\n\n#### Why this matters\n\n{MORE}\n\n"
        f"#### Report findings\n\n{MORE}\n\n#### Chair’s comment\n\n{TEXT}\n\n"
        f"### Farewell to our director\n\n{MORE}\n\n#### Professor Ann Lee retires\n\n{TEXT}\n"
    )
    doc = markdown_to_text(source)
    assert [s.headline for s in split(doc.text, doc.blocks)] == [
        "Pharmacy First starts in January",
        "Farewell to our director",
        "Professor Ann Lee retires",
    ]


def test_a_lead_opening_with_a_name_styled_in_lower_case_is_a_headline() -> None:
    source = (
        "### Fixed\n\n"
        f"- **e-RS outage on 13 January**: {TEXT}\n\n"
        f"- **iPhone app adds repeat prescriptions**: {MORE}\n\n"
        f"- **said the minister** on Tuesday that {TEXT.lower()}\n"
    )
    doc = markdown_to_text(source)
    assert [s.headline for s in split(doc.text, doc.blocks)] == [
        "e-RS outage on 13 January",
        "iPhone app adds repeat prescriptions",
    ]


def test_a_symbol_set_before_a_bold_headline_marks_it_and_is_not_its_text() -> None:
    """ "- ⚠️ **Headline**": the emoji flags the item (a decision needed); the bold text is
    the headline, in Markdown and in HTML alike. In a callout's quote the same mark labels a
    note, which stays out of the headlines."""
    markdown = (
        "## This week\n\n"
        f"- ⚠️ **NICE backs home haemodialysis expansion**\n\n  {TEXT}\n\n"
        f"- **Living donor transplants fall**\n\n  {MORE}\n\n"
        f"- 🔴 **Patient transport contract to be re-tendered**\n\n  {TEXT}\n\n"
        "> ⚠️ **Known issue:** results arrive up to 40 minutes late on weekdays.\n"
    )
    page = markdown_to_text(markdown)
    headlines = [section.headline for section in split(page.text, page.blocks)]
    assert headlines == [
        "NICE backs home haemodialysis expansion",
        "Living donor transplants fall",
        "Patient transport contract to be re-tendered",
    ]
    html = (
        f"<ul><li>⚠️ <b>NICE backs home haemodialysis expansion</b> {TEXT}</li>"
        f"<li><b>Living donor transplants fall</b> {MORE}</li>"
        f"<li>🔴 <b>Patient transport contract to be re-tendered</b> {TEXT}</li></ul>"
    )
    page = html_to_text(html)
    assert [section.headline for section in split(page.text, page.blocks)] == headlines


def test_pandoc_and_kramdown_heading_attributes_are_not_the_headline() -> None:
    source = (
        "## Revalidation: 93% on time {#revalidation-93-on-time .unnumbered}\n\n"
        f"{TEXT}\n\n"
        "## Staff flu campaign closes at 72% {: .lead}\n\n"
        f"{MORE}\n\n"
        "## Budget set for {2024/25}\n\n"
        f"{TEXT}\n"
    )
    doc = markdown_to_text(source)
    assert [s.headline for s in split(doc.text, doc.blocks)] == [
        "Revalidation: 93% on time",
        "Staff flu campaign closes at 72%",
        "Budget set for {2024/25}",
    ]


def test_toml_front_matter_is_the_posts_title_and_date_not_its_text() -> None:
    source = (
        '+++\ntitle = "The Ledger weekly: the birthday present"\n'
        'date = 2018-07-05T07:30:00+01:00\ntags = ["funding", "NHS70"]\n[cover]\n'
        '  image = "/img/cake.jpg"\n+++\n\n'
        f"## Budget settlement agreed\n\n{TEXT}\n\n## Workforce plan delayed\n\n{MORE}\n"
    )
    doc = markdown_to_text(source)
    assert doc.title == "The Ledger weekly: the birthday present"
    assert doc.date is not None and doc.date.startswith("2018-07-05")
    assert [s.headline for s in split(doc.text, doc.blocks)] == [
        "Budget settlement agreed",
        "Workforce plan delayed",
    ]
    assert "+++" not in doc.text and "title =" not in doc.text


def test_broken_toml_front_matter_is_still_not_text() -> None:
    doc = markdown_to_text(f'+++\ntitle = "unclosed\n+++\n\n## Budget agreed\n\n{TEXT}\n')
    assert doc.title is None or "unclosed" not in doc.text
    assert [s.headline for s in split(doc.text, doc.blocks)] == ["Budget agreed"]


def test_a_heading_that_opens_with_a_release_version_is_a_headline() -> None:
    source = (
        "## What's new\n\n"
        f"### v2.6.0 – 15 March 2021: Community services waiting lists added\n\n{TEXT}\n\n"
        f"### v2.3.1 – 11 January 2021: Diagnostics data delayed by a month\n\n{MORE}\n"
    )
    doc = markdown_to_text(source)
    assert [s.headline for s in split(doc.text, doc.blocks)] == [
        "v2.6.0 – 15 March 2021: Community services waiting lists added",
        "v2.3.1 – 11 January 2021: Diagnostics data delayed by a month",
    ]


def test_stories_in_html_pasted_into_the_markdown_are_read_as_a_page() -> None:
    # A Mailchimp export to Markdown keeps its boxed-text blocks as raw HTML.
    text = (
        "# GP Update 29\n\n## Flu 2020/21: expanded cohorts\n\n" + TEXT + "\n\n"
        '<table class="mcnBoxedTextBlock"><tr>\n'
        '<td width="50%"><h3>Practice in focus: Eastwood Lane</h3>\n<p>' + MORE + "</p>\n</td>\n"
        '<td width="50%"><h3>Long COVID clinic referrals open</h3>\n'
        "<p>The trust has opened a post-COVID assessment clinic at City Hospital.</p>\n</td>\n"
        "</tr></table>\n\n## DSPT deadline\n\n" + TEXT + "\n"
    )
    page = markdown_to_text(text)
    assert [(s.headline, s.body[:20]) for s in split(page.text, page.blocks)] == [
        ("Flu 2020/21: expanded cohorts", TEXT[:20]),
        ("Practice in focus: Eastwood Lane", MORE[:20]),
        ("Long COVID clinic referrals open", "The trust has opened"),
        ("DSPT deadline", TEXT[:20]),
    ]


def test_pandocs_title_block_metadata_and_fenced_divs_are_no_stories() -> None:
    source = (
        "% Autumn Budget 2017: what it means for health\n% Policy Unit\n% 23 November 2017\n\n"
        "---\nlang: en-GB\ntoc: false\n---\n\n"
        "::: {.note}\nThis briefing was prepared overnight for member organisations.\n:::\n\n"
        f"## 1. NHS day-to-day funding\n\n{TEXT}\n\n## 2. Discharge\n\n{MORE}\n"
    )
    doc = markdown_to_text(source)
    assert doc.title == "Autumn Budget 2017: what it means for health"
    assert [(s.headline, s.body) for s in split(doc.text, doc.blocks)] == [
        ("NHS day-to-day funding", TEXT),
        ("Discharge", MORE),
    ]


def test_a_notes_tags_after_a_heading_are_no_words_of_the_headline() -> None:
    source = (
        f"# Reading\n\n### Social care winter plan #socialcare\n\n{TEXT}\n\n"
        f"### Bursaries #workforce #nursing\n\n{MORE}\n"
    )
    doc = markdown_to_text(source)
    assert [s.headline for s in split(doc.text, doc.blocks)] == [
        "Social care winter plan",
        "Bursaries",
    ]


def test_a_bold_name_opening_the_text_under_a_heading_is_its_byline() -> None:
    source = (
        "# Friday digest\n\n## From the director\n\n"
        f"**Claire Ashdown** — {TEXT}\n\n## Vapes: disposable ban takes effect\n\n{MORE}\n\n"
        f"## Measles cases rise\n\n{TEXT}\n"
    )
    doc = markdown_to_text(source)
    found = split(doc.text, doc.blocks)
    assert (found[0].headline, found[0].byline, found[0].body) == (
        "From the director",
        "Claire Ashdown",
        TEXT,
    )
