"""The story splitter: the three layouts, labels, headers, boilerplate and hard-wrapped text.

Texts here are written for the tests (not the seeds) so the rules are checked for generality.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from indexer.blocks import Block
from indexer.records import Section
from indexer.stories.split import split, split_digest
from tests.scoring import score

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def as_blocks(text: str, headings: tuple[str, ...]) -> list[Block]:
    """Plain text as a structured reader would give it: `headings` marked as headings."""
    blocks = []
    for group, para in enumerate(text.split("\n\n")):
        for line in para.split("\n"):
            kind = "heading" if line.strip() in headings else "paragraph"
            blocks.append(Block(kind, line.strip(), group))
    return blocks


def stories(text: str, headings: tuple[str, ...] = ()) -> list[tuple[str | None, str]]:
    blocks = as_blocks(text, headings) if headings else None
    return [(s.headline, s.body) for s in split(text, blocks)]


def heads(text: str) -> list[str | None]:
    return [s.headline for s in split(text)]


# -- layout 1: headline over paragraphs ----------------------------------------------------------

LAYOUT_1 = """\
Pharmacy closures accelerate in deprived areas

More than 400 community pharmacies closed in England last year.

The steepest falls were in the most deprived tenth of neighbourhoods.

What next for the GP contract?

Negotiations collapsed on Monday after ministers refused to move.

But practices are divided.

Minister: ‘We will not reopen the deal’

The health secretary told MPs the offer was final.
"""


def test_headline_over_paragraphs() -> None:
    assert stories(LAYOUT_1) == [
        (
            "Pharmacy closures accelerate in deprived areas",
            "More than 400 community pharmacies closed in England last year.\n\n"
            "The steepest falls were in the most deprived tenth of neighbourhoods.",
        ),
        (
            "What next for the GP contract?",
            "Negotiations collapsed on Monday after ministers refused to move.\n\n"
            "But practices are divided.",
        ),
        (
            "Minister: ‘We will not reopen the deal’",
            "The health secretary told MPs the offer was final.",
        ),
    ]


def test_one_line_paragraph_with_full_stop_is_body() -> None:
    assert heads(LAYOUT_1).count("But practices are divided.") == 0


def test_headline_directly_over_its_text() -> None:
    text = (
        "Trust fined £800,000\nThe trust admitted failings.\nIt will appeal.\n\n"
        "Next story here\nMore text."
    )
    assert stories(text) == [
        ("Trust fined £800,000", "The trust admitted failings.\n\nIt will appeal."),
        ("Next story here", "More text."),
    ]


# -- layout 2: lead story without a headline -----------------------------------------------------


def test_lead_story_and_newsletter_header() -> None:
    text = """\
Our roundup of the day’s essential health policy news

Ministers are preparing to announce a review of NHS England’s role, sources say.

The review would report before the spending review.

Capital squeeze

Trusts face another year of flat capital budgets.
"""
    result = split_digest(text)
    assert result.header == "Our roundup of the day’s essential health policy news"
    assert [(s.headline, s.paragraphs[0][:20]) for s in result.sections] == [
        (None, "Ministers are prepar"),
        ("Capital squeeze", "Trusts face another "),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Good morning, and welcome to the Tuesday edition.",
        "Here are today’s top stories",
        "The Weekly Briefing",
        "HSJ Evening Update",
        "Make sure you are up to date with this week’s news",
    ],
)
def test_header_lines_are_not_stories(header: str) -> None:
    text = (
        f"{header}\n\nNHS England has published new targets for trusts.\n\n"
        "Strike called off\n\nThe union accepted."
    )
    assert heads(text) == [None, "Strike called off"]


def test_masthead_above_header_is_dropped() -> None:
    text = "HSJ\nThe must-read stories in health policy today\n\nTrust fined\n\nIt was fined £1m."
    assert stories(text) == [("Trust fined", "It was fined £1m.")]


# -- layout 3: headline / standfirst pairs -------------------------------------------------------

PAIRS = """\
Top stories this week
Boards told to cut running costs by 30%
Every board must reduce its running costs within two years.
Nurses back revised pay offer
Members voted to accept a revised award worth 5.5 per cent.
Leadership Watch: The chair who wants fewer board meetings
Our weekly look at the people running the NHS
Cancer waits lengthen at eight trusts
Fewer than half of patients started treatment within two months.
"""


def test_headline_standfirst_pairs_with_a_label_line() -> None:
    assert stories(PAIRS) == [
        (
            "Boards told to cut running costs by 30%",
            "Every board must reduce its running costs within two years.",
        ),
        (
            "Nurses back revised pay offer",
            "Members voted to accept a revised award worth 5.5 per cent.",
        ),
        (
            "Leadership Watch: The chair who wants fewer board meetings",
            "Our weekly look at the people running the NHS",  # no full stop, still a standfirst
        ),
        (
            "Cancer waits lengthen at eight trusts",
            "Fewer than half of patients started treatment within two months.",
        ),
    ]


def test_section_label_before_a_headline_is_not_a_story() -> None:
    text = (
        "First story\n\nSome text.\n\nEssential reading this week\n\n"
        "Who pays for social care?\n\nCouncils say they cannot."
    )
    assert heads(text) == ["First story", "Who pays for social care?"]


def test_label_ending_in_colon() -> None:
    text = (
        "Also in the news:\n\nTrust fined\n\nThe trust was fined.\n\n"
        "In brief:\nA ward closed in Leeds."
    )
    assert stories(text) == [
        ("Trust fined", "The trust was fined."),
        ("In brief", "A ward closed in Leeds."),
    ]


def test_list_after_a_colon_stays_in_the_story() -> None:
    text = """\
Seven systems put in special measures

The seven systems placed in the first tier are:
- Cheshire and Merseyside
- Devon
- Kent and Medway

