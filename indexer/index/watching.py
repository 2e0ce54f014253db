"""Keeping the index current while digests arrive: watch the sources, update in the background.

`SourceWatcher` watches the user's sources with watchfiles (inotify, FSEvents or
ReadDirectoryChangesW underneath; nothing is polled while the folders are quiet) in one thread.
Changes are gathered until the folders have been quiet for `quiet_ms` (at most `debounce_ms`),
then the sources they fell in are updated as `dex index` would: unchanged files are skipped by
size and time, new and changed ones read, deleted ones leave the index. Each update is handed
to `on_update` (in the watcher's thread) as a `WatchUpdate`. When another dex holds the index,
the update is tried again a moment later. The first update catches up with what changed while
nobody watched.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import IndexBusyError, IndexDamagedError
from indexer.index.sources import covered
from indexer.index.store import update_index
from indexer.records import IndexSummary


@dataclass(frozen=True)
class WatchUpdate:
    """One background update: the sources it covered, and what it did or why it failed."""

    sources: tuple[str, ...]
    summary: IndexSummary | None = None
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.summary is not None and describe_change(self.summary) is not None


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"


def describe_change(summary: IndexSummary) -> str | None:
    """What a run changed, for a person ("12 new stories from 2 digests"); None if nothing."""
    parts = []
    new, gone = len(summary.new_ids), len(summary.gone_ids)
    if new:
        stories = _count(new, "new story", "new stories")
        parts.append(f"{stories} from {_count(summary.digests, 'digest')}")
    elif summary.digests:
        parts.append(f"{_count(summary.digests, 'digest')} updated")
    if gone:
        parts.append(f"{_count(gone, 'story', 'stories')} gone")
    elif summary.removed:
        parts.append(f"{_count(summary.removed, 'file')} removed")
    return "; ".join(parts) or None


def _ignored(path: str) -> bool:
    """Hidden files (an editor's or mail client's temporary ones), as `dex index` skips them,
    and editors' backup and swap files."""
    name = os.path.basename(path)
    return name.startswith(".") or name.endswith(("~", ".swp", ".swx", ".tmp"))


class SourceWatcher:
    """Watch `sources` (absolute folders or files) and keep the index in `index_dir` current.

    `start()` returns at once; `stop()` asks the thread to end and waits for an update in
    progress to finish. `on_update` runs in the watcher's thread.
    """

    def __init__(
        self,
        index_dir: Path,
        sources: Sequence[str],
        on_update: Callable[[WatchUpdate], None],
        *,
        quiet_ms: int = 400,
        debounce_ms: int = 3000,
        retry_ms: int = 1000,
        catch_up: bool = True,
    ) -> None:
        self.index_dir = Path(index_dir)
        self.sources = tuple(os.path.abspath(s) for s in sources)
        self.on_update = on_update
        self.quiet_ms = quiet_ms
        self.debounce_ms = debounce_ms
        self.retry_ms = retry_ms
        self.catch_up = catch_up
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="dex-watch", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        """Wait for the thread (it ends only when stopped, or when watching failed)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        import watchfiles  # here: the app and `dex search` never pay for it

        watched = [s for s in self.sources if os.path.exists(s)]
        for missing in sorted(set(self.sources) - set(watched)):
            self.on_update(WatchUpdate((missing,), error=f"{missing}: not there; not watched"))
        if not watched:
            self.on_update(WatchUpdate(self.sources, error="none of the sources is there"))
            return
        pending: set[str] = set(watched) if self.catch_up else set()
        changes_seen = watchfiles.watch(
            *watched,
            # The index's own writes, were it inside a source.
            watch_filter=watchfiles.DefaultFilter(ignore_paths=[str(self.index_dir)]),
            debounce=self.debounce_ms,
            step=self.quiet_ms,
            stop_event=self._stop,
            rust_timeout=self.retry_ms,
            yield_on_timeout=True,
            raise_interrupt=False,
        )
        try:
            for changes in changes_seen:
                pending |= self._sources_of(path for _, path in changes)
                if pending and not self._stop.is_set():
                    pending = self._update(pending)
        except OSError as exc:  # a watched folder made unreadable, inotify's limit reached
            self.on_update(WatchUpdate(self.sources, error=f"stopped watching: {exc}"))

    def _sources_of(self, paths: Iterable[str]) -> set[str]:
        """The sources these changed paths fall in (a path in none, or ignored, is dropped)."""
        found: set[str] = set()
        for path in paths:
            if _ignored(path):
                continue
            found.update(s for s in self.sources if covered((path,), (s,)))
        return found

    def _update(self, pending: set[str]) -> set[str]:
        """Update the index from `pending`; what is still to do (all of it, when busy)."""
        sources = tuple(sorted(pending))
        try:
            summary = update_index(self.index_dir, sources)
        except IndexBusyError:
            return pending  # another dex is writing: again at the next change or timeout
        except (IndexDamagedError, OSError) as exc:
            self.on_update(WatchUpdate(sources, error=str(exc)))
            return set()
        except Exception as exc:  # a worker killed (Ctrl-C reaches them too): say so, go on
            message = f"update stopped: {type(exc).__name__}: {exc}"
            self.on_update(WatchUpdate(sources, error=message))
            return set()  # the next change tries again (every second would repeat the line)
        self.on_update(WatchUpdate(sources, summary))
        return set()
