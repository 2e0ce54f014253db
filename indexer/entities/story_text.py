"""A story's body with what is not the story blanked: captions, picture credits, bylines, social
links and footer lines, a mailing list's quoted reply and signature, a page's properties and
postal addresses. Each character becomes a space, so offsets stay those of the body.
"""

from __future__ import annotations

import re

from indexer.entities.gazetteer import lexicon
from indexer.stories.boilerplate import is_credit_or_footer


def story_text(body: str) -> str:
    """The body with its captions, credits, bylines, social links and footer lines blanked
    (each character a space, so offsets stay those of the body); and, in a mailing list's
    message, the quoted reply, its "On ... wrote:" line and the signature after "-- "; and
    postal addresses wherever they stand."""
    body = _blank_signed_name(body)
    return _blank_addresses(_blank_lines(_blank_properties(_blank_inline_credits(body))))


def _blank_lines(body: str) -> str:
    if "\n" not in body and len(body) > 200:
        return body  # one long paragraph: a story's text, not a credit line
    lines = body.split("\n")
    about = _ABOUT_THE_NEWSLETTER_RE if _hinted(body, _ABOUT_HINTS) else None
    calls = _CALL_TO_ACTION_RE if _hinted(body, _CALL_HINTS) else None
    noise = [
        bool(line)
        and (
            is_credit_or_footer(line)
            or _is_reply(line)
            or is_issue_line(line)
            or (about is not None and about.search(line) is not None)
            or (calls is not None and len(line) <= _CALL_CHARS and calls.search(line) is not None)
        )
        for line in lines
    ]
    signed = next((i for i, line in enumerate(lines) if line.startswith("-- ")), None)
    if signed is not None:
        noise[signed:] = [True] * (len(lines) - signed)
    if not any(noise):
        return body
    return "\n".join(
        " " * len(line) if bad else line for line, bad in zip(lines, noise, strict=True)
    )


def headline_text(headline: str) -> str:
    """The headline, blanked where it is the issue's masthead line the splitter left as one
    ("Practice News * May 2018 * Issue 17")."""
    return _blanked(headline) if is_issue_line(headline) else headline


# An issue's number set off from the rest of its line ("Ward Notes • Issue 112 • 15 March 2019",
# "Issue 31 - August 2020", "November 2018 - No. 37"), beside a month or a year: the line is the
# issue's masthead, and its date the issue's, not a story's.
_ISSUE = r"(?:Issue|No\.|Vol\.?|Volume|Edition)\s?\d{1,4}"
_ISSUE_RE = re.compile(rf"[-–—|·•*:,(]\s*{_ISSUE}\b|\b{_ISSUE}\s*(?:$|[-–—|·•*,)])", re.I)
_MONTH_OR_YEAR_RE = re.compile(
    r"\b(?:(?:19|20)\d\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
)


def is_issue_line(line: str) -> bool:
    """Is a short line an issue's masthead: its number set off, beside a month or a year?"""
    return (
        len(line) <= 90
        and _ISSUE_RE.search(line) is not None
        and _MONTH_OR_YEAR_RE.search(line) is not None
    )


# A message signed with a first name over a signature that opens with it ("Dan" over "Dan
# Kershaw, Estates Manager, North Somerset ..."): who wrote it and where they work, not the story.
_SIGNED_RE = re.compile(r"^([A-Z][a-z]+),?[ \t]*\n(?:[ \t]*\n)*\1 [A-Z]", re.M)


def _blank_signed_name(body: str) -> str:
    """A short signature at the end, under a first name (not "Cornwall" over "Cornwall Council
    said ...", a subheading over a paragraph)."""
    if "\n" not in body:
        return body
    signed = _SIGNED_RE.search(body, max(0, len(body) - _SIGNATURE_CHARS))
    if (
        signed is None
        or len(body) - signed.start() > _SIGNATURE_CHARS
        or signed.group(1) not in lexicon().first_names
    ):
        return body
    return body[: signed.start()] + _blanked(body[signed.start() :])


_SIGNATURE_CHARS = 300


