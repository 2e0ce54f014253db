"""Markdown digests to blocks, through a real Markdown parser (markdown-it-py, CommonMark).

Headings keep their level, list items their nesting, numbering and bold or linked lead, and a
paragraph that opens with bold text keeps that as its lead: the facts the splitter's story
template is found from. A line-by-line reading of Markdown loses them (a numbered item with a
bold headline became one story with its neighbours).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from html import unescape

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from indexer.blocks import Block, Builder, Kind, is_decoration, render
from indexer.reading.digest_dates import is_dated_masthead


@dataclass(frozen=True, slots=True)
class MarkdownText:
    text: str
    blocks: tuple[Block, ...]
    title: str | None
    date: str | None


_MASTHEAD_REACH = 3  # blocks from the top a masthead heading may sit
_ABOVE_MASTHEAD_WORDS = 12  # what stands above it is chrome, shorter than this
_MASTHEAD_WORDS = 6  # spaces: a newsletter's name has fewer words; a headline often more
_TITLE_PARTS = re.compile(r"\s+[|–—·:-]\s+")
# Footnotes parsed as such: a marker ("[^1]") is no text, and the notes ("[^1]: HSJ, 9 Sep
# 2020.") are the page's references, not a story.
_PARSER = (
    MarkdownIt("commonmark", {"html": True})
    .enable("table")
    .enable("strikethrough")
    .use(footnote_plugin)
)


def _front_matter(lines: list[str]) -> tuple[int, dict[str, str]]:
    """Front matter, YAML-style (`---` ... `---`) or TOML (`+++` ... `+++`, Hugo's and Zola's):
    its length and its simple values by key."""
    if lines and lines[0].strip() == "+++":
        return _toml_front_matter(lines)
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


def _toml_front_matter(lines: list[str]) -> tuple[int, dict[str, str]]:
    end = next((at for at in range(1, len(lines)) if lines[at].strip() == "+++"), None)
    if end is None:
        return 0, {}
    try:
        table = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError:
        table = {}  # still front matter, not text: its values are only lost
    meta = {
        key.lower(): value.isoformat() if hasattr(value, "isoformat") else str(value)
        for key, value in table.items()
        if isinstance(value, str | int | float | dt.date | dt.datetime)
    }
    return end + 1, meta


@dataclass(slots=True)
class _Inline:
    """The visible text of an inline run, split at hard breaks, with its opening emphasis."""

    lines: list[str]
    lead: str | None  # bold or linked text at the very start of the first line
    lead_kinds: frozenset[str]
    details: bool = False  # its second line, wholly in italics, gives the story's details
    titled: bool = False  # its first line is a callout's title ("> [!news] Title")


def _inline(token: Token, marked: bool = False) -> _Inline:
    """`marked`: a symbol may mark the lead ("⚠️ **Headline**"; not in a callout's quote,
    whose "⚠️ **Known issue:**" labels a note)."""
    lines: list[str] = [""]
    lead: str | None = None
    kinds: set[str] = set()
    depth = 0  # inside emphasis that opened the run
    second: list[str] = []  # the token kinds of a line under a bold headline line
    marker = token.content.startswith("[!")  # a callout's "[!news] Title" line comes first
    titled = False
    for child in token.children or ():
        kind = child.type
        if marker and kind == "text" and len(lines) == 1:
            lines[0] += _CALLOUT.sub("", child.content, count=1) if not lines[0] else child.content
            continue
        if marker and kind in ("softbreak", "hardbreak"):
            marker = False  # the callout's title ends with its line; its text follows
            if _headline_title(lines[0]):
                lines.append("")
                titled = True
            elif lines[0].strip():
                lines[0] += " "  # a label ("From the report"), read with its text
            else:
                lines[0] = ""  # no title: a bold first line may head it ("**Headline**")
            continue
        if len(lines) == 2:
            second.append(kind)
        if kind in ("strong_open", "link_open", "em_open"):
            if (
                marked
                and not depth
                and len(lines) == 1
                and lead is None
                and is_decoration(lines[0])
            ):
                lines[0] = ""  # "⚠️ **Headline**": a symbol set before the lead marks it
            opening = not lines[0].strip() or _TASK.fullmatch(lines[0]) is not None  # "[x] **"
            if depth or (opening and len(lines) == 1 and lead is None):
                depth += 1
                kinds.add("link" if kind == "link_open" else "strong")
            continue
        if kind in ("strong_close", "link_close", "em_close"):
            if depth:
                depth -= 1
                if depth == 0:
                    lead = _TASK.sub("", lines[0].strip())
            continue
        if kind in ("text", "code_inline"):
            lines[-1] += child.content
        elif kind == "softbreak":
            if len(lines) == 1 and lead is not None and lines[0].strip() == lead:
                lines.append("")  # a bold line over its text: the headline is a line of its own
            else:
                lines[-1] += " "
        elif kind == "hardbreak" or (
            kind == "html_inline" and child.content.lower().startswith("<br")
        ):
            lines.append("")
    # "**Headline**\n*The Herald, p.1*": a line wholly in italics under a bold headline is
    # the story's details (source, byline, date), not its text.
    kinds_under = [kind for kind in second if kind != "softbreak"]
    details = (
        len(lines) == 2
        and kinds_under[:1] == ["em_open"]
        and kinds_under[-1:] == ["em_close"]
        and kinds_under.count("em_open") == 1
    )
    if marker and _headline_title(lines[0]):
        titled = True  # the title alone, its text in the next paragraph of the callout
    lines = [_visible(line) for line in lines]
    lead = _visible(lead) if lead is not None else None
    return _Inline(
        [" ".join(line.split()) for line in lines], lead, frozenset(kinds), details, titled
    )


# What note apps (Obsidian, Logseq, Foam) add to Markdown and show otherwise: [[page|label]]
# links show their label, ==highlights== their text, %%comments%% and ![[embeds]] nothing,
# and a callout opens "[!note] Title".
_WIKI_EMBED = re.compile(r"!\[\[[^\]\n]*\]\]")
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|\n]*\|)?([^\]|\n]+)\]\]")
_COMMENT = re.compile(r"%%.*?%%")
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_TASK = re.compile(r"^\[[ xX]\]\s+")
_TAGS = re.compile(r"^#[\w/-]+(?:\s+#[\w/-]+)*$")
_TRAILING_TAGS = re.compile(r"\s+#[A-Za-z][\w/-]*(?:\s+#[A-Za-z][\w/-]*)*$")  # "... #pay #wales"
_CALLOUT = re.compile(r"^\[![\w-]+\][+-]?\s*")
_CALLOUT_TITLE_LEVEL = 4  # under the page's own headings
_CALLOUT_HEADLINE_WORDS = 4  # a shorter title labels the callout ("From the report")


def _headline_title(text: str) -> bool:
    """A callout's title that reads as a story's headline, not a label of its box."""
    return len(_visible(text).split()) >= _CALLOUT_HEADLINE_WORDS


# A field in a callout: a story's details ("Board papers: Finance/Plan_v7.xlsx"), not its text.
_CALLOUT_FIELD = re.compile(r"^[A-Z][\w ]{0,30}:\s+\S")


def _visible(text: str) -> str:
    if "[[" in text:
        text = _WIKI_LINK.sub(r"\1", _WIKI_EMBED.sub("", text))
    if "%%" in text:
        text = _COMMENT.sub("", text)
    if "==" in text:
        text = _HIGHLIGHT.sub(r"\1", text)
    if text.startswith("[!"):
        text = _CALLOUT.sub("", text)
    return text


def _blocks(tokens: list[Token]) -> list[Block]:
    out = Builder()
    lists: list[bool] = []  # per open list: is it ordered
    number: list[int | None] = [None]  # the open item's number, until its first line is added
    kinds: list[Kind] = []  # the block kinds open around the next inline run
    heading_level = 0
    cells: list[Token] | None = None  # the cells of the table row being read
    notes = False  # in the page's footnotes
    boxed = False  # a <details> box's title was taken as a headline since the last heading
    open_boxes = 0  # <details> boxes opened and not yet closed (a box in a box is a handle)
    for token in tokens:
        kind = token.type
        if kind in ("footnote_block_open", "footnote_block_close"):
            notes = kind == "footnote_block_open"
            continue
        if notes:
            continue
        if kind == "heading_open":
            boxed = False
            out.new_group()
            heading_level = int(token.tag[1])
            kinds.append("heading")
        elif kind in ("bullet_list_open", "ordered_list_open"):
            out.new_group()
            lists.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            out.new_group()
        elif kind == "list_item_open":
            kinds.append("item")
            number[0] = int(token.info) if token.info.isdigit() else None
        elif kind == "blockquote_open":
            out.new_group()
            kinds.append("quote")
        elif kind == "tr_open":
            cells = []
        elif kind == "tr_close" and cells is not None:
            _add_row(out, cells, lists, number)
            cells = None
        elif kind in ("heading_close", "list_item_close", "blockquote_close"):
            kinds.pop()
            if kind != "list_item_close":
                out.new_group()
        elif kind == "paragraph_open" and not kinds:
            out.new_group()
        elif kind == "hr":
            out.new_group()
            out.add("rule", "")
            out.new_group()
        elif kind == "html_block" and "<summary" in token.content.lower():
            boxed = _add_summaries(out, token.content, boxed and not open_boxes) or boxed
            open_boxes += token.content.lower().count("<details")
        elif kind == "html_block" and "</details" in token.content.lower():
            open_boxes = max(0, open_boxes - token.content.lower().count("</details"))
        elif kind == "html_block" and _HTML_TEXT.search(token.content) is not None:
            _add_html(out, token.content)  # a page's HTML pasted into the Markdown
        elif kind in ("fence", "code_block"):
            out.new_group()
            for line in token.content.splitlines():
                out.add("paragraph", line, code=True)
            out.new_group()
        elif kind == "inline" and cells is not None:
            cells.append(token)
        elif kind == "inline":
            _add_inline(out, token, kinds, lists, heading_level, number)
    return out.blocks


# Raw HTML that holds what a reader reads (a Mailchimp export's boxed text, a table of
# stories), not only markup (a comment, an anchor, an image, a <div> around Markdown).
_HTML_TEXT = re.compile(r"<(?:p|h[1-6]|td|li)\b[^>]*>\s*[^<\s]", re.I)


def _add_html(out: Builder, html: str) -> None:
    """The blocks of a piece of HTML in the Markdown, read as a page is."""
    from indexer.reading.html_page import html_to_text  # (it reads Markdown headings too)

    group = None
    for block in html_to_text(html).blocks:
        if block.group != group:
            out.new_group()
            group = block.group
        facts = {name: getattr(block, name) for name in _FACTS}
        out.add(block.kind, block.text, **facts)
    out.new_group()


_FACTS = ("level", "ordered", "number", "lead", "strong", "linked", "row", "task", "standfirst")


_SUMMARY = re.compile(r"<summary\b[^>]*>([^<]*(?:<(?!/summary)[^<]*)*)</summary>", re.I)
_TAG = re.compile(r"<[^>]+>")


_BOLD = re.compile(r"<(?:b|strong)\b", re.I)


def _add_summaries(out: Builder, html: str, boxed: bool) -> bool:
    """The title of each `<details>` box a page opens in raw HTML, where the page sets it in
    bold ("<summary><b>NHSmail mailboxes increased to 4GB</b></summary>"), right under a
    heading or after such a box (`boxed`: Notion's toggles, one a story): a headline over the
    Markdown in the box. A plain title inside a story ("What changes in practice?") is the
    box's handle, left out as before. Returns whether it added a title."""
    added = False
    for match in _SUMMARY.finditer(html):
        title = unescape(_TAG.sub("", match.group(1))).strip()
        headed = bool(out.blocks) and out.blocks[-1].kind == "heading"
        if title and (headed or boxed or _BOLD.search(match.group(1)) is not None):
            out.new_group()
            out.add("paragraph", title, strong=True)
            out.new_group()
            added = True
    return added


_CELL_WORDS = 6  # a record's cells are short; a story's text in a cell is longer
_TEXT_CELL_WORDS = 12  # a cell longer than this, or one with a sentence in it, is text


def _add_row(out: Builder, cells: list[Token], lists: list[bool], number: list[int | None]) -> None:
    """A table row: a record (short cells) as one line, its cells side by side as a reader sees
    them; a row holding a story ("**Headline** | its text") as one block per cell."""
    texts = [" ".join(_inline(cell).lines).strip() for cell in cells]
    if not any(texts):
        return
    out.new_group()
    if all(text.count(" ") < _CELL_WORDS for text in texts) or not any(map(_text_cell, texts)):
        out.add("cell", " | ".join(texts), row=True)
    elif _titled_row(texts):
        # "[Ten-year health plan](...) | DHSC | 🟡 | Publication has slipped ...": the first
        # cell titles the row's text; the short cells between are its details
        out.add("heading", texts[0], level=_ROW_TITLE_LEVEL)
        out.new_group()
        fields = [t for t in texts[1:] if t and not is_decoration(t) and not _text_cell(t)]
        if fields:
            out.add("details", " | ".join(fields))
        for cell, text in zip(cells[1:], texts[1:], strict=True):
            if _text_cell(text):
                _add_inline(out, cell, ["cell"], lists, 0, number)
                out.new_group()
    else:
        for cell in cells:
            _add_inline(out, cell, ["cell"], lists, 0, number)
            out.new_group()
    out.new_group()


_ROW_TITLE_LEVEL = 4


def _titled_row(texts: list[str]) -> bool:
    """A row whose first cell is a short title (not a sentence) and whose other cells hold
    short fields and the title's text: a story told across the row."""
    title = texts[0]
    return (
        1 <= title.count(" ") < _CELL_WORDS  # (an emoji or ":iphone:" marks a row, not titles it)
        and not _text_cell(title)
        and sum(1 for text in texts[1:] if _text_cell(text)) == 1
        and len(texts) >= 3
    )


def _text_cell(text: str) -> bool:
    """A cell that holds a story's text: long, or with a sentence in it."""
    return text.count(" ") >= _TEXT_CELL_WORDS or text.rstrip('*_ ”"').endswith(".")


_BAR_SEPARATORS = " |·•–—-,/\u00a0"


def _link_bar(token: Token) -> bool:
    """A line of two or more links with nothing but separators between them."""
    links = depth = 0
    for child in token.children or ():
        if child.type == "link_open":
            links += depth == 0
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        elif not depth and child.type == "text" and child.content.strip(_BAR_SEPARATORS):
            return False
    return links >= 2


# Pandoc's and kramdown's attributes after a heading: "Title {#title .unnumbered}", "{: .lead}".
_ATTRIBUTES = re.compile(r"\s*\{:?\s*[#.][^{}]*\}\s*$")


def _add_inline(
    out: Builder,
    token: Token,
    kinds: list[Kind],
    lists: list[bool],
    level: int,
    number: list[int | None],
) -> None:
    if _link_bar(token):
        return  # "[Website](...) | [Timetable](...) | [Contact](...)": navigation
    block: Kind = kinds[-1] if kinds else "paragraph"
    run = _inline(token, marked=block != "quote")
    facts: dict[str, object] = {}
    if block == "heading":
        facts["level"] = level
        if run.lines:
            run.lines[-1] = _ATTRIBUTES.sub("", run.lines[-1])
    elif block == "item" and lists:
        facts.update(level=len(lists), ordered=lists[-1], number=number[0])
        number[0] = None  # a second paragraph of the item is not numbered again
    elif block == "quote":
        facts["level"] = kinds.count("quote")
    if block == "item" and _TASK.match(run.lines[0]) is not None:
        run.lines[0] = _TASK.sub("", run.lines[0])
        facts["task"] = True
    callout = block == "quote" and token.content.startswith("[!")
    if run.titled:  # a callout's title, on the marker's line: "> [!news] Junior doctors ..."
        out.add("heading", run.lines[0], level=_CALLOUT_TITLE_LEVEL)
        out.new_group()
    for index, line in enumerate(run.lines):
        if not line or (index == 0 and run.titled):
            continue
        if block in ("paragraph", "quote") and _TAGS.match(line) is not None:
            continue  # "#weekly-notes #2023": a note's tags
        if "#" in line and block in ("paragraph", "quote", "heading"):
            line = _TRAILING_TAGS.sub("", line)  # (a heading's too: "### Pay #workforce")
        field = callout and _CALLOUT_FIELD.match(line) is not None
        if field and not line.endswith("."):
            out.add("details", line)  # under "> [!NOTE]": "> Board papers: `Plan_v7.xlsx`"
            continue
        if index == 1 and run.details:
            out.add("byline", line)
            continue
        lead = run.lead if index == 0 else None
        whole = lead is not None and lead == line
        out.add(
            block,
            line,
            lead=None if whole or not lead else lead,
            strong=whole and "strong" in run.lead_kinds,
            linked=whole and "link" in run.lead_kinds,
            **facts,
        )


def masthead_heading(blocks: list[Block], title: str | None) -> str | None:
    """A first heading that names the digest, not a story: removed from `blocks`, returned.

    That is a top-level heading over stories headed one level down, or the document's title
    (or its first part: "Care Matters Midlands | 14 November 2024"), or a heading over the
    issue's line ("NHS Forth Valley · Issue 46 · 21 November 2024"). Short lines above it
    ("View this email in your browser") do not hide it.
    """
    at = next(
        (i for i, block in enumerate(blocks[:_MASTHEAD_REACH]) if block.kind == "heading"), None
    )
    if at is None or any(b.text.count(" ") >= _ABOVE_MASTHEAD_WORDS for b in blocks[:at]):
        return None
    first = blocks[at]
    levels = [b.level for b in blocks[at + 1 :] if b.kind == "heading"]
    names = set()
    if title is not None:
        title = " ".join(title.split()).lower()
        names = {title, _TITLE_PARTS.split(title, maxsplit=1)[0].strip()}
    named = first.text.lower() in names
    nxt = blocks[at + 1] if at + 1 < len(blocks) else None
    issue = nxt is not None and nxt.kind != "heading" and is_dated_masthead(nxt.text)
    if not named and not issue and not (first.level == 1 and levels and min(levels) > 1):
        return None
    if first.text.count(" ") >= _MASTHEAD_WORDS and _TITLE_PARTS.search(first.text) is None:
        return None  # a long heading over the page's text is its article's headline
    del blocks[at]
    return first.text


# Documentation-site and note-app dialects: MDX imports and comments, "key:: value" fields,
# Docusaurus ":::note[Title]" ... ":::" boxes, MkDocs "!!! note "Title"" (or "??? note")
# boxes over an indented body, and the "--8<--" and "[TOC]" lines their tools expand. A box
# reads as a quote run on from its title ("What this means for us: ..."), a part of the story
# it sits in.
_MDX_LINE = re.compile(r"^(?:(?:import|export)\s.+\sfrom\s+['\"][^'\"]+['\"];?|\{/\*.*\*/\})\s*$")
_TOOL_LINE = re.compile(r"^(?:--8<--\s.*|\[TOC\]|\[\[_TOC_\]\]|<!--\s*truncate\s*-->)\s*$")
_FENCED_BOX = re.compile(r"^:::\s*\w+(?:\[([^\]]*)\]|\s+(.+))?\s*$")
_DIV_FENCE = re.compile(r"^:{3,}\s*(?:\{[^{}]*\})?\s*$")  # "::: {.summary}", or its ":::"
_FIELD_LINE = re.compile(r"^(?:>\s*)*[a-z][\w-]*::\s")  # a note app's "source:: HSJ" field
_INDENTED_BOX = re.compile(r"^(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+\"([^\"]*)\")?\s*$")
_TAB = re.compile(r"^===\+?\s+\"([^\"]*)\"\s*$")  # a content tab: '=== "What's new"'


_PROPERTY = re.compile(r"^[A-Z][\w ]{1,30}:\s+\S")  # "Owner: Priya Raman" (a page property)
_PROPERTIES = 3  # a run of this many property lines is a page's properties, not its text
_PROPERTY_WORDS = 15


def _properties(lines: list[str]) -> list[str]:
    """Lines without runs of page properties ("Owner: X" / "Status: Y" / "Tags: Z"), as a
    note app exports them above a page: the page's metadata, not a story."""
    out: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if _PROPERTY.match(line) and line.count(" ") < _PROPERTY_WORDS and line[-1] != ".":
            run.append(line)
            continue
        if len(run) < _PROPERTIES:
            out.extend(run)
        run = []
        out.append(line)
    return out[:-1]


def _boxes(lines: list[str]) -> list[str]:
    """Lines with documentation-site boxes rewritten as quotes, content tabs as their label
    over their text, and tooling lines left out. A box that opens a story (right under its
    heading, not the page's title) loses its title: the box's label ("Outbreak update"), not
    the story's words."""
    out: list[str] = []
    fenced = indented = False
    mark = "> "  # what the lines of an indented box or tab start with
    for line in lines:
        if (fenced or indented) and not line.strip() and out[-1].endswith(":"):
            continue  # a blank line under the title: the body still runs on from it
        if indented:
            if not line.strip() or line.startswith("    "):
                out.append(f"{mark}{line[4:]}".rstrip())
                continue
            indented = False
        if fenced:
            if line.strip() == ":::":
                fenced = False
                out.append("")
            else:
                out.append(f"> {line}".rstrip())
            continue
        if line[:1] in "i{e-[<" and (_MDX_LINE.match(line) or _TOOL_LINE.match(line)):
            continue
        if "::" in line and _FIELD_LINE.match(line):
            continue
        if line.startswith(":::") and _DIV_FENCE.match(line) is not None:
            continue  # Pandoc's fenced div ("::: {.summary}" ... ":::"): its text as it is
        if line.startswith(":::") and (box := _FENCED_BOX.match(line)) is not None:
            fenced = True
            title = box.group(1) or box.group(2)
            out.extend(["", f"> {title}:" if title else ">"])
            continue
        if line[:3] in ("!!!", "???") and (box := _INDENTED_BOX.match(line)) is not None:
            indented, mark = True, "> "
            title = box.group(1) if box.group(1) and not _under_heading(out) else None
            out.extend(["", f"> {title}:" if title else ">"])
            continue
        if line.startswith("===") and (tab := _TAB.match(line)) is not None:
            indented, mark = True, ""
            out.extend(["", f"{tab.group(1)}:", ""])
            continue
        out.append(line)
    return out


def _under_heading(out: list[str]) -> bool:
    """Whether the last line written, blank lines aside, is a story's heading (an ATX heading
    below the page's title: the box under the title is the page's own, its intro or note)."""
    last = next((line for line in reversed(out) if line.strip()), "")
    return last.startswith("##")


def _title_block(lines: list[str]) -> tuple[int, dict[str, str]]:
    """Pandoc's title block ("% Title" / "% Author" / "% Date" at the top): its length and
    its title and date."""
    end = 0
    while end < len(lines) and lines[end].startswith("%") and not lines[end].startswith("%%"):
        end += 1
    parts = [line[1:].strip() for line in lines[:end]]
    meta = {
        key: value for key, value in zip(("title", "author", "date"), parts, strict=False) if value
    }
    return end, meta


def markdown_to_text(source: str) -> MarkdownText:
    """Blocks of a Markdown digest, its text, and the title and date of its front matter."""
    lines = source.split("\n")
    titled, meta = _title_block(lines) if source.startswith("% ") else (0, {})
    while titled < len(lines) and titled and not lines[titled].strip():
        titled += 1  # (YAML may follow the title block, after a blank line)
    skip, front = _front_matter(lines[titled:])
    skip, meta = skip + titled, {**meta, **front}
    rest = _properties(lines[skip:]) if ": " in source else lines[skip:]
    if any(
        line[:3] in (":::", "!!!", "???", "===", "imp", "{/*", "--8", "[TO", "[[_", "<!-")
        or "::" in line
        for line in rest
    ):
        rest = _boxes(rest)
    body = "\n".join(rest)
    blocks = _blocks(_PARSER.parse(body))
    title = meta.get("title") or meta.get("subject") or None
    masthead = masthead_heading(blocks, title)
    title = title or masthead
    return MarkdownText(render(blocks), tuple(blocks), title, meta.get("date"))
