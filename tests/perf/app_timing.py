"""Times the Textual app headless: start to first painted story list, keystroke to results.

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


def story_list(app: Any) -> Any | None:
    found = app.screen.query("#story-list")
    return found.first() if found else None


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
    from textual import events

    started = time.perf_counter()
    module = importlib.import_module("tui.app")
    import_s = time.perf_counter() - started
    app = find_app(module)()
    searches = _Searches()
    keystrokes: list[float] = []
    per_key: list[tuple[str, float]] = []
    async with app.run_test(size=(120, 36), message_hook=searches) as pilot:
        await _until(lambda: _rows(app) > 0)
        first_paint_s = time.perf_counter() - started
        box = search_input(app)
        box.focus()
        await pilot.pause()
        for key in TYPED:
            searches.answers.clear()  # only an answer to this keystroke counts
            before = box.value
            pressed = time.perf_counter()
            # What a terminal driver does with a key: post it to the app (no Pilot idle waits).
            app.post_message(events.Key("space" if key == " " else key, key))
            await _until(partial(_differs, box, before))
            query = box.value
            await _until(partial(searches.shown, app, query))
            keystrokes.append((time.perf_counter() - pressed) * 1000)
            per_key.append((query, round(keystrokes[-1], 1)))
        rows = _rows(app)
    return {
        "import_s": round(import_s, 3),
        "first_paint_s": round(first_paint_s, 3),
        "keystrokes": len(keystrokes),
        "keystroke_p50_ms": round(percentile(keystrokes, 50), 1),
        "keystroke_p95_ms": round(percentile(keystrokes, 95), 1),
        "keystroke_max_ms": round(max(keystrokes), 1),
        "typed": TYPED,
        "rows_after_typing": rows,
        "per_keystroke_ms": per_key,
    }
