"""A stamp of the rules that turn digest files into stories: readers, splitting, the story
model, entities and their word lists, and the words indexed from a story. The index marker
keeps the stamp its stories were read with; when dex's rules change (an upgrade), `dex index`
reads the digests of its paths again, unchanged or not, and stamps the index once a run has
covered every source (store._update), so an archive gains what the new rules get right instead
of keeping the old splits until its files change."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # indexer/
_RULE_FOLDERS = ("reading", "stories", "entities")
_RULE_FILES = (
    "blocks.py",
    "first_names.py",
    "pipeline.py",
    "records.py",
    "engine/analysis.py",  # how a story's text becomes indexed words
    "engine/documents.py",  # which of its fields are text (Content.extras)
)


@cache
def reading_rules() -> str:
    """The stamp of this installation's reading rules (a hash of their files, ~3 ms)."""
    digest = hashlib.blake2b(digest_size=12)
    files = [_PACKAGE / name for name in _RULE_FILES]
    for folder in _RULE_FOLDERS:
        files += sorted(
            path
            for path in (_PACKAGE / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        )
    for path in files:
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
