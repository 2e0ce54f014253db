"""Stories over time in the app: narrowing by a timeline bar, the Trends view, an entity's
timeline and co-mentions. On the bundled samples (dated 2016 to 2024), built once; the seed
index of the other app tests has only file dates, which the timeline counts apart."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui import locations
from tui.screens.entity_over_time import EntityOverTimeScreen
from tui.screens.trends_view import TrendsScreen
from tui.widgets.entity_pane import EntityPane
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import StoryList
from tui.widgets.timeline_chart import TimelineChart
from tui.widgets.trend_list import TrendList


@pytest.fixture(scope="session")
def samples_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from indexer.index.store import ensure_index

    index_dir = tmp_path_factory.mktemp("samples") / "index"
    ensure_index(index_dir)
    return index_dir


@pytest.fixture
def samples_app(data_dir: Path, samples_index: Path) -> Callable[..., Any]:
    from tui.app import DexApp

    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(samples_index, locations.index_dir())

    def make(**kwargs: Any) -> DexApp:
        kwargs.setdefault("show_timings", False)
        return DexApp(**kwargs)

    return make


async def _timeline(pilot: Any, wait_for: Any) -> TimelineChart:
    chart = pilot.app.screen.query_one(TimelineChart)
    await wait_for(pilot, lambda: chart.timeline is not None and chart.timeline.query == "")
    return chart


def _shown_dates(screen: Any) -> set[str]:
    return {hit.date.isoformat()[:7] for hit in screen.query_one(StoryList).hits}


async def test_a_bar_narrows_the_results_and_esc_widens(
    samples_app, ready, wait_for, to_stories
) -> None:
    app = samples_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        chart = await _timeline(pilot, wait_for)
        assert chart.timeline.dated == 37 and chart.timeline.undated == 0
        assert chart.timeline.buckets[chart.cursor].start.isoformat() == "2024-09-01"
        await to_stories(pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: app.focused is chart)
        await pilot.press("left", "enter")  # the month before with stories: June 2023
        story_list = screen.query_one(StoryList)
        await wait_for(pilot, lambda: story_list.shown_query == "date:2023-06")
        assert screen.query_one(SearchBar).value == "date:2023-06"
        assert _shown_dates(screen) == {"2023-06"} and len(story_list.hits) == 3
        assert chart.chosen == chart.cursor and len(chart.timeline.buckets) == 105  # all months
        await pilot.press("escape")
        await wait_for(pilot, lambda: story_list.shown_query == "")
        assert chart.chosen is None and screen.search.result_total == 37
        await pilot.press("escape")  # nothing narrowed: Esc goes back to the stories
        await wait_for(pilot, lambda: app.focused is story_list)


async def test_clicking_a_bar_narrows_a_query_to_it(samples_app, ready, wait_for) -> None:
    app = samples_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        chart = screen.query_one(TimelineChart)
        screen.query_one(SearchBar).set_query("nhs")
        await wait_for(pilot, lambda: chart.timeline is not None and chart.timeline.query == "nhs")
        chart.focus()
        await pilot.press("p")  # years: the first bar is 2016
        await wait_for(pilot, lambda: chart.timeline is not None and chart.timeline.by == "year")
        await pilot.click(TimelineChart, offset=(chart.gutter.left, 2))
        story_list = screen.query_one(StoryList)
        await wait_for(pilot, lambda: story_list.shown_query == "nhs date:2016")
        assert {date[:4] for date in _shown_dates(screen)} == {"2016"}


async def test_the_trends_view_searches_a_rising_entity(
    samples_app, ready, wait_for, to_stories
) -> None:
    app = samples_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await to_stories(pilot)
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, TrendsScreen))
        trends = app.screen
        await wait_for(pilot, lambda: trends.trends is not None)
        # The newest month (September 2024) has no month with stories before it: years.
        assert trends.by == "year" and trends.trends.current.start.year == 2024
        organisations = trends.query_one("#trends-org", TrendList)
        rising = trends.trends.rising["ORG"]
        assert (rising[0].name, rising[0].before, rising[0].now) == ("HSJ", 3, 5)
        assert app.focused is organisations
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: trends.trends.current.start.year == 2023)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        first = trends.trends.rising["ORG"][0]
        wanted = f'org:"{first.name}"'
        await wait_for(pilot, lambda: screen.query_one(StoryList).shown_query == wanted)


async def test_an_entity_over_time_and_its_co_mentions(
    samples_app, ready, wait_for, to_stories
) -> None:
    app = samples_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        screen.query_one(SearchBar).set_query('org:"British Medical Association"')
        story_list = screen.query_one(StoryList)
        await wait_for(pilot, lambda: story_list.shown_query.startswith("org:"))
        pane = screen.query_one(EntityPane)
        await to_stories(pilot)
        await pilot.press("E")
        await wait_for(pilot, lambda: pane.story is not None and pane.counts)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, EntityOverTimeScreen))
        over_time = app.screen
        chart = over_time.query_one(TimelineChart)
        await wait_for(pilot, lambda: chart.timeline is not None)
        assert chart.timeline.query == over_time.entity_query
        assert chart.timeline.dated == sum(b.count for b in chart.timeline.buckets) > 0
        co_mentions = over_time.query_one("#co-mentions")
        await wait_for(pilot, lambda: over_time._queries)
        assert all(q.startswith(over_time.entity_query + " ") for q in over_time._queries.values())
        co_mentions.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: story_list.shown_query in over_time._queries.values())


async def test_stories_with_only_a_file_date_are_counted_apart(make_app, ready, wait_for) -> None:
    """The seed digests name no date: their stories are undated, no bar is drawn for them; only
    the digest named 2024-03-14_… has a date (from its name)."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        chart = await _timeline(pilot, wait_for)
        found = chart.timeline
        assert [(b.start.isoformat(), b.count) for b in found.buckets] == [("2024-03-01", 2)]
        assert found.undated == screen.search.result_total - 2 > 0
        assert f"{found.undated} undated (file date only)" in chart.border_subtitle


