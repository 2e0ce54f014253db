"""Acronyms a digest spells out once (in its masthead, title or footer) and uses alone in its
stories: "AHWU" is the "Allied Health Workers' Union" wherever the digest says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.entities.initialisms import initialisms
from indexer.pipeline import parse_file

DIGEST = """FOLDWAY UPDATE  ::  14 December 2022
Allied Fold Workers' Union - members' bulletin

Strike dates confirmed

AFWU, together with the other health unions, has written to the minister asking for talks
before the first strike day. Members in Leeds will picket from 7am.

Pay talks

The minister told AFWU that the award would not be reopened this year.
"""


def test_an_acronym_the_digest_spells_out_is_its_organisation(tmp_path: Path) -> None:
    path = tmp_path / "foldway_update_2022-12-14.txt"
    path.write_text(DIGEST, encoding="utf-8")
    stories = [s for d in parse_file(path, str(path)) for s in d.stories]
    acronyms = [e for s in stories for e in s.entities if e.text == "AFWU"]
    assert len(acronyms) == 2
    assert {(e.label, e.canonical) for e in acronyms} == {("ORG", "Allied Fold Workers' Union")}


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "News from the Care and Fold Standards Authority. CFSA inspectors found gaps.",
            {"CFSA": "Care and Fold Standards Authority"},
        ),
        (
            "The Royal College of Fold Practice (RCFP) said so.",
            {"RCFP": "Royal College of Fold Practice"},
        ),
        ("Plans for the Better Care Fund: the BCF grows.", {}),  # a fund is no body
        ("Each Integrated Care Board (ICB) must save.", {}),  # a generic kind
        ("NHS England and the Fold Health Agency met.", {}),  # no acronym to spell out
    ],
)
def test_initialisms_need_a_body_named_by_the_letters(text: str, wanted: dict[str, str]) -> None:
    assert initialisms(text) == wanted
