"""Snapshots of the main screens (pytest-textual-snapshot; update with --snapshot-update).

Deterministic by construction: a fixed index (fixed file dates, relative sources), fixed sizes,
no timings, no toasts, and the focus away from text inputs (no blinking cursor).
"""

from __future__ import annotations

from pathlib import Path

from indexer.bookmarks.store import BookmarkStore
from tui import locations
from tui.widgets.bookmarks_pane import BookmarksPane
from tui.widgets.entity_pane import EntityPane
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import StoryList
from tui.widgets.story_view import StoryView


async def _settle(pilot, wait_for, query: str | None = None, *, open_story: bool = False) -> None:
    """Run a search (if given), optionally open the first story, and wait for every pane."""
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.query_one(StoryList).hits)
    screen.query_one("#search-input").cursor_blink = False
    if query is not None:
        screen.query_one(SearchBar).set_query(query)
        await wait_for(pilot, lambda: screen.query_one(StoryList).shown_query == query)
    story_list = screen.query_one(StoryList)
    story_list.focus()
    reader = screen.query_one(StoryView)
    pane = screen.query_one(EntityPane)
    await wait_for(pilot, lambda: reader.story_id == story_list.highlighted_id)
    if open_story:
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.focused is reader)
    await wait_for(
        pilot, lambda: pane.story is not None and (pane.counts or not pane.story.entities)
    )
    if screen.has_class("-wide"):  # facets arrive after a short delay
        shown = screen.query_one(StoryList).shown_query
        await wait_for(pilot, lambda: pane.facets_query == shown)
    await pilot.pause(0.1)


class TestMainView:
    def test_search_results(self, snap_compare, make_app, wait_for) -> None:
        async def run_before(pilot) -> None:
            await _settle(pilot, wait_for, "strike")

        assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)

    def test_narrow_80x24(self, snap_compare, make_app, wait_for) -> None:
        async def run_before(pilot) -> None:
            await _settle(pilot, wait_for, "nhs england")

        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


class TestReader:
    def test_story_with_entities(self, snap_compare, make_app, wait_for) -> None:
        async def run_before(pilot) -> None:
            await _settle(pilot, wait_for, "beds", open_story=True)

        assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)

    def test_light_theme(self, snap_compare, make_app, wait_for) -> None:
        async def run_before(pilot) -> None:
            await _settle(pilot, wait_for, "beds", open_story=True)
            await pilot.press("2")  # people hidden: the legend shows it

        app = make_app(theme="textual-light")
        assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


class TestBookmarks:
    def test_pane_with_notes_and_tags(self, snap_compare, make_app, wait_for, index_dir) -> None:
        from indexer.search.searcher import open_index

        index = open_index(index_dir)
        stories = [index.story(hit.id) for hit in index.search("strike", limit=2).hits]
        index.close()
        with BookmarkStore(locations.bookmarks_db()) as store:
            for number, story in enumerate(stories):
                store.add(story, note="Ask the press office [urgent]" if number == 0 else "")
                store.update(story.id, tags=["strikes", "bma"][: number + 1])

        async def run_before(pilot) -> None:
            await _settle(pilot, wait_for)
            pane = pilot.app.screen.query_one(BookmarksPane)
            await wait_for(pilot, lambda: len(pane.bookmarks) == 2)
            await pilot.press("m")
            await wait_for(pilot, lambda: pilot.app.focused is pane)
            await pilot.pause(0.2)

        assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)


class TestHelp:
    # a fixed key map path: the real one is below this test's tmp_path
    def test_help_screen(self, snap_compare, make_app, wait_for) -> None:
        async def run_before(pilot) -> None:
            await _settle(pilot, wait_for)
            await pilot.press("question_mark")
            await pilot.pause(0.2)

        app = make_app(keymap_path=Path("/home/you/.config/digest-explorer/keymap.toml"))
        assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)
