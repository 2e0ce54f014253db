"""Writing a whole file so a crash, a full disk or a kill leaves the old one or the new one,
never half of either: a temporary file beside it, then os.replace."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text_atomically(
    path: Path, text: str, *, overwrite: bool = True, durable: bool = False
) -> None:
    """Write `text` (UTF-8, line ends as given) to `path`, all of it or nothing.

    FileExistsError when `path` exists and `overwrite` is False; otherwise OSError with a one-line
    message naming `path`. A symlink is followed (its target is replaced, not the link); an
    existing file's permissions are kept. `durable` fsyncs before the rename (for user exports).
    """
    if path.is_symlink():
        path = path.resolve()
    if path.is_dir():
        raise IsADirectoryError(f"cannot write {path}: it is a folder")
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists")
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"cannot write {path}: folder {folder} does not exist")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OSError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OSError(f"cannot write {path}: {exc.strerror or exc}") from exc
