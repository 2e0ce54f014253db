"""HTML pages and HTML newsletters to the article text a reader sees.

Navigation, banners, cookie notices, share bars and hidden preheaders are dropped by tag, ARIA
role and class/id hints; headings become standalone headline lines; block elements (including
the table cells of newsletter layouts) become paragraphs and `<br>` a line break. A data table
(short text cells, no blocks inside) becomes one line of body text, so its cells are not
mistaken for a list of headlines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateparser
from selectolax.lexbor import LexborHTMLParser, LexborNode

from indexer.markdown_text import masthead_heading


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (keeps long lists short)."""
    return frozenset(text.split())


_DROP_TAGS = _words(
    """
    script style noscript template form iframe svg nav aside button input select textarea head
    title meta link canvas video audio object embed map figcaption dialog menu footer
    """
)
_DROP_ROLES = _words(
    """
    navigation banner contentinfo complementary search dialog alertdialog menu menubar toolbar
    tablist
    """
)
_DROP_HINTS = _words(
    """
    nav navbar navigation menu menubar breadcrumb breadcrumbs cookie cookies consent gdpr
    share sharing sharebar social sidebar advert advertisement adverts ads ad promo popup
    modal subscribe signup paywall preheader banner skip footer related comments sponsor
    sponsored sponsors advertorial byline bylines meta button btn
    """
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_LINE_BLOCKS = frozenset(["li", "dt", "dd", "tr", "caption"])
_PARA_BLOCKS = _words(
    """
    address article blockquote body center details div dl fieldset figure header hgroup hr
    html main ol p pre section summary table tbody td tfoot th thead ul
    """
)
_LAYOUT_INSIDE = "table, p, div, h1, h2, h3, h4, h5, h6, ul, ol, img, blockquote"
_HINT_SPLIT = re.compile(r"[^a-z0-9]+")
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|max-height\s*:\s*0(?:px)?\b"
)
_SPACE = re.compile(r"[ \t\r\n\f]+")

_DATE_META = (
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="DC.date"]',
    'meta[name="dc.date"]',
    'meta[name="dcterms.created"]',
    'meta[name="pubdate"]',
    'meta[property="og:published_time"]',
)


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    headings: tuple[str, ...]
    title: str | None
    date: dt.date | None


def _dropped(node: LexborNode, inside_article: bool, page_chars: int) -> bool:
    tag = node.tag
    if tag in _DROP_TAGS:
        return True
    if tag == "header" and not inside_article:
        return True
    attrs = node.attributes
    if not attrs:
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    role = (attrs.get("role") or "").lower()
    if role in _DROP_ROLES:
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style.lower()):
        return True
    hints = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    if not hints.strip() or _DROP_HINTS.isdisjoint(_HINT_SPLIT.split(hints)):
        return False
    # A class hint on a wrapper ("page-with-sidebar") must not take the article with it.
    return len(node.text(deep=True)) * 2 < page_chars


