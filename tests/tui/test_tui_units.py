"""Small pure helpers of the front end: snippet clipping, the fallback term marker, history."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.records import Span
from tui.controllers.controller import describe
from tui.highlight import clip, find_spans, query_terms, term_spans
from tui.history import MAX_QUERIES, QueryHistory
from tui.widgets.entity_pane import entity_query, quoted


def test_clip_collapses_whitespace_and_keeps_the_marked_words() -> None:
    text = "The  strike\n\nby junior doctors went ahead " + "word " * 60
    spans = (Span(5, 11), Span(16, 22))
    short, kept = clip(text, spans, 60)
    assert short.endswith("…") and len(short) <= 61
    assert [short[s.start : s.end] for s in kept] == ["strike", "junior"]


def test_fallback_terms_skip_operators_negations_and_filters() -> None:
    terms = query_terms('strikes "junior doctors" -pay date:2023 org:"NHS England" AND beds*')
    text = "Junior doctors strike over beds and bedside pay; NHS England in 2023."
    found = [text[s.start : s.end] for s in term_spans(text, terms)]
    assert found == ["Junior doctors", "strike", "beds", "bedside", "NHS England"]


def test_find_is_case_insensitive() -> None:
    assert find_spans("Beds, beds, BEDS", "beds") == [Span(0, 4), Span(6, 10), Span(12, 16)]
    assert find_spans("anything", "  ") == []


def test_history_walks_back_and_forward_and_survives_a_reload(tmp_path: Path) -> None:
    history = QueryHistory()
    for query in ["nhs", "beds", "nhs", "  strike   pay "]:
        history.add(query)
    assert history.entries == ["beds", "nhs", "strike pay"]
    assert [history.older(), history.older(), history.older(), history.older()] == [
        "strike pay", "nhs", "beds", "beds"
    ]  # fmt: skip
    assert [history.newer(), history.newer(), history.newer()] == ["nhs", "strike pay", ""]
    path = tmp_path / "h" / "history.txt"
    history.save(path)
    assert QueryHistory.load(path).entries == history.entries
    assert QueryHistory.load(tmp_path / "missing").entries == []


def test_history_keeps_the_most_recent_queries_only() -> None:
    history = QueryHistory()
    for number in range(MAX_QUERIES + 5):
        history.add(f"q{number}")
    assert len(history.entries) == MAX_QUERIES and history.entries[-1] == f"q{MAX_QUERIES + 4}"


@pytest.mark.parametrize(
    ("label", "text", "query"),
    [
        ("ORG", "NHS England", 'org:"NHS England"'),
        ("PERSON", 'Amanda "Mandy" Pritchard', 'person:"Amanda Mandy Pritchard"'),
        ("PLACE", "Leeds", 'place:"Leeds"'),
        ("MONEY", "£12m", '"£12m"'),
    ],
)
def test_entity_queries(label: str, text: str, query: str) -> None:
    assert entity_query(label, text) == query
    assert quoted("a\nb") == '"a b"'


def test_worker_failures_read_as_one_line() -> None:
    assert describe(OSError("cannot write /x: folder /x does not exist")).startswith("cannot")
    assert describe(RuntimeError("boom\nsecond line")) == "RuntimeError: boom second line"


async def test_entity_pane_counts_an_organisation_once_and_shows_its_short_form() -> None:
    import datetime as dt

    from textual.app import App, ComposeResult

    from indexer.entities.extractor import extract
    from indexer.records import Story
    from tui.widgets.entity_pane import EntityPane

    body = "The BMA will ballot members, the British Medical Association said."
    story = Story(
        "s1", "d.txt", "Digest", dt.date(2024, 3, 12), "text", 0, None, "t", body,
        extract(None, body, None),
    )  # fmt: skip

    class PaneApp(App[None]):
        def compose(self) -> ComposeResult:
            yield EntityPane()

    async with PaneApp().run_test() as pilot:
        pane = pilot.app.query_one(EntityPane)
        pane.show_story(story)
        await pilot.pause()
        rows = [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]
        orgs = [row for row in rows if "British Medical Association" in row]
        assert orgs == ["  British Medical Association (BMA) ×2"]


def test_a_digest_title_that_is_its_file_name_is_not_said_twice() -> None:
    import datetime as dt
    from dataclasses import replace

    from indexer.records import Story
    from tui.highlight import DARK
    from tui.session import LoadedStory
    from tui.widgets.reader_head import header

    story = Story(id="s1", source="mail/2024-09-27_004.txt", digest_title="2024-09-27_004",
                  date=dt.date(2024, 9, 27), date_from="header", position=0,
                  headline="Beds", title="Beds", body="Text.")  # fmt: skip

    def lines(loaded: LoadedStory, width: int) -> list[str]:
        shown = header(
            loaded, width, marked=False, hidden=frozenset(), palette=DARK, collapsed=False
        )
        return shown.plain.splitlines()

    loaded = LoadedStory(story, (story.source,), ("s1", "s2"))
    assert lines(loaded, 80)[:2] == [
        "mail/2024-09-27_004.txt",  # the title line names the file, once
        "27 Sep 2024  ·  story 1 of 2 in this digest",
    ]
    assert lines(loaded, 30)[1] == "27 Sep 2024 · story 1 of 2"  # narrow: closer
    named = replace(story, digest_title="Weekly briefing")
    shown = lines(LoadedStory(named, (story.source,), ()), 80)
    assert shown[:2] == ["Weekly briefing", "27 Sep 2024  ·  mail/2024-09-27_004.txt"]


def test_the_readers_header_marks_the_searched_words_in_the_byline() -> None:
    import datetime as dt

    from indexer.records import Span, Story
    from tui.highlight import DARK
    from tui.session import LoadedStory
    from tui.widgets.reader_head import header

    byline = "By Chidi Okafor, health editor"
    story = Story("s1", "d.txt", "Weekly briefing", dt.date(2024, 9, 27), "header", 0, "Beds",
                  "Beds", "Text.", byline=byline)  # fmt: skip
    at = byline.index("Okafor")
    loaded = LoadedStory(story, (story.source,), (), query="okafor",
                         byline_spans=(Span(at, at + 6),))  # fmt: skip
    shown = header(loaded, 100, marked=False, hidden=frozenset(), palette=DARK, collapsed=False)
    marked = [shown.plain[s.start : s.end] for s in shown.spans if s.style == DARK.term]
    assert marked == ["Okafor"]


async def test_the_reader_shows_a_storys_details_between_headline_and_text() -> None:
    import datetime as dt

    from textual.app import App, ComposeResult

    from indexer.entities.extractor import extract
    from indexer.records import Span, Story
    from tui.highlight import palette
    from tui.session import LoadedStory
    from tui.widgets.story_view import StoryView

    details = "Deceased: Mr Kieran Walsh, 34 | Coroner: Alison Dunmore | Sent to: NHS England"
    body = "Mr Walsh was discharged after four hours with oral antibiotics."
    story = Story(
        "s1", "d.txt", "Digest", dt.date(2023, 9, 6), "text", 0, "Sepsis missed", "Sepsis missed",
        body, extract("Sepsis missed", body, None, details=details), details=details,
    )  # fmt: skip

    class ReaderApp(App[None]):
        def compose(self) -> ComposeResult:
            yield StoryView()

    async with ReaderApp().run_test() as pilot:
        reader = pilot.app.query_one(StoryView)
        reader.show(LoadedStory(story, (story.source,), ()), marked=False)
        await pilot.pause()
        text = reader.query_one("#reader-text").content
        assert text.plain == f"Sepsis missed\n\n{details}\n\n{body}"
        person = palette(pilot.app.current_theme.dark).entities["PERSON"]
        at = text.plain.index("Alison Dunmore")
        painted = [text.plain[span.start : span.end] for span in text.spans if span.style == person]
        assert "Alison Dunmore" in painted
        assert at < text.plain.index(body)
        term = palette(pilot.app.current_theme.dark).term
        start = details.index("Coroner")
        asked = LoadedStory(
            story, (story.source,), (), query="coroner", details_spans=(Span(start, start + 7),)
        )
        reader.show(asked, marked=False)
        await pilot.pause()
        text = reader.query_one("#reader-text").content
        marked = [text.plain[span.start : span.end] for span in text.spans if span.style == term]
        assert "Coroner" in marked
