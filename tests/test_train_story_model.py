"""tools/train_story_model.py: it never trains on the held-out sets, labels pieces as the scorer
matches them, and fits a model that separates what it is shown."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("train", ROOT / "tools" / "train_story_model.py")
assert _spec is not None and _spec.loader is not None
train = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(train)


def test_the_held_out_sets_are_never_trained_on() -> None:
    tops = {folder.relative_to(train.FIXTURES).parts[0] for folder in train.training_folders()}
    assert "seeds" in tops and "eval7" in tops
    assert not tops & set(train.HELD_OUT)


def test_every_gold_story_of_the_seeds_is_labelled_a_story() -> None:
    seeds = train.FIXTURES / "seeds"
    digests = train.collect([seeds])
    gold = json.loads((seeds / "stories.gold.json").read_text(encoding="utf-8"))
    wanted = sum(len(entry["stories"]) for entry in gold.values() if isinstance(entry, dict))
    assert sum(sum(digest["labels"]) for digest in digests) == wanted
    assert all(len(d["labels"]) == len(d["pieces"]) for d in digests)


def test_a_piece_that_matches_no_gold_story_is_not_one(tmp_path: Path) -> None:
    seeds = train.FIXTURES / "seeds"
    [digest, *_] = train.collect([seeds])
    digest["pieces"].append(["Follow us", ["On LinkedIn."]])
    train.label([digest], seeds)
    assert digest["labels"][-1] is False


def test_fit_separates_what_it_is_shown() -> None:
    rng = np.random.default_rng(1)
    rows = rng.normal(size=(400, 3))
    labels = rows[:, 0] + 0.5 * rows[:, 1] > 0
    weights, bias = train.fit(rows * 10 + 5, labels)  # raw features: standardising folded in
    chances = train.chances(rows * 10 + 5, weights, bias)
    assert ((chances > 0.5) == labels).mean() > 0.95
