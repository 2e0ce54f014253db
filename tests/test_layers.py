"""The allowed directions of imports between indexer's stages and between indexer and tui.

Each stage may import only the stages listed for it (and the shared data modules); a test
rather than a linter, so CI needs nothing more. Imports inside functions count too: a lazy
import still ties the stages together.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SHARED = {"records", "blocks", "errors", "atomic", "first_names"}
# Stage -> the stages it may import (besides itself and the shared modules).
ALLOWED: dict[str, set[str]] = {
    "shared": set(),
    "reading": set(),
    "stories": {"reading"},
    "entities": {"stories", "reading"},
    "pipeline": {"reading", "stories", "entities"},
    "engine": set(),
    "index": {"engine", "pipeline", "reading", "stories", "entities"},
    "search": {"engine", "index"},
    "bookmarks": {"reading", "stories"},
}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "indexer" or len(parts) < 2:
        return None
    name = parts[1]
    if name in SHARED:
        return "shared"
    return name


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "indexer":
                found.update(f"indexer.{alias.name}" for alias in node.names)
            else:
                found.add(node.module)
    return found


def _modules(package: str) -> list[tuple[str, Path]]:
    base = ROOT / package
    found = []
    for path in sorted(base.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found.append((".".join(parts[:-1] if parts[-1] == "__init__" else parts), path))
    return found


def test_every_stage_is_known() -> None:
    stages = {_stage(name) for name, _ in _modules("indexer")} - {None}
    assert stages <= set(ALLOWED), stages - set(ALLOWED)


def test_stages_import_only_what_they_may() -> None:
    wrong = []
    for name, path in _modules("indexer"):
        stage = _stage(name)
        if stage is None:  # indexer/__init__.py
            continue
        for imported in _imports(path):
            other = _stage(imported)
            if other is None or other in (stage, "shared") or other in ALLOWED[stage]:
                continue
            wrong.append(f"{name} imports {imported} ({stage} -> {other})")
    assert not wrong, "\n".join(wrong)


def test_shared_modules_import_no_stage() -> None:
    for name, path in _modules("indexer"):
        if _stage(name) == "shared":
            assert all(_stage(m) in (None, "shared") for m in _imports(path)), name


def test_indexer_is_headless_and_never_imports_the_app() -> None:
    for name, path in _modules("indexer"):
        for imported in _imports(path):
            root = imported.split(".")[0]
            assert root not in {"tui", "textual", "rich"}, f"{name} imports {imported}"


def test_the_stage_rules_catch_a_wrong_direction(tmp_path: Path) -> None:
    """The checker itself: a reader importing the splitter is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("from indexer.stories.split import split\n", encoding="utf-8")
    other = _stage(next(iter(_imports(bad))))
    assert other == "stories" and other not in ALLOWED["reading"]
