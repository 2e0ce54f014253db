"""E-mail digests: single `.eml` messages and mbox files (each message one digest).

Parsed with the standard `email` package, which undoes quoted-printable and base64; with the
`compat32` policy, whose headers are plain strings (the `default` policy's header objects took a
third of the time of reading a message), so the subject and date are decoded here. The HTML part
a mail program shows is read through the HTML reader; the plain part when there is no HTML, it
says much less, or it is a mailing list's digest of messages (their header blocks kept).
"""

from __future__ import annotations

import datetime as dt
import email
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email import policy
from email.errors import MessageError
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parsedate_to_datetime
from itertools import islice
from typing import BinaryIO, NamedTuple

from indexer.blocks import Block
from indexer.errors import ReadError, Skipped
from indexer.reading.html_page import html_to_text
from indexer.reading.mail_marks import REPLY_PREFIX
from indexer.reading.textcodec import decode_bytes, tidy

_ENVELOPE = re.compile(rb"From \S")
_ENVELOPE_TIME = re.compile(rb"\d\d:\d\d")
_ESCAPED = re.compile(rb">+From ")
_LINE_PIECE = 1 << 20  # bytes read at most at once: a file of one huge line stays bounded
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]", re.M)
_KNOWN = ("from", "to", "subject", "date", "message-id", "mime-version", "content-type")
_REPLY_ONLY = re.compile(r"^\s*(?:re|aw|sv)\s*:", re.I)  # "Re:" (a post), not "Fwd:"
_FORWARDED = re.compile(r"^(?:\s*(?:re|aw|sv)\s*:)*\s*(?:fwd?|fw|wg)\s*:", re.I)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_HTML_SHARE = 0.6  # of the plain part's text, that the HTML part must show to be preferred
# A message's header block inside a body: "From: X" over "Date:", "Sent:" or "Subject:".
_POSTED = re.compile(
    r"^from:[ \t]+\S.*\n(?:[a-z-]+:.*\n)*?(?:date|sent|subject):[ \t]+\S", re.I | re.M
)
_POSTS = 2  # header blocks that make a plain part a digest of messages
# A post's one-line header in a topic digest ("Jo Bloggs <jo@example.org>: Mar 04 09:12AM"),
# and a topic's entry in its contents ("* Title - 2 Updates").
_POSTED_BY = re.compile(
    r"^(?P<sender>[^<>:\n]{1,80}<[^\s<>@]+@[^\s<>]+>):[ \t]+"
    r"(?P<sent>[A-Z][a-z]{2}\ \d{1,2}(?:,?\ \d{4})?\ \d{1,2}:\d\d\ ?[AP]M)[ \t]*$",
    re.M,
)
_TOPIC_ENTRY = re.compile(
    r"^[ \t]*(?:[*•-][ \t]+)?(\S.{0,200}?)[ \t]+-[ \t]+\d+ Updates?[ \t]*$", re.M
)
_COVER_SHARE = 2  # an attached digest has at least this many times the covering note's text
# "Please find attached this week's round-up", "the bulletin is attached".
_POINTS_TO_ATTACHED = re.compile(
    r"\b(?:please\s+find\s+attached|(?:i\s+)?attach(?:ed)?\s+(?:is|are|please\s+find|the|this|our)"
    r"|(?:is|are)\s+attached|see\s+(?:the\s+)?attached)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class MailText:
    text: str
    blocks: tuple[Block, ...] | None  # None: plain text, split by line shape
    title: str | None
    date: dt.date | None
    subject: str | None = None  # as a mail program shows it ("Re: ..." kept)
    reply: bool = False  # answers another message: a post in a discussion, not a digest
    message_id: str | None = None
    references: tuple[str, ...] = ()  # the messages it answers (In-Reply-To, References)
    automatic: bool = False  # sent by a program, not a person: an out-of-office, a reminder


def looks_like_mbox(data: bytes) -> bool:
    """An mbox starts with a `From ` envelope line followed by message headers."""
    if not data.startswith(b"From "):
        return False
    end = data.find(b"\n")
    return end > 0 and _HEADER_LINE.match(data, end + 1) is not None


def looks_like_message(data: bytes) -> bool:
    """A bare message starts with header lines, including at least one we know from mail."""
    # Delivered mail (a Maildir file) can carry several KB of Received/DKIM/ARC headers first.
    head = data[:65536].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].lower()
    lines = head.split(b"\n")
    if not lines or (not _HEADER_LINE.match(lines[0]) and not lines[0].startswith(b"from ")):
        return False
    found = sum(1 for name in _KNOWN if re.search(rb"^" + name.encode() + rb":", head, re.M))
    return found >= 2


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(payload) if payload.strip() else ""


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 format=flowed: a line ending in a space continues on the next line."""
    out: list[str] = []
    buffer = ""
    for line in text.split("\n"):
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if line.endswith(" ") and line.rstrip() != "--":
            buffer += line[:-1] if delsp else line
        else:
            out.append(buffer + line)
            buffer = ""
    if buffer:
        out.append(buffer)
    return "\n".join(out)


def _own_parts(message: Message) -> Iterator[Message]:
    """The message's parts, not those of the messages it carries (a MIME digest's posts)."""
    stack = [message]
    while stack:
        part = stack.pop()
        if part.get_content_type() == "message/rfc822" and part is not message:
            continue
        if part.is_multipart():
            stack.extend(reversed(part.get_payload()))  # type: ignore[arg-type]
        else:
            yield part


def _carried_posts(message: Message) -> list[str]:
    """A MIME digest's messages (message/rfc822 parts), each as its header block and text,
    the way a plain-text digest shows them."""
    posts = []
    for part in message.walk():
        if part.get_content_type() != "message/rfc822":
            continue
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else payload
        if not isinstance(inner, Message):
            continue
        body = _plain_text(_text_parts(inner)[0].plain).strip()
        names = ("From", "Date", "Subject")
        header = "\n".join(f"{name}: {_decoded(inner[name])}" for name in names if inner[name])
        if body:
            posts.append(f"{header}\n\n{body}")
    return posts


class _TextParts(NamedTuple):
    plain: Message | None = None
    html: Message | None = None


def _text_parts(message: Message) -> tuple[_TextParts, _TextParts]:
    """The first text/plain and text/html parts shown inline, and the first ones sent as
    attachments (each header parsed once: it is slow)."""
    found: dict[tuple[bool, str], Message] = {}
    for part in _own_parts(message):
        kind = part.get_content_type()
        if kind not in ("text/plain", "text/html"):
            continue
        attached = "content-disposition" in part and part.get_content_disposition() == "attachment"
        found.setdefault((attached, kind), part)
    inline, attached = (
        _TextParts(found.get((at, "text/plain")), found.get((at, "text/html")))
        for at in (False, True)
    )
    return inline, attached


def _body(message: Message) -> tuple[str, tuple[Block, ...] | None]:
    """The digest a message carries: the text it shows, or a digest attached as a text or HTML
    file under a covering note ("please find attached this week's digest"), which is then
    not part of any story."""
    inline, attached = _text_parts(message)
    text = _plain_text(inline.plain)
    if posts := _carried_posts(message):
        return "\n\n".join([text, *posts]).strip(), None
    shown = _shown(text, inline.html)
    if attached.plain is None and attached.html is None:
        return shown
    digest = _shown(_plain_text(attached.plain), attached.html)
    note = shown[0].strip()
    if len(digest[0]) > _COVER_SHARE * len(note):
        return digest
    # A note that points to the attachment, however long its signature and disclaimer.
    return digest if len(digest[0]) > len(note) and _POINTS_TO_ATTACHED.search(note) else shown


def _plain_text(plain: Message | None) -> str:
    if plain is None:
        return ""
    text = tidy(_part_text(plain))
    if str(plain.get_param("format", "")).lower() == "flowed":
        text = _unflow(text, str(plain.get_param("delsp", "")).lower() == "yes")
    if "\n>" in text:
        text = _requoted(text)
    return _topic_posts(text)


_QUOTE_PREFIX = re.compile(r"^(?:> ?)+")
_FORWARDED_SHARE = 0.5  # of the text's characters quoted, at least


def _forwarded_quote(text: str) -> str:
    """A forwarded message whose mail program quoted what it forwards ("> -----Original
    Message-----", "> Begin forwarded message:", ">> THE WARD ROUND"): the digest is the
    quote, most of the text, so its marks go (the forwarders' notes and the header blocks
    above it are left to the splitter, as in any forward)."""
    lines = text.split("\n")
    quoted = sum(len(line) for line in lines if line[:1] == ">")
    if quoted < _FORWARDED_SHARE * len(text):
        return text
    return "\n".join(_QUOTE_PREFIX.sub("", line, count=1) for line in lines)


_PUSHED_OUT_WORDS = 3


def _requoted(text: str) -> str:
    """Quoted lines a mail program wrapped again put back together: a quoted line too long for
    its width had its last words pushed onto a line of their own, without the quote's marks
    (">> ... a digital staff passport, which" / "lets" / ">> them move between trusts");
    those words go back at the end of the quoted line above."""
    lines = text.split("\n")
    out: list[str] = []
    for at, line in enumerate(lines):
        if (
            out
            and line.strip()
            and line[:1] != ">"
            and line.count(" ") < _PUSHED_OUT_WORDS
            and out[-1][:1] == ">"
            and at + 1 < len(lines)
            and (prefix := _QUOTE_PREFIX.match(out[-1])) is not None
            and lines[at + 1].startswith(prefix.group().rstrip())
            and len(out[-1].rstrip()) - prefix.end() > 0
        ):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
            continue
        out.append(line)
    return "\n".join(out)


def _topic_posts(text: str) -> str:
    """A topic digest that marks each post with one line, "Name <address>: Mar 04 09:12AM",
    under a topic named in its contents ("Title - 2 Updates"), written the way other list
    digests show posts ("Topic:", "From:", "Date:"), so it is read as theirs are."""
    if "@" not in text or len(list(islice(_POSTED_BY.finditer(text), _POSTS))) < _POSTS:
        return text
    topics = {match.group(1).strip() for match in _TOPIC_ENTRY.finditer(text)}
    lines = []
    for line in text.split("\n"):
        if (posted := _POSTED_BY.match(line)) is not None:
            lines += [f"From: {posted['sender']}", f"Date: {posted['sent']}"]
        elif line.strip() in topics:
            lines.append(f"Topic: {line.strip()}")
        else:
            lines.append(line)
    return "\n".join(lines)


def _shown(text: str, html: Message | None) -> tuple[str, tuple[Block, ...] | None]:
    """What a mail program shows: the HTML part (its structure is the digest's layout) unless
    it carries much less text than the plain part `text`; else the plain text."""
    if html is not None and not _holds_posts(text):
        page = html_to_text(tidy(_part_text(html)))
        if len(page.text) >= _HTML_SHARE * len(text.strip()):
            return page.text, page.blocks
    return text, None


def _holds_posts(text: str) -> bool:
    """A mailing list's digest of messages: its plain part shows each message's header block,
    the structure the splitter cuts at, which the HTML part renders as prose."""
    return "rom:" in text and len(list(islice(_POSTED.finditer(text), _POSTS))) == _POSTS


def message_digest(data: bytes) -> MailText:
    """One message's digest text, subject and date; ReadError when it is not a usable message."""
    try:
        message = email.message_from_bytes(data, policy=policy.compat32)
        if not any(name in message for name in _KNOWN):
            raise ReadError("malformed e-mail: no message headers")
        if message.get_content_maintype() == "multipart" and not message.get_boundary():
            raise ReadError("malformed e-mail: multipart message without a boundary")
        text, blocks = _body(message)
        subject = message.get("subject")
        date_header = message.get("date")
        answered = f"{message.get('in-reply-to') or ''} {message.get('references') or ''}"
        message_id = str(message.get("message-id") or "").strip() or None
        automatic = _automatic(message)
    except (MessageError, ValueError, TypeError, IndexError, AttributeError) as exc:
        raise ReadError(f"malformed e-mail: {exc}") from exc
    except RecursionError as exc:  # the parser recurses once a level: ~1,000 levels exhaust it
        raise ReadError("malformed e-mail: MIME parts nested too deeply") from exc
    if not text.strip():
        raise ReadError("e-mail has no readable text part")
    shown = _decoded(subject).strip() if subject is not None else ""
    title = REPLY_PREFIX.sub("", shown).strip()
    references = tuple(_MESSAGE_ID.findall(answered))
    # A reply answers a message it names, or says "Re:" in plain text (an HTML newsletter
    # sent under "Re:" is still a newsletter); a forwarded digest keeps its thread headers, but
    # it is still a digest.
    said_re = _REPLY_ONLY.match(shown) is not None and blocks is None
    forwarded = _FORWARDED.match(shown) is not None
    reply = (bool(references) or said_re) and not forwarded
    if forwarded and blocks is None and "\n>" in text:
        text = _forwarded_quote(text)
    return MailText(
        text,
        blocks,
        title or None,
        _day(date_header),
        shown or None,
        reply,
        message_id,
        references,
        automatic or _AUTOMATIC_SUBJECT.search(shown) is not None,
    )


# What mail programs and list servers put on the messages they send by themselves (RFC 3834's
# Auto-Submitted, and the older headers of out-of-office replies).
_AUTOMATIC_HEADERS = ("x-autoreply", "x-autorespond")
_AUTOMATIC_SUBJECT = re.compile(
    r"^(?:automatic\s+reply|auto(?:matic)?[\s-]?(?:reply|response)|out\s+of\s+(?:the\s+)?office)"
    r"\b|\bmailing\s+list\s+memberships\s+reminder\b",
    re.I,
)


def _automatic(message: Message) -> bool:
    """A message a program sent by itself: an out-of-office reply, a list's reminder."""
    # ("auto-generated" marks list digests and newsletters too: only a reply is no news)
    if str(message.get("auto-submitted") or "").strip().lower().startswith("auto-replied"):
        return True
    precedence = str(message.get("precedence") or "").strip().lower()
    return precedence == "auto_reply" or any(name in message for name in _AUTOMATIC_HEADERS)


def _decoded(header: object) -> str:
    """A header's text with RFC 2047 encoded words ("=?utf-8?q?...?=") decoded."""
    raw = str(header)
    if "=?" not in raw:
        return " ".join(raw.split())
    try:
        return " ".join(str(make_header(decode_header(raw))).split())
    except (LookupError, UnicodeDecodeError, ValueError, AssertionError, MessageError):
        return " ".join(raw.split())


def _day(header: object) -> dt.date | None:
    if header is None:
        return None
    try:
        return parsedate_to_datetime(str(header)).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


class MboxMessage(NamedTuple):
    """One message of an mbox: its bytes (envelope line removed, `>From ` unescaped), or None
    when it is longer than the limit and was skipped unread; its size in bytes either way."""

    data: bytes | None
    size: int


def mbox_messages(handle: BinaryIO, limit: int) -> Iterator[MboxMessage]:
    """The messages of an mbox (mboxo/mboxrd) read from `handle` one at a time, so memory is
    bounded by `limit` (bytes a message may have) whatever the size of the file."""
    kept = bytearray()
    size = 0
    started = False
    first_line = True
    line_start = True  # the next piece begins a line (readline stops at _LINE_PIECE bytes)
    blank_before = False
    while piece := handle.readline(_LINE_PIECE):
        if (
            line_start
            and piece.startswith(b"From ")
            and _is_envelope(piece, first_line, blank_before)
        ):
            if started:
                yield MboxMessage(bytes(kept) if size <= limit else None, size)
            kept, size, started = bytearray(), 0, True
            while not piece.endswith(b"\n") and piece:  # the rest of a long envelope line
                piece = handle.readline(_LINE_PIECE)
            line_start, blank_before, first_line = True, False, False
            continue
        if started:
            size += len(piece)
            if size <= limit:
                kept += piece[1:] if line_start and _ESCAPED.match(piece) else piece
            elif kept:
                kept = bytearray()  # too large: the message is counted, not kept
        blank_before = line_start and piece == b"\n"
        line_start = piece.endswith(b"\n")
        first_line = False
    if started:
        yield MboxMessage(bytes(kept) if size <= limit else None, size)


def _is_envelope(line: bytes, first: bool, blank_before: bool) -> bool:
    """`From sender ...` at the start of the file, after a blank line, or with a time in it (a
    body line starting "From " is escaped as ">From " by most writers, but not all)."""
    if _ENVELOPE.match(line) is None:
        return False
    return first or blank_before or _ENVELOPE_TIME.search(line) is not None


_THREAD_HEADER = re.compile(rb"^(?:in-reply-to|references):(.*(?:\r?\n[ \t].*)*)", re.I | re.M)
_HEADER_END = re.compile(rb"\r?\n\r?\n")


def answered_ids(messages: Iterable[MboxMessage]) -> set[str]:
    """The Message-IDs that messages of an mbox answer (In-Reply-To, References), read from
    their headers only."""
    found: set[str] = set()
    for message in messages:
        if message.data is None:
            continue
        end = _HEADER_END.search(message.data)
        head = message.data[: end.start()] if end is not None else message.data
        for match in _THREAD_HEADER.finditer(head):
            found.update(_MESSAGE_ID.findall(match.group(1).decode("latin-1")))
    return found


def read_mbox(
    messages: Iterable[MboxMessage], on_bad: Callable[[int, str], None] | None = None
) -> Iterator[tuple[int, MailText]]:
    """Every readable message with its number, as it is read; unreadable ones are reported to
    `on_bad(number, reason)` once one message was readable (ReadError if none is)."""
    failures: list[tuple[int, str]] = []
    readable = False
    only_large = True  # every message so far too large: not mail, a log or a dump
    for number, message in enumerate(messages, start=1):
        only_large = only_large and message.data is None
        try:
            if message.data is None:
                megabytes = message.size / 1_000_000
                raise ReadError(f"too large for a digest ({megabytes:.1f} MB); not read")
            mail = message_digest(message.data)
        except ReadError as exc:
            failures.append((number, str(exc)))
        else:
            readable = True
            yield number, mail
        if readable and failures and on_bad is not None:
            for failed in failures:
                on_bad(*failed)
            failures.clear()
    if not readable:
        reason = failures[0][1] if failures else "no messages found"
        raise (Skipped if failures and only_large else ReadError)(f"mbox: {reason}")
