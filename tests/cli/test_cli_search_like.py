"""`dex search --like ID`: the stories most like one story, as text or as the JSON object."""

from __future__ import annotations

import json

import pytest

from tests.cli.runner import run_main as dex


def test_like_finds_other_stories_with_shared_words(capsys) -> None:
    code, out, _ = dex(capsys, "search", "deficit", "--json", "--limit", "1")
    assert code == 0
    first = json.loads(out)["hits"][0]
    code, out, err = dex(capsys, "search", "--like", first["id"], "--json", "--limit", "5")
    assert code == 0, err
    similar = json.loads(out)
    assert similar["query"] == f"like:{first['id']}"
    ids = [hit["id"] for hit in similar["hits"]]
    assert ids and first["id"] not in ids and len(ids) == similar["total"] <= 5


def test_the_text_output_shows_ids_to_use_with_like(capsys) -> None:
    code, out, _ = dex(capsys, "search", "deficit", "--json", "--limit", "1")
    story_id = json.loads(out)["hits"][0]["id"]
    code, out, _ = dex(capsys, "search", "deficit", "--limit", "1")
    assert code == 0 and f"id {story_id}" in out


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("--like", "0000nosuch0000"), 2, "no story with that id"),
        (("deficit", "--like", "abc"), 2, "not both"),
        ((), 2, "QUERY"),
    ],
)
def test_like_mistakes_are_one_line(capsys, args, code: int, words: str) -> None:
    got, out, err = dex(capsys, "search", *args)
    assert got == code and out == ""
    assert words in err and "Traceback" not in err
