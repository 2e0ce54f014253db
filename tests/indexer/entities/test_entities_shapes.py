"""Kinds of name the third round of entity rules reads by their shape or company (from the
misses of eval7 and dev7): bodies by their last word (a unit, registry, database, club, forum,
"A and B CCGs"), a local paper's title, a hospital and its town as one name, a name that goes
on after "and the" ("Centre for Health and the Public Interest"), a council's area written
with "&", a person introduced as "a former GP", who "talks to" another or before a field of
medicine, a first name alone that acts ("Ravi's message"), a town listed beside a known place,
"the north of England", a plaza and rooms for hire."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.entities.extractor import extract

DAY = dt.date(2024, 3, 12)


def _labelled(body: str) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in extract(None, body, DAY)}


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Eight chairs were bought for the Willow Day Unit this year.", "Willow Day Unit"),
        ("The Wessex Renal Registry published its report on Monday.", "Wessex Renal Registry"),
        ("Figures from the National Falls Database show a rise.", "National Falls Database"),
        ("A gift from Dunmere Rotary Club paid for it.", "Dunmere Rotary Club"),
        ("Unions were briefed through the Joint Partnership Forum, which meets weekly.",
         "Joint Partnership Forum"),
        ("Some of you will have read in the Whitby Mercury that the practices may merge.",
         "Whitby Mercury"),
    ],
)  # fmt: skip
def test_bodies_by_their_last_word(body: str, name: str) -> None:
    assert (name, "ORG") in _labelled(body)


@pytest.mark.parametrize(
    ("body", "hospital", "town"),
    [
        ("The best was the hub at Queen Mary Hospital Kettering at 91%.",
         "Queen Mary Hospital Kettering", "Kettering"),
        ("Staff on a ward at Victoria Infirmary Gateshead use the app.",
         "Victoria Infirmary Gateshead", "Gateshead"),
        ("Professor Ida Keogh of Queen's University Belfast was elected a fellow.",
         "Queen's University Belfast", "Belfast"),  # a university and its town too
    ],
)  # fmt: skip
def test_a_hospital_and_its_town_are_one_name(body: str, hospital: str, town: str) -> None:
    found = _labelled(body)
    assert (hospital, "ORG") in found
    assert (town, "PLACE") not in found


def test_a_hospital_before_a_town_that_starts_another_name_stays_short() -> None:
    found = _labelled("Patients moved from Queen Mary Hospital Kettering General took them.")
    assert ("Queen Mary Hospital", "ORG") in found


def test_a_council_area_written_with_an_ampersand_is_the_area() -> None:
    found = _labelled("Uptake in Telford & Wrekin rose, and Cheshire West & Chester 90.2%.")
    assert {("Telford & Wrekin", "PLACE"), ("Cheshire West & Chester", "PLACE")} <= found
    assert ("Chester", "PLACE") not in found


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("The minister will be replaced by Oswin Tarrant, a former GP and the MP for Hexham.",
         "Oswin Tarrant"),
        ("The lead is Jonah Feldgate, an epidemiologist at the university.", "Jonah Feldgate"),
    ],
)  # fmt: skip
def test_a_name_before_a_post_with_a_or_an_is_a_person(body: str, person: str) -> None:
    assert (person, "PERSON") in _labelled(body)


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("From the immunisation team: I've pasted Rohan's message about the programme.", "Rohan"),
        ("Nothing for us to do yet; Priya will brief the committee.", "Priya"),
        ("Reading list: this week Callum has been reading the new report.", "Callum"),
    ],
)
def test_a_first_name_alone_that_acts_is_a_person(body: str, person: str) -> None:
    assert (person, "PERSON") in _labelled(body)


@pytest.mark.parametrize(
    "body",
    [
        "Grace periods will end in May.",  # a first name that is a common word, opening
        "Unite and the GMB will ballot members.",  # a body, not a person
        "The Victoria line will close; Chelsea has no station.",  # places and lines
    ],
)
def test_no_person_in_a_common_word_opening_a_sentence(body: str) -> None:
    assert not {t for t, label in _labelled(body) if label == "PERSON"}


def test_a_first_name_alone_takes_the_full_name_the_story_gives() -> None:
    found = extract(None, "Dr Martin Hale retires in June. Martin's successor starts in July.", DAY)
    assert {(e.text, e.canonical) for e in found if e.label == "PERSON"} == {
        ("Dr Martin Hale", "Martin Hale"),
        ("Martin", "Martin Hale"),
    }


def test_a_thing_named_for_a_first_name_is_no_person() -> None:
    assert ("John", "PERSON") not in _labelled("Groups including John's Campaign welcomed it.")


@pytest.mark.parametrize(
    ("body", "town"),
    [
        ("Halton and Knowsley had the highest rates.", "Halton"),
        ("The unit will visit Skegness, Mablethorpe and Louth from January.", "Mablethorpe"),
    ],
)
def test_a_town_that_is_a_common_word_is_a_place_listed_beside_a_known_place(
    body: str, town: str
) -> None:
    assert (town, "PLACE") in _labelled(body)


def test_two_towns_that_are_common_words_need_a_word_of_place() -> None:
    assert not {t for t, label in _labelled("Reading and Bath won.") if label == "PLACE"}


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("In episode 41, Jonah Feldgate talks to a professor of nursing.", "Jonah Feldgate"),
        ("New consultants: Miss Aisha Rahmani Trauma and Orthopaedics 7 November 2022.",
         "Miss Aisha Rahmani"),
    ],
)  # fmt: skip
def test_a_person_who_talks_to_another_and_a_name_before_a_field_of_medicine(
    body: str, person: str
) -> None:
    assert {t for t, label in _labelled(body) if label == "PERSON"} == {person}


def test_talks_as_a_noun_makes_no_person() -> None:
    assert not {t for t, label in _labelled("Fair Pay Agreement talks begin") if label == "PERSON"}


@pytest.mark.parametrize(
    ("body", "orgs"),
    [
        ("But the Centre for Health and the Public Interest warns that it could fail.",
         {"Centre for Health and the Public Interest"}),
        ("The Royal College of Physicians and the Royal College of Psychiatrists agreed.",
         {"Royal College of Physicians", "Royal College of Psychiatrists"}),
        ("It will move to the Department of Health and Social Care and the NHS by the autumn.",
         {"Department of Health and Social Care"}),
    ],
)  # fmt: skip
def test_and_the_goes_on_with_a_name_unless_a_second_body_follows(
    body: str, orgs: set[str]
) -> None:
    assert {t for t, label in _labelled(body) if label == "ORG"} == orgs


def test_the_north_of_england_in_lower_case_is_one_place() -> None:
    found = extract(None, "Requests to 31 trusts in the north of England found delays.", DAY)
    assert [(e.text, e.label, e.canonical) for e in found if e.label == "PLACE"] == [
        ("north of England", "PLACE", "North of England")
    ]


def test_ccgs_after_areas_joined_by_and_are_one_body_and_after_one_place_several() -> None:
    joint = _labelled(
        "Martin Pryce, chief officer of Bristol, North Somerset and Avon CCGs, spoke."
    )
    assert ("Bristol, North Somerset and Avon CCGs", "ORG") in joint
    several = _labelled("Four central London CCGs will be among the biggest losers.")
    assert ("London", "PLACE") in several


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("The centre at Corn Street Plaza will carry out 90,000 scans.", "Corn Street Plaza"),
        ("There will be a public meeting at the Ashby Rooms on Tuesday.", "Ashby Rooms"),
    ],
)
def test_a_plaza_and_rooms_for_hire_are_places(body: str, place: str) -> None:
    assert (place, "PLACE") in _labelled(body)
