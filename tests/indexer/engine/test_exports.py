"""The engine's names load their modules on first use: each is the object its module defines,
and what needs only the index's file names (the marker, the look for changes) loads no Whoosh."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from indexer import engine


@pytest.mark.parametrize("name", engine.__all__)
def test_each_name_is_its_modules_own(name: str) -> None:
    module = importlib.import_module(f"indexer.engine.{engine._MODULE_OF[name]}")
    assert getattr(engine, name) is getattr(module, name)


def test_every_name_has_a_module_and_no_other_name_is_made_up() -> None:
    assert sorted(engine._MODULE_OF) == sorted(engine.__all__)
    with pytest.raises(AttributeError, match="no attribute 'open_everything'"):
        _ = engine.open_everything


def test_looking_for_index_changes_loads_neither_whoosh_nor_numpy() -> None:
    code = (
        "import sys, indexer.index.changes, indexer.index.marker, indexer.engine.files\n"
        "print(sorted(m for m in ('whoosh', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
