"""A message posted to a discussion: one story, its subject the headline, its new text the body.

A reply in a mailing list or a thread of mail (and the message the replies answer) is not a
digest of stories: it is one post. What a reader counts as its story is the text the sender
wrote: not the greeting above it, not the sign-off, signature and disclaimer below it, and not
the quoted message it answers (below an "On ... wrote:" line, an "-----Original Message-----"
block or Outlook's From/Sent header block, or quoted with "> ").
"""

from __future__ import annotations

import re

from indexer.reading.mail_marks import (
    is_greeting,
    is_original_mark,
    is_quoted,
    is_sign_off,
    is_signature_mark,
    opens_attribution,
)

# Outlook's header block over the message a reply quotes: "From: X" then "Sent:" or "Date:".
_FROM = re.compile(r"^\*?from\s*:\*?\s+\S", re.I)
_SENT = re.compile(r"^\*?(?:sent|date)\s*:\*?\s+\S", re.I)
_RULE = re.compile(r"^(?:_{10,}|\*{10,}|={10,}|-{10,})$")  # over a disclaimer or list footer
_SIGNATURE_LINE_WORDS = 8  # a name, a job title, an organisation, a phone number
_SENTENCE_END = (".", "!", "?", ":", '"', "”", ")", "’")


def post_paragraphs(text: str) -> list[str]:
    """The paragraphs a sender wrote in a post (hard-wrapped lines joined)."""
    lines = text.splitlines()
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for index, raw in enumerate(lines):
        line = raw.strip()
        if _quoted(lines, index) and not (paragraphs or current):
            continue  # the quote a bottom-posted reply answers, above its new text
        if _ends_new_text(raw, line, lines, index):
            break
        if is_quoted(raw):
            continue
        if not line:
            if current:
                paragraphs.append(current)
                current = []
            continue
        current.append(line)
    if current:
        paragraphs.append(current)
    while len(paragraphs) > 1 and _is_signature(paragraphs[-1]):
        paragraphs.pop()  # "Claire" / "Claire Oduya / Corporate Director ...", no sign-off
    joined = [" ".join(paragraph) for paragraph in paragraphs]
    if len(joined) > 1 and is_greeting(joined[0]):
        joined = joined[1:]
    return joined


def own_text(text: str) -> str:
    """The lines a sender wrote in a post, as written (not joined): up to the sign-off,
    signature or quoted original, the quote a bottom-posted reply answers left out."""
    lines = text.splitlines()
    kept: list[str] = []
    written = False  # the sender's first words have come
    for index, raw in enumerate(lines):
        if _quoted(lines, index) and not written:
            continue
        if _ends_new_text(raw, raw.strip(), lines, index):
            break
        if not is_quoted(raw):
            kept.append(raw)
            written = written or bool(raw.strip())
    return "\n".join(kept)


def _quoted(lines: list[str], index: int) -> bool:
    """A quoted line, or the first of an attribution wrapped over two lines."""
    raw = lines[index]
    return is_quoted(raw) or (index + 1 < len(lines) and opens_attribution(raw, lines[index + 1]))


def _is_signature(paragraph: list[str]) -> bool:
    """Short lines that end no sentence: the sender's name and job, under the text."""
    return not paragraph[-1].endswith(_SENTENCE_END) and all(
        line.count(" ") < _SIGNATURE_LINE_WORDS for line in paragraph
    )


def _ends_new_text(raw: str, line: str, lines: list[str], index: int) -> bool:
    """Where the sender's new text ends: a signature, a sign-off, the quoted original."""
    if is_signature_mark(raw) or is_original_mark(raw) or is_sign_off(line):
        return True
    if _RULE.match(line) is not None:
        return True
    if is_quoted(raw) and line.endswith(":"):  # "On Wed, 15 Jan 2025, X wrote:"
        return True
    if index + 1 < len(lines) and opens_attribution(raw, lines[index + 1]):
        return True  # the same, wrapped over two lines
    if _FROM.match(line) is not None:
        following = [other.strip() for other in lines[index + 1 : index + 3]]
        return any(_SENT.match(other) is not None for other in following)
    return False
