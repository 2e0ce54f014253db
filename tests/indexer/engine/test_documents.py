"""The stored blob: what encode writes, decode reads back unchanged."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from indexer.engine.documents import Content, Occurrence, decode, encode
from indexer.records import Entity

WHERE = Occurrence("mail/digest.eml#2", "ab12", "HSJ — Daily", dt.date(2016, 3, 1), "header", 4)


@pytest.mark.parametrize(
    "value",
    [1.5e9, 0.1, None, "2016-03", 10**30],  # 10**30: past 64 bits, written by the json fallback
    ids=repr,
)
def test_a_story_survives_encoding(value: float | str | None) -> None:
    content = Content(
        "Trust’s £1.5bn deficit",
        "Lead — é",
        'Body with\nnew lines, "quotes" and \u2028 a separator.',
        (Entity("£1.5bn", "MONEY", "headline", 8, 14, "£1.5bn", value),),
    )
    blob = encode(content, [WHERE])
    assert json.loads(blob)["h"] == content.headline  # plain JSON, for anyone reading it
    assert decode(blob) == (content, [WHERE])


def test_byline_survives_encoding_and_older_blobs_have_none() -> None:
    content = Content("Trust fined", "Trust fined", "It was.", (), "By Ruth Ackroyd")
    assert decode(encode(content, [WHERE])) == (content, [WHERE])
    older = Content("Trust fined", "Trust fined", "It was.")
    blob = encode(older, [WHERE])
    assert "y" not in json.loads(blob)  # written as before, read as before
    assert decode(blob)[0].byline is None


def test_details_survive_encoding_and_older_blobs_have_none() -> None:
    content = Content(
        "Sepsis missed",
        "Sepsis missed",
        "It was.",
        (Entity("Alison Dunmore", "PERSON", "details", 9, 23, "Alison Dunmore"),),
        None,
        "Coroner: Alison Dunmore | Report dated 3 August 2023",
    )
    assert decode(encode(content, [WHERE])) == (content, [WHERE])
    blob = encode(Content("Trust fined", "Trust fined", "It was."), [WHERE])
    assert "d" not in json.loads(blob)
    assert decode(blob)[0].details is None
