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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dateutil import parser as dateparser
from selectolax.lexbor import LexborHTMLParser, LexborNode

from indexer.blocks import Block, Builder, Kind, is_decoration, render
from indexer.reading.digest_dates import find_date
from indexer.reading.markdown_doc import masthead_heading


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (keeps long lists short)."""
    return frozenset(text.split())


_DROP_TAGS = _words(
    """
    script style noscript template iframe svg nav aside button input select textarea head
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
    modal subscribe signup paywall preheader banner skip footer comment comments sponsor
    sponsored sponsors advertorial byline bylines meta metadata button btn bookmark
    """
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_CARD_TITLE = "h2, h3, h4"
_CARDS = 3
_BOLD_TAGS = frozenset(["b", "strong"])
_BYLINE_HINTS = frozenset(["byline", "bylines", "author"])
# Inline elements a page styles as a part of its own (a card's kicker, headline, date, teaser):
# each is a line, as the page shows it, not a run of words joined to its neighbours.
_LINE_HINTS = _words(
    """
    headline headlines title heading hed kicker eyebrow label category categories date
    dateline timestamp published teaser summary excerpt standfirst dek deck strap strapline
    """
)
_STANDFIRST_HINTS = _words("summary standfirst dek deck teaser excerpt strap strapline")
_BYLINE_WORDS = 20
_PROSE_CELL_WORDS = 12
# A cell that is a date, a number or a reference ("1 Feb 2021", "143877", "HL12204", "EDM 231").
_FIGURE = re.compile(r"[\d\s/.,:-]*(?:[A-Za-z]{1,5}\.?\s?\d+|\d[\d\s/.,:-]*|\d{1,2}\s+\w+\s+\d{4})")
_SLUG_WORDS = 3
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)")
_HEADING_SELECTOR = ",".join(sorted(_HEADINGS))
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
_SCREEN_READER = re.compile(r"visually-?hidden|\bsr-only\b|screen-reader-text", re.I)
_TOGGLE_WORDS = 4
_HEADING_REACH = 3  # a button this many elements down in a heading holds its text


def _one_spaced(text: str) -> str:
    """HTML white space collapsed to single spaces; most text has none to collapse, and the
    membership tests that show it cost a fraction of the substitution (it runs on every node)."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
        return _SPACE.sub(" ", text)
    return text


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


_Attributes = dict[str, str | None]  # an element's attributes, as selectolax gives them


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    blocks: tuple[Block, ...]
    title: str | None
    date: dt.date | None


def _dropped(
    node: LexborNode,
    attrs: _Attributes,
    inside_article: bool,
    page_chars: int,
    anchors: frozenset[str],
    card_words: frozenset[str] = frozenset(),
) -> bool:
    tag = node.tag
    if tag in _DROP_TAGS:
        # GOV.UK's and the NHS's accordions set each section's heading text in a button.
        return not (tag == "button" and _in_heading(node))
    if tag == "header" and not inside_article:
        return True
    if tag == "form":  # a search or sign-up form, unless it wraps the page (ASP.NET's does)
        return len(node.text(deep=True)) * 2 < page_chars
    if not attrs:
        return False
    # hidden="until-found": a closed accordion's text, shown when found or opened.
    if attrs.get("hidden", "until-found") != "until-found" or attrs.get("aria-hidden") == "true":
        return True
    if _SCREEN_READER.search(attrs.get("class") or ""):
        return True  # text for screen readers only (", ", "this section")
    if "toggle" in _HINT_SPLIT.split((attrs.get("class") or "").lower()):
        return node.text(deep=True).count(" ") < _TOGGLE_WORDS  # "Show", "Hide all sections"
    role = (attrs.get("role") or "").lower()
    if role in _DROP_ROLES:
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style.lower()):
        return True
    anchor = (attrs.get("id") or "").lower()
    if len(_HINT_SPLIT.split(anchor)) > _SLUG_WORDS or anchor in anchors:
        # An anchor made from a headline ("...-to-share-a-back-office"), or one the page's own
        # links jump to (a contents list's "#social-prescribing"), names content: no hint.
        anchor = ""
    hints = f"{attrs.get('class') or ''} {anchor}".lower()
    if not hints.strip() or _DROP_HINTS.isdisjoint(_HINT_SPLIT.split(hints)):
        return False
    if card_words and (_DROP_HINTS - card_words).isdisjoint(_HINT_SPLIT.split(hints)):
        return False  # "gs-c-promo" on every story card: the page's template, not a promotion
    # A class hint on a wrapper ("page-with-sidebar") must not take the article with it.
    return len(node.text(deep=True)) * 2 < page_chars


