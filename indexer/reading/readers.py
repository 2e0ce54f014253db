"""Find digest files and read them into RawDigest text, whatever their format or encoding.

Formats: plain text, Markdown, HTML, `.eml` and mbox. Anything else (images, PDFs, archives,
binaries, even when named `.txt`) is Skipped with a one-line note; a file that should be a
digest but cannot be read raises ReadError with a one-line reason.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from dateutil import parser as dateparser

from indexer.blocks import Block
from indexer.errors import ReadError, Skipped
from indexer.reading.digest_dates import date_in_name, date_in_text
from indexer.reading.feeds import FeedError, looks_like_feed, read_feed
from indexer.reading.html_page import html_to_text
from indexer.reading.mail import (
    MailText,
    answered_ids,
    looks_like_mbox,
    looks_like_message,
    mbox_messages,
    message_digest,
    read_mbox,
)
from indexer.reading.mail_marks import unquoted
from indexer.reading.markdown_doc import markdown_to_text
from indexer.reading.outlook_msg import MsgError, read_msg
from indexer.reading.posts import own_text, post_paragraphs
from indexer.reading.textcodec import (
    decode_bytes,
    has_bom,
    nul_text,
    readable_path,
    tidy,
    visible_controls,
)
from indexer.records import DateFrom, Problem, RawDigest

__all__ = ["ReadError", "Skipped", "iter_digests", "iter_files", "read_file"]

_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF", "PDF document"),
    (0, b"\x89PNG", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF8", "GIF image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (8, b"WEBP", "WebP image"),
    (4, b"ftyp", "video or HEIC image"),
    (0, b"PK\x03\x04", "zip archive or office document"),
    (0, b"\x1f\x8b", "gzip archive"),
    (0, b"BZh", "bzip2 archive"),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"7z\xbc\xaf", "7-zip archive"),
    (0, b"Rar!", "RAR archive"),
    (0, b"\x7fELF", "executable"),
    (0, b"\xd0\xcf\x11\xe0", "Office document"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"OggS", "audio or video"),
    (0, b"ID3", "MP3 audio"),
    (0, b"{\\rtf", "RTF document"),
    (0, b"\x00\x00\x01\x00", "icon"),
)


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (keeps long lists short)."""
    return frozenset(text.split())


_MD_EXT = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdwn", ".mdx"})
_HTML_EXT = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_EML_EXT = frozenset({".eml", ".email"})
_FEED_EXT = frozenset({".rss", ".atom", ".rdf"})
_MBOX_EXT = frozenset({".mbox", ".mbx"})
_NOT_DIGEST_EXT = _words(
    """
    .pdf .png .jpg .jpeg .gif .bmp .tif .tiff .webp .heic .svg .ico .zip .gz .tgz .bz2 .xz .7z
    .rar .tar .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .rtf .epub .mp3 .mp4 .m4a .mov
    .avi .mkv .wav .ogg .flac .exe .dll .so .bin .dat .db .sqlite .pyc .class .jar .woff
    .woff2 .ttf .otf .json .csv .tsv .yaml .yml .toml .ini .cfg .py .js .css .sh .sql
    .log .lock
    """
)
_SNIFF = 8192
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Compound File: Outlook .msg, old Office
# A digest is a few thousand to a few hundred thousand characters. Far beyond that a file is a
# log or a dump: parsing 50 MB of text would take minutes and gigabytes, so it is skipped.
MAX_DIGEST_CHARS = 6_000_000
MAX_FILE_BYTES = 32 * 1024 * 1024  # a file read whole, or one message of an mbox


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or type(exc).__name__


