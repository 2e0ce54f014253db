"""From files to Digest objects: read, split into stories, give each a stable id and entities."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path, PurePath
from typing import TypeVar

from indexer.entities import extractor
from indexer.reading.readers import (
    ReadError,
    Skipped,
    digest_date,
    iter_digests,
    iter_files,
    read_file,
)
from indexer.reading.textcodec import readable_path
from indexer.records import DateFrom, Digest, Entity, Problem, RawDigest, Section, Story
from indexer.stories.boilerplate import is_author_note, is_byline
from indexer.stories.debris import Headlines, strip_dateline
from indexer.stories.single import names_author, story_paragraphs
from indexer.stories.split import SplitResult, split_digest
from indexer.stories.titles import lead_title, shorten

T = TypeVar("T")

__all__ = [
    "build_digest",
    "explain_paths",
    "parse_file",
    "parse_paths",
    "story_id",
    "story_to_json",
]

_QUOTES = {
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "«": '"',
    "»": '"',
    "–": "-",
    "—": "-",
}

_DIGEST_TITLE_WORDS = 20
_QUOTED = 3  # headlined stories in what a reply quotes make it a digest's


def _single_spaced(text: str) -> str:
    """`" ".join(text.split())`, without splitting a story that is already words, single spaces
    and paragraph breaks (nearly all are: splitting them was most of the cost of an id)."""
    flat = text.replace("\n\n", " ")
    # Every whitespace character but the space is non-printable.
    if flat.isprintable() and "  " not in flat and flat[:1] != " " and flat[-1:] != " ":
        return flat
    return " ".join(text.split())


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for fancy, plain in _QUOTES.items():
        if fancy in text:
            text = text.replace(fancy, plain)
    return _single_spaced(text.lower())


def story_id(headline: str | None, body: str) -> str:
    """Stable id from the normalised headline and text, so bookmarks survive re-indexing and a
    story repeated in two digests has one id (file position plays no part)."""
    key = f"{_normalise(headline or '')}\n{_normalise(body)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _source_stem(source: str) -> str:
    return PurePath(source).stem or source


def build_digest(raw: RawDigest, *, with_entities: bool = True) -> Digest:
    """Split a digest, title and date it, and make its stories (with entities unless told not)."""
    if (quoted := _quoted_digest(raw)) is not None:
        result = quoted  # a reply above a forwarded newsletter: the newsletter's stories
    elif raw.single_story:
        paragraphs = story_paragraphs(raw.text, raw.blocks, raw.headline)
        byline = None
        if len(paragraphs) > 1 and (
            is_byline(paragraphs[0].rstrip("."))
            or names_author(paragraphs[0], raw.author)
            or is_author_note(paragraphs[0])
        ):  # a feed item's "By Jane Smith", "Dev Chaudhary is our policy officer.", "Jo Hart is
            # a district nurse in Hull. She writes in a personal capacity."
            byline, paragraphs = paragraphs[0], paragraphs[1:]
        if paragraphs:  # "London, 9 April 2019 – Senior nurses are ...": a press release's
            paragraphs = (strip_dateline(paragraphs[0]), *paragraphs[1:])
        result = SplitResult(None, (Section(raw.headline, paragraphs, byline=byline),))
    else:
        result = split_digest(raw.text, raw.blocks)
        if raw.subject and len(result.sections) == 1 and result.sections[0].headline is None:
            post = replace(result.sections[0], headline=raw.subject)
            result = replace(result, sections=(post,))
    title = raw.title or (
        shorten(result.header, _DIGEST_TITLE_WORDS) if result.header else _source_stem(raw.source)
    )
    day: dt.date | None = raw.date
    date_from: DateFrom | None = raw.date_from if raw.date is not None else None
    if day is None or date_from is None:
        path = Path(raw.source)
        day, date_from = digest_date(raw.text, path if path.is_file() else None)
    # Dates written without a year ("on Saturday", "15 May") are resolved against the digest's
    # own date only; a file's modification time says when it was saved, not when it was sent.
    reference = day if date_from != "mtime" else None
    initials = extractor.digest_initials(raw.text) if with_entities else {}
    areas = extractor.digest_areas(raw.text) if with_entities else frozenset()
    stories = []
    for position, section in enumerate(result.sections):
        body = section.body
        details = "\n".join(section.details) or None
        found: tuple[Entity, ...] = (
            extractor.extract(
                section.headline, body, reference, initials, areas, details, section.byline
            )
            if with_entities
            else ()
        )
        stories.append(
            Story(
                id=story_id(section.headline, body),
                source=raw.source,
                digest_title=title,
                date=day,
                date_from=date_from,
                position=position,
                headline=section.headline,
                title=section.headline or lead_title(body),
                body=body,
                entities=tuple(found),
                byline=section.byline,
                details=details,
            )
        )
    return Digest(raw.source, title, day, date_from, tuple(stories))


def parse_file(
    path: Path,
    source: str,
    *,
    with_entities: bool = True,
    on_problem: Callable[[Problem], None] | None = None,
) -> list[Digest]:
    """Read and split one file (an mbox gives several digests); raises ReadError / Skipped."""
    digests = [
        build_digest(raw, with_entities=with_entities)
        for raw in iter_digests(path, source, on_problem)  # an mbox's raw text is let go
    ]
    return _without_cross_references(digests) if len(digests) > 1 else digests


def _without_cross_references(digests: list[Digest]) -> list[Digest]:
    """In a file of several issues (an mbox), a headline with no text that is another issue's
    story ("Most read this week") is a pointer to that story, not a story of its own."""
    told = Headlines(
        (story.headline, 0) for d in digests for story in d.stories if story.headline and story.body
    )
    out = []
    for digest in digests:
        kept = [
            story
            for story in digest.stories
            if story.body or story.headline is None or not told.named_by(story.headline)
        ]
        if len(kept) < len(digest.stories):
            kept = [replace(story, position=number) for number, story in enumerate(kept)]
            digest = replace(digest, stories=tuple(kept))
        out.append(digest)
    return out


def _each_file(
    paths: Iterable[str | os.PathLike[str]],
    on_problem: Callable[[Problem], None],
    read: Callable[[Path, str], list[T]],
    follow_links: bool,
) -> Iterator[T]:
    """`read(path, source)` of every file named or found in named folders; a file that fails
    is one problem for `on_problem` and the others are still read.

    A read error is fatal; a non-digest file is a note, unless the user named that file.
    """
    paths = list(paths)
    named = {readable_path(os.fspath(p)) for p in paths}
    for path, source in iter_files(paths, on_problem, follow_links=follow_links):
        try:
            results = read(path, source)
        except ReadError as exc:
            on_problem(Problem(source, str(exc)))
            continue
        except Skipped as exc:
            on_problem(Problem(source, str(exc), fatal=source in named))
            continue
        except Exception as exc:  # a reader bug on one odd file must not stop the others
            on_problem(Problem(source, f"cannot parse: {type(exc).__name__}: {exc}"))
            continue
        yield from results


def parse_paths(
    paths: Iterable[str | os.PathLike[str]],
    on_problem: Callable[[Problem], None],
    *,
    with_entities: bool = True,
    follow_links: bool = False,
) -> Iterator[Digest]:
    """Digests of every file named or found in named folders; problems go to `on_problem`."""

    def read(path: Path, source: str) -> list[Digest]:
        return parse_file(path, source, with_entities=with_entities, on_problem=on_problem)

    for digest in _each_file(paths, on_problem, read, follow_links):
        if not digest.stories:
            on_problem(Problem(digest.source, "no stories found", fatal=False))
        yield digest


def _quoted_digest(raw: RawDigest, *, explain: bool = False) -> SplitResult | None:
    """The stories of the digest a reply quotes, where what it quotes is one."""
    if raw.quoting is None:
        return None
    quoted = split_digest(raw.quoting, explain=explain)
    headed = sum(section.headline is not None for section in quoted.sections)
    return quoted if headed >= _QUOTED else None


def explain_paths(
    paths: Iterable[str | os.PathLike[str]],
    on_problem: Callable[[Problem], None],
    *,
    follow_links: bool = False,
) -> Iterator[tuple[RawDigest, SplitResult]]:
    """For every digest, how the splitter read each of its lines and what it cut, kept and
    dropped (`dex parse --explain`)."""

    def read(path: Path, source: str) -> list[tuple[RawDigest, SplitResult]]:
        return [
            (
                raw,
                _quoted_digest(raw, explain=True)
                or split_digest(raw.text, raw.blocks, explain=True),
            )
            for raw in read_file(path, source, on_problem)
        ]

    return _each_file(paths, on_problem, read, follow_links)


def _entity_json(entity: Entity) -> dict[str, object]:
    return {
        "text": entity.text,
        "label": entity.label,
        "field": entity.field,
        "start": entity.start,
        "end": entity.end,
        "canonical": entity.canonical,
        "value": entity.value,
        "aliases": list(entity.aliases),
    }


def story_to_json(story: Story) -> dict[str, object]:
    """The `dex parse --json` object for one story (keys documented in the CLI help)."""
    return {
        "id": story.id,
        "source": story.source,
        "digest_title": story.digest_title,
        "date": story.date.isoformat(),
        "date_from": story.date_from,
        "position": story.position,
        "headline": story.headline,
        "title": story.title,
        "body": story.body,
        "byline": story.byline,
        "details": story.details,
        "entities": [_entity_json(e) for e in story.entities],
    }
