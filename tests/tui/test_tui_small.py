"""At 80x24 the story list shows at least five stories (compact rows, `c` switches)."""

from __future__ import annotations

from tui.widgets.story_list import StoryList


def _rows_shown(stories: StoryList) -> int:
    """Stories whose first line is within the list's visible region."""
    top, height = stories.scroll_offset.y, stories.scrollable_content_region.height
    lines = stories._lines  # (option index, line in option) for every line laid out
    firsts = {i for y, (i, line) in enumerate(lines) if line == 0 and top <= y < top + height}
    return len(firsts)


async def test_at_80x24_the_list_shows_five_stories(make_app, ready, wait_for) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        stories = screen.query_one(StoryList)
        await wait_for(pilot, lambda: stories.compact_rows)
        await pilot.pause()
        assert _rows_shown(stories) >= 5
        stories.focus()
        await pilot.press("c")  # the full rows: source and snippet too
        await pilot.pause()
        assert not stories.compact_rows
        assert _rows_shown(stories) < 5


async def test_a_tall_list_keeps_full_rows(make_app, ready) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        assert not screen.query_one(StoryList).compact_rows
