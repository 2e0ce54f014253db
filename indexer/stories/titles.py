"""Titles for stories without a headline: their first sentence, shortened for a list of stories
and whole for an export (a citation cites the sentence, not the first twelve words of it)."""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9£$])")
_TITLE_WORDS = 12
# A "sentence" longer than this is text without sentence ends (a list, a table): cut it all the
# same, or one story's whole lead paragraph becomes a citation title.
_WHOLE_TITLE_WORDS = 60
_WHOLE_TITLE_CHARS = 4000


def shorten(text: str, words: int) -> str:
    """At most `words` words, with "…" where the text was cut."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(",;:–—-") + "…"


def _first_sentence(body: str, chars: int) -> tuple[str, str]:
    """(the first line of the first `chars` characters, the first sentence in it)."""
    head = body[:chars].split("\n", 1)[0]
    return head, _SENTENCE.split(head, maxsplit=1)[0].strip()


def lead_title(body: str) -> str:
    """A display title for a story without a headline: its first sentence, shortened."""
    head, sentence = _first_sentence(body, 600)
    if len(sentence.split()) <= _TITLE_WORDS:
        return sentence.rstrip(".").strip() or shorten(head, _TITLE_WORDS)
    return shorten(sentence, _TITLE_WORDS)


def whole_lead_title(body: str) -> str:
    """The title an export gives a story without a headline: its first sentence, whole (without
    its full stop, as a headline has none)."""
    _, sentence = _first_sentence(body.lstrip(), _WHOLE_TITLE_CHARS)
    sentence = shorten(sentence, _WHOLE_TITLE_WORDS)
    return sentence[:-1].rstrip() if sentence.endswith(".") and sentence[-2:-1] != "." else sentence
