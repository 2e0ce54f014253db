"""Story F1 on digests written apart from the splitting rules ([H]), per format.

tests/fixtures/eval6/ (43 digest files: plain text and PDF text; HTML, Markdown and feeds; mail,
mbox, Maildir and mailing-list digests) is held out: the rules are never tuned on it, and its
misses are not read; so is tests/fixtures/eval7/ (43 more, written last), kept back for the
round after. Each earlier held-out set was written in kinds of newsletter the sets
before it did not hold, measured once untouched, and then became a development set: eval2 to
eval5 are tuned on now, with dev/ to dev6/. tests/fixtures/eval/ (42 digests), the first
held-out set, only guards against regressions (its totals are read, never its misses). All
were written by helpers given only tests/fixtures/eval/SPEC.md. The floors below are the
figures reached when they were set, less a small margin, so a change that makes splitting
worse on digests nobody tuned for fails here; raise them as splitting improves. The goal for
the held-out set is 0.97 overall with no format below 0.93 (README). Entity figures have
floors too: on eval6 (held out from the entity rules as well) and on eval5 (tuned on since
2026-12-07).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evaluation import (
    ALL,
    Counts,
    Together,
    by_label,
    entity_counts,
    evaluate_all,
    evaluate_together,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HELD_OUT = [FIXTURES / "eval6" / name for name in ("text", "web", "mail")]
NEWEST = [FIXTURES / "eval7" / name for name in ("text", "web", "mail")]
ENTITY_TUNED = [FIXTURES / "eval5" / name for name in ("text", "mix")]
FIRST_HELD_OUT = [FIXTURES / "eval" / name for name in ("text", "web", "mail")]
DEVELOPMENT = [
    FIXTURES / "dev",
    *(FIXTURES / "dev2" / name for name in ("text", "web", "mail")),
    *(FIXTURES / "dev3" / name for name in ("html", "mail")),
    *(FIXTURES / "dev4" / name for name in ("web", "mix")),
    *(FIXTURES / "dev5" / name for name in ("textweb", "mail")),
    *(FIXTURES / "dev6" / name for name in ("text", "web")),
    *(
        FIXTURES / set_name / name
        for set_name in ("eval2", "eval3", "eval4")
        for name in ("text", "web", "mail")
    ),
    *ENTITY_TUNED,
]

# eval6's F1 when first scored (2026-12-07, code of 009bb55, after the session's tuning on eval5
# and the development sets: all 0.90, txt 0.85, md 0.87, html 0.97, feed 1.00, eml 0.93, mbox
# 0.84, Maildir 1.00; the code of the session's start, 61f8609, scored all 0.88), less about
# 0.03. (eval5 at first sight: all 0.78, txt 0.64; eval4: all 0.77.)
HELD_OUT_FLOORS = {
    "all": 0.87,
    "txt": 0.82,
    "md": 0.84,
    "html": 0.94,
    "feed": 0.97,
    "eml": 0.90,
    "mbox": 0.81,
    "maildir": 0.97,
}
# The first held-out set's F1 when last set, less about 0.03.
FIRST_HELD_OUT_FLOORS = {
    "all": 0.90,
    "txt": 0.86,
    "md": 0.92,
    "html": 0.94,
    "feed": 0.97,
    "eml": 0.95,
    "mbox": 0.72,
    "maildir": 0.92,
}
DEVELOPMENT_FLOOR = 0.95  # 0.962 when set (dev to dev6, eval2 to eval5)
# Entity (precision, recall) on eval6: first scored 2026-12-07 at P 0.913 R 0.919; the entity
# rules have been tuned on it since (a development set for entities, not for splitting), P 0.923
# R 0.950 when last set (the second round, with that day's later splitting); less about 0.01.
HELD_OUT_ENTITY_FLOOR = (0.91, 0.94)
# Entity (precision, recall) on dev7 (36 digest files in the less common kinds, a development
# set for the entity rules since its first scoring at P 0.889 R 0.912): P 0.897 R 0.921 when
# set (2026-12-07); less about 0.01.
DEV7 = [FIXTURES / "dev7" / name for name in ("text", "web", "mail")]
DEV7_ENTITY_FLOOR = (0.88, 0.91)
# eval7 (43 digest files in kinds neither eval6 nor any set before holds: attached and
# twice-forwarded digests, reply-all threads, Groups.io and Google Groups digests, Notion and
# MkDocs exports, changelogs, SharePoint and Substack pages, podcast feeds) was written at the
# end of the session that scored eval6, and scored once with that session's final code
# (2026-12-07, eec71a3: all 0.77, txt 0.81, md 0.56, html 0.97, feed 0.88, rdf 1.00, eml 0.70,
# mbox 0.74, Maildir 0.33 (8 stories); entities P 0.846 R 0.867). It is held out for the next
# round of tuning, on eval6; floors are those figures less about 0.03 (Maildir's less 0.1).
NEWEST_FLOORS = {
    "all": 0.74,
    "txt": 0.77,
    "md": 0.52,
    "html": 0.94,
    "feed": 0.84,
    "rdf": 0.97,
    "eml": 0.67,
    "mbox": 0.71,
    "maildir": 0.23,
}
NEWEST_ENTITY_FLOOR = (0.82, 0.84)
# Entity (precision, recall) on eval5, over all labels and per label, when last set (2026-12-07:
# all P 0.912 R 0.932; ORG 0.944 0.872, PERSON 0.960 0.941, PLACE 0.865 0.811, MONEY 0.968 1.000,
# PERCENT 0.978 1.000, DATE 0.815 0.962; after the rules tuned on eval6, all R 0.938, ORG P
# 0.946 R 0.891, PLACE 0.867 0.821), less about 0.01. eval5 was held out from the entity
# rules until then (F1 0.895 with that day's splitting); eval6 is held out since.
ENTITY_FLOORS = {
    ALL: (0.90, 0.93),
    "ORG": (0.93, 0.88),
    "PERSON": (0.95, 0.93),
    "PLACE": (0.85, 0.81),
    "MONEY": (0.95, 0.99),
    "PERCENT": (0.96, 0.99),
    "DATE": (0.80, 0.95),
}


@pytest.fixture(scope="module")
def held_out() -> Together:
    return evaluate_together(HELD_OUT)


@pytest.mark.parametrize("fmt", sorted(HELD_OUT_FLOORS))
def test_held_out_story_f1_per_format(held_out: Together, fmt: str) -> None:
    precision, recall, f1 = held_out.stories[fmt]
    assert f1 >= HELD_OUT_FLOORS[fmt], f"{fmt}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


def test_every_held_out_format_is_scored(held_out: Together) -> None:
    assert set(held_out.stories) == set(HELD_OUT_FLOORS)


def test_held_out_entity_figures(held_out: Together) -> None:
    precision, recall, _ = held_out.entities[ALL].figures()
    floor_p, floor_r = HELD_OUT_ENTITY_FLOOR
    assert precision >= floor_p and recall >= floor_r, f"P {precision:.3f} R {recall:.3f}"


def test_dev7_entity_figures() -> None:
    precision, recall, _ = evaluate_together(DEV7).entities[ALL].figures()
    floor_p, floor_r = DEV7_ENTITY_FLOOR
    assert precision >= floor_p and recall >= floor_r, f"P {precision:.3f} R {recall:.3f}"


@pytest.fixture(scope="module")
def entity_tuned() -> Together:
    return evaluate_together(ENTITY_TUNED)


@pytest.mark.parametrize("label", sorted(ENTITY_FLOORS))
def test_entity_figures_on_eval5(entity_tuned: Together, label: str) -> None:
    precision, recall, f1 = entity_tuned.entities[label].figures()
    floor_p, floor_r = ENTITY_FLOORS[label]
    figures = f"{label}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"
    assert precision >= floor_p and recall >= floor_r, figures


@pytest.fixture(scope="module")
def newest() -> Together:
    return evaluate_together(NEWEST)


def test_newest_held_out_set_per_format(newest: Together) -> None:
    assert set(newest.stories) == set(NEWEST_FLOORS)
    fallen = {
        fmt: round(newest.stories[fmt][2], 3)
        for fmt, floor in NEWEST_FLOORS.items()
        if newest.stories[fmt][2] < floor
    }
    assert not fallen
    precision, recall, _ = newest.entities[ALL].figures()
    floor_p, floor_r = NEWEST_ENTITY_FLOOR
    assert precision >= floor_p and recall >= floor_r, f"P {precision:.3f} R {recall:.3f}"


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


def test_entity_counts_pool_over_folders() -> None:
    """Folders pool by their counts, not by averaging their figures."""
    first = entity_counts(
        {"required": [{"text": "NHS England", "types": ["ORG"]}]},
        [{"entities": [{"text": "NHS England", "label": "ORG"}]}],
    )
    second = entity_counts(
        {"required": [{"text": "Leeds", "types": ["PLACE"]}, {"text": "Hull", "types": ["PLACE"]}]},
        [{"entities": [{"text": "Leeds", "label": "PLACE"}, {"text": "York", "label": "PLACE"}]}],
    )
    total = Counts()
    total.add(first[ALL])
    total.add(second[ALL])
    assert (total.hits, total.wanted, total.good, total.named) == (2, 3, 2, 3)
    assert total.figures()[:2] == (pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert second["PLACE"].figures()[:2] == (0.5, 0.5)
