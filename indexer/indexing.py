"""One `dex index` run: find what changed, parse it in worker processes, write the documents.

Called by store.update_index with the writer lock held. Files whose size and mtime match the
manifest are not read; otherwise a content hash decides. Parsing and analysis (the costly,
pure-Python part) run in a process pool; the Whoosh writer runs here. A story repeated in
several digests is one document listing every appearance.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from indexer import engine
from indexer.documents import Content, Occurrence, decode, digest_key, index_fields, occurrence
from indexer.manifest import FileRecord, Manifest
from indexer.models import Digest, IndexSummary, Problem
from indexer.pipeline import parse_file
from indexer.readers import ReadError, Skipped, iter_files
from indexer.vocab import Vocabulary

POOL_MIN_FILES = 4  # fewer changed files than this are parsed in-process
PARALLEL_WRITER_MIN_STORIES = 5_000  # Whoosh's multi-process writer pays off above this


@dataclass
class _Parsed:
    """What a worker sends back for one file."""

    digests: list[Digest] = field(default_factory=list)
    analysed: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)
    notes: list[Problem] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None


@dataclass(frozen=True)
class _Job:
    record: FileRecord
    path: str  # as iter_files gave it (for reading)


def _parse_job(job: tuple[str, str]) -> _Parsed:
    """Read, split, extract entities and analyse one file (runs in a worker process)."""
    path, source = job
    parsed = _Parsed()
    try:
        parsed.digests = parse_file(Path(path), source, on_problem=parsed.notes.append)
    except ReadError as exc:
        parsed.error = str(exc)
        return parsed
    except Skipped as exc:
        parsed.skipped = str(exc)
        return parsed
    for digest in parsed.digests:
        for story in digest.stories:
            if story.id not in parsed.analysed:
                fields, words = engine.analyse(story.headline, story.title, story.body)
                parsed.analysed[story.id] = fields
                parsed.words.update(words)
    return parsed


def _hash_file(path: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class IndexRun:
    """State and counters of one run; `execute` returns its IndexSummary."""

    def __init__(
        self,
        index_dir: Path,
        ix: Any,
        manifest: Manifest,
        *,
        progress: Callable[[int, int, str], None] | None,
        on_problem: Callable[[Problem], None] | None,
        sample: bool,
        trust_manifest: bool,
        mark: Callable[[bool], None],
    ) -> None:
        self.index_dir = index_dir
        self.ix = ix
        self.manifest = manifest
        self.progress = progress
        self.on_problem = on_problem
        self.sample = sample
        self.trust_manifest = trust_manifest
        self.mark = mark
        self.counts: Counter[str] = Counter()
        self.problems: list[Problem] = []
        self.done = 0
        self.total = 0
        self.named: set[str] = set()
        self.names: dict[str, str] = {}

    def _count(self, **changes: int) -> None:
        self.counts.update(changes)

    def _problem(self, problem: Problem) -> None:
        self.problems.append(problem)
        if self.on_problem is not None:
            self.on_problem(problem)

    def _walk_problem(self, problem: Problem) -> None:
        self._count(**({"failed": 1} if problem.fatal else {"skipped": 1}))
        self._problem(problem)

    def _advance(self, source: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, source)

    def execute(self, paths: Sequence[str]) -> IndexSummary:
        self.named = set(paths)
        found = list(iter_files(paths, self._walk_problem))
        self.total = len(found)
        jobs, seen = self._scan(found)
        removed = self._removed(paths, seen)
        if jobs or removed:
            self._write(jobs, removed)
        else:
            self.manifest.commit()
        return IndexSummary(**self.counts, problems=tuple(self.problems))

    def _scan(self, found: list[tuple[Path, str]]) -> tuple[list[_Job], set[str]]:
        """Split the files found into changed jobs and unchanged ones (counted)."""
        known = self.manifest.files()
        jobs: list[_Job] = []
        seen: set[str] = set()
        own = os.path.join(os.path.abspath(self.index_dir), "")
        for path, source in found:
            key = os.path.abspath(path)
            if key in seen or key.startswith(own):  # never index the index's own files
                self._advance(source)
                continue
            seen.add(key)
            try:
                info = os.stat(key)
                before = known.get(key)
                if before and (before.size, before.mtime_ns) == (info.st_size, info.st_mtime_ns):
                    self._count(unchanged=1)
                    self._advance(source)
                    continue
                content_hash = _hash_file(key)
            except OSError as exc:
                self._count(failed=1)
                self._problem(Problem(source, f"cannot read: {exc.strerror or exc}"))
                self._advance(source)
                continue
            record = FileRecord(
                key, source, info.st_size, info.st_mtime_ns, content_hash, self.sample
            )
            if before and before.hash == content_hash:
                self.manifest.put_file(replace(record, sample=before.sample))
                self._count(unchanged=1)
                self._advance(source)
            else:
                jobs.append(_Job(record, os.fspath(path)))
        return jobs, seen

    def _removed(self, paths: Sequence[str], seen: set[str]) -> list[FileRecord]:
        """Indexed files gone from a folder being indexed (and the samples, once the user
        indexes digests of their own)."""
        folders = [os.path.join(os.path.abspath(p), "") for p in paths if os.path.isdir(p)]
        gone: list[FileRecord] = []
        dropped_samples = False
        for record in self.manifest.files().values():
            if record.path in seen:
                continue
            if any(record.path.startswith(folder) for folder in folders):
                gone.append(record)
                self._count(removed=1)
                self._problem(Problem(record.source, "removed: no longer there", fatal=False))
            elif record.sample and not self.sample and seen:
                gone.append(record)
                dropped_samples = True
        if dropped_samples:
            self._problem(
                Problem("samples", "the bundled sample digests left the index", fatal=False)
            )
        return gone

    def _parsed(self, jobs: list[_Job]) -> Iterator[tuple[_Job, _Parsed]]:
        work = [(job.path, job.record.source) for job in jobs]
        procs = os.cpu_count() or 1
        if len(jobs) < POOL_MIN_FILES or procs < 2:
            for job, item in zip(jobs, work, strict=True):
                yield job, _parse_job(item)
            return
        in_main = threading.current_thread() is threading.main_thread()
        method = (
            "fork" if in_main and "fork" in multiprocessing.get_all_start_methods() else "spawn"
        )
        chunk = max(1, min(16, len(work) // (procs * 8)))
        with multiprocessing.get_context(method).Pool(procs) as pool:
            yield from zip(jobs, pool.imap(_parse_job, work, chunksize=chunk), strict=True)

    def _write(self, jobs: list[_Job], removed: list[FileRecord]) -> None:
        manifest = self.manifest
        taken = manifest.take_occurrences([j.record.path for j in jobs] + [r.path for r in removed])
        dropped_ids = {story_id for found in taken.values() for story_id, _ in found}
        for record in removed:
            manifest.drop_file(record.path)
        elsewhere = manifest.story_ids()  # stories in files this run does not touch
        in_index = (elsewhere | dropped_ids) if self.trust_manifest else None
        snapshot = engine.open_searcher(self.ix)
        words: set[str] = set()
        written: set[str] = set()
        repeated: set[str] = set()
        # The writer (and its worker processes) start before the parsing pool, so no process
        # is forked while the pool's threads run.
        big = self._expected_stories(jobs) >= PARALLEL_WRITER_MIN_STORIES
        writer = engine.DocWriter(self.ix, procs=min(2, os.cpu_count() or 1) if big else 1)
        try:
            for job, parsed in self._parsed(jobs):
                self._advance(job.record.source)
                self._file(job, parsed, taken, writer, in_index, elsewhere, written, repeated)
                words |= parsed.words
            for story_id in dropped_ids - written:
                self._rewrite(writer, snapshot, story_id)
            self.mark(False)
            writer.commit()
        except BaseException:
            writer.cancel()
            manifest.rollback()
            raise
        finally:
            snapshot.close()
        if repeated:
            self._merge_repeats(repeated)
        Vocabulary.extend(self.index_dir, words)
        manifest.add_names(self.names)
        manifest.commit()
        self.mark(True)

    def _expected_stories(self, jobs: list[_Job]) -> int:
        return sum(job.record.size for job in jobs) // 1500  # a story is ~1.5 kB of digest

    def _file(
        self,
        job: _Job,
        parsed: _Parsed,
        taken: dict[str, list[tuple[str, Occurrence]]],
        writer: engine.DocWriter,
        in_index: set[str] | None,
        elsewhere: set[str],
        written: set[str],
        repeated: set[str],
    ) -> None:
        """Record one parsed file and write the documents of the stories first seen in it."""
        source = job.record.source
        for note in parsed.notes:
            self._problem(note)
        if parsed.error is not None:
            self._count(failed=1)
            self._problem(Problem(source, parsed.error))
            self.manifest.add_occurrences(job.record.path, taken.get(job.record.path, ()))
            return  # keep what an unreadable file gave before
        self.manifest.put_file(job.record)
        if parsed.skipped is not None:  # a failure only when the user named the file
            named = source in self.named
            self._count(**({"failed": 1} if named else {"skipped": 1}))
            self._problem(Problem(source, parsed.skipped, fatal=named))
            return
        found = [
            (story, occurrence(story, digest_key(digest.source, number)))
            for number, digest in enumerate(parsed.digests)
            for story in digest.stories
        ]
        self.manifest.add_occurrences(job.record.path, [(s.id, o) for s, o in found])
        self._count(digests=len(parsed.digests), stories=len(found))
        if parsed.digests and not found:
            self._problem(Problem(source, "no stories found", fatal=False))
        for story, where in found:
            self._count(entities=len(story.entities))
            for entity in story.entities:
                self.names.setdefault(entity.canonical.lower(), entity.canonical)
            if story.id in written:
                repeated.add(story.id)
                self._count(duplicates_merged=1)
                continue
            if story.id in elsewhere:
                self._count(duplicates_merged=1)
                occurrences = self.manifest.occurrences(story.id)
            else:
                occurrences = [where]
            doc = index_fields(story.id, Content.of(story), parsed.analysed[story.id], occurrences)
            if in_index is None or story.id in in_index:
                writer.replace(doc)
            else:
                writer.add(doc)
            written.add(story.id)

    def _rewrite(self, writer: engine.DocWriter, searcher: Any, story_id: str) -> None:
        """A story that lost an appearance: delete it, or rewrite it with the ones left."""
        occurrences = self.manifest.occurrences(story_id)
        if not occurrences:
            writer.delete(story_id)
            return
        docnum = engine.docnum_of(searcher, story_id)
        if docnum is None:
            return
        content, _ = decode(engine.stored(searcher, docnum)["doc"])
        analysed, _ = engine.analyse(content.headline, content.title, content.body)
        writer.replace(index_fields(story_id, content, analysed, occurrences))

    def _merge_repeats(self, repeated: set[str]) -> None:
        """Stories repeated within this run: written once with their first appearance, now
        rewritten listing every one (a second, small commit)."""
        searcher = engine.open_searcher(self.ix)
        writer = engine.DocWriter(self.ix)
        try:
            for story_id in sorted(repeated):
                self._rewrite(writer, searcher, story_id)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        finally:
            searcher.close()
