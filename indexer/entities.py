"""Entity extraction (being written; returns nothing until then)."""

from __future__ import annotations

import datetime as dt

from indexer.models import Entity


def extract(headline: str | None, body: str, date: dt.date | None = None) -> tuple[Entity, ...]:
    return ()
