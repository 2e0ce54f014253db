"""The reader keeps their place: Esc goes back to the results left for more-like-this, an
entity search or a saved search (cursor as it was), and `s` sorts more-like-this results."""

from __future__ import annotations

from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import StoryList


async def test_escape_returns_from_more_like_this_and_s_sorts_them(
    make_app, ready, wait_for
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        stories = screen.query_one(StoryList)
        screen.query_one(SearchBar).set_query("nhs")
        await wait_for(pilot, lambda: stories.shown_query == "nhs" and len(stories.hits) > 3)
        stories.focus()
        await pilot.press("j", "j")
        chosen = stories.highlighted_id
        await pilot.press("L")
        await wait_for(pilot, lambda: screen.search.similar_to is not None)
        alike = [hit.id for hit in stories.hits]

        await pilot.press("s")
        await wait_for(
            pilot,
            lambda: (
                [h.date for h in stories.hits]
                == sorted((h.date for h in stories.hits), reverse=True)
                and stories.border_subtitle == "by date"
            ),
        )
        assert screen.search.similar_to is not None
        assert sorted(hit.id for hit in stories.hits) == sorted(alike)
        await pilot.press("s")

        await pilot.press("escape")
        await wait_for(pilot, lambda: screen.search.similar_to is None)
        await wait_for(pilot, lambda: stories.shown_query == "nhs")
        assert stories.highlighted_id == chosen
        await pilot.press("escape")  # nothing more to go back to: stays
        await pilot.pause(0.2)
        assert stories.shown_query == "nhs" and stories.highlighted_id == chosen


async def test_escape_returns_from_an_entity_search(make_app, ready, wait_for) -> None:
    from tui.widgets.entity_pane import EntityPane

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        stories = screen.query_one(StoryList)
        stories.focus()
        await pilot.press("j")
        chosen = stories.highlighted_id
        screen.query_one(EntityPane).post_message(EntityPane.SearchFor('org:"NHS England"'))
        await wait_for(pilot, lambda: stories.shown_query == 'org:"NHS England"')
        stories.focus()
        await pilot.press("escape")
        await wait_for(pilot, lambda: stories.shown_query == "")
        assert stories.highlighted_id == chosen
