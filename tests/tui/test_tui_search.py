"""Searching from the app: as you type, bad queries, did-you-mean, sorting, history, paging."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.search.searcher import open_index
from tui.locations import history_file
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import MORE_ID, StoryList


def _status(screen) -> str:
    return str(screen.query_one("#search-status").content)


def _ids(screen) -> list[str]:
    return [hit.id for hit in screen.query_one(StoryList).hits]


@pytest.fixture
def index(index_dir: Path):
    opened = open_index(index_dir)
    yield opened
    opened.close()


async def test_first_paint_lists_the_newest_stories_with_a_count(make_app, ready, index) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        expected = index.search("", limit=20)
        assert _ids(screen) == [hit.id for hit in expected.hits]
        assert f"1 of {expected.total}" in screen.query_one(StoryList).border_title
        assert f"{len(expected.hits)} of {expected.total} stories" in _status(screen)


async def test_the_first_list_is_the_page_searched_while_opening(
    make_app, ready, index, monkeypatch
) -> None:
    """No search worker (and no second round trip to the index process) before the first
    paint: the session's opening searched the first page, and the list shows it."""
    from textual.worker import get_current_worker

    from tui.session import Session

    groups: list[str] = []
    real_search = Session.search

    def search(self: Session, *args, **kwargs):  # type: ignore[no-untyped-def]
        groups.append(get_current_worker().group)
        return real_search(self, *args, **kwargs)

    monkeypatch.setattr(Session, "search", search)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        assert _ids(screen) == [hit.id for hit in index.search("", limit=20).hits]
        assert groups == ["open"]


