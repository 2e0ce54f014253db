"""Hostile story text in the app's panes (story list, reader, bookmarks, entity pane): markup
shown as typed, escape sequences visible and never sent to the terminal."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from indexer.bookmarks.store import Bookmark, BookmarkStore
from indexer.index.store import update_index
from indexer.search.searcher import open_index
from tests.reliability import hostile
from tests.reliability.helpers import record
from tui import locations

ESCAPED_NAME = f"2024-03-15-name-{hostile.ESC}]0;evil{hostile.ESC}\\.txt"


def _screen_text(app) -> str:
    """What the terminal would be sent, as text: every cell of the composed screen."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def _wait(pilot, check, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the app did not reach the expected state"
        await pilot.pause(0.05)


async def test_panes_show_hostile_text_literally(data_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "digests"
    hostile.write_corpus(corpus)
    (corpus / ESCAPED_NAME).write_text(
        "Digest\n\nAmbulance alarm story\n\nThe trust said the alarm was fixed.\n", "utf-8"
    )
    update_index(locations.index_dir(), [str(corpus)])
    index = open_index(locations.index_dir())
    try:
        stories = [index.story(hit.id) for hit in index.search("alarm", limit=10).hits]
        hidden = [index.story(hit.id) for hit in index.search(hostile.HIDDEN_WORD).hits]
    finally:
        index.close()
    assert len(hidden) == 2
    with BookmarkStore(locations.bookmarks_db()) as store:
        for story in stories:
            mark = Bookmark.from_story(story, note=f"{hostile.ESCAPES[1]}[bold]note[/]",
                                       tags=("[red]tag[/]",),
                                       created=dt.datetime(2024, 3, 15, tzinfo=dt.UTC))  # fmt: skip
            store.merge([mark])
        for story in hidden:
            note = f"{hostile.RLO}etoN{hostile.PDF} hidden{hostile.ZERO_WIDTH[0]}note"
            tag = f"tag{hostile.ZERO_WIDTH[1]}{hostile.LRI}x{hostile.PDI}"
            mark = Bookmark.from_story(story, note=note, tags=(tag,),
                                       created=dt.datetime(2024, 3, 16, tzinfo=dt.UTC))  # fmt: skip
            store.merge([mark])
    from tui.app import DexApp
    from tui.widgets.search_bar import SearchBar
    from tui.widgets.story_list import StoryList
    from tui.widgets.story_view import StoryView

    app = DexApp(show_timings=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await _wait(
            pilot, lambda: app.screen.query(StoryList) and app.screen.query_one(StoryList).hits
        )
        screen = app.screen

        async def screens(query: str, count: int) -> list[str]:
            """The screen with each story the query finds open in the reader."""
            screen.query_one(SearchBar).set_query(query)
            story_list = screen.query_one(StoryList)
            await _wait(pilot, lambda: len(story_list.hits) == count)
            seen = []
            for row in range(count):
                story_list.focus()
                story_list.highlighted = row
                await pilot.press("enter")
                reader = screen.query_one(StoryView)
                await _wait(pilot, lambda r=reader: r.story_id == story_list.highlighted_id)
                await pilot.pause(0.2)
                seen.append(_screen_text(app))
            return seen

        seen = await screens("alarm", len(stories))
        for row, text in enumerate(seen):
            hostile.assert_literal(text, f"app screen, story {row}")
        shown = "\n".join(seen)
        assert "[bold]x[/]" in shown  # markup as typed
        assert "␛[31mred␛[0m" in shown  # the escape visible, not obeyed
        for row, text in enumerate(await screens(hostile.HIDDEN_WORD, len(hidden))):
            hostile.assert_shown(text, f"app screen, hidden story {row}")  # bidi, zero-width
        await pilot.press("m")  # the bookmarks pane, with the hostile notes and tags
        await _wait(pilot, lambda: "[bold]note[/]" in _screen_text(app))
        hostile.assert_shown(_screen_text(app), "bookmarks pane")
        assert "\ufffdetoN\ufffd" in _screen_text(app)
    record("app panes checked", 3)
