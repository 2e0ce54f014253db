"""The read state: stories read, and what is new since the user last looked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.bookmarks.read_state import ReadState, ReadStateError


def at(hour: int) -> dt.datetime:
    return dt.datetime(2026, 1, 1, hour, tzinfo=dt.UTC)


def test_nothing_is_new_before_the_first_visit(tmp_path: Path) -> None:
    with ReadState(tmp_path / "r.sqlite3") as state:
        state.note_arrivals(["a", "b"], now=at(1))  # the first index of an archive
        assert state.begin_visit(now=at(2)) is None
        assert state.new_ids() == set()


def test_new_since_the_last_look_of_the_previous_visit(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    with ReadState(path) as state:
        state.begin_visit(now=at(9))
        state.note_arrivals(["during"], now=at(10))  # arrived while the user was there
        state.looked(now=at(11))
        state.note_arrivals(["after", "read"], now=at(12))
    with ReadState(path) as state:  # the next visit, another process
        assert state.begin_visit(now=at(14)) == at(11)
        assert state.new_ids() == {"after", "read"}
        state.mark_read(["read"], now=at(14))
        assert state.new_ids(unread=True) == {"after"} and state.new_count() == 2
        state.note_arrivals(["live"], now=at(15))
        assert "live" in state.new_ids()
        state.note_gone(["after"])
        assert state.new_ids() == {"read", "live"}
        state.looked(now=at(16))
    with ReadState(path) as state:
        state.begin_visit(now=at(18))
        assert state.new_ids() == set()  # all arrived before the last look


def test_read_marks_for_a_page_of_results(tmp_path: Path) -> None:
    with ReadState(tmp_path / "r.sqlite3") as state:
        ids = [f"s{n}" for n in range(1500)]  # more than one query's worth of ids
        state.mark_read(ids[::2], now=at(3))
        assert state.read_among(ids) == set(ids[::2])
        assert state.read_at("s0") == at(3) and state.read_at("s1") is None
        state.mark_unread(ids[:1000])
        assert state.read_among(ids) == {i for i in ids[1000::2]}


def test_a_file_that_is_not_ours_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ReadStateError, match="read state"):
        ReadState(path)
    assert path.read_bytes() == b"not a database at all" * 100
