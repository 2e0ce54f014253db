"""Entity extraction: scores on the seed digests and on hand-written ones, and each rule alone."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.entities.extractor import extract, org_canonical
from indexer.entities.gazetteer import lexicon
from indexer.pipeline import parse_file, story_to_json
from indexer.records import Entity
from tests.scoring import score

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DAY = dt.date(2023, 6, 20)  # a Tuesday


def _parsed(folder: Path) -> list[dict[str, object]]:
    return [
        story_to_json(story)
        for path in sorted(folder.glob("*.txt"))
        for digest in parse_file(path, str(path))
        for story in digest.stories
    ]


def _found(headline: str | None, body: str, date: dt.date | None = DAY) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in extract(headline, body, date)}


def _one(text: str, wanted: str, date: dt.date | None = DAY) -> Entity:
    hits = [e for e in extract(None, text, date) if e.text == wanted]
    assert len(hits) == 1, [(e.text, e.label) for e in extract(None, text, date)]
    return hits[0]


@pytest.mark.parametrize(
    ("folder", "goal"), [("seeds", 0.95), ("entities", 0.92)], ids=["seeds", "hand-written"]
)
def test_f1_on_gold_digests(folder: str, goal: float) -> None:
    gold = score.load(FIXTURES / folder / "entities.gold.json")
    (precision, recall, f1), missed, spurious = score.score_entities(
        gold, _parsed(FIXTURES / folder)
    )
    assert f1 >= goal, f"F1 {f1:.3f} (p {precision:.3f} r {recall:.3f}) {missed=} {spurious=}"


def test_offsets_slice_the_field_text_on_every_seed_story() -> None:
    stories = _parsed(FIXTURES / "seeds")
    assert sum(len(s["entities"]) for s in stories) > 100  # type: ignore[arg-type]
    for story in stories:
        for e in story["entities"]:  # type: ignore[attr-defined]
            text = story[e["field"]]
            assert isinstance(text, str) and text[e["start"] : e["end"]] == e["text"], e


@pytest.mark.parametrize(
    ("body", "entity", "label"),
    [
        ("The Care Quality Commission rated it good.", "Care Quality Commission", "ORG"),
        ("Staff told the Nursing and Midwifery Council.", "Nursing and Midwifery Council", "ORG"),
        (
            "It rejected Airedale NHS Foundation Trust’s bid.",
            "Airedale NHS Foundation Trust",
            "ORG",
        ),
        (
            "Leaders at Leeds Teaching Hospitals Trust agreed.",
            "Leeds Teaching Hospitals Trust",
            "ORG",
        ),
        ("Bradford District Care FT posted a surplus.", "Bradford District Care FT", "ORG"),
        ("Money went to Barnsley CCG first.", "Barnsley CCG", "ORG"),
        ("The plan from Kent County Council was late.", "Kent County Council", "ORG"),
        ("Pressure grew on the University of Manchester.", "University of Manchester", "ORG"),
        ("Unite said members would strike.", "Unite", "ORG"),
        ("NHS Lothian has a new chair.", "NHS Lothian", "ORG"),
        ("Chief executive Jane Pattinson said so.", "Jane Pattinson", "PERSON"),
        ("In a blog, Omari Babatunde argues for reform.", "Omari Babatunde", "PERSON"),
        ("Its director of policy, Leanne Obasi, said so.", "Leanne Obasi", "PERSON"),
        ("Professor Sir Chris Whitty warned of winter.", "Professor Sir Chris Whitty", "PERSON"),
        ("Baroness Cumberlege led the review.", "Baroness Cumberlege", "PERSON"),
        ("The trust is in Stockport, near Manchester.", "Stockport", "PLACE"),
        ("Waits are longest in Tower Hamlets.", "Tower Hamlets", "PLACE"),
        ("Hospitals across the South West struggled.", "South West", "PLACE"),
        ("A new unit opens in Reading.", "Reading", "PLACE"),
        ("It cost £30 million in total.", "£30 million", "MONEY"),
        ("Pay rose 5.5% in April.", "5.5%", "PERCENT"),
        ("Talks resume on Tuesday 20th February.", "Tuesday 20th February", "DATE"),
        ("Beds will open by mid-March.", "mid-March", "DATE"),
    ],
)
def test_each_label(body: str, entity: str, label: str) -> None:
    assert _one(body, entity).label == label


@pytest.mark.parametrize(
    ("body", "unwanted"),
    [
        ("Threefold ICS variation in GP access revealed.", "Threefold ICS"),
        ("Reading the report, leaders were angry.", "Reading"),
        ("May trusts will struggle this winter.", "May"),
        ("Every Foundation Trust must publish accounts.", "Foundation Trust"),
        ("The NHS is in for a long summer.", "NHS"),
        ("Hewitt’s ICS using inequality cash", "Hewitt’s ICS"),
        ("The Chief Executive of the trust resigned.", "Chief Executive"),
        ("Dr Rebecca Rosen of the Nuffield Trust said so.", "Rebecca Rosen of the Nuffield Trust"),
        ("Freedom to Speak Up Guardian posts were cut.", "Guardian"),
        ("There were 2015 patients on the list.", "2015"),
    ],
)
def test_no_entity_from_common_words(body: str, unwanted: str) -> None:
    assert unwanted not in {e.text for e in extract(None, body, DAY)}


def test_aliases_share_the_canonical_name() -> None:
    body = "The BMA and NHSE met the CQC, NHS England and the British Medical Association."
    canon = {e.text: e.canonical for e in extract(None, body, DAY)}
    assert canon["BMA"] == canon["British Medical Association"] == "British Medical Association"
    assert canon["NHSE"] == canon["NHS England"] == "NHS England"
    assert canon["CQC"] == "Care Quality Commission"


def test_misnamed_nice_and_bracketed_acronyms() -> None:
    body = (
        "The National Institute of Health and Care Excellence-approved drug. The Pennine Stroke "
        "Network (PSN) warned; PSN members met ministers."
    )
    found = {e.text: e for e in extract(None, body, DAY)}
    nice = found["National Institute of Health and Care Excellence"]
    assert nice.canonical == "National Institute for Health and Care Excellence"
    assert found["PSN"].label == "ORG" and found["PSN"].canonical == "Pennine Stroke Network"
    assert [e.text for e in extract(None, body, DAY)].count("PSN") == 2


@pytest.mark.parametrize("mark", ["’s", "'s", "’"])
def test_possessives_are_not_part_of_the_name(mark: str) -> None:
    entity = _one(f"The Care Quality Commission{mark} budget fell.", "Care Quality Commission")
    assert entity.label == "ORG"


def test_longest_candidate_wins() -> None:
    body = (
        "South Western Ambulance Service Foundation Trust and Cheshire and Merseyside ICS "
        "named St George’s University Hospitals in south London."
    )
    found = _found(None, body)
    assert ("South Western Ambulance Service Foundation Trust", "ORG") in found
    assert ("Cheshire and Merseyside ICS", "ORG") in found
    assert ("St George’s University Hospitals", "ORG") in found
    assert not {text for text, _ in found} & {"Cheshire", "Merseyside", "South Western"}


def test_trust_name_variants_merge() -> None:
    names = [
        "Acme Valley Healthcare FT",
        "Acme Valley Healthcare Foundation Trust",
        "Acme Valley Healthcare NHS Foundation Trust",
    ]
    assert {org_canonical(n) for n in names} == {"Acme Valley Healthcare Foundation Trust"}
    assert org_canonical("NHS Norfolk and Waveney ICB") == "Norfolk and Waveney ICS"
    assert org_canonical("Norfolk and Waveney Integrated Care System") == "Norfolk and Waveney ICS"
    assert org_canonical("Tower Hamlets Clinical Commissioning Group") == "Tower Hamlets CCG"


def test_a_surname_takes_the_full_name_given_in_the_story() -> None:
    headline = "Okonjo’s plan backed"
    body = (
        "Committee chair Adaeze Okonjo proposed a strike. Dr Okonjo’s email was leaked, "
        "and Okonjo said she was right."
    )
    people = [e for e in extract(headline, body, DAY) if e.label == "PERSON"]
    assert {e.text for e in people} == {"Okonjo", "Adaeze Okonjo", "Dr Okonjo"}
    assert {e.canonical for e in people} == {"Adaeze Okonjo"}
    assert sum(1 for e in people if e.field == "body") == 3


def test_known_people_by_surname_alone() -> None:
    found = extract("ICS leader tells Streeting to act", "Mr Hancock spoke.", DAY)
    canon = {e.text: e.canonical for e in found if e.label == "PERSON"}
    assert canon == {"Streeting": "Wes Streeting", "Mr Hancock": "Matt Hancock"}


def test_the_42_integrated_care_systems_are_known() -> None:
    assert len(set(lexicon().areas.values())) == 42
    body = "Systems in Shropshire, Telford and Wrekin and Cornwall and the Isles of Scilly met."
    assert _found(None, body) >= {
        ("Shropshire, Telford and Wrekin", "PLACE"),
        ("Cornwall and the Isles of Scilly", "PLACE"),
    }
    # An area name is the place; "NHS ..." and "... ICB" name the system.
    found = extract(None, "NHS Kent and Medway and Norfolk and Waveney ICB agreed.", DAY)
    assert {(e.text, e.label, e.canonical) for e in found} == {
        ("NHS Kent and Medway", "ORG", "Kent and Medway ICS"),
        ("Norfolk and Waveney ICB", "ORG", "Norfolk and Waveney ICS"),
    }


@pytest.mark.parametrize(
    ("text", "wanted", "value"),
    [
        ("a deficit of £1.5m", "£1.5m", 1.5e6),
        ("funding of £9.6bn a year", "£9.6bn", 9.6e9),
        ("it cost £30 million", "£30 million", 3e7),
        ("a salary of £35,000", "£35,000", 35000.0),
        ("between £1m and £1.5m", "£1m", 1e6),
        ("36.6 per cent of beds", "36.6 per cent", 36.6),
        ("cut 10% of beds", "10%", 10.0),
        ("Five per cent of staff", "Five per cent", 5.0),
        ("Ninety-one per cent of places", "Ninety-one per cent", 91.0),
        ("cut by twenty-five per cent", "twenty-five per cent", 25.0),
    ],
)
def test_money_and_percent_values(text: str, wanted: str, value: float) -> None:
    assert _one(text, wanted).value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "wanted", "date", "value"),
    [
        ("ballot closes on 27 June", "27 June", DAY, "2023-06-27"),
        ("strikes on 20 and 21 July", "20 and 21 July", DAY, "2023-07-20"),
        ("due on 5 January", "5 January", dt.date(2023, 12, 20), "2024-01-05"),  # the nearer one
        ("talks on Tuesday 20th February 2024", "Tuesday 20th February 2024", DAY, "2024-02-20"),
        ("investment in 2015-16", "2015-16", DAY, "2015"),
        ("formed in 2009", "2009", DAY, "2009"),
        ("a strike on Friday", "Friday", DAY, "2023-06-23"),
        ("a rise last year", "last year", DAY, "2022"),
        ("ballot closes on 27 June", "27 June", None, None),
        ("a strike on Friday", "Friday", None, None),
    ],
)
def test_date_values(text: str, wanted: str, date: dt.date | None, value: str | None) -> None:
    entity = _one(text, wanted, date)
    assert (entity.label, entity.value) == ("DATE", value)


def test_fields_and_missing_headline() -> None:
    found = extract("CQC budget cut", "The Care Quality Commission lost £9m.", DAY)
    assert {(e.field, e.text) for e in found} == {
        ("headline", "CQC"),
        ("body", "Care Quality Commission"),
        ("body", "£9m"),
    }
    assert extract(None, "", DAY) == ()
    assert extract(None, "NHS England said so.", None)[0].field == "body"


VOCABULARY = (
    "NHS England Trust FT ICS and of the Dr Mr Lord May March 2015-16 £1.5m 10% per cent said "
    "chief executive Jane Smith Kent Medway St George’s ’s ' “ ” ( ) . , : – \n 27 June Tuesday "
    "Hospital University of Leeds Unite Monitor Reading in mid-March Streeting ICB CCG Square"
)
WORDS = st.sampled_from(VOCABULARY.split(" "))


@given(st.lists(WORDS, max_size=40), st.lists(WORDS, max_size=8))
@settings(max_examples=150, deadline=None)
def test_any_text_gives_well_formed_entities(body_words: list[str], head_words: list[str]) -> None:
    body, headline = " ".join(body_words), " ".join(head_words) or None
    fields = {"headline": headline or "", "body": body}
    spans: dict[str, list[tuple[int, int]]] = {"headline": [], "body": []}
    for e in extract(headline, body, DAY):
        assert fields[e.field][e.start : e.end] == e.text and e.text.strip() == e.text
        assert e.canonical
        spans[e.field].append((e.start, e.end))
    for found in spans.values():
        found.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(found))


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        (
            "The Royal College of Physicians and the Royal College of Psychiatrists objected.",
            {("Royal College of Physicians", "ORG"), ("Royal College of Psychiatrists", "ORG")},
        ),
        ("Leeds LMC says seven practices closed.", {("Leeds LMC", "ORG")}),
        ("Nottinghamshire Police has opened an inquiry.", {("Nottinghamshire Police", "ORG")}),
        ("The Scottish government will pay.", {("Scottish government", "ORG")}),
        (
            "An outbreak in the Democratic Republic of the Congo spread.",
            {("Democratic Republic of the Congo", "PLACE")},
        ),
        (  # a street in a story's text (an address with a postcode is a footer's: see noise)
            "Nurses held a vigil outside BMA House, Tavistock Square, London, on Friday.",
            {("BMA", "ORG"), ("London", "PLACE")},
        ),
        ("The review will report in spring 2025.", {("spring 2025", "DATE")}),
        ("It was the top priority for 2025.", {("2025", "DATE")}),
    ],
)
def test_holdout_habits(body: str, wanted: set[tuple[str, str]]) -> None:
    found = _found(None, body)
    assert wanted <= found
    assert not any(label == "PLACE" and text == "Tavistock" for text, label in found)


def test_year_before_a_counted_noun_is_not_a_date() -> None:
    assert ("2025", "DATE") not in _found(None, "Beds for 2025 patients were opened.")


def test_knight_named_by_first_name_resolves_to_full_name() -> None:
    found = extract(None, "Sir Jim Mackey will lead it. Sir Jim said so.", DAY)
    assert [(e.text, e.canonical) for e in found] == [
        ("Sir Jim Mackey", "Jim Mackey"),
        ("Sir Jim", "Jim Mackey"),
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Healthwatch Devon and Healthwatch Cambridgeshire cut hours.", "Healthwatch Devon"),
        ("Dame Ruth May will lead a review of safe staffing.", "Dame Ruth May"),
        ("Patchwork raised money in a round led by Octopus Ventures.", "Octopus Ventures"),
    ],
)
def test_prefixed_orgs_month_surnames_and_company_heads(text: str, want: str) -> None:
    assert want in [e.text for e in extract(None, text)]
