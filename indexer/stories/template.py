"""The story template: the pattern a digest repeats once per story, found from its blocks.

Digests repeat one layout for every story: a heading over paragraphs, a bold or linked lead
opening a paragraph or a list item (`1. **Headline** - text`), a headline line over a one-line
standfirst. The heading and line layouts are read by the line-shape rules; this module finds
the lead layout, which flattened text cannot show: a lead is a headline only where the digest
uses leads as its template (two or more blocks open with one that reads as a headline), never
for a single bold name at the start of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.reading.digest_dates import is_date_line
from indexer.stories.lineshape import HINTED_WORDS, ends_sentence, headline_text

# What separates a headline lead from its text: a dash, a colon, a bar or a full stop.
_SEPARATOR = re.compile(r"^\s*(?:[—–|:]|-{1,2}(?=\s)|\.(?=\s))\s*")
# A plain-text lead written in Markdown emphasis: "**Headline** - text", "__Headline.__ text".
_TEXT_LEAD = re.compile(r"^(\*\*|__|\*|_)(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?=\s|[—–:|.-])")
MIN_REPEATS = 2
# A publication named in brackets between a lead and its dash: "(Care Market Weekly, £)".
_SOURCE_AFTER = re.compile(r"^\s\([^()]{2,60}\)(?=\s*(?:[—–|:]|-{1,2}\s))")


@dataclass(frozen=True, slots=True)
class Lead:
    """A block read as a headline and its text."""

    headline: str
    rest: str


# A plain-text lead in capitals run into its text: "MOBILE DENTAL VANS FOR RURAL AREAS - Two...",
# "CHILDREN'S WAITS: NEW FIGURES. Analysis of...", "PAY AWARD DELAYED -- It is now June...".
_CAPS_WORD = r"[A-Z0-9£$%&'’,/():?!-]+(?:\.[A-Z0-9]+)*"  # "READY?", "£1.2M"
_CAPS_LEAD = re.compile(
    rf"^({_CAPS_WORD}(?: {_CAPS_WORD})+?)(?= (?:[—–:-]|--) \S|\.\s+[A-Z0-9“\"‘]|:\s+[A-Z0-9“\"‘])"
)

# A second part in capitals after the first's dash: "PAY DEAL - HAVE YOUR SAY - Staff on...".
_CAPS_MORE = re.compile(rf" (?:[—–-]|--) {_CAPS_WORD}(?: {_CAPS_WORD})*(?= (?:[—–:-]|--) \S)")

# A title in sentence case set off from its text by a dash: "CQC report published – The Care
# Quality Commission has...", "Suicide prevention - The committee has..." (a hyphen for a dash
# in plain text), never a sentence's opening clause ("In its report, Left Behind - Care Work
# ..."); a decimal point is no sentence's end ("Smoking rate falls to 16.9% - ..."). Taken
# only where the digest repeats it (`lead_template`).
_DASH_LEAD = re.compile(r"^([A-Z0-9](?:[^–—.!?;,]|\.(?=\d)){2,90}?) (?:[–—]|--?) (?=[A-Z0-9“\"‘])")
_DASH_LEAD_WORDS = 12

_CAPS_TEXT_WORDS = 10
# A short name run into its text with a colon: "Pharmacy closures: A further 112 pharmacies...".
# Not a speaker before a quote: "Chief executive Jane Lee said: ...".
_COLON_LEAD = re.compile(
    r"^([A-Z][\w’'&,-]*(?: [\w’'&,-]+){1,4}"
    r"(?<!\bsaid)(?<!\bsays)(?<!\badded)(?<!\btold)(?<!\bwarned)(?<!\bexplained)):\s+"
    r"(?=[A-Z0-9“\"‘])"
)


# A title's second part after its colon, closed by a full stop: "Minor Ailments Scheme:
# Treatment Card changes. From 1 November ..." (a few words, most capitalised: not the text's
# first sentence, "Eleven pharmacies qualify.").
_SECOND_PART = re.compile(r"([A-Z][^.!?:;]{2,60}?)\.\s+(?=[A-Z0-9“\"‘])")
_SECOND_PART_WORDS = 5


def text_lead(line: str) -> str | None:
    """The emphasised lead a plain-text line opens with ("**Headline** - text", or a run of
    words in capitals and a dash), if any."""
    if line[:1] in ("*", "_"):
        match = _TEXT_LEAD.match(line)
        return match.group(2) if match is not None else None
    if not line[:1].isupper():
        return None
    caps = _CAPS_LEAD.match(line)
    if caps is None or sum(ch.isalpha() for ch in caps.group(1)) < 6:
        caps = _COLON_LEAD.match(line) or _DASH_LEAD.match(line)
        if caps is None or caps.group(1).count(" ") >= _DASH_LEAD_WORDS:
            return None
        if caps.group(1).upper() == caps.group(1):
            return None  # "BARNSLEY — A 79-year-old man...": a dateline, not a title
    lead, end = caps.group(1), caps.end()
    if caps.re is _CAPS_LEAD and (more := _CAPS_MORE.match(line, end)) is not None:
        lead, end = line[: more.end()], more.end()
    elif caps.re is _COLON_LEAD and (second := _SECOND_PART.match(line, end)) is not None:
        words = second.group(1).split()
        if len(words) <= _SECOND_PART_WORDS and 2 * sum(w[0].isupper() for w in words) > len(words):
            lead, end = line[: second.end(1)], second.end(1) + 1  # through its full stop
    rest = line[end:]
    # Its text is prose: sentences in lower case, not a second line in capitals or a title.
    if (
        rest.count(" ") < _CAPS_TEXT_WORDS
        or not (ends_sentence(rest) or ". " in rest)
        or not any(c.islower() for c in rest)
    ):
        return None
    return lead


# A numbered item's title run into its text: "NHS funding settlement. The Prime Minister...".
_TITLE_SENTENCE = re.compile(r"^([A-Z][^.!?]{2,80}?)\.\s+(?=[A-Z“\"‘])")
_TITLE_WORDS = 8


def title_sentence(line: str) -> str | None:
    """The short title a numbered item opens with, closed by a full stop, before its text."""
    match = _TITLE_SENTENCE.match(line)
    if match is None or match.group(1).count(" ") >= _TITLE_WORDS:
        return None
    rest = line[match.end() :]
    return match.group(1) + "." if rest.count(" ") >= _CAPS_TEXT_WORDS else None


def strip_text_lead(line: str, lead: str) -> str:
    """The line with the lead's emphasis markers removed (`**A** - b` -> `A - b`)."""
    marker = line[: len(line) - len(line.lstrip("*_"))][:2]
    prefix = f"{marker}{lead}{marker}"
    return lead + line[len(prefix) :] if line.startswith(prefix) else line


