"""Our own JSON: every field of every bookmark, and the saved searches, for a backup and for
`dex bookmarks import`. Saved searches are an optional list beside the bookmarks, so a dex that
knows none still imports the bookmarks of a newer file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from indexer.bookmarks.saved import SavedSearch, saved_search
from indexer.bookmarks.schema import normalise_tags
from indexer.bookmarks.store import Bookmark

JSON_FORMAT = "digest-explorer-bookmarks"
JSON_VERSION = 1


class BookmarkImportError(ValueError):
    """The text is not a bookmarks export we can read; str(e) is one line saying why."""


def bookmark_to_dict(bookmark: Bookmark) -> dict[str, Any]:
    return {
        "story_id": bookmark.story_id,
        "headline": bookmark.headline,
        "title": bookmark.title,
        "date": bookmark.date.isoformat(),
        "source": bookmark.source,
        "digest_title": bookmark.digest_title,
        "created": bookmark.created.astimezone(dt.UTC).isoformat(),
        "note": bookmark.note,
        "tags": list(bookmark.tags),
        "body": bookmark.body,
        "details": bookmark.details,
    }


def saved_search_to_dict(search: SavedSearch) -> dict[str, Any]:
    return {
        "name": search.name,
        "query": search.query,
        "created": search.created.astimezone(dt.UTC).isoformat(),
    }


def to_json(bookmarks: Sequence[Bookmark], saved: Sequence[SavedSearch] = ()) -> str:
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "bookmarks": [bookmark_to_dict(b) for b in bookmarks],
        "saved_searches": [saved_search_to_dict(s) for s in saved],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _text(item: dict[str, Any], name: str, number: int) -> str:
    value = _optional_text(item, name, number)
    if value is None:
        raise BookmarkImportError(f"bookmark {number}: missing {name!r}")
    return value


def _optional_text(item: dict[str, Any], name: str, number: int) -> str | None:
    value = item.get(name)
    if value is not None and not isinstance(value, str):
        raise BookmarkImportError(f"bookmark {number}: {name!r} is not text")
    return value


def _bookmark_from_dict(item: Any, number: int) -> Bookmark:
    if not isinstance(item, dict):
        raise BookmarkImportError(f"bookmark {number}: not an object")
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise BookmarkImportError(f"bookmark {number}: 'tags' is not a list of text")
    date_text, created_text = _text(item, "date", number), _text(item, "created", number)
    try:
        date = dt.date.fromisoformat(date_text)
        created = dt.datetime.fromisoformat(created_text)
    except ValueError as exc:
        raise BookmarkImportError(f"bookmark {number}: bad date ({exc})") from exc
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    story_id = _text(item, "story_id", number)
    if not story_id.strip():
        raise BookmarkImportError(f"bookmark {number}: empty 'story_id'")
    return Bookmark(
        story_id=story_id,
        headline=_optional_text(item, "headline", number),
        title=_text(item, "title", number),
        date=date,
        source=_text(item, "source", number),
        body=_optional_text(item, "body", number) or "",
        digest_title=_optional_text(item, "digest_title", number) or "",
        created=created.astimezone(dt.UTC),
        note=_optional_text(item, "note", number) or "",
        tags=normalise_tags(tags),
        details=_optional_text(item, "details", number),  # absent in exports made before
    )


def import_json(text: str) -> list[Bookmark]:
    """Read our JSON export's bookmarks back (raises BookmarkImportError saying what is
    wrong)."""
    return _bookmarks_of(_document(text))


def import_saved_searches(text: str) -> list[SavedSearch] | None:
    """Read our JSON export's saved searches back (None for an export made before them)."""
    items = _document(text).get("saved_searches")
    if items is None:
        return None
    if not isinstance(items, list):
        raise BookmarkImportError("bookmarks export's 'saved_searches' is not a list")
    return [_saved_from_dict(item, number) for number, item in enumerate(items, 1)]


def _saved_from_dict(item: Any, number: int) -> SavedSearch:
    where = f"saved search {number}"
    if not isinstance(item, dict):
        raise BookmarkImportError(f"{where}: not an object")
    name, query, created_text = (item.get(key) for key in ("name", "query", "created"))
    if not isinstance(name, str) or not isinstance(query, str):
        raise BookmarkImportError(f"{where}: 'name' and 'query' must be text")
    if created_text is not None and not isinstance(created_text, str):
        raise BookmarkImportError(f"{where}: 'created' is not text")
    try:
        created = dt.datetime.fromisoformat(created_text) if created_text else None
    except ValueError as exc:
        raise BookmarkImportError(f"{where}: bad date ({exc})") from exc
    if created is not None and created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    try:
        return saved_search(name, query, created)
    except ValueError as exc:
        raise BookmarkImportError(f"{where}: {exc}") from exc


def _document(text: str) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BookmarkImportError(f"not JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise BookmarkImportError(f"not a Digest Explorer bookmarks export (no {JSON_FORMAT!r})")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BookmarkImportError("bookmarks export has no valid 'version'")
    if version > JSON_VERSION:
        raise BookmarkImportError(f"bookmarks export version {version} is newer than this dex")
    return document


def _bookmarks_of(document: dict[str, Any]) -> list[Bookmark]:
    items = document.get("bookmarks")
    if not isinstance(items, list):
        raise BookmarkImportError("bookmarks export has no 'bookmarks' list")
    return [_bookmark_from_dict(item, number) for number, item in enumerate(items, 1)]
