"""What a single line of a digest looks like: a headline, a sentence, the middle of a sentence.

Shared by the splitter and the hard-wrap joiner; judged from shape (length, capitals, closing
punctuation), never from particular words of a particular newsletter.
"""

from __future__ import annotations

import re

CLOSERS = "\"'”’»)]"
_SENTENCE_END = ".!?…"
_NOT_HEADLINE_END = ".,;:…-–—(/"
HEADLINE_WORDS = 18
HINTED_WORDS = 30  # a line the container marked as a heading may be longer
HEADLINE_CHARS = 160
SENTENCE_INSIDE = re.compile(r"[a-z]{2}\. [A-Z]")

# Words a headline seldom ends with, so a line ending in one runs on to the next.
_FUNCTION_WORDS_TEXT = """
a an the of to for at by with from and or but nor as that which who whom whose is are was were
be been being has have had will would could should may might must can its their his her this
these those than into onto about between via per including if because while whether though
although my our your until till within without across against among towards toward upon
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

# Words that start sentences rather than continue a name broken across lines.
_STARTERS_TEXT = """
a an the this that these those it its there their they he she we i in on at for from by with as
after before when while if but and some many more most one two three four five six seven eight
nine ten nearly almost just only every all both each few several
"""
STARTERS = frozenset(_STARTERS_TEXT.split())


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def starts_lower(text: str) -> bool:
    """The first letter (past an opening quote or bracket) is lower case."""
    for ch in text[:3]:
        if ch.isalpha():
            return ch.islower()
    return False


def ends_mid_sentence(text: str) -> bool:
    """Ends with a comma, a dash or a word such as "the" or "of": the sentence runs on. ("May"
    with its capital, in a line not in capitals, is the month: "... prices cut from May".)"""
    last = text.rsplit(" ", 1)[-1]
    if text[-1] in ",;(–-":
        return True
    word = last.strip(CLOSERS)
    if word == "May" and not text.isupper():
        return False
    return word.lower() in FUNCTION_WORDS


def sentence_starter(text: str) -> bool:
    word = text.split(" ", 1)[0].strip("“‘\"'(").lower()
    return not text[:1].isalpha() or word in STARTERS


def _one_quotation(text: str) -> bool:
    """A line that is one quotation, however many sentences: an opinion piece's headline
    ("\u201cWe stopped calling it winter pressure. It's just pressure now\u201d")."""
    if text[:1] == '"':
        return text[-1:] == '"' and text.count('"') == 2
    return text[:1] == "“" and text[-1:] == "”" and text.count("“") == text.count("”") == 1


def headline_text(text: str, hinted: bool = False) -> bool:
    """Short, starts with a capital or digit, and does not end like a sentence."""
    words = text.count(" ") + 1
    if words > (HINTED_WORDS if hinted else HEADLINE_WORDS) or len(text) > 2 * HEADLINE_CHARS:
        return False
    if not hinted and len(text) > HEADLINE_CHARS:
        return False
    stripped = text.rstrip(CLOSERS)
    if not stripped or (stripped[-1] in _NOT_HEADLINE_END and not hinted):
        return False
    if (
        not hinted
        and ". " in text
        and SENTENCE_INSIDE.search(text) is not None
        and not _one_quotation(text)
    ):
        return False  # "... by the end of June. Around": a sentence ends inside it
    for at, ch in enumerate(text):
        if ch.isalnum():
            # "e-RS outage", "iPhone app": a name styled in lower case still opens a headline,
            # and so does a release's version in a heading ("v2.6.0 – 15 March: ...") or a
            # package's name in bold ("nhs-rtt-tools 2.0 released").
            after = text[at + 1 : at + 2]
            return (
                not ch.islower()
                or after == "-"
                or after.isupper()
                or (hinted and (after.isdigit() or "-" in text.split(" ", 1)[0]))
            )
    return False
