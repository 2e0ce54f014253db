"""Render SVG screenshots of the real app on the bundled sample digests into screenshots/.

    .venv/bin/python tools/screenshots.py [--out screenshots] [--size 140x40]

Each shot starts the app in a fresh temporary data folder (never your own index or bookmarks),
drives it with the same keys a user would press, waits for the panes to fill, and saves an SVG.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

Steps = Callable[[Any], Awaitable[None]]


async def until(pilot: Any, check: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not reach the state to photograph")
        await pilot.pause(0.05)


async def settle(pilot: Any) -> None:
    """Wait for results, the reader and the entity pane (and facets) to be filled."""
    from tui.widgets.entity_pane import EntityPane
    from tui.widgets.story_list import StoryList
    from tui.widgets.story_view import StoryView

    screen = pilot.app.screen
    await until(pilot, lambda: screen.query(StoryList) and screen.query_one(StoryList).hits)
    story_list, reader = screen.query_one(StoryList), screen.query_one(StoryView)
    pane = screen.query_one(EntityPane)
    await until(pilot, lambda: reader.story_id is not None and pane.story is not None)
    await until(
        pilot, lambda: pane.facets_query == story_list.shown_query or not screen.has_class("-wide")
    )
    await pilot.pause(0.3)


async def search(pilot: Any, query: str) -> None:
    """Type `query` (the app opens in the search box; elsewhere / goes there), Enter."""
    from tui.widgets.search_bar import SearchBar
    from tui.widgets.story_list import StoryList

    if pilot.app.focused is not pilot.app.screen.query_one(SearchBar).input:
        await pilot.press("slash")
    await pilot.press(*query, "enter")
    await until(pilot, lambda: pilot.app.screen.query_one(StoryList).shown_query == query)
    await settle(pilot)


async def main_view(pilot: Any) -> None:
    await search(pilot, "strike")


async def reader(pilot: Any) -> None:
    await search(pilot, "junior doctors")
    await pilot.press("enter")
    await settle(pilot)


async def bookmarks(pilot: Any) -> None:
    from tui.widgets.bookmarks_pane import BookmarksPane

    await search(pilot, "ambulance")
    await pilot.press("b", "j", "b")
    pane = pilot.app.screen.query_one(BookmarksPane)
    await until(pilot, lambda: len(pane.bookmarks) == 2)
    await pilot.press("m")
    await until(pilot, lambda: pilot.app.focused is pane)
    await pilot.press("e")
    await until(pilot, lambda: pilot.app.screen.query("#note-text"))
    await pilot.press(*"Ask the trust for its handover figures", "tab", *"ambulance, winter")
    await pilot.press("ctrl+s")
    await until(pilot, lambda: any(b.tags for b in pane.bookmarks))
    await pilot.pause(6)  # let the toasts fade


async def help_screen(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("escape", "question_mark")  # from the search box to the stories, ?
    await pilot.pause(0.3)


async def narrow(pilot: Any) -> None:
    await search(pilot, "nhs")


async def timeline(pilot: Any) -> None:
    """A query's months, narrowed to one by its bar."""
    from tui.widgets.story_list import StoryList
    from tui.widgets.timeline_chart import TimelineChart

    await search(pilot, "deficit")
    chart = pilot.app.screen.query_one(TimelineChart)
    await until(pilot, lambda: chart.timeline is not None and chart.timeline.query == "deficit")
    await pilot.press("w", "left", "enter")
    narrowed = chart.narrowed_query(chart.cursor)
    await until(pilot, lambda: pilot.app.screen.query_one(StoryList).shown_query == narrowed)
    await settle(pilot)


async def trends(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("escape", "T")
    await until(pilot, lambda: getattr(pilot.app.screen, "trends", None) is not None)
    await pilot.pause(0.3)


async def entity_over_time(pilot: Any) -> None:
    from tui.widgets.entity_pane import EntityPane
    from tui.widgets.timeline_chart import TimelineChart

    await search(pilot, 'org:"NHS England"')
    pane = pilot.app.screen.query_one(EntityPane)
    await pilot.press("E")
    await until(pilot, lambda: pane.story is not None and pane.counts)
    await pilot.press("o")
    await until(pilot, lambda: pilot.app.screen.query(TimelineChart))
    chart = pilot.app.screen.query_one(TimelineChart)
    await until(pilot, lambda: chart.timeline is not None)
    await pilot.pause(0.5)


SHOTS: dict[str, tuple[Steps, tuple[int, int], str]] = {
    "main-search": (main_view, (140, 40), "textual-dark"),
    "reader-entities": (reader, (140, 40), "textual-dark"),
    "bookmarks": (bookmarks, (140, 40), "textual-dark"),
    "help": (help_screen, (140, 40), "textual-dark"),
    "reader-light": (reader, (140, 40), "textual-light"),
    "narrow-80x24": (narrow, (80, 24), "textual-dark"),
    "timeline": (timeline, (140, 40), "textual-dark"),
    "trends": (trends, (140, 40), "textual-dark"),
    "entity-over-time": (entity_over_time, (140, 40), "textual-dark"),
}


async def shoot(name: str, steps: Steps, size: tuple[int, int], theme: str, out: Path) -> Path:
    from tui import locations
    from tui.app import DexApp

    # A fixed folder, emptied first: the help screen shows the data path, and a random one
    # made help.svg differ on every run.
    folder = Path(tempfile.gettempdir()) / "dex-screenshots" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ[locations.ENV_VAR] = str(folder)
    locations.set_data_dir(None)
    app = DexApp(theme=theme, show_timings=False)
    async with app.run_test(size=size) as pilot:
        await steps(pilot)
        path = app.save_screenshot(filename=f"{name}.svg", path=str(out))
    shutil.rmtree(folder, ignore_errors=True)
    return Path(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--only", nargs="*", choices=sorted(SHOTS), help="Only these shots.")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.only or SHOTS:
        steps, size, theme = SHOTS[name]
        path = asyncio.run(shoot(name, steps, size, theme, args.out))
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {size[0]}x{size[1]}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
