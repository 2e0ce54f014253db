"""The Markdown briefing (to read or send), and Markdown escaping shared with the vault notes.

Built from data, never from markup: story text cannot make links, images, HTML, headings or
lists. Web sources are links; local files are shown as code, since renderers refuse `file:`
links (markdown-it shows them as raw text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from indexer.bookmarks.export.fields import digest_name, full_title, local_path, utc_text, web_url
from indexer.bookmarks.store import Bookmark
from indexer.reading.textcodec import visible_controls

# Characters that open Markdown/HTML constructs anywhere in a line: code, emphasis, links and
# images, HTML and autolinks, tables, strikethrough, entities (`&` only where it could start one,
# so "A&E" stays readable). CommonMark lets any ASCII punctuation be backslash-escaped, so a
# renderer shows the same characters.
_INLINE = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
# Constructs that only count at the start of a line: headings, quotes, lists, rules, setext.
_LINE_START = re.compile(r"^([-+=#>]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """Story text as literal Markdown: no links, images, HTML, headings or lists can come of it."""
    lines = []
    for line in visible_controls(text).splitlines():
        line = _INLINE.sub(r"\\\1", line.strip())
        match = _LINE_START.match(line)
        if match and match.group(1).isdigit():
            end = match.end()
            line = line[:end] + "\\" + line[end:]
        elif match:
            line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def code_span(text: str) -> str:
    """Text as an inline code span: shown literally, whatever it holds (tags may hold commas)."""
    text = visible_controls(text, one_line=True)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def source_markdown(bookmark: Bookmark) -> str:
    """A web source as a link, a local file as its path in code."""
    url = web_url(bookmark)
    if url is not None:
        return f"[{md_escape(bookmark.source)}](<{url}>)"
    return code_span(local_path(bookmark.source))


def paragraphs_markdown(text: str) -> list[str]:
    """Each paragraph of story text escaped, in order."""
    return [md_escape(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def quote_markdown(text: str) -> list[str]:
    """A note as a block quote (one `>` line per line)."""
    return [f"> {line}" if line else ">" for line in md_escape(text).split("\n")]


def to_markdown(bookmarks: Sequence[Bookmark], generated: dt.datetime | None = None) -> str:
    """A briefing to read or send: each story with its date, digest, source, tags and note."""
    generated = generated or dt.datetime.now(dt.UTC)
    count = f"{len(bookmarks)} bookmark{'s' if len(bookmarks) != 1 else ''}"
    out = ["# Bookmarked stories", "", f"Generated {utc_text(generated)} · {count}", ""]
    for bookmark in bookmarks:
        heading = " ".join(full_title(bookmark).split())
        out += ["---", "", f"## {md_escape(heading)}", ""]
        out.append(f"- **Date:** {bookmark.date.isoformat()}")
        digest = digest_name(bookmark)
        if digest:
            out.append(f"- **Digest:** {md_escape(digest)}")
        out.append(f"- **Source:** {source_markdown(bookmark)}")
        if bookmark.tags:
            out.append("- **Tags:** " + " ".join(code_span(tag) for tag in bookmark.tags))
        out.append(f"- **Bookmarked:** {utc_text(bookmark.created)}")
        out.append("")
        if bookmark.note.strip():
            out += [*quote_markdown(bookmark.note), ""]
        for paragraph in paragraphs_markdown(bookmark.body):
            out += [paragraph, ""]
    return "\n".join(out).rstrip("\n") + "\n"