Each will receive support.
"""
    [story] = split(text)
    assert story.headline == "Seven systems put in special measures"
    assert "Devon" in story.paragraphs and story.paragraphs[-1] == "Each will receive support."


def test_headline_list_and_table_of_contents() -> None:
    text = """\
In this issue
Trust fined over death
Strike called off
Capital squeeze deepens

Trust fined over death
The trust admitted failings.

Strike called off
The union accepted the offer.

Capital squeeze deepens
Budgets stay flat.

Also in the news
Ward closes in Leeds
Hospital opens new wing
Deputy chief executive appointed
"""
    assert stories(text) == [
        ("Trust fined over death", "The trust admitted failings."),
        ("Strike called off", "The union accepted the offer."),
        ("Capital squeeze deepens", "Budgets stay flat."),
        ("Ward closes in Leeds", ""),
        ("Hospital opens new wing", ""),
        ("Deputy chief executive appointed", ""),
    ]


# -- what is not a story -----------------------------------------------------------------------


def test_email_and_web_boilerplate_removed() -> None:
    text = """\
View this email in your browser
If someone forwarded you this email, sign up here

Wednesday 17 July 2024

Trust fined over death
Image: Getty Images
By Sarah Jones, health correspondent
Published: 17 July 2024

The trust admitted failings. Read more »

Twitter | Facebook | LinkedIn
News | Comment | Jobs | Events
Advertisement
Sponsored by Acme Analytics

It will appeal.
Read the full story

