"""Notes-app vaults (Obsidian, Logseq): one Markdown note per bookmark, with YAML front matter
(title, date, source, tags, id), the note and the story text, kept in step by story id.

The folder holds `.dex-vault.json`: for each id, the file dex wrote and a hash of what it wrote.
Exporting again rewrites a note only while it is as dex left it; a note edited in the notes app is
kept (and reported) unless `force`. A note renamed or moved inside the folder is found by the
`id` in its front matter and updated where it is, so nothing is ever written twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from indexer.atomic import write_text_atomically
from indexer.bookmarks.export.fields import digest_name, full_title, local_path, web_url
from indexer.bookmarks.export.markdown import md_escape, paragraphs_markdown, quote_markdown
from indexer.bookmarks.store import Bookmark

STATE_FILE = ".dex-vault.json"
STATE_FORMAT = "digest-explorer-vault"
_NAME_CHARS = 100
_NAME_BYTES = 200
# Characters no file name (or no Obsidian link to one) may hold, and controls.
_NOT_IN_NAME = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f-\x9f]')
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)]
)
_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)^---[ \t]*\r?$", re.DOTALL | re.MULTILINE)


@dataclass
class VaultReport:
    """What an export to a vault did, note by note (paths inside the folder)."""

    added: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # edited in the notes app: left as they are
    overwritten: list[Path] = field(default_factory=list)  # edited, and replaced (force)
    failed: list[str] = field(default_factory=list)  # one line each, naming the file
    state_problem: str | None = None


def note_text(b: Bookmark) -> str:
    """The note dex writes for a bookmark (the same bookmark always gives the same text)."""
    url = web_url(b)
    front: dict[str, Any] = {
        "title": full_title(b),
        "date": b.date,
        "source": url if url is not None else local_path(b.source),
        "tags": list(b.tags),
        "id": b.story_id,
    }
    digest = digest_name(b)
    if digest:
        front["digest"] = digest
    front["bookmarked"] = b.created.isoformat(timespec="seconds")
    matter = yaml.safe_dump(
        front, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000
    )
    out = ["---", matter.rstrip("\n"), "---", "", f"# {md_escape(' '.join(full_title(b).split()))}"]
    if b.note.strip():
        out += ["", *quote_markdown(b.note)]
    for paragraph in paragraphs_markdown(b.body):
        out += ["", paragraph]
    return "\n".join(out) + "\n"


def note_stem(b: Bookmark) -> str:
    """A file name for the note: its title, made safe for every file system and for links."""
    name = _NOT_IN_NAME.sub(" ", unicodedata.normalize("NFC", full_title(b)))
    name = " ".join(name.split())
    while len(name) > _NAME_CHARS or len(name.encode("utf-8")) > _NAME_BYTES:
        cut = name.rfind(" ", 0, len(name) - 1)
        name = name[:cut] if cut > 0 else name[: len(name) - 1]
    name = name.strip(" .")  # a leading dot hides a file; Windows drops trailing dots
    if name.split(".")[0].upper() in _RESERVED:
        name = f"{name} {b.story_id}"
    return name or b.story_id


def front_matter_id(path: Path) -> str | None:
    """The `id` in a note's front matter, or None (no front matter, not ours, unreadable)."""
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(64_000)
        match = _FRONT_MATTER.match(head)
        data = yaml.safe_load(match.group(1)) if match else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return str(value) if isinstance(value, str | int) else None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _markdown_files(folder: Path) -> Iterator[Path]:
    """Markdown files below `folder`, not in hidden folders (.obsidian, .trash) nor hidden."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                yield Path(root, name)


class _Vault:
    """One export run over one folder: its state, its notes by id, the names in use."""

    def __init__(self, folder: Path, report: VaultReport) -> None:
        self.folder = folder
        self.report = report
        self.state = self._read_state()
        self._by_id: dict[str, Path] | None = None
        self._taken = {p.name.casefold() for p in folder.iterdir()}

    def _read_state(self) -> dict[str, dict[str, str]]:
        path = self.folder / STATE_FILE
        if not path.exists():
            return {}
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            notes = document["notes"] if document.get("format") == STATE_FORMAT else None
            if not isinstance(notes, dict):
                raise ValueError("not a dex vault record")
            return {
                str(key): {"file": str(entry["file"]), "sha256": str(entry["sha256"])}
                for key, entry in notes.items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            self.report.state_problem = (
                f"{path}: unreadable ({exc}); notes that differ from this export are kept"
            )
            return {}

    def find(self, story_id: str) -> Path | None:
        """The note for `story_id`: where dex wrote it, else wherever its front matter says."""
        entry = self.state.get(story_id)
        if entry is not None:
            path = self.folder / entry["file"]
            if path.is_file() and front_matter_id(path) == story_id:
                return path
        if self._by_id is None:
            self._by_id = {}
            for path in _markdown_files(self.folder):
                found = front_matter_id(path)
                if found is not None:
                    self._by_id.setdefault(found, path)
        return self._by_id.get(story_id)

    def new_path(self, b: Bookmark) -> Path:
        """A free file name for a new note ("Title.md", else "Title (2).md", ...)."""
        stem, number = note_stem(b), 1
        name = f"{stem}.md"
        while name.casefold() in self._taken:
            number += 1
            name = f"{stem} ({number}).md"
        self._taken.add(name.casefold())
        return self.folder / name

    def sync(self, b: Bookmark, *, force: bool) -> None:
        """Write the bookmark's note if it is new, or as dex left it, or `force`; say which."""
        report, text = self.report, note_text(b)
        data = text.encode("utf-8")
        path = self.find(b.story_id)
        written = self.state.get(b.story_id)
        if path is None:
            path, outcome = self.new_path(b), report.added
        else:
            try:
                current = path.read_bytes()
            except OSError as exc:
                report.failed.append(f"cannot read {path}: {exc.strerror or exc}")
                return
            if current == data:
                outcome = report.unchanged
            elif written is not None and _digest(current) == written["sha256"]:
                outcome = report.updated
            elif force:
                outcome = report.overwritten
            else:  # edited in the notes app: kept, and still known where it now is
                report.kept.append(path)
                if written is not None:
                    written["file"] = path.relative_to(self.folder).as_posix()
                return
        if outcome is not report.unchanged:
            try:
                write_text_atomically(path, text)
            except OSError as exc:
                report.failed.append(str(exc))
                return
        outcome.append(path)
        self.state[b.story_id] = {
            "file": path.relative_to(self.folder).as_posix(),
            "sha256": _digest(data),
        }

    def write_state(self) -> None:
        document = {"format": STATE_FORMAT, "version": 1, "notes": self.state}
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_text_atomically(self.folder / STATE_FILE, text, durable=True)


def export_vault(
    bookmarks: Sequence[Bookmark], folder: Path, *, force: bool = False
) -> VaultReport:
    """Write or update one note per bookmark in `folder` (created if missing; its parent must
    exist). OSError, with a one-line message, only when the folder itself cannot be used; a note
    that cannot be written is listed in `failed` and the others are still written."""
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"cannot export to {folder}: it is a file, not a folder")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OSError(f"cannot create folder {folder}: {exc.strerror or exc}") from exc
    report = VaultReport()
    try:
        vault = _Vault(folder, report)
    except OSError as exc:
        raise OSError(f"cannot read folder {folder}: {exc.strerror or exc}") from exc
    for b in bookmarks:
        vault.sync(b, force=force)
    try:
        vault.write_state()
    except OSError as exc:
        report.failed.append(str(exc))
    return report
