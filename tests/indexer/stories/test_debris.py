"""Debris that is not news: running heads and footers, contents lists, and the mail furniture of
a mailing-list digest. Each rule is checked through its helper and through the splitter.
"""

from __future__ import annotations

import textwrap

import pytest

from indexer.reading.mail_marks import is_quoted, is_signature_mark
from indexer.stories.boilerplate import is_boilerplate
from indexer.stories.debris import (
    entry_key,
    is_event_notice,
    is_job_advert,
    is_offer,
    is_page_mark,
    mail_header,
    repeats_headline,
    running_key,
    running_lines,
)
from indexer.stories.split import split, split_digest

FINED = "Trust fined over data breach"
FINED_TEXT = "The regulator imposed a £2m penalty on the trust after patient records were exposed."
WAITS = "Waiting lists grow again"
WAITS_TEXT = "The backlog rose for the third month running, according to figures out on Thursday."
SHUT = "Pharmacies close in deprived areas"
SHUT_TEXT = "More than 400 community pharmacies closed in England last year, most in poorer areas."

THREE_STORIES = [(FINED, (FINED_TEXT,)), (WAITS, (WAITS_TEXT,)), (SHUT, (SHUT_TEXT,))]


def stories(text: str) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(s.headline, s.paragraphs) for s in split(text)]


def decisions(text: str) -> dict[str, str]:
    return {line.text: line.decision for line in split_digest(text, explain=True).explained}


# -- running heads and footers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("Health Policy Weekly  3 March 2024   7", "health policy weekly # march # #"),
        ("Briefing for members – 12", "briefing for members – #"),
        ("Page 2 of 10", "page # of #"),
    ],
)
def test_running_key_masks_numbers(line: str, key: str) -> None:
    assert running_key(line) == key


@pytest.mark.parametrize(
    ("lines", "running"),
    [
        (["Weekly briefing 1", "Weekly briefing 2", "Weekly briefing 3"], {"weekly briefing #"}),
        (["Weekly briefing 1", "Weekly briefing 2"], {"weekly briefing #"}),  # twice, numbered
        (["Confidential", "Confidential", "Confidential"], {"confidential"}),
        (["Confidential", "Confidential"], set()),  # twice the same: not enough
        (["Weekly briefing 1", "Other text"], set()),
        # A long line is a sentence, not a running head, however often it comes back.
        ([" ".join(["word"] * 15) + " 1", " ".join(["word"] * 15) + " 2"] * 2, set()),
    ],
)
def test_running_lines(lines: list[str], running: set[str]) -> None:
    # Each line a page (five lines) apart from the next.
    assert running_lines((line, 5 * n) for n, line in enumerate(lines)) == running


def test_running_lines_next_to_each_other_are_a_list() -> None:
    lines = ["Phase 1 opens in 2026", "Phase 2 opens in 2028", "Phase 3 opens in 2031"]
    assert running_lines((line, n) for n, line in enumerate(lines)) == set()


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("Page 2 of 3", True),
        ("page 4", True),
        ("Health Weekly – page 12", True),
        ("12 of 40", True),
        ("Turn the page", False),
        ("Patient Research Ambassador of the Year (see page 3).", False),  # a cross-reference
        ("Trust fined over data breach", False),
    ],
)
def test_is_page_mark(text: str, mark: bool) -> None:
    assert is_page_mark(text) is mark


def test_running_head_with_changing_page_number_is_dropped() -> None:
    text = (
        f"Health Policy Weekly 3 March 2024 1\n{FINED}\n{FINED_TEXT}\n"
        f"Health Policy Weekly 3 March 2024 2\n{WAITS}\n{WAITS_TEXT}\n"
        f"Health Policy Weekly 3 March 2024 3\n{SHUT}\n{SHUT_TEXT}\n"
    )
    assert stories(text) == THREE_STORIES
    seen = decisions(text)
    for page in (1, 2, 3):
        assert (
            seen[f"Health Policy Weekly 3 March 2024 {page}"]
            == "dropped: repeats page after page (running head or footer)"
        )


@pytest.mark.parametrize(
    "footer", ["Briefing for members – {n}", "Confidential – not for circulation"]
)
def test_running_footer_between_paragraphs_is_dropped(footer: str) -> None:
    text = "".join(
        f"{head}\n\n{body}\n\n{footer.format(n=n)}\n\n"
        for n, (head, (body,)) in enumerate(THREE_STORIES, start=1)
    )
    assert stories(text) == THREE_STORIES


