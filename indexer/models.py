"""Plain data passed between the readers, the splitter, the entity extractor and the index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Label = Literal["ORG", "PERSON", "PLACE", "MONEY", "PERCENT", "DATE"]
LABELS: tuple[Label, ...] = ("ORG", "PERSON", "PLACE", "MONEY", "PERCENT", "DATE")
Field = Literal["headline", "body"]
DateFrom = Literal["header", "text", "filename", "mtime"]


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity found in one field of a story; `text == field_text[start:end]`."""

    text: str
    label: Label
    field: Field
    start: int
    end: int
    canonical: str
    # MONEY: pounds as float; PERCENT: float; DATE: ISO date or year string when resolvable.
    value: float | str | None = None


@dataclass(frozen=True, slots=True)
class RawDigest:
    """One digest as a reader found it: its text plus what the container said about it."""

    source: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    date_from: DateFrom | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A story as the splitter sees it: an optional headline and its paragraphs."""

    headline: str | None
    paragraphs: tuple[str, ...]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Story:
    """A story a reader sees, ready for display and indexing."""

    id: str
    source: str
    digest_title: str
    date: dt.date
    date_from: DateFrom
    position: int
    headline: str | None
    title: str
    body: str
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class Digest:
    """A parsed digest: where it came from and the stories in it, in order."""

    source: str
    title: str
    date: dt.date
    date_from: DateFrom
    stories: tuple[Story, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Problem:
    """A file (or message in a file) that could not be read, and why, in one line."""

    source: str
    message: str
    fatal: bool = True  # False for notes such as "skipped: not a digest format"

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
