"""The user's key map (TOML in the config dir) and the binding tables the help screen shows.

    # keymap.toml
    [keys]
    bookmark = "ctrl+b"          # a binding id (shown on the help screen, `?`) = key(s)
    "reader.find" = "ctrl+f,slash"

A missing file is no key map; a broken one is reported in one line and ignored, never fatal.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

Keymap = dict[str, str]


class KeymapError(ValueError):
    """The key map file cannot be used; str(e) names the file and the problem."""


def load_keymap(path: Path, known_ids: Iterable[str] = ()) -> tuple[Keymap, list[str]]:
    """Read `[keys]` from `path`: (id -> keys, warnings). Raises KeymapError if unusable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        raise KeymapError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KeymapError(f"{path}: not valid TOML ({exc})") from exc
    table = data.get("keys", data)
    if not isinstance(table, dict):
        raise KeymapError(f'{path}: [keys] must be a table of binding id = "key"')
    known = set(known_ids)
    keymap: Keymap = {}
    warnings: list[str] = []
    for binding_id, keys in table.items():
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            warnings.append(f'{path}: {binding_id}: give the key as a string, e.g. "ctrl+b"')
            continue
        if known and binding_id not in known:
            warnings.append(f"{path}: unknown binding id {binding_id!r} (press ? to see the ids)")
            continue
        keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap, warnings


@dataclass(frozen=True)
class BindingRow:
    """One line of the help screen: the keys, what they do, and the id to rebind them."""

    keys: tuple[str, ...]
    description: str
    binding_id: str | None
    action: str


def class_bindings(cls: type[DOMNode]) -> list[Binding]:
    """Every binding a class has, its own first, then those it inherits (as Textual merges)."""
    found: list[Binding] = []
    for klass in cls.__mro__:
        bindings: list[BindingType] = list(klass.__dict__.get("BINDINGS", []))
        found.extend(Binding.make_bindings(bindings))
    return found


def own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings dex's own classes give `cls` (a pane's j/k, not Textual's scroll keys)."""
    found: list[Binding] = []
    for klass in cls.__mro__:
        if klass.__module__.split(".")[0] == "tui":
            found.extend(Binding.make_bindings(list(klass.__dict__.get("BINDINGS", []))))
    return found


def rows_for(bindings: Iterable[Binding], keymap: Keymap) -> list[BindingRow]:
    """Bindings with a description, keys merged per action, the key map applied; a key is
    listed once (the first binding of it, as Textual would run it)."""
    rows: dict[tuple[str, str], BindingRow] = {}
    shown: set[str] = set()
    for binding in bindings:
        if not binding.description or binding.system:
            continue
        if binding.id and binding.id in keymap:
            keys = tuple(keymap[binding.id].split(","))
        else:
            keys = (binding.key,)
        keys = tuple(key for key in keys if key not in shown)
        if not keys:
            continue
        shown.update(keys)
        key = (binding.action, binding.description)
        if key in rows:
            old = rows[key]
            merged = old.keys + tuple(k for k in keys if k not in old.keys)
            rows[key] = BindingRow(
                merged, old.description, old.binding_id or binding.id, old.action
            )
        else:
            rows[key] = BindingRow(keys, binding.description, binding.id, binding.action)
    return list(rows.values())


def binding_ids(classes: Iterable[type[DOMNode]]) -> Iterator[str]:
    for cls in classes:
        for binding in class_bindings(cls):
            if binding.id:
                yield binding.id
