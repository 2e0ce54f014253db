"""Train the story model (`indexer/stories/plausible.py`) on the gold-annotated fixture sets.

    python tools/train_story_model.py            # retrain, write indexer/stories/story_model.json
    python tools/train_story_model.py --cv       # leave-one-set-out story F1 by threshold
    python tools/train_story_model.py --earlier TREE   # remake the earlier splitter's pieces

(TREE: a checkout of commit 8062313, `git worktree add --detach /tmp/old 8062313`.)

Every piece the rules keep (the model off) in the digests of the training sets is labelled a
story when it matches a gold story as `score.py` matches them (headline equal, body starting
with the gold start), else not a story. Beside them the trainer reads the pieces an earlier,
weaker splitter cut from the same digests (`tools/story_model/earlier_pieces.jsonl.gz`): on a
newsletter the rules have never met, the splitter goes wrong as that one did, and the model
has to have seen such pieces.

The held-out set (`HELD_OUT`) is never read here: it measures the model, not teaches it.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MODEL = ROOT / "indexer" / "stories" / "story_model.json"
EARLIER = ROOT / "tools" / "story_model" / "earlier_pieces.jsonl.gz"
HELD_OUT = ("eval20",)  # never trained or tuned on: the set the README reports
NOT_STORY_WEIGHT = 2.0  # a kept piece of debris costs a reader more than a lost story
L2 = 1.0
STEPS = 3000
RATE = 0.1
THRESHOLD = 0.2


def training_folders(fixtures: Path = FIXTURES) -> list[Path]:
    """Every gold-annotated folder but the held-out sets."""
    return sorted(
        gold.parent
        for gold in fixtures.rglob("stories.gold.json")
        if gold.relative_to(fixtures).parts[0] not in HELD_OUT
    )


# -- pieces -------------------------------------------------------------------------------------


def dump_pieces(folders: list[Path]) -> list[dict]:
    """The pieces the splitter on sys.path keeps in every gold-named file, one dict per digest
    (a digest of one piece is never judged, but counts in the scores). Runs in a subprocess
    for an earlier tree, so it imports late."""
    from contextlib import nullcontext

    from indexer.pipeline import parse_paths

    try:
        from indexer.stories.plausible import unjudged
    except ImportError:  # an earlier splitter, before the model
        unjudged = nullcontext
    digests = []
    for folder in folders:
        gold = json.loads((folder / "stories.gold.json").read_text(encoding="utf-8"))
        for name, entry in sorted(gold.items()):
            if not isinstance(entry, dict) or "stories" not in entry:
                continue
            path = next(folder.rglob(name))
            with unjudged():
                parsed = list(parse_paths([path], lambda problem: None, with_entities=False))
            for digest in parsed:
                pieces = [[s.headline, s.body.split("\n\n")] for s in digest.stories]
                digests.append({"folder": str(folder), "file": name, "pieces": pieces})
    return digests


def _score_module():
    spec = importlib.util.spec_from_file_location("score", FIXTURES / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def label(digests: list[dict], folder: Path) -> None:
    """Mark each piece a story or not, matching gold as score.py does, per file."""
    norm = _score_module().norm
    gold = json.loads((folder / "stories.gold.json").read_text(encoding="utf-8"))
    by_file: dict[str, list[dict]] = {}
    for digest in digests:
        digest["labels"] = [False] * len(digest["pieces"])
        by_file.setdefault(digest["file"], []).append(digest)
    for name, members in by_file.items():
        wanted = [(norm(g["headline"]), norm(g["body_start"])) for g in gold[name]["stories"]]
        pieces = [(d, at) for d in members for at in range(len(d["pieces"]))]
        used: set[int] = set()
        for head, start in wanted:
            for number, (digest, at) in enumerate(pieces):
                headline, paragraphs = digest["pieces"][at]
                body = norm("\n\n".join(paragraphs))
                if number not in used and norm(headline) == head and body.startswith(start):
                    used.add(number)
                    digest["labels"][at] = True
                    break


def collect(folders: list[Path]) -> list[dict]:
    """The current splitter's labelled pieces of `folders`."""
    digests = dump_pieces(folders)
    for folder in folders:
        label([d for d in digests if d["folder"] == str(folder)], folder)
    return digests


