"""indexer/ is headless: importing any of its modules loads neither Textual nor Rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import indexer

ROOT = Path(__file__).resolve().parents[2]


def test_no_indexer_module_imports_textual_or_rich() -> None:
    names = sorted(m.name for m in pkgutil.walk_packages(indexer.__path__, "indexer."))
    assert "indexer.index.store" in names and "indexer.engine.bulk" in names
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in ('textual', 'rich') if m in sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
