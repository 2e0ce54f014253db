"""The reader: opening stories, marked query words, entity colours, find, digest steps."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rich.style import Style

from indexer.search.searcher import open_index
from tui.highlight import SHORT_NAMES, palette
from tui.widgets.entity_pane import EntityPane, entity_query
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import StoryList
from tui.widgets.story_view import StoryView


@pytest.fixture
def index(index_dir: Path):
    opened = open_index(index_dir)
    yield opened
    opened.close()


def _text(reader: StoryView):
    return reader.query_one("#reader-text").content


def _styled(text, style) -> list[str]:
    """The pieces of `text` carrying exactly `style` (what the reader painted with it)."""
    return [text.plain[span.start : span.end] for span in text.spans if span.style == style]


async def _search_and_open(pilot, screen, wait_for, query: str) -> StoryView:
    screen.query_one(SearchBar).set_query(query)
    story_list = screen.query_one(StoryList)
    await wait_for(
        pilot,
        lambda: (
            screen.query_one(SearchBar).value == query
            and story_list.hits
            and screen.query_one("#search-status").content.plain.startswith(
                f"{len(story_list.hits)} of"
            )
        ),
    )
    story_list.focus()
    await pilot.pause()
    chosen = story_list.highlighted_id  # the list may be refreshed after Enter; this is opened
    await pilot.press("enter")
    reader = screen.query_one(StoryView)
    await wait_for(pilot, lambda: reader.story_id == chosen and pilot.app.focused is reader)
    return reader


async def test_enter_opens_the_story_with_its_query_words_marked(
    make_app, ready, wait_for, index
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        reader = await _search_and_open(pilot, screen, wait_for, "strike")
        story = index.story(reader.story_id)
        text = _text(reader)
        assert story.body in text.plain
        marked = _styled(text, palette(app.current_theme.dark).term)
        heading = story.headline or story.title
        expected = [heading[s.start : s.end] for s in index.query_spans("strike", heading)]
        expected += [story.body[s.start : s.end] for s in index.query_spans("strike", story.body)]
        assert expected and sorted(marked) == sorted(expected)
        assert story.digest_title[:40] in reader.query_one("#reader-head").content.plain


async def test_markup_in_story_text_is_shown_as_typed(make_app, ready, wait_for) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        reader = await _search_and_open(pilot, screen, wait_for, "alarm")
        shown = reader.query_one("#reader-text").visual.plain
        assert "[bold]x[/]" in shown
        assert "[link=http://x]y[/link]" in shown
        assert "[red]alarm[/red]" in shown
        row = screen.query_one(StoryList).get_option_at_index(0)
        assert "[bold]x[/]" in screen.query_one(StoryList)._get_visual(row).plain


async def test_entities_are_coloured_by_type_and_toggled_with_number_keys(
    make_app, ready, wait_for, index
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        reader = await _search_and_open(pilot, screen, wait_for, "alarm")
        story = index.story(reader.story_id)
        orgs = sorted(e.text for e in story.entities if e.label == "ORG" and e.field == "body")
        assert orgs
        org_style = palette(app.current_theme.dark).entities["ORG"]
        assert sorted(_styled(_text(reader), org_style)) == orgs
        await pilot.press("1")
        assert "ORG" in reader.hidden_labels
        assert _styled(_text(reader), org_style) == []
        head = reader.query_one("#reader-head").content
        org = SHORT_NAMES["ORG"]  # at this width, the short name, struck through while hidden
        assert _styled(head, Style(dim=True, strike=True))[0].startswith(org)
        await pilot.press("1")
        assert sorted(_styled(_text(reader), org_style)) == orgs
        assert not _styled(reader.query_one("#reader-head").content, Style(dim=True, strike=True))


async def test_find_moves_through_matches_with_n_and_N(make_app, ready, wait_for) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        reader = await _search_and_open(pilot, screen, wait_for, "strike")
        word = "the"
        expected = reader._plain.lower().count(word)
        assert expected >= 3
        await pilot.press("f", *word, "enter")
        assert app.focused is reader
        assert len(reader.matches) == expected and reader.current_match == 0
        assert reader.border_subtitle == f"1/{expected}"  # on the frame, not over the text
        await pilot.press("n", "n")
        assert reader.current_match == 2
        assert reader.border_subtitle == f"3/{expected}"
        current = _styled(_text(reader), palette(app.current_theme.dark).find_current)
        assert [m.lower() for m in current] == [word]
        await pilot.press("N", "N", "N")
        assert reader.current_match == expected - 1
        assert reader.scroll_y > 0  # the last match is further down than the first screen
        await pilot.press("escape")
        assert reader.matches == [] and app.focused is reader
        assert not reader.border_subtitle


async def test_brackets_step_through_the_digest(make_app, ready, wait_for, index) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        reader = await _search_and_open(pilot, screen, wait_for, "alarm")
        order = index.digest_stories(reader.story_id)
        assert len(order) >= 2 and order[0] == reader.story_id
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: reader.story_id == order[1])
        assert "story 2 of" in reader.query_one("#reader-head").content.plain
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: reader.story_id == order[0])


async def test_enter_on_an_entity_searches_for_it(make_app, ready, wait_for, index) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        reader = await _search_and_open(pilot, screen, wait_for, "alarm")
        pane = screen.query_one(EntityPane)
        await wait_for(
            pilot,
            lambda: pane.story is not None and pane.story.id == reader.story_id and pane.counts,
        )
        story = index.story(reader.story_id)
        first_org = next(e for e in story.entities if e.label == "ORG")
        counted = index.entity_counts([("ORG", first_org.canonical)])[("ORG", first_org.canonical)]
        pane.focus()
        await pilot.pause()
        row = str(pane.get_option_at_index(pane.highlighted).prompt)
        assert first_org.canonical in row and f"{counted} stor" in row
        await pilot.press("enter")
        query = entity_query("ORG", first_org.canonical)
        assert query == f'org:"{first_org.canonical}"'
        bar = screen.query_one(SearchBar)
        story_list = screen.query_one(StoryList)
        expected = [hit.id for hit in index.search(query).hits]
        await wait_for(
            pilot, lambda: bar.value == query and [h.id for h in story_list.hits] == expected
        )
        assert app.focused is story_list
        # a story opened next shows its own entities with the cursor on the first one
        pane.highlighted = max(i for i, option in enumerate(pane.options) if not option.disabled)
        await pilot.press("j", "enter")
        await wait_for(
            pilot, lambda: pane.story is not None and pane.story.id == story_list.highlighted_id
        )
        first = next(i for i, option in enumerate(pane.options) if not option.disabled)
        assert pane.highlighted == first


async def test_a_click_on_a_story_opens_it(make_app, ready, wait_for, to_stories) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        story_list = await to_stories(pilot)
        reader = screen.query_one(StoryView)
        first = story_list.hits[0].id
        await pilot.press("j", "j")
        assert story_list.highlighted_id != first
        await pilot.click(StoryList, offset=(6, 1))
        await wait_for(pilot, lambda: reader.story_id == first and app.focused is reader)
        assert story_list.highlighted_id == first


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 60)])
async def test_the_header_takes_three_lines_and_h_folds_it(make_app, ready, wait_for, size) -> None:
    """Digest, date and source, and the entity key with every count: three rows at most, each
    line whole but the first two (cut with "…" rather than wrapped); `h` folds it to one."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        reader = await _search_and_open(pilot, screen, wait_for, "alarm")
        head = reader.query_one("#reader-head")
        await pilot.pause()
        assert head.outer_size.height == 3
        lines = head.content.plain.splitlines()
        key = lines[2]  # the entity types, their keys and counts: whole
        assert len(key) <= head.content_size.width and all(str(n) in key for n in range(1, 7))
        counts = Counter(entity.label for entity in reader.loaded.story.entities)
        assert all(f"{count}" in key for count in counts.values())
        assert reader.loaded.story.date.strftime("%b %Y") in lines[1]
        await pilot.press("h")
        await pilot.pause()
        assert head.outer_size.height == 1
        assert reader.loaded.story.digest_title.split()[0] in head.content.plain
        await pilot.press("h")
        await pilot.pause()
        assert head.outer_size.height == 3
