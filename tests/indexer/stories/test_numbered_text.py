"""Numbered items in plain text: "01  Headline" over a hanging-indented standfirst, sections
numbered "1  Headline", and what sits between them.

Each digest here is small and written for the rule it tests; none is a copy of a fixture.
"""

from __future__ import annotations

from indexer.stories.split import split

ITEMS = """\
TOP STORIES
============================================================

01  NHSBT warns blood stocks could fall below two days by
    2027
    The service needs 9,000 more donors a week to keep all
    groups above the amber level, it told its board.

02  Ambulance handover delays longest since records began in
    the North West
    Crews waited more than an hour at 41 hospitals on Monday,
    figures from the ambulance service show.

03  Dental contract talks collapse
    The British Dental Association walked out after ministers
    refused to discuss the unit of dental activity again.

04  Hospice funding settlement delayed
    Charities say the delay leaves 30 hospices unable to set
    budgets for the coming year.

05  Trust fined £600,000 after patient fell from hospital roof
    Westmoor Hospitals NHS Trust admitted two health and safety
    breaches at Exeter Crown Court on Tuesday.
"""


def test_numbered_items_lose_numbers_and_keep_wrapped_headlines() -> None:
    stories = split(ITEMS)
    assert [story.headline for story in stories] == [
        "NHSBT warns blood stocks could fall below two days by 2027",
        "Ambulance handover delays longest since records began in the North West",
        "Dental contract talks collapse",
        "Hospice funding settlement delayed",
        "Trust fined £600,000 after patient fell from hospital roof",
    ]
    # The last headline fills its line, as a wrapped one would: the template sets it apart.
    assert stories[-1].paragraphs[0].startswith("Westmoor Hospitals NHS Trust admitted")


def test_a_page_number_between_lines_of_text_is_not_read_as_their_words() -> None:
    text = (
        "Waiting list falls for third month\n\n"
        "The waiting list for planned care fell to 7.4 million in May, the lowest figure\n"
        "since last summer, as trusts cleared more of the longest waits and the number\n"
        "                                   12\n"
        "waiting more than a year fell below 200,000 for the first time since 2020.\n"
    )
    [story] = split(text)
    assert " 12 " not in " ".join(story.paragraphs)


SECTIONS = """\
1  Waiting list falls for third month

The waiting list for planned care fell to 7.4 million in May, the lowest figure
since last summer, as trusts cleared more of the longest waits.

2  Social care cap delayed again

The cap on care costs will not now be introduced before 2027, ministers said,
the third delay since it was first promised.

3 April. Public Health England will publish the next figures in the spring and
councils will be told their allocations before then.

3  Also this week

The Commons Health and Social Care Committee launched an inquiry into the
future of general practice and its funding.
"""


def test_sections_counting_up_lose_numbers_past_a_line_that_opens_with_a_date() -> None:
    assert [story.headline for story in split(SECTIONS)] == [
        "Waiting list falls for third month",
        "Social care cap delayed again",
        "Also this week",
    ]


def test_a_vacancies_label_does_not_take_the_item_above_it_as_its_title() -> None:
    text = (
        "ALSO WORTH YOUR TIME\n"
        "-----------------------------------------------------------\n"
        "Long read: Inside the nurse-led unit that halved readmissions\n"
        "    > https://example.org/r/long-read\n\n"
        "-----------------------------------------------------------\n"
        "JOBS BOARD\n"
        "-----------------------------------------------------------\n"
        "Lead Nurse, Infection Prevention (Band 8a) - Airedale, closes 30 Jan\n"
        "Ward Sister, Older People (Band 7) - Leeds, closes 6 Feb\n"
    )
    headlines = [story.headline for story in split(f"{ITEMS}\n{text}")]
    assert headlines[-1] == "Long read: Inside the nurse-led unit that halved readmissions"


BODIES = [
    "    Around three-quarters of planned operations went ahead at the two\n"
    "    hospitals on the second day of the strike, the trust told the paper,\n"
    "    and 214 outpatient appointments were rescheduled.\n",
    "    A woman of 84 from Pershore waited more than six hours in an ambulance\n"
    "    after a fall; her daughter called it inhumane, and the trust has\n"
    "    apologised and set out its new cohorting area.\n",
    "    The £19.5m treatment centre will open to its first patients on 5 June,\n"
    "    bringing chemotherapy and radiotherapy closer to home for around 3,200\n"
    "    patients a year from the Wyre Forest area.\n",
]


