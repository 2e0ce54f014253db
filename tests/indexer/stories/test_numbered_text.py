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
