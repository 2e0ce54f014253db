"""The common first names a capitalised name after one makes a person's: a shared data module
(the entity rules find people with it, the splitter tells a line of authors from a heading)."""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def first_names() -> frozenset[str]:
    """The names in `indexer/entities/lists/first_names.txt` (read once)."""
    names = resources.files("indexer.entities").joinpath("lists", "first_names.txt")
    return frozenset(
        line.strip()
        for line in names.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
