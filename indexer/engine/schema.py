"""The index schema, storage, the writer lock and the document writer."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import columns, fields, formats
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, clean_files
from whoosh.index import IndexError as WhooshIndexError
from whoosh.system import pack_uint

from indexer.engine.analysis import DexAnalyzer, Positioned
from indexer.engine.files import INDEX_NAME, WRITE_LOCK
from indexer.engine.fixes import DexCodec, DexIndex
from indexer.errors import IndexBusyError, IndexDamagedError

TEXT_FIELDS = ("text", "headline", "title")  # stemmed
ENTITY_FIELDS = {"ORG": "org", "PERSON": "person", "PLACE": "place"}
MAX_EXPANSIONS = 256  # words a wildcard or fuzzy term may stand for (the most frequent kept)

WhooshIndex = Any  # whoosh.index.FileIndex
Searcher = Any  # whoosh.searching.Searcher
Query = Any  # whoosh.query.Query
Expander = Callable[[str, str, int], Iterable[str]]  # (kind, pattern, maxdist) -> words


def _counted(field: Any, value: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
    """(term, frequency, weight, encoded frequency) of a pre-analysed token list: what
    Whoosh's Frequency format yields, without a Token object per token."""
    boost = field.format.field_boost
    for word, count in Counter(value).items():
        yield word.encode("utf-8"), count, count * boost, pack_uint(count)


class TokenListText(fields.TEXT):
    """TEXT indexed from token lists made by analyse() (queries still use DexAnalyzer)."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, list):
            return _counted(self, value)
        return super().index(value, **kwargs)


class TokenListKeyword(fields.KEYWORD):
    """KEYWORD indexed from lists of terms, lower-cased by the caller."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, list):
            return _counted(self, value)
        return super().index(value, **kwargs)


def encode_positions(positions: Any) -> bytes | None:
    """Positions as little-endian 16-bit numbers; None past 65,534 words (such a story's
    phrases are checked in its text instead)."""
    found = np.asarray(positions, np.int64)
    if len(found) and int(found.max()) >= 0xFFFF:
        return None
    return found.astype("<u2").tobytes()


class PairPositions(formats.Format):
    """Postings of word pairs: weight = count; value = where the pair starts in the story
    (encode_positions), or None where not kept (the bulk writer keeps them only for pairs in
    more than a few stories: a phrase with a rarer pair has few candidates to check by text)."""

    posting_size = -1  # variable

    def __init__(self, field_boost: float = 1.0, **options: Any) -> None:
        self.field_boost = field_boost
        self.options = options

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Any:
        found: dict[str, list[int]] = {}
        for token in formats.tokens(value, analyzer, dict(kwargs, positions=True)):
            found.setdefault(token.text, []).append(token.pos)
        for word, where in found.items():
            yield word, len(where), len(where) * self.field_boost, encode_positions(where)

    def decode_frequency(self, valuestring: bytes | None) -> int:
        return len(valuestring) // 2 if valuestring else 1

    def decode_weight(self, valuestring: bytes | None) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_positions(self, valuestring: bytes | None) -> list[int]:
        return np.frombuffer(valuestring, "<u2").tolist() if valuestring else []


class PairsField(fields.KEYWORD):
    """The word pairs of a story with their positions (a Positioned), for phrases."""

    def __init__(self) -> None:
        super().__init__(lowercase=False, commas=True, scorable=True)
        self.format = PairPositions()

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes | None]]:
        if not isinstance(value, Positioned):
            return super().index(value, **kwargs)  # type: ignore[no-any-return]
        where: dict[Any, list[int]] = {}
        for term, position in zip(value.terms, value.positions, strict=True):
            where.setdefault(term, []).append(position)
        return (
            (str(term).encode("utf-8"), len(at), float(len(at)), encode_positions(at))
            for term, at in where.items()
        )


def _text() -> fields.TEXT:
    # No positions: phrases are answered by the `pairs` field (see compile_query).
    return TokenListText(analyzer=DexAnalyzer(), phrase=False)


def _keyword(*, lowercase: bool = True, scorable: bool = False) -> fields.KEYWORD:
    # Unscored (no length column to write): a keyword either matches or not.
    return TokenListKeyword(lowercase=lowercase, commas=True, scorable=scorable)


SCHEMA = fields.Schema(
    id=fields.ID(unique=True, stored=True),
    text=_text(),  # headline (twice, as a boost) and body: what unqualified words search
    headline=_text(),
    title=_text(),  # only stories without a headline (their lead title); else = headline
    pairs=PairsField(),  # "stem stem" of adjacent words in a sentence, and where: phrases
    source=_keyword(),
    sourcefile=_keyword(lowercase=False),  # exact sources, for facets
    digest=_keyword(),
    org=_keyword(),
    person=_keyword(),
    place=_keyword(),
    alias=_keyword(),  # "org:bma": other names of the story's entities (see documents.py)
    nameword=_keyword(),  # "org:british": each word of those names and aliases
    entity=_keyword(),  # canonical names of the other entities (money, percent, date)
    # Dates are only a column: ranking.py answers date ranges and sorting from it.
    date=fields.COLUMN(columns.NumericColumn("i")),
    # Signed: Whoosh 2.7.5's tiered ranges over unsigned numbers return wrong documents.
    money=fields.NUMERIC(int, 64, shift_step=16),
    percent=fields.NUMERIC(float, shift_step=16),
    doc=fields.STORED(),
)
PARSE_SCHEMA = fields.Schema(
    **{name: SCHEMA[name] for name in SCHEMA.names() if name != "date"},
    date=fields.NUMERIC(int, 32),  # parses date:[a TO b] into a NumericRange
    vset=fields.ID(),
)

