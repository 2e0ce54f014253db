"""A story's details under its headline (labelled fields, dated tables) are not its text."""

from __future__ import annotations

import textwrap

import pytest

from indexer.blocks import Block
from indexer.stories.boilerplate import is_boilerplate, is_postal_address
from indexer.stories.debris import is_dated_entry, is_event, is_event_notice, is_job_advert
from indexer.stories.split import split

HEADLINES = (
    "Extra flu vaccine from central stock",
    "Cloud telephony: the last practices switch",
    "Primary care staff survey: the results",
)
TEXTS = (
    "Practices can order more vaccine through ImmForm from Monday. Allocations follow last "
    "year's uptake.",
    "The ICB will fund the move to cloud telephony for each of the nine practices still on "
    "analogue lines.",
    "Thank you to the 1,212 staff who took part in this year's survey. The report goes to "
    "the committee in October.",
)


def bulletin(fields: list[list[tuple[str, str]]]) -> list[Block]:
    """Stories as a bulletin's cells: a bold headline, labelled fields, then the text."""
    blocks: list[Block] = []
    for number, (text, story_fields) in enumerate(zip(TEXTS, fields, strict=True)):
        blocks.append(Block("cell", HEADLINES[number], number * 9, strong=True))
        for offset, (label, value) in enumerate(story_fields, start=1):
            blocks.append(Block("cell", f"{label}: {value}", number * 9 + offset, lead=f"{label}:"))
        blocks.append(Block("cell", text, number * 9 + 8))
    return blocks


def test_fields_each_story_repeats_are_its_details() -> None:
    blocks = bulletin(
        [
            [
                ("Relevant to", "Practice managers, GP partners"),
                ("Deadline", "Friday 27 September"),
            ],
            [("Relevant to", "Practice managers")],
            [("Relevant to", "All practice staff")],
        ]
    )
    found = [(section.headline, section.body) for section in split("", blocks)]
    assert found == list(zip(HEADLINES, TEXTS, strict=True))


def test_a_label_said_once_is_no_field() -> None:
    """A label no other story repeats may be the story's own words: it is not dropped."""
    blocks = bulletin([[("Relevant to", "Practice managers")], [], []])
    shown = [part for section in split("", blocks) for part in (section.headline, section.body)]
    assert any(part and part.startswith("Relevant to: Practice managers") for part in shown)


def test_a_table_of_dated_rows_is_a_diary_not_a_story() -> None:
    """A data table (written on one line by the reader) whose rows open with dates."""
    table = (
        "Date | What; Wed 14 October, 1pm | Practice managers' forum (Teams); "
        "Fri 16 October | Vaccination site expressions of interest due; "
        "Mon 2 November | Extra vaccine orders open."
    )
    blocks = [
        Block("heading", HEADLINES[0], 0, level=3),
        Block("paragraph", TEXTS[0], 1),
        Block("heading", "Key dates", 2, level=3),
        Block("paragraph", table, 3),
    ]
    assert [section.headline for section in split("", blocks)] == [HEADLINES[0]]


def test_a_table_of_figures_is_no_diary() -> None:
    assert not is_event("Region | Waiting | Change; North | 1,204 | +3%; South | 988 | -1%.")
    assert not is_event("Date | What; Wed 14 October | Forum; Budget | Board approves plan.")


@pytest.mark.parametrize("names", ["Dr Fiona Marsh and Sam Okoro", "Dr Iain Kerr and Maya Hollis"])
def test_two_people_named_under_a_headline_are_its_byline(names: str) -> None:
    blocks = [
        Block("heading", HEADLINES[0], 0, level=3),
        Block("paragraph", names, 1),
        Block("paragraph", TEXTS[0], 2),
        Block("heading", "Health and Social Care", 3, level=2),
        Block("paragraph", TEXTS[1], 4),
    ]
    found = [(section.headline, section.byline) for section in split("", blocks)]
    assert found == [
        (HEADLINES[0], names),
        ("Health and Social Care", None),
    ]


def test_a_researchers_name_and_role_is_a_byline() -> None:
    """Think tanks sign pieces with a name and a research role, not a newsroom one."""
    blocks = [
        Block("heading", HEADLINES[0], 0, level=2),
        Block("cell", "Priya Raman, Senior Fellow", 1),
        Block("cell", TEXTS[0], 1),
        Block("heading", HEADLINES[1], 2, level=2),
        Block("cell", "Tom Ellery, Fellow", 3),
        Block("cell", TEXTS[1], 3),
    ]
    found = [(section.headline, section.body, section.byline) for section in split("", blocks)]
    assert found == [
        (HEADLINES[0], TEXTS[0], "Priya Raman, Senior Fellow"),
        (HEADLINES[1], TEXTS[1], "Tom Ellery, Fellow"),
    ]


def test_details_with_an_aside_in_a_field_are_details() -> None:
    """'Asked by Graham Yeo (Con, Harrogate and Knaresborough)': the aside is no more words."""
    details = (
        "Written question 191204 | Asked by Graham Yeo (Con, Harrogate and Knaresborough) | "
        "Answered 21 November 2018"
    )
    blocks = [
        Block("cell", "Waiting times for autism assessments", 0, strong=True),
        Block("cell", details, 0),
        Block("cell", TEXTS[0], 0),
        Block("cell", HEADLINES[1], 1, strong=True),
        Block("cell", TEXTS[1], 1),
    ]
    found = [(section.headline, section.body) for section in split("", blocks)]
    assert found[0] == ("Waiting times for autism assessments", TEXTS[0])


def test_a_sentence_running_into_a_list_is_no_label() -> None:
    """'Practices are asked to:' introduces a list inside the story; 'Events:' would label one."""
    text = """Measles - cases rising, check MMR status now

There have been 19 confirmed cases of measles in the region since 1 December.

Practices are asked to:

- check the MMR status of all patients aged 1 to 25
- isolate suspected cases on arrival

MMR uptake at age 5 is 84.9% across the region, well below the 95% needed.

Pertussis - increase in confirmed cases

Laboratory-confirmed pertussis has risen sharply, with 41 cases this month.
"""
    found = [(section.headline, section.body) for section in split(text)]
    assert [headline for headline, _ in found] == [
        "Measles - cases rising, check MMR status now",
        "Pertussis - increase in confirmed cases",
    ]
    assert found[0][1].endswith("well below the 95% needed.")


