"""Story and entity F1 of one gold-annotated folder, per format and overall.

Used by the evaluation tests and from the command line, to see where splitting goes wrong:

    python -m tests.evaluation tests/fixtures/dev            # per-format table
    python -m tests.evaluation tests/fixtures/dev --misses   # and every missed gold story
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from indexer.pipeline import parse_paths, story_to_json
from indexer.records import Problem
from tests.scoring import score

_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".eml": "eml",
    ".mbox": "mbox",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".msg": "msg",
}


def format_of(path: Path) -> str:
    """The format a file is scored under (a Maildir message has no extension; nor has a mail
    program's mbox folder, "Newsletters", known by its first line)."""
    if path.parent.name in ("cur", "new", "tmp"):
        return "maildir"
    suffix = path.suffix.lower()
    if not suffix and path.is_file():
        with path.open("rb") as file:
            if file.read(5) == b"From ":
                return "mbox"
    return _FORMATS.get(suffix, suffix.lstrip("."))


@dataclass
class Result:
    """F1 figures of one folder; `stories` keyed by format and "all"."""

    stories: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    entities: tuple[float, float, float] | None = None
    # label -> (precision, recall) of the entities, as the scorer matches them (see by_label)
    labels: dict[str, tuple[float, float]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)  # parsed stories no gold story matched
    spurious: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)


def _parse(folder: Path, names: list[str]) -> tuple[dict[str, list[dict]], list[Problem]]:
    problems: list[Problem] = []
    files = {name: next(folder.rglob(name), None) for name in names}
    missing = [name for name, path in files.items() if path is None]
    if missing:
        raise FileNotFoundError(f"{folder}: gold names files that are not there: {missing}")
    parsed: dict[str, list[dict]] = {}
    for name, path in files.items():
        assert path is not None
        parsed[name] = [
            story_to_json(story)
            for digest in parse_paths([path], problems.append)
            for story in digest.stories
        ]
    return parsed, problems


def evaluate(folder: Path) -> Result:
    """Parse every file the folder's gold names and score it, per format and overall."""
    gold = json.loads((folder / "stories.gold.json").read_text(encoding="utf-8"))
    names = [name for name, entry in gold.items() if isinstance(entry, dict) and "stories" in entry]
    parsed, problems = _parse(folder, names)
    result = Result(problems=problems)
    by_format: dict[str, list[str]] = {}
    for name in names:
        path = next(folder.rglob(name))
        by_format.setdefault(format_of(path), []).append(name)
    for fmt, members in sorted(by_format.items()):
        result.files[fmt] = len(members)
        sub_gold = {name: gold[name] for name in members}
        sub_parsed = [story for name in members for story in parsed[name]]
        figures, misses = score.score_stories(sub_gold, sub_parsed)
        result.stories[fmt] = figures
        result.misses.extend(misses)
    result.extras = _extras(gold, parsed)
    every = [story for stories in parsed.values() for story in stories]
    result.stories["all"], _ = score.score_stories(gold, every)
    entity_gold = folder / "entities.gold.json"
    if entity_gold.exists():
        figures, _, wrong = score.score_entities(
            json.loads(entity_gold.read_text(encoding="utf-8")), every
        )
        result.entities = figures
        result.spurious = wrong
        result.labels = by_label(json.loads(entity_gold.read_text(encoding="utf-8")), every)
    return result


LABELS = ("ORG", "PERSON", "PLACE", "MONEY", "PERCENT", "DATE")
ALL = "all"  # the key of the figures over every label


@dataclass
class Counts:
    """What precision and recall are made of, so that folders can be pooled: the required
    entries found (`hits`) of those wanted, and the right texts (`good`) of those named
    (`named`: right and wrong; texts the gold lists as optional are neither)."""

    hits: int = 0
    wanted: int = 0
    good: int = 0
    named: int = 0

    def add(self, other: Counts) -> None:
        self.hits += other.hits
        self.wanted += other.wanted
        self.good += other.good
        self.named += other.named

    def figures(self) -> tuple[float, float, float]:
        """(precision, recall, F1); 1.0 where nothing was there to get right."""
        precision = self.good / self.named if self.named else 1.0
        recall = self.hits / self.wanted if self.wanted else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def entity_counts(gold: dict, parsed: list[dict]) -> dict[str, Counts]:
    """Entity counts per label and over all (key ALL), matched as the scorer matches
    (normalised text, one of the gold entry's types): recall over the required entries of a
    type, precision over the texts found with that label; the ALL counts are the scorer's own."""
    norm = score.norm
    required = {norm(e["text"]): set(e["types"]) for e in gold["required"]}
    optional = {norm(e["text"]): set(e["types"]) for e in gold.get("optional", [])}
    found: dict[str, set[str]] = {}
    for story in parsed:
        for e in story.get("entities", []):
            found.setdefault(norm(e["text"]), set()).add(e["label"])
    counts = {}
    for label in LABELS:
        wanted = [k for k, types in required.items() if label in types]
        named = [k for k, labels in found.items() if label in labels]
        good = sum(1 for k in named if label in required.get(k, ()))
        wrong = sum(
            1 for k in named if label not in required.get(k, set()) | optional.get(k, set())
        )
        hits = sum(1 for k in wanted if label in found.get(k, ()))
        counts[label] = Counts(hits, len(wanted), good, good + wrong)
    _, missed, wrong_texts = score.score_entities(gold, parsed)
    good = sum(1 for k, labels in found.items() if labels & required.get(k, set()))
    counts[ALL] = Counts(len(required) - len(missed), len(required), good, good + len(wrong_texts))
    return counts


