"""Text that is not the story (captions, credits, bylines, social links, footers) adds no
entities, and the story's own text around it keeps its entities and offsets."""

from __future__ import annotations

import pytest

from indexer.entities.extractor import extract

STORY = "Leeds Teaching Hospitals NHS Trust will close 20 beds, its board heard."


@pytest.mark.parametrize(
    "noise",
    [
        "Photo: Royal Free London NHS Foundation Trust",
        "(Picture: Getty Images / Sarah Jones)",
        "Image credit: Manchester University NHS Foundation Trust",
        "By Jane Smith, Health Correspondent",
        "Follow us on Twitter and LinkedIn: Northern Health Partnership",
        "You are receiving Ward Notes as you work with the Northern Public Health Partnership.",
        "Copyright © 2024 Northern Health Ltd, all rights reserved.",
        "Ashwick Health Partnership, 4 Mill Lane, Ashwick, Bristol BS34 7QH",  # an address
        # about the newsletter itself: who publishes it, for whom, from what
        "This bulletin is for Ashwick Health Partnership staff only.",
        "Ward Notes is a service of Northern Health Ltd. Content is drawn from Hansard.",
        "Data sources: Ashwick Council; Northern Health Partnership.",
        "Ward Notes is funded by the Ashwick Trust. Views are the author's own.",
        # a short paragraph asking the reader to listen, follow, subscribe or buy
        "Listen on Spotify, Apple Podcasts or wherever you get your podcasts.",
        "Rotawise cut agency spend by 12% at Ashwick Health Partnership. Book a demo today.",
        "Support the show on Patreon from £4 a month.",
    ],
)
def test_no_entities_from_lines_that_are_not_the_story(noise: str) -> None:
    body = f"{STORY}\n{noise}"
    found = extract(None, body, None)
    assert [(e.text, e.label) for e in found] == [("Leeds Teaching Hospitals NHS Trust", "ORG")]
    assert all(body[e.start : e.end] == e.text for e in found)


def test_noise_before_the_story_keeps_offsets() -> None:
    body = f"Photo: Sarah Jones\n{STORY}"
    (org,) = extract(None, body, None)
    assert body[org.start : org.end] == org.text == "Leeds Teaching Hospitals NHS Trust"


def test_a_story_line_mentioning_a_photo_is_kept() -> None:
    body = "Photographs taken at Leeds General Infirmary show the queues."
    assert ("Leeds General Infirmary", "ORG") in {
        (e.text, e.label) for e in extract(None, body, None)
    }


@pytest.mark.parametrize(
    "noise",
    [
        " Photo: ECF/Jon Hale",  # a credit at the end of the caption's line
        "\nOn 30/09/2019 14:47, Linda Osei wrote:\n> Barnsley Hospital NHS Foundation Trust paid",
        "\n\n-- Keith Moran MRICS Head of Estates Holmcroft Hospitals NHS Trust T: 01632 960771",
        # signed with a first name over a signature that opens with it
        "\n\nMeg\n\nMeg Arkwright | Finance Lead | Holmcroft Hospitals NHS Trust",
        # a page's properties, as an export gives them on one line
        "\n\nOwner: Priya Raman Status: Circulated Reviewers: Tom Ashworth, Helen Mbeki Created: "
        "11 March 2024 08:52 Last edited time: 15 March 2024 16:20",
        "\n\nCoverage period: 17:00 Monday 13 March Compiled by: Lucy Brennan, Communications "
        "Officer Distribution: Executive team",
    ],
)
def test_no_entities_from_credits_quoted_replies_or_signatures(noise: str) -> None:
    body = f"{STORY}{noise}"
    found = extract(None, body, None)
    assert [(e.text, e.label) for e in found] == [("Leeds Teaching Hospitals NHS Trust", "ORG")]
    assert all(body[e.start : e.end] == e.text for e in found)


def test_an_address_inside_a_paragraph_adds_nothing_and_the_rest_is_kept() -> None:
    body = (
        f"{STORY} Do not reply to this email. Ashwick Health Partnership, 500 North Bristol "
        "Park, Filton, Bristol BS34 7QH. Leeds City Council will answer instead."
    )
    found = [(e.text, e.label) for e in extract(None, body, None)]
    assert found == [
        ("Leeds Teaching Hospitals NHS Trust", "ORG"),
        ("Leeds City Council", "ORG"),
    ]


def test_a_story_that_gives_its_status_keeps_its_entities() -> None:
    body = "Status: the Leeds Teaching Hospitals NHS Trust plan is approved."
    assert ("Leeds Teaching Hospitals NHS Trust", "ORG") in {
        (e.text, e.label) for e in extract(None, body, None)
    }


@pytest.mark.parametrize(
    "masthead",
    [
        "Ward Notes * June 2019 * Issue 8",
        "Issue 40 - March 2021 (covering papers issued in February 2021)",
        "BRANCH BULLETIN No. 6 - Monday 3 May 2021",
        "October 2017 - No. 12",
    ],
)
def test_an_issues_masthead_line_adds_no_date(masthead: str) -> None:
    in_body = extract(None, f"{masthead}\n{STORY}", None)
    assert [(e.text, e.label) for e in in_body] == [("Leeds Teaching Hospitals NHS Trust", "ORG")]
    in_headline = extract(masthead, STORY, None)
    assert [(e.text, e.field) for e in in_headline] == [(STORY[:34], "body")]


@pytest.mark.parametrize(
    "headline",
    ["No. 10 backs the plan for May 2025", "Issue 4: the 2024 contract"],
)
def test_a_headline_that_only_names_a_number_keeps_its_date(headline: str) -> None:
    assert any(e.label == "DATE" for e in extract(headline, STORY, None))


def test_a_subheading_over_a_paragraph_that_opens_with_it_is_no_signature() -> None:
    body = f"{STORY}\n\nCornwall\n\nCornwall Council will run the new service."
    assert ("Cornwall Council", "ORG") in {(e.text, e.label) for e in extract(None, body, None)}