def test_a_bold_lead_under_a_heading_is_a_headline_not_a_label() -> None:
    """'Quick hits' over items led by bold words: the first lead is no label of the heading."""
    leads = ("Corridor care", "Resident doctors", "Physician associates")
    blocks = [Block("heading", "Quick hits", 0, level=2)] + [
        Block("item", f"{lead}: {text}", 1, lead=f"{lead}:")
        for lead, text in zip(leads, TEXTS, strict=True)
    ]
    found = [(section.headline, section.body) for section in split("", blocks)]
    assert found == list(zip(leads, TEXTS, strict=True))


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("Like Comment Restack Share", True),
        ("Reply Forward Share", True),
        ("Thanks for reading The Waiting List! Subscribe for free to receive new posts.", True),
        ("Register on Eventbrite", True),
        ("What did you think of this bulletin? Tell us in our 2-minute survey.", True),
        ("Register on the national spirometry register by April", False),
        ("Like many trusts, we share the concern", False),
        ("Comment", False),
    ],
)
def test_buttons_and_prompts_to_subscribe_register_or_answer_are_chrome(
    line: str, chrome: bool
) -> None:
    assert is_boilerplate(line) is chrome


@pytest.mark.parametrize(
    ("text", "advert"),
    [
        (
            "We have called for a rise well above inflation and for newly qualified midwives "
            "to move from band 5 to band 6 after two years.",
            False,
        ),
        (
            "Band 7 Specialist SLT (Paediatrics), Cardiff and Vale UHB · Band 6 SLT (Adult "
            "Acute), Sheffield Teaching Hospitals · More vacancies",
            True,
        ),
        ("Advanced nurse practitioner - Ealing - Band 8a", True),
        (
            "Public Health England has announced £2.4m for 12 pilot sites. Providers can bid "
            "from next week, and the closing date is 15 July.",
            False,
        ),
        ("Practice manager, Brookfield. £42,000. Closing date 15 July.", True),
    ],
)
def test_pay_bands_in_news_are_no_vacancy(text: str, advert: bool) -> None:
    assert is_job_advert(None, text) is advert


def test_an_offer_with_its_small_print_is_no_story() -> None:
    blocks = [
        Block("heading", HEADLINES[0], 0, level=2),
        Block("paragraph", TEXTS[0], 1),
        Block("heading", "Member offers", 2, level=2),
        Block("paragraph", "Members save up to 20% on car insurance with Harbour. T&Cs apply.", 3),
    ]
    assert [section.headline for section in split("", blocks)] == [HEADLINES[0]]


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        (
            "With the referendum on 23 June approaching, members have asked how professional "
            "registration currently works for nurses trained elsewhere in the EU.",
            False,
        ),
        ("Network meeting, 7 July, Leeds. Registration is now open on our website.", True),
        (
            "Declared on Tuesday evening with 70 patients fit for discharge. Cornwall Council "
            "is block-booking care home beds at £1,200 a week to help.",
            False,
        ),
        ("Trust moves its booking system to the cloud on Monday 3 March.", False),
        ("Wellbeing day, Monday 3 March, Truro. Booking essential: email the team.", True),
    ],
)
def test_registration_as_a_profession_knows_it_is_no_booking(text: str, notice: bool) -> None:
    assert is_event_notice(text) is notice


def lone_lead(lead: str, rest: str) -> list[tuple[str | None, str]]:
    blocks = [
        Block("heading", HEADLINES[0], 0, level=2),
        Block("paragraph", TEXTS[0], 1),
        Block("paragraph", f"{lead} – {rest}", 2, lead=lead),
    ]
    return [(section.headline, section.body) for section in split("", blocks)]


def test_a_lone_bold_lead_set_off_by_a_dash_is_a_run_in_headline() -> None:
    closed = "Bourne House will be closed from 25 December to 1 January inclusive."
    found = lone_lead("Christmas and New Year opening", closed)
    assert found[-1] == ("Christmas and New Year opening", closed)


def test_a_lone_bold_name_set_off_by_a_dash_is_no_headline() -> None:
    found = lone_lead("Sarah Jones", "Chief Nurse, said the ward would reopen next month.")
    assert [headline for headline, _ in found] == [HEADLINES[0]]


def test_a_message_from_a_named_leader_is_a_byline() -> None:
    blocks = [
        Block("heading", "Running cost reductions: where we are", 0, level=2),
        Block("paragraph", "A message from Joanne Marsh, Chief Executive", 1),
        Block("paragraph", TEXTS[0], 2),
        Block("heading", HEADLINES[1], 3, level=2),
        Block("paragraph", TEXTS[1], 4),
    ]
    first = split("", blocks)[0]
    assert (first.headline, first.body, first.byline) == (
        "Running cost reductions: where we are",
        TEXTS[0],
        "A message from Joanne Marsh, Chief Executive",
    )


def test_short_listings_after_a_vacancy_are_vacancies_too() -> None:
    text = f"""{HEADLINES[0]}

{TEXTS[0]}

PRACTICE VACANCIES

Salaried GP, 6 sessions

Rowan Lea Surgery, Stockton. Closing date 24 April. Contact the practice manager.

GP partner (8 sessions)

Eaglescliffe Medical Practice. Informal visits welcome. Contact Dr Ben Mowbray.

Practice nurse, 30 hours

Hartlepool. Contact the LMC office.
"""
    assert [section.headline for section in split(text)] == [HEADLINES[0]]


def test_a_vacancys_details_split_by_dots_are_no_contents_line() -> None:
    blocks = [
        Block("heading", HEADLINES[0], 0, level=2),
        Block("paragraph", TEXTS[0], 1),
        Block("paragraph", "JOBS", 2),
        Block("paragraph", "Head of Policy and Public Affairs", 3, strong=True, linked=True),
        Block(
            "paragraph",
            "Northern Care Alliance NHS Foundation Trust · £58,000–£64,000 · Closes 28 March",
            3,
        ),
        Block("paragraph", "Annual report", 4, strong=True),
        Block("paragraph", TEXTS[1], 5),
    ]
    assert [section.headline for section in split("", blocks)] == [HEADLINES[0], "Annual report"]