_META_HINTS = frozenset(["meta", "metadata", "postmeta"])
_META_WORDS = 20


def _dated_meta(node: LexborNode, attrs: _Attributes) -> str | None:
    """A card's or post's line of metadata (its kind, author and date: "post-meta",
    "news-list__meta"): a story's details, where it holds a date; else None (chrome)."""
    if not attrs or not (hints := (attrs.get("class") or "").lower()):
        return None
    if _META_HINTS.isdisjoint(_HINT_SPLIT.split(hints)):
        return None
    text = _one_spaced(node.text(deep=True, separator=" ", strip=True))
    if not text or text.count(" ") >= _META_WORDS or find_date(text) is None:
        return None
    return text


def _standfirst(attrs: _Attributes) -> bool:
    hints = (attrs.get("class") or "").lower()
    return bool(hints) and not _STANDFIRST_HINTS.isdisjoint(_HINT_SPLIT.split(hints))


def _in_heading(node: LexborNode) -> bool:
    parent = node.parent
    for _ in range(_HEADING_REACH):
        if parent is None:
            return False
        if parent.tag in _HEADINGS:
            return True
        parent = parent.parent
    return False


def _is_byline(node: LexborNode, attrs: _Attributes) -> bool:
    """An element the page marks as a byline (class or itemprop "author"/"byline")."""
    if not attrs:
        return False
    hints = f"{attrs.get('class') or ''} {attrs.get('itemprop') or ''}".lower()
    if not hints.strip() or _BYLINE_HINTS.isdisjoint(_HINT_SPLIT.split(hints)):
        return False
    # A wrapper whose class names its author ("post author-jane") holds the article itself.
    return node.text(deep=True).count(" ") < _BYLINE_WORDS


def _own_line(attrs: _Attributes, tag: str) -> bool:
    """An inline element shown as a line of its own: a <time>, or one whose class names a
    part of a card or teaser (see _LINE_HINTS)."""
    if tag == "time":
        return True
    hints = (attrs.get("class") or "").lower()
    return bool(hints) and not _LINE_HINTS.isdisjoint(_HINT_SPLIT.split(hints))


def _emphasis(attrs: _Attributes, tag: str, bold: frozenset[str]) -> str | None:
    """ "strong" for bold text, "link" for a link, else None (what a lead can be made of)."""
    if tag in _BOLD_TAGS:
        return "strong"
    if tag == "a" and attrs.get("href"):
        return "link"
    if tag in ("span", "font") and _styled_bold(attrs, bold):
        return "strong"
    return None


def _bold_block(attrs: _Attributes, bold: frozenset[str]) -> bool:
    """A cell, paragraph or div whose own style makes its text bold (mail templates' headlines)."""
    return _styled_bold(attrs, bold)


def _styled_bold(attrs: _Attributes, bold: frozenset[str]) -> bool:
    """Bold by its own style, or by a class the page's style sheet makes bold (Google Docs'
    and Word's exports: <span class="c3">, with ".c3{font-weight:700}" in a <style>)."""
    style = attrs.get("style")
    if style and _BOLD_STYLE.search(style.lower()):
        return True
    names = attrs.get("class")
    return bool(bold and names) and not bold.isdisjoint(names.split())


# A rule of a style sheet: its selectors and declarations.
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"^\s*(?:[a-z0-9]+)?\.([\w-]+)\s*$", re.I)


def _bold_classes(tree: LexborHTMLParser) -> frozenset[str]:
    """Classes the page's style sheets make bold, where a rule selects a class alone."""
    names: set[str] = set()
    for sheet in tree.css("style"):
        css = sheet.text(deep=True)
        if "font-weight" not in css:
            continue
        for selectors, body in _CSS_RULE.findall(css):
            if _BOLD_STYLE.search(body.lower()) is None:
                continue
            for selector in selectors.split(","):
                if (match := _CLASS_SELECTOR.match(selector)) is not None:
                    names.add(match.group(1))
    return frozenset(names)


