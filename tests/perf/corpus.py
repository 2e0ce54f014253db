"""A synthetic digest corpus, learnt from the shipped sample digests, for the benchmarks.

Why: the explorer is measured at 10k and 100k stories and we have five real digests. Sentences
come from a word-level Markov chain (order 2) trained on the samples, with entities swapped for
slots filled from lists of real NHS organisations, people and places (widened so the entity
vocabulary is not tiny), money/percent/date patterns, and a Zipf-distributed long tail of words
so the index sees realistic term statistics. Digests are written in the samples' three layouts,
on weekdays across ten years, more of them each year (a reader subscribes to more newsletters
over time: the last year has two and a half times the first's). Same seed, same files.

    python -m tests.perf.corpus --stories 10000 --out bench-out/corpus-10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.perf.names import (
    AMBULANCE_REGIONS,
    FIRST_NAMES,
    HEADLINE_PATTERNS,
    ICS_AREAS,
    MONTHS,
    NATIONAL_ORGS,
    PEOPLE,
    PLACES,
    PREFIXES,
    ROLES,
    STOP,
    SUFFIXES,
    SURNAMES,
    TOPICS,
)

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "indexer" / "samples"
FIRST_DAY = dt.date(2015, 1, 5)
LAST_DAY = dt.date(2024, 12, 20)
_SLOT_MARK = re.compile(r"@@([A-Z]+)@@")
_MONEY = re.compile(r"£\d+(?:\.\d+)?(?:bn|m|k)?")
_PERCENT = re.compile(r"\d+(?:\.\d+)? per cent|\d+(?:\.\d+)?%")
_MONTH = "|".join(MONTHS)
_DATE = re.compile(rf"\b\d{{1,2}}(?: and \d{{1,2}})? (?:{_MONTH})\b|\b(?:19|20)\d\d(?:-\d\d)?\b")
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d])\s+(?=[A-Z\u201c\u2018])")
_CLOSES = re.compile(r"[.!?][\u201d\u2019]?$|\u201d\.$")  # a sentence's last characters
_LONG_TAIL = 60_000
Part = str | tuple[str, str]  # literal text, or (slot kind, original text)


@dataclass(frozen=True)
class CorpusInfo:
    """What `generate` wrote, for the benchmark report."""

    stories: int
    files: int
    bytes: int
    seconds: float
    first_date: str
    last_date: str
    layouts: dict[str, int]


@dataclass(frozen=True)
class _Training:
    sentences: list[str]
    headlines: list[str]
    headers: list[str]


def _harvest(samples_dir: Path) -> _Training:
    """Split the samples into header lines, headlines and body sentences (plain heuristics)."""
    sentences: list[str] = []
    headlines: list[str] = []
    headers: list[str] = []
    for path in sorted(samples_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        blank_lines = "\n\n" in text
        blocks = [b.strip() for b in re.split(r"\n\s*\n" if blank_lines else r"\n", text)]
        blocks = [b for b in blocks if b]
        if blank_lines and blocks:
            headers.append(blocks.pop(0))
        for block in blocks:
            if len(block.split()) <= 14 and not block.endswith((".", "!")):
                headlines.append(block)
            else:
                sentences.extend(s.strip() for s in _SENTENCE_END.split(block) if s.strip())
    return _Training(sentences, headlines, headers)


class _Zipf:
    """Draws from a ranked list with probability ~ 1/(rank+2)^s, in batches (fast)."""

    def __init__(self, items: list[str], rng: random.Random, s: float = 1.0) -> None:
        self._items = items
        self._rng = rng
        total = 0.0
        self._cum: list[float] = []
        for rank in range(len(items)):
            total += 1.0 / (rank + 2) ** s
            self._cum.append(total)
        self._buffer: list[str] = []

    def __call__(self) -> str:
        if not self._buffer:
            self._buffer = self._rng.choices(self._items, cum_weights=self._cum, k=4096)
        return self._buffer.pop()


class _Vocabulary:
    """Entity pools, number patterns and the long tail that fill the slots of a template."""

    def __init__(self, rng: random.Random, stems: list[str]) -> None:
        self.rng = rng
        local_orgs: list[str] = []
        suffixes = (
            "Hospitals Foundation Trust",
            "University Hospitals NHS Trust",
            "CCG",
            "Teaching Hospitals Foundation Trust",
            "Community Health Services Trust",
            "Partnership Foundation Trust",
            "Clinical Commissioning Group",
        )
        for place in PLACES:
            local_orgs.extend(f"{place} {s}" for s in rng.sample(suffixes, 2))
        for area in ICS_AREAS:
            local_orgs.extend(f"{area} {s}" for s in ("ICS", "Integrated Care Board", "ICB"))
        local_orgs.extend(f"{r} Ambulance Service Trust" for r in AMBULANCE_REGIONS)
        rng.shuffle(local_orgs)
        synthetic = [f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES]
        rng.shuffle(synthetic)
        self.orgs = NATIONAL_ORGS + local_orgs
        self.people = PEOPLE + synthetic[:2500]
        self.places = PLACES + ICS_AREAS
        tail = sorted({p + stem + s for p in PREFIXES for stem in stems for s in SUFFIXES})
        rng.shuffle(tail)
        self._slot: dict[str, Callable[[], str]] = {
            "ORG": _Zipf(self.orgs, rng, 0.9),
            "PERSON": _Zipf(self.people, rng, 0.8),
            "PLACE": _Zipf(self.places, rng, 0.9),
            "MONEY": self._money,
            "PERCENT": self._percent,
            "TAIL": _Zipf(tail[:_LONG_TAIL], rng, 0.9),
        }
        self.year = 2016

    def _money(self) -> str:
        r = self.rng.random()
        if r < 0.55:
            return f"£{self.rng.randint(1, 999)}m"
        if r < 0.75:
            return f"£{self.rng.randint(1, 99)}.{self.rng.randint(1, 9)}m"
        if r < 0.9:
            return f"£{self.rng.randint(1, 30)}.{self.rng.randint(1, 9)}bn"
        return f"£{self.rng.randint(10, 990)}k"

    def _percent(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return f"{self.rng.randint(1, 99)} per cent"
        if r < 0.8:
            return f"{self.rng.randint(0, 40)}.{self.rng.randint(1, 9)} per cent"
        return f"{self.rng.randint(1, 99)}%"

    def _date(self) -> str:
        r = self.rng.random()
        year = self.year + self.rng.choice((-2, -1, 0, 0, 0, 1, 2))
        if r < 0.4:
            return f"{self.rng.randint(1, 28)} {self.rng.choice(MONTHS)}"
        if r < 0.65:
            return f"{year}-{(year + 1) % 100:02d}"
        if r < 0.85:
            return str(year)
        return f"{self.rng.choice(MONTHS)} {year}"

    def fill(self, kind: str, original: str) -> str:
        if kind == "VAR":
            return original if self.rng.random() < 0.5 else self._slot["TAIL"]()
        if kind == "DATE":
            return self._date()
        value = self._slot[kind]()
        if kind == "PERSON" and self.rng.random() < 0.08:
            return "Dr " + value
        return value


def _entity_pattern(names: dict[str, str]) -> re.Pattern[str]:
    return re.compile(
        r"\b(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b"
    )


def _mark_entities(text: str, names: dict[str, str], pattern: re.Pattern[str]) -> str:
    """Replace known entity strings and number patterns by @@LABEL@@ placeholders."""
    text = pattern.sub(lambda m: f"@@{names[m.group(1)]}@@", text)
    text = _MONEY.sub("@@MONEY@@", text)
    text = _PERCENT.sub("@@PERCENT@@", text)
    return _DATE.sub("@@DATE@@", text)


def _compile(text: str, rng: random.Random, var_rate: float) -> tuple[Part, ...]:
    """Turn a marked sentence into literal parts and slots; some content words become VAR."""
    parts: list[Part] = []
    literal: list[str] = []
    for i, chunk in enumerate(_SLOT_MARK.split(text)):
        if i % 2:
            parts.append("".join(literal))
            literal = []
            parts.append((chunk, ""))
            continue
        for j, word in enumerate(re.split(r"(\s+)", chunk)):
            if (
                j % 2 == 0
                and len(word) >= 4
                and word.isalpha()
                and word.islower()
                and word not in STOP
                and (parts or literal)
                and rng.random() < var_rate
            ):
                parts.append("".join(literal))
                literal = []
                parts.append(("VAR", word))
            else:
                literal.append(word)
    parts.append("".join(literal))
    return tuple(p for p in parts if p)


class _Chain:
    """Word-level Markov chain of order 2, backing off to order 1 where order 2 has no choice."""

    def __init__(self, sentences: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.two: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.one: dict[str, list[str]] = defaultdict(list)
        for sentence in sentences:
            words = ["<s>", "<s>", *sentence.split(), "</s>"]
            for a, b, c in zip(words, words[1:], words[2:], strict=False):
                self.two[(a, b)].append(c)
                self.one[b].append(c)
        self.forced = {state for state, options in self.two.items() if len(set(options)) == 1}

    def sentence(self) -> str | None:
        a, b = "<s>", "<s>"
        out: list[str] = []
        while len(out) < 48:
            options = self.two[(a, b)]
            if (a, b) in self.forced and b != "<s>" and self.rng.random() < 0.35:
                options = self.one[b]
            word = self.rng.choice(options)
            if word == "</s>":
                break
            out.append(word)
            a, b = b, word
        text = " ".join(out)
        if not 6 <= len(out) < 48 or not _CLOSES.search(text):
            return None
        return text


class Generator:
    """Builds templates once, then writes any number of digests from them."""

    def __init__(self, seed: int = 1, samples_dir: Path = SAMPLES_DIR) -> None:
        self.rng = random.Random(seed)
        training = _harvest(samples_dir)
        stems = sorted(
            {w for s in training.sentences for w in re.findall(r"\b[a-z]{5,}\b", s)} - STOP
        )
        self.vocab = _Vocabulary(self.rng, stems)
        names = {n: "ORG" for n in self.vocab.orgs}
        names.update({n: "PLACE" for n in self.vocab.places})
        names.update({n: "PERSON" for n in PEOPLE})
        pattern = _entity_pattern(names)
        marked = [_mark_entities(s, names, pattern) for s in training.sentences]
        chain = _Chain(marked, self.rng)
        pool = dict.fromkeys(marked)
        for _ in range(20_000):
            if len(pool) >= 4_000:
                break
            sentence = chain.sentence()
            if sentence:
                pool[sentence] = None
        self.sentences = [_compile(s, self.rng, 0.3) for s in pool]
        self.seed_headlines = [
            _compile(_mark_entities(h, names, pattern), self.rng, 0.3) for h in training.headlines
        ]
        self.headers = training.headers
        self._seen: set[int] = set()

    def _text(self, template: tuple[Part, ...]) -> str:
        fill = self.vocab.fill
        return "".join(p if isinstance(p, str) else fill(*p) for p in template)

    def sentence(self) -> str:
        text = self._text(self.rng.choice(self.sentences))
        return text[0].upper() + text[1:]

    def headline(self) -> str:
        """Short, capitalised, no closing full stop: what the splitter takes for a headline."""
        for _ in range(20):
            if self.rng.random() < 0.35:
                text = self._text(self.rng.choice(self.seed_headlines))
            else:
                text = self._pattern_headline()
            text = text.rstrip(" .")
            if len(text.split()) <= 14 and len(text) <= 110:
                return text[0].upper() + text[1:]
        return f"{self.vocab.fill('ORG', '')} update"

    def _pattern_headline(self) -> str:
        rng, fill = self.rng, self.vocab.fill
        values = {
            "ORG": lambda: fill("ORG", ""),
            "PERSON": lambda: fill("PERSON", ""),
            "PLACE": lambda: fill("PLACE", ""),
            "MONEY": lambda: fill("MONEY", ""),
            "PERCENT": lambda: fill("PERCENT", ""),
            "ROLE": lambda: rng.choice(ROLES),
            "TOPIC": lambda: rng.choice(TOPICS) if rng.random() < 0.8 else fill("VAR", "services"),
            "N": lambda: str(rng.randint(2, 60)),
        }
        return re.sub(
            r"\{([A-Z]+)\}", lambda m: values[m.group(1)](), rng.choice(HEADLINE_PATTERNS)
        )

    def body(self, paragraphs: tuple[int, int]) -> str:
        rng = self.rng
        return "\n\n".join(
            " ".join(self.sentence() for _ in range(rng.choice((1, 2, 2, 3))))
            for _ in range(rng.randint(*paragraphs))
        )

    def _unique(self, make: Callable[[], tuple[str | None, str]]) -> tuple[str | None, str]:
        while True:
            headline, body = make()
            key = hash((headline, body))
            if key not in self._seen:
                self._seen.add(key)
                return headline, body

    def digest(self, layout: int, count: int) -> str:
        """`count` stories in layout 1 (headlined), 2 (lead + "Also on today") or 3 (pairs)."""
        if layout == 3:
            pairs = [self._unique(lambda: (self.headline(), self.sentence())) for _ in range(count)]
            return "\n".join(f"{h}\n{b}" for h, b in pairs) + "\n"
        blocks = [self.rng.choice(self.headers)]
        stories = count
        if layout == 2:
            blocks.append(self._unique(lambda: (None, self.body((3, 6))))[1])
            stories -= 1 if count < 2 else 2
        for _ in range(stories):
            headline, body = self._unique(lambda: (self.headline(), self.body((1, 5))))
            blocks += [headline or "", body]
        if layout == 2 and count >= 2:
            blocks += [
                "Also on today",
                self._unique(lambda: ("Also on today", self.body((1, 1))))[1],
            ]
        return "\n\n".join(blocks) + "\n"


def fingerprint() -> str:
    """A hash of the generator's source: a corpus written by the same source and seed is the
    same, so the benchmark may reuse it."""
    digest = hashlib.blake2b(digest_size=8)
    for module in ("corpus.py", "names.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def _weekdays() -> list[dt.date]:
    days = (FIRST_DAY + dt.timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1))
    return [day for day in days if day.weekday() < 5]


def _day(weekdays: list[dt.date], k: int, digests: int) -> dt.date:
    """The date of digest k of `digests`, issues growing linearly from half the mean rate to
    one and a half times it: digest k falls where the running share t/2 + t*t/2 reaches k/n."""
    share = k / max(1, digests)
    t = math.sqrt(0.25 + 2 * share) - 0.5
    return weekdays[min(len(weekdays) - 1, int(t * len(weekdays)))]


def generate(out_dir: Path, stories: int, *, seed: int = 1) -> CorpusInfo:
    """Write `stories` stories as dated digest files below out_dir/<year>/ (deterministic)."""
    started = time.perf_counter()
    gen = Generator(seed)
    rng = gen.rng
    plan: list[tuple[int, int]] = []
    left = stories
    while left > 0:
        layout = rng.choices((1, 2, 3), weights=(4, 3, 3))[0]
        count = min(left, rng.randint(10, 20) if layout == 3 else rng.randint(5, 10))
        plan.append((layout, count))
        left -= count
    weekdays = _weekdays()
    slugs = {1: "hsj-weekly", 2: "hsj-daily", 3: "hsj-headlines"}
    used: set[str] = set()
    written = 0
    layouts = {"1": 0, "2": 0, "3": 0}
    dates: list[dt.date] = []
    for k, (layout, count) in enumerate(plan):
        day = _day(weekdays, k, len(plan))
        gen.vocab.year = day.year
        name = f"{day.isoformat()}_{slugs[layout]}"
        n = 2
        while name in used:
            name, n = f"{day.isoformat()}_{slugs[layout]}-{n}", n + 1
        used.add(name)
        folder = out_dir / str(day.year)
        folder.mkdir(parents=True, exist_ok=True)
        data = gen.digest(layout, count).encode("utf-8")
        (folder / f"{name}.txt").write_bytes(data)
        written += len(data)
        layouts[str(layout)] += 1
        dates.append(day)
    return CorpusInfo(
        stories=stories,
        files=len(plan),
        bytes=written,
        seconds=round(time.perf_counter() - started, 3),
        first_date=min(dates).isoformat() if dates else "",
        last_date=max(dates).isoformat() if dates else "",
        layouts=layouts,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    info = generate(args.out, args.stories, seed=args.seed)
    print(
        f"{info.stories} stories in {info.files} files ({info.bytes / 1e6:.1f} MB, "
        f"{info.first_date}..{info.last_date}) in {info.seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