You are receiving this email because you subscribed to our newsletters.
Unsubscribe | Manage preferences
© 2024 Publisher Ltd, 1 High Street, London
"""
    assert stories(text) == [
        ("Trust fined over death", "The trust admitted failings.\n\nIt will appeal.")
    ]


def test_footer_marker_early_in_the_text_only_drops_its_line() -> None:
    text = (
        "Unsubscribe | Update your preferences\n\nTrust fined\n\nIt was fined £1m.\n\n"
        "Strike ends\n\nDeal done."
    )
    assert heads(text) == ["Trust fined", "Strike ends"]


def test_link_debris_and_bullets() -> None:
    text = (
        "• Trust fined <https://example.org/a>\nhttps://example.org/a\nThe trust was fined [1].\n"
    )
    assert stories(text) == [("Trust fined", "The trust was fined.")]


def test_nbsp_normalised_curly_quotes_kept() -> None:
    [story] = split("Trust\u00a0‘fined’\n\nIt said “no”.\u00a0\n")
    assert (story.headline, story.body) == ("Trust ‘fined’", "It said “no”.")


def test_heading_hints_allow_long_or_stopped_headlines() -> None:
    heading = (
        "A very long heading that goes on and on well past the usual length of a headline in print."
    )
    text = f"{heading}\n\nThe text of the story."
    assert heads(text) == [None]
    expected = [Section(heading, ("The text of the story.",))]
    assert split(text, as_blocks(text, (heading,))) == expected


def test_empty_and_boilerplate_only_text() -> None:
    assert split("") == []
    assert split("View in browser\n\nUnsubscribe\n") == []


# -- hard-wrapped plain text -------------------------------------------------------------------


def test_wrapped_paragraphs_are_joined() -> None:
    paragraph = (
        "NHS England has told integrated care boards to cut their running costs by almost a "
        "third within two years, according to a letter seen by HSJ, which also sets out new "
        "rules for the Care Quality Commission."
    )
    text = f"Boards told to cut costs\n\n{textwrap.fill(paragraph, 72)}\n"
    assert stories(text) == [("Boards told to cut costs", paragraph)]


def test_a_bulleted_headline_that_fills_the_line_stays_over_its_text() -> None:
    """Items set "* Headline" over their wrapped text: the digest's template holds for an
    item whose headline is long enough that the next word would not have fitted."""
    items = [
        ("Physiotherapists in 41 trusts vote to strike", "Our statutory ballot closed on 2 "
         "December, and members in 41 NHS trusts voted for strike action on a high turnout."),
        ("Members in Scotland accept pay offer", "Members working for NHS Scotland have voted "
         "by 66% to accept the revised offer, worth an average of 7.5% and backdated."),
        ("Members in Wales and Northern Ireland to be balloted in January", "Consultative "
         "ballots in Wales and Northern Ireland showed similar anger among members."),
    ]  # fmt: skip
    text = "\n\n".join(f"* {head}\n{textwrap.fill(body, 68)}" for head, body in items)
    assert stories(text) == items


def test_wrapped_pairs_keep_long_headlines_whole() -> None:
    pairs = [
        (
            "Directors ‘should face disciplinary action’ over unfair dismissal, judge says",
            "Former system leaders should face further investigation, a judge has concluded.",
        ),
        (
            "Revealed: Three-fold variation in emergency response time by ICS",
            "A threefold variation in ambulance response for serious conditions has been revealed.",
        ),
        (
            "Trust launches probe after cyber attack",
            "One of the least digitised teaching hospitals has been forced to investigate.",
        ),
    ]
    text = "\n".join(textwrap.fill(line, 64) for pair in pairs for line in pair)
    assert stories(text) == pairs


@pytest.mark.parametrize("width", [56, 66, 72, 76, 78])
def test_seeds_hard_wrapped_still_split_perfectly(width: int) -> None:
    """The seeds re-wrapped as a plain-text e-mail would be: the F1 must not drop."""
    gold = json.loads((FIXTURES / "seeds" / "stories.gold.json").read_text(encoding="utf-8"))
    parsed = []
    for name in gold:
        lines = (FIXTURES / "seeds" / name).read_text(encoding="utf-8").split("\n")
        text = "\n".join(textwrap.fill(line, width) if line.strip() else "" for line in lines)
        parsed += [{"source": name, "headline": s.headline, "body": s.body} for s in split(text)]
    (_, _, f1), misses = score.score_stories(gold, parsed)
    assert misses == [] and f1 == 1.0


def test_link_arrows_dropped_and_a_must_read_headline_is_news() -> None:
    text = (
        "NHS England’s must-read guidance on winter »\nTrusts get new rules.\n"
        "Strike ends ›\nDeal done."
    )
    assert stories(text) == [
        ("NHS England’s must-read guidance on winter", "Trusts get new rules."),
        ("Strike ends", "Deal done."),
    ]


def test_digest_name_is_the_first_header_line() -> None:
    text = "HSJ Daily\nThe must-read stories in health policy today\n\nTrust fined\n\nIt was."
    assert split_digest(text).header == "HSJ Daily"


def test_sponsored_block_is_not_a_story() -> None:
    text = textwrap.dedent(
        """\
        Trust fined over patient death
        A hospital trust has been fined £800,000 after a patient died following a fall.

        SPONSORED
        Cut your admin time in half with DocuFlow
        Join 2,000 practices already using DocuFlow. Book a free demo today.

        Waiting list falls again
        The elective waiting list fell to 7.4 million in May.
        """
    )
    assert [s.headline for s in split(text)] == [
        "Trust fined over patient death",
        "Waiting list falls again",
    ]


def test_sponsor_label_alone_takes_the_next_block_with_it() -> None:
    text = (
        "Birmingham trust names chief executive\n\nThe trust appointed a new leader today.\n\n"
        "SPONSORED BY MEDILINK CONSULTING\n\nIs your system ready? Download our free guide.\n\n"
        "Nottingham review extended\n\nThe review will examine 2,500 families."
    )
    sections = split(text)
    assert [s.headline for s in sections] == [
        "Birmingham trust names chief executive",
        "Nottingham review extended",
    ]
    assert all("Medilink" not in " ".join(s.paragraphs) for s in sections)


def test_tagline_under_the_title_is_a_header_not_a_lead_story() -> None:
    text = (
        "Our pick of the latest research, comment and data on health and care.\n\n"
        "Chart of the week\n\nThe share of patients waiting more than 18 weeks has risen."
    )
    result = split_digest(text)
    assert [s.headline for s in result.sections] == ["Chart of the week"]


def test_footer_with_address_and_alert_settings_ends_the_digest() -> None:
    text = (
        "Scotland scraps dental charges\nThe Scottish government will extend free dental care.\n\n"
        "To manage your BMJ email alerts, visit your account settings. BMJ Publishing Group Ltd, "
        "BMA House, Tavistock Square, London WC1H 9JR."
    )
    (section,) = split(text)
    assert section.paragraphs == ("The Scottish government will extend free dental care.",)


def test_forwarding_note_and_header_block_are_not_stories() -> None:
    text = (
        "Hi Tom,\n\nWorth a read.\n\nPriya\n\n---------- Forwarded message ---------\n"
        "From: Digest <d@example.com>\nDate: Thu, 15 May 2025 at 07:02\nSubject: Digest\n"
        "To: <p@example.com>\n\nTrust fined over baby deaths\n\n"
        "A trust has been fined £1.6m after admitting failures in care.\n"
    )
    sections = split(text)
    assert [s.headline for s in sections] == ["Trust fined over baby deaths"]


def test_dated_masthead_is_not_the_lead_story_headline() -> None:
    text = (
        "Health Policy Insight — Tuesday 18 March 2025\n\n"
        "The government has announced that a national body will be abolished within two years.\n"
    )
    assert [s.headline for s in split(text)] == [None]


def test_signature_after_a_sign_off_is_not_a_story() -> None:
    text = (
        "Clinic opens in Dartford\n\nA new urgent treatment centre opened on Monday.\n\n"
        "Stroke consultation closes\n\nA consultation on stroke services closes in April.\n\n"
        "Kind regards,\n\nCommunications Team\nNHS Kent and Medway\n"
    )
    assert [s.headline for s in split(text)] == [
        "Clinic opens in Dartford",
        "Stroke consultation closes",
    ]


def _blocks(*parts: tuple[str, str]) -> list[Block]:
    return [Block(kind, text, level=2 if kind == "heading" else 0, group=n)
            for n, (kind, text) in enumerate(parts)]  # fmt: skip


def _headlines(*before: tuple[str, str], after: tuple[tuple[str, str], ...] = ()) -> list:
    """The headlines split out of `before`, the two STORIES, then `after`."""
    return [s.headline for s in split("", _blocks(*before, *STORIES, *after))]


STORIES = (
    ("heading", "Trust fined £2m over maternity failings"),
    ("paragraph", "A hospital trust has been fined £2m after failings in its maternity unit."),
    ("heading", "Nursing applications fall for a third year"),
    ("paragraph", "Applications to nursing degrees fell again this year, UCAS figures show."),
)


def test_one_short_paragraph_before_headlined_stories_is_an_intro() -> None:
    intro = ("paragraph", "Pay, staffing, training and industrial relations across the NHS.")
    sections = split("", _blocks(intro, *STORIES))
    assert [s.headline for s in sections] == [STORIES[0][1], STORIES[2][1]]


def test_a_lead_story_without_a_headline_is_kept() -> None:
    lead = (
        ("paragraph", "Ministers have agreed a £1.2bn rescue for three hospital trusts whose "
                      "buildings are failing, after months of pressure from their boards."),
        ("paragraph", "The money will be paid over three years, the Treasury said on Monday."),
    )  # fmt: skip
    for paragraphs in (lead, (("paragraph", " ".join(text for _, text in lead) * 2),)):
        sections = split("", _blocks(*paragraphs, *STORIES))  # two paragraphs, or one long one
        assert sections[0].headline is None and sections[0].paragraphs[0].startswith("Ministers")
        assert len(sections) == 3


def test_a_headed_foreword_that_welcomes_the_reader_is_not_a_story() -> None:
    opening = (
        ("heading", "Policy Update"),
        ("paragraph", "Issue 14 · October 2021"),
        ("heading", "Contents"),
        ("item", "Foreword"),
        ("item", "Trust fined £2m over maternity failings"),
        ("item", "Nursing applications fall for a third year"),
        ("item", "Beds cut"),
        ("heading", "Foreword"),
        ("paragraph", "Welcome to the October issue of Policy Update. It has been a busy "
                      "month for the college and for our members."),
    )  # fmt: skip
    more = (("heading", "Beds cut"), ("paragraph", "A trust has cut 40 beds to save money."))
    sections = split("", _blocks(*opening, *STORIES, *more))
    assert [s.headline for s in sections] == [STORIES[0][1], STORIES[2][1], "Beds cut"]


@pytest.mark.parametrize(
    "intro",
    [
        "The latest news from the LMC for GPs and practice staff in Gloucestershire, with "
        "guidance on contracts, workload and the new appointments data.",
        "Our monthly digest of research and policy papers relevant to general practice, "
        "chosen and summarised by the college's policy team for busy members.",
    ],
)
def test_a_heading_over_a_description_of_the_page_is_not_a_story(intro: str) -> None:
    opening = (("heading", "News"), ("paragraph", intro))
    more = (("heading", "Beds cut"), ("paragraph", "A trust has cut 40 beds to save money."))
    sections = split("", _blocks(*opening, *STORIES, *more))
    assert [s.headline for s in sections] == [STORIES[0][1], STORIES[2][1], "Beds cut"]


@pytest.mark.parametrize(
    "issue_line",
    [
        "Weekly intelligence for ICS leaders from Lanyon Partners · No. 58 · 16 November 2023",
        "Thursday 24 September 2020 / Dydd Iau 24 Medi 2020",
    ],
)
def test_an_issue_line_is_not_the_lead_storys_headline(issue_line: str) -> None:
    lead = (
        "NHS England has given systems an extra £800m to cover the cost of industrial action.",
        "The money comes with conditions: systems must hold their deficits at the planned level.",
    )
    text = f"{issue_line}\n\n{lead[0]}\n\n{lead[1]}\n\n" + "\n\n".join(
        f"{head}\n{body}" for head, body in (
            ("Trust fined £2m over maternity failings", "A trust was fined £2m on Monday."),
            ("Nursing applications fall again", "Applications fell for a third year."),
        )
    )  # fmt: skip
    sections = split(text)
    assert sections[0].headline is None and sections[0].paragraphs == lead


@pytest.mark.parametrize(
    ("title", "invitation"),
    [
        ("Board assurance masterclass", "London, Thursday 7 March 2019. Places are limited to 30 "
         "non-executive directors; book through the members' area."),
        ("ANNUAL CONFERENCE 2016", "Harrogate Convention Centre, 15–16 October 2016. Early-bird "
         "rate ends 29 July."),
    ],
)  # fmt: skip
def test_an_invitation_to_an_event_is_not_a_story(title: str, invitation: str) -> None:
    more = (("heading", title), ("paragraph", invitation))
    assert _headlines(after=more) == [STORIES[0][1], STORIES[2][1]]


def test_news_of_an_event_that_happened_is_a_story() -> None:
    news = (
        ("heading", "Conference hears of record waits"),
        ("paragraph", "Delegates at the conference in Harrogate on 15 October heard that "
                      "waits had reached a record, with 7.6 million people on the list."),
    )  # fmt: skip
    assert len(split("", _blocks(*STORIES, *news))) == 3


@pytest.mark.parametrize(
    "pointer",
    ["See all 312 vacancies: gpfrontline.co.uk/jobs", "See all 140 clinical leadership jobs"],
)
def test_a_pointer_to_more_of_a_list_is_not_a_story(pointer: str) -> None:
    further = [
        "Podcast: why the waiting list keeps on growing",
        "The long-term plan in full, with our notes",
        pointer,
    ]
    links = [Block("item", text, group=len(STORIES), linked=True) for text in further]
    sections = split("", [*_blocks(*STORIES), *links])
    assert [s.headline for s in sections] == [STORIES[0][1], STORIES[2][1], *further[:2]]


def test_the_label_over_a_contents_list_goes_with_it() -> None:
    heads = [STORIES[0][1], STORIES[2][1], "Beds cut at Kingsmead"]
    contents = "\n".join(f"{head}{' ' * 8}{page}" for page, head in enumerate(heads, 2))
    text = (
        f"POLICY UPDATE\n\nContents\n\n{contents}\n\nrcct.org.uk\n\n"
        + "\n\n".join(
            f"{head}\n\n{body}"
            for head, body in zip(
                heads,
                ("A trust was fined £2m on Monday after failings in its maternity unit.",
                 "Applications to nursing degrees fell for a third year, UCAS figures show.",
                 "A trust has cut 40 beds at Kingsmead Hospital to save £3m this year."),
                strict=True,
            )
        )
    )  # fmt: skip
    assert [s.headline for s in split(text)] == heads


def test_a_section_about_the_publisher_is_not_a_story() -> None:
    about = (
        ("heading", "About Healthwatch Ribble Valley"),
        ("paragraph", "Healthwatch Ribble Valley is the independent champion for people who "
                      "use health and social care services in the area."),
    )  # fmt: skip
    assert _headlines(after=about) == [STORIES[0][1], STORIES[2][1]]


def test_news_about_a_body_is_still_news() -> None:
    news = (
        ("heading", "About turn on hospital closures"),
        ("paragraph", "Ministers have reversed plans to close two hospitals in Kent."),
    )
    assert len(split("", _blocks(*STORIES, *news))) == 3


def test_a_pdf_footer_and_the_next_pages_head_in_one_block_go_together() -> None:
    text = (
        "What we heard\n\nNHS dentistry\n\nNot one of the 19 dental practices we contacted was "
        "accepting new\nadult patients. Several people told us they had been quoted £800 for\n"
        "private treatment\n\n"
        "Healthwatch Calder Valley – Quarterly report                 Page 1 of 2\n"
        "\fWhat we heard: January to March 2026          Healthwatch Calder Valley\n\n"
        "they had been unable to get on the NHS.\n\n"
        "Leaving hospital\n\nFamilies described being given less than two hours' notice.\n"
    )
    sections = split(text)
    assert [s.headline for s in sections] == ["NHS dentistry", "Leaving hospital"]
    assert sections[0].paragraphs[-1].endswith("private treatment they had been unable to get "
                                               "on the NHS.")  # fmt: skip


@pytest.mark.parametrize(
    "heading", ["Date of next meeting", "Next issue", "The next Board meeting"]
)
def test_a_notice_of_the_next_meeting_or_issue_is_not_a_story(heading: str) -> None:
    notice = (
        ("heading", heading),
        ("paragraph", "It will be held on Thursday 6 July at 10am at Kingsmead House."),
    )
    assert _headlines(after=notice) == [STORIES[0][1], STORIES[2][1]]


def test_a_markdown_masthead_over_its_issue_line_and_links_is_not_a_headline() -> None:
    from indexer.reading.markdown_doc import markdown_to_text

    source = (
        "# Staff Update\n\n**NHS Forth Valley** · Issue 46 · Thursday 21 November 2024\n\n"
        "[View on StaffNet](https://example.org/46) | [Previous issues](https://example.org)\n\n"
        "The emergency department saw 71% of patients within four hours in October.\n\n"
        "Chief Executive Roderick Sands thanked staff across the hospital.\n\n"
        "# Services\n\n## Minor injuries unit opens\n\nA nurse-led service opened on Monday.\n\n"
        "# Our people\n\n## Health visitor wins award\n\nAn Alloa health visitor has won.\n"
    )
    md = markdown_to_text(source)
    sections = split(md.text, md.blocks)
    assert md.title == "Staff Update"
    assert [s.headline for s in sections] == [
        None,
        "Minor injuries unit opens",
        "Health visitor wins award",
    ]
    assert sections[0].paragraphs[0].startswith("The emergency department")


def test_items_opened_by_double_angle_brackets_are_not_quotes() -> None:
    items = [
        ("Funding deal worth £3.1bn agreed for 2025/26", "The department and pharmacy "
         "negotiators have agreed the largest uplift in a decade."),
        ("Pharmacy First consultations pass 3 million", "NHS England figures show 3.2 million "
         "consultations in the first year."),
        ("Clawback on Category M prices to end in October", "Negotiators say the change will "
         "steady cash flow for independent pharmacies."),
    ]  # fmt: skip
    text = "THE DISPENSARY DIGEST\n\n" + "\n\n".join(f">> {h}\n{b}" for h, b in items)
    assert [(s.headline, s.paragraphs[0]) for s in split(text)] == items


def test_a_line_of_details_under_a_headline_is_not_the_headline() -> None:
    text = textwrap.dedent("""\
        1.  Glove recall: batch 2207
            Category: Safety notice | Ref: FSN 2018/11/052

            The maker has issued a field safety notice recalling one batch of gloves.

        2.  Savings reach £14.2m
            Category: Performance | Ref: RPT/2018/Q2

            Cash-releasing savings from shared contracts reached £14.2m in the half year.
        """)
    found = [(s.headline, s.body.split(".")[0]) for s in split(text)]
    assert found == [
        (
            "Glove recall: batch 2207",
            "The maker has issued a field safety notice recalling one batch of gloves",
        ),
        ("Savings reach £14.2m", "Cash-releasing savings from shared contracts reached £14"),
    ]


def test_a_contact_line_split_by_bars_is_not_a_story_detail() -> None:
    from indexer.stories.split import _is_details

    assert _is_details("The Herald, p.1 | by Karen Burnside")
    assert not _is_details("Tel: 01482 389 200 | comms@example.nhs.uk")
    assert not _is_details(
        "Waiting lists grew again in March as the winter pressures went on | more"
    )


def test_a_single_quote_mark_over_an_indented_standfirst_marks_items() -> None:
    items = [
        ("Councils confirm grant allocations", "Final allocations of the grant were published."),
        (
            "Care worker vacancies reach 122,000",
            "The annual report estimates a vacancy rate of 10%.",
        ),
        ("Living wage rise from April", "The increase will add an estimated £390m to costs."),
    ]
    text = "POLICY\n\n" + "\n\n".join(f"> {h}\n  {b}" for h, b in items) + "\n"
    assert [(s.headline, s.body) for s in split(text)] == items


def test_a_quoted_reply_stays_a_quote() -> None:
    text = "Thanks, agreed.\n\n> We should meet on Tuesday.\n> The agenda is attached.\n\nJo\n"
    assert all("Tuesday" not in s.body for s in split(text))


def test_a_run_in_headline_in_capitals_is_cut_from_its_text() -> None:
    items = [
        "NEW PATIENT PREMIUM NOW LIVE - From 1 March, practices can claim a one-off payment"
        " for each new patient seen. The ICB expects up to 60,000 patients in its area to be"
        " eligible in the first year of the scheme.",
        "MOBILE DENTAL VANS FOR RURAL AREAS - Two mobile units will start visiting villages"
        " in April. Each van has two surgeries and will stay for a week in each place on its"
        " route, the ICB said.",
        "RECORD-KEEPING AUDIT RESULTS - The regional audit of 120 practices found that most"
        " records were complete. Missing consent notes were the most common gap it found.",
    ]
    text = "\n\n".join(textwrap.fill(item, 70) for item in items) + "\n"
    assert [s.headline for s in split(text)] == [
        "NEW PATIENT PREMIUM NOW LIVE",
        "MOBILE DENTAL VANS FOR RURAL AREAS",
        "RECORD-KEEPING AUDIT RESULTS",
    ]


def test_a_lead_in_capitals_runs_over_its_dashes_question_marks_and_figures() -> None:
    from indexer.stories.template import text_lead

    text = "Staff on Agenda for Change contracts have until 6 June to vote on the deal, and most "
    assert text_lead(f"PAY DEAL - HAVE YOUR SAY - {text}staff gain 6.5%.") == (
        "PAY DEAL - HAVE YOUR SAY"
    )
    assert text_lead(f"GDPR - ARE YOU READY? - {text}rules change.") == "GDPR - ARE YOU READY?"
    assert text_lead(f"STROKE UNIT GETS £1.2M UPGRADE - {text}beds open.") == (
        "STROKE UNIT GETS £1.2M UPGRADE"
    )


def test_a_speaker_before_a_quote_is_not_a_lead() -> None:
    from indexer.stories.template import text_lead

    assert text_lead("Chief executive Melanie Ashcroft said: \"This is your rating, and it is "
                     "the work of every one of the 6,200 people here.\"") is None  # fmt: skip
    assert text_lead("Pharmacy closures: A further 112 pharmacies closed in the year to "
                     "March, the association said.") == "Pharmacy closures"  # fmt: skip


def test_two_lines_in_capitals_stay_one_headline() -> None:
    from indexer.stories.template import text_lead

    assert text_lead("PAY CAP – TIME TO SCRAP IT") is None
    assert (
        text_lead("THE TIMES – Budget’s £3.4bn for NHS technology “will take years” – 14 March")
        is None
    )


def test_diary_entries_with_a_date_after_their_name_are_not_stories() -> None:
    text = textwrap.dedent("""\
        Trust fined over data breach

        The regulator fined the trust £2m after patient records were lost.

        TRAINING DATES

          * Positive behaviour support (two days): 21-22 October, Kingsmoor Centre
          * Falls prevention train-the-trainer: 5 November, online
          * Budget day - Wednesday 11 March 2020
        """)
    assert [s.headline for s in split(text)] == ["Trust fined over data breach"]


def test_an_advert_takes_one_block_after_its_title_never_the_stories_below() -> None:
    text = textwrap.dedent("""\
        SPONSORED BY CORVANE ANALYTICS
        Validate your waiting list in days, not months <https://example.com/c>

        ----------------------------------------

        TOP STORY

        GP practices face £240m bill from employer NICs rise

        The rise in employer national insurance contributions will add £240m a year to the
        running costs of general practice in England, according to modelling by the BMA.

        The union estimates that a typical practice will pay an extra £31,000 a year.
        """)
    [story] = split(text)
    assert story.headline == "GP practices face £240m bill from employer NICs rise"
    assert story.body.startswith("The rise in employer national insurance")


BRIEFS = [
    "Pharmacy closures: A further 112 community pharmacies closed in England in the six months"
    " to September, the Company Chemists’ Association said.",
    "Physician associates: The independent review of physician associate roles will report in"
    " the spring, the health secretary has confirmed.",
    "Wales winter money: The Welsh Government has released £25m to help health boards open"
    " extra step-down beds over the winter.",
]


def test_short_names_run_into_their_text_with_a_colon_are_headlines() -> None:
    text = "IN BRIEF\n\n" + "\n\n".join(BRIEFS) + "\n"
    assert [(s.headline, s.body[:12]) for s in split(text)] == [
        ("Pharmacy closures", "A further 11"),
        ("Physician associates", "The independ"),
        ("Wales winter money", "The Welsh Go"),
    ]


def test_a_field_every_item_repeats_is_not_a_headline() -> None:
    relevant = "Relevant to: Practice managers and all GP partners in the county, who must reply."
    text = "\n\n".join([BRIEFS[0], relevant, BRIEFS[1], relevant]) + "\n"
    headlines = [s.headline for s in split(text)]
    assert "Relevant to" not in headlines and "Pharmacy closures" in headlines


def test_an_advert_title_never_takes_a_long_block_of_stories_after_it() -> None:
    blocks = [
        Block("cell", "SPONSORED", 0),
        Block("cell", "StrideLab Pro: clinical gait analysis", 0),
        Block("cell", "Portable, validated, and ready in minutes →", 0),
    ]
    stories = [
        ("College responds to the draft framework", "We have welcomed the recognition " * 8),
        ("Have your say on stroke standards", "The college has published draft standards " * 6),
    ]
    for headline, text in stories:
        blocks += [Block("cell", headline, 1, strong=True), Block("cell", text.strip() + ".", 1)]
    text = "\n\n".join(b.text for b in blocks)
    assert [s.headline for s in split(text, blocks)] == [h for h, _ in stories]


def test_diary_entries_with_bold_dates_and_a_one_line_webinar_are_not_stories() -> None:
    blocks = [
        Block("heading", "Trust fined over data breach", 0, level=3),
        Block("paragraph", "The regulator fined the trust £2m after records were lost.", 1),
        Block("heading", "Dates for your diary", 2, level=3),
        Block(
            "item",
            "7 December 2016 – Revalidation webinar, 12.30pm",
            3,
            level=1,
            lead="7 December 2016",
        ),
        Block(
            "item",
            "18 January 2017 – Council meeting in public",
            3,
            level=1,
            lead="18 January 2017",
        ),
        Block(
            "paragraph",
            "Webinar: Planning for winter · Tuesday 12 May, 2pm · Register",
            4,
            lead="Webinar:",
        ),
    ]
    text = "\n\n".join(b.text for b in blocks)
    assert [s.headline for s in split(text, blocks)] == ["Trust fined over data breach"]


def test_a_line_of_topics_split_by_bullets_is_a_contents_line() -> None:
    from indexer.stories.split import _is_topic_list

    assert _is_topic_list("Pathology ballot result • Pay review body delay • Network meetings")
    assert _is_topic_list("Waiting lists | Winter beds | GP contract | Dental access")
    assert not _is_topic_list("Trust fined • Board told")  # two: a headline's parts
    assert not _is_topic_list("The trust was fined. • It will appeal. • Staff were told.")


def test_a_contact_line_with_bullets_stays_for_the_contact_rules() -> None:
    text = textwrap.dedent("""\
        Trust fined over data breach

        The regulator fined the trust £2m after patient records were lost in the post.

        Your account manager · Harriet Cole · 020 7219 8843 · h.cole@example.co.uk
        """)
    explained = split_digest(text, explain=True).explained
    notes = [line.text for line in explained if "contents line" in line.decision]
    assert notes == []


def test_a_byline_naming_two_authors_with_their_roles_is_a_byline() -> None:
    from indexer.stories.boilerplate import is_byline

    assert is_byline("By Eleanor Finch, Partner, and Marcus Doyle, Senior Associate")
    assert not is_byline("By the end of the year, every trust will have a patient portal")


def test_an_intro_signed_by_its_writer_with_a_title_and_role_leaves_the_lead_story_alone() -> None:
    """ "Revd Canon Alison Threlfall, Head of Spiritual Care" signs the intro above the lead
    story: a signature, not the lead story's headline."""
    text = (
        "NORTH MERCIA HOSPITALS NHS FOUNDATION TRUST\nSpiritual Care & Volunteering News\n"
        "Issue 41  |  March 2023  |  For volunteers, chaplains and faith visitors\n\n"
        + "-"
        * 60
        + "\n\nDear friends,\n\nSpring is nearly with us and this issue has plenty to catch\n"
        "up on. As ever, please pass it on to anyone who is not on email.\n\n"
        "Revd Canon Alison Threlfall, Head of Spiritual Care\n\n" + "-" * 60 + "\n\n"
        "The trust board has agreed to fund two additional whole-time chaplain\n"
        "posts from April, bringing the team at Royal Shrewsbury Road and the\n"
        "Telford site to 7.4 whole-time equivalents. The decision follows a\n"
        "review by the Patient Experience Committee, which found that call-outs\n"
        "to the chaplaincy had risen by 38% since 2019.\n\n"
        "MULTI-FAITH ROOM REOPENS\n\nThe multi-faith room on level 2 reopened on Monday.\n\n"
        "VOLUNTEER NUMBERS BACK UP\n\nWe have more active volunteers than in 2019.\n"
    )
    assert [s.headline for s in split(text)] == [
        None,
        "MULTI-FAITH ROOM REOPENS",
        "VOLUNTEER NUMBERS BACK UP",
    ]


