"""The worker side of `dex index`: parse files, analyse stories and write them into segments.

Each worker process (or the indexing process itself, for a few files) owns a SegmentBuilder:
it parses a file, writes each story it has not seen before as a document, and sends back only
what the manifest needs (story ids and appearances), never the stories themselves. At the end
it writes its segment and sends the segment (a small object), the unstemmed words and the
entity names. The parent commits every worker's segment at once.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from indexer import engine
from indexer.engine.bulk import SegmentBuilder
from indexer.engine.documents import Content, Occurrence, digest_key, index_fields, occurrence
from indexer.index.manifest import Row
from indexer.pipeline import parse_file
from indexer.reading.readers import ReadError, Skipped
from indexer.records import Digest, Problem

SEGMENT_STORIES = 60_000  # a worker starts a new segment after this many (fewer, larger
# segments answer queries faster: 6 segments for 100k stories instead of 2 took the query mix
# from 211 to 458 ms and RSS with the index open from 166 to 213 MB, one run each on a shared
# machine; a worker's memory no longer grows with it: engine.bulk spills tokens to disk)
CHUNK_FILES = 8  # files per task sent to a worker
# (job number, path to read, source as the user named it, whether the worker hashes it)
Task = tuple[int, str, str, bool]


@dataclass
class FileResult:
    """What indexing one file gave, for the manifest and the summary."""

    job: int
    digests: int = 0
    stories: list[tuple[str, Occurrence, int]] = field(default_factory=list)  # id, where, entities
    notes: list[Problem] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None

    def packed(self, content_hash: str | None = None) -> Indexed:
        """The result as the indexing process records it: one plain tuple a story (pickled in
        C, unlike Occurrence objects) in the manifest's own terms, and the entities summed."""
        rows = [
            (story_id, o.source, o.digest_key, o.digest_title, o.date.isoformat(), o.date_from,
             o.position)
            for story_id, o, _ in self.stories
        ]  # fmt: skip
        entities = sum(count for _, _, count in self.stories)
        return Indexed(
            self.job, self.digests, rows, entities, self.notes, self.error, self.skipped,
            content_hash,
        )  # fmt: skip


class Indexed(NamedTuple):
    """What indexing one file gave, as sent to the indexing process."""

    job: int
    digests: int
    rows: list[Row]  # one a story found, in order
    entities: int
    notes: list[Problem]
    error: str | None
    skipped: str | None
    content_hash: str | None  # of a file the worker hashed (a new one)


def hash_file(path: str) -> str:
    """The content hash the manifest keeps, to tell a touched file from a changed one."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def index_file(builder: Builder, task: Task) -> Indexed:
    """Index one file, hashing it first if asked (a new file: hashed where it is read, in
    parallel, rather than by the indexing process before any worker starts)."""
    job, path, source, hash_it = task
    content_hash = None
    if hash_it:
        try:
            content_hash = hash_file(path)
        except OSError as exc:
            return FileResult(job, error=f"cannot read: {exc.strerror or exc}").packed()
    return builder.file(job, path, source).packed(content_hash)


@dataclass
class WorkerOutput:
    """What a worker hands over at the end: its segments, words and entity names."""

    segments: list[Any] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    names: dict[str, str] = field(default_factory=dict)


class Builder:
    """Parses files and writes their new stories as documents of its own segments."""

    def __init__(self, index_dir: Path, parse: Callable[..., list[Digest]] = parse_file) -> None:
        self.index_dir = index_dir
        self._parse = parse
        self.out = WorkerOutput()
        self._seen: set[str] = set()
        self._terms = engine.Terms()
        self._segment: SegmentBuilder | None = None

    def file(self, job: int, path: str, source: str) -> FileResult:
        result = FileResult(job)
        try:
            digests = self._parse(Path(path), source, on_problem=result.notes.append)
        except ReadError as exc:
            result.error = str(exc)
            return result
        except Skipped as exc:
            result.skipped = str(exc)
            return result
        except Exception as exc:  # a reader bug on one odd file must not stop the run
            result.error = f"cannot parse: {type(exc).__name__}: {exc}"
            return result
        # Every document of the file is made before any is written, so that a story that
        # cannot be indexed fails its file (one line naming it), not the run.
        stories: list[tuple[str, Occurrence, int]] = []
        documents: dict[str, dict[str, Any]] = {}
        names: dict[str, str] = {}
        try:
            for number, digest in enumerate(digests):
                key = digest_key(digest.source, number)
                for story in digest.stories:
                    where = occurrence(story, key)
                    stories.append((story.id, where, len(story.entities)))
                    for entity in story.entities:
                        names.setdefault(entity.canonical.lower(), entity.canonical)
                    if story.id not in self._seen and story.id not in documents:
                        documents[story.id] = self._document(story.id, Content.of(story), where)
        except Exception as exc:
            result.error = f"cannot index: {type(exc).__name__}: {exc}"
            return result
        result.digests = len(digests)
        result.stories = stories
        for name, shown in names.items():
            self.out.names.setdefault(name, shown)
        for story_id, document in documents.items():
            self._seen.add(story_id)
            self._write(document)
        return result

    def _document(self, story_id: str, content: Content, where: Occurrence) -> dict[str, Any]:
        analysed = self._terms.analyse(
            content.headline, content.title, content.body, content.extras
        )
        return index_fields(story_id, content, analysed, [where])

    def _write(self, document: dict[str, Any]) -> None:
        if self._segment is None:
            self._segment = SegmentBuilder(self.index_dir, self._terms.decoders())
        self._segment.add(document)
        if self._segment.count >= SEGMENT_STORIES:
            self._flush()

    def _flush(self) -> None:
        if self._segment is not None:
            segment = self._segment.finish()
            self._segment = None
            if segment is not None:
                self.out.segments.append(segment)

    def finish(self) -> WorkerOutput:
        self._flush()
        self.out.words |= self._terms.words()
        return self.out

    def cancel(self) -> None:
        if self._segment is not None:
            self._segment.cancel()


def _die_with_parent() -> None:
    """After a kill -9 of `dex index` its workers, blocked on the task queue, would live on
    (holding its output pipes open): on Linux the kernel ends them with their parent."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    parent = os.getppid()
    if parent == 1:
        os._exit(0)  # dex (or its fork server) is already gone
    try:  # the parent is dex, or a forkserver that lives exactly as long as dex
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    # The parent may have died before the line above took effect (a kill -9 while this worker
    # was starting): then no signal will come, and the worker would wait on its queue for
    # ever, holding dex's output pipes. A dead parent shows as a new parent (init or a
    # subreaper), given at once; asking whether the old pid exists is not enough, since a
    # killed dex stays a zombie until whoever started it reaps it.
    if os.getppid() != parent:
        os._exit(0)