def test_a_sentence_mentioning_a_page_is_kept() -> None:
    ruling = "The full ruling is set out on page 14 of the report."
    text = f"{FINED}\n\n{FINED_TEXT}\n\n{ruling}\n\n{WAITS}\n\n{WAITS_TEXT}\n"
    assert stories(text) == [(FINED, (FINED_TEXT, ruling)), (WAITS, (WAITS_TEXT,))]


def test_numbered_list_items_are_not_running_heads() -> None:
    text = (
        "New hospital plan approved\n\n"
        "The new hospital will open in three phases, the trust said:\n\n"
        "- Phase 1 opens in 2026\n- Phase 2 opens in 2028\n- Phase 3 opens in 2031\n\n"
        f"{WAITS}\n\n{WAITS_TEXT}\n"
    )
    assert stories(text) == [
        (
            "New hospital plan approved",
            (
                "The new hospital will open in three phases, the trust said:",
                "Phase 1 opens in 2026",
                "Phase 2 opens in 2028",
                "Phase 3 opens in 2031",
            ),
        ),
        (WAITS, (WAITS_TEXT,)),
    ]


# -- contents lists -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "key"),
    [
        ("1. Trust fined over data breach", "trust fined over data breach"),
        ("ii) Trust fined over data breach", "trust fined over data breach"),
        ("12: Trust fined over data breach 14", "trust fined over data breach"),
        ("Trust fined over data breach ........ 3", "trust fined over data breach"),
        ("Trust fined over data breach p. 3", "trust fined over data breach"),
        ("Trust fined over data breach page 3", "trust fined over data breach"),
        ("1. Re: Pay award (Jane Smith)", "re pay award"),
        ("“Trust” fined over data breach!", "trust fined over data breach"),
    ],
)
def test_entry_key(entry: str, key: str) -> None:
    assert entry_key(entry) == key


HEADLINES = [FINED, WAITS, "Re: Pay award for nurses"]


@pytest.mark.parametrize(
    ("entry", "repeats"),
    [
        ("1. Trust fined over data breach ..... 2", True),
        ("Trust fined over data", True),  # cut short by the list
        ("Trust fined over", True),  # still 12 characters or more
        ("Trust fined", False),  # too short to match by its start
        ("3. Re: Pay award for nurses (Jane Smith)", True),
        ("Re: Pay award for nurses", True),
        ("Ministers promise a dental contract", False),
        ("", False),
        ("12", False),
    ],
)
def test_repeats_headline(entry: str, repeats: bool) -> None:
    assert repeats_headline(entry, HEADLINES) is repeats


def test_contents_list_with_numbers_dot_leaders_and_page_numbers_is_dropped() -> None:
    text = (
        "Contents\n"
        f"1. {FINED} (p. 2)\n"
        f"2. {WAITS} ........ 3\n"
        "3. Pharmacies close in deprived ........ 4\n\n"  # cut short by the list
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n{SHUT}\n\n{SHUT_TEXT}\n"
    )
    assert stories(text) == THREE_STORIES
    seen = decisions(text)
    assert seen[f"{FINED} (p. 2)"].startswith("dropped: a contents")
    assert seen[f"{WAITS} ........ 3"].startswith("dropped: a contents")
    assert seen["Pharmacies close in deprived ........ 4"].startswith("dropped: a contents")
    assert seen[FINED] == "story 1: headline"


def test_list_in_a_story_that_names_no_later_headline_is_kept() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n"
        "The trust must now take three steps, the regulator said:\n\n"
        "- Appoint a data protection officer\n"
        "- Retrain every member of staff\n"
        "- Report back to the regulator\n\n"
        f"{WAITS}\n\n{WAITS_TEXT}\n"
    )
    assert stories(text) == [
        (
            FINED,
            (
                FINED_TEXT,
                "The trust must now take three steps, the regulator said:",
                "Appoint a data protection officer",
                "Retrain every member of staff",
                "Report back to the regulator",
            ),
        ),
        (WAITS, (WAITS_TEXT,)),
    ]


# -- mailing-list digests -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("Subject: Pay award for nurses", ("subject", "Pay award for nurses")),
        ("From: Jane Smith <jane@example.org>", ("from", "Jane Smith <jane@example.org>")),
        ("DATE : Mon, 2 Dec 2024", ("date", "Mon, 2 Dec 2024")),
        ("Message: 1", ("message", "1")),
        ("Topic: Ward closures", ("topic", "Ward closures")),
        ("Message-ID: <a@b>", ("message-id", "<a@b>")),
        ("Summary: the trust was fined", None),
        ("The regulator said: fines will rise", None),
        ("Trust fined over data breach", None),
    ],
)
def test_mail_header(line: str, header: tuple[str, str] | None) -> None:
    assert mail_header(line) == header