def by_label(gold: dict, parsed: list[dict]) -> dict[str, tuple[float, float]]:
    """Entity precision and recall per label (see entity_counts)."""
    counts = entity_counts(gold, parsed)
    return {label: counts[label].figures()[:2] for label in LABELS}


def _extras(gold: dict, parsed: dict[str, list[dict]]) -> list[str]:
    """Parsed stories that match no gold story (what lowers precision), as the scorer matches."""
    norm = score.norm
    out = []
    for name, stories in parsed.items():
        wanted = [(norm(g["headline"]), norm(g["body_start"])) for g in gold[name]["stories"]]
        for story in stories:
            head, body = norm(story.get("headline")), norm(story.get("body", ""))
            hit = next((w for w in wanted if w[0] == head and body.startswith(w[1])), None)
            if hit is None:
                out.append(f"{name}: {story.get('headline')!r} / {story.get('body', '')[:60]!r}")
            else:
                wanted.remove(hit)
    return out


@dataclass
class Together:
    """Figures over several gold folders: stories per format (and "all"); entity counts per
    label (and ALL), each folder scored against its own entity gold and the counts summed."""

    stories: dict[str, tuple[float, float, float]]
    entities: dict[str, Counts]


def evaluate_all(folders: list[Path]) -> dict[str, tuple[float, float, float]]:
    """Story figures per format (and "all") over several gold folders taken together."""
    return evaluate_together(folders).stories


def evaluate_together(folders: list[Path]) -> Together:
    """Story and entity figures over several gold folders taken together."""
    entities = {label: Counts() for label in (*LABELS, ALL)}
    gold: dict[str, dict] = {}
    parsed: dict[str, list[dict]] = {}
    formats: dict[str, list[str]] = {}
    for folder in folders:
        entries = json.loads((folder / "stories.gold.json").read_text(encoding="utf-8"))
        names = [name for name, entry in entries.items() if isinstance(entry, dict)]
        names = [name for name in names if "stories" in entries[name]]
        found, _ = _parse(folder, names)
        entity_gold = folder / "entities.gold.json"
        if entity_gold.exists():
            folder_gold = json.loads(entity_gold.read_text(encoding="utf-8"))
            stories = [story for name in names for story in found[name]]
            for label, counts in entity_counts(folder_gold, stories).items():
                entities[label].add(counts)
        for name in names:
            key = f"{folder.name}:{name}"  # no slash: the scorer matches on file names
            gold[key] = entries[name]
            parsed[key] = [{**story, "source": key} for story in found[name]]
            formats.setdefault(format_of(next(folder.rglob(name))), []).append(key)
    figures = {}
    for fmt, keys in sorted(formats.items()):
        stories = [story for key in keys for story in parsed[key]]
        figures[fmt], _ = score.score_stories({key: gold[key] for key in keys}, stories)
    every = [story for stories in parsed.values() for story in stories]
    figures["all"], _ = score.score_stories(gold, every)
    return Together(figures, entities)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true", help="list every missed gold story")
    parser.add_argument("--extras", action="store_true", help="list stories no gold story matched")
    parser.add_argument("--together", action="store_true", help="one table for all the folders")
    parser.add_argument("--labels", action="store_true", help="entity P and R per label")
    args = parser.parse_args(argv)
    if args.together:
        together = evaluate_together(args.folders)
        for fmt, (p, r, f) in together.stories.items():
            print(f"  stories {fmt:8} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        if together.entities[ALL].wanted:
            p, r, f = together.entities[ALL].figures()
            print(f"  entities         P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
            for label in LABELS:  # always: the figures a reader of the entity work asks for
                p, r, _ = together.entities[label].figures()
                print(f"    {label:8}       P {p:.3f}  R {r:.3f}")
        return 0
    for folder in args.folders:
        result = evaluate(folder)
        print(f"{folder}")
        for fmt, (p, r, f) in result.stories.items():
            count = result.files.get(fmt, sum(result.files.values()))
            print(f"  stories {fmt:8} {count:3} files  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        if result.entities is not None:
            p, r, f = result.entities
            print(f"  entities              P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
            if args.labels:
                for label, (p, r) in result.labels.items():
                    print(f"    {label:8}            P {p:.3f}  R {r:.3f}")
        if args.misses:
            for miss in result.misses:
                print("  missed:", miss)
        if args.extras:
            for extra in result.extras:
                print("  extra:", extra)
        for problem in result.problems:
            print("  problem:", problem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
