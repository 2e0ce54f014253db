"""A stamp of the rules that turn digest files into stories: readers, splitting, the story
model, entities and their word lists, and the words indexed from a story. The index marker
keeps the stamp its stories were read with; when dex's rules change (an upgrade), `dex index`
reads the digests of its paths again, unchanged or not, and stamps the index once a run has
covered every source (store._update), so an archive gains what the new rules get right instead
of keeping the old splits until its files change."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path, PurePath

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
    """The stamp of this installation's reading rules (a hash of their files, ~2 ms; every
    `dex search` on the user's own digests asks, store.incomplete)."""
    digest = hashlib.blake2b(digest_size=12)
    names = list(_RULE_FILES)
    for folder in _RULE_FOLDERS:
        names += sorted(_files_below(_PACKAGE, folder), key=PurePath)  # as paths sort
    for name in names:
        digest.update(name.encode())
        digest.update(b"\0")
        with open(_PACKAGE / name, "rb") as file:
            digest.update(file.read())
    return digest.hexdigest()


def _files_below(package: Path, folder: str) -> Iterator[str]:
    """The files below package/folder as paths relative to package ("reading/mail.py"),
    leaving out __pycache__. os.scandir, not Path.rglob: pathlib's walk took half the stamp's
    time (~2 of 4 ms)."""
    with os.scandir(package / folder) as entries:
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            name = f"{folder}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                yield from _files_below(package, name)
            elif entry.is_file():
                yield name
