"""Markdown as note apps and tables write it: what a reader sees of wiki links, highlights,
comments, callouts, tags and to-do items, and table rows as records or as stories."""

from __future__ import annotations

from indexer.reading.markdown_doc import markdown_to_text
from indexer.stories.plausible import unjudged
from indexer.stories.split import split

TEXT = (
    "The regulator said on Tuesday that the trust had made progress on staffing but that "
    "waiting times were still too long."
)
MORE = "Managers have been asked to publish an action plan by the end of the month."


def blocks(source: str) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in markdown_to_text(source).blocks]


def stories(source: str) -> list[tuple[str | None, tuple[str, ...]]]:
    doc = markdown_to_text(source)
    return [(s.headline, s.paragraphs) for s in split(doc.text, doc.blocks)]


def test_note_syntax_shows_what_a_reader_sees() -> None:
    source = (
        "DHSC told the [[NHS Confederation]] and [[Skills for Care|SfC]] on Tuesday. "
        "%%check the figure%%It was ==picked up== by the press.![[chart.png]]\n"
    )
    assert blocks(source) == [
        (
            "paragraph",
            "DHSC told the NHS Confederation and SfC on Tuesday. It was picked up by the press.",
        )
    ]


def test_a_callout_loses_its_marker_and_tags_are_not_text() -> None:
    source = "> [!quote] From members\n> Three providers told us.\n> #pay #wales\n\n#weekly-notes\n"
    # a short title labels the box: read with its text
    assert blocks(source) == [("quote", "From members Three providers told us.")]
    source = "> [!news] Three providers hand back contracts\n> The council was told.\n"
    # one that reads as a headline is shown as a title, over the callout's text
    assert blocks(source) == [
        ("heading", "Three providers hand back contracts"),
        ("quote", "The council was told."),
    ]


def test_clipped_callouts_are_stories_under_their_titles() -> None:
    source = (
        "## Clippings\n\nSaved from this morning's reading.\n\n"
        f"> [!news] Junior doctors in Wales accept pay offer\n> {TEXT}\n>\n> #pay #wales\n\n"
        f"> [!quote]\n> **Maternity unit rated inadequate**\n> {MORE}\n"
    )
    assert stories(source)[-2:] == [
        ("Junior doctors in Wales accept pay offer", (TEXT,)),
        ("Maternity unit rated inadequate", (MORE,)),
    ]


def test_a_field_in_a_callout_is_the_storys_details() -> None:
    source = (
        "## Financial plan signed off with £38m gap\n\n"
        "> [!NOTE]\n> Board papers: `Finance/2024-25/Plan_v7_FINAL(2).xlsx`\n\n"
        f"{TEXT}\n\n## Waiting times fall\n\n{MORE}\n"
    )
    assert ("details", "Board papers: Finance/2024-25/Plan_v7_FINAL(2).xlsx") in blocks(source)
    assert [headline for headline, _ in stories(source)] == [
        "Financial plan signed off with £38m gap",
        "Waiting times fall",
    ]


def test_to_do_items_are_actions_not_headlines() -> None:
    source = (
        f"## Workforce plan slips\n\n{TEXT}\n\n"
        "- [ ] Hannah to refresh our response lines\n"
        "- [x] Tomasz to check with Skills for Care\n\n"
        f"## Care money halved\n\n{MORE}\n\n"
        "## Actions carried over\n\n"
        "- [x] Circulate the spring survey summary\n"
        "- [ ] Update the stakeholder map\n"
    )
    assert stories(source) == [
        (
            "Workforce plan slips",
            (TEXT, "Hannah to refresh our response lines", "Tomasz to check with Skills for Care"),
        ),
        ("Care money halved", (MORE,)),
    ]


def test_a_table_of_records_is_rows_not_stories() -> None:
    source = (
        f"## Care money halved\n\n{MORE}\n\n## Diary\n\n"
        "| Date | What | Who |\n|---|---|---|\n"
        "| 20 Jun | APPG on Adult Social Care | Rhian |\n"
        "| 22 Jun | Members' policy forum (online) | all |\n"
    )
    assert ("cell", "22 Jun | Members' policy forum (online) | all") in blocks(source)
    assert stories(source) == [("Care money halved", (MORE,))]


def test_a_table_of_stories_keeps_a_block_per_cell() -> None:
    source = (
        "| Story | What you need to know |\n|---|---|\n"
        f"| **Hospices receive £95m** | {TEXT} |\n"
        f"| **Shops closure costs £18m a month** | {MORE} |\n"
    )
    assert [s[0] for s in stories(source)] == [
        "Hospices receive £95m",
        "Shops closure costs £18m a month",
    ]


