"""RIS for reference managers (Zotero, EndNote, Mendeley): TY NEWS records, CRLF line ends.

UR carries only a web address (styles print it as "Available at: ..."); a local digest is
linked as a file attachment (L1) instead. Values are one line each: RIS cannot continue a value,
so story text can never start a new tag or record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.bookmarks.export.fields import digest_name, full_title, source_uri, web_url
from indexer.bookmarks.store import Bookmark

_RIS_SPACE = re.compile(r"\s+")


def ris_value(text: str) -> str:
    """One line: RIS has no way to continue a value, so newlines become spaces."""
    text = "".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text)
    return _RIS_SPACE.sub(" ", text).strip()


def to_ris(bookmarks: Sequence[Bookmark]) -> str:
    """RIS records (TY NEWS ... ER), CRLF line ends as the format expects."""
    lines: list[str] = []

    def tag(name: str, value: str | None) -> None:
        value = ris_value(value or "")
        if value:
            lines.append(f"{name}  - {value}")

    for b in bookmarks:
        lines.append("TY  - NEWS")
        tag("ID", b.story_id)
        tag("TI", full_title(b))
        tag("T2", digest_name(b))
        tag("DA", b.date.strftime("%Y/%m/%d/"))
        tag("PY", f"{b.date.year:04d}")
        url = web_url(b)
        tag("UR", url)
        if url is None:
            tag("L1", source_uri(b.source))
        for keyword in b.tags:
            tag("KW", keyword)
        tag("N1", b.note)
        tag("AB", b.body)
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)
