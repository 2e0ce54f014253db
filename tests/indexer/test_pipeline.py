"""Pipeline: stable story ids, digest titles and dates, JSON, problems, and F1 on gold files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping
from pathlib import Path

import pytest

from indexer.entities import extractor
from indexer.pipeline import (
    build_digest,
    lead_title,
    parse_file,
    parse_paths,
    story_id,
    story_to_json,
)
from indexer.records import Entity, Problem, RawDigest
from indexer.stories.plausible import unjudged
from tests.scoring import score

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _parsed(folder: Path) -> tuple[list[dict], list[Problem]]:
    problems: list[Problem] = []
    out = [
        story_to_json(story)
        for digest in parse_paths([folder], problems.append, with_entities=False)
        for story in digest.stories
    ]
    return out, problems


# -- gold files ---------------------------------------------------------------------------------


def test_seed_story_f1_is_perfect() -> None:
    parsed, problems = _parsed(FIXTURES / "seeds")
    gold = json.loads((FIXTURES / "seeds" / "stories.gold.json").read_text(encoding="utf-8"))
    (precision, recall, f1), misses = score.score_stories(gold, parsed)
    assert misses == []
    assert (precision, recall, f1) == (1.0, 1.0, 1.0)
    assert [p.message for p in problems] == ["not a digest format (.json file)"] * 2


def test_format_fixtures_story_f1_is_perfect() -> None:
    parsed, _ = _parsed(FIXTURES / "formats")
    gold = json.loads((FIXTURES / "formats" / "stories.gold.json").read_text(encoding="utf-8"))
    (precision, recall, f1), misses = score.score_stories(gold, parsed)
    assert misses == []
    assert (precision, recall, f1) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize(
    "name",
    sorted(
        n
        for n, entry in json.loads(
            (FIXTURES / "formats" / "stories.gold.json").read_text(encoding="utf-8")
        ).items()
        if "title" in entry or "date" in entry
    ),
)
def test_format_fixture_titles_and_dates(name: str) -> None:
    entry = json.loads((FIXTURES / "formats" / "stories.gold.json").read_text(encoding="utf-8"))[
        name
    ]
    path = FIXTURES / "formats" / name
    first = parse_file(path, str(path), with_entities=False)[0]
    if "title" in entry:
        assert first.title == entry["title"]
    if "date" in entry:
        assert first.date.isoformat() == entry["date"]
        assert first.date_from == entry["date_from"]


# -- ids ----------------------------------------------------------------------------------------


def test_story_id_is_stable_and_content_based() -> None:
    one = story_id("Trust ‘fined’ £1m", "The trust  was fined.\n\nIt will “appeal”.")
    assert one == story_id("trust 'fined' £1m", 'The trust was fined. It will "appeal".')
    assert len(one) == 16 and int(one, 16) >= 0
    assert one != story_id("Trust ‘fined’ £1m", "The trust was fined.")
    assert story_id(None, "Body.") == story_id("", "Body.")


def test_same_story_in_two_digests_has_one_id(tmp_path: Path) -> None:
    text = "Trust fined\n\nThe trust was fined £1m.\n"
    (tmp_path / "a.txt").write_text("Daily news roundup\n\n" + text, encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "**Trust fined**\n\nThe trust was fined £1m.\n", encoding="utf-8"
    )
    ids = [s.id for d in parse_paths([tmp_path], print, with_entities=False) for s in d.stories]
    assert len(ids) == 2 and ids[0] == ids[1]


# -- building digests ---------------------------------------------------------------------------


def test_title_from_header_line_then_file_stem() -> None:
    raw = RawDigest(
        "x/daily-news.txt",
        "The day’s top stories\n\nTrust fined\n\nIt was.",
        None,
        dt.date(2024, 1, 2),
        "text",
    )
    assert build_digest(raw, with_entities=False).title == "The day’s top stories"
    bare = RawDigest(
        "x/daily-news.txt", "Trust fined\n\nIt was.", None, dt.date(2024, 1, 2), "text"
    )
    assert build_digest(bare, with_entities=False).title == "daily-news"
    named = RawDigest(
        "x/a.eml", "Trust fined\n\nIt was.", "Subject line", dt.date(2024, 1, 2), "header"
    )
    assert build_digest(named, with_entities=False).title == "Subject line"


def test_date_found_when_raw_digest_has_none() -> None:
    raw = RawDigest("nowhere.txt", "HSJ Daily\n20 February 2024\n\nTrust fined\n\nIt was.")
    digest = build_digest(raw, with_entities=False)
    assert (digest.date, digest.date_from) == (dt.date(2024, 2, 20), "text")
    assert digest.stories[0].date == dt.date(2024, 2, 20)


def test_lead_story_title_is_its_first_sentence_shortened() -> None:
    short = "Ministers will review NHS England. More follows."
    assert lead_title(short) == "Ministers will review NHS England"
    long = (
        "NHS leaders are bracing themselves for the prospect of hospital consultants walking "
        "out for two days. Then more."
    )
    assert (
        lead_title(long)
        == "NHS leaders are bracing themselves for the prospect of hospital consultants walking…"
    )


def test_positions_headlines_and_titles() -> None:
    raw = RawDigest(
        "d.txt",
        "Lead text here. It runs on.\n\nTrust fined\n\nIt was.",
        None,
        dt.date(2024, 1, 2),
        "text",
    )
    with unjudged():  # two words of text: the story model would join it to the lead
        stories = build_digest(raw, with_entities=False).stories
    assert [(s.position, s.headline, s.title) for s in stories] == [
        (0, None, "Lead text here"),
        (1, "Trust fined", "Trust fined"),
    ]


def test_entities_come_from_the_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def fake(
        headline: str | None,
        body: str,
        date: dt.date | None = None,
        initials: Mapping[str, str] | None = None,
        areas: Collection[str] = (),
        details: str | None = None,
        byline: str | None = None,
    ) -> tuple[Entity, ...]:
        calls.append((headline, body, date, initials, areas, details, byline))
        return (Entity("Trust", "ORG", "headline", 0, 5, "Trust"),)

    monkeypatch.setattr(extractor, "extract", fake)
    raw = RawDigest("d.txt", "Trust fined\n\nIt was.", None, dt.date(2024, 1, 2), "text")
    [story] = build_digest(raw).stories
    assert calls == [("Trust fined", "It was.", dt.date(2024, 1, 2), {}, frozenset(), None, None)]
    data = story_to_json(story)
    assert data["entities"] == [
        {
            "text": "Trust",
            "label": "ORG",
            "field": "headline",
            "start": 0,
            "end": 5,
            "canonical": "Trust",
            "value": None,
            "aliases": [],
        }
    ]


def test_story_json_keys_and_types() -> None:
    raw = RawDigest("dir/d.txt", "Trust fined\n\nIt was.", "Title", dt.date(2024, 1, 2), "header")
    data = story_to_json(build_digest(raw, with_entities=False).stories[0])
    assert data == {
        "id": story_id("Trust fined", "It was."),
        "source": "dir/d.txt",
        "digest_title": "Title",
        "date": "2024-01-02",
        "date_from": "header",
        "position": 0,
        "headline": "Trust fined",
        "title": "Trust fined",
        "body": "It was.",
        "byline": None,
        "details": None,
        "entities": [],
    }
    json.dumps(data)


def test_byline_is_kept_as_metadata_not_text() -> None:
    text = (
        "Trust fined over maternity failings\nBy Ruth Ackroyd, health correspondent\n\n"
        "The trust was fined £2m by the regulator.\n\n"
        "GP contract agreed\n\nGPs voted to accept the deal, the BMA said.\n"
    )
    raw = RawDigest("d.txt", text, "Title", dt.date(2024, 1, 2), "header")
    first, second = build_digest(raw, with_entities=False).stories
    assert first.byline == "By Ruth Ackroyd, health correspondent"
    assert first.body == "The trust was fined £2m by the regulator."
    assert second.byline is None
    assert story_to_json(first)["byline"] == "By Ruth Ackroyd, health correspondent"


def test_details_under_a_headline_are_kept_read_for_entities_and_not_text() -> None:
    text = (
        "[1] Sepsis missed after early discharge\n"
        "Deceased: Mr Kieran Walsh, 34 | Coroner: Alison Dunmore | Report dated 3 August 2023\n\n"
        "Mr Walsh attended the emergency care unit with abdominal pain and a fever, and was\n"
        "discharged after four hours with oral antibiotics.\n\n"
        "[2] Missed follow-up of a chest X-ray\n"
        "Deceased: Mrs Joan Pettifer, 71 | Coroner: Dr Rhys Maddocks | Report dated 8 August\n\n"
        "A chest X-ray taken in May 2021 showed a lesion that was never followed up by the\n"
        "practice, and she died of lung cancer in April 2023.\n"
    )
    raw = RawDigest("d.txt", text, "Title", dt.date(2023, 9, 6), "header")
    first, second = build_digest(raw).stories
    assert first.details == (
        "Deceased: Mr Kieran Walsh, 34 | Coroner: Alison Dunmore | Report dated 3 August 2023"
    )
    assert first.body.startswith("Mr Walsh attended")
    named = {(e.text, e.field) for e in first.entities}
    assert ("Alison Dunmore", "details") in named
    assert story_to_json(second)["details"].startswith("Deceased: Mrs Joan Pettifer")


def test_a_bylines_people_and_organisations_are_read_as_entities_of_the_byline() -> None:
    text = (
        "Trust fined over maternity failings\n\n"
        "By Jane Smith, health correspondent\n\n"
        "A hospital trust in Kent has been fined £2m after a series of maternity failings.\n\n"
        "Waiting list falls for the first time\n\n"
        "By Tom Okafor\n\n"
        "The waiting list in England fell by 40,000 in October, NHS England figures show.\n"
    )
    raw = RawDigest("d.txt", text, "Title", dt.date(2023, 11, 9), "header")
    first, second = build_digest(raw).stories
    assert first.byline == "By Jane Smith, health correspondent"
    assert ("Jane Smith", "PERSON", "byline") in {
        (e.text, e.label, e.field) for e in first.entities
    }
    spans = {(e.start, e.end) for e in second.entities if e.field == "byline"}
    assert [second.byline[start:end] for start, end in spans] == ["Tom Okafor"]


# -- problems -----------------------------------------------------------------------------------


def test_problems_are_fatal_for_named_files_and_read_errors(tmp_path: Path) -> None:
    folder = tmp_path / "box"
    folder.mkdir()
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "good.txt").write_text("Trust fined\n\nIt was.", encoding="utf-8")
    (folder / "chrome.txt").write_text("View in browser\n\nUnsubscribe\n", encoding="utf-8")
    named = tmp_path / "named.txt"
    named.write_bytes(b"\x00\x01binary")
    problems: list[Problem] = []
    digests = list(parse_paths([str(folder), str(named)], problems.append, with_entities=False))
    assert sum(len(d.stories) for d in digests) == 1
    found = {(Path(p.source).name, p.message, p.fatal) for p in problems}
    assert found == {
        ("chrome.txt", "no stories found", False),
        ("empty.txt", "empty file", False),
        ("picture.png", "not a digest (PNG image)", False),
        ("named.txt", "not a digest (binary data)", True),
    }


def test_folder_with_two_thousand_files(tmp_path: Path) -> None:
    for number in range(2000):
        (tmp_path / f"{number:04d}.txt").write_text(
            f"Story {number}\n\nText {number}.", encoding="utf-8"
        )
    problems: list[Problem] = []
    digests = list(parse_paths([tmp_path], problems.append, with_entities=False))
    assert problems == []
    assert len(digests) == 2000
    assert digests[0].stories[0].headline == "Story 0"
    assert digests[-1].stories[0].body == "Text 1999."


def test_unexpected_error_in_one_file_is_reported_and_others_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from indexer import pipeline

    real = pipeline.iter_digests

    def flaky(path: Path, source: str, on_problem=None):  # type: ignore[no-untyped-def]
        if path.name == "a.txt":
            raise RuntimeError("boom")
        return real(path, source, on_problem)

    monkeypatch.setattr(pipeline, "iter_digests", flaky)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Trust fined\n\nIt was.", encoding="utf-8")
    problems: list[Problem] = []
    digests = list(parse_paths([tmp_path], problems.append, with_entities=False))
    assert [Path(d.source).name for d in digests] == ["b.txt"]
    assert [(Path(p.source).name, p.message, p.fatal) for p in problems] == [
        ("a.txt", "cannot parse: RuntimeError: boom", True)
    ]


def test_byline_survives_the_index(tmp_path: Path) -> None:
    from indexer.index.store import update_index
    from indexer.search.searcher import open_index

    digest = tmp_path / "daily.txt"
    digest.write_text(
        "Trust fined over maternity failings\nBy Ruth Ackroyd, health correspondent\n\n"
        "The trust was fined £2m by the regulator.\n\n"
        "GP contract agreed\n\nGPs voted to accept the deal, the BMA said.\n",
        encoding="utf-8",
    )
    update_index(tmp_path / "index", [str(digest)])
    index = open_index(tmp_path / "index")
    try:
        [hit] = index.search('"maternity failings"').hits
        story = index.story(hit.id)
    finally:
        index.close()
    assert story is not None and story.byline == "By Ruth Ackroyd, health correspondent"


def test_details_survive_the_index_and_are_searched(tmp_path: Path) -> None:
    from indexer.index.store import update_index
    from indexer.search.searcher import open_index

    digest = tmp_path / "pfd.txt"
    digest.write_text(
        "[1] Sepsis missed after early discharge\n"
        "Deceased: Mr Kieran Walsh | Coroner: Alison Dunmore | Sent to: Lincoln and Fens\n\n"
        "Mr Walsh was discharged after four hours with oral antibiotics and died two days\n"
        "later of septic shock.\n\n"
        "[2] Missed follow-up of a chest X-ray\n"
        "Deceased: Mrs Joan Pettifer | Coroner: Dr Rhys Maddocks | Sent to: Gwent Valleys\n\n"
        "A chest X-ray showed a lesion that was never followed up by the practice, and she\n"
        "died of lung cancer two years later.\n",
        encoding="utf-8",
    )
    update_index(tmp_path / "index", [str(digest)])
    index = open_index(tmp_path / "index")
    try:
        [hit] = index.search("Dunmore").hits  # a word only the details hold
        assert "Dunmore" in hit.snippet  # shown from the details, where it matched
        story = index.story(hit.id)
        [by_person] = index.search('person:"Alison Dunmore"').hits
        [by_phrase] = index.search('"Coroner: Alison Dunmore"').hits
    finally:
        index.close()
    assert story is not None and story.details is not None
    assert story.details.startswith("Deceased: Mr Kieran Walsh")
    assert by_person.id == by_phrase.id == hit.id


def test_a_feed_items_guest_post_line_is_its_byline() -> None:
    raw = RawDigest(
        "feed.atom#3",
        "Guest post by Rosalind Achterberg, Queen’s Nurse and district nursing lead in Cornwall."
        "\n\nDistrict nursing has shrunk by almost a quarter in a decade, while the caseload has"
        " grown older and more complex.",
        "Sandfield Insights",
        dt.date(2025, 6, 12),
        "header",
        single_story=True,
        headline="What the plan must mean for community nursing",
    )
    [story] = build_digest(raw, with_entities=False).stories
    assert story.byline is not None and story.byline.startswith("Guest post by Rosalind")
    assert story.body.startswith("District nursing has shrunk")


def test_a_feed_items_dateline_is_not_its_text() -> None:
    raw = RawDigest(
        "news.xml#2",
        "London, 9 April 2019 – Senior emergency nurses are turning down extra shifts because of"
        " pension tax charges, the college said.",
        "College news",
        dt.date(2019, 4, 9),
        "header",
        single_story=True,
        headline="Pension tax rules pushing senior nurses to cut hours",
    )
    [story] = build_digest(raw, with_entities=False).stories
    assert story.body.startswith("Senior emergency nurses are turning down")
