"""Markdown digests to plain text that reads cleanly, remembering which lines were headings.

Line by line rather than through a full Markdown parser: digests use a small part of Markdown,
and the splitter needs the line structure (a heading, a bold line, a list item) kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+")
_BOLD_LINE = re.compile(r"^(\*\*|__)([^*_\n].*?)\1[ \t]*$")

_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)|\[([^\]\n]+)\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]+>")
_CODE = re.compile(r"`+([^`\n]+)`+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1")
_EMPH = re.compile(
    r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\*)|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"
)
_STRIKE = re.compile(r"~~(?=\S)([^~\n]+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")


@dataclass(frozen=True, slots=True)
class MarkdownText:
    text: str
    headings: tuple[str, ...]
    title: str | None
    date: str | None


def inline(text: str) -> str:
    """Strip inline markup: images go, links keep their text, emphasis markers go."""
    if "[" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    if "<" in text:
        text = _AUTOLINK.sub("", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(r"\2", text)
        text = _EMPH.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    if "~" in text:
        text = _STRIKE.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text.strip()


def _front_matter(lines: list[str]) -> tuple[int, dict[str, str]]:
    """YAML-style front matter (`---` ... `---`): its length and simple `key: value` pairs."""
    if not lines or lines[0].strip() != "---":
        return 0, {}
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            meta = {}
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep:
                    meta[key.strip().lower()] = value.strip().strip("'\"")
            return end + 1, meta
    return 0, {}


def _drop_comments(text: str) -> str:
    out, start = [], 0
    while (begin := text.find("<!--", start)) >= 0:
        out.append(text[start:begin])
        end = text.find("-->", begin + 4)
        start = len(text) if end < 0 else end + 3
    out.append(text[start:])
    return "".join(out)


def markdown_to_text(source: str) -> MarkdownText:
    """Convert Markdown to lines: headings and bold-only lines become standalone headline lines."""
    lines = _drop_comments(source).split("\n")
    skip, meta = _front_matter(lines)
    out: list[str] = []
    headings: list[str] = []
    levels: list[int] = []
    in_fence = False

    def heading(text: str, level: int = 2) -> None:
        text = inline(text)
        if text:
            out.extend(("", text, ""))
            headings.append(text)
            levels.append(level)

    for raw in lines[skip:]:
        if _FENCE.match(raw):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(raw.rstrip())
            continue
        line = _QUOTE.sub("", raw)
        if match := _ATX.match(line):
            heading(match.group(2), len(match.group(1)))
        elif (
            (setext := _SETEXT.match(line))
            and out
            and out[-1].strip()
            and (setext.group(1)[0] == "=" or not out[-1].rstrip().endswith("."))
        ):
            previous = out.pop()
            if headings and headings[-1] == previous:
                headings.pop()
                levels.pop()
            heading(previous, 1 if setext.group(1)[0] == "=" else 2)
        elif _RULE.match(line):
            out.append("")
        elif _REF_DEF.match(line):
            continue
        else:
            bullet = _BULLET.match(line)
            line = _HARD_BREAK.sub("", line[bullet.end() :] if bullet else line)
            if match := _BOLD_LINE.match(line.strip()):
                heading(match.group(2))
                continue
            text = inline(line)
            if not text and line.strip():
                continue  # an image-only or link-only line with nothing to read
            # A list item keeps a plain bullet, so the splitter knows it for one.
            out.append(f"• {text}" if bullet and text else text)
    title = meta.get("title") or meta.get("subject") or None
    masthead = masthead_heading(out, headings, levels, title)
    if masthead is not None:
        title = title or masthead
    return MarkdownText("\n".join(out), tuple(headings), title, meta.get("date"))


def masthead_heading(
    lines: list[str], headings: list[str], levels: list[int], title: str | None
) -> str | None:
    """A first heading that names the digest, not a story: removed from `lines`, returned.

    That is a top-level heading over stories headed one level down, or the document's title.
    """
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not headings or lines[first].strip() != headings[0]:
        return None
    named = title is not None and " ".join(title.split()).lower() == headings[0].lower()
    if not named and not (levels[0] == 1 and len(levels) > 1 and min(levels[1:]) > 1):
        return None
    masthead = headings[0]
    del lines[first], headings[0], levels[0]
    return masthead
