"""Is a piece the splitter cut out a story, or debris the rules did not know? A learned check.

The rules in `split`, `boilerplate` and `debris` drop the mastheads, intros, footers, sponsor
blocks and listings they recognise by shape and wording. On a newsletter the rules have never
met, what they miss still looks unlike a story in ways no single rule says: little or no text
that reads as sentences, the reader addressed ("you", "your"), links, addresses and dates in
place of prose, a last piece of chrome-like words. A small logistic model over such features of
each piece, trained on the gold-annotated fixture sets (`tools/train_story_model.py`), gives
the chance that a piece is a story.

A piece below the model's threshold is not dropped: its lines become the closing paragraphs
of the story above it, so no text leaves the index on the model's word (`dex parse --explain`
shows each join and the chance behind it). The first piece of a digest has no story above it
and is never judged, nor is a piece of `LONG_WORDS` words or more.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import repeat

from indexer.records import Section

__all__ = [
    "FEATURES",
    "StoryModel",
    "features",
    "judged",
    "judging",
    "story_model",
    "unjudged",
    "unlikely_stories",
]

MODEL_FILE = "story_model.json"

# Every feature the model weighs, in the order `features` returns them (the model file names
# them too, so a model trained on other features is refused rather than misread).
FEATURES = (
    "has_headline",
    "headline_words",
    "body_words",
    "paragraphs",
    "words_per_paragraph",
    "sentence_paragraphs",
    "short_paragraphs",
    "first",
    "last",
    "position",
    "pieces",
    "body_vs_median",
    "headline_colon",
    "headline_sentence",
    "headline_caps",
    "headline_capitalised",
    "headline_repeated",
    "chrome_words",
    "you_words",
    "we_words",
    "said",
    "links",
    "emails",
    "phones",
    "digits",
    "months",
    "capitalised_body",
    "lowercase_start",
    "bullet_start",
    "before_words",
    "after_words",
    "same_shape_neighbours",
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LINK = re.compile(r"https?://|www\.|\.(?:com|org|uk|net)\b", re.I)
_EMAIL = re.compile(r"\S@\S+\.\w")
_PHONE = re.compile(r"(?:\+44|\b0\d{2,4})[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
_DIGITS = "0123456789"
_PUNCT = "\"'‘’“”()[]{}.,;:!?…-–—*•|/"
_LINK_HINTS = ("http", "www.", ".com", ".org", ".uk", ".net")
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ]")  # a word that starts with a capital letter
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_BULLET = re.compile(r"^\s*(?:[-*•▪►>]|\d{1,2}[.)])\s")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words of a newsletter's own chrome (sign-up, footers, sponsors, its pages), not of news.
_CHROME = _words(
    """subscribe subscribed subscription subscribers unsubscribe newsletter newsletters inbox
    click signup register registration webinar webinars sponsored sponsor sponsors
    advertisement advertise advertising privacy cookies copyright reserved follow twitter
    linkedin facebook instagram youtube podcast forward forwarded preferences browser website
    login download feedback"""
)
_YOU = _words("you your yours yourself you're you'll you've")
_WE = _words("we our ours us we're we've we'll")
_SAID = _words("said says told according announced warned claimed added reported")
_MONTHS = _words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday"""
)
# Each word of those lists -> the feature it counts towards (one look-up per word).
_KIND = {
    word: kind
    for kind, words in (
        ("chrome", _CHROME),
        ("you", _YOU),
        ("we", _WE),
        ("said", _SAID),
        ("months", _MONTHS),
    )
    for word in words
}
LONG_WORDS = 60  # a piece this long is never judged
_SHORT_PARAGRAPH = 8  # words: a paragraph this short is a line of a list or a label


def _log(count: float) -> float:
    return math.log1p(count)


def _count(pattern: re.Pattern[str], text: str, hints: Sequence[str]) -> int:
    """Matches of `pattern`, not looked for where none of its `hints` is in the text."""
    return len(pattern.findall(text)) if any(hint in text for hint in hints) else 0


def _capitalised(words: Sequence[str]) -> int:
    return len(list(filter(None, map(_CAPITAL.match, words))))


Piece = tuple[str | None, Sequence[str]]  # a headline (or None) and its paragraphs


def judged(pieces: Sequence[Piece]) -> list[int]:
    """Which pieces of a digest the model judges: not the first (there is no story above it to
    join), nor one of `LONG_WORDS` words or more (text that long is a story's; the few long
    pieces the model doubts were more often stories than not)."""
    return [
        at
        for at, (_, paragraphs) in enumerate(pieces)
        if at and sum(len(text.split()) for text in paragraphs) < LONG_WORDS
    ]


