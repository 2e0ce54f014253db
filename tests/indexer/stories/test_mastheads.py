"""A plain-text digest's masthead block: centred lines, an issue line, an audience line.

Each digest here is small and written for the rule it tests; none is a copy of a fixture.
"""

from __future__ import annotations

import textwrap

import pytest

from indexer.reading.digest_dates import is_date_line, is_dated_masthead
from indexer.stories.boilerplate import is_boilerplate
from indexer.stories.split import split

LEAD = """\
The new emergency department at Northfield General Hospital
will open to patients at 8am on Monday 7 August, two weeks
later than planned after final fire safety checks. The
£18.5m department has 42 cubicles and a paediatric area.

Medical director Dr Samuel Okafor said the move would be
the biggest single change to how the hospital works.
"""

SECOND = """\
Flu jabs for staff start next week

Vaccination clinics open in the staff restaurant on Monday, and
peer vaccinators will visit every ward before the end of October.
"""


def headlines_under(masthead: str) -> list[str | None]:
    return [story.headline for story in split(f"{masthead}{LEAD}\n{SECOND}")]


def test_centred_masthead_lines_are_not_joined_into_a_headline() -> None:
    masthead = (
        "             T H E   W A R D\n"
        "   Staff news from Kingsbridge Hospitals NHS Foundation Trust\n"
        "              Issue 31  --  3 August 2017\n\n"
    )
    assert headlines_under(masthead) == [None, "Flu jabs for staff start next week"]


def test_the_audience_line_under_a_dated_issue_line_is_the_masthead() -> None:
    masthead = (
        "PUBLIC HEALTH NEWS\n"
        "Westmoor Council  |  Bulletin 2022/05  |  4 March 2022\n"
        "For partners in the Westmoor Health and Wellbeing Board\n\n"
    )
    assert headlines_under(masthead) == [None, "Flu jabs for staff start next week"]


def test_a_headline_in_the_block_below_the_masthead_is_still_a_headline() -> None:
    masthead = "PUBLIC HEALTH NEWS\nBulletin 5  |  4 March 2022\n\n"
    assert [story.headline for story in split(f"{masthead}{SECOND}")] == [
        "Flu jabs for staff start next week"
    ]


def test_a_note_of_whom_the_issue_is_for_under_the_masthead_is_no_standfirst() -> None:
    masthead = (
        "WESTMOOR AMBULANCE SERVICE NHS FOUNDATION TRUST\n"
        "THE WEEKLY CALL  |  Staff bulletin  |  Thursday 23 January 2020\n"
        "For all staff and volunteers. Please make sure colleagues see a copy.\n\n"
    )
    assert headlines_under(masthead) == [None, "Flu jabs for staff start next week"]


def test_a_week_ending_line_with_its_publisher_is_the_issue_line() -> None:
    assert is_dated_masthead("Week ending Friday 6 July 2018 · From Ashby Lane Public Affairs")
    assert not is_dated_masthead("Trust fined on 6 July 2018 for failings")
    masthead = "WESTMINSTER MONITOR\n\nWeek ending Friday 6 July 2018 · From Ashby Lane\n\n"
    assert headlines_under(masthead) == [None, "Flu jabs for staff start next week"]


def test_a_short_piece_saying_what_the_issue_holds_before_the_stories_is_its_intro() -> None:
    intro = (
        "Coroners must write a report to prevent future deaths when an inquest reveals a risk"
        " that others could die. Each month we read every report published and summarise the"
        " ones with lessons for the NHS."
    )
    note = "Note: these summaries discuss deaths. Support is available from Samaritans."
    stories = [
        (
            title,
            textwrap.fill(
                f"The coroner found that the {place} trust had no written policy on escalation of"
                " deteriorating scores, and asked the trust and NHS England to respond within 56"
                " days of the report.",
                76,
            ),
        )
        for title, place in [
            ("Sepsis missed after early discharge", "Fenland"),
            ("Insulin not given during a long wait", "Harrowgate"),
            ("Care home resident choked on food", "Calder"),
        ]
    ]
    text = "\n\n".join(
        [textwrap.fill(intro, 76), note, *(f"{title}\n\n{body}" for title, body in stories)]
    )
    assert [story.headline for story in split(text)] == [title for title, _ in stories]


@pytest.mark.parametrize(
    ("line", "dated"),
    [
        ("Autumn 2021  (No. 11)", True),
        ("Spring 2022 | Issue 4", True),
        ("Issue 4 - Summer 2023", True),
        ("Winter 2019/20", True),
        ("Winter pressures ease in 2021", False),
    ],
)
def test_an_issue_dated_by_its_season_is_a_date_line(line: str, dated: bool) -> None:
    assert is_date_line(line) is dated


