"""The marks a person's mail leaves in text: quoted replies, the "Original Message" line, the
"-- " signature line, greetings and sign-offs. Readers use them to find a post's own words,
the splitter to drop what a mail program added."""

from __future__ import annotations

import re

# A subject's reply or forward marks: "Re: ", "RE: Fwd: ", "AW: " (German), "WG: ".
REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|fw|aw|wg)\s*:\s*)+", re.I)


def is_reply_subject(text: str) -> bool:
    """A subject that answers or forwards another ("Re: ARRS underspend")."""
    return REPLY_PREFIX.match(text) is not None


def passed_on(fields: dict[str, str]) -> bool:
    """Whether a header block in a message's text is Outlook's over a message forwarded or
    replied to ("Sent: ...", "Subject: FW: ..."): the message under it is an earlier one in
    the chain, not a post of a digest (those carry "Date:")."""
    return "sent" in fields and is_reply_subject(fields.get("subject", ""))


_WROTE = re.compile(
    r"^(?:on\s.{4,160}\swrote|.{2,80}\s(?:wrote|writes)(?:\s+on\s.{4,60})?)\s*:\s*$", re.I
)  # "On 13 May, Ann Lee wrote:", "Ann Lee writes:", "Ann Lee wrote on 13/05/2019 16:12:"


def is_quoted(raw: str) -> bool:
    """A quoted line of a reply ("> ..."), or the "On ..., X wrote:" line over a quote."""
    line = raw.lstrip()
    return line.startswith(">") or (line.endswith(":") and _WROTE.match(line) is not None)


def opens_attribution(raw: str, following: str) -> bool:
    """The first line of an "On ..., X wrote:" line wrapped in two ("On Thu, 13 Jun 2019 at
    18:21, Qureshi Anwar (NHS EASTLEIGH" / "<anwar.qureshi@nhs.net> wrote:")."""
    line, rest = raw.strip(), following.strip()
    return line[:3].lower() == "on " and rest.endswith(":") and is_quoted(f"{line} {rest}")


_QUOTE_MARK = re.compile(r"^ ?> ?")


def unquoted(text: str) -> str:
    """The message a reply quotes in "> " marks under its "On ..., X wrote:" line, the marks
    taken off (one level); the text as it is when it quotes nothing so."""
    lines = text.splitlines()
    for at, line in enumerate(lines):
        if line.endswith(":") and _WROTE.match(line.lstrip()) is not None:
            quote = lines[at + 1 :]
            while quote and not quote[0].strip():
                quote = quote[1:]
            if quote and quote[0].lstrip().startswith(">"):
                return "\n".join(_QUOTE_MARK.sub("", line, count=1) for line in quote)
    return text


_ORIGINAL_MARK = re.compile(
    r"^\s*(?:-{2,}\s*(?:original|forwarded)\s+message\s*-*|begin\s+forwarded\s+message:?)\s*$",
    re.I,
)


def is_original_mark(raw: str) -> bool:
    """ "-----Original Message-----": what follows in a post is the message it replies to."""
    return "essage" in raw and _ORIGINAL_MARK.match(raw) is not None


def is_signature_mark(raw: str) -> bool:
    """The "-- " line a mail signature starts with."""
    return raw.rstrip("\r\n") in ("-- ", "--")


# Sign-offs end the news in a letter-style e-mail: what follows is the sender's signature.
_SIGN_OFF = re.compile(
    r"^(?:(?:with\s+)?(?:kind|best|warm|warmest|many)\s+(?:regards|wishes|thanks)"
    r"|(?:with\s+)?(?:(?:every|all)\s+)?(?:good|best)\s+wish(?:es)?"
    r"|with\s+(?:regards|thanks)|regards|thanks|"
    r"many\s+thanks|thank\s+you|cheers|yours\s+(?:sincerely|faithfully|truly)|in\s+solidarity)"
    r"(?:\s+(?:and|&)\s+(?:thanks|gratitude|(?:best\s+)?wishes|regards|thank\s+you))?\W*$",
    re.I,
)


def is_sign_off(line: str) -> bool:
    """A sign-off such as "Kind regards,": the signature that follows is not a story."""
    return len(line) < 30 and _SIGN_OFF.match(line) is not None


# The words a greeting opens with: "Hi", "Dear", "Good morning".
_HELLO = r"(?:hi|hello|hey|dear|morning|afternoon|evening|good\s+(?:morning|afternoon|evening))"
# A greeting over a post's text: "Hi all,", "Afternoon all", "Jo -", "Dear colleagues".
_GREETING = re.compile(
    rf"^(?:{_HELLO}"
    r"\b[^.!?]{0,40}"
    r"|(?:all|everyone|colleagues|team|folks)"
    r"|[A-Z][\w'’-]+(?:(?:,|\s+and|\s*&)\s+[A-Z][\w'’-]+){0,3})\s*[,:!—–-]?$",
    re.I,
)
_GREETING_WORDS = 6


def is_greeting(paragraph: str) -> bool:
    """A short greeting that opens a post ("Hi all,"): not part of its news."""
    return paragraph.count(" ") < _GREETING_WORDS and _GREETING.match(paragraph) is not None


_GREETED = re.compile(rf"^{_HELLO}\b[^.!?,:]{{0,30}}[,:!—–-]\s+\S", re.I)


def opens_with_greeting(paragraph: str) -> bool:
    """A paragraph that greets its readers before it goes on ("Hi everyone, our division is
    ..."): a person writing to a list, not a listing."""
    return _GREETED.match(paragraph) is not None