def test_item_codes_that_count_up_and_repeated_details_under_them_are_not_text() -> None:
    text = (
        "A1  Strike day two: most planned operations go ahead\n"
        "    Outlet: Westmoor News (online)\n\n"
        f"{BODIES[0]}\n"
        "A2  Ambulance waited six hours outside A&E\n"
        "    Outlet: BBC Midlands Today (18:30 bulletin)\n\n"
        f"{BODIES[1]}\n"
        "B1  Cancer centre opening date confirmed\n"
        "    Outlet: Kingsbridge Shuttle (print, p5)\n\n"
        f"{BODIES[2]}"
    )
    stories = split(text)
    assert [story.headline for story in stories] == [
        "Strike day two: most planned operations go ahead",
        "Ambulance waited six hours outside A&E",
        "Cancer centre opening date confirmed",
    ]
    assert [story.paragraphs[0][:12] for story in stories] == [
        "Around three",
        "A woman of 8",
        "The £19.5m t",
    ]


def test_a_road_name_is_no_item_code() -> None:
    text = f"M6 closed after lorry fire\n\n{BODIES[0]}\nA1 upgrade delayed again\n\n{BODIES[1]}"
    assert [story.headline for story in split(text)][1] == "A1 upgrade delayed again"


def test_item_codes_before_a_figure_go_where_they_count_up() -> None:
    text = (
        f"A1 2024/25 pay award: position at April\n\n{BODIES[0]}\n"
        f"A2 Enhanced pay during annual leave\n\n{BODIES[1]}\n"
        f"B1 2025 pension contribution rates\n\n{BODIES[0]}"
    )
    assert [story.headline for story in split(text)] == [
        "2024/25 pay award: position at April",
        "Enhanced pay during annual leave",
        "2025 pension contribution rates",
    ]


def test_bracketed_tags_go_and_trailing_tag_lines_are_metadata() -> None:
    text = (
        "[NEW] Collective action: union publishes list of possible actions\n"
        f"{BODIES[0]}"
        "      Tags: gp-contract, industrial-action\n\n"
        "[CHG] Pharmacy First: exclusion removed for children\n"
        f"{BODIES[1]}"
        "      Tags: pharmacy\n"
    )
    stories = split(text)
    assert [story.headline for story in stories] == [
        "Collective action: union publishes list of possible actions",
        "Pharmacy First: exclusion removed for children",
    ]
    assert not any("Tags" in " ".join(story.paragraphs) for story in stories)


def test_questions_and_answers_lose_their_marks() -> None:
    money = (
        "A. ICBs receive a single allocation from NHS England, totalling\n"
        "£98.9bn for the nine months from July to March, and the payment\n"
        "approach continues for trusts.\n"
    )
    fund = (
        "A. The Better Care Fund continues in 2022/23 with a minimum NHS\n"
        "contribution of £4.5bn, an increase of 5.66%, and the plans are\n"
        "agreed by the board.\n"
    )
    text = (
        f"Q1. How will money flow in 2022/23?\n\n{money}\n"
        f"Q2. What happens to the Better Care Fund?\n\n{fund}"
    )
    stories = split(text)
    assert [story.headline for story in stories] == [
        "How will money flow in 2022/23?",
        "What happens to the Better Care Fund?",
    ]
    assert (
        stories[0]
        .paragraphs[0]
        .startswith("ICBs receive a single allocation from NHS England, totalling £98.9bn")
    )


def test_a_long_question_still_heads_its_answer() -> None:
    text = (
        "ASK THE LMC\n\n"
        'Q: A patient has asked us to complete a "fit to fly" letter for her\n'
        "   airline. Do we have to do this?\n\n"
        "A: No. It is not part of the GMS contract and you are not obliged to provide\n"
        "   it. If you choose to do so, you can charge a private fee.\n\n"
        "Q: Can we charge for a firearms licence medical?\n\n"
        "A: Yes, firearms work is private work and you can charge for it, and local\n"
        "   fees range from £60 to £150.\n"
    )
    assert [story.headline for story in split(text)] == [
        'A patient has asked us to complete a "fit to fly" letter for her airline. Do we have '
        "to do this?",
        "Can we charge for a firearms licence medical?",
    ]