# A line about the newsletter itself, which footers hold: who publishes it, for whom, from what
# ("This bulletin is for NHS Severn and Wye ICB staff", "X is a service of Y Ltd", "Data
# sources: ...", "Views are the author's own").
_ABOUT_THE_NEWSLETTER_RE = re.compile(
    r"\b(?:This|The) (?:alert|bulletin|newsletter|round-?up|digest|briefing|update|e-?mail) is "
    r"(?:for|provided|produced|compiled|sent|published|prepared)\b"
    r"|\bis (?:a service|a trading name) of\b|\bis provided to subscribers\b|^Data sources?:"
    r"|\bViews (?:expressed )?(?:here )?are (?:the author['’]?s?|my|our|their) own\b"
    r"|\bis prepared by .{0,60} for (?:clients|members|subscribers)\b"
)

# A short paragraph that asks the reader to listen, follow, subscribe or buy ("Listen on Spotify,
# Apple Podcasts or wherever you get your podcasts", "Book a demo at ..."): an advert or a
# podcast's links, not the story; in a long paragraph such words may be the story's own.
_CALL_TO_ACTION_RE = re.compile(
    r"\b(?:[Ff]ollow us|[Ll]isten|[Ss]ubscribe|[Ff]ind us|[Ll]ike us"
    r"|[Ss]upport (?:the show|us)) on\b"
    r"|\bwherever you get your podcasts\b|\b[Bb]ook a demo\b|\bcontains the latest news\b"
)
_CALL_CHARS = 300
# Words one of those patterns needs, looked for in the whole body first (a search for a plain
# string is far cheaper than a pattern's at every line).
_ABOUT_HINTS = (
    "lert is", "etter is", "ulletin is", "up is", "igest is", "riefing is", "pdate is", "ail is",
    "service of", "trading name", "subscribers", "Data source", "Views", " for clients",
    " for members",
)  # fmt: skip
_CALL_HINTS = ("us on", "isten on", "ubscribe on", "show on", "podcasts", "a demo", "latest news")


def _hinted(body: str, hints: tuple[str, ...]) -> bool:
    return any(hint in body for hint in hints)


# A picture credit at the end of a caption's line: "... last winter. Photo: ECF/Jon Hale".
_INLINE_CREDIT_RE = re.compile(r"\b(?:Photo|Picture|Image|Photograph)(?: credit)?: [^\n]*")


# The line a mail client writes above a quoted reply.
_REPLY_RE = re.compile(r"(?:On .{6,80} wrote:|>)")


def _blank_inline_credits(body: str) -> str:
    if ": " not in body or not _INLINE_CREDIT_RE.search(body):
        return body
    return _INLINE_CREDIT_RE.sub(lambda m: " " * len(m.group()), body)


# A document's properties, as a page export or a summary's header gives them ("Owner: Priya
# Raman Status: Circulated Reviewers: Tom Ashworth Created: 11 March 2024"): who keeps the
# document and when, not what the story says.
_PROPERTY_RE = re.compile(
    r"(?<![^\s])(?:Owner|Status|Reviewers?|Created(?: by)?|Last edited(?: time| by)?|Compiled by"
    r"|Prepared by|Distribution|Coverage period|Tags|Authors?|Audience): "
)


_PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def _blank_properties(body: str) -> str:
    """A paragraph that opens with a document's property and holds another is its properties."""
    if ": " not in body or _PROPERTY_RE.search(body) is None:
        return body
    for para in _PARAGRAPH_RE.finditer(body):
        text = para.group()
        if _PROPERTY_RE.match(text) and len(_PROPERTY_RE.findall(text)) >= 2:
            body = body[: para.start()] + _blanked(text) + body[para.end() :]
    return body


# A UK postcode ("BS34 7QH", "SW1A 2NS") ends an address, as contact blocks and footers give
# it: the sentence or line up to it names the sender's organisation and town, not the story's.
_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}\b")


_INWARD_CODE_RE = re.compile(r"[0-9A-Z] [0-9][A-Z]{2}\b")  # a cheap test first: its second half


_ADDRESS_START_RE = re.compile(r".*(?:[.!?:]\s|\n)", re.S)


def _blank_addresses(body: str) -> str:
    if _INWARD_CODE_RE.search(body) is None:
        return body
    for m in reversed(list(_POSTCODE_RE.finditer(body))):
        before = _ADDRESS_START_RE.match(body, max(0, m.start() - 200), m.start())
        start = before.end() if before else max(0, m.start() - 200)
        body = body[:start] + _blanked(body[start : m.end()]) + body[m.end() :]
    return body


def _blanked(text: str) -> str:
    return "".join(c if c == "\n" else " " for c in text)


def _is_reply(line: str) -> bool:
    return (line[0] in "O>") and _REPLY_RE.match(line) is not None