@pytest.mark.parametrize("appeal", ["We’re hiring", "Volunteer with us", "Support our work"])
def test_the_publisher_asking_for_work_time_or_money_is_no_story(appeal: str) -> None:
    blocks = [
        Block("heading", HEADLINES[0], 0, level=2),
        Block("paragraph", TEXTS[0], 1),
        Block("heading", appeal, 2, level=2),
        Block("paragraph", "The Institute is an independent charity. Find out how to help.", 3),
    ]
    assert [section.headline for section in split("", blocks)] == [HEADLINES[0]]


def test_a_headline_alone_with_its_date_after_a_comma_is_a_diary_entry() -> None:
    assert is_dated_entry("Policy Weekly live: the Bill after scrutiny, 1 December, online.")
    assert not is_dated_entry("Trust fined over data breach")


def test_a_footer_line_opening_with_a_postal_address_is_one() -> None:
    assert is_postal_address(
        "Federation of Community Therapists, 9 Temple Gate, Bristol BS1 6PL. A trade union "
        "listed under the Trade Union and Labour Relations (Consolidation) Act 1992."
    )
    assert not is_postal_address(
        "The trust said the new unit in Bristol would open next year. Its address, BS1 6PL, "
        "is next to the station."
    )


@pytest.mark.parametrize(
    "line",
    [
        "[Image: Radiographer Ann Lee with the first patient to use the new CT scanner]",
        "[Chart: Elective waiting list in England, 2019 to 2024]",
        "(Photo 2 - the new ward at Westmoor General Hospital)",
    ],
)
def test_a_placeholder_where_a_picture_was_is_not_text(line: str) -> None:
    assert is_boilerplate(line)
    text = f"Waiting list falls again\n\n{line}\n\n{TEXTS[0]}\n"
    assert [(s.headline, s.body) for s in split(text)] == [("Waiting list falls again", TEXTS[0])]


def test_a_page_title_over_a_standfirst_and_a_greeting_is_the_issue_not_a_story() -> None:
    blocks = [
        Block("heading", "Week 47: the capital carve-out and a top-up", 0, level=1),
        Block("paragraph", "The spending review small print, and who gets the money.", 1),
        Block("paragraph", "Morning all. A shorter one this week, after a week of reading.", 2),
        Block("heading", HEADLINES[0], 3, level=2),
        Block("paragraph", TEXTS[0], 4),
        Block("heading", HEADLINES[1], 5, level=2),
        Block("paragraph", TEXTS[1], 6),
    ]
    assert [section.headline for section in split("", blocks)] == list(HEADLINES[:2])


def test_a_place_in_capitals_opening_the_text_is_its_dateline_not_its_words() -> None:
    text = (
        "1. Ambulance delay contributed to death of pensioner\n"
        "BARNSLEY — A 79-year-old man who waited almost four hours for an ambulance died, "
        "the coroner found.\n\n"
        "2. Sepsis missed twice at out-of-hours service\n"
        "CARDIFF - Inquest into the death of a 23-year-old heard she was seen twice.\n\n"
        "3. NHS England sets out winter plan\n"
        "NHS England has set out its winter plan for 2021-22.\n"
    )
    assert [section.body for section in split(text)] == [
        "A 79-year-old man who waited almost four hours for an ambulance died, the coroner found.",
        "Inquest into the death of a 23-year-old heard she was seen twice.",
        "NHS England has set out its winter plan for 2021-22.",
    ]


SITTINGS = (
    "WESTMINSTER WEEK\n\nHOUSE OF COMMONS\n\n"
    "  Health and Social Care Questions\n  Tuesday 20 October\n\n"
    "The Secretary of State faced questions on test results, after figures showed that only "
    "15.1% of people tested in person had their result within a day.\n\n"
    "  Report on the Medicines Bill\n  Report stage, Monday 19 October\n\n"
    "Peers voted by 289 to 228 to remove a clause on the regulation of devices.\n\n"
    "  Public Accounts Committee: PPE procurement\n  Friday 23 October (published)\n\n"
    "Officials were questioned on the award of contracts worth £1.2bn without competition.\n"
)


def test_a_date_under_a_headline_says_when_it_happened_and_is_not_the_headline() -> None:
    assert [s.headline for s in split(SITTINGS)] == [
        "Health and Social Care Questions",
        "Report on the Medicines Bill",
        "Public Accounts Committee: PPE procurement",
    ]


@pytest.mark.parametrize(
    ("headline", "name"),
    [
        ("ITEM 4. GP FORWARD VIEW: RESILIENCE FUNDING", "GP FORWARD VIEW: RESILIENCE FUNDING"),
        ("Agenda item 7: Winter plan", "Winter plan"),
        ("1a. Home haemodialysis training waits", "Home haemodialysis training waits"),
        ("Q. Is the surgery going to close?", "Is the surgery going to close?"),
        ("Q3: Is the surgery going to close?", "Is the surgery going to close?"),
        ("Q3 results show deficit", "Q3 results show deficit"),  # a quarter, not a question
        ("Q. and A. session planned", "Q. and A. session planned"),
        ("4 hospitals miss target", "4 hospitals miss target"),
        ("Item banks for nurses", "Item banks for nurses"),
        ("▶ Health and Care Bill clears committee", "Health and Care Bill clears committee"),
        ("🎧 Podcast: can ICBs survive a 30% cut?", "🎧 Podcast: can ICBs survive a 30% cut?"),
        ("£5.9bn for elective recovery", "£5.9bn for elective recovery"),  # a symbol that says
    ],
)
def test_an_items_number_or_question_label_is_not_its_headline(headline: str, name: str) -> None:
    from indexer.stories.debris import strip_item_label

    assert strip_item_label(headline) == name


def test_minutes_items_are_headed_by_their_titles() -> None:
    text = (
        "ITEM 4. GP FORWARD VIEW: RESILIENCE FUNDING\n\nThe Secretary reported that NHS England "
        "had allocated £86,000 to practices in the area this year.\n\n"
        "ITEM 5. INDEMNITY\n\nDr Dutta reported on the latest figures on indemnity costs, which "
        "rose again for the third year running.\n"
    )
    assert [s.headline for s in split(text)] == [
        "GP FORWARD VIEW: RESILIENCE FUNDING",
        "INDEMNITY",
    ]