@pytest.mark.parametrize(
    ("line", "quoted"),
    [
        ("> The award is too small.", True),
        ("  >> An older reply.", True),
        ("On Sun, 1 Dec 2024 at 18:03, Tom Brown <tom@example.org> wrote:", True),
        ("Tom Brown wrote:", True),
        ("Jane Smith writes:", True),
        ("He wrote: the award is small.", False),
        ("The minister said:", False),
        ("Trust fined over data breach", False),
    ],
)
def test_is_quoted(line: str, quoted: bool) -> None:
    assert is_quoted(line) is quoted


@pytest.mark.parametrize(
    ("line", "mark"),
    [("-- ", True), ("--", True), ("-- \r\n", True), ("---", False), (" -- ", False)],
)
def test_is_signature_mark(line: str, mark: bool) -> None:
    assert is_signature_mark(line) is mark


PAY_TEXT = "I think the award is fair given the pressure on the budget this year."
WARDS = "Ward closures in the north"
WARDS_TEXT = "Three wards at the Northern General will close over the winter, the trust said."
WARDS_MORE = "Staff were told at a meeting on Thursday afternoon."
SIGNATURE_MARK = "-- "  # with its space: an editor would strip it from a line in a string


def mailing_list_digest(headers_1: str, headers_2: str, after: str = "") -> str:
    """A Mailman-style digest; `after` is header lines that follow each Subject line."""
    after = f"\n{after}" if after else ""
    return f"""\
Send Nurses-list mailing list submissions to
	nurses-list@example.org

Today's Topics:

   1. Re: Pay award for nurses (Jane Smith)
   2. Ward closures in the north (Tom Brown)

----------------------------------------------------------------------

Message: 1
{headers_1}
Subject: Re: Pay award for nurses{after}

On Sun, 1 Dec 2024 at 18:03, Tom Brown <tom@example.org> wrote:
> The award is too small for staff on the lowest bands.
> It will not stop people leaving.

{PAY_TEXT}

{SIGNATURE_MARK}
Jane Smith
Ward Manager, St Elsewhere Hospital

------------------------------

Message: 2
{headers_2}
Subject: {WARDS}{after}

{WARDS_TEXT}

Tom Brown wrote:
> Does anyone know more?

{WARDS_MORE}

------------------------------

End of Nurses-list Digest, Vol 12, Issue 3
******************************************
"""


MAILING_LIST_STORIES = [
    ("Re: Pay award for nurses", (PAY_TEXT,)),
    (WARDS, (WARDS_TEXT, WARDS_MORE)),
]


def test_mailing_list_digest() -> None:
    text = mailing_list_digest(
        "From: Jane Smith <jane@example.org>", "From: Tom Brown <tom@example.org>"
    )
    assert stories(text) == MAILING_LIST_STORIES
    seen = decisions(text)
    contents = "dropped: a contents entry (the headline comes again with text)"
    assert seen["Re: Pay award for nurses (Jane Smith)"] == contents
    assert seen["Ward closures in the north (Tom Brown)"] == contents
    assert seen["Re: Pay award for nurses"] == "story 1: headline"
    assert seen[WARDS] == "story 2: headline"


def test_signature_ends_at_the_next_message_headers() -> None:
    text = (
        "From: Jane Smith <jane@example.org>\nSubject: Pay award for nurses\n\n"
        f"{PAY_TEXT}\n\n-- \nJane Smith\nWard Manager\n\n"
        f"From: Tom Brown <tom@example.org>\nSubject: {WARDS}\n\n{WARDS_TEXT}\n"
    )
    assert stories(text) == [("Pay award for nurses", (PAY_TEXT,)), (WARDS, (WARDS_TEXT,))]


def test_a_sign_off_with_thanks_ends_a_letters_news() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n"
        "With best wishes and thanks,\n\nSarah Whitcombe\nChief Executive\n"
    )
    assert stories(text) == [(FINED, (FINED_TEXT,)), (WAITS, (WAITS_TEXT,))]