def test_single_asterisk_leads_in_plain_text_are_headlines() -> None:
    text = (
        "IN BRIEF\n\n"
        "*Hip fractures* - One in four patients with a hip fracture waited more than a day.\n\n"
        "*Maternity* - The regulator has rated maternity services at two trusts inadequate.\n"
    )
    assert [(s.headline, s.body[:10]) for s in split(text)] == [
        ("Hip fractures", "One in fou"),
        ("Maternity", "The regula"),
    ]


def test_rows_of_a_plain_text_table_of_dates_are_events() -> None:
    from indexer.stories.debris import is_event

    assert is_event("| 28 May Webinar: Pharmacy First audit explained, 7.30pm |")
    assert is_event("| 4 Jun LPC chairs' forum, Birmingham |")
    assert not is_event("| Trust | Waiting list | Change |")


def test_a_table_of_dates_read_as_one_line_is_a_list_of_events() -> None:
    from indexer.stories.debris import is_event

    table = (
        "Date | Meeting | Venue; 13 March 2025 | Health and Wellbeing Board | Hereford; "
        "27 March 2025 | ICB board in public | Gloucester; 8 April 2025 | Partnership | Online."
    )
    assert is_event(table)
    figures = "Trust | Waiting list | Change; Leeds | 120,000 | +2%; York | 80,000 | -1%."
    assert not is_event(figures)