class _Writer:
    """Collects text into lines; paragraph breaks become one blank line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.headings: list[str] = []
        self.levels: list[int] = []

    def text(self, value: str, pre: bool) -> None:
        if pre:
            chunks = value.split("\n")
            for index, chunk in enumerate(chunks):
                if index:
                    self.line()
                self.parts.append(chunk)
        else:
            self.parts.append(_SPACE.sub(" ", value))

    def line(self) -> str:
        text = "".join(self.parts).strip()
        self.parts.clear()
        if text:
            self.lines.append(text)
        return text

    def paragraph(self) -> str:
        text = self.line()
        if self.lines and self.lines[-1]:
            self.lines.append("")
        return text


def _content_root(tree: LexborHTMLParser) -> LexborNode | None:
    main = tree.css_first('main, [role="main"]')
    if main is not None and main.text(strip=True):
        return main
    articles = tree.css("article")
    if len(articles) == 1 and articles[0].text(strip=True):
        return articles[0]
    return tree.body or tree.root


def _cells(row: LexborNode) -> list[str]:
    cells = (cell.text(deep=True, separator=" ", strip=True) for cell in row.css("th, td"))
    return [_SPACE.sub(" ", cell) for cell in cells if cell]


def _data_table(node: LexborNode) -> str | None:
    """A table of figures as one sentence-like line ("Caption: a | b; c | d."), else None.

    Newsletter layout tables hold paragraphs, headings and images; data tables hold short
    cells. Written out cell by cell, a data table would look like a run of headlines.
    """
    if any(inner.mem_id != node.mem_id for inner in node.css(_LAYOUT_INSIDE)):
        return None
    rows = [cells for cells in map(_cells, node.css("tr")) if cells]
    if len(rows) < 2 or max(len(cells) for cells in rows) < 2:
        return None
    caption = node.css_first("caption")
    title = caption.text(deep=True, separator=" ", strip=True) if caption is not None else ""
    body = "; ".join(" | ".join(cells) for cells in rows)
    return f"{title}: {body}." if title else f"{body}."


def _extract(root: LexborNode) -> _Writer:
    out = _Writer()
    page_chars = len(root.text(deep=True))
    # An explicit stack (node, leaving) instead of recursion: saved newsletters nest deeply.
    stack: list[tuple[LexborNode, bool, bool, bool]] = [(root, False, False, False)]
    while stack:
        node, leaving, pre, in_article = stack.pop()
        tag = node.tag
        if leaving:
            if tag in _HEADINGS:
                heading = out.paragraph()
                if heading:
                    out.headings.append(heading)
                    out.levels.append(int(tag[1]))
            elif tag in _LINE_BLOCKS:
                out.line()
            else:
                out.paragraph()
            continue
        if tag == "-text":
            out.text(node.text_content or "", pre)
            continue
        if tag is None or tag.startswith("-") or _dropped(node, in_article, page_chars):
            continue
        if tag == "br":
            if not out.line() and out.lines and out.lines[-1]:
                out.lines.append("")  # <br><br> separates paragraphs
            continue
        if tag == "img":
            continue
        if tag == "table" and (table := _data_table(node)) is not None:
            out.paragraph()
            out.text(table, pre=False)
            out.paragraph()
            continue
        block = tag in _PARA_BLOCKS or tag in _HEADINGS or tag in _LINE_BLOCKS
        if block:
            if tag in _LINE_BLOCKS:
                out.line()
            else:
                out.paragraph()
            stack.append((node, True, pre, in_article))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        child_pre = pre or tag == "pre"
        child_article = in_article or tag == "article"
        stack.extend((c, False, child_pre, child_article) for c in reversed(children))
    out.paragraph()
    return out


def _meta_content(tree: LexborHTMLParser, selector: str) -> str | None:
    node = tree.css_first(selector)
    if node is None:
        return None
    value = (node.attributes.get("content") or node.attributes.get("datetime") or "").strip()
    return value or None


def _page_date(tree: LexborHTMLParser) -> dt.date | None:
    values = [_meta_content(tree, selector) for selector in _DATE_META]
    values.append(_meta_content(tree, "time[datetime]"))
    for value in values:
        if not value:
            continue
        try:
            return dateparser.isoparse(value).date()
        except ValueError:
            pass
        try:
            return dateparser.parse(value, dayfirst=True).date()
        except (ValueError, OverflowError):
            continue
    return None


def _page_title(tree: LexborHTMLParser) -> str | None:
    title = _meta_content(tree, 'meta[property="og:title"]') or _meta_content(
        tree, 'meta[name="og:title"]'
    )
    if not title:
        node = tree.css_first("title")
        title = node.text(strip=True) if node is not None else None
    return _SPACE.sub(" ", title).strip() if title else None


def html_to_text(html: str) -> HtmlText:
    """Article text of a page or newsletter, with its title, date and heading lines."""
    tree = LexborHTMLParser(html)
    root = _content_root(tree)
    out = _extract(root) if root is not None else _Writer()
    title = _page_title(tree)
    masthead = masthead_heading(out.lines, out.headings, out.levels, None)
    text = "\n".join(out.lines).strip()
    return HtmlText(text, tuple(out.headings), title or masthead, _page_date(tree))