@pytest.mark.parametrize(
    ("opening", "text"),
    [
        ("LONDON, AUG 17 (PRESSDESK) - Consultants will strike.", "Consultants will strike."),
        ("EDINBURGH, Aug. 17 (Reuters) - Only 68.9% were seen.", "Only 68.9% were seen."),
        ("LEEDS, 3 May 2024 – The trust was fined.", "The trust was fined."),
        ("WISBECH, 28/09/17 — Forty-eight students began.", "Forty-eight students began."),
        ("Dr Ann Lee, Head of Nursing - said so.", "Dr Ann Lee, Head of Nursing - said so."),
    ],
)
def test_a_wires_dateline_with_its_agency_is_not_the_storys_words(opening: str, text: str) -> None:
    from indexer.stories.debris import strip_dateline

    assert strip_dateline(opening) == text


def test_a_field_naming_who_asked_or_moved_an_item_is_not_its_headline() -> None:
    text = (
        "[WESTMINSTER HALL DEBATE]\n\nNHS dental services in Lincolnshire\n"
        "Member in charge: Mark Threlfall MP (Conservative, Boston and Skegness)\n\n"
        "Mark Threlfall MP said that only 47% of adults in the county had seen an NHS dentist "
        "in the last two years.\n\n"
        "[EARLY DAY MOTION]\n\nFunding for children's hospices\n"
        "Primary sponsor: Gwen Lloyd-Morgan MP (Plaid Cymru, Arfon)\n\n"
        "That this House notes that the Children's Hospice Grant of £11 million a year has not "
        "risen since 2017.\n"
    )
    assert [s.headline for s in split(text)] == [
        "NHS dental services in Lincolnshire",
        "Funding for children's hospices",
    ]


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("You are here: Home » News » Latest news", True),
        ("Home > Services > Maternity > Antenatal classes", True),
        ("Home › About us › Board papers", True),
        ("Trust fined » court told of failings", False),
    ],
)
def test_a_breadcrumb_with_arrows_is_chrome(line: str, chrome: bool) -> None:
    assert is_boilerplate(line) is chrome


def test_a_publications_name_under_each_headline_is_its_source_not_its_headline() -> None:
    items = [
        ("Lancashire hospitals warn deficit could reach £92m", "Lancashire Evening Chronicle"),
        ("ICBs told to find £1.1bn more savings as deficit widens", "Healthcare Finance Weekly"),
        ("Isle of Wight trust agrees recovery plan to close gap", "Solent Evening Echo"),
    ]
    text = "NEWS\n\n" + "".join(
        f"{headline}\n{source}\nThe trust told its board on Tuesday that the gap could widen "
        "further by March without more help.\n\n"
        for headline, source in items
    )
    assert [s.headline for s in split(text)] == [headline for headline, _ in items]


def test_a_long_line_of_fields_split_by_bars_under_a_headline_is_metadata() -> None:
    fields = (
        "Deceased: Mr Kieran Walsh, 34 | Coroner: Alison Dunmore, HM Area Coroner for Greater"
        " Lincolnshire | Report dated 3 August 2023 | Sent to: Lincoln and Fens Hospitals NHS"
        " Trust; Care Quality Commission; Department of Health and Social Care"
    )
    text = "\n".join(
        [
            "=" * 70,
            "[1] Sepsis missed after early discharge",
            "-" * 70,
            textwrap.fill(fields, 76),
            "",
            textwrap.fill(
                "Mr Walsh attended the same-day emergency care unit with abdominal pain and a"
                " fever, and was discharged after four hours with oral antibiotics although his"
                " early warning score had risen.",
                76,
            ),
            "",
            "=" * 70,
            "[2] Missed follow-up of an abnormal chest X-ray",
            "-" * 70,
            "Deceased: Mrs Joan Pettifer, 71 | Coroner: Dr Rhys Maddocks | Report dated 8 Aug",
            "",
            textwrap.fill(
                "A chest X-ray taken in May 2021 showed a lesion that the radiologist said should"
                " be followed up with a scan in six weeks, and the scan was never arranged.",
                76,
            ),
        ]
    )
    found = split(text)
    assert [s.headline for s in found] == [
        "Sepsis missed after early discharge",
        "Missed follow-up of an abnormal chest X-ray",
    ]
    assert found[0].body.startswith("Mr Walsh attended")


def test_a_cuttings_source_split_by_bars_over_its_wrapped_text_is_a_line_of_its_own() -> None:
    text = (
        "LOCAL\n-----\n\n"
        "Strike day one: 740 appointments postponed at county hospitals\n"
        "Vale Evening Star, p.1 and online, 13/03 | Tone: Neutral | Reach: 38k print, 190k online\n"
        "The Star leads on the first day of the 72-hour walkout by junior doctors, reporting\n"
        "that the trust postponed 740 outpatient appointments and 96 planned operations on\n"
        "Monday. The piece carries our statement in full alongside a photograph.\n\n"
        "Parents' anger over Stroud birth unit closure\n"
        "BBC Radio Gloucestershire, Breakfast, 07:10, 14/03 | Tone: Negative\n"
        "Presenter Mark Hollis interviewed two mothers who say the midwife-led unit at Stroud\n"
        "has been closed by stealth after births there were suspended on 11 occasions.\n"
    )
    found = split(text)
    assert [(s.headline, s.body[:20]) for s in found] == [
        ("Strike day one: 740 appointments postponed at county hospitals", "The Star leads on th"),
        ("Parents' anger over Stroud birth unit closure", "Presenter Mark Holli"),
    ]
    assert "Vale Evening Star" in found[0].details[0]


@pytest.mark.parametrize("name", ["Dr Ciarán McGurk", "Siân Llewellyn", "Łukasz Nowak"])
def test_a_byline_naming_someone_with_accents_is_a_byline(name: str) -> None:
    text = (
        "Winter is coming, and we are ready for it\n"
        f"By {name}, Chief Executive\n\n"
        "This week I presented our winter resilience plan to the board, with 38 more beds.\n\n"
        "Flu clinics start Monday\n\n"
        "Peer vaccinators will be on wards from Monday and staff clinics open at all sites.\n"
    )
    first = split(text)[0]
    assert (first.headline, first.byline) == (
        "Winter is coming, and we are ready for it",
        f"By {name}, Chief Executive",
    )