_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
# Blocks from this size get their own mapping. At 100k stories (two workers), one run each on a
# quiet machine: 128 KB peaked at 371 MB summed for 1,067 us of CPU a story; 4 MB at 385 MB for
# 1,026 us; glibc's own sliding threshold at 393 MB for 969 us (but it grows from segment to
# segment, see _give_back_large_blocks).
_MMAP_FROM = 128 * 1024


def _give_back_large_blocks() -> None:
    """Keep glibc's malloc giving large blocks (numpy's arrays) their own mappings, returned
    when freed. By default glibc raises its threshold to the size of each large block freed,
    after which the next ones come from the heap, which a worker never gives back: writing a
    segment left ~70 MB of heap behind at 50k stories, and the peak grew from one segment to
    the next. Setting the threshold turns that adjustment off."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, _MMAP_FROM)
    except (OSError, AttributeError):
        return  # not glibc (musl has no mallopt): nothing to turn off


def _work(index_dir: str, tasks: Any, results: Any) -> None:
    """A worker process: index chunks of files until the None sentinel, then finish."""
    _die_with_parent()
    _give_back_large_blocks()
    builder = Builder(Path(index_dir))
    try:
        while (chunk := tasks.get()) is not None:
            results.put(("files", [index_file(builder, task) for task in chunk]))
        results.put(("done", builder.finish()))
    except OSError as exc:  # a full disk: the parent raises it as such, for a one-line message
        builder.cancel()
        results.put(("oserror", (exc.errno, exc.strerror, exc.filename)))
    except BaseException:
        builder.cancel()
        results.put(("failed", traceback.format_exc()))


def _usable(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False


@contextmanager
def _real_stderr() -> Iterator[None]:
    """multiprocessing hands sys.stderr's file descriptor to the helper processes it starts
    (the resource tracker); inside a Textual app sys.stderr is a capture object whose fileno()
    is -1, and starting fails with "bad value(s) in fds_to_keep". Point sys.stderr at the
    real stderr (or the null device) while processes start."""
    if _usable(sys.stderr):
        yield
        return
    saved = sys.stderr
    spare = None if _usable(sys.__stderr__) else open(os.devnull, "w")  # noqa: SIM115
    sys.stderr = sys.__stderr__ if spare is None else spare
    try:
        yield
    finally:
        sys.stderr = saved
        if spare is not None:
            spare.close()


def _context() -> Any:
    """fork when nothing else runs in this process (cheapest: workers inherit the loaded
    parser); otherwise a fork server, which forks from a clean single-threaded process (safe
    when called from a thread, as the app does); spawn where neither exists."""
    methods = multiprocessing.get_all_start_methods()
    alone = threading.current_thread() is threading.main_thread() and threading.active_count() == 1
    if "fork" in methods and alone:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["indexer.index.workers"])
        return context
    return multiprocessing.get_context("spawn")


def run_workers(
    index_dir: Path, tasks: Sequence[Task], procs: int, output: WorkerOutput
) -> Iterator[Indexed]:
    """Index `tasks` in `procs` worker processes, yielding each file's result as it comes;
    when the iterator is exhausted `output` holds every worker's segments, words and names."""
    context = _context()
    with _real_stderr():
        todo, done = context.Queue(), context.Queue()
        workers = [
            context.Process(target=_work, args=(os.fspath(index_dir), todo, done), daemon=True)
            for _ in range(procs)
        ]
        for worker in workers:
            worker.start()
    try:
        for start in range(0, len(tasks), CHUNK_FILES):
            todo.put(list(tasks[start : start + CHUNK_FILES]))
        for _ in workers:
            todo.put(None)
        finished = 0
        while finished < len(workers):
            try:
                kind, payload = done.get(timeout=1.0)
            except queue.Empty:
                stopped = [w.exitcode for w in workers if w.exitcode not in (None, 0)]
                if stopped:
                    message = f"an indexing worker stopped (exit code {stopped[0]})"
                    raise RuntimeError(message) from None
                continue
            if kind == "files":
                yield from payload
            elif kind == "done":
                finished += 1
                output.segments += payload.segments
                output.words |= payload.words
                for key, name in payload.names.items():
                    output.names.setdefault(key, name)
            elif kind == "oserror":
                raise OSError(*payload)
            else:
                raise RuntimeError(f"indexing worker failed:\n{payload}")
        for worker in workers:
            worker.join()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
                worker.join()
        todo.close()
        done.close()
