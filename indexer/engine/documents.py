"""A story as the index keeps it: the fields Whoosh indexes and the compact blob it stores.

One story id is one document, however many digests repeat the story: its content comes from
one of them and each appearance is an Occurrence (source, digest, position). The stored blob is
JSON holding what the story list and the reader need, so one stored field is read per hit
(older indexes hold it zlib-compressed, and decode reads both).

Entity names in the index:
- `org`, `person`, `place`: each entity's canonical name, lower-cased ("british medical
  association"); one organisation is one term however the story names it, so facets count
  it once.
- `alias`: every other name those entities go by, lower-cased and prefixed by the field the
  canonical name is in: "org:bma", "org:rcn", "person:streeting", "place:uk". A query for
  `org:bma` can look for `alias` "org:bma" as well as `org` "bma".
- `nameword`: each word of those canonical names and aliases, prefixed the same way
  ("org:british", "person:malawana"), so `org:british` and `who:johann` find the names a
  reader half remembers.
- `entity`: the canonical names of money, percentages and dates ("£150m a year", "2025").
The blob keeps each entity as [text, label, field, start, end, canonical, value] plus its
aliases as an eighth item when it has any.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from indexer import engine
from indexer.records import DateFrom, Entity, Story

_MAX_MONEY = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One appearance of a story: which digest (and file), where in it, and the digest's date."""

    source: str
    digest_key: str
    digest_title: str
    date: dt.date
    date_from: DateFrom
    position: int


@dataclass(frozen=True, slots=True)
class Content:
    """What a story says (the same in every digest that repeats it)."""

    headline: str | None
    title: str
    body: str
    entities: tuple[Entity, ...] = ()
    byline: str | None = None
    details: str | None = None

    @property
    def extras(self) -> str | None:
        """The byline and the details: indexed as text after the body (a search for the
        writer's name finds the stories they wrote), one line each."""
        lines = [part for part in (self.byline, self.details) if part]
        return "\n".join(lines) if lines else None

    @classmethod
    def of(cls, story: Story) -> Content:
        return cls(
            story.headline, story.title, story.body, story.entities, story.byline, story.details
        )


def digest_key(source: str, number: int) -> str:
    """A short stable key for the `number`th digest read from `source`."""
    return hashlib.blake2b(f"{source}#{number}".encode(), digest_size=8).hexdigest()


def occurrence(story: Story, key: str) -> Occurrence:
    return Occurrence(
        story.source, key, story.digest_title, story.date, story.date_from, story.position
    )


def encode(content: Content, occurrences: Sequence[Occurrence]) -> bytes:
    data = {
        "h": content.headline,
        "t": content.title,
        "b": content.body,
        "e": [
            [e.text, e.label, e.field, e.start, e.end, e.canonical, e.value, list(e.aliases)]
            if e.aliases
            else [e.text, e.label, e.field, e.start, e.end, e.canonical, e.value]
            for e in content.entities
        ],
        "o": [
            [o.source, o.digest_key, o.digest_title, o.date.isoformat(), o.date_from, o.position]
            for o in occurrences
        ],
    }
    if content.byline is not None:
        data["y"] = content.byline  # absent in documents written before bylines were kept
    if content.details is not None:
        data["d"] = content.details  # absent in documents written before details were kept
    try:
        return orjson.dumps(data)  # compact UTF-8 JSON, several times faster than json's
    except TypeError:  # an entity value past 64 bits, which orjson does not write
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(blob: bytes) -> tuple[Content, list[Occurrence]]:
    data = json.loads(blob if blob[:1] == b"{" else zlib.decompress(blob))
    content = Content(
        data["h"],
        data["t"],
        data["b"],
        tuple(_entity(e) for e in data["e"]),
        data.get("y"),
        data.get("d"),
    )
    occurrences = [
        Occurrence(s, k, t, dt.date.fromisoformat(d), f, p) for s, k, t, d, f, p in data["o"]
    ]
    return content, occurrences