def test_a_centred_masthead_with_a_season_and_an_audience_line_is_the_header() -> None:
    masthead = (
        "       NORTH CUMBRIA & LAKES LOCAL EYE HEALTH NETWORK\n"
        "                  N E W S L E T T E R\n"
        "                     Autumn 2021  (No. 11)\n\n"
        "   for optometrists, dispensing opticians, practice teams,\n"
        "   ophthalmologists, orthoptists and commissioners\n\n"
    )
    assert headlines_under(masthead) == [None, "Flu jabs for staff start next week"]


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("OFFICIAL", True),
        ("OFFICIAL-SENSITIVE", True),
        ("NOT PROTECTIVELY MARKED", True),
        ("For members only. Please do not circulate outside your organisation.", True),
        ("For internal use only", True),
        ("INTERNAL - FOR PUBLIC HEALTH AND COMMISSIONING STAFF ONLY. PLEASE DO", True),
        ("NOT FORWARD OUTSIDE THE COUNCIL.", True),
        ("Internal audit found the trust had not forwarded the records.", False),
        ("Created by Priya Nair, last modified by Tom Ashcroft on Jan 23, 2020", True),
        ("🔥 Loved it 👍 It was fine 😴 Meh", True),
        ("How did we do today?", True),
        ("How was today’s issue?", True),
        ("🗺️ Structures", False),
        ("How was the money spent?", False),
        ("Sign up to our newsletter", True),
        ("Sign up for the webinar", True),
        ("Sign up to Stop the Pressure", False),  # a campaign's name: a headline
        ("Sign up for regular updates from the ICB", True),
        ("Sign up to Twitter", True),
        ("How did we do in the CQC inspection?", False),
        ("🎉 Celebrating our nurses 🎉", False),
        ("⭐ GP contract → what changes", False),
        ("👍 Useful 👎 Not for me", True),
        ("Official figures show waits rose again", False),
        ("+ Follow", True),  # a social post's buttons
        ("Repost", True),
        ("Report this article", True),
        ("Follow the money", False),
        ("Report finds rise in corridor care", False),
        (
            "For members only: the new contract guide is out now, and it covers pay, pensions, "
            "leave and the new appraisal rules that apply from April across the county.",
            False,
        ),
    ],
)
def test_markings_notes_page_histories_and_polls_are_chrome(line: str, chrome: bool) -> None:
    assert is_boilerplate(line) is chrome


def test_a_greeted_letter_of_news_is_the_lead_story_and_a_short_one_the_intro() -> None:
    news = (
        "January has been every bit as hard as we expected, and I am grateful to every one of"
        " you for the extra sessions and the late finishes."
    )
    bid = (
        "First, our bid to the ICB for a same-day access hub has been approved, and from 1 April"
        " the network will run a hub at Westgate Health Centre on weekdays."
    )
    last = (
        "Second, this is my last newsletter as clinical director: Dr Fiona Kerr takes up the"
        " role on 1 March, and I will still be working clinically at Canal Street."
    )
    item = "SPRING VACCINATION: CONFIRM YOUR PARTICIPATION\n\n" + (
        "The spring campaign will run from 13 April to 30 June for people aged 75 and over,"
        " and the network will run the care home visits centrally."
    )
    letter = f"Dear colleagues,\n\n{news}\n\n{bid}\n\n{last}\n\nBest wishes,\nDr Anil Mehta\n\n"
    assert [s.headline for s in split(letter + item + "\n")] == [
        None,
        "SPRING VACCINATION: CONFIRM YOUR PARTICIPATION",
    ]


def test_a_leaders_message_heading_right_over_its_text_heads_it() -> None:
    text = (
        "Weekly Staff Briefing\nThursday 8 February 2024\n\n"
        "Message From Our Chief Executive\n"
        "Last Thursday the board agreed our winter recovery plan, and I want to thank every"
        " team that helped us reopen the escalation ward.\n"
        "None of this would be possible without the way you have kept services running.\n\n"
        "Critical Incident Stood Down\n"
        "The critical incident declared on Sunday was stood down at 6pm on Tuesday after"
        " ambulance handover delays eased.\n"
    )
    assert [s.headline for s in split(text)] == [
        "Message From Our Chief Executive",
        "Critical Incident Stood Down",
    ]