def test_a_line_saying_whom_the_bulletin_is_for_is_intro() -> None:
    from indexer.stories.boilerplate import is_intro_talk

    assert is_intro_talk("This bulletin is for health and care professionals in the region.")
    assert is_intro_talk("This briefing summarises the board's decisions in May.")
    assert is_intro_talk("This update summarises the policy decisions made in March.")
    assert is_intro_talk("This page summarises what changed this month for registrants.")
    assert is_intro_talk("Please ensure this circular is seen by your pharmacist managers.")
    assert not is_intro_talk("The bulletin is for sale at £5 a copy, the trust said.")
    assert is_intro_talk("This summary is produced for directors of public health in England.")
    assert is_intro_talk("Please find below the latest branch news.")
    assert is_intro_talk("We want to say thank you and share some of the news from the wards.")
    assert not is_intro_talk("The trust will share the news of its rating with staff on Friday.")


def test_a_memos_aligned_fields_go_with_its_header_block() -> None:
    text = textwrap.dedent("""        BRANCH CIRCULAR 11/2021

        Date:     18 June 2021
        To:       All stewards and workplace contacts
        From:     Mick Farrell, Branch Secretary
        Action:   Please display on union noticeboards and forward to members

        NHS PAY: MEMBERS REJECT 1% IN CONSULTATION

        The results of the consultation on the government's 1% pay recommendation were
        announced on 15 June, and most members who took part rejected the offer.
        """)
    assert [story.headline for story in split(text)] == [
        "NHS PAY: MEMBERS REJECT 1% IN CONSULTATION"
    ]