def _entity(item: list[Any]) -> Entity:
    text, label, field, start, end, canonical, value, *rest = item
    # the aliases are absent in documents written before aliases were kept
    aliases = tuple(rest[0]) if rest else ()
    return Entity(text, label, field, start, end, canonical, value, aliases)


def to_story(story_id: str, content: Content, occurrences: Sequence[Occurrence]) -> Story:
    first = occurrences[0]
    return Story(
        id=story_id,
        source=first.source,
        digest_title=first.digest_title,
        date=first.date,
        date_from=first.date_from,
        position=first.position,
        headline=content.headline,
        title=content.title,
        body=content.body,
        entities=content.entities,
        byline=content.byline,
        details=content.details,
    )


_SOURCE_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def source_terms(source: str, digest_title: str = "") -> list[str]:
    """What `source:` matches, lower-cased: the whole source, its file name with and without
    extension (before any `#message` suffix), the words of the file name and of its folder
    ("2016-03-05" and "2016", "03", "05"), and the digest's title and its words. The query
    side also takes a value as a prefix, so `source:2016-03` finds "2016-03-05.txt"."""
    whole = source.lower()
    path = whole.split("#", 1)[0].replace("\\", "/").rstrip("/")
    name = path.rsplit("/", 1)[-1]
    folder = path.rsplit("/", 2)[-2] if path.count("/") else ""
    found = {whole, name, os.path.splitext(name)[0]}
    title = digest_title.lower().strip()
    for text in (name, folder, title):
        for word in _SOURCE_WORD.findall(text):
            found.add(word)
            found.update(word.split("-"))
    found.add(title)
    return sorted(t for t in found if t)


_NAME_WORD = re.compile(r"[^\W_]{2,}")


def name_words(name: str) -> list[str]:
    """The words of a lower-cased entity name that `org:word` may match (no stop words)."""
    return [word for word in _NAME_WORD.findall(name) if word not in engine.STOP_WORDS]


def index_fields(
    story_id: str,
    content: Content,
    analysed: dict[str, list[str]],
    occurrences: Sequence[Occurrence],
) -> dict[str, Any]:
    """The keyword arguments of one Whoosh document (token lists bypass Whoosh's analysis)."""
    by_label: dict[str, set[str]] = {"ORG": set(), "PERSON": set(), "PLACE": set()}
    aliases: set[str] = set()
    words: set[str] = set()
    every: set[str] = set()
    money: set[int] = set()
    percent: set[float] = set()
    for entity in content.entities:
        canonical = entity.canonical.lower()
        if entity.label in by_label:
            by_label[entity.label].add(canonical)
            prefix = engine.ENTITY_FIELDS[entity.label] + ":"
            names = [alias.lower() for alias in entity.aliases]
            aliases.update(prefix + name for name in names)
            for name in (canonical, *names):
                words.update(prefix + word for word in name_words(name))
            continue
        every.add(canonical)
        if entity.label == "MONEY" and isinstance(entity.value, int | float):
            if 0 <= entity.value <= _MAX_MONEY:
                money.add(round(entity.value))
        elif entity.label == "PERCENT" and isinstance(entity.value, int | float):
            percent.add(float(entity.value))
    sources: set[str] = set()
    for o in occurrences:
        sources.update(source_terms(o.source, o.digest_title))
    date = occurrences[0].date
    fields: dict[str, Any] = {
        "id": story_id,
        "text": analysed["text"],
        "headline": analysed["headline"],
        "title": analysed["title"],
        "pairs": analysed["pairs"],
        "source": sorted(sources),
        "sourcefile": list(dict.fromkeys(o.source for o in occurrences)),
        "digest": sorted({o.digest_key for o in occurrences}),
        "org": sorted(by_label["ORG"]),
        "person": sorted(by_label["PERSON"]),
        "place": sorted(by_label["PLACE"]),
        "alias": sorted(aliases),
        "nameword": sorted(words),
        "entity": sorted(every),
        "date": date.year * 10000 + date.month * 100 + date.day,
        "doc": encode(content, occurrences),
    }
    if money:
        fields["money"] = sorted(money)
    if percent:
        fields["percent"] = sorted(percent)
    return {name: value for name, value in fields.items() if value != []}
