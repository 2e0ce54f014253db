"""Outlook `.msg` files: the subject, date and bodies of a message saved from Outlook.

A `.msg` is an OLE compound file of MAPI properties, read here with extract-msg. It is handed the
bytes as a stream: given bytes too short to be an OLE file, olefile would take them for a file
name. extract-msg logs about every file it reads (missing optional streams, odd properties)
through loggers that reach the root logger; those loggers alone are raised above CRITICAL while a
file is read and put back after. extract-msg is imported on first use (it costs about 0.2 s).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.parser import HeaderParser
from typing import Any

__all__ = ["MsgError", "MsgParts", "read_msg"]

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_MESSAGE_CLASSES = ("ipm.note", "ipm.post")
_LIBRARY_LOGGERS = ("extract_msg", "RTFDE")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
PR_INTERNET_CPID = "3FDE0003"
PR_HTML_STREAM = "__substg1.0_10130102"
_NOT_OUTLOOK = "an OLE compound file (Word, Excel or similar), not an Outlook message"
_OTHER_ITEM = "an Outlook item of a kind dex does not read, not a mail message"


class MsgError(ValueError):
    """The bytes are not a readable Outlook message; `str(error)` is a one-line reason."""


@dataclass(frozen=True, slots=True)
class MsgParts:
    subject: str | None
    date: dt.date | None
    text: str | None  # the plain-text body
    html: str | None  # the HTML body, decoded


class _QuietLibrary:
    """Raise extract-msg's own loggers for the time of a read. Counted, so when reads overlap in
    threads the levels are put back only when the last one ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readers = 0
        self._saved: dict[str, int] = {}

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._readers == 0:
                for name in _LIBRARY_LOGGERS:
                    logger = logging.getLogger(name)
                    self._saved[name] = logger.level
                    logger.setLevel(logging.CRITICAL + 1)
            self._readers += 1
        try:
            yield
        finally:
            with self._lock:
                self._readers -= 1
                if self._readers == 0:
                    for name, level in self._saved.items():
                        logging.getLogger(name).setLevel(level)


_quiet_library = _QuietLibrary()


def read_msg(data: bytes) -> MsgParts:
    """The message's subject, date and bodies; MsgError for anything that is not an Outlook mail
    message (another OLE file such as a Word document, a contact, a damaged file) or that has
    no body."""
    if not data.startswith(OLE_SIGNATURE):
        raise MsgError("not an Outlook .msg file (no OLE compound file signature)")
    with _quiet_library():
        import extract_msg
        from extract_msg import exceptions
        from extract_msg.enums import ErrorBehavior

        # Attachments are never read, and a broken RTF body must not hide the other bodies.
        tolerate = ErrorBehavior.ATTACH_SUPPRESS_ALL | ErrorBehavior.RTFDE

        try:
            message = extract_msg.openMsg(
                io.BytesIO(data), delayAttachments=True, errorBehavior=tolerate
            )
            try:
                return _parts(message)
            finally:
                message.close()
        except MsgError:
            raise
        except exceptions.InvalidFileFormatError as exc:  # no properties or no message class
            raise MsgError(_NOT_OUTLOOK) from exc
        except (exceptions.UnrecognizedMSGTypeError, exceptions.UnsupportedMSGTypeError) as exc:
            raise MsgError(_OTHER_ITEM) from exc
        except Exception as exc:  # olefile and extract-msg fail in many ways on damaged files
            raise MsgError(f"damaged Outlook message: {_one_line(exc)}") from exc


def _parts(message: Any) -> MsgParts:
    kind = (message.classType or "").lower()
    if not kind.startswith(_MESSAGE_CLASSES):
        raise MsgError(f"an Outlook {message.classType} item, not a mail message")
    body: str | None = message.body
    text = body.replace("\r\n", "\n").replace("\r", "\n") if body and body.strip() else None
    html = _html(message)
    if html is not None and not html.strip():
        html = None
    if text is None and html is None:
        raise MsgError("Outlook message has no body")
    return MsgParts(message.subject or None, _date(message), text, html)


def _html(message: Any) -> str | None:
    """The HTML body if the message has one: the PR_HTML stream, else HTML wrapped in the RTF
    body (how Outlook often keeps it). Not extract-msg's `htmlBody`, which makes HTML out of a
    plain-text body."""
    from extract_msg.enums import DeencapType

    raw = message.getStream(PR_HTML_STREAM)
    if raw:
        return _decode_html(bytes(raw), message)
    if message.rtfBody and (
        wrapped := message.deencapsulateBody(message.rtfBody, DeencapType.HTML)
    ):
        return bytes(wrapped).decode("utf-8", errors="replace")  # RTFDE writes UTF-8, always
    return None


def _decode_html(raw: bytes, message: Any) -> str:
    """As its meta tag says, else as the message's code page says, else UTF-8, else the
    Windows code page Outlook would have used."""
    for encoding in (_declared_charset(raw), _codepage(message), "utf-8"):
        if encoding:
            try:
                return raw.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return raw.decode("cp1252", errors="replace")


def _declared_charset(raw: bytes) -> str | None:
    found = _META_CHARSET.search(raw[:4096])
    return found.group(1).decode("ascii") if found else None


def _codepage(message: Any) -> str | None:
    cpid = message.getPropertyVal(PR_INTERNET_CPID)
    return f"cp{cpid}" if isinstance(cpid, int) and cpid > 0 else None


def _date(message: Any) -> dt.date | None:
    """The sender's own day from the Date header when the message kept its headers; else the
    submit time, else the delivery time (both UTC)."""
    headers = message.headerText
    if headers:
        value = HeaderParser().parsestr(headers).get("Date")
        try:
            return email.utils.parsedate_to_datetime(str(value)).date()
        except (TypeError, ValueError, IndexError):
            pass
    for moment in (message.date, message.receivedTime):
        if isinstance(moment, dt.datetime):
            return moment.date()
    return None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] if text else type(exc).__name__
