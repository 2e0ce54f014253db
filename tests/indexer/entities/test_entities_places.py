"""Places: regions, parts of a city or county, constituencies and local-authority areas."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.entities.extractor import extract

DAY = dt.date(2024, 3, 12)


def _places(body: str) -> dict[str, str]:
    return {e.text: e.canonical for e in extract(None, body, DAY) if e.label == "PLACE"}


@pytest.mark.parametrize(
    ("body", "place", "canonical"),
    [
        ("Beds were opened in east London last winter.", "east London", "East London"),
        ("Ambulance waits in west Cornwall grew.", "west Cornwall", "West Cornwall"),
        ("Trusts across South Cumbria are short of nurses.", "South Cumbria", "South Cumbria"),
        ("The MP for Barnsley East asked a question.", "Barnsley East", "Barnsley East"),
        ("Waits were longest in the North of England.", "North of England", "North of England"),
        (
            "Staff in the North East and Yorkshire were balloted.",
            "North East and Yorkshire",
            "North East and Yorkshire",
        ),
        (
            "Care homes in Telford and Wrekin raised fees.",
            "Telford and Wrekin",
            "Telford and Wrekin",
        ),
        ("GPs in the Forest of Dean are recruiting.", "Forest of Dean", "Forest of Dean"),
        ("Practices in Ribble Valley and Torfaen merged.", "Ribble Valley", "Ribble Valley"),
        ("Practices in Ribble Valley and Torfaen merged.", "Torfaen", "Torfaen"),
        ("A power cut in south-east London hit labs.", "south-east London", "South East London"),
        ("Beds in Lothian and Greater Glasgow.", "Greater Glasgow", "Greater Glasgow"),
    ],
)
def test_places(body: str, place: str, canonical: str) -> None:
    assert _places(body).get(place) == canonical


@pytest.mark.parametrize(
    ("body", "not_a_place"),
    [
        ("Theatres reopen at West Cornwall Hospital in May.", "West Cornwall"),
        ("Four central London CCGs lose most.", "central London"),
        ("North of England Commissioning Support says so.", "North of England"),
        ("Copeland said the council would act.", "Copeland"),  # a surname unless "in Copeland"
        # what "in" takes that is no place
        ("The new hub in Ashwick Community Health Hub opened.", "Ashwick"),  # a longer name
        ("Leaflets are printed in Polish and in Welsh.", "Polish"),  # languages
        ("Leaflets are printed in Polish and in Welsh.", "Welsh"),
        ("Children in Year 7 will be offered the jab.", "Year"),
        ("The risk in Covid-19 wards rose.", "Covid"),
        ("Records are kept in SystmOne by most practices.", "SystmOne"),
        ("She trained in Geriatric Medicine at Leeds.", "Geriatric Medicine"),
        ("It was noticed in Sarah's team first.", "Sarah"),
        ("Waits are longest in the East this winter.", "East"),
        ("Yes, it is in Statements, approved last night.", "Statements"),  # a common noun's end
        ("The figures are in Governance and in Procurement.", "Governance"),
        ("I wrote about the age question in Issue #111.", "Issue"),  # a number follows
        ("Sarah Kenyon (Finance) is preparing a version.", "Finance"),  # a department
        ("Tom Bell (Communications) will reply.", "Communications"),
        ("CONTACT US for a retention payment of £2,000.", "US"),  # the pronoun in capitals
    ],
)
def test_not_places(body: str, not_a_place: str) -> None:
    assert not_a_place not in _places(body)


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("A new hub opened in Todmorden last month.", "Todmorden"),
        ("Patients from Sowerby Bridge face a longer trip.", "Sowerby Bridge"),
        ("The practice in Ballymena will close.", "Ballymena"),
    ],
)
def test_towns_the_lists_took_from_a_gazetteer_of_towns(body: str, place: str) -> None:
    assert place in _places(body)


def test_a_town_that_is_also_a_surname_needs_a_word_of_place_before_it() -> None:
    assert _places("Prudhoe said the plan was sound.") == {}
    assert "Prudhoe" in _places("Clinics in Prudhoe reopened.")


@pytest.mark.parametrize(
    ("body", "places", "not_places"),
    [
        (
            "The new hubs are Tarnby, Evesham, Leominster, Oxley Link and Ludlow.",
            {"Tarnby", "Oxley Link"},
            set(),
        ),
        ("Leeds, Hull and Sarah Jones spoke.", set(), {"Sarah Jones"}),  # a first name
        ("Dr Ravi Anand (Conservative, Farnham and Bordon) asked.", set(), {"Conservative"}),
        ("Tarnby, Oxley Link and Leeds are close.", set(), {"Tarnby"}),  # one known place only
    ],
)
def test_a_name_in_a_list_of_places_is_a_place(
    body: str, places: set[str], not_places: set[str]
) -> None:
    found = _places(body)
    assert places <= set(found)
    assert not not_places & set(found)


def test_a_known_persons_surname_after_a_word_of_place_is_a_place() -> None:
    """Well-known people are named by their surname alone ("Hancock said"), but not after "in"."""
    assert _places("Several practices in Hancock have found 111 booking patients.") == {
        "Hancock": "Hancock"
    }
    assert _places("Hancock said the plan was sound.") == {}


@pytest.mark.parametrize(
    ("body", "places"),
    [
        ("Volunteers are wanted in Halifax and Brighouse.", {"Halifax", "Brighouse"}),
        ("From Leeds, Elland or Brighouse, patients travel far.", {"Leeds", "Elland", "Brighouse"}),
        ("Prudhoe and Elland said no.", set()),  # no word of place before the list
    ],
)
def test_a_list_after_a_word_of_place_is_a_list_of_places(body: str, places: set[str]) -> None:
    assert set(_places(body)) == places


def _labelled(body: str) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in extract(None, body, DAY)}


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        (
            "Marchers walked from Quarry Square to Priory Road.",
            {("Quarry Square", "PLACE"), ("Priory Road", "PLACE")},
        ),
        ("Testing moves to Alderbrook Park next week.", {("Alderbrook Park", "PLACE")}),
        ("Residents of Oakfield Lodge were moved.", {("Oakfield Lodge", "ORG")}),
        ("The ICB moves into Sanger House in September.", {("Sanger House", "ORG")}),
        ("Beds opened on the new Ribble Ward this week.", {("Ribble Ward", "ORG")}),
        ("Babies born at the Jessop Wing were offered the app.", {("Jessop Wing", "ORG")}),
        # where something happens, a hall, a house or a venue's centre is a place
        ("The awards evening is at Ormside Hall on 3 May.", {("Ormside Hall", "PLACE")}),
        ("Clinics run at Kelder House every Tuesday.", {("Kelder House", "PLACE")}),
        ("Jabs are given at the Ormside Leisure Centre.", {("Ormside Leisure Centre", "PLACE")}),
        ("Ormside Leisure Centre will open on Sundays.", {("Ormside Leisure Centre", "ORG")}),
    ],
)
def test_sites_named_by_their_kind(body: str, wanted: set[tuple[str, str]]) -> None:
    assert wanted <= _labelled(body)


@pytest.mark.parametrize(
    "body",
    [
        "Lucy Hall said the site would close.",  # a person
        "Claire Ward said the site would close.",
        "Dr Hall said the site would close.",
        "The Town Hall will host the meeting.",  # no name of its own
        "Book at 18 Old Queen Street, by Friday.",  # a postal address
    ],
)
def test_not_sites(body: str) -> None:
    assert not {text for text, label in _labelled(body) if label in ("PLACE", "ORG")}


@pytest.mark.parametrize(
    ("body", "seat"),
    [
        ("Bernard Tull (Con, Taunton Deane) asked whether beds would open.", "Taunton Deane"),
        (
            "The debate was led by Ruth Garsby (LD, Westmorland and Lonsdale).",
            "Westmorland and Lonsdale",
        ),
        ("Owen Pritch (Eastwick) (Lab), for the Opposition, asked why.", "Eastwick"),
        (
            "The Liberal Democrat MP for Tiverton and Minehead, Rhys Callow, spoke.",
            "Tiverton and Minehead",
        ),
        ("Commons Lab, Wansbeck", "Wansbeck"),
        (
            "Asked by: Clare Ludlow (Liberal Democrat, Westmorland and Lonsdale)",
            "Westmorland and Lonsdale",
        ),
        ("Dr Aled Prys (Plaid Cymru, Dwyfor Meirionnydd) asked.", "Dwyfor Meirionnydd"),
        ("Tim Farron (Lib Dem, Westmorland and Lonsdale) asked.", "Westmorland and Lonsdale"),
        ("A bill from Rhoda Venn MP (Selby and Ainsty) was read.", "Selby and Ainsty"),
    ],
)
def test_an_mps_seat_is_a_place(body: str, seat: str) -> None:
    assert seat in _places(body)


def test_a_party_name_before_a_list_names_no_seat() -> None:
    assert _places("Lab, Unison and the RCN said no.") == {}


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        (
            "Nurses recruited from outside the European Economic Area rose.",
            ("European Economic Area", "PLACE"),
        ),
        ("Our practice in the Yorkshire Dales lost money.", ("Yorkshire Dales", "PLACE")),
        ("The bill was debated in Westminster Hall.", ("Westminster Hall", "PLACE")),
        ("Officials in Whitehall resisted the plan.", ("Whitehall", "PLACE")),
        ("Uptake was lowest in the East Riding.", ("East Riding", "PLACE")),
        ("Walkers in the North York Moors fell ill.", ("North York Moors", "PLACE")),
        ("Staff at the Freeman voted to strike.", ("Freeman", "ORG")),
        ("A frailty unit opens at Ninewells.", ("Ninewells", "ORG")),
    ],
)
def test_regions_and_hospitals_the_gazetteer_names(body: str, wanted: tuple[str, str]) -> None:
    assert wanted in _labelled(body)


@pytest.mark.parametrize(
    ("body", "town"),
    [
        ("We have a strike mandate at Humber Estuary.", "Humber"),
        ("The Wessex Downs care hub opened.", "Wessex"),
        ("A walk by the Cotswold Ramblers raised money.", "Cotswold"),
        ("Staff get 10% off at Lake District Cycles with their badge.", "Lake District"),
        ("The contract with Cornwall Health Partners was extended.", "Cornwall"),  # "Health"
        ("Clinics are run by Bolton Primary Care Together.", "Bolton"),  # starts known names
    ],
)
def test_a_place_that_begins_another_name_is_no_place(body: str, town: str) -> None:
    assert town not in _places(body)


def test_in_a_title_case_headline_only_a_word_that_starts_no_name_says_so() -> None:
    found = extract("Leeds Health Chiefs Warn Of Cuts", "The board met.", DAY)
    assert [(e.text, e.label) for e in found] == [("Leeds", "PLACE")]


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("In Leeds Dr Smith spoke first.", "Leeds"),  # a title follows
        ("Staff in North Cumbria were balloted.", "North Cumbria"),
        ("Clinics in Leeds and Bradford are full.", "Leeds"),
    ],
)
def test_a_place_before_a_title_compass_point_or_and_stays(body: str, place: str) -> None:
    assert place in _places(body)


@pytest.mark.parametrize(
    ("body", "places"),
    [
        ("Only 63 pharmacies in Dunmere Vale have signed up.", {"Dunmere Vale"}),
        ("Uptake in Ashwick reached 41% this month.", {"Ashwick"}),
        (
            "Teams will be based in Ashwick, Tremorfa and Glynmawr from May.",
            {"Ashwick", "Tremorfa", "Glynmawr"},
        ),
        ("Clinics opened across Ashwick and Fold last year.", {"Ashwick", "Fold"}),
        (  # a list goes on past a place the gazetteer knows
            "Teams will be based in Aberystwyth, Tremorfa and Glynmawr.",
            {"Aberystwyth", "Tremorfa", "Glynmawr"},
        ),
        ("A resident of Glynmawr asked why the unit closed.", {"Glynmawr"}),
        ("Anyone in the North Ashwick area can call.", {"North Ashwick"}),
        ("Two cases were confirmed in the Glynmawr area on Monday.", {"Glynmawr"}),
        ("A practice in the Tremorfa area of Leeds was rated inadequate.", {"Tremorfa", "Leeds"}),
        ("A hospital between Glynmawr and St Tremorfa is planned.", {"Glynmawr", "St Tremorfa"}),
        (  # a list before a plural of places
            "Voters in the Ashwick and Tremorfa constituencies elect two governors.",
            {"Ashwick", "Tremorfa"},
        ),
        ("Buses serve the Fold, Glynmawr and Ashwick localities.", {"Fold", "Glynmawr", "Ashwick"}),
        ("A plan covering Tremorfa and Glynmawr is out.", {"Tremorfa", "Glynmawr"}),
    ],
)
def test_a_name_no_list_holds_after_in_is_a_place(body: str, places: set[str]) -> None:
    assert places <= set(_places(body))


def test_a_name_in_brackets_after_a_person_is_where_they_stand_for() -> None:
    body = (
        "The new governors are Jo Okoye (Ashwick), Tom Bell (Dunmere Vale) and "
        "Baroness Hale (Crossbench), with Ann Lee (Lab) and Sam Roe (Unison Branch)."
    )
    places = set(_places(body))
    assert {"Ashwick", "Dunmere Vale"} <= places
    assert not places & {"Crossbench", "Lab", "Unison Branch", "Unison"}


@pytest.mark.parametrize(
    ("headline", "wanted"),
    [
        (
            "HOT HUBS OPEN IN SALISBURY AND ANDOVER",
            {("SALISBURY", "Salisbury"), ("ANDOVER", "Andover")},
        ),
        ("GOLDEN HELLO SCHEME OPENS IN HULL", {("HULL", "Hull")}),
        ("GO IN AND SEE YOUR GP", set()),  # no place the gazetteer knows
    ],
)
def test_a_known_place_in_a_headline_in_capitals(
    headline: str, wanted: set[tuple[str, str]]
) -> None:
    found = {(e.text, e.canonical) for e in extract(headline, "Clinics open.", DAY)}
    assert found == wanted


@pytest.mark.parametrize(
    ("body", "place", "canonical"),
    [
        (
            "Deaths in prisons in England and Wales reached 105.",
            "England and Wales",
            "England and Wales",
        ),
        ("Patient flows between the Borders and Northumberland.", "Borders", "Scottish Borders"),
    ],
)
def test_a_jurisdiction_and_a_region_known_by_a_common_word(
    body: str, place: str, canonical: str
) -> None:
    assert _places(body).get(place) == canonical


@pytest.mark.parametrize(
    ("body", "not_a_place"),
    [
        ("Staff from Surrey and Borders Partnership moved.", "Borders"),
    ],
)
def test_a_region_by_a_common_word_only_after_the(body: str, not_a_place: str) -> None:
    assert not_a_place not in _places(body)
