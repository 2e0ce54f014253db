"""One story read whole (a feed item, a post to a list): its paragraphs, less what closes it
without being its text (a trailing "Read the full decision" link, an embargo line, notes to
editors, "The post ... appeared first on ...") or opens it (its title and date again)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.blocks import Block
from indexer.stories.boilerplate import is_boilerplate, is_footer_start
from indexer.stories.debris import strip_opening_label

# "Embargoed until 00:01 on 3 March 2026", "EMBARGO: not for publication before ...".
_EMBARGO = re.compile(r"^(?:strictly\s+)?embargo(?:ed)?\b", re.I)
# WordPress feeds: "The post Trust opens hub appeared first on NHS Tamar and Moor ICB."
_APPEARED_FIRST = re.compile(r"^the post .{3,300} appeared first on .{2,120}$", re.I)

# A note over the text on how it changed: "Updated 20 February to add ...", "Correction: ...".
_EDITORS_NOTE = re.compile(
    r"^[*_]?(?:(?:last\ )?updated?\b|correction\b|clarification\b|editor['’]s\ note\b)",
    re.I | re.X,
)
_NOTE_WORDS = 30


def story_paragraphs(
    text: str, blocks: Sequence[Block] | None = None, headline: str | None = None
) -> tuple[str, ...]:
    """The paragraphs of a text that is one story (headed `headline`, if it has one)."""
    parts = [p for p in text.split("\n\n") if p.strip()]
    items = {block.text for block in blocks or () if block.kind == "item"}
    if items:  # a list's items are lines of their own, not one run of words
        parts = [line for part in parts for line in _item_lines(part, items)]
    if headline and parts:
        parts[0] = _without_title(parts[0], " ".join(headline.split()))
    paragraphs = [" ".join(p.split()) for p in parts if p.strip()]
    links = {block.text for block in blocks or () if block.linked}
    kept: list[str] = []
    for paragraph in paragraphs:
        if kept and is_footer_start(paragraph):
            break  # "Notes to editors", a copyright line: what follows is not the story
        if _EMBARGO.match(paragraph) or _APPEARED_FIRST.match(paragraph):
            continue
        if kept and paragraph not in items and is_boilerplate(paragraph):
            continue  # (a list's item names a guest, not a byline: "Rachel Steyn, director of")
        kept.append(paragraph)
    if len(kept) > 1 and kept[0].count(" ") < _NOTE_WORDS and _EDITORS_NOTE.match(kept[0]):
        kept.pop(0)  # "Updated 20 February to include the college's response.": a note on it
    if len(kept) > 1 and headline and _repeats_title(kept[0], headline):
        kept.pop(0)  # Drupal's feeds: "Title  author  Wed, 17/07/2024 - 11:20" over the text
    if kept:
        kept[0] = strip_opening_label(kept[0])  # "Summary: Our survey of 2,480 NHS staff ..."
    while len(kept) > 1 and kept[-1] in links:
        kept.pop()  # a link on a line of its own under the text: "Read the full decision"
    return tuple(kept)


def _item_lines(part: str, items: set[str]) -> list[str]:
    lines = part.split("\n")
    if not any(line.strip() in items for line in lines):
        return [part]
    out: list[str] = []
    for line in lines:
        if line.strip() in items or not out:
            out.append(line)
        else:
            out[-1] = f"{out[-1]}\n{line}"
    return out


_TITLE_METADATA_WORDS = 10  # an author and a date after the title; more is the story's text
# What sets the title, repeated over the text, apart from it: a line break or a dash.
_AFTER_TITLE = re.compile(r"^\s*(?:\n|[–—|]\s|-\s)\s*")


def _without_title(paragraph: str, title: str) -> str:
    """The first paragraph without the item's title set over its text on a line of its own or
    run in with a dash ("<b>Title</b><br>The Care Quality ...", "Title – Councils raised ...")."""
    if not paragraph.startswith(title):
        return paragraph
    rest = paragraph[len(title) :]
    after = _AFTER_TITLE.match(rest)
    return rest[after.end() :] if after is not None and rest[after.end() :].strip() else paragraph


def _repeats_title(paragraph: str, headline: str) -> bool:
    """The item's title again, alone or with its metadata after it."""
    title = " ".join(headline.split())
    if not paragraph.startswith(title):
        return False
    rest = paragraph[len(title) :]
    return rest.count(" ") <= _TITLE_METADATA_WORDS and not rest.rstrip().endswith(".")


_AUTHOR_NOTE_WORDS = 12


def names_author(paragraph: str, author: str | None) -> bool:
    """A short first paragraph that names the item's author ("Dev Chaudhary is our policy
    officer."): a note on who wrote it, not its text."""
    return (
        author is not None
        and len(author) > 3
        and paragraph.count(" ") < _AUTHOR_NOTE_WORDS
        and author in paragraph
    )
