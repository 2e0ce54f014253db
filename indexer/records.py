"""Plain data passed between the readers, the splitter, the entity extractor and the index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from indexer.blocks import Block

Label = Literal["ORG", "PERSON", "PLACE", "MONEY", "PERCENT", "DATE"]
LABELS: tuple[Label, ...] = ("ORG", "PERSON", "PLACE", "MONEY", "PERCENT", "DATE")
Field = Literal["headline", "body", "details", "byline"]
DateFrom = Literal["header", "text", "filename", "mtime"]
Period = Literal["week", "month", "year"]
PERIODS: tuple[Period, ...] = ("week", "month", "year")


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
    # ORG, PERSON, PLACE: the other names the same entity goes by ("BMA" for "British Medical
    # Association"): the gazetteer's, those the story defines ("(RCN)") and this mention's.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RawDigest:
    """One digest as a reader found it: its text plus what the container said about it."""

    source: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    date_from: DateFrom | None = None
    # The structure the container showed (HTML, Markdown); None for text split by line shape.
    blocks: tuple[Block, ...] | None = None
    # A container that holds one story (a feed item): not split; `headline` is its title.
    single_story: bool = False
    headline: str | None = None
    author: str | None = None  # a feed item's author, as the feed names it
    # A message's subject as shown: the headline of its text when that is one story with none
    # (a post to a list that nobody has answered yet).
    subject: str | None = None
    # A reply's text that may hold a digest: the message it quotes (a newsletter forwarded and
    # answered), else the sender's own words (a bulletin's items sent round for sign-off);
    # where it splits into headlined stories, they are the message's.
    quoting: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A story as the splitter sees it: an optional headline and its paragraphs."""

    headline: str | None
    paragraphs: tuple[str, ...]
    byline: str | None = None  # "By Jane Smith, health correspondent": metadata, not text
    # Lines of metadata under the headline ("Deceased: ... | Coroner: ...", "Closing date: 17
    # March"): not the story's text, but part of the story, searched and read for entities.
    details: tuple[str, ...] = ()

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
    byline: str | None = None
    details: str | None = None  # the section's details, a line each


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


@dataclass(frozen=True, slots=True)
class Span:
    """A marked range of characters (a query term in a snippet or field)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: what the story list shows."""

    id: str
    headline: str | None
    title: str
    date: dt.date
    sources: tuple[str, ...]
    digest_title: str
    snippet: str
    snippet_spans: tuple[Span, ...] = ()
    score: float = 0.0
    bookmarked: bool = False
    title_spans: tuple[Span, ...] = ()  # the query's words in `headline or title`


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one query: the hits shown plus what the UI says around them."""

    query: str
    hits: tuple[Hit, ...]
    total: int  # an estimate when `exact` is False
    exact: bool = True
    suggestion: str | None = None  # did-you-mean, offered when nothing matched
    elapsed_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class Facets:
    """Counts of the top values of each facet for a query, most frequent first."""

    orgs: tuple[tuple[str, int], ...] = ()
    people: tuple[tuple[str, int], ...] = ()
    places: tuple[tuple[str, int], ...] = ()
    sources: tuple[tuple[str, int], ...] = ()
    years: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class IndexSummary:
    """What one `dex index` run did, for its closing line."""

    digests: int = 0
    stories: int = 0
    entities: int = 0
    duplicates_merged: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    problems: tuple[Problem, ...] = ()
    damage: str | None = None  # damage found in the index (and rebuilt) before the run
    new_ids: frozenset[str] = frozenset()  # stories the index did not hold before the run
    gone_ids: frozenset[str] = frozenset()  # stories it no longer holds


@dataclass(frozen=True, slots=True)
class Bucket:
    """One period: its first and last day (inclusive) and the stories dated in it."""

    start: dt.date
    end: dt.date
    count: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """A query's stories per period, every period from the first to the last with a story
    (empty ones too, so a chart's gaps are real); `undated`: matches with only a file date."""

    query: str
    by: Period
    buckets: tuple[Bucket, ...]
    undated: int
    since: dt.date | None = None

    @property
    def dated(self) -> int:
        return sum(bucket.count for bucket in self.buckets)


@dataclass(frozen=True, slots=True)
class EntityTrend:
    """An entity's stories in the chosen period and the one before, and a sparkline's counts
    (the SPARK_PERIODS periods ending with the chosen one)."""

    label: str
    name: str  # as first written ("NHS England")
    key: str  # the index term (lower-cased canonical name)
    now: int
    before: int
    series: tuple[int, ...]

    @property
    def change(self) -> int:
        return self.now - self.before


@dataclass(frozen=True, slots=True)
class Trends:
    """Per entity type, the entities that rose and fell most from `previous` to `current`."""

    query: str
    by: Period
    current: Bucket
    previous: Bucket
    rising: dict[str, tuple[EntityTrend, ...]]
    falling: dict[str, tuple[EntityTrend, ...]]
    undated: int
    periods: tuple[Bucket, ...]  # the sparklines' periods (counts: every matching story)
