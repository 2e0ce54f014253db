"""People named with an office's title, a peer's territory, a post before the name, or a
surname that is also a town's name: the span is the person's name and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.entities.extractor import extract

DAY = dt.date(2024, 3, 12)


def _people(body: str) -> dict[str, str]:
    return {e.text: e.canonical for e in extract(None, body, DAY) if e.label == "PERSON"}


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("The board is chaired by Cllr Oona Brack of the county council.", "Oona Brack"),
        ("Councillor Tamsin Frew said the cuts would hurt.", "Tamsin Frew"),
        ("Lead chaplain Rev Iain Quarrie said the room was well used.", "Iain Quarrie"),
        ("The panel, chaired by the Right Reverend James Holm, reported.", "James Holm"),
        ("Cllr Dr Petra Vance said so.", "Dr Petra Vance"),  # a title of the person stays
    ],
)
def test_office_titles_are_not_part_of_the_name(body: str, person: str) -> None:
    assert list(_people(body)) == [person]


def test_a_peer_keeps_the_territory_and_is_named_by_the_surname_after() -> None:
    people = _people(
        "Baroness Quell of Marsby tabled a question. Baroness Quell said more was needed. "
        "Later Quell added a point about Marsby."
    )
    assert people == {
        "Baroness Quell of Marsby": "Quell of Marsby",
        "Baroness Quell": "Quell of Marsby",
        "Quell": "Quell of Marsby",
    }


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Director of Finance Helen Quarrie said no services would close.", "Helen Quarrie"),
        ("Minister of State Helen Farrow confirmed the plan.", "Helen Farrow"),
        ("Chief Executive Roderick Sands thanked staff.", "Roderick Sands"),  # a two-word post
        ("Medical Director Zoltan Quarrie opened the unit.", "Zoltan Quarrie"),
    ],
)
def test_a_post_written_in_capitals_before_a_name_is_not_part_of_it(body: str, person: str) -> None:
    assert list(_people(body)) == [person]


@pytest.mark.parametrize(
    "body",
    [
        "At the meeting, Lorraine Pickering was re-elected branch secretary.",
        "Head of bargaining Lorraine Pickering said the deal was fair.",
    ],
)
def test_a_first_name_before_a_towns_name_is_a_person(body: str) -> None:
    found = {(e.text, e.label) for e in extract(None, body, DAY)}
    assert ("Lorraine Pickering", "PERSON") in found
    assert ("Pickering", "PLACE") not in found


def test_a_towns_name_after_a_title_and_first_name_is_a_surname() -> None:
    found = {(e.text, e.label) for e in extract(None, "said chief executive Dr Ann Crewe.", DAY)}
    assert ("Dr Ann Crewe", "PERSON") in found
    assert ("Crewe", "PLACE") not in found


def test_a_town_after_a_sentence_opening_first_name_stays_a_place() -> None:
    found = {(e.text, e.label) for e in extract(None, "Pickering has a new clinic.", DAY)}
    assert ("Pickering", "PLACE") in found


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Ewan Tosh, the board's finance director, said the plan was sound.", "Ewan Tosh"),
        ("Ngozi Adeyemi-Bale was elected chair of the branch.", "Ngozi Adeyemi-Bale"),
        ("Morwenna Trask has been elected chair of the branch.", "Morwenna Trask"),
    ],
)
def test_first_names_of_every_part_of_the_uk(body: str, person: str) -> None:
    assert list(_people(body)) == [person]


def test_a_health_board_named_for_a_person_is_an_organisation() -> None:
    found = {(e.text, e.label) for e in extract(None, "Hywel Dda said waits were falling.", DAY)}
    assert found == {("Hywel Dda", "ORG")}


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Lord Aldridge, for the Government, said no.", "Lord Aldridge"),  # a town's name too
        ("Sister Janet Quarrie has been appointed guardian.", "Janet Quarrie"),
        ("Grace Okorie, the trust's chief nurse, credits the scheme.", "Grace Okorie"),
        ("Vin Castell, the department's director of digital channels, said so.", "Vin Castell"),
        ("An inquest into the death of Edna Quarrie, 84, found failings.", "Edna Quarrie"),  # age
        ("Wera Haldane (Conservative, Hexham) cited reports.", "Wera Haldane"),  # party, seat
        ("In reply to Wera Haldane (Stockport South), the minister said no.", "Wera Haldane"),
        ("Answering Wera Haldane (Bristol South West), she said no.", "Wera Haldane"),  # seat
        ("Asked by: Clare Ludlow (Liberal Democrat, Kendal)", "Clare Ludlow"),  # a town's name
        ("New governors include Ann-Marie Quarrie from May.", "Ann-Marie Quarrie"),
        ("Imam Yusuf Quarrie led a blessing.", "Yusuf Quarrie"),  # a faith's title, as Cllr
        ("Dr Gareth Lowe Gastroenterology 1 December 2022", "Dr Gareth Lowe"),  # a table's row
        ("The bid is coordinated by Aziz Rahman (aziz.rahman4@nhs.net).", "Aziz Rahman"),
        ("Dr Mei-Ling Carter Paediatrics 9 January 2023", "Dr Mei-Ling Carter"),
        ("A question from Dean Tarrant MP went unanswered.", "Dean Tarrant"),  # member's letters
        ("Liberal Democrat MP Mark Venn asked for a review.", "Mark Venn"),  # not the party
    ],
)
def test_people_by_their_title_or_post(body: str, person: str) -> None:
    assert list(_people(body)) == [person]


def test_a_first_name_alone_takes_the_full_name_given_in_the_story() -> None:
    people = _people("Nadia Chowdry has joined us as guardian. Nadia was a ward sister.")
    assert people == {"Nadia Chowdry": "Nadia Chowdry", "Nadia": "Nadia Chowdry"}


def test_a_first_name_two_people_share_is_neither() -> None:
    people = _people("Nadia Chowdry and Nadia Kamal met. Nadia spoke first.")
    assert "Nadia" not in people


@pytest.mark.parametrize(
    "body",
    [
        "The Nurse Staffing Levels (Wales) Act 2016 will apply to wards.",  # a post in a title
        "GP Forward View pledges more money a year.",
        "Shadow ICBs told to name chief executives.",  # an acronym's plural
        # a name in commas after a noun that is no post: a thing's
        "Our remote monitoring platform, Vantor Pulse, is now live on two wards.",
        "Our partner university, Hexham Saint Bede, has 40 fewer starters this year.",
        "Inspectors rated Heather Moss House good in every area.",  # a building named after her
    ],
)
def test_no_person_in_a_title_or_an_acronym(body: str) -> None:
    assert _people(body) == {}


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Staff award: Sister Precious Mensah, Ward 9, for her work.", "Precious Mensah"),
        ("Their bank. Contact Graham Tulloch at the LMC office for advice.", "Graham Tulloch"),
        ("Email Ewan Tosh with questions; ask at the desk.", "Ewan Tosh"),
    ],
)
def test_a_nursing_rank_and_a_request_opening_the_sentence_are_not_part_of_the_name(
    body: str, person: str
) -> None:
    assert person in _people(body)


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Contact Lorraine Whitfield, MHA Manager, with questions.", "Lorraine Whitfield"),
        ("11.15am\nMarcus Heywood, National Director of Operations, NHS England", "Marcus Heywood"),
        ("Speakers:\nAnn Crewe, Chief Nurse, Wyvern Trust", "Ann Crewe"),
    ],
)
def test_a_name_before_a_post_in_capitals_after_a_comma_is_a_person(body: str, person: str) -> None:
    found = {(e.text, e.label) for e in extract(None, body, DAY)}
    assert (person, "PERSON") in found
    assert not any(label == "PLACE" and text in person for text, label in found)


@pytest.mark.parametrize(
    ("body", "mention", "canonical"),
    [
        ("The review, led by barrister Wera Haldane KC, reports in May.", "Wera Haldane KC",
         "Wera Haldane"),
        ("Lord Aldridge QC argued the case.", "Lord Aldridge QC", "Lord Aldridge"),
    ],
)  # fmt: skip
def test_a_silks_letters_belong_to_the_mention_not_the_name(
    body: str, mention: str, canonical: str
) -> None:
    assert _people(body) == {mention: canonical}


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Farah Siddiqui will take over from Glyn Pritchard on 4 January.", "Glyn Pritchard"),
        ("The award went to Eimear Brennan from the discharge team.", "Eimear Brennan"),
        ("The new lead is Gurinder Sandhu, who joins from Leicester.", "Gurinder Sandhu"),
    ],
)
def test_first_names_common_in_the_uk_make_a_person(body: str, person: str) -> None:
    """The names added from a first-name dictionary (tools/first_names.py)."""
    people = {e.text for e in extract(None, body) if e.label == "PERSON"}
    assert person in people


@pytest.mark.parametrize(
    ("body", "people"),
    [
        (
            "Midwives Gemma Pryce and Lauren Hutchings ran the race.",
            {"Gemma Pryce", "Lauren Hutchings"},
        ),
        ("Our volunteer Delroy Haynes was thanked by the board.", {"Delroy Haynes"}),
        ("Radiographer Carys Morgan scanned the first patient.", {"Carys Morgan"}),
        ("Toby Porter, chief executive of Hospice UK, said so.", {"Toby Porter"}),
    ],
)
def test_a_staff_role_before_a_name_makes_it_a_persons(body: str, people: set[str]) -> None:
    assert people <= set(_people(body))


def test_a_publication_after_a_role_word_is_no_person() -> None:
    body = "Winter cash is too little, says NHS Providers chief Westbridge Gazette"
    assert _people(body) == {}
    assert _people("Mean waits fell, says review lead Ward Notes.") == {}