@dataclass(slots=True)
class _Open:
    """A block element being written: what kind of block its text becomes."""

    kind: Kind
    level: int = 0
    ordered: bool = False
    number: int | None = None
    standfirst: bool = False


class _Writer:
    """Collects text into blocks; inline bold and links at a block's start become its lead."""

    def __init__(self) -> None:
        self.out = Builder()
        self.parts: list[str] = []
        self.open: list[_Open] = [_Open("paragraph")]
        self.lead_depth = 0  # > 0 while inside emphasis that opened the current block
        self.lead_kinds: set[str] = set()
        self.lead: str | None = None
        self.wrapped_title = False  # in a link around a card's heading, before the heading

    def text(self, value: str, pre: bool) -> None:
        if pre:
            chunks = value.split("\n")
            for index, chunk in enumerate(chunks):
                if index:
                    self.line()
                self.parts.append(chunk)
        else:
            self.parts.append(_one_spaced(value))

    def written(self) -> str:
        return "".join(self.parts).strip()

    def start_emphasis(self, kind: str) -> bool:
        """Inline emphasis begins: it is a lead when nothing of the block is written yet."""
        if self.lead_depth or self.lead is not None:
            if self.lead_depth:
                self.lead_depth += 1
                self.lead_kinds.add(kind)
            return bool(self.lead_depth)
        if self.open[-1].kind != "quote" and is_decoration(self.written()):
            self.parts.clear()  # "⚠️ <b>Headline</b>": a symbol set before the lead marks it
        if self.written():
            return False
        self.lead_depth = 1
        self.lead_kinds = {kind}
        return True

    def end_emphasis(self) -> None:
        if self.lead_depth == 0:
            return  # (its block ended first and took the lead with it)
        self.lead_depth -= 1
        if self.lead_depth == 0:
            self.lead = self.written() or None

    def line(self) -> str:
        """End the current line: it becomes a block of the innermost open element's kind."""
        text = _one_spaced(self.written())
        self.parts.clear()
        if text:
            block = self.open[-1]
            lead = self.lead if self.lead_depth == 0 else text
            whole = lead is not None and " ".join(lead.split()) == text
            self.out.add(
                block.kind,
                text,
                level=block.level,
                ordered=block.ordered,
                number=block.number,
                lead=None if whole or lead is None else " ".join(lead.split()),
                strong=whole and "strong" in self.lead_kinds,
                linked=whole and "link" in self.lead_kinds,
                standfirst=block.standfirst,
            )
        self.lead = None
        self.lead_depth = 0
        self.lead_kinds = set()
        return text

    def paragraph(self) -> str:
        text = self.line()
        self.out.new_group()
        return text


def _content_root(tree: LexborHTMLParser) -> LexborNode | None:
    main = tree.css_first('main, [role="main"]')
    if main is not None and main.text(strip=True):
        return main
    articles = tree.css("article")
    if len(articles) == 1 and articles[0].text(strip=True):
        return articles[0]
    return tree.body or tree.root


def _cell_text(cell: LexborNode) -> str:
    return _one_spaced(cell.text(deep=True, separator=" ", strip=True))


def _cells(row: LexborNode) -> list[str]:
    return [text for text in map(_cell_text, row.css("th, td")) if text]


def _holds(node: LexborNode, selector: str) -> bool:
    """Whether an element inside `node` (not `node` itself) matches `selector`: a search that
    stops at the first, where `node.css` would list every match of a whole layout table."""
    return any(child.css_first(selector) is not None for child in node.iter())


def _data_table(node: LexborNode) -> str | None:
    """A table of figures as one sentence-like line ("Caption: a | b; c | d."), else None.

    Newsletter layout tables hold paragraphs, headings and images; data tables hold short
    cells. Written out cell by cell, a data table would look like a run of headlines.
    """
    if _holds(node, _LAYOUT_INSIDE):
        return None
    rows = [cells for cells in map(_cells, node.css("tr")) if cells]
    if len(rows) < 2 or max(len(cells) for cells in rows) < 2:
        return None
    if any(cell.count(" ") >= _PROSE_CELL_WORDS for cells in rows for cell in cells):
        return None  # a cell of prose: a list of items (date | headline | summary), not figures
    caption = node.css_first("caption")
    title = caption.text(deep=True, separator=" ", strip=True) if caption is not None else ""
    body = "; ".join(" | ".join(cells) for cells in rows)
    return f"{title}: {body}." if title else f"{body}."


