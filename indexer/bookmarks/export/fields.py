"""What every export says about a bookmark, decided once: its title, its digest's name, and where
it came from (a web address to cite, or a file on this computer to point at)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path, PurePath
from urllib.parse import quote, unquote, urlsplit

from indexer.bookmarks.store import Bookmark
from indexer.stories.titles import whole_lead_title

_WEB = {"http", "https"}


def full_title(bookmark: Bookmark) -> str:
    """The headline, or for a lead story without one its first sentence whole: the clipped
    display title ("… consultants walking…") is for the list of stories only."""
    if bookmark.headline:
        return bookmark.headline
    whole = whole_lead_title(bookmark.body)
    clipped = bookmark.title.removesuffix("…").rstrip()
    return whole if clipped and whole.startswith(clipped) else bookmark.title


def digest_name(bookmark: Bookmark) -> str | None:
    """The digest's title or newsletter name; None where dex had only the file's name to call it
    by (a name such as "2024-09-27_004_a0d0…" is no name to cite)."""
    name = bookmark.digest_title.strip()
    stem = PurePath(bookmark.source).stem or bookmark.source
    return name if name and name != stem else None


def is_web(source: str) -> bool:
    return urlsplit(source.strip()).scheme.lower() in _WEB


def source_uri(source: str) -> str:
    """A link to where the story came from: URLs kept (unsafe characters %-escaped), local paths
    as file:// URIs (fully %-escaped), so the result never holds spaces, quotes or brackets."""
    if urlsplit(source).scheme.lower() in {*_WEB, "file"}:
        return quote(source.strip(), safe=":/?#@!$&'()*+,;=%~[]")
    return Path(local_path(source)).as_uri()


def web_url(bookmark: Bookmark) -> str | None:
    """The address to cite, for a story from the web; None for a file on this computer."""
    return source_uri(bookmark.source) if is_web(bookmark.source) else None


def local_path(source: str) -> str:
    """A local source as an absolute path (a reference manager does not run where dex ran)."""
    if urlsplit(source).scheme.lower() == "file":
        return unquote(urlsplit(source).path)
    return os.path.abspath(os.path.expanduser(source))


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