async def test_a_count_that_fails_is_said_in_the_chart(wait_for) -> None:
    """Worker messages do not bubble: the chart itself must say its count failed."""
    from textual.app import App, ComposeResult

    def loader(query: str, by: str) -> Any:
        raise OSError("the index process has stopped")

    class Chart(App[None]):
        def compose(self) -> ComposeResult:
            yield TimelineChart(loader)

    async with Chart().run_test(size=(80, 8)) as pilot:
        chart = pilot.app.query_one(TimelineChart)
        chart.show_query("nhs")
        await wait_for(pilot, lambda: chart.problem is not None)
        assert chart.problem == "the index process has stopped"
        assert "Cannot count the stories" in str(chart.render())


class TestTrendsSnapshots:
    def test_main_screen_narrowed_to_a_month(
        self, snap_compare, samples_app, wait_for, to_stories
    ) -> None:
        async def run_before(pilot) -> None:
            chart = await _timeline(pilot, wait_for)
            pilot.app.screen.query_one("#search-input").cursor_blink = False
            await to_stories(pilot)
            await pilot.press("w", "left", "enter")
            story_list = pilot.app.screen.query_one(StoryList)
            await wait_for(pilot, lambda: story_list.shown_query == "date:2023-06")
            await wait_for(pilot, lambda: chart.chosen is not None)
            await pilot.pause(0.5)  # the reader and facets settle

        assert snap_compare(samples_app(), terminal_size=(120, 36), run_before=run_before)

    def test_trends_view(self, snap_compare, samples_app, wait_for, to_stories) -> None:
        async def run_before(pilot) -> None:
            await _timeline(pilot, wait_for)
            await to_stories(pilot)
            await pilot.press("T")
            await wait_for(pilot, lambda: getattr(pilot.app.screen, "trends", None) is not None)
            await pilot.pause(0.2)

        assert snap_compare(samples_app(), terminal_size=(120, 36), run_before=run_before)

    def test_entity_over_time(self, snap_compare, samples_app, wait_for, to_stories) -> None:
        async def run_before(pilot) -> None:
            screen = pilot.app.screen
            await _timeline(pilot, wait_for)
            screen.query_one("#search-input").cursor_blink = False
            screen.query_one(SearchBar).set_query('org:"NHS England"')
            story_list = screen.query_one(StoryList)
            await wait_for(pilot, lambda: story_list.shown_query == 'org:"NHS England"')
            pane = screen.query_one(EntityPane)
            await to_stories(pilot)
            await pilot.press("E")
            await wait_for(pilot, lambda: pane.story is not None and pane.counts)
            await pilot.press("o")
            await wait_for(pilot, lambda: isinstance(pilot.app.screen, EntityOverTimeScreen))
            over_time = pilot.app.screen
            chart = over_time.query_one(TimelineChart)
            await wait_for(pilot, lambda: chart.timeline is not None and over_time._queries)
            await pilot.pause(0.2)

        assert snap_compare(samples_app(), terminal_size=(120, 36), run_before=run_before)