def _record_rows(node: LexborNode) -> list[tuple[str, str, str]] | None:
    """A table of records, one story a row (subject | asked by | date | summary | ref): each
    row's title, its other fields ("Jane Farrow MP | 12 Feb 2024") and its prose, else None.

    The rows have the same cells; one column holds prose in most rows, and the title is the
    column most often bold, else most often linked, else the first short column that is not a
    date or number. The
    other cells (who, when, a reference) are the record's details, not its text.
    """
    if _holds(node, "table, h1, h2, h3, h4, h5, h6"):
        return None
    rows = [row.css("td") for row in node.css("tr")]
    rows = [cells for cells in rows if cells]  # the header row holds <th> only
    widths = {len(cells) for cells in rows}
    if len(rows) < 2 or len(widths) != 1 or (width := widths.pop()) < 3:
        return None
    texts = [[_cell_text(cell) for cell in cells] for cells in rows]

    def share(test: Callable[[str], bool]) -> list[float]:
        return [sum(1 for row in texts if test(row[i])) / len(texts) for i in range(width)]

    prose = share(lambda text: text.count(" ") >= _PROSE_CELL_WORDS)
    body = max(range(width), key=lambda i: prose[i])
    if prose[body] < 0.75 or sorted(prose)[-2] >= 0.5:
        return None
    bold = [
        sum(cells[i].css_first("strong, b") is not None for cells in rows) for i in range(width)
    ]
    linked = [sum(cells[i].css_first("a") is not None for cells in rows) for i in range(width)]
    short = share(lambda text: text.count(" ") < _PROSE_CELL_WORDS and not _FIGURE.fullmatch(text))
    titles = [i for i in range(width) if i != body and short[i] >= 0.75]
    if not titles:
        return None
    # Set in bold, else linked: a row's title (a linked person under "Lead" is no title).
    title = max(titles, key=lambda i: (bold[i], linked[i], -i))
    return [
        (
            row[title],
            " | ".join(c for i, c in enumerate(row) if c and i not in (title, body)),
            row[body],
        )
        for row in texts
        if row[title] and row[body]
    ]


def _opened(node: LexborNode, tag: str, parent: _Open) -> _Open:
    """The block a block element opens, from its tag and the list or quote it sits in."""
    if tag in _HEADINGS:
        return _Open("heading", int(tag[1]))
    if tag in ("ul", "ol", "dl"):
        depth = parent.level + 1 if parent.kind == "item" else 1
        start = node.attributes.get("start") or "1"
        first = int(start) - 1 if tag == "ol" and start.strip().isdigit() else 0
        return _Open("item", depth, ordered=tag == "ol", number=first if tag == "ol" else None)
    if tag in ("li", "dt", "dd"):
        if parent.kind != "item":
            return _Open("item", 1)
        number = None
        if parent.number is not None:
            parent.number += 1
            number = parent.number
        return _Open("item", parent.level, parent.ordered, number)
    if tag in ("td", "th"):
        return _Open("cell")
    if tag == "blockquote":
        return _Open("quote", parent.level + 1 if parent.kind == "quote" else 1)
    if tag == "caption":
        return _Open("caption")
    if parent.kind in ("item", "cell", "quote"):
        return parent  # a <p> inside a list item, a cell or a quote is still part of it
    return _Open("paragraph")


def _repeated_cards(root: LexborNode) -> frozenset[str]:
    """Hint words ("promo") in the class of three or more elements that each hold a heading
    of their own: the page's story template (a news index's cards), not chrome, whatever its
    class says. (One sign-up box nested three deep, "signup-card" in "signup-card-content" in
    "signup-card-text", holds one heading: one element, not a template.)"""
    titles: dict[str, set[int]] = {}
    for node in root.css("[class]"):
        words = _DROP_HINTS.intersection(
            _HINT_SPLIT.split((node.attributes.get("class") or "").lower())
        )
        if not words or (title := node.css_first(_CARD_TITLE)) is None:
            continue  # the class first: most name no hint, and the search covers the subtree
        for word in words:
            titles.setdefault(word, set()).add(title.mem_id)
    return frozenset(word for word, seen in titles.items() if len(seen) >= _CARDS)


