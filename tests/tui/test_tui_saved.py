"""Saved searches in the app: save the query under a name (key and palette), see each with its
counts in the side pane, choose one to run it, forget one."""

from __future__ import annotations

from indexer.bookmarks.store import BookmarkStore
from tui import locations
from tui.screens.save_search import SaveSearchScreen
from tui.widgets.saved_pane import SavedPane
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import StoryList


async def test_save_the_query_then_run_it_from_the_pane(make_app, ready, wait_for) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        bar, stories = screen.query_one(SearchBar), screen.query_one(StoryList)
        pane = screen.query_one(SavedPane)
        await wait_for(pilot, lambda: pane.border_title == "Saved searches  0")
        bar.set_query("strike")
        await wait_for(pilot, lambda: stories.shown_query == "strike")
        total = app.screen.search.result_total
        stories.focus()
        await pilot.press("S")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveSearchScreen))
        await pilot.press(*"strikes", "enter")
        await wait_for(pilot, lambda: [s.name for s in pane.saved] == ["strikes"])
        assert pane.saved[0].query == "strike" and pane.saved[0].total == total
        with BookmarkStore(locations.bookmarks_db()) as store:
            assert [(s.name, s.query) for s in store.saved.list()] == [("strikes", "strike")]

        bar.set_query("")
        await wait_for(pilot, lambda: stories.shown_query == "")
        await pilot.press("v")
        await wait_for(pilot, lambda: screen.focused is pane)
        await pilot.press("enter")
        await wait_for(pilot, lambda: bar.value == "strike" and stories.shown_query == "strike")

        await pilot.press("v", "d")
        await wait_for(pilot, lambda: not pane.saved)


async def test_nothing_to_save_without_a_query(make_app, ready, wait_for) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        screen.query_one(StoryList).focus()
        await pilot.press("S")
        await pilot.pause()
        assert not isinstance(app.screen, SaveSearchScreen)
        assert any("nothing to save" in n.message for n in app._notifications)


async def test_the_palette_offers_save_search(make_app, ready) -> None:
    from tui.commands import commands

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        assert "Save search" in [name for name, _keys, _run in commands(screen)]