def features(pieces: Sequence[Piece], only: Sequence[int] | None = None) -> list[list[float]]:
    """One row of `FEATURES` per piece (headline, paragraphs) of one digest, in order; with
    `only`, the rows of those pieces alone (the digest still gives their context)."""
    count = len(pieces)
    heads = [(headline or "").strip() for headline, _ in pieces]
    head_words = [_WORD.findall(head) for head in heads]
    head_keys = [" ".join(words).lower() for words in head_words]
    repeated = {key for key in head_keys if key and head_keys.count(key) > 1}
    bodies = ["\n\n".join(paragraphs) for _, paragraphs in pieces]
    body_words = [body.split() for body in bodies]
    lengths = sorted(len(words) for words in body_words)
    median = lengths[count // 2] if count else 0
    rows = []
    for at in range(count) if only is None else only:
        headline, paragraphs = pieces[at]
        words = body_words[at]
        kinds = Counter(map(_KIND.get, map(str.strip, map(str.lower, words), repeat(_PUNCT))))
        total = max(len(words), 1)
        headword = head_words[at]
        body = bodies[at]
        texts = [text for text in paragraphs if text.strip()] or [""]
        sentences = sum(1 for text in texts if _SENTENCE_END.search(text.rstrip()))
        short = sum(1 for text in texts if len(text.split()) < _SHORT_PARAGRAPH)
        chrome = kinds["chrome"] + sum(1 for word in headword if word.lower() in _CHROME)
        head = heads[at]
        first_char = body.lstrip()[:1]
        digits = sum(map(body.count, _DIGITS))
        rows.append(
            [
                float(headline is not None),
                _log(len(headword)),
                _log(len(words)),
                _log(len(texts)),
                _log(len(words) / len(texts)),
                sentences / len(texts),
                short / len(texts),
                float(at == 0),
                float(at == count - 1),
                at / (count - 1) if count > 1 else 0.0,
                _log(count),
                _log(len(words)) - _log(median),
                float(head.endswith(":")),
                float(bool(head) and _SENTENCE_END.search(head) is not None),
                float(bool(head) and head.isupper()),
                _capitalised(headword[1:]) / max(len(headword) - 1, 1),
                float(head_keys[at] in repeated),
                chrome / (total + len(headword)),
                kinds["you"] / total,
                kinds["we"] / total,
                float(kinds["said"] > 0),
                _log(_count(_LINK, body, _LINK_HINTS)),
                _log(_count(_EMAIL, body, ("@",))),
                _log(len(_PHONE.findall(body)) if digits else 0),
                digits / max(len(body), 1),
                kinds["months"] / total,
                _capitalised(words) / total,
                float(first_char.islower()),
                float(_BULLET.match(body) is not None),
                _log(len(body_words[at - 1])) if at else -1.0,
                _log(len(body_words[at + 1])) if at + 1 < count else -1.0,
                sum(
                    1
                    for other in (at - 1, at + 1)
                    if 0 <= other < count
                    and (pieces[other][0] is None) == (headline is None)
                    and abs(_log(len(body_words[other])) - _log(len(words))) < 0.7
                )
                / 2,
            ]
        )
    return rows


@dataclass(frozen=True, slots=True)
class StoryModel:
    """Logistic weights over `FEATURES` (standardising folded in) and the cut-off chance."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def chance(self, row: Sequence[float]) -> float:
        """The chance that a piece with these features is a story."""
        z = self.bias + sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0)))

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict) -> StoryModel:
        if tuple(data["features"]) != FEATURES:
            raise ValueError(
                "the story model was trained on other features; retrain it "
                "(python tools/train_story_model.py)"
            )
        return cls(tuple(data["weights"]), float(data["bias"]), float(data["threshold"]))


@cache
def story_model() -> StoryModel:
    """The model shipped beside this module."""
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return StoryModel.from_json(json.loads(text))


_judging: ContextVar[bool] = ContextVar("judging", default=True)


def judging() -> bool:
    """Whether the splitter asks the model (off while pieces are collected to train it)."""
    return _judging.get()


@contextmanager
def unjudged() -> Iterator[None]:
    """Split without the model, in this thread or task only: what the rules alone keep (to
    train the model on)."""
    token = _judging.set(False)
    try:
        yield
    finally:
        _judging.reset(token)


def unlikely_stories(
    sections: Sequence[Section], model: StoryModel | None = None
) -> dict[int, str]:
    """The pieces of one digest the model judges (`judged`) and does not take for stories."""
    pieces = [(section.headline, section.paragraphs) for section in sections]
    which = judged(pieces)
    if not which:
        return {}
    model = model or story_model()
    unlikely = {}
    for at, row in zip(which, features(pieces, which), strict=True):
        chance = model.chance(row)
        if chance < model.threshold:
            unlikely[at] = f"the story model gives it {chance:.2f}"
    return unlikely
