"""Areas a digest names its care systems by: one place where the digest names the system."""

from __future__ import annotations

import datetime as dt

from indexer.entities.areas import digest_areas
from indexer.entities.extractor import extract

DAY = dt.date(2023, 1, 20)
DIGEST = (
    "NHS Tamar and Moor ICB news\n\n"
    "Join Wyre and Lune ICB at its board. The Bristol, North Somerset and South Gloucestershire "
    "CCGs said so. Leeds Teaching Hospitals said so. Dudley CCG, Sandwell and West Birmingham CCG "
    "and NHS North Kirklees CCG met."
)


def _places(body: str, areas: frozenset[str]) -> set[str]:
    return {e.text for e in extract(None, body, DAY, areas=areas) if e.label == "PLACE"}


def test_the_areas_a_digest_names_its_systems_by() -> None:
    assert digest_areas(DIGEST) == {
        "Tamar and Moor",
        "Wyre and Lune",
        "Bristol, North Somerset and South Gloucestershire",
        "Sandwell and West Birmingham",  # not "Dudley CCG, Sandwell and ...": a system's name
    }


def test_a_system_area_named_alone_is_one_place() -> None:
    body = "A consultation on stroke care in Tamar and Moor has begun."
    assert _places(body, digest_areas(DIGEST)) == {"Tamar and Moor"}
    assert _places(body, frozenset()) == {"Tamar", "Moor"}  # no system named: two names


def test_places_joined_by_and_stay_two_where_no_system_is_so_named() -> None:
    body = "Clinics in Leeds and Bradford are full."
    assert _places(body, digest_areas(DIGEST)) == {"Leeds", "Bradford"}


def test_the_area_in_the_systems_own_name_is_no_place_of_its_own() -> None:
    """A headline in capitals takes no organisation by its last word, so only this keeps the
    system's name from becoming its area."""
    headline = "Westmoor and Calder Integrated Care Board"
    areas = digest_areas(headline)
    found = {e.text for e in extract(headline, "The board met.", DAY, areas=areas)}
    assert "Westmoor and Calder" not in found


def test_an_area_whose_parts_the_digest_names_apart_is_no_one_place() -> None:
    digest = "NHS Tamesbury and Wrekin ICB met. Tamesbury Borough Council agreed."
    assert digest_areas(digest) == frozenset()
