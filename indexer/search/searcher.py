"""The read side of the index: search, stories, facets, suggestions; safe to share by threads.

Each thread gets its own Whoosh searcher (reused across queries, so segment files are opened
once) and the engine's Ranker for it, whose caches live as long as that searcher. This module
compiles queries and hands them to the Ranker, which returns ranked document numbers and counts;
it never sees a posting list. `refresh()` makes every thread move to the latest commit on its
next call.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Collection, Iterable
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np

from indexer import engine
from indexer.engine.documents import Content, Occurrence, decode, name_words, to_story
from indexer.engine.mapping import map_storage
from indexer.errors import BookmarkLookup, IndexDamagedError, QueryError
from indexer.index.manifest import FILE_NAME as MANIFEST_NAME
from indexer.index.marker import read_marker
from indexer.index.store import open_checked
from indexer.index.vocabulary import Vocabulary
from indexer.records import (
    Entity,
    Facets,
    Hit,
    Period,
    SearchResult,
    Span,
    Story,
    Timeline,
    Trends,
)
from indexer.search import trends
from indexer.search.query import prepare, spellable_words
from indexer.search.snippets import marks, snippet

_TEXT_TERMS = ("text", "headline", "title")
_CACHED_ANSWERS = 64  # per thread: compiled queries and their top documents
_CACHED_HITS = 400  # per thread: stories with their snippets for given query terms
_FACET_FIELDS = {"orgs": "org", "people": "person", "places": "place", "sources": "sourcefile"}


@dataclass
class _ThreadState:
    """One thread's searcher and the caches tied to it (in its Ranker)."""

    searcher: Any
    epoch: int
    ranker: engine.Ranker = field(init=False)
    all_facets: dict[int, Facets] = field(default_factory=dict)
    # Typing repeats work: "strike" and "strike in" compile to the same query, and the next
    # letter often keeps the same top stories. Both caches last as long as the searcher.
    answers: OrderedDict[tuple[str, int, str], tuple[engine.Ranked, Any]] = field(
        default_factory=OrderedDict
    )
    hits: OrderedDict[tuple[int, str], Hit] = field(default_factory=OrderedDict)
    file_dated: np.ndarray | None = None  # trends.file_dated_mask, read once per searcher

    def __post_init__(self) -> None:
        self.ranker = engine.Ranker(self.searcher)


