"""Reading the index through memory maps gives exactly what Whoosh's own storage gives."""

from __future__ import annotations

import io
import mmap
from pathlib import Path

import numpy as np
import pytest
from whoosh import columns, fields
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage

from indexer.engine import mapping, reading
from indexer.index.store import SAMPLES_DIR, update_index
from indexer.search.searcher import open_index

SCHEMA = fields.Schema(
    id=fields.ID(unique=True, stored=True),
    body=fields.TEXT(stored=True),
    day=fields.COLUMN(columns.NumericColumn("i")),
)
WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]


def _build(folder: Path, *, compound: bool, batches: int) -> None:
    """Segments of 40 documents each; the last few documents have no `day` (column default)."""
    ix = FileStorage(str(folder)).create_index(SCHEMA)
    number = 0
    for _ in range(batches):
        writer = ix.writer(compound=compound)
        for _ in range(40):
            body = " ".join(WORDS[(number * k) % len(WORDS)] for k in range(1, 6))
            doc = {"id": f"d{number}", "body": f"{body} n{number}"}
            if number % 40 < 35:
                doc["day"] = 20150101 + number
            writer.add_document(**doc)
            number += 1
        writer.commit(merge=False)


def _snapshot(ix: object) -> tuple[list[object], list[tuple[str, list[str]]], list[int]]:
    with ix.searcher() as searcher:  # type: ignore[attr-defined]
        stored = [searcher.stored_fields(d) for d in range(searcher.doc_count_all())]
        hits = [
            (word, sorted(h["id"] for h in searcher.find("body", word, limit=None)))
            for word in WORDS
        ]
        days = list(searcher.reader().column_reader("day").load())
    return stored, hits, days


@pytest.mark.parametrize("compound", [True, False])
@pytest.mark.parametrize("batches", [1, 3])
def test_mapped_storage_reads_what_whoosh_reads(
    tmp_path: Path, compound: bool, batches: int
) -> None:
    _build(tmp_path, compound=compound, batches=batches)
    assert len(list(tmp_path.glob("*.seg"))) == (batches if compound else 0)
    plain = FileStorage(str(tmp_path)).open_index()
    mapped = FileStorage(str(tmp_path)).open_index()
    mapping.map_storage(mapped)
    assert isinstance(mapped.storage, mapping.MappedStorage)
    assert _snapshot(mapped) == _snapshot(plain)
    with mapped.searcher() as searcher:
        days = np.concatenate(
            [mapping.numeric_column(leaf, "day", SCHEMA["day"].column_type)
             for leaf, _ in searcher.reader().leaf_readers()]
        )  # fmt: skip
    assert days.tolist() == _snapshot(plain)[2]
    assert days[-1] == 0  # documents past the last written value read as the default


def test_window_reads_like_a_file() -> None:
    data = b"first line\nsecond\n\nlast without newline"
    mapped = mmap.mmap(-1, len(data) + 8)  # anonymous: the window is what is tested
    mapped.write(b"XXXX" + data + b"YYYY")
    window = mapping.MappedFile(mapped, 4, len(data), "t", owner=True)
    expected = io.BytesIO(data)
    for step in ("readline", "read3", "readline", "readline", "seek5", "read", "read", "tell"):
        if step.startswith("read") and step[4:].isdigit():
            assert window.read(int(step[4:])) == expected.read(int(step[4:]))
        elif step.startswith("seek"):
            assert window.seek(int(step[4:])) == expected.seek(int(step[4:]))
        else:
            assert getattr(window, step)() == getattr(expected, step)()
    assert window.get(0, 5) == b"first"
    part = window.subset(11, 6)
    assert part.read() == b"second"
    assert part.get_array(0, "B", 3).tolist() == list(b"sec")
    window.close()
    assert mapped.closed


def test_dex_index_columns_match_whoosh(tmp_path: Path) -> None:
    """Dates and field lengths read as arrays equal Whoosh's per-document answers."""
    update_index(tmp_path / "index", [str(SAMPLES_DIR)])
    index = open_index(tmp_path / "index")
    try:
        searcher = index._state().searcher
        reader = searcher.reader()
        assert isinstance(index._ix.storage, mapping.MappedStorage)
        dates = reading.date_array(searcher)
        assert dates.tolist() == list(reader.column_reader("date").load())
        lengths, average = reading.field_lengths(searcher, "text")
        wanted = [reader.doc_field_length(d, "text", 0) for d in range(reader.doc_count_all())]
        assert lengths.tolist() == wanted
        assert average == pytest.approx(reader.field_length("text") / reader.doc_count_all())
        lenfield = whoosh3._lenfield("text")
        assert any(leaf._perdoc.has_column(lenfield) for leaf, _ in reader.leaf_readers())
        assert index.search("nhs", limit=5).hits
    finally:
        index.close()


@pytest.mark.parametrize("compression", [0, 3])
def test_posting_blocks_decode_like_whooshs_matcher(tmp_path: Path, compression: int) -> None:
    """Lists longer than one block (128 postings), in two segments, compressed or not."""
    ix = FileStorage(str(tmp_path)).create_index(SCHEMA)
    for batch in (range(0, 700), range(700, 760)):
        writer = ix.writer(codec=whoosh3.W3Codec(compression=compression))
        for n in batch:
            body = " ".join(["alpha"] * (1 + n % 3) + (["beta"] if n % 7 == 0 else []))
            writer.add_document(id=f"d{n}", body=body)
        writer.commit(merge=False)
    ix = FileStorage(str(tmp_path)).open_index()
    mapping.map_storage(ix)
    with ix.searcher() as searcher:
        for word in ("alpha", "beta", "missing"):
            ids, weights = reading.term_postings(searcher, "body", word)
            wanted_ids, wanted_weights = [], []
            for leaf, offset in searcher.reader().leaf_readers():
                if (("body", word.encode()) in leaf) is False:
                    continue
                matcher = leaf.postings("body", word)
                while matcher.is_active():
                    wanted_ids.append(matcher.id() + offset)
                    wanted_weights.append(matcher.weight())
                    matcher.next()
            assert ids.tolist() == wanted_ids
            assert weights.tolist() == wanted_weights
            assert len(ids) == {"alpha": 760, "beta": 109, "missing": 0}[word]


def test_whole_index_facets_from_term_table_match_postings(tmp_path: Path) -> None:
    """With no query the counts come from the term table; they equal counting the postings."""
    update_index(tmp_path / "index", [str(SAMPLES_DIR)])
    index = open_index(tmp_path / "index")
    try:
        ranker = index._state().ranker
        fields = ("org", "person", "place", "sourcefile")
        got, _ = ranker.facets(None, fields, 5)
        for field in fields:
            names, _docs, terms = reading.field_term_postings(ranker.searcher, field)
            counts = np.bincount(terms, minlength=len(names))
            order = np.argsort(-counts, kind="stable")[:5]
            wanted = [(names[i], int(counts[i])) for i in order if counts[i] > 0]
            assert wanted and got[field] == wanted
    finally:
        index.close()
