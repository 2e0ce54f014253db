"""The bulk segment writer reads back exactly as Whoosh's own writer would have written it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from indexer import engine
from indexer.engine import bulk, tables
from indexer.engine.documents import Content, decode, digest_key, index_fields, occurrence
from indexer.engine.schema import DocWriter, create_index
from indexer.pipeline import parse_file

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
NUMERIC = {"money", "percent"}  # Whoosh's writer repeats a posting when two values share a tier


def _documents(terms: engine.Terms | None = None) -> list[dict[str, Any]]:
    """The seed stories as documents, their text analysed as strings (for Whoosh's writer)
    or, given `terms`, as numbers (as the indexing workers give them to SegmentBuilder)."""
    docs: dict[str, dict[str, Any]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for number, digest in enumerate(parse_file(path, path.name, on_problem=lambda _: None)):
            for story in digest.stories:
                analysed: Any = (
                    engine.analyse(story.headline, story.title, story.body)
                    if terms is None
                    else terms.analyse(story.headline, story.title, story.body)
                )
                where = occurrence(story, digest_key(digest.source, number))
                docs.setdefault(
                    story.id, index_fields(story.id, Content.of(story), analysed, [where])
                )
    return list(docs.values())


def _postings(reader: Any, field: str, term: bytes) -> list[tuple[int, float, Any]]:
    matcher = reader.postings(field, term)
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return found


def _stats(reader: Any, field: str, term: bytes) -> tuple[Any, ...]:
    info = reader.term_info(field, term)
    return (
        info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
        info.max_weight(), info.min_id(), info.max_id(),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("block", "inline", "numbers", "spill"),
    [(128, 4, False, False), (128, 1, True, False), (3, 1, False, True), (3, 2, True, True)],
    ids=str,
)
def test_bulk_segment_reads_like_whoosh_writes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    block: int,
    inline: int,
    numbers: bool,
    spill: bool,
) -> None:
    monkeypatch.setattr(bulk, "_BLOCK", block)  # several posting blocks per term
    monkeypatch.setattr(bulk, "_INLINE_MAX", inline)  # postings kept in the term table
    monkeypatch.setattr(bulk, "_BATCH_POSTINGS", 50 if numbers else 1 << 18)  # many batches
    if spill:  # tokens spilled to disk every few stories, fields inverted in several parts
        monkeypatch.setattr(bulk, "_SPILL_TOKENS", 700)
        monkeypatch.setattr(bulk, "_PART_TOKENS", 400)
    docs = _documents()
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "bulk").mkdir()
    reference = create_index(tmp_path / "whoosh")
    writer = DocWriter(reference)
    for doc in docs:
        writer.add(doc)
    writer.commit()
    built = create_index(tmp_path / "bulk")
    terms = engine.Terms() if numbers else None
    builder = bulk.SegmentBuilder(tmp_path / "bulk", terms.decoders() if terms else None)
    for doc in _documents(terms) if terms else docs:
        builder.add(doc)
    writer = DocWriter(built)
    writer.add_segments([builder.finish()])
    writer.commit()

    with (
        engine.open_whoosh(tmp_path / "whoosh").reader() as want,
        engine.open_whoosh(tmp_path / "bulk").reader() as got,
    ):
        terms = list(want.all_terms())
        assert terms == list(got.all_terms()) and len(terms) > 1000
        assert any(got.doc_frequency(f, t) > 3 for f, t in terms)  # several blocks at 3
        for field, term in terms:
            if field in NUMERIC:
                assert {p[0] for p in _postings(got, field, term)} == {
                    p[0] for p in _postings(want, field, term)
                }
                continue
            assert _stats(got, field, term) == _stats(want, field, term), (field, term)
            mine, theirs = _postings(got, field, term), _postings(want, field, term)
            if field == "pairs":  # positions are kept in posting blocks, not inlined terms
                inlined = got.term_info(field, term).is_inlined()
                assert all((value is None) == inlined for _, _, value in mine)
                pairs = zip(mine, theirs, strict=True)
                mine = [(d, w, kept if v is None else v) for (d, w, v), (_, _, kept) in pairs]
            assert mine == theirs, (field, term)
        for field in (*engine.TEXT_FIELDS, "pairs"):
            assert got.field_length(field) == want.field_length(field)
            assert [got.doc_field_length(d, field) for d in range(len(docs))] == [
                want.doc_field_length(d, field) for d in range(len(docs))
            ]
        for docnum in range(len(docs)):
            mine, theirs = got.stored_fields(docnum), want.stored_fields(docnum)
            assert mine["id"] == theirs["id"]
            assert decode(mine["doc"]) == decode(theirs["doc"])
        assert list(got.column_reader("date")) == list(want.column_reader("date"))


@pytest.mark.parametrize("numbers", [False, True], ids=["strings", "numbers"])
def test_a_spilled_segment_is_the_segment_kept_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, numbers: bool
) -> None:
    """Spilling tokens to disk and inverting a field a part at a time bound a worker's memory;
    the files written are byte for byte those of a builder that kept everything in memory."""
    written: dict[bool, dict[str, bytes]] = {}
    for spill in (False, True):
        monkeypatch.setattr(bulk, "_SPILL_TOKENS", 200 if spill else 1 << 40)
        monkeypatch.setattr(bulk, "_PART_TOKENS", 300 if spill else 1 << 40)
        folder = tmp_path / str(spill)
        folder.mkdir()
        create_index(folder)
        terms = engine.Terms() if numbers else None
        builder = bulk.SegmentBuilder(folder, terms.decoders() if terms else None)
        for doc in _documents(terms):
            builder.add(doc)
        if spill:
            assert builder._spill is not None and len(builder._postings["pairs"]._runs) > 10
        segment = builder.finish()
        assert builder._spill is None  # closed, so gone
        prefix = f"dex_{segment.segid}"
        written[spill] = {
            path.name.removeprefix(prefix): path.read_bytes()
            for path in folder.iterdir() if path.name.startswith(prefix)
        }  # fmt: skip
        assert sorted(path.name for path in folder.iterdir() if "tmp" in path.name) == []
    assert written[True] == written[False] and ".trm" in written[True]


def test_an_empty_builder_writes_nothing(tmp_path: Path) -> None:
    create_index(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert bulk.SegmentBuilder(tmp_path).finish() is None
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_terms_give_the_words_and_pairs_the_string_analysis_gives() -> None:
    terms = engine.Terms()
    story = ("Junior doctors' strike", "", "The junior doctors of the NHS. Doctors strike again")
    numbers = terms.analyse(*story)
    assert all(type(n) is int for n in numbers["text"] + numbers["pairs"].terms)
    assert terms.texts(numbers) == engine.analyse(*story) == {
        "text": ["junior", "doctor", "strike", "junior", "doctor", "strike",
                 "junior", "doctor", "nh", "doctor", "strike", "again"],
        "headline": ["junior", "doctor", "strike"],
        "title": [],
        # No pair across the sentence end ("nh doctor"); "of the" stand between "doctor ~2 nh";
        # positions count the indexed words of the headline, then the body.
        "pairs": (["junior doctor", "doctor strike",
                   "junior doctor", "doctor ~2 nh", "doctor strike", "strike again"],
                  [0, 1, 3, 4, 6, 7]),
    }  # fmt: skip
    assert terms.words() == {"junior", "doctors", "strike", "nhs", "again"}  # unstemmed


@pytest.mark.parametrize("documents", [3, 2**15 + 2], ids=str)  # offsets past 2**15 documents
def test_the_stored_column_is_whooshs_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: int
) -> None:
    from whoosh import columns
    from whoosh.filedb.filestore import FileStorage

    monkeypatch.setattr(tables, "PICKLE", 2)  # Whoosh's protocol, so the bytes can match
    storage = FileStorage(str(tmp_path))
    theirs_file, mine_file = storage.create_file("theirs"), storage.create_file("mine")
    theirs = columns.PickleColumn(columns.CompressedBytesColumn(level=1)).writer(theirs_file)
    mine = tables.StoredColumn(mine_file)
    for docnum in range(0, documents, 2):  # every other document has stored fields
        fields = {"id": f"story-{docnum}", "doc": b"x" * (docnum % 300)}
        theirs.add(docnum, fields)
        mine.add(docnum, fields)
    for writer, handle in ((theirs, theirs_file), (mine, mine_file)):
        writer.finish(documents + 1)
        handle.close()
    assert (tmp_path / "mine").read_bytes() == (tmp_path / "theirs").read_bytes()


def test_pickles_load_as_pickle_dumps_made_them() -> None:
    import pickle

    dumps = tables.Pickles()
    for value in [
        ((1, 2), (3.0, 3.0), (b"ab", b"ab", None)),
        (5, 7, 1.0, 0, 3, 9),
        ((), None, b""),
    ]:
        made = dumps(value)
        assert pickle.loads(made) == value and len(made) < len(pickle.dumps(value, 3))
    assert dumps((b"x", b"x")) == b"\x80\x03C\x01xC\x01x\x86."  # each written out, no memo


@pytest.mark.parametrize("offset", [0, 2**60], ids=["packed", "wide"])  # both sort paths
def test_postings_group_tokens_by_term_then_document(offset: int) -> None:
    import numpy as np

    rng = np.random.default_rng(7)
    tokens = rng.integers(0, 50, 3000).astype(np.int64) + offset
    docs = np.sort(rng.integers(0, 200, 3000)).astype(np.uint32)
    keys, got_docs, counts, _ = bulk._postings(tokens, docs)
    want = sorted(Counter(zip(tokens.tolist(), docs.tolist(), strict=True)).items())
    assert list(zip(keys.tolist(), got_docs.tolist(), counts.tolist(), strict=True)) == [
        (term, doc, count) for (term, doc), count in want
    ]


@pytest.mark.parametrize("spilled", [False, True], ids=["in memory", "spilled"])
def test_positions_follow_their_postings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spilled: bool
) -> None:
    import numpy as np

    monkeypatch.setattr(bulk, "_PART_TOKENS", 200 if spilled else 1 << 19)  # several parts
    rng = np.random.default_rng(3)
    buffer = bulk._PostingBuffer()
    want: dict[tuple[str, int], list[int]] = {}
    with (tmp_path / "spill").open("w+b") as spill:
        for doc in range(60):
            tokens = [f"t{n}" for n in rng.integers(0, 9, 25).tolist()]
            buffer.add(doc, tokens, list(range(25)))
            for position, token in enumerate(tokens):
                want.setdefault((token, doc), []).append(position)
            if spilled and doc % 7 == 6:
                buffer.spill(spill)
        parts = list(buffer.inverted(lambda: spill))
    assert len(parts) > 5 if spilled else len(parts) == 1
    got = {}
    every: list[str] = []
    for field in parts:
        positions, docs, counts = field.positions, field.docs, field.counts
        assert positions is not None
        terms = field.texts(field.order)
        every += terms
        bounds = zip(terms, field.starts[field.order], field.ends[field.order], strict=True)
        for term, start, end in bounds:
            for i in range(start, end):
                first = positions.firsts[i]
                got[term, int(docs[i])] = positions.sorted[first : first + counts[i]].tolist()
        values = bulk._position_values(positions, np.arange(len(docs)), counts)
        assert [np.frombuffer(v, "<u2").tolist() for v in values[:3]] == [
            got[terms[0], int(docs[i])] for i in range(3)
        ]
    assert every == sorted(set(every)) and got == want


def test_term_order_keys_sort_as_the_terms_text_does() -> None:
    """The writer orders a segment's terms by these keys, never by their text: stems that
    are prefixes of others, non-ASCII stems (above "~" in UTF-8) and pairs with words between
    ("a ~1 b") must still come out as sorting the text would put them."""
    import numpy as np

    terms = engine.Terms()
    terms.stems += ["nh", "nhs", "england", "a", "é", "zz", "ño", "0", "care", "ca", "ß", "z"]
    for _ in range(2):  # again after new stems: the cached ranks must follow
        count = len(terms.stems)
        stems = np.arange(count, dtype=np.int64)
        by_key = np.argsort(terms.stem_order(stems), kind="stable").tolist()
        texts = terms.stem_texts(stems.tolist())
        assert [texts[i] for i in by_key] == sorted(texts)
        codes = np.array(
            [a << 32 | g << 30 | b for a in range(count) for g in range(4) for b in range(count)],
            np.int64,
        )
        pairs = terms.pair_texts(codes.tolist())
        by_key = np.argsort(terms.pair_order(codes), kind="stable").tolist()
        assert [pairs[i] for i in by_key] == sorted(pairs, key=lambda t: t.encode("utf-8"))
        assert len(set(terms.pair_order(codes).tolist())) == len(codes)
        terms.stems += ["~", "nhsx", "ab"]
