"""Story F1 on digests written apart from the splitting rules ([H]), per format.

tests/fixtures/eval2/ (39 digest files and 5 Maildir messages: text, web, mail) is held out: the
rules are never tuned on it, and its misses are not read. tests/fixtures/eval/ (42 digests) was
the first held-out set; its totals were checked after many changes in the session that used
it, so it now only guards against regressions. tests/fixtures/dev/ to dev6/ are the
development sets the rules are tuned on. All were written by helpers given only
tests/fixtures/eval/SPEC.md; dev6 was written by other hands in the kinds of newsletter
eval2's writers were asked for. The floors below are the figures reached when they were set,
less a small margin, so a change that makes splitting worse on digests nobody tuned for fails
here; raise them as splitting improves. The goal for the held-out set is 0.97 overall with no format
below 0.93 (README).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evaluation import by_label, evaluate_all

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HELD_OUT = [FIXTURES / "eval2" / name for name in ("text", "web", "mail")]
FIRST_HELD_OUT = [FIXTURES / "eval" / name for name in ("text", "web", "mail")]
DEVELOPMENT = [
    FIXTURES / "dev",
    *(FIXTURES / "dev2" / name for name in ("text", "web", "mail")),
    *(FIXTURES / "dev3" / name for name in ("html", "mail")),
    *(FIXTURES / "dev4" / name for name in ("web", "mix")),
    *(FIXTURES / "dev5" / name for name in ("textweb", "mail")),
    *(FIXTURES / "dev6" / name for name in ("text", "web")),
]

# eval2's F1 when it was first scored (2026-12-06, code of dcb69b0: all 0.79, txt 0.68, md 0.88,
# html 0.70, feed 0.93, eml 0.94, mbox 0.70, Maildir 0.81); after the day's work on the dev sets
# (all 0.82, txt 0.71, md 0.92, html 0.72, feed 0.93, eml 0.95, mbox 0.81, Maildir 0.87); after
# tuning on dev6, written in the styles eval2's writers were asked for (all 0.87, txt 0.86, html
# 0.82, eml 0.94), less about 0.03.
HELD_OUT_FLOORS = {
    "all": 0.84,
    "txt": 0.82,
    "md": 0.89,
    "html": 0.79,
    "feed": 0.89,
    "eml": 0.91,
    "mbox": 0.78,
    "maildir": 0.83,
}
# The first held-out set's F1 when last set, less about 0.03.
FIRST_HELD_OUT_FLOORS = {
    "all": 0.86,
    "txt": 0.84,
    "md": 0.84,
    "html": 0.91,
    "feed": 0.97,
    "eml": 0.89,
    "mbox": 0.69,
    "maildir": 0.86,
}
DEVELOPMENT_FLOOR = 0.93  # 0.952 when set (dev to dev6)


@pytest.fixture(scope="module")
def held_out() -> dict[str, tuple[float, float, float]]:
    return evaluate_all(HELD_OUT)


@pytest.mark.parametrize("fmt", sorted(HELD_OUT_FLOORS))
def test_held_out_story_f1_per_format(held_out: dict, fmt: str) -> None:
    precision, recall, f1 = held_out[fmt]
    assert f1 >= HELD_OUT_FLOORS[fmt], f"{fmt}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


def test_every_held_out_format_is_scored(held_out: dict) -> None:
    assert set(held_out) == set(HELD_OUT_FLOORS)


def test_first_held_out_set_does_not_fall_back() -> None:
    scores = evaluate_all(FIRST_HELD_OUT)
    fallen = {
        fmt: round(scores[fmt][2], 3)
        for fmt, floor in FIRST_HELD_OUT_FLOORS.items()
        if scores[fmt][2] < floor
    }
    assert not fallen


def test_development_sets_story_f1() -> None:
    precision, recall, f1 = evaluate_all(DEVELOPMENT)["all"]
    assert f1 >= DEVELOPMENT_FLOOR, f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


def test_entity_figures_per_label() -> None:
    gold = {
        "required": [
            {"text": "NHS England", "types": ["ORG"]},
            {"text": "Leeds", "types": ["PLACE"]},
        ],
        "optional": [{"text": "next week", "types": ["DATE"]}],
    }
    parsed = [
        {
            "entities": [
                {"text": "NHS England", "label": "ORG"},
                {"text": "Wakefield", "label": "PLACE"},
                {"text": "next week", "label": "DATE"},
            ]
        }
    ]
    figures = by_label(gold, parsed)
    assert figures["ORG"] == (1.0, 1.0)
    assert figures["PLACE"] == (0.0, 0.0)  # Leeds missed, Wakefield not in the gold
    assert figures["DATE"] == (1.0, 1.0)  # optional: neither right nor wrong
