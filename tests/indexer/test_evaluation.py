"""Story F1 on digests written apart from the splitting rules ([H]), per format.

tests/fixtures/eval/ (42 digests: text, web, mail) is held out: the rules are never tuned on
it. tests/fixtures/dev/, dev2/, dev3/ and dev4/ (136 digests) are the development sets the
rules are tuned on. Both were written by helpers given only tests/fixtures/eval/SPEC.md. The
floors below are the figures reached when they were set, less a small margin, so a change that
makes splitting worse on digests nobody tuned for fails here; raise them as splitting improves.
The goal for the held-out set is 0.97 overall with no format below 0.93 (README).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evaluation import by_label, evaluate_all

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HELD_OUT = [FIXTURES / "eval" / name for name in ("text", "web", "mail")]
DEVELOPMENT = [
    FIXTURES / "dev",
    *(FIXTURES / "dev2" / name for name in ("text", "web", "mail")),
    *(FIXTURES / "dev3" / name for name in ("html", "mail")),
    *(FIXTURES / "dev4" / name for name in ("web", "mix")),
]

# Held-out F1 when set (2026-12-06, last set after the dev3 tuning), less about 0.03. The mbox
# figure fell from 0.77 to 0.71 with the commit that made dated metadata lines and partner
# labels debris, while the development sets (nine mbox files) rose; three held-out mbox files
# make a noisy figure, and the change was kept.
HELD_OUT_FLOORS = {
    "all": 0.86,
    "txt": 0.84,
    "md": 0.84,
    "html": 0.91,
    "feed": 0.97,
    "eml": 0.89,
    "mbox": 0.69,
    "maildir": 0.86,
}
DEVELOPMENT_FLOOR = 0.91  # 0.93 when set


@pytest.fixture(scope="module")
def held_out() -> dict[str, tuple[float, float, float]]:
    return evaluate_all(HELD_OUT)


@pytest.mark.parametrize("fmt", sorted(HELD_OUT_FLOORS))
def test_held_out_story_f1_per_format(held_out: dict, fmt: str) -> None:
    precision, recall, f1 = held_out[fmt]
    assert f1 >= HELD_OUT_FLOORS[fmt], f"{fmt}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


def test_every_held_out_format_is_scored(held_out: dict) -> None:
    assert set(held_out) == set(HELD_OUT_FLOORS)


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