def test_paragraphs_numbered_one_point_one_keep_their_hanging_indented_text() -> None:
    text = (
        "1.   NATIONAL UPDATES\n\n"
        "1.1  Valproate: annual risk forms. The regulator has written to all\n"
        "     prescribers reminding them that patients taking valproate must\n"
        "     have a signed form on file, and an audit found only 38% had one.\n\n"
        "1.2  Pregabalin to become a controlled drug. The Home\n"
        "     Office has confirmed that from 1 April 2019 pregabalin will be\n"
        "     controlled as a Class C substance and placed in Schedule 3.\n\n"
        "1.3  Formulary decisions. The Area Prescribing Committee met on\n"
        "     18 October and agreed to add edoxaban as a first-line option.\n"
    )
    stories = split(text)
    assert [story.headline for story in stories] == [
        "Valproate: annual risk forms",
        "Pregabalin to become a controlled drug",
        "Formulary decisions",
    ]
    assert stories[1].paragraphs[0].startswith("The Home Office has confirmed")
    assert stories[2].paragraphs[0].startswith("The Area Prescribing Committee met on 18 October")


def test_a_legend_of_the_tags_is_no_item_and_a_capitals_label_over_nothing_is_no_story() -> None:
    text = (
        "Legend:  [NEW] new item   [CHG] changed guidance\n"
        "         [DEL] withdrawn or superseded   [FIX] correction\n\n"
        "[NEW] Collective action: union publishes list of possible actions\n"
        f"{BODIES[0]}\n"
        "[CHG] Pharmacy First: exclusion removed for children\n"
        f"{BODIES[1]}\n"
        "SECTION 2: FOI RELEASES\n\n"
    )
    assert [story.headline for story in split(text)] == [
        "Collective action: union publishes list of possible actions",
        "Pharmacy First: exclusion removed for children",
    ]


MINUTES = """\
HEALTH AND WELLBEING BOARD: SUMMARY OF DECISIONS
Thursday 19 September 2019

5     NEEDS ASSESSMENT 2019: KEY FINDINGS

The refresh of the needs assessment shows life expectancy for men in the most deprived
wards is now 9.4 years below that in the least deprived.

6     BETTER CARE FUND PLAN 2019/20

The Board considered the borough's Better Care Fund plan, worth £21.6m this year, and
agreed it for submission.

7     DRUG-RELATED DEATHS

Figures published by the Office for National Statistics showed 41 deaths in the borough
over three years, the highest rate in the region.
"""


def test_items_numbered_from_later_than_one_lose_their_numbers_where_three_count_up() -> None:
    assert [story.headline for story in split(MINUTES)] == [
        "NEEDS ASSESSMENT 2019: KEY FINDINGS",
        "BETTER CARE FUND PLAN 2019/20",
        "DRUG-RELATED DEATHS",
    ]


def test_two_headlines_opening_with_later_figures_keep_them() -> None:
    text = (
        "12 Hospitals Miss Cancer Target\n\nTwelve trusts missed the 62-day cancer target "
        "in every month of the year, figures show.\n\n"
        "13 Practices Close Lists\n\nThirteen practices have closed their lists to new "
        "patients since April, the LMC said.\n"
    )
    assert [story.headline for story in split(text)] == [
        "12 Hospitals Miss Cancer Target",
        "13 Practices Close Lists",
    ]


def test_a_section_whose_headline_opens_with_an_initialism_loses_its_number() -> None:
    text = (
        "1  A&E performance falls to lowest level on record\n\n"
        "Only 83.6% of patients were seen within four hours in October, the worst on record.\n\n"
        "2  Delayed transfers: councils warn of gap\n\n"
        "Councils say the money promised for social care will not cover the winter.\n"
    )
    assert [s.headline for s in split(text)] == [
        "A&E performance falls to lowest level on record",
        "Delayed transfers: councils warn of gap",
    ]


def test_keycap_numbers_and_a_headings_emoji_are_no_part_of_the_headlines() -> None:
    first = (
        "NHS England published its urgent and emergency care plan for 2025/26 on Thursday, "
        "with £450m for same-day emergency care."
    )
    second = "The 2025/26 planning guidance cuts the number of national targets from 31 to 18."
    brief = "In Wales, ministers have told health boards to halve two-year waits by March."
    text = (
        "Happy new year, everyone. Here are the things that caught my eye this week.\n\n"
        f"1️⃣ The urgent and emergency care plan lands\n\n{first}\n\n"
        f"2️⃣ Planning guidance: fewer targets, same squeeze\n\n{second}\n\n"
        f"⚡ Quick hits\n\n• {brief}\n"
    )
    assert [story.headline for story in split(text)] == [
        "The urgent and emergency care plan lands",
        "Planning guidance: fewer targets, same squeeze",
        "Quick hits",
    ]
