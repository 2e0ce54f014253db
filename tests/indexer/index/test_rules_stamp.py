"""Digests read with an earlier version's rules are read again: the index marker keeps the
stamp of the reading rules, and `dex index` re-reads every source when it differs."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from indexer.index import rules_stamp
from indexer.index.marker import read_marker, write_marker
from indexer.index.rules_stamp import reading_rules
from indexer.index.store import ensure_index, incomplete, update_index
from indexer.records import Problem

SEEDS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "seeds").glob("*.txt"))


def _folder(tmp_path: Path, name: str, seeds: list[Path]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for path in seeds:
        shutil.copy(path, folder / path.name)
    return folder


def _read_with_other_rules(index_dir: Path) -> None:
    marker = read_marker(index_dir)
    assert marker is not None
    write_marker(index_dir, replace(marker, reading="rules of an earlier version"))


def test_the_stamp_is_stable_and_names_the_rules() -> None:
    assert reading_rules() == reading_rules() and len(reading_rules()) == 24


def test_the_stamp_hashes_the_rule_files_as_the_pathlib_walk_did() -> None:
    """The walk is os.scandir now (every `dex search` checks the stamp); the stamp is still
    the one the pathlib walk made (files in path order, a subfolder's too, no __pycache__), so
    an index stamped before is not read again for it."""
    package = Path(rules_stamp.__file__).resolve().parents[1]
    files = [package / name for name in rules_stamp._RULE_FILES]
    for folder in rules_stamp._RULE_FOLDERS:
        found = (package / folder).rglob("*")
        files += sorted(p for p in found if p.is_file() and "__pycache__" not in p.parts)
    assert any(path.parent.name == "lists" for path in files)  # a subfolder is walked
    digest = hashlib.blake2b(digest_size=12)
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    assert reading_rules() == digest.hexdigest()


def test_other_rules_read_every_source_again_then_the_index_is_at_rest(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = _folder(tmp_path, "first", SEEDS[:2])
    second = _folder(tmp_path, "second", SEEDS[2:4])
    update_index(index_dir, [str(first)])
    built = update_index(index_dir, [str(second)])
    assert built.digests == 2 and read_marker(index_dir).reading == reading_rules()
    assert incomplete(index_dir) is None

    _read_with_other_rules(index_dir)
    assert "run dex index to read them again" in (incomplete(index_dir) or "")
    told: list[Problem] = []
    # One source named: its files are read again, unchanged or not; the other source's are
    # not touched, and the index stays marked as read with the earlier rules.
    some = update_index(index_dir, [str(second)], on_problem=told.append)
    assert (some.digests, some.unchanged, some.removed, some.failed) == (2, 0, 0, 0)
    assert [p.message for p in told] == [
        "its digests were read with an earlier version's rules; reading them again "
        "(run dex index with no paths to read every source)"
    ]
    assert not any(p.fatal for p in told)
    assert incomplete(index_dir) is not None
    # Every source (as `dex index` with no paths runs): all read again, then at rest.
    again = update_index(index_dir, [str(first), str(second)])
    assert (again.digests, again.unchanged, again.removed, again.failed) == (4, 0, 0, 0)
    assert read_marker(index_dir).reading == reading_rules()
    assert incomplete(index_dir) is None
    assert update_index(index_dir, [str(second)]).unchanged == 2


def test_an_index_of_the_samples_alone_is_read_again_when_opened(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    assert ensure_index(index_dir) is True
    assert ensure_index(index_dir) is False
    _read_with_other_rules(index_dir)
    assert incomplete(index_dir) is None  # nothing of the user's to read: the app does it
    assert ensure_index(index_dir) is False  # read again, but no new index to announce
    assert read_marker(index_dir).reading == reading_rules()


@pytest.mark.parametrize("stamp", ["", "rules of an earlier version"])
def test_an_index_made_before_the_stamp_or_with_another_is_read_again(
    tmp_path: Path, stamp: str
) -> None:
    index_dir = tmp_path / "index"
    folder = _folder(tmp_path, "digests", SEEDS[:2])
    update_index(index_dir, [str(folder)])
    marker = read_marker(index_dir)
    write_marker(index_dir, replace(marker, reading=stamp))
    assert update_index(index_dir, [str(folder)]).digests == 2
    assert read_marker(index_dir).reading == reading_rules()


def test_a_source_gone_from_the_disk_does_not_keep_the_index_unfinished(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    kept = _folder(tmp_path, "kept", SEEDS[:2])
    gone = _folder(tmp_path, "gone", SEEDS[2:3])
    update_index(index_dir, [str(kept), str(gone)])
    shutil.rmtree(gone)
    _read_with_other_rules(index_dir)
    assert update_index(index_dir, [str(kept)]).digests == 2
    assert read_marker(index_dir).reading == reading_rules()
    assert incomplete(index_dir) is None