def test_a_line_of_labelled_fields_is_metadata() -> None:
    source = (
        "**Present:** Rhian, Tomasz, Dev · **Apologies:** Kemi\n\n"
        "Quiet week in Westminster, busy one for the regulators.\n\n"
        f"## Workforce plan slips\n\n{TEXT}\n\n## Care money halved\n\n{MORE}\n"
    )
    assert [s[0] for s in stories(source)] == ["Workforce plan slips", "Care money halved"]


def test_a_long_sentence_ending_in_a_colon_introduces_its_list() -> None:
    source = (
        f"## Exam fee freeze confirmed\n\n{TEXT}\n\n"
        "## Welcome to our new regional reps\n\n"
        "Following the elections in February, four new representatives joined the committee "
        "in March:\n\n"
        "* Dr Tomi Adebayo (Yorkshire and the Humber)\n* Dr Ellen Price (Severn)\n\n"
        "Many thanks to outgoing reps Dr Luke Garner and Dr Saira Anwar.\n"
    )
    assert [headline for headline, _ in stories(source)] == [
        "Exam fee freeze confirmed",
        "Welcome to our new regional reps",
    ]


def test_a_bar_of_links_is_navigation() -> None:
    source = (
        "[Programme website](https://example.org) | [Timetable](https://example.org/t) | "
        "[Contact the office](mailto:office@example.org)\n\n"
        "Read [the report](https://example.org/r) and [our response](https://example.org/s).\n"
    )
    assert blocks(source) == [("paragraph", "Read the report and our response.")]


def test_the_first_of_a_list_of_vacancies_goes_with_them() -> None:
    source = (
        f"## Exam fee freeze confirmed\n\n{TEXT}\n\n## Trainee rep elections\n\n{MORE}\n\n"
        "## Notices\n\n"
        "- **Rotherfield Surgery**: ST3s welcome for paid out-of-hours shadowing shifts on "
        "Saturdays. Contact the practice manager.\n"
        "- **Heathfield Medical Centre**: salaried GP, six sessions, from August 2020. "
        "Informal visits welcome.\n"
    )
    assert [headline for headline, _ in stories(source)] == [
        "Exam fee freeze confirmed",
        "Trainee rep elections",
    ]


def test_docusaurus_and_mkdocs_boxes_are_part_of_their_story() -> None:
    source = (
        "import Tabs from '@theme/Tabs';\n\n{/* TODO: swap the diagram */}\n\n"
        f"## Platform contract awarded\n\n{TEXT}\n\n"
        ":::caution[Information governance]\n\nTrusts must complete a new assessment.\n\n:::\n\n"
        f"## Ballot opens\n\n{MORE}\n\n"
        '!!! tip "What this means for us"\n    Training will be on ESR from September.\n\n'
        '--8<-- "includes/disclaimer.md"\n'
    )
    assert stories(source) == [
        (
            "Platform contract awarded",
            (TEXT, "Information governance: Trusts must complete a new assessment."),
        ),
        ("Ballot opens", (MORE, "What this means for us: Training will be on ESR from September.")),
    ]


def test_note_app_fields_are_not_text() -> None:
    source = (
        "> [!quote] Discharge fund: £500m to be allocated\n> source:: [[Community Care]]\n>\n"
        f"> {TEXT}\n\n"
        f"## Ballot opens\nclipped:: 08:21\n\n{MORE}\n"
    )
    assert [headline for headline, _ in stories(source)] == [
        "Discharge fund: £500m to be allocated",
        "Ballot opens",
    ]
    assert not any("::" in " ".join(text) for _, text in stories(source))


def test_a_pages_properties_and_a_status_emoji_are_not_text() -> None:
    source = (
        "# Policy scan w/c 11 March 2024\n\nOwner: Priya Raman\nStatus: Circulated\n"
        "Tags: Finance, Primary care\n\n"
        f"## GP contract: ballot on collective action 🔴\n\n{TEXT}\n\n## Ballot opens\n\n{MORE}\n"
    )
    assert stories(source) == [
        ("GP contract: ballot on collective action", (TEXT,)),
        ("Ballot opens", (MORE,)),
    ]


def test_a_box_that_opens_a_story_is_its_text_without_the_boxs_title() -> None:
    source = (
        '## Measles cases in Southampton\n\n!!! danger "Outbreak update"\n'
        "    UKHSA has confirmed 17 cases of measles linked to a nursery.\n\n"
        "    Staff who cannot show two doses of MMR are excluded for 21 days.\n\n"
        f"## Ballot opens\n\n{MORE}\n"
    )
    assert stories(source)[0] == (
        "Measles cases in Southampton",
        (
            "UKHSA has confirmed 17 cases of measles linked to a nursery.",
            "Staff who cannot show two doses of MMR are excluded for 21 days.",
        ),
    )