async def test_typing_at_start_goes_to_the_search_box(make_app, wait_for, index) -> None:
    """The app opens as a prompt: the first keys typed, even before the first results are
    painted, are the query, letters the stories take as commands (s sorts) too."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"strike")  # straight away
        screen = app.screen
        bar, stories = screen.query_one(SearchBar), screen.query_one(StoryList)
        assert bar.value == "strike" and app.focused is bar.input
        expected = [hit.id for hit in index.search("strike").hits]
        await wait_for(pilot, lambda: _ids(screen) == expected)
        assert stories.border_subtitle == "by relevance"  # `s` was typed, not a sort


async def test_down_or_tab_leave_the_search_box_for_the_stories(make_app, ready) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        bar, stories = screen.query_one(SearchBar), screen.query_one(StoryList)
        first = stories.highlighted_id
        await pilot.press("down")  # no earlier query to recall: to the stories
        assert app.focused is stories and stories.highlighted_id == first
        await pilot.press("j")  # where letters are keys again
        assert stories.highlighted_id == stories.hits[1].id and bar.value == ""
        await pilot.press("slash")
        assert app.focused is bar.input
        await pilot.press("tab")
        assert app.focused is stories


async def test_results_follow_each_key_typed(make_app, ready, wait_for, index) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        assert app.focused is screen.query_one(SearchBar).input  # the app opens as a prompt
        await pilot.press(*"strike")
        expected = [hit.id for hit in index.search("strike").hits]
        await wait_for(pilot, lambda: _ids(screen) == expected)
        assert expected and len(expected) < index.doc_count()
        # the snippet of each row marks the word searched for
        row = str(screen.query_one(StoryList).get_option_at_index(0).prompt)
        assert "strik" in row.lower()


async def test_malformed_query_says_why_and_keeps_the_last_results(
    make_app, ready, wait_for, index
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press(*"strike")
        good = [hit.id for hit in index.search("strike").hits]
        await wait_for(pilot, lambda: _ids(screen) == good)
        await pilot.press(*' "nhs')
        bad = 'strike "nhs'
        with pytest.raises(ValueError) as raised:
            index.search(bad)
        status = screen.query_one("#search-status")
        await wait_for(pilot, lambda: status.has_class("-error"))
        assert _status(screen) == str(raised.value)
        assert _ids(screen) == good
        await pilot.press('"')  # closing the quote makes the query good again
        await wait_for(pilot, lambda: not status.has_class("-error"))


async def test_did_you_mean_is_offered_and_enter_or_a_click_takes_it(
    make_app, ready, wait_for, index
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        suggestion = index.search("strke").suggestion
        assert suggestion
        await pilot.press(*"strke")
        await wait_for(pilot, lambda: "Did you mean" in _status(screen))
        assert suggestion in _status(screen)
        assert _ids(screen) == []
        await pilot.press("enter")
        bar = screen.query_one(SearchBar)
        await wait_for(pilot, lambda: bar.value == suggestion and _ids(screen))
        assert _ids(screen) == [hit.id for hit in index.search(suggestion).hits]
        # a click on the offer takes it too
        bar.set_query("strke")
        await wait_for(pilot, lambda: "Did you mean" in _status(screen))
        await pilot.click("#search-status")
        await wait_for(pilot, lambda: bar.value == suggestion and _ids(screen))


async def test_sort_toggles_between_relevance_and_date(
    make_app, ready, wait_for, to_stories, index
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        screen.query_one(SearchBar).set_query("nhs")
        by_relevance = [hit.id for hit in index.search("nhs").hits]
        by_date = [hit.id for hit in index.search("nhs", sort="date").hits]
        assert by_relevance != by_date
        await wait_for(pilot, lambda: _ids(screen) == by_relevance)
        story_list = await to_stories(pilot)
        assert story_list.border_subtitle == "by relevance"
        await pilot.press("s")
        await wait_for(pilot, lambda: _ids(screen) == by_date)
        assert story_list.border_subtitle == "by date"
        await pilot.press("s")
        await wait_for(pilot, lambda: _ids(screen) == by_relevance)


async def test_enter_goes_to_results_and_escape_back(make_app, ready, wait_for) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        story_list = screen.query_one(StoryList)
        await pilot.press("n", "enter")
        assert app.focused is story_list and screen.query_one(SearchBar).value == "n"
        await pilot.press("slash")
        assert app.focused is screen.query_one(SearchBar).input
        await pilot.press("escape")
        assert app.focused is story_list


async def test_history_is_recalled_with_up_and_kept_between_runs(
    make_app, ready, wait_for, to_stories
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        bar = screen.query_one(SearchBar)
        await to_stories(pilot)
        for query in ("strike", "beds"):
            bar.set_query(query)
            await pilot.press("slash", "enter")
        await wait_for(
            pilot, lambda: history_file().exists() and "beds" in history_file().read_text()
        )
        bar.set_query("")
        await pilot.press("slash", "up")
        assert bar.value == "beds"
        await pilot.press("up")
        assert bar.value == "strike"
        await pilot.press("down", "down")
        assert bar.value == "" and app.focused is bar.input
        await pilot.press("down")  # past the newest query: down to the stories
        assert app.focused is screen.query_one(StoryList)
    assert history_file().read_text().splitlines() == ["strike", "beds"]
    again = make_app()
    async with again.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("up")  # the box has the keys from the start
        assert screen.query_one(SearchBar).value == "beds"


async def test_more_row_loads_the_next_page(make_app, ready, wait_for, to_stories, index) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        story_list = await to_stories(pilot)
        total = index.doc_count()
        assert (
            total > 20 and story_list.get_option_at_index(story_list.option_count - 1).id == MORE_ID
        )
        await pilot.press("G", "enter")
        await wait_for(pilot, lambda: len(story_list.hits) == min(total, 60))
        assert story_list.highlighted_id == index.search("", limit=60).hits[20].id


async def test_moving_down_loads_more_and_the_title_says_where(
    make_app, ready, wait_for, index
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        story_list = screen.query_one(StoryList)
        total = index.doc_count()
        assert len(story_list.hits) == 20 and total > 20
        story_list.focus()
        await pilot.press("j", "j")
        assert story_list.border_title == f"Stories  3 of {total}"
        for _ in range(14):
            await pilot.press("j")
        await pilot.pause(0.2)
        assert len(story_list.hits) == 20  # not yet: 3 rows from the end
        await pilot.press("j")
        await wait_for(pilot, lambda: len(story_list.hits) == min(total, 60))
        assert story_list.border_title == f"Stories  18 of {total}"
