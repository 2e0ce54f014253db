"""The one place that talks to Whoosh: schema, analysis, writing, query compiling, ranking.

Everything else in indexer/ passes plain Python data through the names re-exported here, so a
Whoosh upgrade or replacement touches only this package. Index handles, searchers and queries it
returns are opaque to the callers; posting lists never leave it (ranking turns a query into
ranked document numbers).

A name's module is imported when the name is first used, not with the package: the index
marker needs only the file names, and loading Whoosh and numpy takes a fifth of a second.

    files     the names of the index's own files (no Whoosh: the index marker checks them)
    fixes     dex's subclasses of Whoosh's index, writer and codec (fixes to hot spots); only
              dex's own index objects use them, Whoosh's classes are left as they are
    analysis  the tokenizer and stemmer shared by indexing, queries and snippets
    arrays    set operations on document numbers (np.unique and np.isin without numpy.ma)
    schema    fields, storage, the writer lock, the document writer, what killed writers left
    bulk      whole segments written from pre-analysed documents (by the indexing workers)
    tables    the term table and stored-fields column files, written in bulk for bulk
    queries   parsing and rewriting queries (phrases as word pairs, wildcard expansion)
    reading   searchers, stored stories, counts, posting lists as arrays (for ranking)
    ranking   a compiled query to ranked document numbers, totals and facet counts (Ranker)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Each re-exported name, by the module that defines it (imported on first use, __getattr__).
_EXPORTS = {
    "analysis": ("STOP_WORDS", "DexAnalyzer", "Terms", "analyse", "has_phrase",
                 "is_indexed_word", "stem", "word_spans"),
    "files": ("INDEX_NAME", "WRITE_LOCK"),
    "queries": ("compile_query", "positive_terms"),
    "ranking": ("Ranked", "Ranker"),
    "reading": ("doc_count", "docnum_of", "fresh_searcher", "more_like", "open_searcher",
                "stored", "term_doc_count", "term_docs", "text_doc_frequency"),
    "schema": ("ENTITY_FIELDS", "SCHEMA", "TEXT_FIELDS", "DocWriter", "create_index",
               "has_index", "open_whoosh", "remove_leftovers", "write_lock", "writer_running"),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = [
    "ENTITY_FIELDS", "INDEX_NAME", "SCHEMA", "STOP_WORDS", "TEXT_FIELDS", "WRITE_LOCK",
    "DexAnalyzer", "DocWriter", "Ranked", "Ranker", "Terms", "analyse", "compile_query",
    "create_index", "doc_count", "docnum_of", "fresh_searcher", "has_index", "has_phrase",
    "is_indexed_word", "more_like", "open_searcher", "open_whoosh", "positive_terms",
    "remove_leftovers", "stem", "stored", "term_doc_count", "term_docs", "text_doc_frequency",
    "word_spans", "write_lock", "writer_running",
]  # fmt: skip

if TYPE_CHECKING:
    from indexer.engine.analysis import (
        STOP_WORDS,
        DexAnalyzer,
        Terms,
        analyse,
        has_phrase,
        is_indexed_word,
        stem,
        word_spans,
    )
    from indexer.engine.files import INDEX_NAME, WRITE_LOCK
    from indexer.engine.queries import compile_query, positive_terms
    from indexer.engine.ranking import Ranked, Ranker
    from indexer.engine.reading import (
        doc_count,
        docnum_of,
        fresh_searcher,
        more_like,
        open_searcher,
        stored,
        term_doc_count,
        term_docs,
        text_doc_frequency,
    )
    from indexer.engine.schema import (
        ENTITY_FIELDS,
        SCHEMA,
        TEXT_FIELDS,
        DocWriter,
        create_index,
        has_index,
        open_whoosh,
        remove_leftovers,
        write_lock,
        writer_running,
    )


def __getattr__(name: str) -> Any:
    """A re-exported name, its module imported now (and the name kept here for next time)."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