def test_signature_runs_to_the_separator_line() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n-- \nJane Smith\nWard Manager, St Elsewhere\n"
        "07700 900123\n\nSent from my phone\n\n==========\n\n"
        f"{WAITS}\n\n{WAITS_TEXT}\n"
    )
    assert stories(text) == [(FINED, (FINED_TEXT,)), (WAITS, (WAITS_TEXT,))]


def test_a_dash_pair_over_a_blank_line_is_a_rule_not_a_signature() -> None:
    text = (
        "Dear colleagues,\n\nThis week we look at the new contract in more detail.\n\n--\n\n"
        f"1) {FINED}\n\n{FINED_TEXT}\n\n2) {WAITS}\n\n{WAITS_TEXT}\n"
    )
    assert [headline for headline, _ in stories(text)] == [FINED, WAITS]


def test_mailing_list_digest_with_full_message_headers() -> None:
    text = mailing_list_digest(
        "Date: Mon, 2 Dec 2024 09:12:00 +0000\nFrom: Jane Smith <jane@example.org>\n"
        "To: nurses-list@example.org",
        "Date: Mon, 2 Dec 2024 10:40:00 +0000\nFrom: Tom Brown <tom@example.org>\n"
        "To: nurses-list@example.org",
        'Message-ID: <20241202091200.1234@example.org>\nContent-Type: text/plain; charset="utf-8"',
    )
    assert stories(text) == MAILING_LIST_STORIES


def test_prose_that_gives_opening_hours_is_no_event_listing() -> None:
    from indexer.stories.debris import is_event

    prose = (
        "From Monday 3 February, all routine blood tests for patients of our four practices "
        "will take place at the new phlebotomy hub on the ground floor of Eastgate Health "
        "Centre. The hub is open 7.30am to 6pm on weekdays and 8am to 12pm on Saturdays, and "
        "appointments can be booked through the NHS App."
    )
    assert not is_event(prose, in_list=True)
    listing = "Tuesday 3 March 9.30am webinar; Thursday 5 March 2pm forum; Friday 6 March 10am"
    assert is_event(listing)
    outage = (
        "the electronic patient record will be unavailable from 1am to 4am on Sunday 23"
        " January for a planned upgrade."
    )
    assert not is_event(outage, in_list=True)  # a service stopping: news, not an event


# -- notices, appeals and details under a digest's stories --------------------------------------


def test_an_event_notice_opens_with_its_day_and_hour() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n"
        "SPRING SUPPORTERS' MEETING\n\n"
        "Saturday 14 March 2026, 11am-1pm, online. Hear from our policy team and put your "
        "questions to our chief executive.\n\nThank you for standing up for patients.\n"
    )
    assert [headline for headline, _ in stories(text)] == [FINED, WAITS]


def test_news_with_hours_in_its_first_sentence_is_not_an_event() -> None:
    strike = (
        "Junior doctors who are BMA members will strike from 7am on Saturday 24 February to "
        "11.59pm on Wednesday 28 February, the union said. Trusts expect to postpone about "
        "a fifth of planned operations and have asked consultants to cover emergency rotas."
    )
    text = f"{FINED}\n\n{FINED_TEXT}\n\nIndustrial action: what patients need to know\n\n{strike}\n"
    assert [headline for headline, _ in stories(text)][-1] == (
        "Industrial action: what patients need to know"
    )


def test_a_monthly_gift_appeal_is_not_news() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\nCAN YOU HELP?\n\n"
        "We receive no government funding. A gift of £10 a month could pay for a helpline "
        "adviser to take four calls from worried patients.\n"
    )
    assert [headline for headline, _ in stories(text)] == [FINED, WAITS]


def test_labelled_details_in_a_row_are_not_stories() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n"
        "CONTACTS\n"
        "Network manager: Louise Hartley  07700 900 318\n"
        "Clinical lead: Dr Imran Siddiqui\n"
        "Education lead: Sister Joanne Pickles\n"
        "www.criticalcare.nhs.uk  |  Twitter @CCNetwork\n"
    )
    assert stories(text) == THREE_STORIES[:2]


def test_a_label_whose_list_repeats_through_the_digest_does_not_swallow_the_first_story() -> None:
    def item(title: str) -> str:
        return (
            f"{title}\nhttps://www.gov.uk/{len(title)}\n\n"
            f"Page summary:\nWhat the page on {title.lower()} sets out for the NHS.\n\n"
            f"Change made:\nThe page on {title.lower()} was updated on Thursday.\n\n"
        )

    titles = [
        "Junior doctors' contract: implementation timetable",
        "Personal health budgets: extending the right",
        "Sugar reduction: progress report",
        "Agency spending falls for a second year",
    ]
    text = (
        "Daily update from GOV.UK for:\n\n"
        "Department of Health\nPublic Health England\nNHS Improvement\n\n"
        "_________________________________________________________________\n\n"
        f"DEPARTMENT OF HEALTH\n\n{item(titles[0])}{item(titles[1])}"
        f"PUBLIC HEALTH ENGLAND\n\n{item(titles[2])}NHS IMPROVEMENT\n\n{item(titles[3])}"
    )
    assert [headline for headline, _ in stories(text)] == titles


