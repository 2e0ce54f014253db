"""`o` shows the story's digest file in $PAGER (or $EDITOR), at the story, and comes back."""

from __future__ import annotations

import contextlib
from pathlib import Path

from tui.pager import pager_command
from tui.widgets.story_view import StoryView


def test_pager_command_opens_less_at_the_headline() -> None:
    command = pager_command(Path("/d/x.txt"), "NHS  deficit (2024)", {})
    assert command == ["less", r"+/NHS\s+deficit\s+\(2024\)", "/d/x.txt"]


def test_pager_command_prefers_pager_then_editor_and_keeps_their_options() -> None:
    assert pager_command(Path("x"), "a b", {"PAGER": "less -R", "EDITOR": "vim"}) == [
        "less",
        "-R",
        r"+/a\s+b",
        "x",
    ]
    assert pager_command(Path("x"), "a", {"EDITOR": "nvim"}) == ["nvim", "+/a", "x"]
    assert pager_command(Path("x"), "a", {"PAGER": "cat"}) == ["cat", "x"]


async def test_o_shows_the_digest_and_returns(
    make_app, ready, wait_for, to_stories, monkeypatch, built_index
) -> None:
    import subprocess

    import tui.app

    monkeypatch.chdir(built_index.parent)  # the test index names its digests from there
    ran: list[list[str]] = []
    monkeypatch.setenv("PAGER", "less")
    monkeypatch.setattr(subprocess, "run", lambda command, **_kw: ran.append(command))
    monkeypatch.setattr(tui.app.DexApp, "suspend", lambda self: contextlib.nullcontext())
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        reader = screen.query_one(StoryView)
        await wait_for(pilot, lambda: reader.loaded is not None)
        await to_stories(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: ran)
        assert ran[0][0] == "less" and ran[0][1].startswith("+/")
        assert Path(ran[0][-1]).is_file()
        assert Path(ran[0][-1]).name == Path(reader.loaded.sources[0]).name