def test_items_numbered_with_a_slash_lose_their_number() -> None:
    text = textwrap.dedent("""\
        1/ Neighbourhood health centres named

        The department named the first 43 neighbourhood health centres on Tuesday.

        2/ Resident doctors vote again

        The BMA's resident doctors committee will ballot its members again.
        """)
    assert [s.headline for s in split(text)] == [
        "Neighbourhood health centres named",
        "Resident doctors vote again",
    ]


def test_subheadings_every_story_repeats_stay_inside_their_stories() -> None:
    text = textwrap.dedent("""\
        Oxygen on surge wards

        Two patients were harmed when oxygen ran low on temporary wards.

        What happened

        A patient on a surge ward was given air instead of oxygen for six hours.

        What we found

        We identified 23 similar incidents in two years.

        Sepsis in children

        Children with sepsis wait too long for antibiotics, we found.

        What happened

        A child was taken to an emergency department with a high temperature.

        What we found

        Early warning scores were in use in only 61% of departments.
        """)
    stories = split(text)
    assert [s.headline for s in stories] == ["Oxygen on surge wards", "Sepsis in children"]
    assert "23 similar incidents" in stories[0].body and "61%" in stories[1].body


def test_nothing_in_an_appendix_is_a_story() -> None:
    text = textwrap.dedent("""\
        Gluten-free foods

        Prescribing of gluten-free foods will be limited to bread and flour mixes from May.

        Cataract surgery

        Second-eye surgery now needs a referral showing the patient's need for it.

        Appendix A: Policy register (as at 1 April 2018)

        Hip and knee replacement    TR-031   Revised 03/2018

        Varicose veins              TR-036   Under review

        Over-the-counter medicines  TR-040   Consultation
        """)
    assert [s.headline for s in split(text)] == ["Gluten-free foods", "Cataract surgery"]


