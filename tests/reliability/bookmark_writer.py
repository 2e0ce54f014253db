"""A bookmark writer run as its own process by the crash and concurrency tests (the app's write
path: one small transaction per bookmark). It prints a line once each write has returned:
`A id` added, `U id note` note changed. Usage: python bookmark_writer.py DB PREFIX COUNT"""

from __future__ import annotations

import datetime as dt
import sys

from indexer.bookmarks.store import BookmarkStore
from indexer.records import Story


def story(story_id: str) -> Story:
    return Story(
        id=story_id, source=f"digests/{story_id}.txt", digest_title="Digest",
        date=dt.date(2024, 3, 14), date_from="header", position=0,
        headline=f"Headline {story_id}", title=f"Headline {story_id}",
        body=f"Body of {story_id}. " * 20,
    )  # fmt: skip


def expected_tags(story_id: str) -> tuple[str, ...]:
    return (f"tag-{story_id}", "shared")


def main(db: str, prefix: str, count: int) -> None:
    with BookmarkStore(db) as store:
        for number in range(count):
            story_id = f"{prefix}{number:05d}"
            store.add(story(story_id), note=f"note {story_id}", tags=expected_tags(story_id))
            print(f"A {story_id}", flush=True)
            if number % 4 == 3:
                earlier = f"{prefix}{number - 2:05d}"
                store.update(earlier, note=f"changed {earlier}")
                print(f"U {earlier} changed {earlier}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
