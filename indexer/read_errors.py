"""Why a file gave no digest; shared by every reader (re-exported by `indexer.readers`)."""

from __future__ import annotations


class ReadError(Exception):
    """The file could not be read as a digest; `str(error)` is a one-line reason."""


class Skipped(Exception):
    """The file is not a digest format (image, PDF, binary): a note, not a failure."""
