"""Whether an index folder is the user's own: Whoosh's files hold pickles, and loading a pickle
can run any code, so dex reads an index only if no other user can have written it.

The folder must belong to the user and be writable by no one else; so must every file in it
that another user could reach (a file in a folder closed to others is safe whatever its mode).
Where there are no POSIX owners (Windows), nothing is checked.
"""

from __future__ import annotations

import os
import shlex
import stat
from pathlib import Path

from indexer.errors import IndexUnsafeError

FOLDER_MODE = 0o700  # how dex creates the index folder: the user's alone


def check_own_folder(folder: Path) -> None:
    """IndexUnsafeError (one line naming what and how to fix it) unless `folder` and the files
    in it are the user's alone; a missing folder passes (there is nothing to read)."""
    user = getattr(os, "geteuid", None)
    if user is None:
        return
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(info.st_mode):
        return  # the caller says "not a folder"
    me = user()
    _check(folder, info, me, reach=0o022, what="the index folder")
    # Write bits that matter on a file: the group's if the group can enter the folder, the
    # others' if they can.
    reach = (0o020 if info.st_mode & stat.S_IXGRP else 0) | (
        0o002 if info.st_mode & stat.S_IXOTH else 0
    )
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                found = entry.stat()  # a link is judged by what it points to
            except FileNotFoundError:
                continue  # gone meanwhile (another dex cleaning up), or a dangling link
            _check(Path(entry.path), found, me, reach=reach, what="a file in the index folder")


def _check(path: Path, info: os.stat_result, me: int, *, reach: int, what: str) -> None:
    if info.st_uid != me:
        raise IndexUnsafeError(
            f"{path}: {what} belongs to another user (uid {info.st_uid}); dex only reads an "
            "index you made (its files can run code when read)"
        )
    if info.st_mode & reach:
        who = "other users" if info.st_mode & reach & 0o002 else "your group"
        mode = stat.S_IMODE(info.st_mode)
        fix = f"chmod go-w {shlex.quote(str(path))}"
        raise IndexUnsafeError(
            f"{path}: {what} is writable by {who} (mode {mode:o}); dex will not read it (its "
            f"files can run code when read). If only you wrote it: {fix}"
        )
