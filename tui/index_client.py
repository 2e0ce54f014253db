"""The app's side of tui.index_server: start the child, call the index in it, stop it.

`IndexProxy` has the methods of the search `Index` that the session uses; each call blocks
the calling (worker) thread until the child answers, and raises what the index raised there.
A proxy sends its calls to one lane of the child: "fast" for what the user waits on, "slow"
for facets and bulk work.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import subprocess
import sys
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tui.index_server import read_frame, write_frame

Lane = Literal["fast", "slow"]
STOPPED = "the index process has stopped"
STOP_WAIT_S = 0.5  # then stop it: the child only reads, it has nothing to save


class IndexProcessError(RuntimeError):
    """The index process stopped; the one-line message says so."""


@dataclass(frozen=True)
class BookmarkSnapshot:
    """The bookmarks a query may ask about (`bookmarked:yes`, `tag:x`), read in the app and
    sent with the query: the bookmark store itself stays in the app's process."""

    all_ids: frozenset[str]
    by_tag: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, store: Any, query: str) -> BookmarkSnapshot:
        from indexer.bookmarks.schema import tag_key

        by_tag: dict[str, frozenset[str]] = {}
        if "tag" in query.casefold():  # tag: or tags:; other queries never ask
            by_tag = {tag_key(tag): frozenset(store.ids(tag)) for tag, _count in store.tags()}
        return cls(frozenset(store.ids()), by_tag)

    def ids(self, tag: str | None = None) -> set[str]:
        if tag is None:
            return set(self.all_ids)
        from indexer.bookmarks.schema import tag_key

        return set(self.by_tag.get(tag_key(tag), frozenset()))


class IndexClient:
    """One child process and the calls waiting for its answers."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[1])  # the folder holding tui/ and indexer/
        path = os.environ.get("PYTHONPATH")
        env = dict(os.environ, PYTHONPATH=root + (os.pathsep + path if path else ""))
        env.setdefault("OPENBLAS_NUM_THREADS", "1")  # no linear algebra: skip BLAS threads
        self._process = subprocess.Popen(
            # -P: not the current folder first on the path (a folder holding another `tui`
            # would serve its code, not this app's).
            [sys.executable, "-P", "-m", "tui.index_server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # the terminal belongs to the app
            env=env,
        )
        self._ids = itertools.count(1)
        self._waiting: dict[int, Future[Any]] = {}
        self._lock = threading.Lock()
        self._failure: str | None = None  # why calls can no longer be made
        self._reader = threading.Thread(target=self._read, name="dex-index-answers", daemon=True)
        self._reader.start()

    def submit(self, lane: Lane, method: str, *args: Any, **kwargs: Any) -> Future[Any]:
        """Send a call to the child without waiting: the future gets its answer."""
        future: Future[Any] = Future()
        with self._lock:
            if self._failure is not None:
                raise IndexProcessError(self._failure)
            call_id = next(self._ids)
            self._waiting[call_id] = future
            try:
                assert self._process.stdin is not None
                write_frame(self._process.stdin, (call_id, lane, method, args, kwargs))
            except OSError:
                self._waiting.pop(call_id, None)
                raise IndexProcessError(STOPPED) from None
        return future

    def call(self, lane: Lane, method: str, *args: Any, **kwargs: Any) -> Any:
        """Call the index in the child and wait for its answer (from a worker thread)."""
        return self.submit(lane, method, *args, **kwargs).result()

    def _read(self) -> None:
        assert self._process.stdout is not None
        while True:
            try:
                call_id, ok, value = read_frame(self._process.stdout)
            except (EOFError, OSError, ValueError):
                break
            with self._lock:
                future = self._waiting.pop(call_id, None)
            if future is None:
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        with self._lock:
            waiting, self._waiting = self._waiting, {}
            self._failure = self._failure or STOPPED
        for future in waiting.values():
            future.set_exception(IndexProcessError(self._failure))

    def close(self) -> None:
        """Close the pipe (the child then exits); stop it if it does not."""
        with self._lock:
            self._failure = self._failure or "the index is closed"
            stdin = self._process.stdin
        if stdin is not None:
            with contextlib.suppress(OSError):  # already gone
                stdin.close()
        try:
            self._process.wait(STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


class IndexProxy:
    """indexer.search.searcher.Index's methods, answered by the child process on one lane."""

    def __init__(self, client: IndexClient, lane: Lane = "fast") -> None:
        self._client = client
        self._lane: Lane = lane

    def _query(self, method: str, query: str, bookmarks: Any, kwargs: dict[str, Any]) -> Any:
        """A call about a query: the bookmarks it may ask about go as a snapshot."""
        snapshot = BookmarkSnapshot.of(bookmarks, query) if bookmarks is not None else None
        return self._client.call(self._lane, method, query, bookmarks=snapshot, **kwargs)

    def search(self, query: str, *, bookmarks: Any = None, **kwargs: Any) -> Any:
        return self._query("search", query, bookmarks, kwargs)

    def facets(self, query: str, *, bookmarks: Any = None, **kwargs: Any) -> Any:
        return self._query("facets", query, bookmarks, kwargs)

    def timeline(self, query: str, *, bookmarks: Any = None, **kwargs: Any) -> Any:
        return self._query("timeline", query, bookmarks, kwargs)

    def trends(self, query: str = "", *, bookmarks: Any = None, **kwargs: Any) -> Any:
        return self._query("trends", query, bookmarks, kwargs)

    def close(self) -> None:
        self._client.close()  # the child closes its index as it exits

    def __getattr__(self, method: str) -> Any:
        if method.startswith("_"):
            raise AttributeError(method)
        return lambda *args, **kwargs: self._client.call(self._lane, method, *args, **kwargs)
