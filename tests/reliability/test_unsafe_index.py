"""An index folder someone else could have written is never read (Whoosh's files are pickles,
and a pickle can run code): not the user's, or writable by their group or by anyone. dex says
so in one line naming it, changes nothing, and reads it again once it is the user's alone."""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.index.store import update_index
from tests.reliability.helpers import (
    SAMPLES,
    assert_no_traceback,
    message_lines,
    record,
    run_dex,
    running_as_root,
)

OTHER_UID = 54321


def _toc(index_dir: Path) -> Path:
    return next(index_dir.glob("_dex_*.toc"))


def _give_away(path: Path) -> None:
    if not running_as_root():
        pytest.skip("only root can give a file to another user")
    os.chown(path, OTHER_UID, -1)


UNSAFE: dict[str, tuple[Callable[[Path], None], str]] = {
    "folder writable by anyone": (lambda ix: ix.chmod(0o777), "writable by other users"),
    "folder writable by the group": (lambda ix: ix.chmod(0o770), "writable by your group"),
    "table of contents writable by anyone": (
        lambda ix: (ix.chmod(0o755), _toc(ix).chmod(0o666)),
        "writable by other users",
    ),
    "folder of another user": (_give_away, "belongs to another user"),
    "table of contents of another user": (
        lambda ix: _give_away(_toc(ix)),
        "belongs to another user",
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("built") / "index"
    update_index(index_dir, [str(SAMPLES)])
    return index_dir


def _snapshot(index_dir: Path) -> list[tuple[str, bytes]]:
    return sorted((p.name, p.read_bytes()) for p in index_dir.iterdir() if p.is_file())


@pytest.mark.parametrize("case", list(UNSAFE))
def test_an_index_others_could_write_is_refused(tmp_path: Path, built: Path, case: str) -> None:
    data = tmp_path / "data"
    index_dir = data / "index"
    shutil.copytree(built, index_dir)
    make_unsafe, said = UNSAFE[case]
    make_unsafe(index_dir)
    before = _snapshot(index_dir)
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLES, corpus)
    for args in (["search", "nhs"], ["index", str(corpus)]):
        proc = run_dex(data, *args, cwd=tmp_path)
        assert_no_traceback(proc)
        assert proc.returncode == 1, (case, args, proc.stdout, proc.stderr)
        lines = message_lines(proc.stderr)
        assert len(lines) == 1 and said in lines[0] and str(index_dir) in lines[0], lines
        assert "rebuilding" not in proc.stderr
        assert _snapshot(index_dir) == before, "dex changed an index it refused"
    record("unsafe index folders refused")


def test_the_users_own_index_with_a_closed_folder_is_read(tmp_path: Path, built: Path) -> None:
    """A file's own mode does not matter when no one else can enter its folder."""
    data = tmp_path / "data"
    index_dir = data / "index"
    shutil.copytree(built, index_dir)
    index_dir.chmod(0o700)
    _toc(index_dir).chmod(0o666)
    proc = run_dex(data, "search", "--json", "nhs", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert '"hits"' in proc.stdout


def test_a_planted_pickle_in_another_users_index_never_runs(tmp_path: Path, built: Path) -> None:
    """Someone else's folder that looks like a dex index (marker and all), whose table of
    contents is a pickle that would run a command when loaded."""
    data = tmp_path / "data"
    index_dir = data / "index"
    shutil.copytree(built, index_dir)
    proof = tmp_path / "pickle-ran"

    class Payload:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {proof}",))

    _toc(index_dir).write_bytes(pickle.dumps(Payload()))
    for path in (index_dir, *index_dir.iterdir()):
        _give_away(path)
    for args in (["search", "nhs"], ["index", str(SAMPLES)]):
        proc = run_dex(data, *args, cwd=tmp_path)
        assert_no_traceback(proc)
        assert proc.returncode == 1 and "belongs to another user" in proc.stderr, proc.stderr
        assert not proof.exists(), "a pickle in another user's index was loaded"
    record("unsafe index folders refused")


def test_dex_makes_the_index_folder_for_the_user_alone(tmp_path: Path) -> None:
    previous = os.umask(0o002)  # a common default: group-writable folders
    try:
        update_index(tmp_path / "data" / "index", [str(SAMPLES)])
    finally:
        os.umask(previous)
    assert (tmp_path / "data" / "index").stat().st_mode & 0o777 == 0o700
    proc = run_dex(tmp_path / "data", "search", "--json", "nhs", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
