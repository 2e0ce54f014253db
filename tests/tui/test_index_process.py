"""The index served from a child process answers as the index itself does."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.bookmarks.store import BookmarkStore
from indexer.errors import QueryError
from indexer.search.searcher import open_index
from tui.index_client import BookmarkSnapshot, IndexClient, IndexProcessError, IndexProxy
from tui.index_server import read_frame, write_frame


def test_frames_round_trip_and_end_cleanly() -> None:
    stream = io.BytesIO()
    write_frame(stream, (1, "fast", "search", ("nhs",), {"limit": 3}))
    write_frame(stream, {"two": 2})
    stream.seek(0)
    assert read_frame(stream) == (1, "fast", "search", ("nhs",), {"limit": 3})
    assert read_frame(stream) == {"two": 2}
    with pytest.raises(EOFError):
        read_frame(stream)
    with pytest.raises(EOFError):
        read_frame(io.BytesIO(b"\x00\x00\x00\x00\x00\x00\x00\x09short"))


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    client = IndexClient()
    proxy = IndexProxy(client)
    built, stories, _notes, warning = proxy.open(
        str(tmp_path / "index")
    )  # empty: the child builds the samples
    assert built and stories > 10 and warning is None
    yield proxy, client, tmp_path / "index"
    client.close()


def test_answers_match_the_index_in_this_process(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proxy, _client, index_dir = served
    here = open_index(index_dir)
    try:
        for query in ("nhs", '"junior doctors"', "org:nhs", "strike OR deficit", ""):
            theirs, ours = proxy.search(query, limit=5), here.search(query, limit=5)
            assert (theirs.total, theirs.hits) == (ours.total, ours.hits)
        top = here.search("nhs", limit=1).hits[0]
        assert proxy.story(top.id) == here.story(top.id)
        assert proxy.facets("nhs", top=3) == here.facets("nhs", top=3)
        assert proxy.doc_count() == here.doc_count()
        with pytest.raises(QueryError, match="colour:red"):
            proxy.search("colour:red", limit=5)
    finally:
        here.close()


def test_bookmark_queries_use_the_apps_store(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proxy, _client, _index_dir = served
    store = BookmarkStore(tmp_path / "bookmarks.sqlite3")
    try:
        top = proxy.search("nhs", limit=1).hits[0]
        store.add(proxy.story(top.id), tags=["Workforce"])
        marked = proxy.search("nhs", limit=1, bookmarks=store)
        assert marked.hits[0].bookmarked
        assert [h.id for h in proxy.search("bookmarked:yes", bookmarks=store).hits] == [top.id]
        assert proxy.search("tag:workforce", bookmarks=store).total == 1
        assert proxy.search("tag:other", bookmarks=store).total == 0
        snapshot = BookmarkSnapshot.of(store, "tag:workforce")
        assert snapshot.ids("WORKFORCE") == {top.id} and snapshot.ids() == {top.id}
    finally:
        store.close()


def test_bulk_calls_use_the_slow_lane_and_a_closed_index_says_so(served) -> None:  # type: ignore[no-untyped-def]
    proxy, client, _index_dir = served
    bulk = IndexProxy(client, "slow")
    assert bulk.facets("", top=2).orgs[0][1] > 0
    client.close()
    assert client._process.poll() is not None  # the child has exited
    with pytest.raises(IndexProcessError):
        proxy.search("nhs")


def test_a_child_that_dies_fails_the_waiting_calls(tmp_path: Path) -> None:
    client = IndexClient()
    try:
        client._process.kill()
        client._process.wait()
        with pytest.raises(IndexProcessError, match="stopped"):
            IndexProxy(client).open(str(tmp_path / "index"))
    finally:
        client.close()


# The app process opens, searches, reads and looks for changes without loading the engine.
_APP_RUN = """
import asyncio, sys
from tui.app import DexApp
from tui.widgets.story_list import StoryList

async def main():
    app = DexApp(show_timings=False)
    async with app.run_test(size=(120, 36)) as pilot:
        while not (app.screen.query(StoryList) and app.screen.query_one(StoryList).hits):
            await pilot.pause(0.02)
        app.screen.watching.look()  # the look for other dex's changes, made every second
        await app.workers.wait_for_complete()
    print(sorted(m for m in ("whoosh", "numpy", "watchfiles") if m in sys.modules))

asyncio.run(main())
"""


def test_the_app_process_never_loads_whoosh_or_numpy(index_dir: Path) -> None:
    """They load in the index process; in the app's they would hold the interpreter lock for a
    fifth of a second while the first list is drawn (with no sources to watch, nothing in the
    app needs them)."""
    done = subprocess.run(
        [sys.executable, "-c", _APP_RUN], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