@pytest.mark.parametrize(
    "heading", ["Disclaimer", "Notes", "Endnotes", "Sources", "About", "About this briefing"]
)
def test_nothing_under_a_disclaimer_or_notes_at_the_end_is_a_story(heading: str) -> None:
    text = textwrap.dedent(f"""\
        Gluten-free foods

        Prescribing of gluten-free foods will be limited to bread and flour mixes from May.

        Cataract surgery

        Second-eye surgery now needs a referral showing the patient's need for it.

        {heading}

        This briefing is for members and should not be relied on as a substitute for advice.
        """)
    assert [s.headline for s in split(text)] == ["Gluten-free foods", "Cataract surgery"]


def test_numbered_items_open_with_a_title_closed_by_a_full_stop() -> None:
    text = textwrap.dedent("""\
        1. NHS funding settlement. The Prime Minister announced on Monday that the NHS budget
           will grow by an average of 3.4% a year in real terms over the next five years.

        2. Written questions. Answers to written questions this week included figures on
           waiting times for autism assessment in every region of England.
        """)
    assert [s.headline for s in split(text)] == ["NHS funding settlement", "Written questions"]


def test_a_short_first_sentence_outside_a_numbered_list_is_no_title() -> None:
    text = "The BMA said no. It will ballot its members again in the new year on the offer.\n"
    assert [s.headline for s in split(text)] == [None]


