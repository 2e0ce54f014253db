"""Repeated and equivalent searches reuse work, and never show a stale answer."""

from __future__ import annotations

import shutil
from pathlib import Path

from indexer.bookmarks.store import BookmarkStore
from indexer.index.store import SAMPLES_DIR, update_index
from indexer.search.searcher import open_index


def test_equivalent_queries_share_hits_but_keep_their_own_text(tmp_path: Path) -> None:
    update_index(tmp_path / "index", [str(SAMPLES_DIR)])
    index = open_index(tmp_path / "index")
    try:
        first = index.search("nhs", limit=5)
        again = index.search("nhs the", limit=5)  # a stop word: the same compiled query
        assert first.hits and again.query == "nhs the" and again.total == first.total
        assert again.hits == first.hits
        assert all(a is b for a, b in zip(again.hits, first.hits, strict=True))
        index.forget_answers()
        fresh = index.search("nhs", limit=5)
        assert fresh.hits == first.hits and fresh.hits[0] is not first.hits[0]
        narrower = index.search("nhs trust", limit=5)
        assert narrower.total <= first.total
        assert narrower.hits != first.hits or narrower.total == first.total
        by_date = index.search("nhs", limit=5, sort="date")
        assert [h.date for h in by_date.hits] == sorted(
            (h.date for h in by_date.hits), reverse=True
        )
    finally:
        index.close()


def test_bookmark_marks_follow_the_store_through_the_cache(tmp_path: Path) -> None:
    update_index(tmp_path / "index", [str(SAMPLES_DIR)])
    index = open_index(tmp_path / "index")
    store = BookmarkStore(tmp_path / "bookmarks.sqlite3")
    try:
        top = index.search("nhs", limit=3, bookmarks=store).hits[0]
        assert not top.bookmarked
        story = index.story(top.id)
        assert story is not None
        store.add(story)
        assert index.search("nhs", limit=3, bookmarks=store).hits[0].bookmarked
        assert index.search("bookmarked:yes", bookmarks=store).total == 1
        store.remove(top.id)
        assert not index.search("nhs", limit=3, bookmarks=store).hits[0].bookmarked
        assert index.search("bookmarked:yes", bookmarks=store).total == 0
    finally:
        store.close()
        index.close()


def test_a_new_commit_is_searched_after_refresh(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLES_DIR, corpus)
    kept = sorted(corpus.iterdir())
    for extra in kept[1:]:
        extra.unlink()
    update_index(tmp_path / "index", [str(corpus)])
    index = open_index(tmp_path / "index")
    try:
        before = index.search("nhs", limit=50)
        for path in sorted(SAMPLES_DIR.iterdir())[1:]:
            shutil.copy(path, corpus / path.name)
        update_index(tmp_path / "index", [str(corpus)])
        assert index.refresh()
        after = index.search("nhs", limit=50)
        assert after.total > before.total
        assert {h.id for h in before.hits} < {h.id for h in after.hits}
    finally:
        index.close()


def test_stories_deleted_by_a_commit_are_gone_after_refresh(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLES_DIR, corpus)
    update_index(tmp_path / "index", [str(corpus)])
    index = open_index(tmp_path / "index")
    try:
        everything = index.search("", limit=1000)
        last = sorted(corpus.iterdir())[-1]
        last.unlink()  # its stories leave the index (a deletion-only commit)
        summary = update_index(tmp_path / "index", [str(corpus)])
        assert summary.gone_ids
        assert index.refresh()
        after = index.search("", limit=1000)
        assert after.total == everything.total - len(summary.gone_ids)
        assert index.doc_count() == after.total
        assert not {hit.id for hit in after.hits} & summary.gone_ids
        assert all(index.story(gone) is None for gone in summary.gone_ids)
    finally:
        index.close()


def test_the_word_list_is_read_only_for_a_query_that_expands(tmp_path: Path) -> None:
    update_index(tmp_path / "index", [str(SAMPLES_DIR)])
    index = open_index(tmp_path / "index")
    try:
        assert index.search('nhs "integrated care system" -strike', limit=5).total
        assert index._vocab is None  # vocab.txt costs ~15 ms to read at 100k stories
        assert index.search("hosp*", limit=5).total
        assert index._vocab is not None
    finally:
        index.close()
