"""`dex sources` and `dex index` with no path: the folders indexed are remembered and updated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.runner import run_main as dex

DEV = Path(__file__).resolve().parents[1] / "fixtures" / "dev"


def hits(capsys: pytest.CaptureFixture[str], query: str) -> list[dict[str, object]]:
    code, out, err = dex(capsys, "search", "--json", query)
    assert code == 0, err
    return json.loads(out)["hits"]


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    north, west = tmp_path / "north", tmp_path / "west"
    north.mkdir()
    west.mkdir()
    shutil.copy(DEV / "ward_round_2019-03-13.txt", north)
    shutil.copy(DEV / "westminster_health_monitor_2021-11-18.txt", west)
    return north, west


def test_index_remembers_its_paths_and_updates_them_all_when_given_none(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    north, west = folders
    assert dex(capsys, "index", str(north))[0] == 0
    assert dex(capsys, "sources", "add", str(west))[0] == 0
    code, out, _ = dex(capsys, "sources", "list")
    assert code == 0 and out.splitlines() == [str(north), str(west)]
    shutil.copy(DEV / "primary_care_pulse_2024-05-09.md", west)
    code, out, _ = dex(capsys, "index")
    assert code == 0 and "Indexed 2 digests" in out and "1 unchanged" in out
    found = hits(capsys, "Pharmacy First consultations")
    assert any("primary_care_pulse" in str(hit["sources"]) for hit in found)


def test_index_with_no_sources_says_how_to_begin(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = dex(capsys, "index")
    assert code == 2 and "no sources yet" in err


def test_removing_a_source_takes_its_stories_out_of_the_index(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    north, west = folders
    assert dex(capsys, "index", str(north), str(west))[0] == 0
    assert any("ward_round" in str(hit["sources"]) for hit in hits(capsys, "Calderdale"))
    code, out, _ = dex(capsys, "sources", "remove", str(north))
    assert code == 0 and f"removed {north}" in out and "stories left the index" in out
    assert not any("ward_round" in str(h["sources"]) for h in hits(capsys, "Calderdale"))
    code, out, _ = dex(capsys, "sources", "list")
    assert out.splitlines() == [str(west)]


def test_bad_paths_are_named_and_the_rest_still_done(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], tmp_path: Path
) -> None:
    north, _ = folders
    code, out, err = dex(capsys, "sources", "add", str(tmp_path / "nowhere"), str(north))
    assert code == 1 and "nowhere: no such file or folder" in err and f"added {north}" in out
    code, _, err = dex(capsys, "sources", "remove", str(tmp_path / "nowhere"))
    assert code == 1 and "not one of your sources" in err


def test_a_damaged_sources_file_is_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "sources.json").write_text("{", encoding="utf-8")
    code, _, err = dex(capsys, "sources", "list")
    assert code == 1 and "sources.json" in err and len(err.strip().splitlines()) == 1


def test_index_tells_the_read_state_what_arrived_once_the_user_has_visited(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], data_dir: Path
) -> None:
    from indexer.bookmarks.read_state import ReadState

    north, west = folders
    assert dex(capsys, "index", str(north))[0] == 0
    assert not (data_dir / "read-state.sqlite3").exists()  # no visit yet: nothing kept
    with ReadState(data_dir / "read-state.sqlite3") as state:
        state.begin_visit()
        state.looked()
    code, out, _ = dex(capsys, "index", str(west))
    assert code == 0
    with ReadState(data_dir / "read-state.sqlite3") as state:
        state.begin_visit()
        new = state.new_ids()
    stories = int(out.split(" digests, ")[1].split(" stories")[0])
    assert len(new) == stories > 0
