"""Names joined by "and", "&" and commas: two names are two entities, one name stays whole."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.entities.extractor import extract

DAY = dt.date(2024, 3, 12)


def _found(body: str) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in extract(None, body, DAY)}


@pytest.mark.parametrize(
    ("body", "wanted", "not_wanted"),
    [
        (  # a second name starting at "the"
            "The plan was agreed by NHS Greater Manchester and the Oldham GP Federation.",
            {("NHS Greater Manchester", "ORG"), ("Oldham GP Federation", "ORG")},
            "NHS Greater Manchester and the Oldham GP Federation",
        ),
        (
            "Beds at the University Hospital of Acton and the University Hospital of Ealing.",
            {("University Hospital of Acton", "ORG"), ("University Hospital of Ealing", "ORG")},
            "University Hospital of Acton and the University Hospital of Ealing",
        ),
        (  # "and for" repeats the preposition: a second name follows
            "Budgets for the Institute for Rural Research and for Widget Health England fell.",
            {("Institute for Rural Research", "ORG")},
            "Institute for Rural Research and for Widget Health England",
        ),
        (  # a known organisation, then an "of" name the rule builds
            "Monitor and the Widget Regulation Authority issued a joint warning.",
            {("Widget Regulation Authority", "ORG")},
            "Monitor and the Widget Regulation Authority",
        ),
        (  # an "of" name, then an organisation the gazetteer knows
            "Witnesses from the Royal College of Radiologists and Mind urged MPs to act.",
            {("Royal College of Radiologists", "ORG"), ("Mind", "ORG")},
            "Royal College of Radiologists and Mind",
        ),
        (
            "The Department of Transport and NHS England set out the plan.",
            {("Department of Transport", "ORG"), ("NHS England", "ORG")},
            "Department of Transport and NHS England",
        ),
        (  # two whole area names, one head
            "Funding came from NHS Kent and Medway and Norfolk and Waveney ICB this year.",
            {("NHS Kent and Medway", "ORG"), ("Norfolk and Waveney ICB", "ORG")},
            "NHS Kent and Medway and Norfolk and Waveney ICB",
        ),
        (  # a list of whole names, each with its head
            "Staff from Alderbrook Community Hospital, Fenwick and Hale Hospital moved.",
            {("Alderbrook Community Hospital", "ORG"), ("Fenwick and Hale Hospital", "ORG")},
            "Alderbrook Community Hospital, Fenwick and Hale Hospital",
        ),
        (  # a hospital's short name ends at "General"
            "Beds closed at Ashwick General and Dunmere Valley Hospital.",
            {("Ashwick General", "ORG"), ("Dunmere Valley Hospital", "ORG")},
            "Ashwick General and Dunmere Valley Hospital",
        ),
        (  # "NHS" after "and" starts a second name
            "Parts of Ashwick Vale and NHS Dunmere and Fold ICB will merge.",
            {("NHS Dunmere and Fold ICB", "ORG")},
            "Ashwick Vale and NHS Dunmere and Fold ICB",
        ),
        (  # "University of" a place is a whole name before "and"
            "Students at the University of Leeds and Dunmere Hallam University agreed.",
            {("University of Leeds", "ORG"), ("Dunmere Hallam University", "ORG")},
            "University of Leeds and Dunmere Hallam University",
        ),
        (  # a titled person before "and" is no part of the body after it
            "The minister agreed to meet Ms Ferris and Dunmere and Fold ICB.",
            {("Ms Ferris", "PERSON"), ("Dunmere and Fold ICB", "ORG")},
            "Ferris and Dunmere and Fold ICB",
        ),
        (  # a place that says where the first body is ends it: "Hospital in Huntingdon"
            "Ashwick Hospital in Leeds and Dunmere General Hospital will be rebuilt.",
            {("Ashwick Hospital", "ORG"), ("Leeds", "PLACE"), ("Dunmere General Hospital", "ORG")},
            "Leeds and Dunmere General Hospital",
        ),
        (  # a street is a site of its own, not the start of a hospital's name
            "The record goes live at Fold Road and Dunmere Community Hospital in March.",
            {("Fold Road", "PLACE"), ("Dunmere Community Hospital", "ORG")},
            "Fold Road and Dunmere Community Hospital",
        ),
        (  # ", and" ends a list of things: a name starts after it
            "NHS England has published FAQs, and Fellbeck LMC is holding a drop-in.",
            {("Fellbeck LMC", "ORG")},
            "FAQs, and Fellbeck LMC",
        ),
    ],
)
def test_two_names_joined_are_two_entities(
    body: str, wanted: set[tuple[str, str]], not_wanted: str
) -> None:
    found = _found(body)
    assert wanted <= found
    assert not_wanted not in {text for text, _ in found}


@pytest.mark.parametrize(
    ("body", "name", "label"),
    [
        (
            "The Department of Health and Social Care said so.",
            "Department of Health and Social Care",
            "ORG",
        ),
        (
            "Barking, Havering and Redbridge University Hospitals Trust is in deficit.",
            "Barking, Havering and Redbridge University Hospitals Trust",
            "ORG",
        ),
        ("Waits are longest in Kent and Medway this winter.", "Kent and Medway", "PLACE"),
        ("Rates rose in Yorkshire and the Humber last year.", "Yorkshire and the Humber", "PLACE"),
        (  # a comma inside a name, once an "and" has been crossed
            "Northern, Eastern and Western Wessex CCG ended the year in deficit.",
            "Northern, Eastern and Western Wessex CCG",
            "ORG",
        ),
        (  # "of" and a word that is no place: one name
            "The Faculty of Sexual and Reproductive Healthcare said so.",
            "Faculty of Sexual and Reproductive Healthcare",
            "ORG",
        ),
        (  # a place after "at" (no body before it) starts a hospital's name
            "Clinics run at Basingstoke and North Hampshire Hospital.",
            "Basingstoke and North Hampshire Hospital",
            "ORG",
        ),
        (  # "&" between spaces joins one name
            "A team run by Telford & Wrekin Council halved waits.",
            "Telford & Wrekin Council",
            "ORG",
        ),
        (
            "Pennine & Fylde Mental Health NHS Foundation Trust was moved into segment 4.",
            "Pennine & Fylde Mental Health NHS Foundation Trust",
            "ORG",
        ),
    ],
)
def test_a_name_containing_and_stays_whole(body: str, name: str, label: str) -> None:
    assert (name, label) in _found(body)


@pytest.mark.parametrize(
    ("day", "wanted"),
    [
        (dt.date(2018, 7, 6), {"NHS England", "NHS Improvement"}),  # two bodies then
        (dt.date(2021, 6, 8), {"NHS England and NHS Improvement"}),  # one from April 2019
        (None, {"NHS England and NHS Improvement"}),  # undated: the name as written
    ],
)
def test_a_joint_name_is_one_body_only_from_the_day_it_was_formed(
    day: dt.date | None, wanted: set[str]
) -> None:
    body = "The plan must be agreed with NHS England and NHS Improvement by the autumn."
    assert {e.text for e in extract(None, body, day) if e.label == "ORG"} == wanted


@pytest.mark.parametrize(
    ("body", "wanted", "not_wanted"),
    [
        (  # "on" before the head is no part of a name that a known body ends before it
            "Committee to question NHS England on ICB mergers in the spring.",
            {("NHS England", "ORG")},
            "NHS England on ICB",
        ),
        (  # a sentence's first word that opens names as often as sentences
            "National Child Measurement Programme data for 2022/23 show that obesity rose.",
            {("National Child Measurement Programme", "ORG")},
            "Child Measurement Programme",
        ),
        (  # "of" after a plural owner ("Colleges") goes on with the name
            "The Joint Royal Colleges of Physicians Training Board has confirmed it.",
            {("Joint Royal Colleges of Physicians Training Board", "ORG")},
            "Physicians Training Board",
        ),
        (  # a place named "Vale of ..." opens the name
            "NHS Vale of Eden CCG agreed the plan with the practices.",
            {("NHS Vale of Eden CCG", "ORG")},
            "Eden CCG",
        ),
        (  # an owner word after a first name is a surname: a person, then the body
            "John King of Leeds CCG said the money had run out.",
            {("John King", "PERSON"), ("Leeds CCG", "ORG")},
            "John King of Leeds CCG",
        ),
        (  # the town names keep their "upon" and "on"
            "Staff at Burton upon Trent Hospitals Trust and Stratford on Avon District Council.",
            {
                ("Burton upon Trent Hospitals Trust", "ORG"),
                ("Stratford on Avon District Council", "ORG"),
            },
            "Trent Hospitals Trust",
        ),
    ],
)
def test_a_name_ends_where_another_begins_and_runs_on_where_it_goes_on(
    body: str, wanted: set[tuple[str, str]], not_wanted: str
) -> None:
    found = _found(body)
    assert wanted <= found
    assert not_wanted not in {text for text, _ in found}