def test_a_circulars_note_to_display_it_on_noticeboards_is_its_header() -> None:
    text = (
        "BRANCH CIRCULAR 14/2020                          2 October 2020\n\n"
        "Please display on staff noticeboards.\n"
        "----------------------------------------------------------------\n\n"
        "1.1  Members will know that NHS staff on Agenda for Change\n"
        "     contracts were left out of the public sector pay awards.\n\n"
        "2.   CAR PARKING CHARGES\n\n"
        "2.1  The trust has confirmed that free staff parking will end\n"
        "     on 31 October.\n"
    )
    found = split(text)
    assert [(s.headline, s.body[:20]) for s in found] == [
        (None, "Members will know th"),
        ("CAR PARKING CHARGES", "The trust has confir"),
    ]


@pytest.mark.parametrize(
    "purpose",
    [
        "This report provides the Board with an update on national, regional and local "
        "developments since the last meeting held in public.",
        "This report updates the Board on key issues since the last meeting.",
        "This note has been prepared by committee staff to help members follow the session.",
    ],
)
def test_a_reports_purpose_before_its_items_is_its_introduction(purpose: str) -> None:
    items = [
        ("Planning guidance published", "NHS England published its priorities on 24 December."),
        ("Health and Care Bill", "The Bill completed its Commons stages on 23 November."),
        ("Elective surgical hub", "The Trust has been awarded £8.4 million for a new hub."),
    ]
    text = f"PURPOSE\n\n{purpose}\n\n" + "".join(f"{h}\n\n{b}\n\n" for h, b in items)
    assert [(s.headline, s.body) for s in split(text)] == items


@pytest.mark.parametrize(
    "fields",
    [
        "Severnside Community Health NHS Trust | Week ending Friday 7 June 2019 | Prepared by "
        "Jo Taverner, Head of Policy, for the Executive Team",
        "Actions taken or concluded 1 to 31 October 2024 | Published 8 November 2024 | Ref: "
        "HCSA/ENF/2024-10",
    ],
)
def test_an_issues_line_of_dated_fields_under_the_masthead_is_its_header(fields: str) -> None:
    items = [
        ("Planning guidance published", "NHS England published its priorities on 24 December."),
        ("Health and Care Bill", "The Bill completed its Commons stages on 23 November."),
    ]
    text = (
        f"WEEKLY BRIEFING\n\n{fields}\n\n"
        "This monthly round-up summarises what happened nationally and what it means here.\n\n"
        + "".join(f"{h}\n\n{b}\n\n" for h, b in items)
    )
    assert [(s.headline, s.body) for s in split(text)] == items


@pytest.mark.parametrize(
    "description",
    [
        "Short, sharp commentary from our researchers and guest authors.",
        "News from the Hartbridge public health team. For the council's partners and residents.",
        "Our latest thinking on health and care policy in the UK.",
        "Fortnightly notes on integrated care systems for people who work in them.",
    ],
)
def test_a_pages_description_under_its_title_is_no_story(description: str) -> None:
    items = [
        ("Planning guidance published", "NHS England published its priorities on 24 December."),
        ("Health and Care Bill", "The Bill completed its Commons stages on 23 November."),
        ("Elective surgical hub", "The Trust has been awarded £8.4 million for a new hub."),
    ]
    text = f"Insight\n\n{description}\n\n" + "".join(f"{h}\n\n{b}\n\n" for h, b in items)
    assert [(s.headline, s.body) for s in split(text)] == items


def test_a_leaders_update_under_the_masthead_that_tells_news_is_a_story() -> None:
    text = (
        "S T A F F   N E W S\nWednesday 19 January 2022\n\n"
        "REAP UPDATE FROM OUR CHIEF EXECUTIVE\n\nDear colleagues,\n\n"
        "From 07:00 on Monday 24 January we will move from REAP level 4 to REAP level 3, after\n"
        "a sustained fall in staff absence.\n\n"
        "New ambulances arrive at Thornaby\n\n"
        "The first 12 of 40 new ambulances went into service on Monday at Thornaby station.\n\n"
        "Booster clinic at headquarters\n\n"
        "The last staff booster clinic runs on Friday from 8am to 4pm in the training suite.\n"
    )
    found = split(text)
    assert [(s.headline, s.body[:20]) for s in found] == [
        ("REAP UPDATE FROM OUR CHIEF EXECUTIVE", "From 07:00 on Monday"),
        ("New ambulances arrive at Thornaby", "The first 12 of 40 n"),
        ("Booster clinic at headquarters", "The last staff boost"),
    ]
