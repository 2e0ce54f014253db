"""dex's fixes to Whoosh live in its own subclasses: a stock Whoosh index in the same process
behaves as stock Whoosh, and dex's own index gets the fixes without changing its files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from whoosh import fields
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex, open_dir
from whoosh.writing import PostingPool

from indexer import engine
from indexer.engine import fixes
from indexer.engine.documents import Content, index_fields, occurrence
from indexer.engine.files import INDEX_NAME
from indexer.records import Story

ROOT = Path(__file__).resolve().parents[3]
DAY = dt.date(2024, 5, 1)

# Imports every Whoosh module that imports cleanly, notes every module attribute and every
# class attribute, then imports dex and uses its engine (write, commit, open, rank, read), and
# prints what changed.
_SNAPSHOT = """
import importlib, inspect, pkgutil, sys, tempfile, datetime as dt
from pathlib import Path
import whoosh

for info in pkgutil.walk_packages(whoosh.__path__, "whoosh."):
    try:
        importlib.import_module(info.name)
    except Exception:
        pass  # optional parts (their libraries are not installed)

def snapshot():
    found = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("whoosh"):
            continue
        for attr, value in list(vars(module).items()):
            found[(name, attr)] = value
            if inspect.isclass(value) and value.__module__ == name:
                for key, member in list(vars(value).items()):
                    found[(name, attr, key)] = member
    return found

before = snapshot()
from indexer import engine
from indexer.engine.documents import Content, index_fields, occurrence
from indexer.records import Story

folder = Path(tempfile.mkdtemp())
ix = engine.create_index(folder)
writer = engine.DocWriter(ix)
for n in range(3):
    story = Story(f"s{n}", "", "Digest", dt.date(2024, 5, 1), "header", n, f"Headline {n}",
                  f"Headline {n}", "Junior doctors strike.")
    content = Content.of(story)
    terms = engine.analyse(content.headline, content.title, content.body)
    writer.add(index_fields(story.id, content, terms, [occurrence(story, "k")]))
writer.commit()
searcher = engine.open_searcher(engine.open_whoosh(folder))
q = engine.compile_query("strike", {}, searcher, lambda *_: [])
ranked = engine.Ranker(searcher).rank(q, 5)
assert ranked.total == 3, ranked
searcher.reader().doc_field_length(0, "text")
searcher.reader().stored_fields(0)
after = snapshot()
changed = sorted(str(key) for key, value in before.items() if after.get(key) is not value)
print("\\n".join(changed))
"""


def test_importing_and_using_dex_changes_no_whoosh_class() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SNAPSHOT], check=True, cwd=ROOT, capture_output=True, text=True
    )
    assert done.stdout.strip() == "", f"dex changed Whoosh itself:\n{done.stdout}"


def _stock_index(folder: Path) -> Any:
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT, tag=fields.KEYWORD)
    ix = FileStorage(str(folder)).create_index(schema)
    with ix.writer() as writer:
        writer.add_document(id="a", body="junior doctors strike", tag="x")
        writer.add_document(id="b", tag="y")  # no body: its body length is 0
    return ix


def test_a_stock_whoosh_index_behaves_as_stock_whoosh(tmp_path: Path) -> None:
    """In the process that runs dex (this one), Whoosh's own classes keep their checks and
    answers: the posting pool refuses a term that is not bytes, and a per-document reader says
    None for a length of 0 (dex's says the default)."""
    ix = _stock_index(tmp_path)
    writer = ix.writer()
    try:
        assert type(writer.pool) is PostingPool
        with pytest.raises(AssertionError):
            writer.pool.add(("body", "not bytes", 0, 1.0, None))
    finally:
        writer.cancel()
    with ix.reader() as reader:
        assert type(reader._perdoc) is whoosh3.W3PerDocReader
        assert reader.doc_field_length(1, "body") is None
        assert reader.doc_field_length(0, "body") == 3


def _story(n: int, body: str) -> dict[str, Any]:
    story = Story(f"s{n}", "", "Digest", DAY, "header", n, f"Headline {n}", f"Headline {n}", body)
    content = Content.of(story)
    terms = engine.analyse(content.headline, content.title, content.body)
    return index_fields(story.id, content, terms, [occurrence(story, "k")])


def test_dex_index_gets_the_fixes_and_keeps_whooshs_files(tmp_path: Path) -> None:
    ix = engine.create_index(tmp_path)
    writer = engine.DocWriter(ix)
    assert type(writer._writer.pool) is fixes.LeanPostingPool
    for n, body in enumerate(["Junior doctors strike.", "Nurses vote.", "Strike ends."]):
        writer.add(_story(n, body))
    writer.commit()
    ix = engine.open_whoosh(tmp_path)
    with ix.searcher() as searcher:
        stock = whoosh3.W3PerDocReader(ix.storage, searcher.reader().segment())
        for leaf, _ in searcher.reader().leaf_readers():
            assert type(leaf._perdoc) is fixes.DexPerDocReader
        for doc in range(3):
            for field in ("text", "headline", "org"):  # org: unscored, no length column
                wanted = stock.doc_field_length(doc, field, 0)
                got = searcher.reader().doc_field_length(doc, field)
                assert got == (0 if wanted is None else wanted), (doc, field)
    # The table of contents names Whoosh's codec only: the files are plain Whoosh files.
    toc = TOC.read(FileStorage(str(tmp_path)), INDEX_NAME)
    assert [type(s.codec()) for s in toc.segments] == [whoosh3.W3Codec]


def test_segments_dex_merges_are_read_with_its_reader(tmp_path: Path) -> None:
    """Whoosh merges small segments by reading them; dex's writer reads them with its own."""
    ix = engine.create_index(tmp_path)
    seen: list[type] = []
    for n in range(12):  # enough commits for Whoosh's MERGE_SMALL to merge
        writer = engine.DocWriter(ix)
        original = writer._writer.add_reader

        def add_reader(reader: Any, original: Any = original) -> None:
            original(reader)
            seen.extend(type(leaf._perdoc) for leaf, _ in reader.leaf_readers())

        writer._writer.add_reader = add_reader
        writer.add(_story(n, f"Story {n} about strikes."))
        writer.commit()
    assert seen and set(seen) == {fixes.DexPerDocReader}
    with engine.open_whoosh(tmp_path).searcher() as searcher:
        assert searcher.doc_count() == 12


def test_stock_whoosh_opens_a_dex_index_where_dex_can_be_imported(tmp_path: Path) -> None:
    """What README says of the format: a Whoosh index whose schema names dex's classes; Whoosh's
    own index class and readers read it and find what dex finds."""
    ix = engine.create_index(tmp_path)
    writer = engine.DocWriter(ix)
    for n, body in enumerate(["Junior doctors strike.", "Nurses vote.", "Strike ends."]):
        writer.add(_story(n, body))
    writer.commit()
    stock = open_dir(str(tmp_path), indexname=INDEX_NAME)
    assert type(stock) is FileIndex
    with stock.searcher() as searcher:
        assert type(searcher.reader()._perdoc) is whoosh3.W3PerDocReader
        q = engine.compile_query("strike", {}, searcher, lambda *_: [])
        found = [hit["id"] for hit in searcher.search(q)]
        ranked = engine.Ranker(searcher).rank(q, 10)
        assert found == [searcher.stored_fields(d)["id"] for d, _ in ranked.docs] == ["s2", "s0"]