_SIDEBAR_HINTS = frozenset(["sidebar", "widget", "secondary"])
_NEWS_LEAD_WORDS = 12


def _news_in_sidebar(
    node: LexborNode, tag: str, attrs: _Attributes
) -> list[tuple[LexborNode | None, LexborNode]]:
    """In a sidebar the page drops, the widgets that carry news of their own: two or more
    paragraphs that open with a bold lead and run on as prose ("<p><strong>Hospital parking
    </strong> - Free parking for blue badge holders ..."), with the widget's title above them.
    A sidebar's links, search box and sign-up text stay dropped."""
    hints = _HINT_SPLIT.split((attrs.get("class") or "").lower()) if attrs else []
    role = (attrs.get("role") or "").lower() if attrs else ""
    if tag != "aside" and role != "complementary" and _SIDEBAR_HINTS.isdisjoint(hints):
        return []
    parents: dict[int, LexborNode] = {}
    leads: Counter[int] = Counter()  # bold-lead paragraphs of prose under each parent
    for paragraph in node.css("p"):
        lead = paragraph.child
        while lead is not None and lead.tag == "-text" and not (lead.text_content or "").strip():
            lead = lead.next
        if lead is None or lead.tag not in _BOLD_TAGS or paragraph.parent is None:
            continue
        if paragraph.text(deep=True).count(" ") >= _NEWS_LEAD_WORDS:
            parents[paragraph.parent.mem_id] = paragraph.parent
            leads[paragraph.parent.mem_id] += 1
    found = []
    for key, count in leads.items():
        if count >= 2:
            title = parents[key].prev
            while title is not None and title.tag == "-text":
                title = title.prev
            heading = title if title is not None and title.tag in _HEADINGS else None
            found.append((heading, parents[key]))
    return found


def _sidebar_news(tree: LexborHTMLParser, root: LexborNode | None) -> list[LexborNode]:
    """The news widgets of the page's sidebars outside its main content (`root`), each
    widget's title first (see _news_in_sidebar)."""
    if root is None or root.tag in ("body", "html"):
        return []  # the sidebars are inside: read (or dropped) as the page is
    found: list[LexborNode] = []
    for side in tree.css('aside, [role="complementary"], [class*="sidebar"], [class*="widget"]'):
        parent = side.parent
        while parent is not None and parent.mem_id != root.mem_id:
            parent = parent.parent
        if parent is not None:
            continue  # inside the main content
        for title, news in _news_in_sidebar(side, side.tag or "", side.attributes):
            if all(news.mem_id != seen.mem_id for seen in found):
                found += [title, news] if title is not None else [news]
    return found


def _note_marker(node: LexborNode) -> bool:
    """A superscript that links to a note on the page: a footnote's marker, not text."""
    link = node.css_first("a[href]")
    return link is not None and (link.attributes.get("href") or "").startswith("#")


