"""New since the last visit: marked in the list, counted on the status line, `w` keeps only
them, and opening a story marks it read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from indexer.bookmarks.read_state import ReadState
from indexer.search.searcher import open_index
from tui import locations
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import NEW_MARK, StoryList
from tui.widgets.story_view import StoryView


def _status(screen) -> str:
    return str(screen.query_one("#search-status").visual)


def _row(stories: StoryList, story_id: str) -> str:
    return str(stories.get_option(story_id).prompt)


def _arrived(index_dir: Path, count: int) -> list[str]:
    """`count` stories arrived after the last visit's last look (as a `dex index` notes them)."""
    index = open_index(index_dir)
    try:
        ids = [hit.id for hit in index.search("", limit=count + 2).hits[2:]]
    finally:
        index.close()
    now = dt.datetime.now(dt.UTC)
    with ReadState(locations.read_state_db()) as state:
        state.begin_visit(now - dt.timedelta(hours=2))
        state.looked(now - dt.timedelta(hours=1))
        state.note_arrivals(ids, now - dt.timedelta(minutes=5))
    return ids


async def test_new_stories_are_marked_counted_filtered_and_read(
    make_app, ready, wait_for, to_stories, index_dir
) -> None:
    new = _arrived(index_dir, 2)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        stories = screen.query_one(StoryList)
        await wait_for(pilot, lambda: "2 new" in _status(screen))
        assert {h.id for h in stories.hits if NEW_MARK in _row(stories, h.id)[:2]} == set(new)

        await to_stories(pilot)
        await pilot.press("i")
        bar = screen.query_one(SearchBar)
        assert bar.value == "new:yes"
        await wait_for(pilot, lambda: {h.id for h in stories.hits} == set(new))

        stories.focus()
        await pilot.press("home", "enter")
        opened = stories.hits[0].id
        await wait_for(pilot, lambda: screen.query_one(StoryView).story_id == opened)
        await wait_for(pilot, lambda: "1 new" in _status(screen))
        assert NEW_MARK not in _row(stories, opened)[:2]

        await pilot.press("escape", "i")
        assert bar.value == ""
        await wait_for(pilot, lambda: len(stories.hits) > 2)
    with ReadState(locations.read_state_db()) as state:
        assert state.new_ids(unread=True) == set(new) - {opened}


async def test_nothing_is_new_on_the_first_visit(make_app, ready, wait_for) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        stories = screen.query_one(StoryList)
        assert not any(NEW_MARK in _row(stories, h.id)[:2] for h in stories.hits)
        assert " new" not in _status(screen)
