"""The index, served from a child process of the app (`python -m tui.index_server`).

Why a process: loading Whoosh and numpy and opening the index took about a third of a second
of the app's start, taking turns with Textual for the one interpreter lock; in a child they
load on the other core while the UI starts, and searches run beside the UI's drawing instead
of between its frames. The child holds nothing the app cannot rebuild.

Protocol, over the child's stdin and stdout: frames of an 8-byte big-endian length and a
pickle. A request is (call id, lane, method, args, kwargs); the answer is (call id, ok, value
or exception). Two lanes of one thread each, so what the user waits for ("fast") never
queues behind facets or bulk work ("slow"). No Textual here.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

_LENGTH = struct.Struct(">Q")
FIRST_PAGE = 20  # stories the list shows first, and asks for more by


def write_frame(stream: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """The next value, or EOFError when the other side has gone."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


class Served:
    """What a request may call: `open`, then the open Index's own methods."""

    def __init__(self) -> None:
        self.index: Any = None
        self.index_dir: Path | None = None

    def open(self, index_dir: str) -> tuple[bool, int, list[str], str | None]:
        """Open (or first build from the samples) the index and make its first page, so the
        list's first search finds it cached; (built the sample index, stories, a line for
        each problem met on the way, such as damage found and repaired, and one if the index
        is incomplete)."""
        from indexer.index.store import ensure_index
        from indexer.records import Problem
        from indexer.search.searcher import open_index

        problems: list[Problem] = []
        self.index_dir = Path(index_dir)
        built = ensure_index(self.index_dir, on_problem=problems.append)
        self.index = open_index(self.index_dir, check_files=False)  # ensure_index did
        stories = int(self.index.doc_count())
        self.index.search("", limit=FIRST_PAGE)
        self.index.refresh()  # the baseline later calls compare with
        return built, stories, [str(problem) for problem in problems], self.incomplete()

    def incomplete(self) -> str | None:
        """Why the index lacks what was asked of it (a `dex index` run stopped), if it does."""
        from indexer.index.store import incomplete

        return incomplete(self.index_dir) if self.index_dir is not None else None

    def call(self, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if method == "open":
            return self.open(*args, **kwargs)
        if method == "incomplete":
            return self.incomplete()
        if method == "generation":
            from indexer.index.changes import index_generation

            return index_generation(self.index_dir) if self.index_dir is not None else 0
        if self.index is None:
            raise RuntimeError("the index is not open")
        return getattr(self.index, method)(*args, **kwargs)


def serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """Answer requests until the app closes the pipe."""
    served = Served()
    lock = threading.Lock()
    lanes = {
        name: ThreadPoolExecutor(1, thread_name_prefix=f"dex-{name}") for name in ("fast", "slow")
    }

    def answer(call_id: int, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        try:
            reply: tuple[Any, ...] = (call_id, True, served.call(method, args, kwargs))
        except BaseException as exc:  # every failure goes back to the caller, as it is
            reply = (call_id, False, exc)
        with lock:
            try:
                write_frame(answers, reply)
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                write_frame(answers, (call_id, False, RuntimeError(f"{type(exc).__name__}: {exc}")))

    while True:
        try:
            call_id, lane, method, args, kwargs = read_frame(requests)
        except EOFError:
            break
        lanes[lane].submit(answer, call_id, method, args, kwargs)
    for pool in lanes.values():
        pool.shutdown(wait=False, cancel_futures=True)
    if served.index is not None:
        served.index.close()


def main() -> None:
    # Answers go to the real stdout; anything else printed there would corrupt them.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    requests = sys.stdin.buffer
    import indexer.index.store  # noqa: F401  (load the index code now, while the app starts)

    serve(requests, answers)


if __name__ == "__main__":
    main()
