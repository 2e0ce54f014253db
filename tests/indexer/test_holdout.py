"""Held-out digests: story and entity F1 on newsletters the rules were not written from.

tests/fixtures/holdout/ holds UK health-policy digests in every format dex reads (plain text in
UTF-8 and Windows-1252 with CRLF, Markdown, HTML newsletters and a saved web page, multipart and
HTML-only .eml with quoted-printable and base64 bodies, an mbox of three messages). Their gold
files were written by hand before dex was run on them; these tests keep the acceptance bars
(story F1 >= 0.97, entity F1 >= 0.92) on them, overall and for each format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.pipeline import parse_paths, story_to_json
from indexer.records import Problem
from tests.scoring import score

HOLDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "holdout"
STORY_BAR = 0.97
ENTITY_BAR = 0.92
FORMATS = ("txt", "md", "html", "eml", "mbox")


STORY_GOLD = json.loads((HOLDOUT / "stories.gold.json").read_text(encoding="utf-8"))
ENTITY_GOLD = json.loads((HOLDOUT / "entities.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed() -> list[dict]:
    problems: list[Problem] = []
    out = [
        story_to_json(story)
        for digest in parse_paths([HOLDOUT], problems.append, with_entities=True)
        for story in digest.stories
    ]
    # Only the two gold files are not digests.
    assert sorted(p.message for p in problems) == ["not a digest format (.json file)"] * 2
    return out


def test_every_format_is_held_out() -> None:
    kinds = {name.rsplit(".", 1)[1] for name in STORY_GOLD}
    assert kinds == set(FORMATS)
    assert len(STORY_GOLD) >= 12


def test_holdout_story_f1_meets_the_bar(parsed: list[dict]) -> None:
    (_, _, f1), misses = score.score_stories(STORY_GOLD, parsed)
    assert f1 >= STORY_BAR, misses


@pytest.mark.parametrize("kind", FORMATS)
def test_holdout_story_f1_per_format(parsed: list[dict], kind: str) -> None:
    gold = {name: entry for name, entry in STORY_GOLD.items() if name.endswith("." + kind)}
    mine = [s for s in parsed if Path(s["source"]).name in gold]
    (_, _, f1), misses = score.score_stories(gold, mine)
    assert f1 >= STORY_BAR, misses


def test_holdout_entity_f1_meets_the_bar(parsed: list[dict]) -> None:
    (_, _, f1), missed, wrong = score.score_entities(ENTITY_GOLD, parsed)
    assert f1 >= ENTITY_BAR, (missed, wrong)


def test_holdout_entity_offsets_slice_their_field(parsed: list[dict]) -> None:
    for story in parsed:
        fields = {
            "headline": story["headline"] or "",
            "body": story["body"],
            "details": story["details"] or "",
            "byline": story["byline"] or "",
        }
        for entity in story["entities"]:
            assert fields[entity["field"]][entity["start"] : entity["end"]] == entity["text"]


def test_holdout_advert_and_footer_text_is_not_a_story(parsed: list[dict]) -> None:
    text = "\n".join(f"{s['headline']}\n{s['body']}" for s in parsed)
    for chrome in ("DocuFlow", "CareFlow", "Medilink", "BMJ Publishing Group", "Forward it to"):
        assert chrome not in text
