"""Bookmarks in the app: toggle, pane, note and tags, delete and undo, export, bulk, damage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.bookmarks.store import BookmarkStore
from indexer.records import Story
from indexer.search.searcher import open_index
from tui import locations
from tui.screens.confirm import ConfirmScreen
from tui.screens.export_dialog import ExportScreen
from tui.screens.note_editor import NoteEditorScreen, split_tags
from tui.widgets.bookmarks_pane import BookmarksPane
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import MARK, StoryList
from tui.widgets.story_view import StoryView


@pytest.fixture
def index(index_dir: Path):
    opened = open_index(index_dir)
    yield opened
    opened.close()


def _saved_ids() -> set[str]:
    with BookmarkStore(locations.bookmarks_db()) as store:
        return store.ids()


def _row(story_list: StoryList, story_id: str) -> str:
    return str(story_list.get_option(story_id).prompt)


async def _bookmark_first(pilot, screen, wait_for) -> str:
    """`b` on the highlighted story of the list (which has the focus)."""
    story_list = screen.query_one(StoryList)
    assert pilot.app.focused is story_list
    pane = screen.query_one(BookmarksPane)
    story_id = story_list.highlighted_id
    await pilot.press("b")
    await wait_for(pilot, lambda: [b.story_id for b in pane.bookmarks] == [story_id])
    return story_id


async def test_b_toggles_the_bookmark_of_the_highlighted_story(
    make_app, ready, wait_for, to_stories
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        story_list = screen.query_one(StoryList)
        await to_stories(pilot)
        story_id = await _bookmark_first(pilot, screen, wait_for)
        assert _row(story_list, story_id).startswith(MARK)
        assert _saved_ids() == {story_id}
        await pilot.press("b")
        await wait_for(pilot, lambda: not _row(story_list, story_id).startswith(MARK))
        assert _saved_ids() == set()
        await pilot.press("u")  # undo puts it back
        await wait_for(pilot, lambda: _row(story_list, story_id).startswith(MARK))
        assert _saved_ids() == {story_id}


async def test_b_in_the_reader_and_the_pane_opens_bookmarks(
    make_app, ready, wait_for, to_stories, index
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        story_list = await to_stories(pilot)
        reader = screen.query_one(StoryView)
        await pilot.press("j", "enter")
        await wait_for(
            pilot, lambda: app.focused is reader and reader.story_id == story_list.highlighted_id
        )
        second = reader.story_id
        await pilot.press("b")
        await wait_for(pilot, lambda: reader.marked)
        assert reader.query_one("#reader-head").content.plain.startswith(MARK)
        assert _saved_ids() == {second}
        await pilot.press("escape", "k")  # back to the list, and another story there
        await wait_for(pilot, lambda: reader.story_id == story_list.highlighted_id != second)
        await pilot.press("m")
        pane = screen.query_one(BookmarksPane)
        await wait_for(pilot, lambda: app.focused is pane)
        await pilot.press("enter")
        await wait_for(pilot, lambda: reader.story_id == second and app.focused is reader)


async def test_note_and_tags_are_edited_in_a_dialog(make_app, ready, wait_for, to_stories) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await to_stories(pilot)
        story_id = await _bookmark_first(pilot, screen, wait_for)
        await pilot.press("m", "e")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        await pilot.press(*"[x] ok", "tab", *"a,b #c", "ctrl+s")
        pane = screen.query_one(BookmarksPane)
        await wait_for(pilot, lambda: pane.bookmarks and pane.bookmarks[0].note == "[x] ok")
        assert pane.bookmarks[0].tags == ("a", "b", "c")
        row = str(pane.get_option(story_id).prompt)
        assert "#c" in row and "[x] ok" in row
        with BookmarkStore(locations.bookmarks_db()) as store:
            saved = store.get(story_id)
        assert saved is not None and saved.note == "[x] ok"
        await pilot.press("e", "z", "escape")  # cancel keeps the saved note
        await pilot.pause()
        assert pane.bookmarks[0].note == "[x] ok"


def test_tags_typed_with_commas_or_spaces() -> None:
    assert split_tags(" nhs,beds  #winter ,, nhs") == ("nhs", "beds", "winter")


async def test_delete_in_the_pane_and_undo(make_app, ready, wait_for, to_stories) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await to_stories(pilot)
        story_id = await _bookmark_first(pilot, screen, wait_for)
        with BookmarkStore(locations.bookmarks_db()) as store:
            store.update(story_id, note="keep me", tags=["x"])
        pane = screen.query_one(BookmarksPane)
        await pilot.press("m", "d")
        await wait_for(pilot, lambda: not pane.bookmarks)
        assert _saved_ids() == set()
        assert any("undo" in n.message for n in app._notifications)
        await pilot.press("u")
        await wait_for(pilot, lambda: len(pane.bookmarks) == 1)
        assert (pane.bookmarks[0].note, pane.bookmarks[0].tags) == ("keep me", ("x",))


async def test_export_writes_the_chosen_format(
    make_app, ready, wait_for, to_stories, tmp_path: Path
) -> None:
    app = make_app()
    target = tmp_path / "out" / "marks.json"
    target.parent.mkdir()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await to_stories(pilot)
        story_id = await _bookmark_first(pilot, screen, wait_for)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        await pilot.press("down", "enter")  # second format: json
        assert dialog.fmt == "json"
        dialog.query_one("#export-path").value = str(target)
        dialog.query_one("#export-path").focus()
        await pilot.press("enter")
        await wait_for(pilot, target.exists)
        assert story_id in target.read_text()
        await wait_for(pilot, lambda: any(str(target) in n.message for n in app._notifications))


async def test_export_to_a_missing_folder_says_so(
    make_app, ready, wait_for, to_stories, tmp_path: Path
) -> None:
    app = make_app()
    target = tmp_path / "nowhere" / "marks.md"
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await to_stories(pilot)
        await _bookmark_first(pilot, screen, wait_for)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        app.screen.query_one("#export-path").value = str(target)
        app.screen.query_one("#export-path").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(n.severity == "error" for n in app._notifications))
        error = next(n for n in app._notifications if n.severity == "error")
        assert str(target) in error.message and "\n" not in error.message
        assert not target.exists()


async def test_bookmark_all_results_after_confirming(
    make_app, ready, wait_for, to_stories, index
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        screen.query_one(SearchBar).set_query("nhs")
        expected = {hit.id for hit in index.search("nhs", limit=1000).hits}
        assert len(expected) > 20  # more than one page: all results, not the rows shown
        await wait_for(pilot, lambda: screen.search.result_total == len(expected))
        await to_stories(pilot)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        assert _saved_ids() == set()
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        pane = screen.query_one(BookmarksPane)
        await wait_for(pilot, lambda: len(pane.bookmarks) == len(expected))
        assert _saved_ids() == expected


async def test_a_damaged_bookmarks_file_is_set_aside_and_bookmarking_goes_on(
    make_app, ready, wait_for, to_stories
) -> None:
    path = locations.bookmarks_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database at all\n" * 50)
    before = path.read_bytes()
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)

        def told() -> bool:
            return any(n.title == "Bookmarks file set aside" for n in app._notifications)

        await wait_for(pilot, told)
        kept = next(
            p for p in path.parent.glob("bookmarks.sqlite3.damaged-*") if p.name[-1].isdigit()
        )
        note = next(n for n in app._notifications if n.title == "Bookmarks file set aside")
        assert str(path) in note.message and str(kept) in note.message
        assert kept.read_bytes() == before
        await to_stories(pilot)
        story_id = await _bookmark_first(pilot, screen, wait_for)
    assert _saved_ids() == {story_id}


async def test_a_locked_out_bookmarks_file_turns_bookmarks_off_and_is_left_alone(
    make_app, ready, wait_for, to_stories, monkeypatch
) -> None:
    from indexer.bookmarks import store as bookmarks

    def refuse(self, *args, **kwargs):
        raise bookmarks.BookmarkStoreError(f"bookmarks {locations.bookmarks_db()}: busy")

    monkeypatch.setattr(bookmarks.BookmarkStore, "__init__", refuse)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        pane = screen.query_one(BookmarksPane)
        await wait_for(pilot, lambda: pane.problem is not None)
        assert "busy" in pane.problem and "\n" not in pane.problem
        await to_stories(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert any(n.severity == "warning" for n in app._notifications)
        assert screen.query_one(StoryList).hits  # searching still works
    assert not list(locations.bookmarks_db().parent.glob("*.damaged-*"))


async def test_a_bookmark_whose_story_left_the_index_opens_from_its_snapshot(
    make_app, ready, wait_for, to_stories
) -> None:
    gone = Story(
        id="0000gone0000",
        source="old/digest.txt",
        digest_title="An old digest",
        date=dt.date(2020, 1, 2),
        date_from="header",
        position=0,
        headline="A story no longer indexed",
        title="A story no longer indexed",
        body="Its text survives in the bookmark [b]only[/b].",
    )
    with BookmarkStore(locations.bookmarks_db()) as store:
        store.add(gone, note="from last year")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        pane = screen.query_one(BookmarksPane)
        await wait_for(pilot, lambda: pane.bookmarks)
        await to_stories(pilot)
        await pilot.press("m", "enter")
        reader = screen.query_one(StoryView)
        await wait_for(pilot, lambda: reader.story_id == gone.id)
        assert "no longer in the index" in reader.query_one("#reader-head").content.plain
        assert gone.body in reader.query_one("#reader-text").visual.plain


async def test_bookmarks_added_by_another_dex_appear(
    make_app, ready, wait_for, index, monkeypatch
) -> None:
    import tui.controllers.watching

    monkeypatch.setattr(tui.controllers.watching, "CHANGES_EVERY_S", 0.1)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        pane = screen.query_one(BookmarksPane)
        await wait_for(pilot, lambda: pane.border_title == "Bookmarks  0")
        story = index.story(screen.query_one(StoryList).hits[2].id)
        with BookmarkStore(locations.bookmarks_db()) as other:  # as `dex bookmarks add` would
            other.add(story, note="added elsewhere")
        await wait_for(pilot, lambda: [b.story_id for b in pane.bookmarks] == [story.id])
        assert _row(screen.query_one(StoryList), story.id).startswith(MARK)


def test_the_export_dialog_offers_every_export_format() -> None:
    from indexer.bookmarks import export
    from tui.screens import export_dialog

    assert export_dialog.FORMATS == export.FORMATS
    assert export_dialog.EXTENSIONS == export.EXTENSIONS


async def test_the_first_backup_is_made_once_the_session_is_open_and_a_failure_said(
    make_app, ready, wait_for, index, monkeypatch
) -> None:
    """Bookmarks made before backups existed get their first backup as the app opens, after
    the session is open (the first list does not wait for it); a failure is a notice."""
    from indexer.bookmarks.backups import backups
    from tui.session import Session

    story = index.story(index.search("nhs", limit=1).hits[0].id)
    with BookmarkStore(locations.bookmarks_db()) as store:
        store.add(story)
    opened: list[bool] = []
    real_open = Session.open

    def open_without_backup(self: Session):  # type: ignore[no-untyped-def]
        result = real_open(self)
        opened.append(bool(backups(locations.bookmark_backups_dir())))
        return result

    monkeypatch.setattr(Session, "open", open_without_backup)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: bool(backups(locations.bookmark_backups_dir())))
    assert opened == [False]  # not made while opening

    monkeypatch.setattr(Session, "open", real_open)
    for old in backups(locations.bookmark_backups_dir()):
        old.path.unlink()
    locations.bookmark_backups_dir().rmdir()
    locations.bookmark_backups_dir().write_text("a file where the folder goes")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: any("not backed up" in n.message for n in app._notifications))