def iter_files(
    paths: Iterable[str | os.PathLike[str]],
    on_problem: Callable[[Problem], None],
    *,
    follow_links: bool = False,
) -> Iterator[tuple[Path, str]]:
    """Files named or found below named folders (sorted; hidden entries and link loops
    skipped), each with its source: the name as the user gave it, readable (`readable_path`).

    A symbolic link found in a folder that leads out of every folder named is not followed
    (a note names it) unless `follow_links`: an archive holding a link to /etc/passwd must
    not put that file in the index. A link the user names is followed.
    """
    paths = list(paths)
    inside = None if follow_links else _Inside(paths)
    for given in paths:
        source = readable_path(os.fspath(given))
        path = Path(given)
        try:
            info = path.stat()
        except OSError as exc:
            on_problem(Problem(source, _reason(exc)))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, source, on_problem, {(info.st_dev, info.st_ino)}, inside)
        elif stat.S_ISREG(info.st_mode):
            yield path, source
        else:
            on_problem(Problem(source, "not a regular file"))


class _Inside:
    """Whether a link leads into one of the folders the user named."""

    def __init__(self, paths: list[str | os.PathLike[str]]) -> None:
        self._roots = tuple(
            os.path.join(os.path.realpath(p), "") for p in paths if os.path.isdir(p)
        )

    def target(self, link: Path) -> str | None:
        """The real path a link leads to, when that is outside every named folder."""
        real = os.path.realpath(link)
        if os.path.join(real, "").startswith(self._roots):
            return None
        return real