def test_a_date_and_what_happened_then_split_by_bars_are_the_storys_details() -> None:
    text = (
        "SOCIAL CARE FUNDING AFTER THE SPRING BUDGET\n"
        "Monday 13 March | Question for Short Debate | 1 hour\n\n"
        "Lord Pryce of Elswick asked what assessment the government had made of whether\n"
        "the additional £2 billion over three years would close the social care gap.\n\n"
        "STATUTORY INSTRUMENT: HUMAN MEDICINES (AMENDMENT) REGULATIONS 2017 AGREED\n"
        "Wednesday 15 March | Grand Committee | approved\n\n"
        "The regulations, which allow registered paramedics to supply a limited list of\n"
        "medicines under patient group directions, were approved without a division.\n"
    )
    found = split(text)
    assert [(s.headline, s.details) for s in found] == [
        (
            "SOCIAL CARE FUNDING AFTER THE SPRING BUDGET",
            ("Monday 13 March | Question for Short Debate | 1 hour",),
        ),
        (
            "STATUTORY INSTRUMENT: HUMAN MEDICINES (AMENDMENT) REGULATIONS 2017 AGREED",
            ("Wednesday 15 March | Grand Committee | approved",),
        ),
    ]


def test_a_diary_of_places_and_dates_split_by_bars_is_no_storys_details() -> None:
    from indexer.stories.split import _dated_fields

    assert _dated_fields("Thursday 16 March | Debate on a motion to take note | 3 hours")
    assert not _dated_fields("Leeds, 2 November | Birmingham, 9 November | London, 16 November")


def test_a_field_label_with_a_number_in_it_is_a_label() -> None:
    text = (
        "Call 26/04: Improving access to community mental health services\n"
        "Budget: up to £2.5 million per project | Stage 1 closing date: 1pm, 17 March 2026\n"
        "We are seeking proposals for evaluations of community-based models of mental health"
        " care for people aged 16 to 25, bridging children's and adult services.\n\n"
        "Call 26/05: Artificial intelligence in diagnostic pathways\n"
        "Budget: up to £4 million in total | Closing date: 1pm, 31 March 2026\n"
        "We invite applications to evaluate AI tools already deployed in NHS diagnostic"
        " pathways, such as chest X-ray triage, in real-world settings.\n"
    )
    found = split(text)
    assert [s.headline for s in found] == [
        "Call 26/04: Improving access to community mental health services",
        "Call 26/05: Artificial intelligence in diagnostic pathways",
    ]
    assert found[0].details == (
        "Budget: up to £2.5 million per project | Stage 1 closing date: 1pm, 17 March 2026",
    )


def test_a_kind_and_a_long_source_split_by_a_bar_under_a_headline_are_details() -> None:
    rule = "=" * 72
    text = (
        f"{rule}\n1. The backlog that stopped shrinking\n"
        "   Report | Centre for Elective Care Research, University of Harrowgate\n"
        f"{rule}\n\n"
        "The centre has followed the waiting list pathway by pathway rather than as one\n"
        "headline number, and its finding is uncomfortable for trusts in England.\n\n"
        f"{rule}\n2. Who actually works in social care now?\n"
        "   Working paper | Care Workforce Observatory\n"
        f"{rule}\n\n"
        "The observatory has linked payroll records for 410,000 care workers to answer a\n"
        "question the official statistics cannot.\n"
    )
    found = split(text)
    assert [(s.headline, s.details) for s in found] == [
        (
            "The backlog that stopped shrinking",
            ("Report | Centre for Elective Care Research, University of Harrowgate",),
        ),
        ("Who actually works in social care now?", ("Working paper | Care Workforce Observatory",)),
    ]


def test_a_line_of_fields_after_a_storys_text_is_its_details_too() -> None:
    text = (
        "Call 26/04: Improving access to community mental health services\n\n"
        "We are seeking proposals for evaluations of community-based models of mental health"
        " care for people aged 16 to 25.\n\n"
        "Closing date: 17 March | Contact: Ann Lee | Ref: ICB/22/14\n\n"
        "Call 26/05: Artificial intelligence in diagnostic pathways\n\n"
        "We invite applications to evaluate AI tools already deployed in NHS diagnostic"
        " pathways in real-world settings.\n"
    )
    first, second = split(text)
    assert first.details == ("Closing date: 17 March | Contact: Ann Lee | Ref: ICB/22/14",)
    assert second.details == ()


def test_a_date_under_a_cards_heading_is_kept_as_the_storys_details() -> None:
    """A news page's cards: heading, the day it was published, the summary."""
    from indexer.reading.html_page import html_to_text

    cards = "".join(
        f"<article><h2>{headline}</h2><time>{day}</time><p>{text}</p></article>"
        for headline, day, text in zip(
            HEADLINES, ("11 March 2024", "7 March 2024", "4 March 2024"), TEXTS, strict=True
        )
    )
    page = html_to_text(f"<html><body><h1>Latest news</h1>{cards}</body></html>")
    sections = split(page.text, page.blocks)
    assert [s.headline for s in sections] == list(HEADLINES)
    assert [s.details for s in sections] == [
        ("11 March 2024",),
        ("7 March 2024",),
        ("4 March 2024",),
    ]
    assert sections[1].body == TEXTS[1]


def test_a_leaders_note_saying_what_the_issue_reports_after_small_talk_is_the_intro() -> None:
    blocks = [
        Block("heading", "From the Director", 0, level=2),
        Block("paragraph", "It has been a busy summer. This issue reports on our new funding.", 1),
        Block("heading", HEADLINES[0], 2, level=2),
        Block("paragraph", TEXTS[0], 3),
        Block("heading", HEADLINES[1], 4, level=2),
        Block("paragraph", TEXTS[1], 5),
    ]
    assert [section.headline for section in split("", blocks)] == list(HEADLINES[:2])