def test_a_contacts_heading_over_its_details_is_not_a_story() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n5. Contacts\n\n"
        "Queries about these policies should be sent to the Clinical Policy Team, Thames "
        "Ridge CCGs, Ridgeway House, Reading RG2 6GF, or to tr.policy@example.nhs.uk. "
        "Individual funding requests go to tr.ifr@example.nhs.uk, telephone 0118 000 4410.\n"
    )
    assert stories(text) == THREE_STORIES[:2]


def test_a_most_read_list_of_other_days_headlines_is_not_stories() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\nMOST READ YESTERDAY\n\n"
        "1. Resident doctors' committee to ballot on new contract terms <https://ex.org/1>\n"
        "2. Ten trusts account for a third of all corridor care incidents <https://ex.org/2>\n"
        "3. Opinion: The ten-year plan must not forget community services <https://ex.org/3>\n"
    )
    assert stories(text) == THREE_STORIES[:2]


def test_a_list_of_the_writers_other_articles_after_a_comments_link_is_not_stories() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\nLoad more comments\n\n"
        "More articles by Priya Raman\n"
        "Twelve charts that explain the NHS in 2024\nDec 20, 2024\n"
        "Neighbourhood health: the idea everyone agrees on and no one has funded\nDec 6, 2024\n"
        "Budget 2024: what it means for the NHS\nOct 31, 2024\n"
        "See all articles\n"
    )
    assert stories(text) == THREE_STORIES[:2]


def test_titles_a_contents_list_names_are_the_headlines_run_into_the_paragraphs() -> None:
    paragraphs = (
        "Lateral flow test collection service confirmed: The Department of Health and Social "
        "Care has today confirmed that pharmacies in England will be able to sign up to a new "
        "service allowing people without symptoms to collect packs of tests.",
        "Vaccination: 42 more pharmacy-led sites approved: NHS England has approved 42 further "
        "community pharmacy-led vaccination sites, bringing the total in England to 236.",
        "January price concessions: 53 granted: DHSC has granted 53 price concessions for "
        "January 2021, against 71 requested by the negotiating council.",
    )
    text = (
        "TODAY'S HEADLINES\n"
        "> Lateral flow test collection service confirmed\n"
        "> Vaccination: 42 more pharmacy-led sites approved\n"
        "> January price concessions: 53 granted\n\n"
        + "\n\n".join(textwrap.fill(paragraph, 70) for paragraph in paragraphs)
    )
    assert [(headline, body[0][:24]) for headline, body in stories(text)] == [
        ("Lateral flow test collection service confirmed", "The Department of Health"),
        ("Vaccination: 42 more pharmacy-led sites approved", "NHS England has approved"),
        ("January price concessions: 53 granted", "DHSC has granted 53 pric"),
    ]


def test_a_poll_of_emoji_answers_is_no_headline() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n"
        "🔥 Loved it   👍 It was fine   😴 Meh\n\n"
        "That's all for this week. Hit reply if you work in elective care and want to tell me.\n"
    )
    assert [headline for headline, _ in stories(text)][:2] == [FINED, WAITS]
    assert all("Loved it" not in (headline or "") for headline, _ in stories(text))


def test_who_attended_under_its_label_is_not_a_story_or_its_text() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\nMEMBERS PRESENT\n\n"
        "Paul Carver (Chair); Dr Aisha Rahman; Ben Lutterworth; Gemma\n"
        "Shaw; Dr Luke Fenner; Siobhan Keane; Martin Pryor\n"
    )
    assert stories(text) == THREE_STORIES[:2]


def test_a_headline_opening_with_the_word_sponsored_is_news_not_an_advert() -> None:
    sponsored = "Sponsored workers: what happens now"
    visa = "Since the closure of the overseas care worker visa route, providers can only sponsor."
    text = f"{FINED}\n\n{FINED_TEXT}\n\n{sponsored}\n\n{visa}\n"
    assert stories(text) == [(FINED, (FINED_TEXT,)), (sponsored, (visa,))]


