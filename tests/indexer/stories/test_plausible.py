"""The story model: what it reads of a piece, what it does with a doubted one (joins it to the
story above, never drops its text), what it leaves alone, and the model file it ships with."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from indexer.records import Section
from indexer.stories import plausible
from indexer.stories.plausible import (
    FEATURES,
    StoryModel,
    features,
    judging,
    story_model,
    unjudged,
    unlikely_stories,
)
from indexer.stories.split import split_digest

pytestmark = pytest.mark.story_model

STORIES = [
    (
        "Trust fined over patient death",
        "The trust was fined £600,000 at Leeds Crown Court on Monday after a patient fell from "
        "a hospital roof, the Health and Safety Executive said. The judge said failings were "
        "systemic.",
    ),
    (
        "Strike ballot opens for consultants",
        "Consultants in England will be balloted on strike action from next week, the British "
        "Medical Association said, after talks on pay ended without agreement.",
    ),
    (
        "ICB deficit widens to £90m",
        "Cheshire and Merseyside's integrated care board expects a deficit of £90m this year, up "
        "from £60m forecast in April, board papers show.",
    ),
]
CHROME = (
    "Thanks for reading",
    "Did someone forward you this email? Sign up for free to get the newsletter in your inbox, "
    "and follow us on LinkedIn.",
)


def _text(*pieces: tuple[str, str]) -> str:
    return "\n\n".join(f"{headline}\n\n{body}" for headline, body in pieces) + "\n"


def _row(pieces: list[tuple[str | None, tuple[str, ...]]], at: int) -> dict[str, float]:
    return dict(zip(FEATURES, features(pieces)[at], strict=True))


def test_one_row_of_every_feature_per_piece() -> None:
    pieces = [(h, (b,)) for h, b in [*STORIES, CHROME]]
    rows = features(pieces)
    assert len(rows) == len(pieces) and all(len(row) == len(FEATURES) for row in rows)
    story, chrome = _row(pieces, 1), _row(pieces, 3)
    assert story["first"] == 0.0 and _row(pieces, 0)["first"] == 1.0
    assert chrome["last"] == 1.0 and story["last"] == 0.0
    assert story["said"] == 1.0 and chrome["said"] == 0.0
    assert chrome["you_words"] > 0 == story["you_words"]
    assert chrome["chrome_words"] > story["chrome_words"]
    assert features([(None, ("Lead text.",))])[0][FEATURES.index("has_headline")] == 0.0


def test_features_of_empty_and_odd_pieces_do_not_fail() -> None:
    rows = features([(None, ()), ("", ("",)), ("A", ("1.", "https://x.org"))])
    assert all(len(row) == len(FEATURES) for row in rows)


def test_a_piece_that_reads_as_chrome_closes_the_story_above_it() -> None:
    text = _text(*STORIES, CHROME)
    with unjudged():
        rules = split_digest(text).sections
    assert [s.headline for s in rules][-1] == CHROME[0]  # the rules alone keep it
    judged = split_digest(text, explain=True)
    assert [s.headline for s in judged.sections] == [h for h, _ in STORIES]
    last = judged.sections[-1]
    assert last.paragraphs == (STORIES[2][1], *CHROME)  # joined, its text kept
    notes = {line.text: line.decision for line in judged.explained}
    assert notes[CHROME[0]].startswith("story 3: text (joined: not like a story, the story model")


def test_stories_are_left_alone() -> None:
    assert len(split_digest(_text(*STORIES)).sections) == len(STORIES)
    sections = [Section(h, (b,)) for h, b in STORIES]
    assert unlikely_stories(sections) == {}


def test_the_first_piece_and_a_lone_piece_are_never_judged() -> None:
    chrome = Section(*CHROME[:1], CHROME[1:])
    assert unlikely_stories([chrome]) == {}
    assert 0 not in unlikely_stories([chrome, *(Section(h, (b,)) for h, b in STORIES)])


def test_a_model_that_drops_everything_still_keeps_the_first_piece() -> None:
    everything = StoryModel(tuple(0.0 for _ in FEATURES), -50.0, 0.5)
    sections = [Section(h, (b,)) for h, b in STORIES]
    assert sorted(unlikely_stories(sections, everything)) == [1, 2]


def test_unjudged_turns_the_model_off_and_back_on() -> None:
    assert judging()
    with unjudged():
        assert not judging()
        with unjudged():
            assert not judging()
        assert not judging()
    assert judging()


def test_the_shipped_model_reads_these_features() -> None:
    shipped = resources.files("indexer.stories").joinpath(plausible.MODEL_FILE)
    data = json.loads(shipped.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    model = story_model()
    assert len(model.weights) == len(FEATURES) and 0.0 < model.threshold < 1.0
    assert StoryModel.from_json(model.to_json()) == model


def test_a_model_of_other_features_is_refused() -> None:
    data = story_model().to_json()
    data["features"] = [*data["features"][:-1], "something_else"]
    with pytest.raises(ValueError, match="retrain"):
        StoryModel.from_json(data)