def test_a_leaders_message_alone_over_its_paragraphs_is_a_story_under_that_heading() -> None:
    stories = "".join(
        f"{headline}\n\n{text}\n\n" for headline, text in zip(HEADLINES, TEXTS, strict=True)
    )
    contents = "".join(f"- {headline}\n" for headline in HEADLINES)
    text = (
        textwrap.dedent("""\
        STAFF NEWS
        Thursday 6 February 2025 | For all colleagues

        In this edition
        - A message from Nadia
        """)
        + contents
        + textwrap.dedent("""
        A message from Nadia

        Hello everyone. It has been another demanding few weeks, with our hospitals at their
        highest alert level for eleven days in January.

        NHS England has confirmed that we must reduce our running costs by 30%. I will hold an
        all-staff briefing on Teams on Tuesday.

        """)
        + stories
    )
    sections = split(text)
    assert [s.headline for s in sections] == ["A message from Nadia", *HEADLINES]
    assert sections[0].body.startswith("Hello everyone. It has been another demanding")
    assert sections[0].byline is None


def test_a_cards_line_of_metadata_over_its_headline_is_that_storys_details() -> None:
    """A listing's cards: kind and date over the headline, then the summary."""
    from indexer.reading.html_page import html_to_text

    days = ("12 Nov 2021", "4 Nov 2021", "28 Oct 2021")
    cards = "".join(
        f"<li><div class='news-list__meta'><span>News</span> <span>{day}</span></div>"
        f"<h2><a href='/n/{at}'>{headline}</a></h2><p>{text}</p></li>"
        for at, (headline, day, text) in enumerate(zip(HEADLINES, days, TEXTS, strict=True))
    )
    page = html_to_text(f"<html><body><h1>News centre</h1><ul>{cards}</ul></body></html>")
    sections = split(page.text, page.blocks)
    assert [s.headline for s in sections] == list(HEADLINES)
    assert [s.details for s in sections] == [(f"News {day}",) for day in days]


def test_a_parliamentary_alerts_reference_date_and_field_lines_are_details() -> None:
    text = textwrap.dedent("""\
        SUMMARY
        Matches in this alert: 2 oral questions, 1 Lords debate, 2 written answers.

        Lords debate: integrated care board running cost cuts
        Source: Hansard, HL Deb, 26 January 2026, col 1104
        Type: Question for short debate

        Baroness Okafor of Hensbury led a short debate on the 50% reduction in running costs.

        Physician associates: regulation
        UIN 104522, tabled 19 January 2026, answered 26 January 2026
        Source: Hansard, written answer
        Asked by: Lucy Venn MP (Liberal Democrat, Somerton and Yeo)

        Lucy Venn asked how many physician associates are registered with the regulator.

        Health and Social Care Committee: evidence session on NHS England transition
        Date: Wednesday 28 January 2026, 9.30am, Committee Room 15 (forthcoming)

        The committee will take evidence from the Permanent Secretary on the transfer.

        This alert was prepared for Harbourside Integrated Care Board by Westminster Health
        Monitor Ltd and is for the internal use of its staff.
        """)
    stories = split(text)
    assert [(s.headline, s.paragraphs[0][:20]) for s in stories] == [
        ("Lords debate: integrated care board running cost cuts", "Baroness Okafor of H"),
        ("Physician associates: regulation", "Lucy Venn asked how "),
        (
            "Health and Social Care Committee: evidence session on NHS England transition",
            "The committee will t",
        ),
    ]
    assert all(len(s.paragraphs) == 1 for s in stories)


def test_a_monitoring_emails_field_rows_and_date_ranges_are_details() -> None:
    fields = (
        "Written question 104552 | Asked by Rachel Hurst MP (Labour, Stockport North) |"
        " Answered 20 October 2020 by Lucy Brennan MP, Minister for Care"
    )
    asked = "Ms Hurst asked what share of close contacts had been reached in the last four weeks."
    text = textwrap.dedent(f"""\
        NHS Test and Trace: contacts reached
        {fields}
        {asked}

        Lords: Medicines and Medical Devices Bill, committee stage
        19 and 21 October 2020
        Peers completed the fifth day of committee stage, and an amendment on the registry passed.

        Westminster Health Watch is prepared by Portcullis Public Affairs for its clients.
        """)
    stories = split(text)
    assert [(s.headline, len(s.paragraphs), len(s.details)) for s in stories] == [
        ("NHS Test and Trace: contacts reached", 1, 1),
        ("Lords: Medicines and Medical Devices Bill, committee stage", 1, 1),
    ]


def test_a_note_of_when_a_story_was_updated_is_its_details_not_its_text() -> None:
    text = (
        f"{HEADLINES[0]}\n\nUpdated 11 June: walk-in dates added.\n\n{TEXTS[0]}\n\n"
        f"{HEADLINES[1]}\n\nLast updated on 3 May 2024 - new figures.\n\n{TEXTS[1]}\n\n"
        f"{HEADLINES[2]}\n\n{TEXTS[2]}\n"
    )
    found = split(text)
    assert [(s.headline, s.paragraphs) for s in found] == [
        (headline, (body,)) for headline, body in zip(HEADLINES, TEXTS, strict=True)
    ]
    assert found[0].details == ("Updated 11 June: walk-in dates added.",)


def test_where_a_passed_on_item_came_from_is_its_details_even_in_the_first_story() -> None:
    sources = (
        "(from the LMC weekly update, 7 October)",
        "(from the ICB primary care bulletin, 4 October)",
        "(from the CQC provider bulletin, October 2024)",
    )
    comment = (
        "My comment: we moved to this last year so the deadline does not affect us, but I will "
        "put an application in this week for the rest of it."
    )
    text = (
        "Hi all,\n\nI've been through this week's bulletins so you don't have to. Three things "
        "that affect us, with my comments under each one.\n\n"
    ) + "".join(
        f"{n}) {headline}\n{source}\n\n“{body}”\n\n{comment}\n\n"
        for n, (headline, source, body) in enumerate(
            zip(HEADLINES, sources, TEXTS, strict=True), start=1
        )
    )
    found = split(text)
    assert [s.headline for s in found] == list(HEADLINES)
    assert [s.details for s in found] == [(source,) for source in sources]