class Index:
    """An open index (from open_index). Thread-safe; close() when done."""

    def __init__(self, ix: Any, index_dir: Path) -> None:
        map_storage(ix)  # segment files as shared memory maps, not private copies
        self._ix = ix
        self._dir = index_dir
        self._local = threading.local()
        self._lock = threading.Lock()
        self._states: list[_ThreadState] = []
        self._epoch = 0
        self._generation = ix.latest_generation()
        self._vocab: Vocabulary | None = None

    # -- plumbing ---------------------------------------------------------------------------

    def _state(self) -> _ThreadState:
        state: _ThreadState | None = getattr(self._local, "state", None)
        if state is None:
            state = _ThreadState(engine.open_searcher(self._ix), self._epoch)
            self._local.state = state
            with self._lock:
                self._states.append(state)
        elif state.epoch != self._epoch:
            state.searcher = engine.fresh_searcher(state.searcher)
            state.epoch, state.ranker = self._epoch, engine.Ranker(state.searcher)
            state.all_facets.clear()
            state.file_dated = None
            state.answers.clear()
            state.hits.clear()
        return state

    def refresh(self) -> bool:
        """Pick up commits made since (by another process too); True if there were any."""
        generation = self._ix.latest_generation()
        if generation == self._generation:
            return False
        with self._lock:
            self._generation = generation
            self._epoch += 1
            self._vocab = None
        return True

    def close(self) -> None:
        with self._lock:
            for state in self._states:
                state.searcher.close()
            self._states.clear()
            self._epoch += 1
        self._local = threading.local()

    def warm(self) -> None:
        """Load, on this thread, what the first typed query would otherwise wait for: the
        vocabulary (did-you-mean, wildcards), the query parser and the scored fields' lengths."""
        state = self._state()
        self._vocabulary()
        self._compile("warm", "warm", {}, state.searcher)
        state.ranker.warm(("text", "headline", "title", "pairs"))

    def forget_answers(self) -> None:
        """Drop this thread's remembered answers and hits (a benchmark times the search itself,
        not the cache that serves a query typed again)."""
        state = self._state()
        state.answers.clear()
        state.hits.clear()

    def doc_count(self) -> int:
        return int(engine.doc_count(self._state().searcher))

    def _vocabulary(self) -> Vocabulary:
        with self._lock:
            if self._vocab is None:
                self._vocab = Vocabulary.load(self._dir)
            return self._vocab

    def _compile(
        self, query: str, text: str, sets: dict[str, frozenset[str]], searcher: Any
    ) -> Any:
        def expand(kind: str, pattern: str, maxdist: int) -> list[str]:
            # Read vocab.txt only for a query with a wildcard or fuzzy term (most have none).
            return self._vocabulary().expand(kind, pattern, maxdist)

        try:
            return engine.compile_query(text, sets, searcher, expand)
        except QueryError as exc:
            raise QueryError(f"query {query!r}: {exc}") from None

    # -- searching --------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        sort: Literal["relevance", "date"] = "relevance",
        bookmarks: BookmarkLookup | None = None,
        new: Collection[str] | None = None,
    ) -> SearchResult:
        """Ranked hits (snippets marked for the hits returned only) and the number of matches
        (an estimate when counting would cost more than the search); `new`: the stories
        `new:yes` means. Raises QueryError."""
        started = time.perf_counter()
        prepared = prepare(query, bookmarks=bookmarks, new=new)
        state = self._state()
        terms: dict[str, set[str]] = {}
        if prepared.text:
            q = self._compile(query, prepared.text, prepared.sets, state.searcher)
            key = (repr(q), limit, sort)
            answer = state.answers.get(key)
            if answer is None:
                ranked = state.ranker.rank(q, limit, newest_first=sort == "date")
                answer = (ranked, engine.positive_terms(q))
                _remember(state.answers, key, answer, _CACHED_ANSWERS)
            ranked, terms = answer
        else:
            ranked = state.ranker.rank(None, limit)  # every story, newest first
        marked = bookmarks.ids() if bookmarks is not None else set()
        hits = tuple(self._cached_hit(state, d, score, terms, marked) for d, score in ranked.docs)
        total = ranked.total
        suggestion = self.suggest(query) if total == 0 and prepared.text else None
        elapsed = (time.perf_counter() - started) * 1000
        return SearchResult(query, hits, total, True, suggestion, round(elapsed, 2))

    def _cached_hit(
        self,
        state: _ThreadState,
        docnum: int,
        score: float,
        terms: dict[str, set[str]],
        marked: set[str],
    ) -> Hit:
        """_hit, remembered per story and query terms (the snippet depends on nothing else)."""
        key = (docnum, repr(sorted((name, sorted(words)) for name, words in terms.items())))
        found = state.hits.get(key)
        if found is None:
            found = self._hit(state.searcher, docnum, score, terms, marked)
            _remember(state.hits, key, found, _CACHED_HITS)
        if found.score != score or found.bookmarked != (found.id in marked):
            found = replace(found, score=score, bookmarked=found.id in marked)
        return found

    def _hit(
        self, searcher: Any, docnum: int, score: float, terms: dict[str, set[str]], marked: set[str]
    ) -> Hit:
        fields = engine.stored(searcher, docnum)
        story_id = fields["id"]
        content, occurrences = decode(fields["doc"])
        stems = set().union(*(terms.get(name, ()) for name in _TEXT_TERMS))
        text, spans = snippet(content.body, stems, _entity_marks(content, terms, "body"))
        for where in ("details", "byline"):  # matched in its details or byline alone: show it
            extra = getattr(content, where)
            if spans or not extra:
                continue
            found = snippet(extra, stems, _entity_marks(content, terms, where))
            if found[1]:
                text, spans = found
        # The headline, or the lead title (the body's first words) of a story without one:
        # mark it too, or a story matched by its headline alone would show no match at all.
        in_title = {*marks(content.headline or content.title, stems)}
        if content.headline is not None:
            in_title.update(_entity_marks(content, terms, "headline"))
        hit = _make_hit(story_id, content, occurrences, text, spans, score, story_id in marked)
        return replace(hit, title_spans=tuple(Span(s, e) for s, e in sorted(in_title)))

    def query_spans(self, query: str, text: str) -> tuple[Span, ...]:
        """Where the words a query asks for occur in `text` (for marking a whole story)."""
        prepared = prepare(query)
        if not prepared.text:
            return ()
        searcher = self._state().searcher
        terms = engine.positive_terms(self._compile(query, prepared.text, prepared.sets, searcher))
        stems = set().union(*(terms.get(name, ()) for name in _TEXT_TERMS))
        return tuple(Span(s, e) for s, e in marks(text, stems))

    # -- stories ----------------------------------------------------------------------------

    def _load(self, story_id: str) -> tuple[int, Content, list[Occurrence]] | None:
        searcher = self._state().searcher
        docnum = engine.docnum_of(searcher, story_id)
        if docnum is None:
            return None
        content, occurrences = decode(engine.stored(searcher, docnum)["doc"])
        return docnum, content, occurrences

    def story(self, story_id: str) -> Story | None:
        found = self._load(story_id)
        return to_story(story_id, found[1], found[2]) if found else None

    def sources(self, story_id: str) -> tuple[str, ...]:
        found = self._load(story_id)
        return tuple(dict.fromkeys(o.source for o in found[2])) if found else ()

    def digest_stories(self, story_id: str) -> tuple[str, ...]:
        """Ids of the stories of this story's (first) digest, in digest order."""
        found = self._load(story_id)
        if found is None:
            return ()
        key = found[2][0].digest_key
        searcher = self._state().searcher
        ordered: list[tuple[int, str]] = []
        for docnum in engine.term_docs(searcher, "digest", key):
            fields = engine.stored(searcher, docnum)
            _, occurrences = decode(fields["doc"])
            position = next((o.position for o in occurrences if o.digest_key == key), 0)
            ordered.append((position, fields["id"]))
        return tuple(story for _, story in sorted(ordered))

    def more_like_this(self, story_id: str, limit: int = 10) -> tuple[Hit, ...]:
        found = self._load(story_id)
        if found is None:
            return ()
        docnum, content, _ = found
        searcher = self._state().searcher
        text = f"{content.headline or ''}\n{content.body}"
        hits = []
        for other, score in engine.more_like(searcher, docnum, text, limit):
            fields = engine.stored(searcher, other)
            other_content, occurrences = decode(fields["doc"])
            body, spans = snippet(other_content.body, ())
            hits.append(_make_hit(fields["id"], other_content, occurrences, body, spans, score))
        return tuple(hits)

    # -- counts -----------------------------------------------------------------------------

    def facets(
        self,
        query: str,
        *,
        bookmarks: BookmarkLookup | None = None,
        top: int = 10,
        new: Collection[str] | None = None,
    ) -> Facets:
        """The commonest orgs, people, places, sources and years among the query's matches."""
        prepared = prepare(query, bookmarks=bookmarks, new=new)
        state = self._state()
        if not prepared.text and top in state.all_facets:
            return state.all_facets[top]
        q = None
        if prepared.text:
            q = self._compile(query, prepared.text, prepared.sets, state.searcher)
        by_field, years = state.ranker.facets(q, _FACET_FIELDS.values(), top)
        counted = {name: by_field[fieldname] for name, fieldname in _FACET_FIELDS.items()}
        display = self._display_names(
            [n for key in ("orgs", "people", "places") for n, _ in counted[key]]
        )
        result = Facets(
            orgs=tuple((display.get(n, n), c) for n, c in counted["orgs"]),
            people=tuple((display.get(n, n), c) for n, c in counted["people"]),
            places=tuple((display.get(n, n), c) for n, c in counted["places"]),
            sources=tuple(counted["sources"]),
            years=tuple(years),
        )
        if not prepared.text:
            state.all_facets[top] = result
        return result

    # -- over time (trends.py) --------------------------------------------------------------

    def _dated(
        self, state: _ThreadState, query: str, bookmarks: BookmarkLookup | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The query's matches, their dates, and which documents have only a file date."""
        prepared = prepare(query, bookmarks=bookmarks)
        q = None
        if prepared.text:
            q = self._compile(query, prepared.text, prepared.sets, state.searcher)
        ids, dates = state.ranker.dated(q)
        if state.file_dated is None:
            size = len(state.ranker.live)
            state.file_dated = trends.file_dated_mask(state.searcher, self._dir, size)
        return ids, dates, state.file_dated

    def timeline(
        self,
        query: str,
        *,
        by: Period = "month",
        since: dt.date | None = None,
        bookmarks: BookmarkLookup | None = None,
    ) -> Timeline:
        """The query's stories per period (stories with only a file date counted apart)."""
        ids, dates, undated = self._dated(self._state(), query, bookmarks)
        return trends.timeline(ids, dates, undated, query, by, since)

    def trends(
        self,
        query: str = "",
        *,
        by: Period = "month",
        period: dt.date | None = None,
        top: int = 10,
        bookmarks: BookmarkLookup | None = None,
    ) -> Trends:
        """The entities that rose and fell most among the query's stories, from the period
        before the one holding `period` (default: the newest story's) to that one."""
        state = self._state()
        ids, dates, undated = self._dated(state, query, bookmarks)
        if period is None:
            current = trends.latest_period(ids, dates, undated, by)
        else:
            current = trends.period_of(period, by)
        return trends.trends(
            state.ranker, ids, dates, undated, query, by, current, top, self._display_names
        )

    def _display_names(self, keys: list[str]) -> dict[str, str]:
        """Entity names as first written ("NHS England"), for the lower-cased index terms."""
        if not keys:
            return {}
        try:
            uri = f"file:{self._dir / MANIFEST_NAME}?mode=ro"
            with closing(sqlite3.connect(uri, uri=True)) as db:
                marks_ = ",".join("?" * len(keys))
                rows = db.execute(f"SELECT key, display FROM names WHERE key IN ({marks_})", keys)
                return dict(rows.fetchall())
        except sqlite3.Error:
            return {}  # names are cosmetic: fall back to the lower-case terms

    def entity_counts(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """(label, canonical) -> number of stories mentioning it."""
        searcher = self._state().searcher
        return {
            (label, canonical): engine.term_doc_count(
                searcher, engine.ENTITY_FIELDS.get(label, "entity"), canonical.lower()
            )
            for label, canonical in keys
        }

    def suggest(self, query: str) -> str | None:
        """The query with words the index lacks replaced by close ones it has; None if none."""
        searcher = self._state().searcher
        vocabulary = self._vocabulary()

        def frequency(word: str) -> int:
            return int(engine.text_doc_frequency(searcher, word))

        corrected = query
        for start, end, word in reversed(spellable_words(query)):
            lower = word.lower()
            if not engine.is_indexed_word(lower) or frequency(lower):
                continue
            better = vocabulary.correct(lower, frequency)
            if better:
                corrected = corrected[:start] + better + corrected[end:]
        return corrected if corrected != query else None


def _remember(cache: OrderedDict[Any, Any], key: Any, value: Any, size: int) -> None:
    cache[key] = value
    if len(cache) > size:
        cache.popitem(last=False)


def _entity_marks(
    content: Content, terms: dict[str, set[str]], where: str
) -> list[tuple[int, int]]:
    """The entities in `where` (body, headline, details or byline) that the query asks for: by name,
    by an alias ("org:bma") or by a word of a name ("org:british")."""
    wanted = {
        name: terms[name] for name in (*engine.ENTITY_FIELDS.values(), "entity") if name in terms
    }
    named = terms.get("alias", set()) | terms.get("nameword", set())
    if not wanted and not named:
        return []

    def asked(entity: Entity) -> bool:
        field = _field_of(entity.label)
        if any(entity.canonical.lower() in wanted.get(f, ()) for f in (field, "entity")):
            return True
        if not named or field == "entity":
            return False
        names = [entity.canonical.lower(), *(alias.lower() for alias in entity.aliases)]
        words = {word for name in names for word in name_words(name)}
        return any(f"{field}:{key}" in named for key in (*names, *words))

    return [(e.start, e.end) for e in content.entities if e.field == where and asked(e)]


def _field_of(label: str) -> str:
    return engine.ENTITY_FIELDS.get(label, "entity")


def _make_hit(
    story_id: str,
    content: Content,
    occurrences: list[Occurrence],
    text: str,
    spans: tuple[Span, ...],
    score: float,
    bookmarked: bool = False,
) -> Hit:
    first = occurrences[0]
    return Hit(
        id=story_id,
        headline=content.headline,
        title=content.title,
        date=first.date,
        sources=tuple(dict.fromkeys(o.source for o in occurrences)),
        digest_title=first.digest_title,
        snippet=text,
        snippet_spans=spans,
        score=score,
        bookmarked=bookmarked,
    )


def open_index(index_dir: Path, *, check_files: bool = True) -> Index:
    """Open the index for searching; FileNotFoundError if there is none yet, IndexDamagedError
    (saying to run `dex index`) if it is damaged. `check_files=False` right after ensure_index,
    which has checked the files (or built them)."""
    index_dir = Path(index_dir)
    marker = read_marker(index_dir)
    if marker is None or not engine.has_index(index_dir):
        raise FileNotFoundError(f"{index_dir}: no index yet (run dex index PATH)")
    try:
        ix = open_checked(index_dir, marker, files=check_files)
    except IndexDamagedError as exc:
        raise IndexDamagedError(f"{exc}; run `dex index` to rebuild it") from exc
    return Index(ix, index_dir)
