"""What a digest's headlines carry beside their words: a press cutting's outlet before it, a
reading list's source after it, a label in capitals every item wears. Each is taken off the
headline where the digest shows (by repeating it) that it sets such parts there; sources become
the story's details (searched and read for entities), never lost.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Protocol

from indexer.reading.digest_dates import is_date_line
from indexer.stories.debris import CUTTING_SOURCES, cutting_source
from indexer.stories.lines import Line
from indexer.stories.lineshape import ends_sentence


class Headed(Protocol):
    """A story being built: its headline's text and the line it came from."""

    headline: str | None
    head: Line | None


def strip_cutting_sources(stories: list[Headed]) -> list[Line]:
    """Headlines a press-cuttings digest sets after their source ("THE GUARDIAN - Waiting
    list falls ...", "Gloucestershire Live, 7 August 2023 – Patients wait ..."): the headline
    is what follows, where two or more headlines show the digest does so. Returns the sources,
    each a line of its story's details (the outlet is searched and read for entities)."""
    cuts = [(story, cutting_source(story.headline)) for story in stories if story.headline]
    if sum(1 for _, at in cuts if at) < CUTTING_SOURCES:
        return []
    sources = []
    for story, at in cuts:
        if at and story.headline is not None:
            source = story.headline[:at].rstrip(" –—-")
            story.headline = story.headline[at:]
            sources.extend(_details_under(story, source))
    return sources


def _details_under(story: Headed, text: str) -> list[Line]:
    """A line of the story's details, set just under its headline (where a story's details
    are found for it): what its headline carried beside its words."""
    if story.head is None:
        return []
    line = Line(text, story.head.block, detail=True)
    line.order = story.head.order + _JUST_AFTER
    return [line]


# "ALERT: Shortage of ...", "ALERT: Class 2 medicines recall: ...": a label in capitals.
_LABEL_BEFORE = re.compile(r"^([A-Z]{3,12}):\s+(?=\S)")


def strip_repeated_labels(stories: list[Headed]) -> None:
    """A label in capitals the digest sets before most of its headlines, three at least
    ("ALERT: ..."), marks its items; it is no word of them (a topic some share, "ARRS: two new
    care coordinators start", "WALES: ...", is)."""
    labels = Counter(
        match.group(1)
        for story in stories
        if story.headline and (match := _LABEL_BEFORE.match(story.headline)) is not None
    )
    headed = sum(1 for story in stories if story.headline)
    marks = {label for label, n in labels.items() if n >= _LABELLED and 2 * n >= headed}
    for story in stories:
        match = _LABEL_BEFORE.match(story.headline) if story.headline and marks else None
        if match is None or match.group(1) not in marks or story.headline is None:
            continue
        rest = story.headline[match.end() :]
        if rest.count(" ") >= 2:  # (a label over a word or two is the headline's own)
            story.headline = rest


_LABELLED = 3


# "Public satisfaction with the NHS falls to a new low — British Social Attitudes survey": a
# reading list's headline, then the publication it comes from.
_SOURCE_AFTER = re.compile(r"\s[—–]\s([^—–]{2,50})$")
_TRAILING_SOURCE_WORDS = 6
_TRAILING_SOURCES = 3  # headlines that end so, to show the digest sets its sources there


def _names_a_source(title: str, source: str) -> bool:
    """A publication's name after a headline of its own ("... falls to a new low — British
    Social Attitudes survey"): a few words, most capitalised, after a title of four words or
    more; not a topic's subtitle ("NHS App — hospital appointments for 181 trusts", "Health
    visitor numbers – FOI findings")."""
    words = source.split()
    capitals = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit())
    return (
        len(words) <= _TRAILING_SOURCE_WORDS
        and 2 * capitals > len(words)
        and source[:1].isupper()
        and not ends_sentence(source)
        and title.count(" ") >= 3
    )


# "Measles: cases rise and MMR catch-up urged (UKHSA, 9 October 2023)": a horizon scan's or
# a reading list's headline, then where and when it was published, in brackets.
_DATED_SOURCE = re.compile(r"\s\((?:([^(),]{2,50}),\s*)?([^(),]{4,30})\)$")


def _source_after(title: str) -> re.Match[str] | None:
    """The source a headline ends with, after a dash or in brackets with its date."""
    match = _SOURCE_AFTER.search(title)
    if match is not None and _names_a_source(title[: match.start()], match.group(1)):
        return match
    match = _DATED_SOURCE.search(title)
    if match is None or not is_date_line(match.group(2)):
        return None
    source = match.group(1)
    if source is not None and not _names_a_source(title[: match.start()], source):
        return None
    return match if title[: match.start()].count(" ") >= 3 else None


def strip_trailing_sources(stories: list[Headed]) -> list[Line]:
    """A reading list's sources after its headlines (" — The King's Fund", " (UKHSA, 9
    October 2023)"), where most of its headlines, three at least, end in one: each becomes
    its story's details."""
    found = []
    for story in stories:
        match = _source_after(story.headline) if story.headline else None
        if match is not None:
            found.append((story, match))
    headed = sum(1 for story in stories if story.headline)
    if len(found) < _TRAILING_SOURCES or 2 * len(found) < headed:
        return []
    sources = []
    for story, match in found:
        if story.headline is None:
            continue
        story.headline = story.headline[: match.start()]
        source = match.group(0).strip().removeprefix("(").removesuffix(")").lstrip("—– ")
        sources.extend(_details_under(story, source))
    return sources


_JUST_AFTER = 0.01  # an order between a line's and the next's (orders count up in ones)
