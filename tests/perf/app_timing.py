"""Times the Textual app headless: start to first painted story list, keystroke to results.

Wall times are the goals; the process CPU time spent over the same spans (every thread) is
reported beside them, as it moves much less when other work shares the machine.

Why a separate hook: the app is written by another helper; everything this module assumes
about it is in `find_app`, `story_list` and `search_input` (DexApp in tui/app.py, an OptionList
`#story-list` whose `hits` are the shown results, an Input `#search-input`, and a SearchDone /
SearchFailed message per search). When tui/app.py is missing the phase is skipped with a note.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from tests.perf.querymix import percentile

APP_FILE = Path(__file__).resolve().parents[2] / "tui" / "app.py"
# Typed one key at a time into the search box; every prefix is a different query.
TYPED = "junior doctors strike in london"
TIMEOUT_S = 30.0


def find_app(module: Any) -> type:
    """The App subclass in tui.app: DexApp if it exists, else the only App subclass."""
    from textual.app import App

    named = getattr(module, "DexApp", None)
    if isinstance(named, type) and issubclass(named, App):
        return named
    found = [
        v
        for v in vars(module).values()
        if isinstance(v, type) and issubclass(v, App) and v is not App
    ]
    if len(found) != 1:
        raise LookupError(f"tui.app: expected one App subclass, found {len(found)}")
    return found[0]


def _start_like_dex() -> Any:
    """The app as `dex` makes it: through tui.launch (index process first, then Textual) when
    that exists, else by importing tui.app."""
    try:
        launch = importlib.import_module("tui.launch")
    except ImportError:
        return find_app(importlib.import_module("tui.app"))()
    return launch.explorer()


def story_list(app: Any) -> Any | None:
    """The story list, looked up once per screen: a DOM query every millisecond of polling
    would take CPU from the app being measured."""
    cached = _LISTS.get(id(app))
    if cached is not None and cached[0] is app.screen:
        return cached[1]
    found = app.screen.query("#story-list")
    widget = found.first() if found else None
    if widget is not None:
        _LISTS[id(app)] = (app.screen, widget)
    return widget


_LISTS: dict[int, tuple[Any, Any]] = {}


def search_input(app: Any) -> Any:
    from textual.widgets import Input

    found = app.screen.query("#search-input")
    return found.first() if found else app.screen.query(Input).first()


def _differs(box: Any, before: str) -> bool:
    return bool(box.value != before)


def _rows(app: Any) -> int:
    widget = story_list(app)
    return 0 if widget is None else int(widget.option_count)


async def _until(check: Callable[[], bool], timeout: float = TIMEOUT_S) -> None:
    """Poll every millisecond (Pilot's own waits sleep in 20 ms steps until the CPU idles)."""
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not update in time")
        await asyncio.sleep(0.001)


class _Searches:
    """Message hook: the latest finished search per query text (result hits, or None if failed)."""

    def __init__(self) -> None:
        self.answers: dict[str, Any] = {}

    def __call__(self, message: Any) -> None:
        name = type(message).__name__
        if name == "SearchDone":
            self.answers[message.result.query.strip()] = message.result.hits
        elif name == "SearchFailed":
            self.answers[message.query.strip()] = None

    def shown(self, app: Any, query: str) -> bool:
        """True once the list shows the answer to `query` (or the bar its error)."""
        query = query.strip()
        if query not in self.answers:
            return False
        hits = self.answers[query]
        return hits is None or getattr(story_list(app), "hits", None) is hits


async def measure_app(data_dir: Path) -> dict[str, Any]:
    """Start the app on data_dir's index, wait for the first story list, then type TYPED."""
    if not APP_FILE.exists():
        return {"skipped": "tui/app.py missing: app timings not measured yet"}
    saved = os.environ.get("DEX_DATA_DIR")
    os.environ["DEX_DATA_DIR"] = str(data_dir)  # the app finds its index through tui.locations
    try:
        return await _run_app()
    finally:
        if saved is None:
            os.environ.pop("DEX_DATA_DIR", None)
        else:
            os.environ["DEX_DATA_DIR"] = saved


async def _run_app() -> dict[str, Any]:
    started = time.perf_counter()  # before Textual is imported: `dex` pays for that too
    cpu_started = time.process_time()  # this process's threads (the index process is apart)
    app = _start_like_dex()
    import_s = time.perf_counter() - started
    from textual import events

    searches = _Searches()
    keystrokes: list[float] = []
    keystroke_cpu: list[float] = []
    per_key: list[tuple[str, float]] = []
    async with app.run_test(size=(120, 36), message_hook=searches) as pilot:
        await _until(lambda: _rows(app) > 0)
        first_paint_s = time.perf_counter() - started
        first_paint_cpu_s = time.process_time() - cpu_started
        box = search_input(app)
        box.focus()
        await pilot.pause()
        for key in TYPED:
            searches.answers.clear()  # only an answer to this keystroke counts
            before = box.value
            pressed, cpu_pressed = time.perf_counter(), time.process_time()
            # What a terminal driver does with a key: post it to the app (no Pilot idle waits).
            app.post_message(events.Key("space" if key == " " else key, key))
            await _until(partial(_differs, box, before))
            query = box.value
            await _until(partial(searches.shown, app, query))
            keystrokes.append((time.perf_counter() - pressed) * 1000)
            keystroke_cpu.append((time.process_time() - cpu_pressed) * 1000)
            per_key.append((query, round(keystrokes[-1], 1)))
        rows = _rows(app)
    return {
        "import_s": round(import_s, 3),
        "first_paint_s": round(first_paint_s, 3),
        "first_paint_cpu_s": round(first_paint_cpu_s, 3),
        "keystrokes": len(keystrokes),
        "keystroke_p50_ms": round(percentile(keystrokes, 50), 1),
        "keystroke_p95_ms": round(percentile(keystrokes, 95), 1),
        "keystroke_max_ms": round(max(keystrokes), 1),
        "keystroke_cpu_p50_ms": round(percentile(keystroke_cpu, 50), 1),
        "keystroke_cpu_p95_ms": round(percentile(keystroke_cpu, 95), 1),
        "typed": TYPED,
        "rows_after_typing": rows,
        "per_keystroke_ms": per_key,
    }