def split_lead(text: str, lead: str | None) -> Lead | None:
    """The block as headline + text when it opens with a lead that reads as a headline."""
    if not lead or not text.startswith(lead):
        return None
    rest = text[len(lead) :]
    if not rest.strip():
        return None
    headline = lead.strip()
    if rest[:2] == " (" and (source := _SOURCE_AFTER.match(rest)) is not None:
        rest = rest[source.end() :]  # "**Title** (*Health Service Review*) — text": its source
    if (separator := _SEPARATOR.match(rest)) is not None:
        rest = rest[separator.end() :]
    elif headline[-1:] in ".:?!":
        rest = rest.strip()
    elif headline.count(" ") >= 2 and rest.lstrip()[:1].isupper():
        rest = rest.strip()  # "**College calls for PPE guarantee** We have written ..."
    else:
        return None  # "**Sarah Jones** said ...": a bold name inside a sentence
    headline = headline.rstrip(".:—–-| ").strip()
    words = headline.count(" ") + 1
    if not headline or words > HINTED_WORDS or not rest.strip():
        return None
    if not headline_text(headline, hinted=True) or is_date_line(headline):
        return None  # "**7 December 2016** - Council meeting": a diary entry, not a headline
    return Lead(headline, rest.strip())


def lead_template(leads: Sequence[Lead | None]) -> bool:
    """Do the digest's blocks use headline leads as their story template?"""
    return sum(lead is not None for lead in leads) >= MIN_REPEATS
