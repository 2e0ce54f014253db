"""A worker process ends with dex: also when dex is killed before the worker could ask the
kernel to end it (the kill -9 race of tests/reliability/test_crash_index.py, made certain)."""

from __future__ import annotations

import sys

import pytest

from indexer.index import workers


class Exited(Exception):
    pass


def _exit(code: int) -> None:
    raise Exited(code)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize(
    ("parents", "ends"),
    [
        ([4242, 4242], False),  # dex lives: the worker works
        ([4242, 1], True),  # dex died while the worker started: re-parented to init
        ([4242, 7], True),  # ... or to a subreaper
        ([1], True),  # dex was gone before the worker looked
    ],
)
def test_a_worker_whose_parent_died_while_it_started_ends(
    monkeypatch: pytest.MonkeyPatch, parents: list[int], ends: bool
) -> None:
    asked = iter(parents)
    monkeypatch.setattr(workers.os, "getppid", lambda: next(asked))
    monkeypatch.setattr(workers.os, "_exit", _exit)
    calls: list[tuple[int, int]] = []

    class Libc:
        def prctl(self, option: int, sig: int) -> int:
            calls.append((option, sig))
            return 0

    monkeypatch.setattr("ctypes.CDLL", lambda _name: Libc())
    if ends:
        with pytest.raises(Exited):
            workers._die_with_parent()
    else:
        workers._die_with_parent()
        assert calls and calls[0][0] == 1  # PR_SET_PDEATHSIG asked for
