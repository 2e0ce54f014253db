"""A second unseen set: story and entity F1 on newsletters written apart from the rules.

tests/fixtures/unseen/ holds fifteen UK health-policy digests as they pile up in a mail folder:
a Mailchimp newsletter (nested layout tables, preheader, social icons, postal footer), an
Outlook HTML-only .eml (quoted-printable Windows-1252, MsoNormal, <o:p>, signature and
disclaimer), Substack and Ghost pages (nav, bylines, subscribe boxes, comments), plain text
with ===== rules and numbered items, ALL CAPS headlines, question and quoted headlines, a lead
story over an "Also in the news" list, text hard-wrapped at 72 columns, Latin-1, UTF-8 with BOM
and CRLF, Markdown with ### headings and link lists, an mbox of three differently built
messages, and a forwarded digest. The gold was written before dex was run on them, following
the seed gold's conventions; `entities.gold.json` repeats its lists per file under `by_file`
so each format is scored on its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.pipeline import parse_paths, story_to_json
from indexer.records import Problem
from tests.scoring import score

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "unseen"
STORY_BAR = 0.97
ENTITY_BAR = 0.92
FORMATS = ("txt", "md", "html", "eml", "mbox")


STORY_GOLD = json.loads((UNSEEN / "stories.gold.json").read_text(encoding="utf-8"))
ENTITY_GOLD = json.loads((UNSEEN / "entities.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed() -> list[dict]:
    problems: list[Problem] = []
    out = [
        story_to_json(story)
        for digest in parse_paths([UNSEEN], problems.append, with_entities=True)
        for story in digest.stories
    ]
    assert sorted(p.message for p in problems) == ["not a digest format (.json file)"] * 2
    return out


def _of_kind(kind: str) -> list[str]:
    return [name for name in STORY_GOLD if name.endswith("." + kind)]


def test_every_format_is_covered() -> None:
    assert {name.rsplit(".", 1)[1] for name in STORY_GOLD} == set(FORMATS)
    assert len(STORY_GOLD) >= 14
    assert set(ENTITY_GOLD["by_file"]) == set(STORY_GOLD)


def test_unseen_story_f1_meets_the_bar(parsed: list[dict]) -> None:
    (_, _, f1), misses = score.score_stories(STORY_GOLD, parsed)
    assert f1 >= STORY_BAR, misses


@pytest.mark.parametrize("kind", FORMATS)
def test_unseen_story_f1_per_format(parsed: list[dict], kind: str) -> None:
    gold = {name: STORY_GOLD[name] for name in _of_kind(kind)}
    mine = [s for s in parsed if Path(s["source"]).name in gold]
    (_, _, f1), misses = score.score_stories(gold, mine)
    assert f1 >= STORY_BAR, misses


def test_unseen_entity_f1_meets_the_bar(parsed: list[dict]) -> None:
    (_, _, f1), missed, wrong = score.score_entities(ENTITY_GOLD, parsed)
    assert f1 >= ENTITY_BAR, (missed, wrong)


@pytest.mark.parametrize("kind", FORMATS)
def test_unseen_entity_f1_per_format(parsed: list[dict], kind: str) -> None:
    names = _of_kind(kind)
    gold = {
        key: [e for name in names for e in ENTITY_GOLD["by_file"][name][key]]
        for key in ("required", "optional")
    }
    mine = [s for s in parsed if Path(s["source"]).name in names]
    (_, _, f1), missed, wrong = score.score_entities(gold, mine)
    assert f1 >= ENTITY_BAR, (missed, wrong)


def test_unseen_offsets_slice_their_field(parsed: list[dict]) -> None:
    for story in parsed:
        fields = {
            "headline": story["headline"] or "",
            "body": story["body"],
            "details": story["details"] or "",
            "byline": story["byline"] or "",
        }
        for entity in story["entities"]:
            assert fields[entity["field"]][entity["start"] : entity["end"]] == entity["text"]


def test_mail_and_web_chrome_is_not_a_story(parsed: list[dict]) -> None:
    text = "\n".join(f"{s['headline']}\n{s['body']}" for s in parsed)
    for chrome in (
        "Kind regards",  # Outlook signature
        "confidential",  # its disclaimer
        "Forwarded message",  # forwarding header block
        "Thought you'd find",  # the forwarder's note
        "Wharf Street Media",  # footer lead-in above a postal address
        "min read",  # Ghost byline
        "Rachel Ward",  # Substack byline
        "Sandra Okafor",  # a comment
    ):
        assert chrome not in text
