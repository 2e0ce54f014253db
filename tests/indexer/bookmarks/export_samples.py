"""Bookmarks that make exports hard: markup and formulas in every field, a lead story without a
headline (its list title clipped), a digest known only by its file name, a web source, tags
with commas."""

from __future__ import annotations

import datetime as dt

from indexer.bookmarks.store import Bookmark
from indexer.stories.titles import lead_title

NOTES = [
    "[bold]important[/bold] and <script>alert('x')</script>",
    "=cmd|' /C calc'!A0",
    "line one\nline two\n\n[click](http://evil.example) ![img](http://evil.example/i.png)",
    "",
]
TAGS = [
    ("NHS", "funding, capital"),
    ('say "hi"', "it's"),
    ("Zürich", "-minus", "@at", "+plus"),
    (),
]


def hostile(n: int) -> Bookmark:
    return Bookmark(
        story_id=f"story-{n}",
        headline=None if n == 1 else f"Trust {n} <b>cuts</b> [beds] & *more*",
        title=f"Title {n}: =SUM(A1)" if n == 1 else f"Trust {n} <b>cuts</b> [beds] & *more*",
        date=dt.date(2024, 3, n + 1),
        source=f"/archive/May 2024/digest ({n}) #1.txt" if n != 3 else "https://x.org/a b?q=1",
        body=f"# Not a heading {n}\n\n1. not a list\n- nor this\n"
        "    nor code <img src=x onerror=y>\n\nTrust spends £3.5bn (a 4.2% rise).",
        digest_title=f"Must reads | {n}",
        created=dt.datetime(2024, 4, 1, 12, n, tzinfo=dt.UTC),
        note=NOTES[n],
        tags=TAGS[n],
    )


LEAD_SENTENCE = (
    "NHS leaders are bracing themselves for the prospect of hospital consultants walking out "
    "for two days if an ongoing ballot on industrial action proves successful"
)
LEAD_BODY = (
    f"{LEAD_SENTENCE}.\n\nThe British Medical Association has announced the prospective dates."
)
# A lead story (no headline) from a digest dex knew only by its file name.
LEAD = Bookmark(
    story_id="lead-1",
    headline=None,
    title=lead_title(LEAD_BODY),
    date=dt.date(2024, 9, 27),
    source="/archive/2024-09-27_004_a0d09732db0539e4.txt",
    body=LEAD_BODY,
    digest_title="2024-09-27_004_a0d09732db0539e4",
    created=dt.datetime(2024, 10, 1, 9, 30, tzinfo=dt.UTC),
    note="Ask the trust what cover it plans.",
    tags=("strikes", "funding, capital"),
)
# A story from the web, with a newsletter's name.
WEB = Bookmark(
    story_id="web-1",
    headline="Trust shuts 10% of its beds in savings drive",
    title="Trust shuts 10% of its beds in savings drive",
    date=dt.date(2024, 9, 26),
    source="https://www.hsj.co.uk/finance/trust-shuts-beds?utm=1&x=2",
    body="A hospital trust has shut more than 10 per cent of its beds.",
    digest_title="HSJ Daily Insight",
    created=dt.datetime(2024, 10, 1, 9, 0, tzinfo=dt.UTC),
    tags=("beds",),
)

BOOKMARKS = [hostile(n) for n in range(4)]
ALL = [*BOOKMARKS, LEAD, WEB]


def fields(b: Bookmark) -> dict:
    return {name: getattr(b, name) for name in Bookmark.__slots__}
