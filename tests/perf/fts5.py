"""SQLite FTS5 as the reference engine: the same parsed stories, the same query mix.

Why: "is the Whoosh index fast enough?" has no answer without something a user could pick
instead. FTS5 ships with Python, ranks with bm25 and cuts snippets, so it is the obvious rival.
The stories come from the project's own pipeline (parsing and entities included), one row per
distinct story id, so both engines index the same text. Each answer fetches the top 20 with
bm25 ranking and a snippet, plus the total count dex shows above its list.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from indexer.records import Problem, Story
from tests.perf.querymix import Query

SCHEMA = """
CREATE TABLE story (id INTEGER PRIMARY KEY, sid TEXT UNIQUE, date TEXT, title TEXT, source TEXT);
CREATE INDEX story_date ON story (date);
CREATE VIRTUAL TABLE fts USING fts5 (headline, body, org, person, place,
                                     tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(3.0, 1.0, 1.0, 1.0, 1.0)');
"""
ENTITY_COLUMNS = {"ORG": "org", "PERSON": "person", "PLACE": "place"}


def parse_stories(corpus_dir: Path, problems: list[Problem]) -> Iterator[Story]:
    """Every story as dex parses it (A's pipeline: splitting, dates, entities)."""
    from indexer.pipeline import parse_paths

    digests = parse_paths([str(corpus_dir)], problems.append)
    return (story for digest in digests for story in digest.stories)


def build(db_path: Path, corpus_dir: Path) -> dict[str, object]:
    """Parse the corpus and load it into a fresh FTS5 database; report how long that took."""
    db_path.unlink(missing_ok=True)
    problems: list[Problem] = []
    started = time.perf_counter()
    stories = parse_stories(corpus_dir, problems)
    conn = sqlite3.connect(db_path)
    conn.executescript(SCHEMA)
    rows = 0
    with conn:
        for story in stories:
            cur = conn.execute(
                "INSERT OR IGNORE INTO story (sid, date, title, source) VALUES (?, ?, ?, ?)",
                (story.id, story.date.isoformat(), story.title, story.source),
            )
            if not cur.rowcount:
                continue  # the same story in another digest: indexed once, as dex does
            fields: dict[str, list[str]] = {c: [] for c in ENTITY_COLUMNS.values()}
            for entity in story.entities:
                column = ENTITY_COLUMNS.get(entity.label)
                if column and entity.canonical not in fields[column]:
                    fields[column].append(entity.canonical)
            conn.execute(
                "INSERT INTO fts (rowid, headline, body, org, person, place) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    cur.lastrowid,
                    story.headline or "",
                    story.body,
                    *("\n".join(fields[c]) for c in ("org", "person", "place")),
                ),
            )
            rows += 1
    conn.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    conn.commit()
    conn.close()
    seconds = time.perf_counter() - started
    return {
        "parser": "indexer.pipeline",
        "stories": rows,
        "seconds": round(seconds, 3),
        "stories_per_s": round(rows / seconds, 1) if seconds else None,
        "size_mb": round(db_path.stat().st_size / 1e6, 2),
        "problems": len(problems),
    }


class Fts5Engine:
    """Answers a Query of the mix: top `limit` by bm25 with snippets, plus the total count."""

    def __init__(self, db_path: Path) -> None:
        self.conn = sqlite3.connect(db_path, check_same_thread=False)

    def close(self) -> None:
        self.conn.close()

    def search(self, query: Query, limit: int = 20) -> tuple[int, list[tuple[object, ...]]]:
        match = query.fts5_match()
        where, args = [], []
        if query.date_from:
            where.append("s.date >= ?")
            args.append(query.date_from)
        if query.date_to:
            where.append("s.date <= ?")
            args.append(query.date_to)
        if match is None:
            cond = " AND ".join(where) or "1"
            rows = self.conn.execute(
                f"SELECT s.sid, s.title, s.date, substr(f.body, 1, 200) FROM story s "
                f"JOIN fts f ON f.rowid = s.id WHERE {cond} ORDER BY s.date DESC LIMIT ?",
                (*args, limit),
            ).fetchall()
            total = self.conn.execute(
                f"SELECT count(*) FROM story s WHERE {cond}", args
            ).fetchone()[0]
            return total, rows
        cond = "".join(f" AND {w}" for w in where)
        rows = self.conn.execute(
            "SELECT s.sid, s.title, s.date, snippet(fts, -1, '[', ']', '…', 24) FROM fts "
            f"JOIN story s ON s.id = fts.rowid WHERE fts MATCH ?{cond} ORDER BY rank LIMIT ?",
            (match, *args, limit),
        ).fetchall()
        join = " JOIN story s ON s.id = fts.rowid" if where else ""
        total = self.conn.execute(
            f"SELECT count(*) FROM fts{join} WHERE fts MATCH ?{cond}", (match, *args)
        ).fetchone()[0]
        return total, rows
