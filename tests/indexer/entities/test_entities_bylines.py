"""A byline's writers are people whatever their first names: the field says who wrote the story.
Roles, bodies and dates in it are not people."""

from __future__ import annotations

import pytest

from indexer.entities.extractor import extract


def _byline(byline: str) -> list[tuple[str, str]]:
    found = extract("Beds", "The trust opened a ward.", None, byline=byline)
    return [(e.text, e.label) for e in found if e.field == "byline"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Amara Okafor and Sophie Klein · 3 June 2021 · 4 min read",
         [("Amara Okafor", "PERSON"), ("Sophie Klein", "PERSON"), ("3 June 2021", "DATE")]),
        ("By Alison Trent, Partner, and Marcus Oyelaran, Associate",
         [("Alison Trent", "PERSON"), ("Marcus Oyelaran", "PERSON")]),
        ("Posted by Jo van der Berg on 3 May 2024",
         [("Jo van der Berg", "PERSON"), ("3 May 2024", "DATE")]),
        ("By Siobhan O'Neill-Hart | Health editor", [("Siobhan O'Neill-Hart", "PERSON")]),
        ("Words: Kemi Adeyemi (@kemi)", [("Kemi Adeyemi", "PERSON")]),
        ("Dev Chaudhary is our policy officer.", [("Dev Chaudhary", "PERSON")]),
        # Not people: a role, an office, a body and its place.
        ("By Health Correspondent", []),
        ("By Alison Trent, Partner, and Marcus Oyelaran, Senior Associate",
         [("Alison Trent", "PERSON"), ("Marcus Oyelaran", "PERSON")]),
        ("Press Office | 12 May 2024", [("12 May 2024", "DATE")]),
        ("By Ruth Ndlovu, King's College London",
         [("Ruth Ndlovu", "PERSON"), ("King's College London", "ORG")]),
    ],
)  # fmt: skip
def test_a_bylines_writers_are_people(byline: str, expected: list[tuple[str, str]]) -> None:
    assert _byline(byline) == expected


def test_a_body_is_not_read_as_a_byline() -> None:
    found = extract(None, "Amara Okafor and Sophie Klein met on Tuesday.", None)
    assert not [e for e in found if e.text == "Amara Okafor"]
