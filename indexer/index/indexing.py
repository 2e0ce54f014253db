"""One `dex index` run: find what changed, index it in worker processes, commit once.

Called by store.update_index with the writer lock held. Files whose size and mtime match the
manifest are not read; otherwise a content hash decides (a new file is hashed by the worker that
reads it). Parsing, analysis and writing the new stories into segments (the costly, pure-Python
part) run in worker processes (index_workers); this process keeps the manifest, deletes
replaced documents and commits the workers' segments. It shares the machine's cores with the
workers, so its work for each story is kept small (plain rows, batched manifest writes).
A story repeated in several digests is one document listing every appearance.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from indexer import engine
from indexer.engine.documents import decode, index_fields
from indexer.index.manifest import FileRecord, Manifest, Row
from indexer.index.vocabulary import Vocabulary
from indexer.index.workers import (
    Builder,
    Indexed,
    WorkerOutput,
    hash_file,
    index_file,
    run_workers,
)
from indexer.pipeline import parse_file
from indexer.reading.readers import iter_files
from indexer.reading.textcodec import readable_path
from indexer.records import IndexSummary, Problem

POOL_MIN_FILES = 4  # fewer changed files than this are indexed in-process


@dataclass(frozen=True)
class _Job:
    record: FileRecord  # its hash is "" for a new file, until the worker that reads it hashes it
    path: str  # as iter_files gave it (for reading)


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
        follow_links: bool = False,
        reread: bool = False,
    ) -> None:
        self.index_dir = index_dir
        self.ix = ix
        self.manifest = manifest
        self.progress = progress
        self.on_problem = on_problem
        self.sample = sample
        self.trust_manifest = trust_manifest
        self.mark = mark
        self.follow_links = follow_links
        self.reread = reread  # read unchanged files too (the reading rules changed)
        self.counts: Counter[str] = Counter()
        self.problems: list[Problem] = []
        self.done = 0
        self.total = 0
        self.named: set[str] = set()
        self.new_ids: set[str] = set()
        self.gone_ids: set[str] = set()

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

    def execute(self, paths: Sequence[str], *, forget: Sequence[str] = ()) -> IndexSummary:
        """Index `paths`; the files under `forget` leave the index, there or not."""
        self.named = {readable_path(p) for p in paths}
        found = list(iter_files(paths, self._walk_problem, follow_links=self.follow_links))
        self.total = len(found)
        jobs, seen = self._scan(found)
        removed = self._removed(paths, seen) + self._forgotten(forget)
        if jobs or removed:
            self._write(jobs, removed)
        else:
            self.manifest.commit()
        return IndexSummary(
            **self.counts,
            problems=tuple(self.problems),
            damage=None,
            new_ids=frozenset(self.new_ids),
            gone_ids=frozenset(self.gone_ids),
        )

    def _forgotten(self, forget: Sequence[str]) -> list[FileRecord]:
        """Indexed files in the paths the user no longer follows."""
        if not forget:
            return []
        names = tuple(readable_path(p) for p in forget)
        folders = tuple(os.path.join(name, "") for name in names)
        gone = [
            record
            for record in self.manifest.files().values()
            if record.path in names or record.path.startswith(folders)
        ]
        self._count(removed=len(gone))
        return gone

    def _scan(self, found: list[tuple[Path, str]]) -> tuple[list[_Job], set[str]]:
        """Split the files found into changed jobs and unchanged ones (counted)."""
        known = self.manifest.files()
        jobs: list[_Job] = []
        seen: set[str] = set()
        own = os.path.join(os.path.abspath(self.index_dir), "")
        for path, source in found:
            real = os.path.abspath(path)
            key = readable_path(real)  # the manifest's name for it
            if key in seen or key.startswith(own):  # never index the index's own files
                self._advance(source)
                continue
            seen.add(key)
            try:
                info = os.stat(real)
                before = known.get(key)
                same = before and (before.size, before.mtime_ns) == (info.st_size, info.st_mtime_ns)
                if same and not self.reread:
                    self._count(unchanged=1)
                    self._advance(source)
                    continue
                content_hash = hash_file(real) if before else ""  # a new file: the worker's
            except OSError as exc:
                self._count(failed=1)
                self._problem(Problem(source, f"cannot read: {exc.strerror or exc}"))
                self._advance(source)
                continue
            record = FileRecord(
                key, source, info.st_size, info.st_mtime_ns, content_hash, self.sample
            )
            if before and before.hash == content_hash and not self.reread:
                self.manifest.put_file(replace(record, sample=before.sample))
                self._count(unchanged=1)
                self._advance(source)
            else:
                jobs.append(_Job(record, os.fspath(path)))
        return jobs, seen

    def _removed(self, paths: Sequence[str], seen: set[str]) -> list[FileRecord]:
        """Indexed files gone from a folder being indexed (and the samples, once the user
        indexes digests of their own)."""
        folders = [
            os.path.join(readable_path(os.path.abspath(p)), "") for p in paths if os.path.isdir(p)
        ]
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

    def _indexed(self, jobs: list[_Job], output: WorkerOutput) -> Iterator[Indexed]:
        """Each changed file's result, from worker processes or (a few files) from here."""
        tasks = [
            (number, job.path, job.record.source, not job.record.hash)
            for number, job in enumerate(jobs)
        ]
        procs = os.cpu_count() or 1
        if len(jobs) >= POOL_MIN_FILES and procs >= 2:
            yield from run_workers(self.index_dir, tasks, min(procs, len(jobs)), output)
            return
        builder = Builder(self.index_dir, parse_file)  # this module's name: tests replace it
        try:
            for task in tasks:
                yield index_file(builder, task)
        except BaseException:
            builder.cancel()
            raise
        finished = builder.finish()
        output.segments += finished.segments
        output.words |= finished.words
        output.names.update(finished.names)

    def _write(self, jobs: list[_Job], removed: list[FileRecord]) -> None:
        manifest = self.manifest
        taken = manifest.take_occurrences([j.record.path for j in jobs] + [r.path for r in removed])
        dropped_ids = {row[0] for rows in taken.values() for row in rows}
        for record in removed:
            manifest.drop_file(record.path)
        elsewhere = manifest.story_ids()  # stories in files this run does not touch
        in_index = (elsewhere | dropped_ids) if self.trust_manifest else None
        seen: set[str] = set()
        stale: set[str] = set()  # written anew: their old documents go
        repeated: set[str] = set()  # rewritten after the commit, listing every appearance
        output = WorkerOutput()
        try:
            for result in self._indexed(jobs, output):
                job = jobs[result.job]
                self._advance(job.record.source)
                self._file(job, result, taken, in_index, elsewhere, seen, stale, repeated)
            self.new_ids = seen - elsewhere - dropped_ids
            self._commit(output.segments, stale, dropped_ids - seen)
        except BaseException:
            _delete_segments(self.ix, output.segments)
            manifest.rollback()
            raise
        if repeated:
            self._merge_repeats(repeated)
        Vocabulary.extend(self.index_dir, output.words)
        manifest.add_names(output.names)
        manifest.commit()
        self.mark(True)

    def _commit(self, segments: list[Any], stale: set[str], dropped: set[str]) -> None:
        """Delete replaced documents, rewrite the ones that lost an appearance, and commit
        them with the new segments."""
        snapshot = engine.open_searcher(self.ix)
        writer = engine.DocWriter(self.ix)
        try:
            if engine.doc_count(snapshot):
                for story_id in sorted(stale):
                    writer.delete(story_id)
            for story_id in sorted(dropped):
                self._rewrite(writer, snapshot, story_id)
            writer.add_segments(segments)
            self.mark(False)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        finally:
            snapshot.close()

    def _file(
        self,
        job: _Job,
        result: Indexed,
        taken: dict[str, list[Row]],
        in_index: set[str] | None,
        elsewhere: set[str],
        seen: set[str],
        stale: set[str],
        repeated: set[str],
    ) -> None:
        """Record one indexed file in the manifest and the counts."""
        source = job.record.source
        for note in result.notes:
            self._problem(note)
        if result.error is not None:
            self._count(failed=1)
            self._problem(Problem(source, result.error))
            self.manifest.add_occurrences(job.record.path, taken.get(job.record.path, ()))
            return  # keep what an unreadable file gave before
        if result.content_hash is None:
            self.manifest.put_file(job.record)
        else:
            self.manifest.put_file(replace(job.record, hash=result.content_hash))
        if result.skipped is not None:  # a failure only when the user named the file
            named = source in self.named
            self._count(**({"failed": 1} if named else {"skipped": 1}))
            self._problem(Problem(source, result.skipped, fatal=named))
            return
        found = result.rows
        self.manifest.add_occurrences(job.record.path, found)
        if result.digests and not found:
            self._problem(Problem(source, "no stories found", fatal=False))
        merged = 0
        for row in found:  # once a story: kept lean, as it runs while the workers do
            story_id = row[0]
            if story_id in seen:  # a worker wrote it already: once more, with every appearance
                repeated.add(story_id)
                merged += 1
                continue
            seen.add(story_id)
            if story_id in elsewhere:
                repeated.add(story_id)
                merged += 1
            if in_index is None or story_id in in_index:
                stale.add(story_id)
        counts = self.counts
        counts["digests"] += result.digests
        counts["stories"] += len(found)
        counts["entities"] += result.entities
        counts["duplicates_merged"] += merged

    def _rewrite(self, writer: engine.DocWriter, searcher: Any, story_id: str) -> None:
        """A story that lost an appearance: delete it, or rewrite it with the ones left."""
        occurrences = self.manifest.occurrences(story_id)
        if not occurrences:
            writer.delete(story_id)
            self.gone_ids.add(story_id)
            return
        docnum = engine.docnum_of(searcher, story_id)
        if docnum is None:
            return
        content, _ = decode(engine.stored(searcher, docnum)["doc"])
        analysed = engine.analyse(content.headline, content.title, content.body, content.extras)
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


def _delete_segments(ix: Any, segments: list[Any]) -> None:
    """Remove the files of segments that were written but never committed."""
    for segment in segments:
        for name in segment.list_files(ix.storage):
            ix.storage.delete_file(name)
