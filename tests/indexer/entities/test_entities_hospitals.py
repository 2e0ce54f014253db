"""Hospitals by their short names ("Wyvern General", "Royal Gwent", "Worcester Royal") and
each name of a list that a plural kind ends ("Glangwili and Prince Philip hospitals")."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.entities.extractor import extract

DAY = dt.date(2024, 3, 12)


def _found(body: str) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in extract(None, body, DAY)}


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        ("Waits at Marlow Vale General rose again.", {"Marlow Vale General"}),
        ("Fernside General's emergency department shut.", {"Fernside General"}),
        ("Beds at the Royal Quarrybank were closed.", {"Royal Quarrybank"}),
        ("Staff at Worcester Royal voted to strike.", {"Worcester Royal"}),
        (
            "It will take pressure off Glanrhyd and Prince Edwin hospitals.",
            {"Glanrhyd", "Prince Edwin"},
        ),
        (
            "Patients at its Oakhurst, Good Hope and Queen Mary sites waited longest.",
            {"Oakhurst", "Good Hope", "Queen Mary"},
        ),
    ],
)
def test_short_hospital_names(body: str, wanted: set[str]) -> None:
    assert {(name, "ORG") for name in wanted} <= _found(body)


@pytest.mark.parametrize(
    ("body", "unwanted"),
    [
        ("The Attorney General said the law was clear.", "Attorney General"),
        ("The District General was shut.", "District General"),
        ("Royal Mail strikes delayed the letters.", "Royal Mail"),
        ("Leeds and Bradford hospitals are full.", "Leeds"),  # places stay places
    ],
)
def test_not_hospitals(body: str, unwanted: str) -> None:
    assert (unwanted, "ORG") not in _found(body)


def test_towns_before_a_plural_kind_stay_places() -> None:
    assert {("Leeds", "PLACE"), ("Bradford", "PLACE")} <= _found(
        "Leeds and Bradford hospitals are full."
    )