def test_content_tabs_and_a_list_a_sentence_introduces_are_the_storys_text() -> None:
    source = (
        f"## Ballot opens\n\n{MORE}\n\n"
        "## Infection control manual rewritten\n\n"
        "NHS England has published a revised chapter 3. The main changes are:\n\n"
        '=== "What\'s new"\n\n'
        "    - Outbreak control teams must meet within 24 hours\n"
        "    - A single template for incident reporting\n\n"
        '=== "What hasn\'t changed"\n\n'
        "    - Standard infection control precautions\n\n"
        "Trusts have until 31 March 2025 to update local policies.\n"
    )
    with unjudged():  # the rules' pieces (the model doubts a short last story of two)
        headline, text = stories(source)[1]
    assert headline == "Infection control manual rewritten"
    assert text[-1] == "Trusts have until 31 March 2025 to update local policies."
    assert "Outbreak control teams must meet within 24 hours" in text
    assert "What hasn't changed:" in text


def test_a_line_introducing_a_table_under_a_heading_is_the_storys_first_words() -> None:
    source = (
        "[[_TOC_]]\n\n"
        f"## Ballot opens\n\n{MORE}\n\n"
        "## What the manifestos say about health\n\n"
        "Summary prepared by the policy team:\n\n"
        "| Party | NHS funding pledge |\n|---|---|\n| Blue | £8bn a year by 2022 |\n"
        "| Red | £30bn over the parliament |\n\n"
        "None of the parties commits to lifting the 1% pay cap in full.\n"
    )
    with unjudged():  # the rules' pieces (the model doubts a short last story of two)
        found = stories(source)
    assert [headline for headline, _ in found] == [
        "Ballot opens",
        "What the manifestos say about health",
    ]
    assert found[1][1][0] == "Summary prepared by the policy team:"
    assert not any("TOC" in " ".join(text) for _, text in found)


def test_footnote_markers_and_the_notes_are_not_text_or_stories() -> None:
    source = (
        f"## Ballot opens\n\n{MORE}[^1]\n\n"
        f"## Exam fee freeze confirmed\n\n{TEXT}\n\n"
        "## Related\n\n- [[2020-W36 Policy digest]]\n- [[MOC Covid-19 policy]]\n\n"
        "[^1]: HSJ, 9 Sep 2020; DHSC press briefing, 10 Sep 2020.\n"
        "[^2]: Cabinet Office guidance, 9 Sep 2020.\n"
    )
    found = stories(source)
    assert found[0] == ("Ballot opens", (MORE,))
    assert not any("HSJ" in " ".join(text) for _, text in found)


def test_a_code_listing_and_the_line_introducing_it_are_the_storys_text() -> None:
    source = (
        f"## Ballot opens\n\n{MORE}\n\n"
        "### Phishing emails exploit the pandemic\n\n"
        "Our email filters blocked 9,600 malicious messages in April, three times the average.\n\n"
        "Typical subject lines we have seen:\n\n"
        "```\nURGENT: Updated COVID-19 rota - action required\n"
        "Your NHS Test and Trace payment is waiting\n```\n\n"
        "None of these came from the trust, so change your password if you clicked a link.\n"
    )
    with unjudged():
        found = stories(source)
    assert [headline for headline, _ in found] == [
        "Ballot opens",
        "Phishing emails exploit the pandemic",
    ]
    assert "URGENT: Updated COVID-19 rota - action required" in found[1][1]


def test_bold_details_titles_are_headlines_and_plain_ones_are_left_out() -> None:
    source = (
        "## Also this month\n\n"
        "<details>\n<summary><b>NHSmail mailboxes increased to 4GB</b></summary>\n\n"
        f"{TEXT}\n\n</details>\n\n"
        "<details>\n<summary><b>Windows 10 upgrade paused</b></summary>\n\n"
        f"{MORE}\n\n"
        "<details>\n<summary>What changes in practice?</summary>\n\n"
        "Organisations will self-assess against 39 outcomes instead of 113 assertions.\n\n"
        "</details>\n\n</details>\n"
    )
    with unjudged():
        found = stories(source)
    assert [headline for headline, _ in found] == [
        "NHSmail mailboxes increased to 4GB",
        "Windows 10 upgrade paused",
    ]


def test_a_run_of_toggles_under_a_heading_are_stories_under_their_titles() -> None:
    source = (
        "## Headlines\n\n"
        "<details>\n<summary>Autumn Statement: £3.1bn a year extra</summary>\n\n"
        f"{TEXT}\n\n</details>\n\n"
        "<details>\n<summary>Discharge fund: £500m allocations published</summary>\n\n"
        f"{MORE}\n\n</details>\n"
    )
    with unjudged():
        found = stories(source)
    assert found == [
        ("Autumn Statement: £3.1bn a year extra", (TEXT,)),
        ("Discharge fund: £500m allocations published", (MORE,)),
    ]


