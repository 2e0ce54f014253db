"""Queries an attacker or a careless paste sends: bounded work, one line on stderr, exit 2."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from indexer.index.vocabulary import MAX_EDITED, Vocabulary
from tests.reliability.helpers import note, record, run_dex

WORDS = ["hospital", "deficit", "strike", "consultant", "ambulance"]


@pytest.mark.parametrize("length", [1_000, 10_000])
def test_a_very_long_word_is_not_edited_letter_by_letter(length: int) -> None:
    """Did-you-mean and fuzzy terms built every one-letter edit of the word: ~5 GB for a
    10,000-letter word. Past MAX_EDITED letters a word is only looked up as it is."""
    vocabulary = Vocabulary(WORDS)
    tracemalloc.start()
    started = time.perf_counter()
    assert vocabulary.correct("a" * length, lambda _: 1) is None
    assert vocabulary.expand("fuzzy", "b" * length, 2) == []
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5_000_000  # bytes: the edits of a 1,000-letter word alone were ~100 MB
    note(f"did-you-mean on a {length:,}-letter word: {seconds * 1000:.1f} ms, "
         f"{peak / 1e6:.2f} MB peak")  # fmt: skip
    record("hostile queries checked")


def test_words_up_to_the_bound_are_still_corrected() -> None:
    vocabulary = Vocabulary([*WORDS, "x" * MAX_EDITED])
    assert vocabulary.correct("hospitl", lambda _: 1) == "hospital"
    assert vocabulary.correct("x" * (MAX_EDITED - 1), lambda _: 1) == "x" * MAX_EDITED


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose index (of the bundled samples) is already built."""
    folder = tmp_path_factory.mktemp("queries") / "data"
    assert run_dex(folder, "search", "nhs").returncode == 0
    return folder


def _deep(levels: int) -> str:
    return "(" * levels + "nhs" + ")" * levels


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("org:(", "'(' without a matching ')'"),
        ("(nhs", "'(' without a matching ')'"),
        (_deep(5_000), "too long"),
        (_deep(600), "nested too deeply"),
        (" OR ".join(["nhs"] * 1_000), "too long"),
        ("organisaton:nhs", "did you mean 'organisation:'?"),
    ],
    ids=["org-open", "open", "5000-deep", "600-deep", "1000-terms", "field-typo"],
)
def test_bad_queries_are_one_line_and_exit_2(data: Path, query: str, reason: str) -> None:
    proc = run_dex(data, "search", "--", query)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1 and lines[0].startswith("dex: query ") and reason in lines[0]
    assert len(lines[0]) < 300  # the query is shortened in the message
    record("hostile queries checked")


@pytest.mark.skipif(os.name != "posix", reason="bytes in argv")
def test_a_query_that_is_not_utf8_is_named_and_refused(data: Path) -> None:
    bad = os.fsdecode(b"nhs \xff\xfe")
    for args in (["search", bad], ["search", "--json", bad]):
        proc = run_dex(data, *args)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.count("\n") == 1 and "not valid UTF-8" in proc.stderr
        assert "Traceback" not in proc.stderr and proc.stdout == ""
    record("hostile queries checked")
