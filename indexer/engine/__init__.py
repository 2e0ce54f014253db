"""The one place that talks to Whoosh: schema, analysis, writing, query compiling and reading.

Everything else in indexer/ passes plain Python data (and numpy arrays) through the names
re-exported here, so a Whoosh upgrade or replacement touches only this package. Index handles,
searchers and queries it returns are opaque to the callers.

    patches   two caching/bookkeeping fixes to Whoosh hot spots, applied on import
    analysis  the tokenizer and stemmer shared by indexing, queries and snippets
    schema    fields, storage, the writer lock, the document writer, what killed writers left
    bulk      whole segments written from pre-analysed documents (by the indexing workers)
    tables    the term table and stored-fields column files, written in bulk for bulk
    queries   parsing and rewriting queries (phrases as word pairs, wildcard expansion)
    reading   searchers, stored stories, counts, posting lists as arrays
"""

from __future__ import annotations

from indexer.engine import patches as _patches
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
from indexer.engine.queries import compile_query, positive_terms, query_tree
from indexer.engine.reading import (
    date_array,
    date_values,
    doc_count,
    docnum_of,
    field_lengths,
    field_term_postings,
    fresh_searcher,
    live_mask,
    more_like,
    numeric_postings,
    open_searcher,
    other_docs,
    pair_positions,
    stored,
    term_doc_count,
    term_docs,
    term_postings,
    term_stats,
    text_doc_frequency,
)
from indexer.engine.schema import (
    ENTITY_FIELDS,
    SCHEMA,
    TEXT_FIELDS,
    WRITE_LOCK,
    DocWriter,
    create_index,
    has_index,
    open_whoosh,
    remove_leftovers,
    write_lock,
    writer_running,
)

_patches.apply()

__all__ = [
    "ENTITY_FIELDS", "SCHEMA", "STOP_WORDS", "TEXT_FIELDS", "WRITE_LOCK", "DexAnalyzer",
    "DocWriter", "Terms", "analyse", "compile_query", "create_index", "date_array", "date_values",
    "doc_count", "docnum_of", "field_lengths", "field_term_postings", "fresh_searcher",
    "has_index", "has_phrase", "is_indexed_word", "live_mask", "more_like", "numeric_postings",
    "open_searcher", "open_whoosh", "other_docs", "pair_positions", "positive_terms",
    "query_tree", "remove_leftovers", "stem", "stored", "term_doc_count", "term_docs",
    "term_postings", "term_stats", "text_doc_frequency", "word_spans", "write_lock",
    "writer_running",
]  # fmt: skip
