"""Notes from the list and reader, more like this, and the theme kept between runs."""

from __future__ import annotations

import json

from indexer.bookmarks.store import BookmarkStore
from tui import locations
from tui.screens.note_editor import NoteEditorScreen
from tui.settings import Settings
from tui.widgets.bookmarks_pane import BookmarksPane
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_view import StoryView


def _saved(story_id: str):
    with BookmarkStore(locations.bookmarks_db()) as store:
        return store.get(story_id)


async def test_e_on_a_story_not_bookmarked_saves_note_tags_and_bookmark(
    make_app, ready, wait_for, to_stories
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        story_id = (await to_stories(pilot)).highlighted_id
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        await pilot.press(*"why it matters", "tab", *"finance, ics", "ctrl+s")
        pane = screen.query_one(BookmarksPane)
        await wait_for(pilot, lambda: [b.story_id for b in pane.bookmarks] == [story_id])
        saved = _saved(story_id)
        assert saved is not None
        assert (saved.note, saved.tags) == ("why it matters", ("finance", "ics"))


async def test_cancelling_a_note_on_a_story_not_bookmarked_writes_nothing(
    make_app, ready, wait_for, to_stories
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        story_id = (await to_stories(pilot)).highlighted_id
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        await pilot.press(*"never mind", "escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.pause(0.2)
        assert _saved(story_id) is None


async def test_e_in_the_reader_edits_the_existing_note(
    make_app, ready, wait_for, to_stories
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        reader = screen.query_one(StoryView)
        await to_stories(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.focused is reader and reader.story_id is not None)
        story_id = reader.story_id
        await pilot.press("b")
        await wait_for(pilot, lambda: reader.marked)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        await pilot.press(*"read later", "ctrl+s")
        await wait_for(
            pilot, lambda: (s := _saved(story_id)) is not None and s.note == "read later"
        )


async def test_more_like_this_lists_similar_stories(make_app, ready, wait_for, to_stories) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        story_list = await to_stories(pilot)
        first = story_list.highlighted_id
        await pilot.press("L")
        await wait_for(pilot, lambda: screen.search.similar_to is not None)
        ids = [hit.id for hit in story_list.hits]
        assert ids and first not in ids
        status = screen.query_one(SearchBar).query_one("#search-status").content
        assert f"like “{screen.search.similar_to}”" in str(status)
        await pilot.press("A")  # bulk bookmarking is for a query's results, not these
        await pilot.pause(0.2)
        assert not screen.query_one(BookmarksPane).bookmarks
        await pilot.press("slash", *"deficit")  # typing searches again
        await wait_for(pilot, lambda: screen.search.similar_to is None)


async def test_the_theme_is_kept_for_the_next_run(make_app, ready, wait_for, to_stories) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await to_stories(pilot)
        assert app.current_theme.dark
        await pilot.press("t")
        path = locations.settings_file()
        await wait_for(pilot, lambda: path.is_file())
        await wait_for(pilot, lambda: Settings.load(path).theme == "textual-light")
    again = make_app()
    async with again.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert not again.current_theme.dark


def test_a_broken_settings_file_means_defaults() -> None:
    path = locations.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert Settings.load(path) == Settings()
    path.write_text(json.dumps({"theme": 3}), encoding="utf-8")
    assert Settings.load(path) == Settings()


async def test_an_unknown_saved_theme_falls_back_to_dark(make_app, ready) -> None:
    Settings(theme="no-such-theme").save(locations.settings_file())
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert app.current_theme.dark


async def test_a_date_taken_from_the_file_is_flagged(make_app, ready, wait_for) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        reader = screen.query_one(StoryView)
        await pilot.press("enter")
        await wait_for(pilot, lambda: reader.loaded is not None)
        head = reader.query_one("#reader-head").content.plain
        # the seed digests name no date, so the fixture's file time stands in, and says so
        assert reader.loaded.story.date_from == "mtime"
        assert "15 Mar 2024 (file date)" in head


async def test_damage_found_at_start_is_repaired_and_said(
    make_app, ready, wait_for, index_dir
) -> None:
    toc = next(index_dir.glob("_dex_*.toc"))
    toc.write_bytes(toc.read_bytes()[: toc.stat().st_size // 2])
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)

        def told() -> bool:
            return any(n.title == "Index repaired" for n in app._notifications)

        await wait_for(pilot, told, timeout=30)
        note = next(n for n in app._notifications if n.title == "Index repaired")
        assert str(index_dir) in note.message and "rebuilding" in note.message