def earlier(tree: Path, folders: list[Path]) -> list[dict]:
    """The labelled pieces an earlier splitter (a checkout at `tree`) keeps."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, __file__, "--dump", *map(str, folders)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=tree,
    ).stdout
    digests = [json.loads(line) for line in out.splitlines()]
    for folder in folders:
        label([d for d in digests if d["folder"] == str(folder)], folder)
    for digest in digests:
        digest["folder"] = str(Path(digest["folder"]).relative_to(FIXTURES))
    return digests


def read_earlier(path: Path = EARLIER) -> list[dict]:
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        digests = [json.loads(line) for line in fh]
    for digest in digests:
        digest["folder"] = str(FIXTURES / digest["folder"])
    return digests


# -- the model ----------------------------------------------------------------------------------


@dataclass
class Data:
    rows: np.ndarray
    labels: np.ndarray
    sets: np.ndarray  # the top-level fixture set of each piece, for leave-one-set-out
    fixed: np.ndarray  # pieces the model never judges (`plausible.judged`): they stay stories
    digest: np.ndarray  # which digest each piece is of


def to_data(digests: list[dict]) -> Data:
    from indexer.stories.plausible import features, judged

    rows, labels, sets, fixed, which = [], [], [], [], []
    for number, digest in enumerate(digests):
        pieces = [(h, p) for h, p in digest["pieces"]]
        rows.extend(features(pieces))
        labels.extend(digest["labels"])
        top = Path(digest["folder"]).relative_to(FIXTURES).parts[0]
        sets.extend([top] * len(pieces))
        judge = set(judged(pieces))
        fixed.extend(at not in judge for at in range(len(pieces)))
        which.extend([number] * len(pieces))
    return Data(
        np.array(rows, dtype=float),
        np.array(labels, dtype=bool),
        np.array(sets),
        np.array(fixed, dtype=bool),
        np.array(which),
    )


def fit(rows: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, float]:
    """Weighted, L2-regularised logistic regression by gradient descent; weights and bias on
    the raw features (the standardising folded in)."""
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    x = (rows - mean) / scale
    y = labels.astype(float)
    weight = np.where(labels, 1.0, NOT_STORY_WEIGHT)
    weight /= weight.sum()
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        error = (p - y) * weight
        w -= RATE * (x.T @ error + L2 * w / len(y))
        b -= RATE * error.sum()
    return w / scale, float(b - (w * mean / scale).sum())


def chances(rows: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(rows @ weights + bias, -60, 60)))


def kept_after(data: Data, chance: np.ndarray, threshold: float) -> np.ndarray:
    """Which pieces stay stories of their own (the first of a digest always does)."""
    return (chance >= threshold) | data.fixed


def f1(data: Data, keep: np.ndarray, gold: int) -> float:
    hits = int((keep & data.labels).sum())
    kept = int(keep.sum())
    precision = hits / kept if kept else 0.0
    recall = hits / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def gold_count(folders: list[Path]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for folder in folders:
        gold = json.loads((folder / "stories.gold.json").read_text(encoding="utf-8"))
        top = folder.relative_to(FIXTURES).parts[0]
        stories = sum(len(e["stories"]) for e in gold.values() if isinstance(e, dict))
        counts[top] = counts.get(top, 0) + stories
    return counts


def cross_validate(now: Data, old: Data, gold: dict[str, int]) -> None:
    """Leave one fixture set out: train on the rest (both splitters), judge the one left."""
    thresholds = (0.0, 0.2, 0.3, 0.4, 0.5)
    both = Data(
        *(
            np.concatenate([a, b])
            for a, b in zip(vars(now).values(), vars(old).values(), strict=True)
        )
    )
    found = {name: np.zeros(len(d.labels)) for name, d in (("now", now), ("earlier", old))}
    for top in sorted(set(now.sets)):
        train = (both.sets != top) & ~both.fixed
        weights, bias = fit(both.rows[train], both.labels[train])
        for name, d in (("now", now), ("earlier", old)):
            out = d.sets == top
            found[name][out] = chances(d.rows[out], weights, bias)
    total = sum(gold.values())
    for name, d in (("now", now), ("earlier", old)):
        cells = [f"{t:.1f}: {f1(d, kept_after(d, found[name], t), total):.4f}" for t in thresholds]
        print(f"{name:8} F1 by threshold (0.0 = no model)  " + "  ".join(cells))
    print(f"now, each set left out, without and with the model at {THRESHOLD}:")
    for top in sorted(gold):
        out = now.sets == top
        part = Data(*(value[out] for value in vars(now).values()))
        without = f1(part, np.ones(out.sum(), dtype=bool), gold[top])
        with_model = f1(part, kept_after(part, found["now"][out], THRESHOLD), gold[top])
        print(f"  {top:8} {without:.3f} -> {with_model:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", action="store_true", help="leave-one-set-out F1, no writing")
    parser.add_argument("--earlier", type=Path, metavar="TREE", help="remake the earlier pieces")
    parser.add_argument("--dump", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump is not None:
        for digest in dump_pieces([Path(f) for f in args.dump]):
            print(json.dumps(digest, ensure_ascii=False))
        return
    folders = training_folders()
    if args.earlier:
        EARLIER.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(EARLIER, "wt", encoding="utf-8") as fh:
            for digest in earlier(args.earlier.resolve(), folders):
                fh.write(json.dumps(digest, ensure_ascii=False) + "\n")
        print(f"wrote {EARLIER.relative_to(ROOT)}")
        return
    now = to_data(collect(folders))
    old = to_data(read_earlier())
    print(
        f"{len(now.labels)} pieces ({int(now.labels.sum())} stories), "
        f"{len(old.labels)} earlier pieces ({int(old.labels.sum())} stories)"
    )
    if args.cv:
        cross_validate(now, old, gold_count(folders))
        return
    judged = np.concatenate([~now.fixed, ~old.fixed])
    rows = np.concatenate([now.rows, old.rows])[judged]
    labels = np.concatenate([now.labels, old.labels])[judged]
    weights, bias = fit(rows, labels)
    from indexer.stories.plausible import StoryModel

    model = StoryModel(tuple(float(w) for w in weights), bias, THRESHOLD)
    MODEL.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
