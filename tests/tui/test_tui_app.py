"""App-wide behaviour: help, command palette, themes, the user's key map, narrow terminals."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from textual.command import CommandPalette

from tui import locations
from tui.app import DexApp
from tui.keymap import class_bindings, load_keymap
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.bookmarks_pane import BookmarksPane
from tui.widgets.story_list import MARK, StoryList
from tui.widgets.story_view import StoryView

ROOT = Path(__file__).resolve().parents[2]


async def test_help_lists_every_described_binding(make_app, ready, wait_for, to_stories) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await to_stories(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        console = Console(width=120, record=True, file=io.StringIO())
        for static in app.screen.query("Static"):
            console.print(static.content)
        text = console.export_text()
        classes = [DexApp, MainScreen, *(pane for _title, pane in MainScreen.PANES)]
        for cls in classes:
            for binding in class_bindings(cls):
                if binding.description and binding.id:
                    assert binding.id in text, binding.id
        assert "keymap.toml" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


def test_help_lists_each_key_once_and_not_textuals_scroll_keys() -> None:
    from tui.keymap import own_bindings, rows_for

    for title, pane in MainScreen.PANES:
        rows = rows_for(own_bindings(pane), {})
        keys = [key for row in rows for key in row.keys]
        assert len(keys) == len(set(keys)), title
        assert not any(row.description.startswith(("Scroll Left", "Page Left")) for row in rows)
    stories = rows_for(own_bindings(StoryList), {})
    assert [row.description for row in stories if "enter" in row.keys] == ["Open story"]


async def test_palette_runs_the_same_actions_as_the_keys(make_app, ready, wait_for) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        story_list = screen.query_one(StoryList)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Sor")
        commands = app.screen.query_one("CommandList")
        await wait_for(
            pilot, lambda: commands.option_count and "Sort" in str(commands.options[0].prompt)
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: story_list.border_subtitle == "by date")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"beds")
        commands = app.screen.query_one("CommandList")

        def offered() -> int | None:
            prompts = [str(option.prompt) for option in commands.options]
            return next((i for i, p in enumerate(prompts) if "Search stories for: beds" in p), None)

        await wait_for(pilot, lambda: offered() is not None)
        commands.highlighted = offered()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.query_one("#search-input").value == "beds")


async def test_t_switches_between_dark_and_light(make_app, ready, to_stories) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await to_stories(pilot)
        assert app.current_theme.dark
        await pilot.press("t")
        assert not app.current_theme.dark
        await pilot.press("t")
        assert app.current_theme.dark


async def test_keymap_file_rebinds_by_id(make_app, ready, wait_for, to_stories) -> None:
    keymap = locations.keymap_file()
    keymap.parent.mkdir(parents=True, exist_ok=True)
    keymap.write_text('[keys]\nbookmark = "ctrl+b"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        story_list = await to_stories(pilot)
        story_id = story_list.highlighted_id
        await pilot.press("b")
        await pilot.pause(0.2)
        assert not screen.query_one(BookmarksPane).bookmarks
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: str(story_list.get_option(story_id).prompt).startswith(MARK))


async def test_a_broken_keymap_is_reported_not_fatal(make_app, ready) -> None:
    keymap = locations.keymap_file()
    keymap.parent.mkdir(parents=True, exist_ok=True)
    keymap.write_text("[keys\nbookmark = ", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        assert any(str(keymap) in n.message for n in app._notifications)
        assert screen.query_one(StoryList).hits


def test_keymap_warns_about_unknown_ids_and_bad_values(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('[keys]\nbookmark = "ctrl+b"\nnope = "x"\nsort = 3\n', encoding="utf-8")
    keymap, warnings = load_keymap(path, ["bookmark", "sort"])
    assert keymap == {"bookmark": "ctrl+b"}
    assert len(warnings) == 2 and "nope" in warnings[0] and "sort" in warnings[1]
    assert load_keymap(tmp_path / "missing.toml") == ({}, [])


async def test_narrow_terminal_hides_the_side_panes_until_asked(
    make_app, ready, wait_for, to_stories
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await to_stories(pilot)
        side = screen.query_one("#side")
        reader = screen.query_one(StoryView)
        assert screen.has_class("-narrow") and not side.display
        assert screen.query_one(StoryList).region.width >= 28 and reader.region.width >= 40
        await pilot.press("m")
        await wait_for(pilot, lambda: app.focused is screen.query_one(BookmarksPane))
        assert side.display and not reader.display
        await pilot.press("escape")  # back to the stories: the reader returns
        await wait_for(pilot, lambda: not screen.has_class("-side-open"))
        assert reader.display and not side.display
        assert app.focused is screen.query_one(StoryList)
        await pilot.press("E")
        await wait_for(pilot, lambda: side.display and app.focused is screen.query_one("#entities"))
        await pilot.resize_terminal(120, 36)
        await wait_for(pilot, lambda: screen.has_class("-wide"))
        assert side.display and side.region.width > 0


def test_the_command_line_does_not_load_textual_until_the_app_opens() -> None:
    code = "import sys, tui.cli; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_dex_keeps_its_modules_and_first_screen_out_of_the_collectors_walks(
    data_dir: Path,
) -> None:
    """A full collection would otherwise walk every object of Textual, the app's modules and
    its screen (over a tenth of a second with the UI stopped, on a busy machine); the
    collector is on again once they are frozen."""
    code = (
        "import asyncio, gc\n"
        "from tui.launch import explorer\n"
        "async def main():\n"
        "    app = explorer()\n"
        "    print(gc.isenabled(), gc.get_freeze_count())\n"
        "    async with app.run_test(size=(120, 36)) as pilot:\n"
        "        await pilot.pause(0.5)\n"
        "        print(gc.get_freeze_count())\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    enabled, modules, ready = done.stdout.split()
    assert enabled == "True"
    assert int(modules) > 20_000  # Textual's and dex's modules: about 45,000 objects
    assert int(ready) > int(modules) + 5_000  # and the screen as its first frame shows


async def test_an_index_that_cannot_be_opened_is_said_in_the_bar_reader_and_a_notice(
    make_app, wait_for, monkeypatch
) -> None:
    from tui.session import Session
    from tui.widgets.search_bar import SearchBar

    def unreadable(self: Session) -> None:
        raise OSError("index folder /x is unreadable")

    monkeypatch.setattr(Session, "open", unreadable)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        status = screen.query_one(SearchBar).query_one("#search-status")
        said = "Cannot open the index: index folder /x is unreadable"
        await wait_for(pilot, lambda: status.content.plain == said)
        assert screen.query_one("#reader-head").content.plain == said
        notices = [(n.title, n.message) for n in app._notifications]
        assert ("Cannot open the index", "index folder /x is unreadable") in notices