def test_presented_by_under_an_agenda_item_is_its_byline() -> None:
    from indexer.stories.boilerplate import is_byline

    assert is_byline("Presented by Dan Whitcombe, Director of Integrated Commissioning")
    assert is_byline("Posted by Amira Shah")
    assert not is_byline("Presented by the trust, the plan sets out how beds will be cut")


def test_fundraising_asks_are_not_stories() -> None:
    text = textwrap.dedent("""\
        New dementia helpline opens

        Our new helpline opened on Monday and took 400 calls in its first week of service.

        Give a gift that lasts

        A regular gift of £5 a month helps us plan ahead and reach more families each year.

        £10 could pay for a call to our helpline

        Every call is answered by a specialist nurse who knows what families go through.
        """)
    assert [s.headline for s in split(text)] == ["New dementia helpline opens"]


def test_titles_set_off_by_a_dash_are_headlines_where_the_digest_repeats_them() -> None:
    text = (
        "--- TRUST NEWS ---\n\n"
        "NHS at 70 tea party – Tomorrow the NHS turns 70, and we are celebrating with a tea "
        "party in the main atrium from 2pm to 4pm.\n\n"
        "CQC report published – The Care Quality Commission has rated the trust Good overall, "
        "with maternity rated Outstanding for the first time.\n\n"
        "Car parking (ACTION) – From Monday 16 July the staff car park on Bristol Road will "
        "close for six weeks for resurfacing.\n"
    )
    assert [s.headline for s in split(text)] == [
        "NHS at 70 tea party",
        "CQC report published",
        "Car parking (ACTION)",
    ]


def test_a_dash_in_prose_or_after_a_dateline_makes_no_headline() -> None:
    prose = (
        "Waiting lists – the longest on record – grew again in May, to 7.6 million, and the "
        "trusts say that winter will make them longer still.\n\n"
        "BARNSLEY — A 79-year-old man who waited four hours for an ambulance died of "
        "complications that earlier treatment would have prevented, a coroner found.\n\n"
        "LEEDS — The trust was fined £1m after a patient fell from a roof, the court heard on "
        "Monday, and it will not appeal.\n"
    )
    assert [s.headline for s in split(prose)] == [None]