# ---------------------------------------------------------------------------------------------
# Storage, locking and writing.


def create_index(index_dir: Path) -> WhooshIndex:
    return FileStorage(str(index_dir)).create_index(
        SCHEMA, indexname=INDEX_NAME, indexclass=DexIndex
    )


def open_whoosh(index_dir: Path) -> WhooshIndex:
    """Open the Whoosh index in `index_dir`; a missing or unreadable one is IndexDamagedError."""
    storage = FileStorage(str(index_dir))
    try:
        ix = storage.open_index(indexname=INDEX_NAME, indexclass=DexIndex)
    except (WhooshIndexError, OSError, EOFError, ValueError, AttributeError) as exc:
        raise IndexDamagedError(f"{index_dir}: index unreadable ({type(exc).__name__})") from exc
    if ix.schema.names() != SCHEMA.names():
        raise IndexDamagedError(f"{index_dir}: index made by another version of dex")
    return ix


def has_index(index_dir: Path) -> bool:
    return index_dir.is_dir() and any(index_dir.glob(f"_{INDEX_NAME}_*.toc"))


def remove_leftovers(index_dir: Path) -> list[str]:
    """Delete what writers that were killed left: segments no table of contents lists (workers
    write theirs before the one commit), older tables of contents, Whoosh's temporary folder and
    half-written temporary files (".NAME.tmp"). Whoosh cleans up only when it commits, so an
    unchanged re-index kept them for ever. Call with the writer lock held; returns the names."""
    storage = FileStorage(str(index_dir))
    before = set(storage.list())
    generation = TOC._latest_generation(storage, INDEX_NAME)
    if generation >= 0:
        segments = TOC.read(storage, INDEX_NAME, generation).segments
        clean_files(storage, INDEX_NAME, generation, segments)
    removed = sorted(before - set(storage.list()))
    temporary = index_dir / f"{INDEX_NAME}.tmp"  # the pools of a Whoosh writer
    if temporary.is_dir():
        shutil.rmtree(temporary, ignore_errors=True)
        removed.append(temporary.name)
    for leftover in index_dir.glob(".*.tmp"):
        leftover.unlink(missing_ok=True)
        removed.append(leftover.name)
    return removed


@contextmanager
def write_lock(index_dir: Path, timeout: float) -> Iterator[None]:
    """Hold dex's writer lock (a file lock, so it works across processes) or IndexBusyError."""
    lock = FileStorage(str(index_dir)).lock(WRITE_LOCK)
    deadline = time.monotonic() + timeout
    while not lock.acquire(blocking=False):
        if time.monotonic() >= deadline:
            raise IndexBusyError()
        time.sleep(0.05)
    try:
        yield
    finally:
        lock.release()


def writer_running(index_dir: Path) -> bool | None:
    """Whether a dex holds the writer lock now; None when that cannot be told (the lock file
    cannot be opened, as in a read-only folder)."""
    if not (index_dir / WRITE_LOCK).exists():
        return False
    lock = FileStorage(str(index_dir)).lock(WRITE_LOCK)
    try:
        if not lock.acquire(blocking=False):
            return True
    except OSError:
        return None
    lock.release()
    return False


# Posting blocks uncompressed: zlib was ~9% of indexing time, and reads are faster.
_COMPRESSION = 0


def codec() -> Any:
    """The codec every segment records: Whoosh's own (DocWriter writes through DexCodec)."""
    return whoosh3.W3Codec(compression=_COMPRESSION)


class DocWriter:
    """Adds, replaces and deletes story documents, and adds segments written by
    engine.bulk; one Whoosh commit at the end."""

    def __init__(self, ix: WhooshIndex, *, limitmb: int = 64) -> None:
        # Non-compound: Whoosh reads a compound segment by copying the whole file into memory,
        # separate files can be mapped.
        writing = DexCodec(compression=_COMPRESSION)
        self._writer = ix.writer(limitmb=limitmb, timeout=5, codec=writing, compound=False)

    def add(self, doc: Mapping[str, Any]) -> None:
        self._writer.add_document(**doc)

    def replace(self, doc: Mapping[str, Any]) -> None:
        self._writer.delete_by_term("id", doc["id"])
        self._writer.add_document(**doc)

    def delete(self, story_id: str) -> None:
        self._writer.delete_by_term("id", story_id)

    def add_segments(self, segments: Iterable[Any]) -> None:
        """Include finished segments in this commit. Deletions made before this call do not
        see their documents."""
        writer = self._writer
        writer.segments.extend(segments)
        writer._setup_doc_offsets()
        if writer._searcher is not None:  # it would not know the new segments
            writer._searcher._orig_close()
            writer._searcher = None

    def commit(self) -> None:
        self._writer.commit()

    def cancel(self) -> None:
        self._writer.cancel()
