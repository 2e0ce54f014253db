"""The scorer the project is judged with (tests/fixtures/score.py, a copy of the shared one),
loaded once for every test that scores parsed digests against gold files."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", FIXTURES / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


score = load_scorer()