def _walk(
    root: Path,
    source: str,
    on_problem: Callable[[Problem], None],
    seen: set[tuple[int, int]],
    inside: _Inside | None,
) -> Iterator[tuple[Path, str]]:
    # An explicit stack of directory listings keeps sorted depth-first order without recursion.
    stack: list[Iterator[tuple[Path, str, bool]]] = [_listing(root, source, on_problem)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path, entry_source, is_link = entry
        try:
            info = path.stat()
        except OSError as exc:
            on_problem(Problem(entry_source, _reason(exc), fatal=False))
            continue
        if is_link and inside is not None and (outside := inside.target(path)) is not None:
            on_problem(Problem(entry_source, _LINK_OUT.format(readable_path(outside)), fatal=False))
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key not in seen:
                seen.add(key)
                stack.append(_listing(path, entry_source, on_problem))
        elif stat.S_ISREG(info.st_mode):
            yield path, entry_source


_LINK_OUT = "link out of the folders named, to {}: not followed (--follow-links follows it)"


def _listing(
    folder: Path, source: str, on_problem: Callable[[Problem], None]
) -> Iterator[tuple[Path, str, bool]]:
    """The folder's entries, sorted: path, source and whether it is a symbolic link."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(
                (entry.name, entry.is_symlink())
                for entry in listing
                if not entry.name.startswith(".")
            )
    except OSError as exc:
        on_problem(Problem(source, f"cannot list folder: {_reason(exc)}"))
        return iter(())
    return (
        (folder / name, os.path.join(source, readable_path(name)), link) for name, link in entries
    )


def _binary_kind(head: bytes) -> str | None:
    for offset, magic, kind in _MAGIC:
        if head.startswith(magic, offset):
            return kind
    if b"\x00" in head and not has_bom(head) and nul_text(head) is None:
        return "binary data"
    return None


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def read_file(
    path: Path, source: str, on_problem: Callable[[Problem], None] | None = None
) -> list[RawDigest]:
    """Read one file into digests (an mbox gives several); raises ReadError or Skipped.

    `on_problem` hears about single unreadable messages inside an otherwise good mbox.
    """
    return list(iter_digests(path, source, on_problem))


def iter_digests(
    path: Path, source: str, on_problem: Callable[[Problem], None] | None = None
) -> Iterator[RawDigest]:
    """`read_file`'s digests one at a time: an mbox, which may be far larger than a digest, is
    read message by message (each up to MAX_FILE_BYTES); any other file is read whole, up to
    MAX_FILE_BYTES."""
    suffix = path.suffix.lower()
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(_SNIFF)
            kind = _format(suffix, head)
            if kind == "mbox":
                handle.seek(0)
                yield from _mbox(path, source, handle, on_problem)
                return
            if size > MAX_FILE_BYTES:
                raise Skipped(f"too large for a digest ({_megabytes(size)}); not read")
            data = head + handle.read()
    except OSError as exc:
        raise ReadError(f"cannot read: {_reason(exc)}") from exc
    if kind == "msg":
        yield _outlook(path, source, data)
    elif kind == "feed":
        yield from _feed(path, source, data)
    else:
        yield _text(path, source, suffix, data)


def _format(suffix: str, head: bytes) -> str:
    """What the file's name and first bytes say it is: "msg", "feed", "mbox" or "text";
    Skipped for what is no digest."""
    # Nothing to read is not a failure inside a folder (mail folders hold 0-byte files); as
    # Skipped it still fails a file the user named.
    if not head:
        raise Skipped("empty file")
    if suffix == ".msg" or (head.startswith(_OLE) and suffix not in _NOT_DIGEST_EXT):
        return "msg"
    if suffix in _FEED_EXT or looks_like_feed(head):
        return "feed"
    if suffix == ".xml":
        raise Skipped("not a digest format (.xml file that is not an RSS or Atom feed)")
    kind = _binary_kind(head)
    if kind is not None:
        raise Skipped(f"not a digest ({kind})")
    if suffix in _NOT_DIGEST_EXT:
        raise Skipped(f"not a digest format ({suffix} file)")
    # Mail is known by its content too: Maildir files have no extension (or one such as
    # ".host:2,S" that names no format), and saved messages are often ".txt".
    sniff = suffix not in _MD_EXT and suffix not in _HTML_EXT
    if (suffix in _MBOX_EXT and head.strip()) or (sniff and looks_like_mbox(head)):
        return "mbox"
    return "text"


def _mbox(
    path: Path, source: str, handle: BinaryIO, on_problem: Callable[[Problem], None] | None
) -> Iterator[RawDigest]:
    def bad(number: int, reason: str) -> None:
        if on_problem is not None:
            on_problem(Problem(f"{source} (message {number})", reason))

    # The message a thread's replies answer is a post too, not a digest: a first pass reads
    # only what the messages answer (their headers), then the messages are read one by one.
    answered = answered_ids(mbox_messages(handle, MAX_FILE_BYTES))
    handle.seek(0)
    readable = False
    for number, mail in read_mbox(mbox_messages(handle, MAX_FILE_BYTES), bad):
        if mail.automatic:
            readable = True
            continue  # an out-of-office reply, a list's reminder: no news, and no problem
        try:
            digest = _mail_digest(path, source, mail, mail.message_id in answered)
        except (ReadError, Skipped) as exc:
            bad(number, str(exc))
            continue
        readable = True
        yield digest
    if not readable:
        raise ReadError("mbox: no readable message")


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip()
    if not head.startswith("<"):  # lower-casing 2 KB of every plain-text digest costs more
        return False
    head = head.lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return "<body" in head or "<head" in head


def _text(path: Path, source: str, suffix: str, data: bytes) -> RawDigest:
    """A single message, an HTML page, Markdown or plain text."""
    if not data.strip():
        raise Skipped("no text (whitespace only)")
    if suffix in _EML_EXT or (
        suffix not in _MD_EXT and suffix not in _HTML_EXT and looks_like_message(data)
    ):
        return _mail_digest(path, source, message_digest(data), False)
    text = decode_bytes(data)
    if not text.strip():
        raise ReadError("no text (whitespace only)")
    if suffix in _HTML_EXT or (suffix not in _MD_EXT and _looks_like_html(text)):
        page = html_to_text(text)
        return _digest(path, source, page.text, page.title, page.date, page.blocks)
    if suffix in _MD_EXT:
        md = markdown_to_text(text)
        day = _parse_day(md.date) if md.date else None
        return _digest(path, source, md.text, md.title, day, md.blocks)
    return _digest(path, source, text, None, None, None)


def _outlook(path: Path, source: str, data: bytes) -> RawDigest:
    """An Outlook .msg message: its HTML body for the structure, else its plain text."""
    try:
        parts = read_msg(data)
    except MsgError as exc:
        raise ReadError(str(exc)) from exc
    text, blocks = parts.text or "", None
    if parts.html:
        page = html_to_text(tidy(parts.html))
        if len(page.text) > len(text.strip()):
            text, blocks = page.text, page.blocks
    if not text.strip():
        raise ReadError("Outlook message has no readable text")
    return _digest(path, source, text, parts.subject, parts.date, blocks)


def _feed(path: Path, source: str, data: bytes) -> list[RawDigest]:
    """An RSS or Atom feed: each item is one story with its own date."""
    try:
        title, items = read_feed(data)
    except FeedError as exc:
        raise ReadError(str(exc)) from exc
    digests = []
    for item in items:
        blocks = None
        text = item.body
        if item.body_is_html:
            page = html_to_text(item.body)
            text, blocks = page.text, page.blocks
        text = tidy(text).strip() or (item.headline or "")
        if not text:
            continue
        date_from: DateFrom = "header" if item.date is not None else "mtime"
        day = item.date or digest_date(text, path)[0]
        digests.append(
            RawDigest(
                source,
                text,
                title or _feed_name(path),
                day,
                date_from,
                blocks,
                single_story=True,
                headline=item.headline,
                author=item.author,
            )
        )
    if not digests:
        raise ReadError("feed has no items")
    return digests


def _feed_name(path: Path) -> str:
    return path.stem


def _parse_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return dateparser.parse(value, dayfirst=True).date()
    except (ValueError, OverflowError):
        return None


# A reply quoting this much more than its sender wrote may quote a whole digest.
_QUOTED_SHARE = 4
_QUOTED_CHARS = 600
_OWN_ITEMS_LINES = 6  # three headlines and their text, at the least


def _mail_digest(path: Path, source: str, mail: MailText, answered: bool) -> RawDigest:
    """A message as a digest; a post in a discussion (a reply, or the message replies answer)
    as one story: its subject the headline, the text its sender wrote the body."""
    if mail.automatic:
        raise Skipped("an automatic reply or reminder, not a digest")
    if not (mail.reply or answered):
        digest = _digest(path, source, mail.text, mail.title, mail.date, mail.blocks)
        return replace(digest, subject=mail.subject)
    body = "\n\n".join(post_paragraphs(mail.text)) or mail.text
    digest = _digest(path, source, body, mail.title, mail.date, None)
    quoted = len(mail.text) > _QUOTED_SHARE * len(body) + _QUOTED_CHARS
    if quoted:
        quoting: str | None = unquoted(mail.text)
    else:  # items of a bulletin in the sender's own words: a few lines at least (else one post)
        own = own_text(mail.text)
        quoting = (
            own if sum(1 for line in own.splitlines() if line.strip()) >= _OWN_ITEMS_LINES else None
        )
    return replace(digest, single_story=True, headline=mail.subject, quoting=quoting)


def _digest(
    path: Path,
    source: str,
    text: str,
    title: str | None,
    day: dt.date | None,
    blocks: tuple[Block, ...] | None,
) -> RawDigest:
    if len(text) > MAX_DIGEST_CHARS:
        raise Skipped(
            f"too large for a digest ({len(text):,} characters; dex reads up to "
            f"{MAX_DIGEST_CHARS:,})"
        )
    text = tidy(text).strip()
    if not text:
        raise ReadError("no readable text found")
    if title is not None:  # a Subject or <title> is shown on one line, like the text: literally
        title = " ".join(visible_controls(title).split()) or None
    date_from: DateFrom = "header"
    if day is None:
        day, date_from = digest_date(text, path)
    return RawDigest(source, text, title, day, date_from, blocks)


def digest_date(text: str, path: Path | None) -> tuple[dt.date, DateFrom]:
    """Date written in the digest, else in its file name, else the file's modification day."""
    day = date_in_text(text)
    if day is not None:
        return day, "text"
    if path is not None:
        day = date_in_name(path.name)
        if day is not None:
            return day, "filename"
        try:
            return dt.date.fromtimestamp(path.stat().st_mtime), "mtime"
        except OSError:
            pass
    return dt.date.today(), "mtime"