def test_cuttings_set_after_their_outlet_and_date_keep_them_as_details() -> None:
    text = (
        "LOCAL AND REGIONAL\n"
        "=============================================================================\n\n"
        "Gloucestershire Live, 7 August 2023 – Patients wait up to 30 hours in A&E as\n"
        'hospital "full to bursting"\n'
        "Tone: Negative | Trust comment: Yes\n"
        "Report based on patient accounts from the weekend of 5-6 August, when 38\n"
        "patients waited more than 12 hours in the emergency department.\n\n"
        "BBC Points West, 8 August 2023 – Robot-assisted surgery reaches 1,000\n"
        "operations\n"
        "Tone: Positive | Trust comment: Yes (interview)\n"
        "Broadcast package filmed in theatres at Severnside Royal, featuring\n"
        "consultant urologist Mr Anand Joshi and a patient who went home the next day.\n\n"
        "Stroud News & Journal, 9 August 2023 – Campaigners fight to save Stroud\n"
        "maternity unit\n"
        "Tone: Negative | Trust comment: No (approached after deadline)\n"
        "Report of a public meeting at Stroud Subscription Rooms attended by about\n"
        "200 people, organised by Save Stroud Birth Unit.\n"
    )
    found = split(text)
    assert [s.headline for s in found] == [
        'Patients wait up to 30 hours in A&E as hospital "full to bursting"',
        "Robot-assisted surgery reaches 1,000 operations",
        "Campaigners fight to save Stroud maternity unit",
    ]
    assert [s.body[:12] for s in found] == ["Report based", "Broadcast pa", "Report of a "]
    assert found[1].details == (
        "BBC Points West, 8 August 2023",
        "Tone: Positive | Trust comment: Yes (interview)",
    )


def test_a_byline_between_a_headline_and_its_dated_text_keeps_them_apart() -> None:
    text = (
        "NEWS\n\n"
        "NMC fitness to practise backlog reaches 5,600 cases\n"
        "By Helen Okafor, news editor\n"
        "LONDON, 15 November 2017 -- The Nursing and Midwifery Council has\n"
        "5,612 open fitness to practise cases, up 11% on a year ago, its\n"
        "latest performance report shows.\n\n"
        "Sepsis screening in emergency departments: what the audit found\n"
        "By Dr Sarah Whitcombe, consultant nurse, acute care\n"
        "17 November 2017\n\n"
        "Only 62% of adults with suspected sepsis in emergency departments\n"
        "in England received antibiotics within an hour of arrival.\n"
    )
    found = split(text)
    assert [(s.headline, s.body[:30], s.byline) for s in found] == [
        (
            "NMC fitness to practise backlog reaches 5,600 cases",
            "The Nursing and Midwifery Coun",
            "By Helen Okafor, news editor",
        ),
        (
            "Sepsis screening in emergency departments: what the audit found",
            "Only 62% of adults with suspec",
            "By Dr Sarah Whitcombe, consultant nurse, acute care",
        ),
    ]


ALERTS = """\
This digest lists alerts issued through the Central Alerting System between 19 June and
2 July 2024 that are relevant to primary care.

==========================================================================

[A1] ALERT: Shortage of pancreatic enzyme replacement therapy (Creon)
   Type:        National Patient Safety Alert
   Applies to:  GP practices, community pharmacies, acute and community
                trusts
   Summary:
     Supplies of Creon capsules are expected to remain limited until at
     least 2026 because of manufacturing constraints.

--------------------------------------------------------------------------

[A2] ALERT: Nitazenes detected in counterfeit diazepam tablets
   Type:        Drug alert
   Applies to:  GP practices, prisons, drug and alcohol services and
                substance misuse teams in the
                ICB area
   Summary:
     The Office for Health Improvement and Disparities has received reports
     of nitazenes in tablets sold as diazepam.

--------------------------------------------------------------------------

[A3] ALERT: Hyponatraemia in patients prescribed desmopressin
   Type:        National Patient Safety Alert
   Applies to:  GP practices
   Summary:
     NHS England has issued an alert after 37 reports of severe
     hyponatraemia in patients prescribed desmopressin.
"""


def test_coded_labelled_items_with_aligned_fields_keep_their_headlines_and_text() -> None:
    """An item's code ("[A1]") and a label its headlines share ("ALERT:") are no part of the
    headlines; a field's value wrapped to its column is the field's; "Summary:" over each text
    labels it (it is no running head); the note on what the digest lists is its intro."""
    found = split(ALERTS)
    assert [(s.headline, s.body[:24]) for s in found] == [
        ("Shortage of pancreatic enzyme replacement therapy (Creon)", "Supplies of Creon capsul"),
        ("Nitazenes detected in counterfeit diazepam tablets", "The Office for Health Im"),
        ("Hyponatraemia in patients prescribed desmopressin", "NHS England has issued a"),
    ]


def test_a_reading_lists_sources_after_its_headlines_are_details() -> None:
    items = [
        ("Public satisfaction with the NHS falls to a new low", "British Social Attitudes survey"),
        ("ICBs must cut running costs by 30% – so what goes?", "The King’s Fund"),
        ("‘I’ll retire when they find someone to replace me’", "The Guardian"),
    ]
    text = (
        "Hello,\n\nThis week’s list comes from Amara Osei, our senior fellow for primary care, "
        "who has spent the week reading about pharmacies and waiting lists.\n\n"
    ) + "".join(f"{headline} — {source}\n{TEXTS[0]}\n\n" for headline, source in items)
    found = split(text)
    assert [(s.headline, s.details) for s in found] == [
        (headline, (source,)) for headline, source in items
    ]


def test_a_forums_threads_under_category_tags_with_who_started_them_are_stories() -> None:
    threads = [
        ("Information Governance", HEADLINES[0], "Karen Whitlow, Beacon Lane Surgery, Stockport"),
        ("Workforce", HEADLINES[1], "Rob Tennant, Orchard House Medical Practice, Maidstone"),
    ]
    text = "Here are the most active new discussions in the groups you follow.\n\n" + "".join(
        f"{'-' * 62}\n[{tag}]\n{headline}\nStarted by {who}\n22 replies\n\n{body}\n\n"
        for (tag, headline, who), body in zip(threads, TEXTS, strict=False)
    )
    found = split(text)
    assert [(s.headline, s.body, s.byline) for s in found] == [
        (headline, body, f"Started by {who}")
        for (_, headline, who), body in zip(threads, TEXTS, strict=False)
    ]


