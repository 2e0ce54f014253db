"""The story list draws rows as Textual Content, and redraws only what changed."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets.option_list import Option

from indexer.records import Hit, SearchResult, Span
from tui.widgets.story_list import MARK, StoryList, _content_styles, row, row_content


def hit(n: int, snippet: str = "Junior doctors will strike over pay.", **kw: object) -> Hit:
    fields: dict[str, object] = {
        "id": f"s{n}", "headline": f"Headline {n}", "title": f"Title {n}",
        "date": dt.date(2023, 1, n + 1), "sources": (f"/tmp/digests/d{n}.txt",),
        "digest_title": "Weekly", "snippet": snippet, "snippet_spans": (Span(0, 6), Span(7, 14)),
        "score": 1.0, "bookmarked": False,
    }  # fmt: skip
    fields.update(kw)
    return Hit(**fields)  # type: ignore[arg-type]


def result(query: str, *hits: Hit, total: int | None = None) -> SearchResult:
    return SearchResult(query, hits, len(hits) if total is None else total, True, None, 1.0)


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield StoryList(id="story-list")


@pytest.mark.parametrize(
    "shown",
    [
        hit(1),
        hit(2, headline=None, sources=()),
        hit(3, sources=("a.txt", "b.txt", "c.txt")),
        hit(4, snippet="", snippet_spans=()),
        hit(5, snippet="short", snippet_spans=(Span(2, 40), Span(-3, 1), Span(9, 12))),
        hit(6, snippet="a  b\n\nc " + "word " * 60, snippet_spans=(Span(0, 1), Span(6, 7))),
    ],
)
@pytest.mark.parametrize("marked", [True, False])
async def test_row_content_is_what_textual_makes_of_the_rich_row(shown: Hit, marked: bool) -> None:
    app = ListApp()
    async with app.run_test():
        styles = _content_styles(app.console.get_style, app.ansi_theme)
        wanted = Content.from_rich_text(row(shown, marked))
        got = row_content(shown, marked, styles)
        assert got.plain == wanted.plain
        assert got.spans == wanted.spans


async def test_unchanged_rows_are_not_redrawn() -> None:
    app = ListApp()
    async with app.run_test() as pilot:
        stories = app.query_one(StoryList)
        first = result("junior", hit(1), hit(2), hit(3), total=10)
        stories.show(first, frozenset(), keep_cursor=False)
        await pilot.pause()
        options = [stories.get_option_at_index(i) for i in range(stories.option_count)]
        assert str(options[0].prompt).startswith("  Headline 1")

        # The same rows for another query (a trailing space, a stop word): nothing redrawn.
        again = result("junior ", hit(1), hit(2), hit(3), total=10)
        stories.show(again, frozenset(), keep_cursor=False)
        assert stories.hits is again.hits and stories.shown_query == "junior "
        assert [stories.get_option_at_index(i) for i in range(stories.option_count)] == options
        assert stories.highlighted == 0

        # One row changes: the other rows keep their options, the changed one is new.
        changed = result("junior d", hit(1), hit(2, snippet="Other words."), hit(3), total=10)
        stories.show(changed, frozenset(), keep_cursor=False)
        now = [stories.get_option_at_index(i) for i in range(stories.option_count)]
        assert now[0] is options[0] and now[2] is options[2] and now[1] is not options[1]
        assert "Other words." in str(now[1].prompt)
        assert stories.get_option_at_index(3).id == "__more__" and "7 more" in str(now[3].prompt)

        # Marking a row redraws it in place; showing the same rows afterwards shows the mark.
        stories.set_marked("s1", True)
        assert str(stories.get_option("s1").prompt).startswith(MARK)
        stories.show(changed, frozenset({"s1"}), keep_cursor=True)
        assert str(stories.get_option("s1").prompt).startswith(MARK)
        stories.show(changed, frozenset(), keep_cursor=True)
        assert not str(stories.get_option("s1").prompt).startswith(MARK)
        assert isinstance(stories.get_option("s1"), Option)

        stories.show(result("nothing"), frozenset(), keep_cursor=False)
        assert stories.option_count == 0 and stories.highlighted is None
