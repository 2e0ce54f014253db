"""Organisations named by their kind: heads such as Taskforce or Review Body, "NHS ..." names,
unions' branches and committees, local medical committees, newspapers, "Skills for ..."."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.entities.extractor import extract

DAY = dt.date(2024, 3, 12)


def _orgs(body: str, headline: str | None = None) -> set[str]:
    return {e.text for e in extract(headline, body, DAY) if e.label == "ORG"}


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The Mental Health Taskforce set out its plan.", "Mental Health Taskforce"),
        (
            "The Doctors and Dentists Review Body recommended 6%.",
            "Doctors and Dentists Review Body",
        ),
        (
            "The Northfield Emergency Pressures Panel has extended its advice.",
            "Northfield Emergency Pressures Panel",
        ),
        ("It was heard at Southwark Crown Court last week.", "Southwark Crown Court"),
        (
            "The Wessex Local Medical Committee wrote to practices.",
            "Wessex Local Medical Committee",
        ),
        ("Practices were told by Avon LMC to pause.", "Avon LMC"),
        ("Greater Manchester LMCs have backed the ballot.", "Greater Manchester LMCs"),
        (
            "The Hampshire and Isle of Wight STP had us down for September.",
            "Hampshire and Isle of Wight STP",
        ),
        ("Cardiff and Vale UHB said beds were full.", "Cardiff and Vale UHB"),
        ("The Prescription Charges Coalition recommended it.", "Prescription Charges Coalition"),
        (
            "Grants come from the Royal Medical Benevolent Fund each year.",
            "Royal Medical Benevolent Fund",
        ),
        (
            "Proceeds go to the Tamar Valley Hospitals Charity this year.",
            "Tamar Valley Hospitals Charity",
        ),
        (
            "NHS Greater Manchester Integrated Care approved a £180m plan.",
            "NHS Greater Manchester Integrated Care",
        ),
        ("Staff at St Ninian's Hospice in Leeds said so.", "St Ninian's Hospice"),  # possessive
        ("Talks with the Ashwick Porters' Union failed.", "Ashwick Porters' Union"),
        ("The case went to Dunmere Magistrates' Court.", "Dunmere Magistrates' Court"),
        ("Ashwick LPC wrote to contractors.", "Ashwick LPC"),  # local committees, networks
        ("The imam of Dunmere Central Mosque led prayers.", "Dunmere Central Mosque"),  # worship
        ("Members of Dunmere Vale LDC voted.", "Dunmere Vale LDC"),
        ("Patients of Ashwick Rural PCN can book online.", "Ashwick Rural PCN"),
        ("The contract went to Dunmere Wellbeing CIC.", "Dunmere Wellbeing CIC"),
        ("Patients at St Brede's Community Hospital moved.", "St Brede's Community Hospital"),
        (
            "The Ashwick Children's Mental Health Alliance wrote to MPs.",
            "Ashwick Children's Mental Health Alliance",
        ),
        (
            "The rest is carved out for the New Hospital Programme, it said.",
            "New Hospital Programme",
        ),
        ("7. Mercia CSU is collating bids for practices.", "Mercia CSU"),  # a support unit
        ("Data will move to Central Southern CSU in April.", "Central Southern CSU"),
        ("Plans were agreed by the Somerset ICP at its meeting.", "Somerset ICP"),  # partnership
        ("The hospital's League of Friends raised £40,000.", "League of Friends"),
        ("Induction is run by the Weald Education Centre.", "Weald Education Centre"),  # own name
        ("Kidney Care Alliance Scotland has launched a campaign.", "Kidney Care Alliance Scotland"),
        ("The Training Sub-Committee agreed the fee.", "Training Sub-Committee"),
        ("A poll by the Student Health Collective was out.", "Student Health Collective"),
    ],
)
def test_bodies_by_their_head_word(body: str, name: str) -> None:
    assert name in _orgs(body)


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Our CCG (NHS Kernow) is running a workshop.", "NHS Kernow"),
        ("Patients can book by calling NHS 111 from April.", "NHS 111"),
        ("Update your NHS 111 Wales Directory of Services entry.", "NHS 111 Wales"),
        ("Proposals from BMA Scotland were published.", "BMA Scotland"),
        ("She won at the RCN Wales Nurse of the Year Awards.", "RCN Wales"),
        ("BMA Cymru Wales said practices had lost funding.", "BMA Cymru Wales"),  # bilingual
        ("A piece in the Hull Daily Mail on 9 April set it off.", "Hull Daily Mail"),
        ("The Yorkshire Post reported the closure.", "Yorkshire Post"),
        ("Figures obtained by the Manchester Evening News show it.", "Manchester Evening News"),
        ("Skills for Care estimates that 131,000 posts are vacant.", "Skills for Care"),
        ("Age UK Darlington is looking for volunteers.", "Age UK Darlington"),  # branches
        ("A crisis house run with the charity Cotswold Mind opens.", "Cotswold Mind"),
        ("The contract went to provider Wakefield Homecare last year.", "Wakefield Homecare"),
        ("The manufacturer, Tarvel Optics, has recalled it.", "Tarvel Optics"),  # commas
        ("NHS England South West said so.", "NHS England South West"),
        ("He was on BBC Radio 5 Live on Tuesday.", "BBC Radio 5 Live"),  # broadcasters
        ("She told BBC Radio 4 that waits were too long.", "BBC Radio 4"),
        ("Figures given to ITV West Country show it.", "ITV West Country"),
        ("Ashwick LMC said practices would close.", "Ashwick LMC"),  # an opener that acts
        ("Skills for Health's annual report is out.", "Skills for Health"),
        ("Action on Smoking and Health has urged MPs to act.", "Action on Smoking and Health"),
    ],
)
def test_bodies_named_by_kind(body: str, name: str) -> None:
    assert name in _orgs(body)


@pytest.mark.parametrize(
    ("body", "not_a_body"),
    [
        ("Agenda for Change rates rose by 5%.", "Agenda for Change"),
        (
            "The Cabinet Secretary for Health and Social Care said so.",
            "Cabinet Secretary for Health and Social Care",
        ),
        (
            "NHS Resolution Maternity Incentive Scheme payments fell.",
            "NHS Resolution Maternity Incentive",
        ),
        ("The NHS Foundation Trust sector is in deficit.", "NHS Foundation Trust"),
        ("Daily News was read out.", "Daily News"),
        ("BBC Health Editor Jo Bell said so.", "BBC Health"),  # a post at a broadcaster
        ("16 Jul Board meeting (public), Carmarthen", "Jul Board"),  # a month cut short
        ("The provider Leeds said so.", "Leeds"),  # a place alone after an introducer
        ("It is now the King's Ambulance Service Medal.", "King's Ambulance Service"),  # awards
        ("The review gave the NHS 2.8% a year.", "NHS 2"),  # a number going on
        ("Vacancies are on NHS Jobs.", "NHS Jobs"),  # what the NHS runs or publishes
        ("Scores in the 2016 NHS Staff Survey rose.", "NHS Staff Survey"),
        ("Staff wear the NHS Rainbow Badge.", "NHS Rainbow Badge"),
        ("The NHS Long Term Workforce Plan is out.", "NHS Long Term Workforce"),
        ("Patients can book through the NHS App API.", "NHS App API"),
        ("The NHS Wi-Fi in the canteen keeps dropping.", "NHS Wi-Fi"),
        ("Bring your NHS ID badge to the clinic.", "NHS ID"),
        ("Ask the NHS R&D office for approval first.", "NHS R&D"),
        ("THE FUTURE OF THE NHS WORKFORCE", "NHS WORKFORCE"),  # in a capitals headline
        (  # a post's title: "of State for ..." after "Secretary"
            "The Secretary of State for Health and Social Care has appointed a chair.",
            "State for Health and Social Care",
        ),
        ("Centre for Health and the Public Interest warned.", "Centre for Health"),
    ],
)
def test_phrases_that_are_not_bodies(body: str, not_a_body: str) -> None:
    assert not_a_body not in _orgs(body)


def test_known_body_keeps_its_own_name_before_a_scheme() -> None:
    orgs = _orgs("The NHS Resolution Maternity Incentive Scheme was cut; NHS Resolution said so.")
    assert "NHS Resolution" in orgs


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The Society for Acute Medicine said waits were long.", "Society for Acute Medicine"),
        ("Figures from the Office for National Statistics rose.", "Office for National Statistics"),
        # a group, commission or taskforce goes on with "on" and its subject
        (
            "The All-Party Parliamentary Group on Sight Loss in Later Life met.",
            "All-Party Parliamentary Group on Sight Loss in Later Life",
        ),
        ("It wrote to the Commission on Rural Nursing on 4 May.", "Commission on Rural Nursing"),
        ("The Institute for Local Studies warned of cuts.", "Institute for Local Studies"),
        (  # generic words after a head and "of" still make a name
            "The Institute of Community Nursing warns that caseloads grew.",
            "Institute of Community Nursing",
        ),
    ],
)
def test_an_of_name_goes_on_over_capitalised_adjectives(body: str, name: str) -> None:
    assert name in _orgs(body)


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        ("The bill now goes to the Lords.", {"Lords"}),
        ("Lords Smith and Jones spoke.", set()),  # peers, not the House
    ],
)
def test_the_lords_on_their_own(body: str, wanted: set[str]) -> None:
    assert _orgs(body) == wanted


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("A survey carried out by Castlebury Research found long waits.", "Castlebury Research"),
        ("A ransomware attack on Rivermead Systems closed the clinics.", "Rivermead Systems"),
        (
            "Derwent Community Health Services has been rated outstanding.",
            "Derwent Community Health Services",
        ),
        ("Unison Scotland said staff were in limbo.", "Unison Scotland"),  # a known body's branch
    ],
)
def test_companies_services_and_branches_by_their_last_word(body: str, name: str) -> None:
    assert name in _orgs(body)


def test_generic_services_and_systems_are_no_organisation() -> None:
    assert _orgs("Integrated Care Systems were set up and Children's Services were cut.") == set()


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        ("Monitor's chief executive said the deficit was too large.", {"Monitor"}),
        ("Babylon's app now has 40,000 registered patients.", {"Babylon"}),
        ("Monitor the situation closely, the letter says.", set()),  # a verb, not the regulator
    ],
)
def test_a_name_that_is_a_common_word_opens_a_sentence_when_it_acts(
    body: str, wanted: set[str]
) -> None:
    assert _orgs(body) == wanted


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        (  # two words opening a sentence, the phrase ending after them: a name
            "Whitecliff Surgery and Eastway Medical Centre will merge in January.",
            {"Whitecliff Surgery", "Eastway Medical Centre"},
        ),
        ("Fellbeck Hospital in Leeds will be rebuilt.", {"Fellbeck Hospital"}),
        ("Threefold ICS variation is the norm.", set()),  # a common word going on with a noun
    ],
)
def test_a_two_word_name_opens_a_sentence_when_its_phrase_ends(body: str, wanted: set[str]) -> None:
    assert _orgs(body) == wanted


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Figures obtained by The Fold Round from 97 trusts show it.", "Fold Round"),
        ("A costings document seen by Commissioning Today adds £26bn.", "Commissioning Today"),
        ("A letter seen by Policy at Nine asks boards to save.", "Policy at Nine"),
    ],
)
def test_a_publication_that_saw_a_document_is_a_body(body: str, name: str) -> None:
    assert name in _orgs(body)


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        (
            "It was approved by the Welsh Language Commissioner in May.",
            {"Welsh Language Commissioner"},
        ),
        (
            "Data from the Children's Commissioner for England show it.",
            {"Children's Commissioner for England"},
        ),
        ("Information Commissioner Jo Bell said so.", set()),  # a person's post before the name
        ("The Police and Crime Commissioner said so.", set()),  # a post cut at "and"
    ],
)
def test_a_commissioner_is_a_body_unless_a_post(body: str, wanted: set[str]) -> None:
    assert _orgs(body) == wanted


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "The Commons Health and Social Care Committee launched an inquiry.",
            "Health and Social Care Committee",
        ),
        ("The Commons Public Accounts Committee said so.", "Public Accounts Committee"),
        ("The Lords Public Services Committee said so.", "Lords Public Services Committee"),
    ],
)
def test_a_commons_committee_goes_by_its_subject(body: str, name: str) -> None:
    """A Commons select committee's name is its subject ("Health and Social Care Committee");
    "Commons" says which house (the House of Commons, an organisation of its own); a Lords
    committee is named with "Lords"."""
    orgs = _orgs(body)
    assert name in orgs
    assert not any(other.endswith(name) and other != name for other in orgs)


@pytest.mark.parametrize(
    ("body", "not_a_body"),
    [
        ("This digest, Portcullis Health Monitor, is prepared by us.", "Monitor"),  # a title's end
        ("It is reproduced under the Open Parliament Licence.", "Open Parliament"),  # a licence
        ("Training runs every day in the Education Centre at the hospital.", "Education Centre"),
        # a head word inside a longer title
        ("Members will get Remediable Service Statements in May.", "Remediable Service"),
        ("Most answers to the Carer Research Experience Survey were kind.", "Carer Research"),
        ("The dinner is at the Ashgrove Court Hotel in May.", "Ashgrove Court"),
    ],
)
def test_a_common_word_that_ends_a_longer_name_is_not_the_body_it_names(
    body: str, not_a_body: str
) -> None:
    assert not_a_body not in _orgs(body)
    assert "Monitor" in _orgs("The regulator Monitor has ordered a review.")


def test_a_chief_executive_is_a_post_of_the_body_before_it() -> None:
    """ "RCPP Chief Executive Dr Kwame Asante": the acronym is the body, the rest a post."""
    orgs = _orgs("Responding, RCPP Chief Executive Dr Kwame Asante said the figures were stark.")
    assert orgs == {"RCPP"}


def test_a_body_before_a_persons_title_keeps_its_name() -> None:
    orgs = _orgs("Signed: Lindale Community Health Service Professor Jo Bell, chair")
    assert orgs == {"Lindale Community Health Service"}


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("We used Meridian Health Partners last winter at £410 a day.", "Meridian Health Partners"),
        ("Fiona Mulgrew of Mulgrew Chemists, Garstang, is the new chair.", "Mulgrew Chemists"),
        ("Well Pharmacy will close four branches.", "Well Pharmacy"),
        (
            "The Academic Unit of Health Economics at the University of Leeds is hiring.",
            "Academic Unit of Health Economics",
        ),
    ],
)
def test_partners_chemists_pharmacies_and_units_of_a_subject_are_bodies(
    body: str, name: str
) -> None:
    assert name in _orgs(body)


def test_a_service_named_for_pharmacy_is_no_body() -> None:
    assert not _orgs("Pharmacy First launched in January; our system partners met on Friday.")