def test_a_cuttings_sources_with_pages_and_online_under_bulleted_headlines_are_details() -> None:
    items = [
        ("Hospital waiting list rises for first time this year", "The Guardian, p.4"),
        ("Health secretary to give ICBs power to sack failing trust boards", "The Times, p.2"),
        ("Ambulance handover delays cost 130,000 crew hours in May", "BBC News online"),
        ("Why productivity is the wrong question for the NHS", "Prospect, June 2025"),
    ]
    text = "NHS AND SOCIAL CARE\n~~~~~~~~~~~~~~~~~~~\n\n" + "".join(
        f"• {headline}\n  {source}\n  {TEXTS[1]}\n\n" for headline, source in items
    )
    found = split(text)
    assert [(s.headline, s.details) for s in found] == [
        (headline, (source,)) for headline, source in items
    ]


def test_numbered_items_with_fields_under_their_titles_keep_them_as_details() -> None:
    text = (
        "SPECIALISED COMMISSIONING POLICY UPDATE | 17 May 2023\n\n"
        "This update goes to everyone registered on the specialised commissioning policy list."
        "\n\n2.1  Proton beam therapy for adults with head and neck cancers\n"
        "     Consultation reference: 2305C\n"
        "     Consultation closes: 5 July 2023\n\n"
        "     NHS England is consulting on extending eligibility for proton beam\n"
        "     therapy to adults with head and neck cancers.\n\n"
        "2.2  Service specification 170012S: Severe intestinal failure (adults)\n"
        "     Consultation reference: 2306C\n"
        "     Consultation closes: 12 July 2023\n\n"
        "     The revised specification sets out a two-tier network in which\n"
        "     intestinal failure units act as hubs for home nutrition centres.\n\n"
        "2.3  Policy statement 16064/P: Rituximab for immunobullous disease (adults)\n"
        "     Withdrawn with effect from: 17 May 2023\n\n"
        "     This interim policy statement, first published in March 2017, has been\n"
        "     withdrawn following the publication of the full clinical policy.\n\n"
        "1 | ED pressures: message from the Medical Director\n\n"
        "Our emergency departments at Altnagelvin Area Hospital are under pressure.\n"
    )
    found = split(text)
    assert [s.headline for s in found] == [
        "Proton beam therapy for adults with head and neck cancers",
        "Service specification 170012S: Severe intestinal failure (adults)",
        "Policy statement 16064/P: Rituximab for immunobullous disease (adults)",
        "ED pressures: message from the Medical Director",
    ]
    assert found[2].details == ("Withdrawn with effect from: 17 May 2023",)


def test_a_leaders_greeting_a_summary_label_and_a_coming_up_diary_are_no_text_or_story() -> None:
    text = (
        "NHS ENGLAND MIDLANDS WEEKLY | 13 January 2023\n\n"
        "Message from Dr Helena Marsh, Regional Director\n\n"
        f"Dear colleagues,\n\n{TEXTS[0]}\n\n"
        f"{HEADLINES[1]}\n\nSummary: {TEXTS[1]}\n\n"
        f"{HEADLINES[2]}\n\n{TEXTS[2]}\n\n"
        "Coming up\n\nARC annual conference, 19 June, Bridlington Spa. Save the date.\n"
    )
    found = split(text)
    assert [(s.headline, s.paragraphs[0]) for s in found] == [
        ("Message from Dr Helena Marsh, Regional Director", TEXTS[0]),
        (HEADLINES[1], TEXTS[1]),
        (HEADLINES[2], TEXTS[2]),
    ]


def test_fields_between_a_full_width_headline_and_its_text_keep_the_headline_apart() -> None:
    # The headline nearly fills the line: with its fields taken out, it must not run on into
    # the text under them as if wrapped.
    headline = "Public opinions and social trends: cost of living (ONS, 12 October 2023)"
    text = (
        f"{headline}\nRelevance: LOW | Lead: Health Inequalities Group\n"
        "The ONS survey for 13 to 24 September found that 43% of adults reported\n"
        "spending less on food and essentials, and 29% said they were finding it\n"
        "difficult to afford energy bills. Adults in the most deprived areas were\n"
        "twice as likely to report skipping meals.\n\n"
        "School streets and child asthma admissions\n"
        "Relevance: MED | Lead: Air Quality Working Group\n"
        "A controlled before-and-after study of 58 school streets in three London\n"
        "boroughs found emergency asthma admissions among children aged 5 to 11\n"
        "fell by 11% over two years, compared with 3% in control areas.\n"
    )
    found = split(text)
    assert [(s.headline, s.details) for s in found] == [
        (headline, ("Relevance: LOW | Lead: Health Inequalities Group",)),
        ("School streets and child asthma admissions",
         ("Relevance: MED | Lead: Air Quality Working Group",)),
    ]  # fmt: skip
    assert found[0].body.startswith("The ONS survey")


def test_a_block_of_fields_each_article_opens_with_under_its_headline_is_its_details() -> None:
    articles = [
        ("Topiramate: pregnancy prevention programme now in force", "Neurology, Psychiatry"),
        (
            "Fluoroquinolone antibiotics: prescribing must be restricted to\n"
            "   infections where other antibiotics are inappropriate",
            "Infectious disease",
        ),
        ("Yellow Card Biobank: recruitment extended", "Cardiology, Haematology"),
    ]
    text = "SAFER MEDICINES MONTHLY\n\n" + "".join(
        f"{n}  {headline}\n\nTherapeutic area: {area}\nDate of publication: 14 March 2024\n\n"
        f"{TEXTS[n - 1]}\n\n"
        for n, (headline, area) in enumerate(articles, start=1)
    )
    found = split(text)
    assert [(s.headline, s.details) for s in found] == [
        (
            " ".join(headline.split()),
            (f"Therapeutic area: {area}", "Date of publication: 14 March 2024"),
        )
        for headline, area in articles
    ]
    assert [s.body for s in found] == list(TEXTS)


def test_two_blocks_of_fields_in_a_row_under_a_headline_are_read_without_fault() -> None:
    block = "Therapeutic area: Neurology\nDate of publication: 14 March 2024\n\n"
    text = "".join(f"{HEADLINES[n]}\n\n{block}{block}{TEXTS[n]}\n\n" for n in range(3))
    assert [s.headline for s in split(text)] == list(HEADLINES)