def test_a_diary_of_times_under_a_looking_ahead_label_is_not_a_story() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n"
        "LOOKING AHEAD: WEDNESDAY 19 JANUARY\n"
        "------------------------------------------------------------------------------\n\n"
        "  11:30  Commons  Oral questions: Wales; Prime Minister's Questions (12:00)\n"
        "  14:00  Lords    Oral question: Availability of NHS dentistry (Lord Hamlin)\n"
        "  14:30  Commons  Health and Social Care Committee: Integrated care systems:\n"
        "                  autonomy and accountability (oral evidence, Grimond Room)\n\n"
        "Westminster Tracker is a service of Dunmore Political Monitoring Ltd. Contains "
        "Parliamentary information licensed under the Open Parliament Licence v3.0.\n"
    )
    assert stories(text) == THREE_STORIES[:2]


def test_a_list_of_further_reading_stays_stories() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\nQUICK LINKS\n\n"
        "- NHS England board papers, January 2026 <https://ex.org/1>\n"
        "- State of Care 2024/25: easy read version <https://ex.org/2>\n"
        "- Spending Review 2025: health and social care <https://ex.org/3>\n"
    )
    assert [headline for headline, _ in stories(text)][2:] == [
        "NHS England board papers, January 2026",
        "State of Care 2024/25: easy read version",
        "Spending Review 2025: health and social care",
    ]


@pytest.mark.parametrize(
    ("heading", "text"),
    [
        (
            "About this briefing",
            "Health Finance Monitor is produced monthly by the Centre for Health Economics and "
            "Policy, an independent research unit. It draws on published official statistics.",
        ),
        (
            "Media enquiries",
            "We aim to respond to all enquiries within one working day. Out of hours, call the "
            "on-call communications manager through the hospital switchboard.",
        ),
    ],
)
def test_notes_about_the_publisher_are_not_stories(heading: str, text: str) -> None:
    digest = f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n{heading}\n\n{text}\n"
    assert stories(digest) == THREE_STORIES[:2]


@pytest.mark.parametrize("label", ["JOBS", "Situations vacant", "Jobs board", "Current vacancies"])
def test_a_section_of_vacancies_under_its_label_is_not_news(label: str) -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n{label}\n\n"
        "Associate dentist, 3 days/week, NHS/private mix, Harrogate. Contact the practice.\n"
    )
    assert stories(text) == THREE_STORIES[:2]


def test_a_copyright_sign_anywhere_in_a_line_is_a_footer() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\nLicence\n\n"
        "Content © contributors, published under the Open Government Licence v3.0.\n"
    )
    assert stories(text) == THREE_STORIES[:2]


def test_a_cheque_appeal_is_not_news() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n"
        "How to give\n\n"
        'Send a cheque payable to "Pennine Stars" to the address below, or give online at '
        "any time of year. Every gift goes to the children's wards.\n"
    )
    assert stories(text) == THREE_STORIES[:2]


def test_a_labelled_link_line_is_a_link_not_a_headline() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n"
        "Register: https://www.example.org/events/oxygen-panel\n\n"
        "The institute is an independent body funded by the Department of Health and Social "
        "Care.\n"
    )
    assert all(
        headline != "Register: https://www.example.org/events/oxygen-panel"
        for headline, _ in stories(text)
    )


def test_a_greeting_letter_that_tells_of_the_issue_is_its_intro() -> None:
    text = (
        "If this email doesn't display properly, read it online:\n"
        "https://example.org/five-things/212\n\n"
        "FIVE THINGS\nYour Friday briefing on health and care policy\n\n"
        "Morning all,\n\n"
        "It's conference season, which means lots of speeches and not many details. Here are "
        "this week's five things worth knowing.\n\n"
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n{SHUT}\n\n{SHUT_TEXT}\n"
    )
    assert stories(text) == THREE_STORIES


@pytest.mark.parametrize(
    "marking",
    [
        "RESTRICTED: for Members and their staff. This note is prepared by the clerks.",
        "CONFIDENTIAL - prepared for clients. Please do not forward it.",
        "OFFICIAL-SENSITIVE: not for wider circulation",
    ],
)
def test_a_handling_marking_is_not_text(marking: str) -> None:
    stories_text = f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n"
    text = f"WEEKLY NOTE TO MEMBERS\n\n{marking}\n\n{stories_text}"
    assert stories(text) == THREE_STORIES[:2]


