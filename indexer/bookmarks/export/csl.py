"""CSL-JSON, what Zotero, Pandoc and every citeproc read: items valid against the CSL schema.

`URL` is set only for a story from the web (styles print it as "Available at: ..."); a local
digest's path is its `archive_location`. Tags are `keyword` (", "-joined, as CSL defines it) and,
so a tag holding a comma stays one tag, a list in `custom.tags` (the schema's place for data
with no CSL variable).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from indexer.bookmarks.export.fields import digest_name, full_title, local_path, web_url
from indexer.bookmarks.store import Bookmark


def _csl_date(day: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_item(b: Bookmark) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": b.story_id,
        "type": "article-newspaper",
        "title": full_title(b),
        "issued": _csl_date(b.date),
        "accessed": _csl_date(b.created.astimezone(dt.UTC).date()),
    }
    container = digest_name(b)
    if container:
        item["container-title"] = container
    url = web_url(b)
    if url is not None:
        item["URL"] = url
    else:
        item["archive_location"] = local_path(b.source)
    item["abstract"] = b.body
    if b.note:
        item["note"] = b.note
    if b.tags:
        item["keyword"] = ", ".join(b.tags)
        item["custom"] = {"tags": list(b.tags)}
    return item


def to_csl_json(bookmarks: Sequence[Bookmark]) -> str:
    """A CSL-JSON array, one item per bookmark."""
    return json.dumps([csl_item(b) for b in bookmarks], ensure_ascii=False, indent=2) + "\n"
