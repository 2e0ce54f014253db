"""The app keeps up with the index: its own watcher over the sources, and another dex's runs.

End to end: the app runs on a watched folder; a digest added there appears in the list with a
notice, a digest deleted takes its stories with it (and out of the reader)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.index.sources import add_sources
from indexer.index.store import update_index
from tui import locations
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import StoryList
from tui.widgets.story_view import StoryView

WORD = "quillfeather"
DIGEST = f"""Weekly Health Policy Briefing

Trust boards adopt the {WORD} protocol for discharge

Three acute trusts in the north west have adopted the {WORD} protocol, which moves discharge
planning to the first day of an admission. Early figures suggest shorter stays for older
patients, and the integrated care board wants every trust in the region to follow by spring.

Ministers promise a review of community pharmacy funding

The health secretary told MPs that community pharmacy contracts would be reviewed this year,
after a survey found one in ten pharmacies had cut opening hours since the last settlement.
"""


def _notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.fixture
def inbox(tmp_path: Path, index_dir: Path) -> Path:
    """A remembered source the app watches, already indexed (empty for now)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    add_sources(locations.sources_file(), [folder])
    return folder


async def test_a_digest_added_to_a_watched_folder_appears_and_goes_when_deleted(
    make_app, ready, wait_for, inbox, monkeypatch
) -> None:
    import tui.controllers.watching

    monkeypatch.setattr(tui.controllers.watching, "CHANGES_EVERY_S", 0.2)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        stories = screen.query_one(StoryList)
        bar = screen.query_one(SearchBar)
        bar.set_query(WORD)
        await wait_for(pilot, lambda: not stories.hits)
        await pilot.pause(1.0)  # the watcher is up and has caught up (nothing to do)

        (inbox / "briefing.txt").write_text(DIGEST, encoding="utf-8")
        await wait_for(pilot, lambda: len(stories.hits) == 1, timeout=15)
        await wait_for(pilot, lambda: any("new stor" in n for n in _notices(app)))
        assert any("2 new stories from 1 digest" in n for n in _notices(app)), _notices(app)
        story_id = stories.hits[0].id
        reader = screen.query_one(StoryView)
        await wait_for(pilot, lambda: reader.story_id == story_id)

        (inbox / "briefing.txt").unlink()
        await wait_for(pilot, lambda: not stories.hits, timeout=15)
        await wait_for(pilot, lambda: reader.story_id is None)
        assert WORD not in reader.query_one("#reader-text").visual.plain
        assert any("2 stories gone" in n for n in _notices(app)), _notices(app)


async def test_another_dex_index_run_refreshes_the_results(
    make_app, ready, wait_for, to_stories, tmp_path, monkeypatch
) -> None:
    import tui.controllers.watching

    monkeypatch.setattr(tui.controllers.watching, "CHANGES_EVERY_S", 0.1)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "briefing.txt").write_text(DIGEST, encoding="utf-8")
    app = make_app(watch_sources=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        stories = screen.query_one(StoryList)
        screen.query_one(SearchBar).set_query(WORD)
        await wait_for(pilot, lambda: not stories.hits)
        before = app.session.stories
        update_index(locations.index_dir(), [str(elsewhere)])  # as `dex index` would
        await wait_for(pilot, lambda: len(stories.hits) == 1)
        await wait_for(pilot, lambda: any("more stories" in n for n in _notices(app)))
        assert f"2 more stories ({before + 2} in all)" in _notices(app)

        screen.query_one(SearchBar).set_query("")  # every story, the newest (ours) first
        await to_stories(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: WORD in stories.hits[0].title.casefold())
        gone = stories.hits[0].id
        await pilot.press("home", "enter")
        reader = screen.query_one(StoryView)
        await wait_for(pilot, lambda: reader.story_id == gone)
        (elsewhere / "briefing.txt").unlink()
        update_index(locations.index_dir(), [str(elsewhere)])
        await wait_for(pilot, lambda: gone not in {hit.id for hit in stories.hits})
        await wait_for(pilot, lambda: reader.story_id != gone)
        assert WORD not in reader.query_one("#reader-text").visual.plain
        assert "2 stories fewer" in " ".join(_notices(app))


async def test_the_watcher_is_off_without_remembered_sources(make_app, ready) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.pause(0.3)
        assert screen.watching._watcher is None
        assert not any("Watching" in n for n in _notices(app))