def test_a_copyright_sign_inside_a_word_is_a_mis_decoded_letter_not_a_footer() -> None:
    text = f"Mixed cafÃ© opens in the atrium\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n"
    assert [headline for headline, _ in stories(text)] == ["Mixed cafÃ© opens in the atrium", WAITS]


@pytest.mark.parametrize(
    ("text", "advert"),
    [
        ("Ward sister, Band 7, Leeds. Closes 30 January.", True),
        ("Practice nurse, Harbour Surgery: closes 6 June", True),
        ("the Welsh Government's consultation closes on 20 September.", False),
        ("Nominations for the awards close soon; the survey closes 4 March.", False),
        ("Permits move to a salary-banded charge, from free to £22 a month for band 8a.", False),
        (
            "Applications are open for ten fellowships, each worth £3,500 towards a project. "
            "The closing date is 30 June.",
            False,
        ),
        ("Clinical fellow, band 7, £43,742 per annum. Closing date 30 June.", True),
        ("We are recruiting a Senior Economist (£52,000-£60,000, closing 2 June).", True),
        (
            "Six podiatrists at band 5 won £14,500 in back pay after the tribunal ruled the trust"
            " had underpaid them for two years.",
            False,
        ),
        ("A salaried dental service will open, with £2m from the health board.", False),
    ],
)
def test_vacancy_cues_are_not_read_into_other_news(text: str, advert: bool) -> None:
    assert is_job_advert(None, text) is advert


def test_a_regulatory_notice_under_the_stories_is_their_footer() -> None:
    text = (
        "Backlog now £13.8bn\n\nThe latest returns show the maintenance backlog has grown again, "
        "to £13.8bn, with high-risk repairs almost a quarter of the total.\n\n"
        "Westmoor Healthcare Advisory LLP is authorised and regulated by the\n"
        "Institute of Chartered Accountants in England and Wales. This digest\n"
        "is for information only and does not constitute advice.\n"
    )
    assert [story.headline for story in split(text)] == ["Backlog now £13.8bn"]


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("Save 15% on car and home insurance with UnionCover. Terms apply.", True),
        ("Two tickets for the price of one this month. T&Cs apply", True),
        ("The new terms will apply to every contract signed after April.", False),
    ],
)
def test_an_offers_small_print_marks_it(text: str, offer: bool) -> None:
    assert is_offer(text) is offer


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        (
            "Falls prevention study day, 5 November, Leeds. Book your place now: places are free.",
            True,
        ),
        (
            "Nursing conference on 12 May in York. Book your free ticket through Eventbrite.",
            True,
        ),
        (
            "The job planning round opens on 20 June. Please book your meeting with your clinical"
            " director by 15 July.",
            False,  # a meeting booked with a manager is no event
        ),
        (
            "From Monday 20 April, staff can have a household member tested at the drive-through"
            " site. More than 640 colleagues have been tested, and 71% returned to work within"
            " 48 hours. Book through the staff hub.",
            False,  # news of a service that can be booked: it reports a share
        ),
        (
            "From Monday 17 October the whole team will move to the Municipal Buildings. Desk"
            " booking will be through the new Wayfinder app.",
            False,  # an office move: a desk's booking is no event's
        ),
    ],
)
def test_an_invitation_asks_the_reader_to_book_a_place(text: str, notice: bool) -> None:
    assert is_event_notice(text) is notice


def test_an_advert_opening_with_its_label_and_a_named_footer_are_not_the_storys_text() -> None:
    text = (
        "Serious shortage protocols issued for three HRT products\n\n"
        "Pharmacists can now limit dispensing of three hormone replacement therapy products to"
        " three months' supply, as demand has risen by 38% in a year.\n\n"
        "Blood pressure checks pass 1,000 pharmacies\n\n"
        "More than 1,000 community pharmacies have signed up to the case-finding service since it"
        " launched in October, NHS England figures show.\n\n"
        "SPONSORED: Stock shortages eating your margins? ShelfSense predicts shortages up to six"
        " weeks ahead. Try it free for 30 days.\n\n"
        "You are receiving MedsBrief Daily because you registered at pharmawire.co.uk.\n"
    )
    last = split(text)[-1]
    assert last.body.endswith("NHS England figures show.")


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("1,341 results", True),
        ("Showing 1 to 20 of 312 results", True),
        ("12 news articles found", True),
        ("3 April deadline for results", False),
        ("Staff survey results", False),
    ],
)
def test_a_listing_pages_count_of_results_is_chrome(line: str, chrome: bool) -> None:
    assert is_boilerplate(line) is chrome