def _extract(
    root: LexborNode,
    anchors: frozenset[str] = frozenset(),
    bold: frozenset[str] = frozenset(),
    after: Sequence[LexborNode] = (),
) -> Builder:
    """The blocks of `root`, then of the elements `after` it (news outside the page's main)."""
    out = _Writer()
    page_chars = len(root.text(deep=True))
    card_words = _repeated_cards(root)
    # An explicit stack (node, leaving) instead of recursion: saved newsletters nest deeply.
    # `what` on a leaving entry: "block", "line" (li and the like), "lead" (inline emphasis).
    stack: list[tuple[LexborNode, str | None, bool, bool]] = [
        (node, None, False, False) for node in reversed([root, *after])
    ]
    while stack:
        node, leaving, pre, in_article = stack.pop()
        tag = node.tag
        if leaving is not None:
            if leaving == "lead":
                out.end_emphasis()
                continue
            if leaving == "wrap":
                out.wrapped_title = False
                continue
            if leaving == "break":  # an inline element shown as its own line
                out.line()
                continue
            if leaving == "line":
                out.line()
            else:
                out.paragraph()
            out.open.pop()
            continue
        if tag == "-text":
            out.text(node.text_content or "", pre)
            continue
        if tag is None or tag.startswith("-"):
            continue
        attrs = node.attributes  # built anew on every access: read once per element
        if _is_byline(node, attrs):
            out.paragraph()
            out.out.add("byline", node.text(deep=True, separator=" ", strip=True))
            out.out.new_group()
            continue
        if (meta := _dated_meta(node, attrs)) is not None:
            out.paragraph()
            out.out.add("details", meta)  # "News · 12 Nov 2021", "Sarah Lowe · 7 September 2023"
            continue
        if _dropped(node, attrs, in_article, page_chars, anchors, card_words):
            for title, news in reversed(_news_in_sidebar(node, tag, attrs)):
                stack.append((news, None, pre, in_article))  # read as the page's own text
                if title is not None:
                    stack.append((title, None, pre, in_article))
            continue
        if tag == "br":
            if not out.line():
                out.out.new_group()  # <br><br> separates paragraphs
            continue
        if tag == "img" or (tag == "sup" and _note_marker(node)):
            continue  # a picture; a footnote's marker ("<sup><a href="#fn1">1</a></sup>")
        if tag == "hr":
            out.paragraph()
            out.out.add("rule", "")
            out.out.new_group()
            continue
        if tag == "table" and (records := _record_rows(node)) is not None:
            out.paragraph()
            for title, fields, text in records:
                out.out.add("heading", title, level=4)
                out.out.add("paragraph", text)
                if fields:
                    out.out.add("details", fields)
                out.out.new_group()
            continue
        if tag == "table" and (table := _data_table(node)) is not None:
            out.paragraph()
            out.text(table, pre=False)
            out.paragraph()
            continue
        if tag in _PARA_BLOCKS or tag in _HEADINGS or tag in _LINE_BLOCKS:
            opened = _opened(node, tag, out.open[-1])
            # A <p> inside a list item (or cell, quote) is a line of it, not a new paragraph.
            inner = tag in _LINE_BLOCKS or opened is out.open[-1]
            if inner:
                out.line()
            else:
                out.paragraph()
            out.open.append(opened)
            stack.append((node, "line" if inner else "block", pre, in_article))
            # <a href><h2>Title</h2></a>: a card's link around its title (a second heading in
            # it is the card's standfirst)
            wrapped = out.wrapped_title and tag in _HEADINGS
            out.wrapped_title = out.wrapped_title and not wrapped
            if _bold_block(attrs, bold) and out.start_emphasis("strong"):
                stack.append((node, "lead", pre, in_article))  # <td style="font-weight:bold">
                if wrapped:
                    out.lead_kinds.add("link")
            elif wrapped and out.start_emphasis("link"):
                stack.append((node, "lead", pre, in_article))
        elif out.open[-1].kind == "heading" and _standfirst(attrs):
            # An accordion's summary set inside its heading: the text under the headline.
            out.paragraph()
            out.open.append(_Open("paragraph", standfirst=True))
            stack.append((node, "block", pre, in_article))
        elif tag == "a" and attrs.get("href") and node.css_first(_HEADING_SELECTOR) is not None:
            out.wrapped_title = True  # a card's link around its heading: the heading is linked
            stack.append((node, "wrap", pre, in_article))
        else:
            if _own_line(attrs, tag):
                out.line()
                stack.append((node, "break", pre, in_article))
            if (emphasis := _emphasis(attrs, tag, bold)) is not None and out.start_emphasis(
                emphasis
            ):
                stack.append((node, "lead", pre, in_article))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        child_pre = pre or tag == "pre"
        child_article = in_article or tag == "article"
        stack.extend((c, None, child_pre, child_article) for c in reversed(children))
    out.paragraph()
    return out.out


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
    """Article blocks of a page or newsletter, with its text, title and date."""
    tree = LexborHTMLParser(html)
    root = _content_root(tree)
    anchors = frozenset(
        href[1:].lower()
        for link in tree.css('a[href^="#"]')
        if len(href := link.attributes.get("href") or "") > 1
    )
    bold = _bold_classes(tree)
    blocks = (
        _extract(root, anchors, bold, _sidebar_news(tree, root)).blocks if root is not None else []
    )
    title = _page_title(tree)
    masthead = masthead_heading(blocks, title)
    return HtmlText(render(blocks).strip(), tuple(blocks), title or masthead, _page_date(tree))