def test_a_heading_that_opens_with_a_brand_in_lower_case_is_a_headline() -> None:
    source = (
        f"## Ballot opens\n\n{MORE}\n\n"
        "## encompass reaches the final trust\n\n"
        "The Western Health and Social Care Trust went live on encompass in November, the last"
        " of the five trusts to move to the single record.\n"
    )
    with unjudged():
        found = stories(source)
    assert [headline for headline, _ in found] == [
        "Ballot opens",
        "encompass reaches the final trust",
    ]


def test_a_notes_properties_are_its_details() -> None:
    source = (
        f"- ### Workforce plan slips\n  source:: [[Guardian]]\n\t- {TEXT}\n"
        f"- ### Care money halved\n  source:: [[BBC News]]\n  tags:: #care\n\t- {MORE}\n"
    )
    doc = markdown_to_text(source)
    sections = split(doc.text, doc.blocks)
    assert [s.headline for s in sections] == ["Workforce plan slips", "Care money halved"]
    assert [s.details for s in sections] == [
        ("source:: Guardian",),
        ("source:: BBC News tags:: #care",),  # one paragraph of the outline: one line
    ]
    assert sections[0].paragraphs == (TEXT,)


def test_a_table_row_titled_by_its_first_cell_is_a_story_with_its_fields_as_details() -> None:
    source = (
        "| Item | Lead | Status | Latest |\n| :--- | :--- | :---: | :--- |\n"
        f"| [Merger of NHS England into DHSC](https://example.org/31) | DHSC | 🟡 | {TEXT} |\n"
        f"| [GP contract 2025/26](https://example.org/9) | NHS England | 🟢 | {MORE} |\n"
    )
    assert ("details", "DHSC") in blocks(source)
    assert stories(source) == [
        ("Merger of NHS England into DHSC", (TEXT,)),
        ("GP contract 2025/26", (MORE,)),
    ]


def test_a_source_in_brackets_between_a_linked_lead_and_its_dash_is_no_part_of_either() -> None:
    source = (
        "## Also worth your time\n\n"
        "- **[Windrush-generation patients billed for NHS care, MPs told](https://ex.org/1)** "
        "(*Health Service Review*) — Harrowing evidence to the Home Affairs Committee.\n\n"
        "- **[Delayed transfers of care: the data behind the headlines](https://ex.org/2)** "
        "(*Care Market Weekly*, £) — A useful corrective. Delays attributed to social care fell "
        "28% in a year.\n"
    )
    assert stories(source) == [
        (
            "Windrush-generation patients billed for NHS care, MPs told",
            ("Harrowing evidence to the Home Affairs Committee.",),
        ),
        (
            "Delayed transfers of care: the data behind the headlines",
            ("A useful corrective. Delays attributed to social care fell 28% in a year.",),
        ),
    ]


def test_task_items_with_bold_titles_are_stories_and_a_licence_line_is_the_footer() -> None:
    source = (
        "## Code & tools\n\n"
        "- [x] **`nhs-rtt-tools` 2.0 released** — Now handles the new validated-pathway flags in "
        "the RTT dataset. Thanks to @sbhatt for the pull request.\n"
        "- [ ] **Help wanted: Welsh waiting times scraper** — The StatsWales API changed on 9 "
        "February and our scraper has been failing since.\n\n"
        "<details>\n<summary>Previous digests</summary>\n\n"
        "- [2026, week 7](2026-02-13.md)\n- [2026, week 6](2026-02-06.md)\n"
        "- [2026, week 5](2026-01-30.md)\n\n</details>\n\n---\n\n"
        "<sub>Licensed under CC BY 4.0. Generated 2026-02-20T08:02:11Z from commit `9c1e4b7`."
        " [Edit on GitHub](https://github.com/x/y)</sub>\n"
    )
    assert [headline for headline, _ in stories(source)] == [
        "nhs-rtt-tools 2.0 released",
        "Help wanted: Welsh waiting times scraper",
    ]


def test_a_readmes_contributing_and_licence_sections_are_back_matter() -> None:
    stories_part = "".join(
        f"## {headline}\n\n{body}\n\n"
        for headline, body in [
            ("Waiting list falls for a third month", "The list fell to 7.5 million in June."),
            ("ICB running costs to be cut by 30%", "Boards must find the savings by 2025/26."),
            ("Pharmacy First opens", "More than 10,000 pharmacies signed up to the service."),
        ]
    )
    source = (
        stories_part
        + "## 🤝 Contributing\n\nSpotted something we missed? Open a pull request against "
        "`issues/2018-09-14.md` or drop a link on Slack.\n\n"
        "## 📜 Licence\n\nSummaries are CC BY 4.0. Links belong to their publishers.\n"
    )
    assert [headline for headline, _ in stories(source)] == [
        "Waiting list falls for a third month",
        "ICB running costs to be cut by 30%",
        "Pharmacy First opens",
    ]