def test_a_charitys_registration_line_ends_the_digest() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n"
        "Kestrel Health Foundation is an independent charity (No. 1184420). 28 Lambeth Walk,"
        " London SE11 6LR.\n"
    )
    assert stories(text) == [(FINED, (FINED_TEXT,)), (WAITS, (WAITS_TEXT,))]


def test_a_label_over_nothing_takes_no_headline_above_it_with_it() -> None:
    evidence = "Our evidence to the Health and Social Care Committee's inquiry into prevention"
    text = (
        f"{FINED}\n{FINED_TEXT}\n\n{evidence}\nhttps://example.org/evidence/prevention\n\n"
        f"ELSEWHERE THIS WEEK\n\n{WAITS}\n{WAITS_TEXT}\n"
    )
    assert evidence in [headline for headline, _ in stories(text)]


def test_a_link_to_full_details_of_a_list_is_no_story() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n"
        "Full details on the jobs board: https://example.org/jobs\n\n"
        "USEFUL LINKS\n\n"
        f"{WAITS}\n\n{WAITS_TEXT}\n"
    )
    assert stories(text) == [(FINED, (FINED_TEXT,)), (WAITS, (WAITS_TEXT,))]


def test_listings_under_a_jobs_label_are_vacancies() -> None:
    text = (
        f"{FINED}\n{FINED_TEXT}\n\nPULSE JOBS\n"
        "PCN Clinical Pharmacist, Bramley & District PCN – £48,000\n"
        "Practice Manager, The Elms Surgery, Wokingham – £42,000–£46,000\n"
        "More at https://example.org/jobs\n\n"
        f"{WAITS}\n{WAITS_TEXT}\n"
    )
    assert stories(text) == [(FINED, (FINED_TEXT,)), (WAITS, (WAITS_TEXT,))]


@pytest.mark.parametrize(
    "label",
    ["SPONSORED · IN PARTNERSHIP WITH CEDARLINE HEALTH ANALYTICS", "TOGETHER WITH CEDARLINE"],
)
def test_a_sponsor_label_naming_its_partner_marks_the_advert_under_it(label: str) -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n"
        f"{label}\n\n"
        "Turn your waiting list into a plan\n\n"
        "Cedarline's validation service has helped 40 trusts remove duplicate appointments.\n\n"
        f"{WAITS}\n\n{WAITS_TEXT}\n"
    )
    assert stories(text) == [(FINED, (FINED_TEXT,)), (WAITS, (WAITS_TEXT,))]


def test_a_reader_poll_at_the_end_starts_the_footer() -> None:
    text = (
        f"{FINED}\n\n{FINED_TEXT}\n\n{WAITS}\n\n{WAITS_TEXT}\n\n"
        "How was today’s email?\n\n🔥 Loved it 👍 It was fine 👎 Not for me\n\n"
        "Share The Weekly\n\nYou currently have 0 referrals, only 3 away from our cheat-sheet.\n\n"
        "Keep reading\n\nWho does what in a 26-ICB world\n\n"
        "A field guide to the new boards, their chairs and their footprints.\n"
    )
    assert stories(text) == [(FINED, (FINED_TEXT,)), (WAITS, (WAITS_TEXT,))]


def test_a_pictures_alt_text_in_brackets_between_headline_and_text_is_not_the_text() -> None:
    text = (
        f"{FINED}\n\n[A vaccinator preparing a dose at the Sevenoaks clinic]\n\n{FINED_TEXT}\n\n"
        f"{WAITS}\n\n{WAITS_TEXT}\n"
    )
    assert stories(text) == [(FINED, (FINED_TEXT,)), (WAITS, (WAITS_TEXT,))]


@pytest.mark.parametrize("button", ["All events", "View all jobs", "See all events", "More news"])
def test_a_button_under_a_list_is_chrome(button: str) -> None:
    assert is_boilerplate(button)
    assert not is_boilerplate(f"{button} in Leeds this week were cancelled after the storm.")


def test_a_date_after_a_dash_that_heads_a_title_stays_in_the_headline() -> None:
    from indexer.stories.debris import trim_headline
    from indexer.stories.split import _dated

    assert trim_headline("THE TIMES – Waiting lists grow – 14 March 2024", _dated) == (
        "Waiting lists grow"
    )
    headline = "v2.5.0 – 18 February 2021: 104-week tracker"
    assert trim_headline(headline, _dated) == headline
