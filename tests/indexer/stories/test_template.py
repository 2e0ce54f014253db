"""The story template: headline leads ("**Headline** - text") found and cut, end to end.

A lead is a headline only when it reads as one (a separator or a closing full stop after it,
a capital, not too long) and only when the digest uses leads as its template (two or more).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from indexer.blocks import Block
from indexer.reading.html_page import html_to_text
from indexer.reading.markdown_doc import markdown_to_text
from indexer.stories.split import split
from indexer.stories.template import Lead, lead_template, split_lead, strip_text_lead, text_lead

TEXT = "The regulator imposed a penalty."


def stories(
    text: str, blocks: Sequence[Block] | None = None
) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(s.headline, s.paragraphs) for s in split(text, blocks)]


# -- split_lead ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        (f"Trust fined — {TEXT}", "Trust fined"),
        (f"Trust fined – {TEXT}", "Trust fined"),
        (f"Trust fined - {TEXT}", "Trust fined"),
        (f"Trust fined -- {TEXT}", "Trust fined"),
        (f"Trust fined: {TEXT}", "Trust fined"),
        (f"Trust fined | {TEXT}", "Trust fined"),
        (f"Trust fined. {TEXT}", "Trust fined"),
        (f"Trust fined—{TEXT}", "Trust fined"),
        # The separator inside the lead's emphasis (<b>Trust fined.</b> text).
        (f"Trust fined. {TEXT}", "Trust fined."),
        (f"Trust fined: {TEXT}", "Trust fined:"),
    ],
)
def test_split_lead_at_a_separator(text: str, lead: str) -> None:
    assert split_lead(text, lead) == Lead("Trust fined", TEXT)


@pytest.mark.parametrize("mark", ["?", "!"])
def test_a_question_or_exclamation_stays_in_the_headline(mark: str) -> None:
    assert split_lead(f"Trust fined{mark} {TEXT}", f"Trust fined{mark}") == Lead(
        f"Trust fined{mark}", TEXT
    )


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Sarah Jones said the trust was fined.", "Sarah Jones"),  # a name inside a sentence
        ("Sarah Jones, the chair, said the trust was fined.", "Sarah Jones"),
        (f"trust fined — {TEXT}", "trust fined"),  # a lower-case lead
        (f"‘trust fined’ — {TEXT}", "‘trust fined’"),  # lower case behind a quote
        ("Trust fined", "Trust fined"),  # nothing after the lead
        ("Trust fined — ", "Trust fined"),  # only a separator after it
        ("Trust fined-The regulator acted.", "Trust fined"),  # a hyphen is not a dash
        ("Trust fined.The regulator acted.", "Trust fined"),  # no space after the stop
        ("Trust fined... and more", "Trust fined"),
        (f"Trust fined — {TEXT}", None),
        (f"Trust fined — {TEXT}", ""),
        (f"Trust fined — {TEXT}", "Waiting lists"),  # the text does not open with it
    ],
)
def test_split_lead_rejects(text: str, lead: str | None) -> None:
    assert split_lead(text, lead) is None


def test_split_lead_keeps_an_opening_quote_and_digits() -> None:
    assert split_lead("“Unsafe” unit closed — It shut.", "“Unsafe” unit closed") == Lead(
        "“Unsafe” unit closed", "It shut."
    )
    assert split_lead("2024 in review: A hard year.", "2024 in review") == Lead(
        "2024 in review", "A hard year."
    )


def test_split_lead_word_limit() -> None:
    thirty = " ".join(["Word"] * 30)
    assert split_lead(f"{thirty} — {TEXT}", thirty) == Lead(thirty, TEXT)
    assert split_lead(f"{thirty} Word — {TEXT}", f"{thirty} Word") is None


# -- text_lead ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "lead", "stripped"),
    [
        ("**Trust fined** — It was.", "Trust fined", "Trust fined — It was."),
        ("__Trust fined__ - It was.", "Trust fined", "Trust fined - It was."),
        ("**Trust fined**: It was.", "Trust fined", "Trust fined: It was."),
        ("**Trust fined** | It was.", "Trust fined", "Trust fined | It was."),
        ("**Trust fined**. It was.", "Trust fined", "Trust fined. It was."),
        ("**Trust fined.** It was.", "Trust fined.", "Trust fined. It was."),
        ("**Sarah Jones** said so.", "Sarah Jones", "Sarah Jones said so."),
    ],
)
def test_text_lead(line: str, lead: str, stripped: str) -> None:
    assert text_lead(line) == lead
    assert strip_text_lead(line, lead) == stripped


@pytest.mark.parametrize(
    "line",
    [
        "Trust fined — It was.",  # no emphasis
        "Trust **fined** - It was.",  # emphasis not at the start
        "*Trust fined*",  # nothing after it (plain-text mail writes bold as *bold*)
        "* Trust fined* - It was.",  # a bullet, not emphasis
        "** Trust fined** - It was.",  # not emphasis in Markdown
        "**Trust fined**",  # nothing after it
        "**Trust fined**, it was.",  # a comma does not follow a headline
        "**Trust fined**It was.",
    ],
)
def test_no_text_lead(line: str) -> None:
    assert text_lead(line) is None


def test_strip_text_lead_leaves_other_lines() -> None:
    assert strip_text_lead("Trust fined — It was.", "Trust fined") == "Trust fined — It was."


# -- lead_template ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("leads", "template"),
    [
        ([], False),
        ([None, None], False),
        ([Lead("A", "a")], False),
        ([None, Lead("A", "a"), None], False),
        ([Lead("A", "a"), None, Lead("B", "b")], True),
        ([Lead("A", "a"), Lead("B", "b"), Lead("C", "c")], True),
    ],
)
def test_lead_template_needs_two_leads(leads: list[Lead | None], template: bool) -> None:
    assert lead_template(leads) is template


# -- end to end: plain text ---------------------------------------------------------------------

NUMBERED = """\
1. **Trust fined over data breach** — The regulator imposed a £2m penalty on the trust.
2. **Waiting lists grow again** — The backlog rose for the third month running.
3. **Pharmacies close in deprived areas** — More than 400 pharmacies shut last year.
"""

NUMBERED_STORIES = [
    ("Trust fined over data breach", ("The regulator imposed a £2m penalty on the trust.",)),
    ("Waiting lists grow again", ("The backlog rose for the third month running.",)),
    ("Pharmacies close in deprived areas", ("More than 400 pharmacies shut last year.",)),
]


def test_plain_text_numbered_bold_headlines() -> None:
    assert stories(NUMBERED) == NUMBERED_STORIES


@pytest.mark.parametrize("separator", ["—", "–", "-", ":", "|"])
def test_plain_text_leads_with_each_separator(separator: str) -> None:
    text = (
        f"- **Trust fined over data breach** {separator} The regulator imposed a penalty.\n"
        f"- **Waiting lists grow again** {separator} The backlog rose for a third month.\n"
    )
    assert stories(text) == [
        ("Trust fined over data breach", ("The regulator imposed a penalty.",)),
        ("Waiting lists grow again", ("The backlog rose for a third month.",)),
    ]


def test_plain_text_full_stop_leads_in_paragraphs() -> None:
    text = (
        "**Trust fined over data breach.** The regulator imposed a £2m penalty on the trust.\n\n"
        "**Waiting lists grow again.** The backlog rose for the third month running.\n"
    )
    assert stories(text) == NUMBERED_STORIES[:2]


def test_plain_text_one_lead_set_off_by_a_dash_is_a_run_in_headline() -> None:
    """One lead is no template, but a bold lead of three words or more set off by a dash from
    a capitalised sentence reads as a headline on its own (as it does in HTML)."""
    text = (
        "1. **Trust fined over data breach** — The regulator imposed a £2m penalty on the trust.\n"
        "\n"
        "The second paragraph has no lead at all and is about something else entirely.\n"
    )
    assert stories(text) == [
        (
            "Trust fined over data breach",
            (
                "The regulator imposed a £2m penalty on the trust.",
                "The second paragraph has no lead at all and is about something else entirely.",
            ),
        )
    ]


def test_plain_text_one_short_lead_is_not_a_headline() -> None:
    text = (
        "**Please note** — The office is closed on Monday for the bank holiday, and calls will\n"
        "be answered from Tuesday morning.\n"
    )
    assert stories(text)[0][0] is None


def test_plain_text_bold_names_in_sentences_are_not_headlines() -> None:
    text = (
        "Trust fined over data breach\n\n"
        "**Sarah Jones** said the trust was fined after the breach was found in March.\n\n"
        "**Tom Brown** said the penalty was deserved and long overdue.\n"
    )
    assert stories(text) == [
        (
            "Trust fined over data breach",
            (
                "Sarah Jones said the trust was fined after the breach was found in March.",
                "Tom Brown said the penalty was deserved and long overdue.",
            ),
        )
    ]


def test_plain_text_lower_case_leads_are_not_headlines() -> None:
    text = (
        "**trust fined over breach** – the regulator imposed a penalty on the trust.\n\n"
        "**waiting lists grow** – the backlog rose again for the third month.\n"
    )
    assert stories(text) == [
        (
            None,
            (
                "trust fined over breach – the regulator imposed a penalty on the trust.",
                "waiting lists grow – the backlog rose again for the third month.",
            ),
        )
    ]


# -- end to end: HTML and Markdown blocks -------------------------------------------------------


def html_stories(body: str) -> list[tuple[str | None, tuple[str, ...]]]:
    page = html_to_text(f"<html><body>{body}</body></html>")
    return stories(page.text, page.blocks)


def md_stories(source: str) -> list[tuple[str | None, tuple[str, ...]]]:
    md = markdown_to_text(source)
    return stories(md.text, md.blocks)


def test_markdown_numbered_bold_headlines() -> None:
    assert md_stories(NUMBERED) == NUMBERED_STORIES


def test_markdown_bullets_with_colon_leads() -> None:
    source = (
        "- **Trust fined over data breach**: The regulator imposed a £2m penalty on the trust.\n"
        "- **Waiting lists grow again**: The backlog rose for the third month running.\n"
    )
    assert md_stories(source) == NUMBERED_STORIES[:2]


def test_markdown_bold_lines_over_their_text() -> None:
    source = (
        "**Trust fined over data breach**\n"
        "The regulator imposed a £2m penalty on the trust.\n\n"
        "**Waiting lists grow again**\n"
        "The backlog rose for the third month running.\n"
    )
    assert md_stories(source) == NUMBERED_STORIES[:2]


def test_markdown_one_bold_lead_stays_in_its_paragraph() -> None:
    source = (
        "## Trust fined over data breach\n\n"
        "**Sarah Jones**: the trust was fined after the breach was found in March.\n\n"
        "The regulator said the penalty was deserved and long overdue.\n"
    )
    assert md_stories(source) == [
        (
            "Trust fined over data breach",
            (
                "Sarah Jones: the trust was fined after the breach was found in March.",
                "The regulator said the penalty was deserved and long overdue.",
            ),
        )
    ]


def test_html_bold_full_stop_leads() -> None:
    body = (
        "<p><b>Trust fined over data breach.</b> The regulator imposed a £2m penalty on the trust."
        "</p><p><strong>Waiting lists grow again.</strong> The backlog rose for the third month "
        "running.</p>"
    )
    assert html_stories(body) == NUMBERED_STORIES[:2]


def test_html_ordered_list_with_linked_leads() -> None:
    body = (
        '<ol><li><a href="https://example.org/1">Trust fined over data breach</a> | The regulator '
        "imposed a £2m penalty on the trust.</li>"
        '<li><a href="https://example.org/2">Waiting lists grow again</a> | The backlog rose for '
        "the third month running.</li>"
        '<li><span style="font-weight:bold">Pharmacies close in deprived areas</span> – More '
        "than 400 pharmacies shut last year.</li></ol>"
    )
    assert html_stories(body) == NUMBERED_STORIES


def test_html_cells_with_linked_bold_headline_over_standfirst() -> None:
    body = (
        "<table>"
        '<tr><td><a href="https://example.org/1"><b>Trust fined over data breach</b></a><br>'
        "The regulator imposed a £2m penalty on the trust.</td></tr>"
        '<tr><td><a href="https://example.org/2"><b>Waiting lists grow again</b></a><br>'
        "The backlog rose for the third month running.</td></tr>"
        "</table>"
    )
    assert html_stories(body) == NUMBERED_STORIES[:2]


def test_html_single_lead_is_not_cut() -> None:
    body = (
        "<p><b>Trust fined over breach.</b> The regulator imposed a penalty on the trust.</p>"
        "<p>The backlog rose again for the third month running in England.</p>"
    )
    assert html_stories(body) == [
        (
            None,
            (
                "Trust fined over breach. The regulator imposed a penalty on the trust.",
                "The backlog rose again for the third month running in England.",
            ),
        )
    ]


def test_html_bold_names_under_a_heading_are_not_headlines() -> None:
    body = (
        "<h2>Trust fined over data breach</h2>"
        "<p><b>Sarah Jones</b> said the trust was fined after the breach was found in March.</p>"
        "<p><b>Tom Brown</b> said the penalty was deserved and long overdue.</p>"
    )
    assert html_stories(body) == [
        (
            "Trust fined over data breach",
            (
                "Sarah Jones said the trust was fined after the breach was found in March.",
                "Tom Brown said the penalty was deserved and long overdue.",
            ),
        )
    ]


def test_a_bold_headline_run_into_its_text_without_a_separator() -> None:
    from indexer.stories.template import split_lead

    text = "College calls for PPE guarantee for home visits We have written to the minister."
    found = split_lead(text, "College calls for PPE guarantee for home visits")
    assert found is not None
    assert (found.headline, found.rest) == (
        "College calls for PPE guarantee for home visits",
        "We have written to the minister.",
    )
    assert split_lead("Sarah Jones said the trust was wrong.", "Sarah Jones") is None


@pytest.mark.parametrize(
    ("line", "lead"),
    [
        (
            "Suicide prevention - The Health and Social Care Committee has opened an inquiry"
            " and wants evidence by 28 June.",
            "Suicide prevention",
        ),
        (
            "Out-of-area placements -- New figures show 715 placements were active at the end"
            " of February, against an ambition to end them.",
            "Out-of-area placements",
        ),
        (
            "In its report, Left Behind - Care Work in 2023, the committee recommends a"
            " national minimum wage for care workers.",
            None,  # a sentence's opening clause (a comma), not a title
        ),
    ],
)
def test_a_plain_title_set_off_by_a_hyphen_for_a_dash(line: str, lead: str | None) -> None:
    assert text_lead(line) == lead


def test_paragraphs_opening_with_titles_set_off_by_hyphens_are_stories() -> None:
    text = (
        "WESTMINSTER\n\n"
        "Mental Health Act reform - Five months after the independent review reported, the\n"
        "department says a white paper will not now appear before the autumn.\n\n"
        "Suicide prevention - The Health and Social Care Committee has opened an inquiry\n"
        "into suicide prevention. Written evidence is due by 28 June.\n"
    )
    assert [headline for headline, _ in stories(text)] == [
        "Mental Health Act reform",
        "Suicide prevention",
    ]


def test_one_word_leads_beside_colon_leads_are_leads_of_the_same_list() -> None:
    text = (
        "Job planning: The 2022/23 job planning round opens on 20 June. Please book your\n"
        "meeting with your clinical director through the e-job planning system by 15 July.\n\n"
        "Revalidation: The GMC has written to 23 of our consultants whose revalidation dates\n"
        "were deferred during the pandemic.\n\n"
        "Industrial action: The BMA has said it will ballot consultants in England over pay,\n"
        "and planning to keep patients safe has to start now.\n\n"
        "Mortality: Our hospital standardised mortality ratio for the 12 months to February\n"
        "was 97.2, within the expected range.\n"
    )
    assert [headline for headline, _ in stories(text)] == [
        "Job planning",
        "Revalidation",
        "Industrial action",
        "Mortality",
    ]


def test_one_word_in_capitals_beside_capitals_leads_is_a_lead_of_the_same_list() -> None:
    text = (
        ">> ARRS GPs: From 2 December two newly qualified GPs join the network on the new\n"
        "   scheme, working across all six practices.\n\n"
        ">> CQC: Grenoside Village Surgery has been rated Good overall after its inspection\n"
        "   on 24 October, with Outstanding for responsiveness.\n\n"
        ">> ENHANCED ACCESS: From January, weekday evening appointments move from Ecclesfield\n"
        "   Road to Parkwood, which has parking and a lift.\n\n"
        ">> PHONES: Our move to the new cloud telephony system takes place on Monday 9\n"
        "   December at every site.\n"
    )
    assert [headline for headline, _ in stories(text)] == [
        "ARRS GPs",
        "CQC",
        "ENHANCED ACCESS",
        "PHONES",
    ]


def test_one_word_and_a_colon_alone_is_the_start_of_a_sentence() -> None:
    text = (
        "Waiting lists grew again in March, to 7.6 million, as strikes cancelled 40,000\n"
        "operations across England.\n\n"
        "Note: The figures for Wales are published separately and are not included in the\n"
        "totals for England this month.\n"
    )
    assert [headline for headline, _ in stories(text)] == [None]


def test_caps_leads_set_off_by_a_double_hyphen_in_bullets_are_headlines() -> None:
    text = (
        "* PAY AWARD STILL NOT ANNOUNCED -- It is now June and there is still no word from\n"
        "  the government on this year's pay award for Agenda for Change staff.\n\n"
        "* HCA BAND 2 TO 3 -- BACK PAY UPDATE -- Healthcare assistants who do clinical tasks\n"
        "  will have their back pay in the September payslip, the trust has confirmed.\n"
    )
    assert [headline for headline, _ in stories(text)] == [
        "PAY AWARD STILL NOT ANNOUNCED",
        "HCA BAND 2 TO 3 -- BACK PAY UPDATE",
    ]


TITLED = (
    "HEALTH AND SOCIAL CARE COMMITTEE\n\n"
    "Corridor care inquiry opens. The committee's first session on temporary escalation spaces"
    " heard from three emergency department consultants about patients waiting in corridors.\n\n"
    "Social care workforce. In a separate session on Wednesday, the committee questioned the"
    " minister about the 131,000 vacancies in adult social care and international recruitment.\n\n"
    "PUBLIC ACCOUNTS COMMITTEE\n\n"
    "New Hospital Programme. The committee's report, published on Tuesday, says the programme"
    " will not deliver 40 new hospitals by 2030 and that costs have risen by a third.\n"
)


def test_paragraphs_opening_with_title_sentences_are_stories_under_those_titles() -> None:
    assert [headline for headline, _ in stories(TITLED)] == [
        "Corridor care inquiry opens",
        "Social care workforce",
        "New Hospital Programme",
    ]


def test_paragraphs_opening_with_short_sentences_of_prose_are_not_titled() -> None:
    text = (
        "It was a hard winter. Our emergency department saw more patients in January than in any"
        " month since it opened, and the teams kept going throughout.\n\n"
        "We are grateful. Volunteers gave more than 4,000 hours to the wards this year, from"
        " ward visits to driving patients home after discharge.\n\n"
        "The new unit opens soon. Building work on the ambulatory care unit is nearly finished,"
        " and the first patients will be seen there in the spring.\n"
    )
    assert [headline for headline, _ in stories(text)] == [None]
