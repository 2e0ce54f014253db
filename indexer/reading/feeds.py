"""RSS 2.0, RSS 1.0 and Atom feeds: each item is one story, with its own headline and date.

Read with feedparser, which copes with the encodings, namespaces and half-broken XML that real
feeds have. It is handed a stream of bytes and never a string, so it cannot take the data for a
URL or a file name and fetch or open anything; feedparser itself drops DOCTYPE declarations and
external entities before parsing, so nothing outside the bytes is ever read. feedparser is
imported on first use: `dex search` and the app never pay for it.

Entries are read with `dict.get`, past FeedParserDict's aliases: its `updated` quietly falls back
to `published` with a DeprecationWarning, which would blur "published, else updated".
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import io
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["FeedError", "FeedItem", "looks_like_feed", "read_feed"]

SNIFF_BYTES = 8192
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# The prolog's star is possessive: when the root does not match, re-splitting a prolog of many
# comments or processing instructions would take exponential time.
_ROOT = re.compile(
    r"(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*+"
    r"<(rss|(?:\w+:)?feed|(?:\w+:)?RDF)\b([^>]*)",
    re.S,
)
_ATOM_NAMESPACES = ("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#")
_RSS1_NAMESPACES = ("http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/")
_BREAK = re.compile(r"<br\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_MARKUP = re.compile(r"<[A-Za-z!/]|&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z]\w*);")


class FeedError(ValueError):
    """The bytes are not a readable feed; `str(error)` is a one-line reason."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    feed_title: str | None
    headline: str | None  # plain text
    body: str  # as the feed gives it: HTML when body_is_html
    body_is_html: bool
    date: dt.date | None
    link: str | None
    author: str | None = None  # the item's author as the feed names it


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file open an RSS or Atom feed, without parsing it.

    Past an optional BOM, the XML declaration, processing instructions, comments and a DOCTYPE,
    the root must be `<rss`, an Atom `<feed` or an RSS 1.0 `<rdf:RDF`: an XML file with any
    other root (or an HTML page) is not a feed.
    """
    head = head[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    root = _ROOT.match(text)
    if root is None:
        return False
    name, attributes = root.groups()
    if name == "rss":
        return True
    if name.endswith("feed"):
        return any(namespace in attributes for namespace in _ATOM_NAMESPACES)
    return any(namespace in attributes for namespace in _RSS1_NAMESPACES)


def read_feed(data: bytes) -> tuple[str | None, list[FeedItem]]:
    """The feed's title and its items in document order (items with no title or body are
    left out); FeedError when the bytes are not a feed or too broken to give any item."""
    import feedparser

    try:
        parsed = feedparser.parse(
            io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False
        )
    except Exception as exc:  # its lenient parser fails in many ways on bytes that are not XML
        raise FeedError(f"cannot read feed: {type(exc).__name__}") from exc
    entries = dict.get(parsed, "entries") or []
    problem = dict.get(parsed, "bozo_exception")
    if not entries and not dict.get(parsed, "version"):
        raise FeedError(f"not a feed: {_reason(problem)}" if problem else "not an RSS or Atom feed")
    if not entries and dict.get(parsed, "bozo"):
        raise FeedError(f"malformed feed: {_reason(problem)}")
    feed_title = _plain(dict.get(parsed.get("feed") or {}, "title_detail"))
    items = [item for entry in entries if (item := _item(entry, feed_title)) is not None]
    return feed_title, items


def _reason(problem: object) -> str:
    """feedparser's complaint in one line (a SAX error with the line it is on)."""
    get_message = getattr(problem, "getMessage", None)
    if callable(get_message):
        line = getattr(problem, "getLineNumber", lambda: None)()
        return f"{get_message()} at line {line}" if line else str(get_message())
    text = str(problem).strip()
    return text.splitlines()[0] if text else type(problem).__name__


def _plain(detail: dict[str, Any] | None) -> str | None:
    """A title as plain text: tags removed and entities decoded when it is HTML, and whitespace
    collapsed either way."""
    if not detail or not detail.get("value"):
        return None
    text: str = detail["value"]
    if detail.get("type") in _HTML_TYPES:
        text = html.unescape(_TAG.sub("", _BREAK.sub(" ", text)))
    return " ".join(text.split()) or None


def _body(entry: dict[str, Any]) -> tuple[str, bool]:
    """The item's longest text of its content and its description or summary (HTML first
    where two are as long); flagged HTML only when the feed says so and the text has a tag or
    an entity in it, since RSS calls every description HTML, plain ones included. (feedparser
    files a picture's caption, `media:description`, as content: shorter than the item's own
    description, it is not the body.)"""
    parts = [
        part
        for part in [*(dict.get(entry, "content") or []), dict.get(entry, "summary_detail") or {}]
        if (part.get("value") or "").strip()
    ]
    chosen = max(parts, key=_preference) if parts else {}
    body = (chosen.get("value") or "").strip()
    is_html = chosen.get("type") in _HTML_TYPES and _MARKUP.search(body) is not None
    return body, is_html


def _preference(part: dict[str, Any]) -> tuple[int, bool]:
    return len(_TAG.sub("", part["value"]).split()), part.get("type") in _HTML_TYPES


def _written_date(raw: object) -> dt.date | None:
    """The date as written, in the writer's own time zone: feedparser's parsed dates are in
    UTC, which moves an evening item in New York or a small-hours one in London to another day."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    try:
        return email.utils.parsedate_to_datetime(raw).date()  # RSS 2.0: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(raw.strip()).date()  # Atom and RSS 1.0: RFC 3339
    except ValueError:
        return None


def _date(entry: dict[str, Any]) -> dt.date | None:
    for key in ("published", "updated"):
        if day := _written_date(dict.get(entry, key)):
            return day
        if parsed := dict.get(entry, f"{key}_parsed"):
            try:
                return dt.date(*parsed[:3])
            except (TypeError, ValueError):
                continue
    return None


def _item(entry: dict[str, Any], feed_title: str | None) -> FeedItem | None:
    headline = _plain(dict.get(entry, "title_detail"))
    body, is_html = _body(entry)
    if not headline and not body:
        return None
    link = dict.get(entry, "link")
    if not isinstance(link, str) or not link.startswith(("http://", "https://")):
        link = None  # feedparser fills a missing link with the entry's id, often a tag: URI
    author = dict.get(entry, "author")
    author = " ".join(author.split()) if isinstance(author, str) and author.strip() else None
    return FeedItem(feed_title, headline, body, is_html, _date(entry), link, author)
