"""The splitter's lines: read from plain text by line shape, or from a reader's blocks.

Plain text is cut into blank-line separated groups of physical lines (mail inside it read as
mail: message headers give a subject, quotes and signatures go); a reader's blocks keep their
groups and structural facts. Then running heads and footers go and hard-wrapped lines are
joined back (`unwrap`); where the digest's template is a headline lead, `leads` cuts each lead
into its headline and its text. `split` decides the rest.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from indexer.blocks import Block, is_decoration
from indexer.reading.digest_dates import holds_issue_number, is_date_line, is_dated_meta
from indexer.reading.mail_marks import (
    is_greeting,
    is_original_mark,
    is_quoted,
    is_reply_subject,
    is_sign_off,
    is_signature_mark,
    opens_attribution,
    passed_on,
)
from indexer.stories.boilerplate import (
    is_boilerplate,
    is_byline,
    is_footer_start,
    is_message_heading,
    is_post_activity,
)
from indexer.stories.debris import (
    is_chat_message,
    is_mail_chrome,
    is_page_mark,
    is_post_header,
    is_reactions,
    mail_header,
    running_key,
    running_lines,
)
from indexer.stories.items import (
    drop_repeated_fields,
    mark_run_in_titles,
    strip_section_numbers,
    strip_tags,
)
from indexer.stories.lineshape import (
    CLOSERS,
    HEADLINE_WORDS,
    SENTENCE_INSIDE,
    ends_mid_sentence,
    ends_sentence,
    headline_text,
    starts_lower,
)
from indexer.stories.template import (
    text_lead,
)
from indexer.stories.unwrap import join_wrapped, wrap_width, wraps_onto

# Bullets and the numbers of numbered items and sections: "1.", "2)", "(3)", "4 -", "2.1".
_BULLET = re.compile(
    r"^(?:[-*+•·▪►▸‣◦»›]|o(?=\s)|[§\uf0a7](?=\s+\D)|[–—](?=\s+[^a-z\s])|\(?\d{1,2}[.)]"
    r"|\d{1,2} ?/(?=\s+[A-Z])"
    r"|\(?[a-h]\)|\d{1,2}\s+[-–—:|]|\d\ufe0f?\u20e3|🔟"
    r"|\d{1,2}(?:\.\d{1,2})+(?=\s+[A-Z])|(?:Item|No\.?)\s+\d{1,2}\s*[:.)–—-])\s+(?=\S)"
)
# "{% include toc.html %}", "![alt]({{ site.baseurl }}/img.jpg)": Jekyll and Hugo markup.
_MARKUP_ONLY = re.compile(r"^(?:\{[%{].*[%}]\}|!\[[^\]]*\]\([^)]*\))$")
# "March 2023 ......... Joint forward plans due": a date, dot leaders, what happens then.
_LEADER = re.compile(r"^\s*(\S.{1,40}?)\s*\.{4,}\s*\S")
# A line of a printed contents list: dot leaders and a page number.
_CONTENTS_LINE = re.compile(r"\.{4,}\s*\d{1,3}\s*$")
# (A text browser's link mark before a word, "* [8]GP partners ...", goes without the space.)
_LINK_DEBRIS = re.compile(
    r"(?:(?<=\s)|^)\[\d{1,3}\](?=[^\W\d_]|[“\"‘'])"
    r"|\s*(?:<(?:https?://|mailto:)[^>\s]*>|\[(?:https?://|mailto:)[^\]\s]*\]"
    r"|\(\s*(?:https?://|mailto:)[^)\s]*\s*\)|\[\d{1,3}\](?![^\W\d_]|[“\"‘'])"
    r"|\[(?i:link|more|read\ more|here|pdf|url)\])"
)
# A bare link, or one numbered as a reference: "[5] https://...".
# A title in emphasis with its link pasted after it: "*Trusts told to cut agency spend* https://...".
_TITLE_LINK = re.compile(r"(?<=[*_])\s+(?:https?://|www\.)\S+$")
_URL_ONLY = re.compile(r"^(?:\[\d{1,3}\]\s*)?[<(\[]?\s*(?:https?://|www\.|mailto:)\S*\s*[>)\]]?$")
_EMPHASIS_LINE = re.compile(r"^(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1$")
_SPACES = re.compile(r" {2,}")
_DATE_RULE = re.compile(r"^[=~*_#-]{3,}\s+(.+?)\s+[=~*_#-]{3,}$")
_SLACK_LINK = re.compile(r"<(?:https?://|mailto:)[^|>\s]+\|([^>]+)>")
_SHORTCODE = re.compile(r"(?<![\w:]):[a-z0-9_+-]{1,30}:(?![\w:])")  # Slack's ":eyes:" emoji
_FIGURES = re.compile(r"^\s*[£$€]?\d[\d.,%/–-]*\.?\s*$")
# A table row laid out with spaces: three or more cells, each a few words, between column gaps.
_COLUMN_GAP = re.compile(r"(?<=\S)(?: {2,}|\t[ \t]*)(?=\S)")
_CELL_WORDS = 6
_ALIGNED_FIELD = re.compile(r"^\s*[A-Z][\w'’ &/-]{0,24}:\s{2,}\S")
# A numbering column before a headline: "ITEM 4  STRATEGY REFRESH", "Section 2   Finance".
# (and a section's number before a figure, which no bullet takes: "2.1  2022/23 priorities")
_NUMBER_COLUMN = re.compile(
    r"^(?:[A-Za-z]{2,12}\.? ?\d{1,3}[.:)]? {2,}(?=[^\W_])|\d{1,2}(?:\.\d{1,2})+\.? {2,}(?=\d)"
    r"|[A-H] {2,}(?=[A-Z]{2}))"  # (a section's letter: "C  FORTHCOMING CALLS")
)
# First characters the patterns above can start with: most lines are tested on one character.
_BULLET_START = frozenset("-*+•·▪►▸‣◦»›–—(INabcdefgho§\uf0a7🔟")  # or a digit
_URL_START = frozenset("<([hwm")
_LABELLED_URL = re.compile(r"^[A-Z][\w'’]*(?: [\w'’]+){0,2}:\s*<?(?:https?://|www\.)\S*>?$")
_EMPHASIS_START = frozenset("*_")
_TRAILING_EMOJI = re.compile(r"\s+[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200d]+$")
_ARROWS = re.compile(r"\s*(?:»|›|>>|→|▶|►|⟶)+$")
_ORDER = itertools.count()
_SPELLED = re.compile(r"\b[A-Za-z]+-[a-z]+\b|\b[A-Za-z]{4,}\b(?!-)")
_SIGN_OFF_WORDS = 8
_FORWARD_SCAN = 0.4  # a forwarded message's header block sits in the first part of a mail
_TEXT_HEADERS = frozenset(["date", "from", "to", "subject", "topic"])
# "** Headline", "## Headline": text/plain renderings of a heading.
# A headline between matching runs of marks: "*** Headline ***", "== Headline ==", "-- Headline --".
_BANNER = re.compile(r"^([*=#~+_-])\1{0,5}\s+(?=\S)(.+?)(?<=\S)\s+\1{1,6}$")
_OPEN_MARKER = re.compile(r"^(?:\*{1,2}|#{1,6})\s+(?=\S)")


@dataclass(slots=True, eq=False)  # a line is itself: two lines of the same text are two lines
class Line:
    """One logical line of a digest, with what the splitter learns and decides about it."""

    text: str
    block: int
    bulleted: bool = False
    hinted: bool = False
    listed: bool = False  # an item of a list a dropped label ("Read more:") introduced
    kind: str = "B"  # H headline-like, B body, L label
    facts: Block | None = None  # the reader's block, where the container showed structure
    forced: str | None = None  # the kind the story template gave the line
    masthead: bool = False  # the digest's name, over the issue's date
    byline: str | None = None  # a byline read just above this line
    detail: bool = False  # a story's details (a field, a source, a date): metadata, not text
    row: bool = False  # a row of a table laid out in columns of spaces
    signed: bool = False  # a signature (a name over a role) follows this line
    posted: bool = False  # the subject of a message posted to a list (a mailing-list digest)
    indent: int = 0  # spaces before the physical line (an indented body wraps sooner)
    aligned: bool = False  # "Label:   value", aligned with its neighbours (metadata)
    apart: bool = False  # set further right than the plain line above: a line of its own
    opens: bool = False  # a new piece starts here, headline or not (under "X posted in Y")
    note: str = ""  # what became of the line and why (`dex parse --explain`)
    order: float = field(default_factory=lambda: next(_ORDER))  # reading order, for --explain


# A figure on a line of its own with what only a figure has (a decimal point, a thousands
# comma, a per cent sign): not a page number ("12"), which has none of them.
_FIGURE_LINE = re.compile(r"^[£$€]?(?:\d{1,3}(?:,\d{3})+|\d+\.\d+|\d+(?=%))(?:\.\d+)?%?$")
_FIGURE_START = frozenset("£$€0123456789")


def _clean(raw: str, continued: bool = False) -> tuple[str, bool, bool] | None:
    """A line without link debris, bullet or emphasis markers: (text, bulleted, emphasised);
    None for a line with nothing to read (a rule, a bare URL). `continued`: the next line is
    indented under this one (where a title and its text run on, "* " is a bullet)."""
    line = raw.strip()
    if "|" in line and "<" in line:
        line = _SLACK_LINK.sub(r"\1", line)  # "<https://...|NAO: backlog hits £15.9bn>"
    if line.count(":") >= 2 and _SHORTCODE.search(line) is not None:
        line = _SPACES.sub(" ", _SHORTCODE.sub("", line)).strip()  # ":newspaper: *Round-up*"
    if " " in line and ("://" in line or "[" in line or "mailto:" in line):
        line = _LINK_DEBRIS.sub("", line).strip()
        if line[:1] in "*_" and (link := _TITLE_LINK.search(line)) is not None:
            line = line[: link.start()]
    if not line or not (line[0].isalpha() or any(ch.isalpha() for ch in line)):
        if line and line[0] in _FIGURE_START and _FIGURE_LINE.match(line):
            return line, False, False  # "70.3%", "152,000": a figure set as a headline
        return None
    if line[-1] in "»›>→▶►⟶":
        line = _ARROWS.sub("", line)
    if ord(line[-1]) > 0x2000 and (emoji := _TRAILING_EMOJI.search(line)) is not None:
        line = line[: emoji.start()] or line  # "GP contract: ballot on action 🔴"
    if "  " in line:
        line = _SPACES.sub(" ", _NUMBER_COLUMN.sub("", line))
    bulleted = emphasised = False
    if line[0] in "=-~*_#" and (ruled := _DATE_RULE.match(line)) and is_date_line(ruled.group(1)):
        return None  # "====== Monday, February 9th, 2026 ======": a day's divider
    if line[0] in "*=#~+_-" and (banner := _BANNER.match(line)) is not None:
        if is_date_line(banner.group(2)):
            return None  # "==== Monday, February 9th, 2026 ====": a day's divider
        return banner.group(2), False, True
    # "** Headline" or "* Headline" at the margin renders a heading; "  * item" is a list's.
    marker = _OPEN_MARKER.match(line) if line[0] in "*#" and raw[:1] in "*#" else None
    # ("* Title - its text" running on indented under it is a list item, not a heading)
    # (and so is "* Title. Its text ... the" wrapped onto the line under it)
    item = continued and (" - " in line or ". " in line or ends_mid_sentence(line))
    if marker is not None and (line[0] == "#" or ("*" not in line[2:] and not item)):
        return line[marker.end() :].rstrip(" #"), False, True
    first = line[0]
    if (first in _BULLET_START or first.isdecimal()) and (match := _BULLET.match(line)) is not None:
        line, bulleted = line[match.end() :], True
    elif ord(first) > 0x2000 and " " in line[:4]:
        mark, rest = line.split(" ", 1)
        if is_decoration(mark) and rest[:1] in "*_":  # (an emoji before words says something)
            line, bulleted = rest.strip(), True  # "💉 *FLU & COVID:* 3,412 jabs": a bullet
        elif (
            is_decoration(mark)
            and rest[:1].isupper()
            and not ends_sentence(rest)
            and not any(ord(ch) > 0x2000 and is_decoration(ch) for ch in rest)
        ):  # ("🔥 Loved it 👍 It was fine": a poll's answers)
            line = rest.strip()  # "⚡ Quick hits": a heading's decoration, no word of it
    if (
        line[0] in _EMPHASIS_START
        and line[-1] == line[0]  # closed by its own mark: the lazy regex is slow on long lines
        and (emphasis := _EMPHASIS_LINE.match(line)) is not None
    ):
        line, emphasised = emphasis.group(2).strip(), True
    return line, bulleted, emphasised


def is_row(raw: str) -> bool:
    """A row of a table laid out in columns of spaces (three or more short cells)."""
    cells = _COLUMN_GAP.split(raw.strip(" |+"))
    return len(cells) >= 3 and all(
        cell.count(" ") < _CELL_WORDS and any(ch.isalnum() for ch in cell) for cell in cells
    )


def _url_only(raw: str) -> bool:
    """A bare link, or template and image markup that renders as nothing to read."""
    line = raw.strip()
    if line[:2] in ("{%", "{{", "!["):
        return _MARKUP_ONLY.match(line) is not None
    if line[:4] == "http" and "/" in line[-3:]:
        line = _PRINTED_PAGE.sub("", line)  # a browser's printed footer: "https://...   1/3"
    if line[:1] in _URL_START and _URL_ONLY.match(line) is not None:
        return True
    # "Register: https://...", but not "Unsubscribe: https://...", which marks a footer.
    return "://" in line and _LABELLED_URL.match(line) is not None and not is_footer_start(line)


_PRINTED_PAGE = re.compile(r"\s+\d{1,3}/\d{1,3}$")
_ITEM_QUOTE = re.compile(r"^>{2,}\s+\S")
_ITEM_QUOTES = 3


def _quote_marks_items(raws: list[str]) -> bool:
    """Whether ">>" opens items here (">> Headline" alone over unquoted text, directly or
    after a blank line, three times or more), as some digests set their headlines, rather
    than quoting a message."""
    found = 0
    for at, line in enumerate(raws):
        if line[:2] != ">>" or _ITEM_QUOTE.match(line) is None:
            continue  # most lines do not open with the mark: spare the regex
        after = raws[at + 1 : at + 3]
        if after and not after[0].strip():  # a paragraph below it, not a headline in capitals
            alone = at == 0 or not raws[at - 1].lstrip().startswith(">")
            after = after[1:] if alone and not after[-1].isupper() else []
        if after and after[0].strip() and not after[0].lstrip().startswith(">"):
            found += 1
            if found >= _ITEM_QUOTES:
                return True
    return False


_STAMP = re.compile(r"^\s*\[(\d{1,2}):\d{2}\]")


def _chapter_marks(raws: list[str]) -> bool:
    """Whether "[mm:ss]" stamps mark a podcast's chapters here, not the times of chat posts:
    one of them is past any hour of the day ("[43:50] Quick fire")."""
    return any(
        (stamp := _STAMP.match(raw)) is not None and int(stamp.group(1)) > _LAST_HOUR
        for raw in raws
        if raw[:1] == "[" or raw[:2] == " ["
    )


_LAST_HOUR = 23
_MARK_QUOTE = re.compile(r"^>\s+\S")


def _marked_items(raws: list[str]) -> set[int]:
    """The lines where a single ">" marks an item ("> Headline" over an indented standfirst),
    three times or more; quoted mail never indents the unquoted line after a quote."""
    found = {
        at
        for at, (line, nxt) in enumerate(itertools.pairwise(raws))
        if line[:1] == ">"
        and _MARK_QUOTE.match(line)
        and nxt[:1] in (" ", "\t")
        and nxt.strip()[:1] not in ("", ">")
    }
    return found if len(found) >= _ITEM_QUOTES else set()


def text_groups(text: str, dropped: list[Line]) -> list[list[Line]]:
    """Physical lines of plain text grouped into blank-line separated blocks.

    Mail inside the text (a mailing-list digest) is read as such: a run of header lines gives
    the message's subject as a headline; quoted replies and signatures are left out (into
    `dropped`, with the reason).
    """
    groups: list[list[Line]] = []
    current: list[Line] = []
    headers: list[tuple[str, str]] = []
    in_signature = False
    in_original = False  # the original message a post quotes below its reply
    dated_posts = False  # the post being read carried "Date:" (a list digest's post)
    byline: str | None = None  # a byline just read, for the next line
    posted = False  # the byline was a feed's "X posted in Y": the next line opens a post
    topic: str | None = None  # the subject over a thread of messages (Google Groups digests)
    message_start: int | None = None  # the first group of the message being read
    item_column: int | None = None  # where the text of the list item just read starts
    in_replies = False  # in the replies indented under a chat post
    post = ""  # "opening" at a chat post's first line; "chat" in a post with no headline
    opening = False  # the next line opens a message's text (its subject is its headline)

    def drop(raw: str, why: str) -> None:
        if raw.strip():
            dropped.append(Line(raw.strip(), len(groups), note=f"dropped: {why}"))

    def close() -> None:
        nonlocal current
        if sum(line.aligned for line in current) >= 2:  # "Team:    Strategy" / "Range:   ..."
            for line in current:
                if line.aligned:  # metadata, kept as the story's details ("Witnesses: ...")
                    line.note, line.detail = "dropped: a block of fields", True
                    dropped.append(line)
            current = [line for line in current if not line.aligned]
        if current:
            groups.append(current)
        current = []

    def flush_headers() -> None:
        """A run of message headers: its subject is a headline, the rest is not news."""
        nonlocal topic, message_start, opening, in_original, dated_posts
        names = {name for name, _ in headers}
        if (
            dated_posts
            and message_start is not None
            and "sent" in names
            and len(groups) > message_start + 1
        ):
            # Outlook's block ("From:", "Sent:", "Subject:") under the text of a post that
            # carried "Date:": the message the post answers, quoted below it.
            close()
            _drop_sign_off(groups, message_start, dropped)
            for name, value in headers:
                drop(f"{name}: {value}", "the original message a reply quotes")
            headers.clear()
            in_original = True
            return
        if names == {"topic"} and len(headers) == 1:
            topic = headers.pop()[1]  # a topic digest's title over the posts that follow
            close()
            drop(f"Topic: {topic}", "a topic (the headline of the posts under it)")
            return
        subject = next((value for name, value in headers if name in ("subject", "topic")), None)
        if len(headers) >= 2 and ("from" in names or subject):
            close()  # a message or a topic starts: the one read so far has ended
            if message_start is not None:
                _drop_sign_off(groups, message_start, dropped)
        if len(headers) >= 2 and "from" in names:
            message_start = len(groups)
            opening = True
            dated_posts = "date" in names  # a digest's posts; Outlook's carry "Sent:"
            subject = subject or topic  # a post in a thread shown under its topic
        if len(headers) >= 2 and subject:
            topic = subject
            close()
            current.append(Line(subject, len(groups), hinted=True, forced="H", posted=True))
            close()
            for name, value in headers:
                drop(f"{name}: {value}", "a message header (the subject is the headline)")
        elif len(headers) == 1 and headers[0][0] in _TEXT_HEADERS:
            name, value = headers[0]  # "Date: 12 March" alone is a line of the text
            current.append(Line(f"{name.capitalize()}: {value}", len(groups)))
        else:
            for name, value in headers:
                drop(f"{name}: {value}", "a message header")
        headers.clear()

    raws = text.split("\n")
    # A byline fills no wrapped line ("Name, chief executive of X" runs on as a sentence).
    width = wrap_width([para.split("\n") for para in text.split("\n\n")])
    marks_items = _quote_marks_items(raws)
    chapters = _chapter_marks(raws)
    marked = _marked_items(raws)
    hanging = _hanging_layout(raws)
    for at, raw in enumerate(raws):
        if marks_items and raw.startswith(">") and not raw.startswith((">From", "> ")):
            raw = "• " + raw.lstrip("> ")  # ">> Headline": the digest's item marker, no quote
        elif at in marked:
            raw = "• " + raw[1:].lstrip()  # "> Headline" over its indented standfirst
        if in_original:
            if raw.strip() and not any(ch.isalnum() for ch in raw):
                in_original = False  # the separator before the next message
            elif _post_starts(raws, at):
                in_original = False  # the next post's headers, with no separator before them
            else:
                drop(raw, "the original message a reply quotes")
                continue
        if message_start is not None and is_original_mark(raw):
            in_original = True
            close()
            _drop_sign_off(groups, message_start, dropped)  # the reply's, above the quote
            drop(raw, "the original message a reply quotes")
            continue
        if headers and raw.strip() and (raw[:1] in (" ", "\t") or not headers[-1][1]):
            name, value = headers[-1]  # a header folded onto the next line
            headers[-1] = (name, f"{value} {raw.strip()}".strip())
            continue
        if current and mail_header(raw) is not None and _separator(current[-1].text):
            drop(current.pop().text, "a separator between messages")  # "---- 1 of 2 ----"
            close()
        if (
            len(current) == 1
            and not headers
            and (header := mail_header(raw)) is not None
            and header[0] == "from"
            and headline_text(current[0].text)
        ):
            headers.append(("subject", current.pop().text))  # a post's title over its From:
        if (header := mail_header(raw, bool(headers))) is not None and not current:
            headers.append(header)
            in_signature = False
            continue
        if headers:
            flush_headers()
        if is_reactions(raw):
            drop(raw, "reactions to a chat post")
            continue
        if is_chat_message(raw) and not (chapters and raw.lstrip()[:1] == "["):
            drop(raw, "a chat message (talk, not news)")
            continue
        if is_post_header(raw) and not (chapters and raw.lstrip()[:1] == "["):
            in_replies = raw[:1] in (" ", "\t")
            post = "" if in_replies else "opening"
            close()
            drop(raw, "a reply under a chat post" if in_replies else "a chat post's author")
            continue
        if in_replies:
            if raw.strip() and raw[:1] not in (" ", "\t"):
                in_replies = False
            else:
                drop(raw, "a reply under a chat post")
                continue
        if post == "chat" and _headed_story(raws, at):
            post = ""  # a post of headlines over their text ("Today's headlines below")
        if post == "chat" and raw.strip() and any(ch.isalnum() for ch in raw):
            drop(raw, "a chat post with no headline (talk, not news)")
            continue
        if is_signature_mark(raw):
            in_signature = True
            close()
            continue
        if in_signature:
            if not raw.strip() or not any(ch.isalnum() for ch in raw):
                # A signature is one block under its mark: a blank line or a separator ends it
                # ("--" over a blank line and the digest's items is a rule, not a signature).
                in_signature = False
                if not raw.strip():
                    continue
            drop(raw, "a signature")
            continue
        if "...." in raw and _CONTENTS_LINE.search(raw) is not None:
            entry = _clean(raw)
            drop(entry[0] if entry else raw, "a contents entry (with its page number)")
            close()
            continue
        if "...." in raw and (dated := _LEADER.match(raw)) and is_date_line(dated.group(1)):
            drop(raw, "a diary entry (a date, dot leaders, what happens)")
            close()
            continue
        last_in_block = not "".join(raws[at + 1 : at + 2]).strip()
        opens = at == 0 or not raws[at - 1].strip()  # the first line of its block
        over_text = "".join(raws[at + 1 : at + 2]).count(" ") >= PROSE_WORDS
        if opens and (last_in_block or over_text) and is_message_heading(raw):
            pass  # "A message from Nadia" alone or right over its paragraphs: their heading
        elif is_byline(raw) and not (width and _wraps_into_text(raw, raws[at + 1 : at + 2], width)):
            # A name and role under finished text signs it (a byline comes before its
            # text): at the end of the text's block, or alone in a block under it.
            signs = current[-1] if current else None
            if signs is None and groups and raw.lstrip()[:3].lower() != "by ":
                signs = groups[-1][-1]  # alone in a block under the text
            signed_off = signs is not None and is_sign_off(signs.text)  # "Best wishes," over it
            if signs is not None and last_in_block and (ends_sentence(signs.text) or signed_off):
                drop(raw, "a signature under the text")
                signs.signed = True
                continue
            drop(raw, "a byline (kept as the story's byline)")  # not wrapped into a headline
            byline = raw.strip()
            posted = posted or is_post_activity(raw)
            continue
        if (
            is_quoted(raw)
            or is_mail_chrome(raw)
            or (at + 1 < len(raws) and opens_attribution(raw, raws[at + 1]))
        ):
            drop(raw, "added by a mail program" if is_mail_chrome(raw) else "a quoted reply")
            close()
            continue
        if _url_only(raw):
            continue  # a link line between a headline and its text does not break the block
        continued = at + 1 < len(raws) and raws[at + 1][:2] == "  " and bool(raws[at + 1].strip())
        cleaned = _clean(raw, continued)
        if cleaned is None and current and _wrapped_figure(raws, at, width):
            cleaned = raw.strip(), False, False  # "... backlog by" / "2028"
        if cleaned is None:
            if current and _underlines(raws[at - 1], raw):
                current[-1].hinted = True  # "Headline" over "--------": a heading
            close()
            continue
        line, bulleted, emphasised = cleaned
        if bulleted and raw[:2] == "- " and current and _dash_runs_on(current[-1], raws[at - 1]):
            current[-1].text = f"{current[-1].text} {raw.strip()}"  # "... survey last year"
            continue  # / "- 31% of respondents ...": a dash in a sentence, at the line's start
        if bulleted and raw[:1].isdecimal() and current and _number_runs_on(current[-1], raws, at):
            current[-1].text = f"{current[-1].text} {raw.strip()}"  # "... 47,900 are under"
            continue  # / "18. One child in four ...": a figure wrapped to the line's start
        if raw.startswith("* ") and current and raws[at - 1].startswith("* "):
            bulleted = True  # "* a" / "* b": a list, not headings one under another
            if current[-1].hinted and not current[-1].bulleted:
                current[-1].bulleted, current[-1].hinted = True, False
            emphasised = False
        indent = len(raw) - len(raw.lstrip())
        if (
            item_column is not None
            and current
            and not bulleted
            and indent >= item_column
            and not _short_field(line)  # "Consultation reference: 2306C" under the item's title
            and (
                starts_lower(line)
                or ends_mid_sentence(current[-1].text)
                or (width is not None and wraps_onto(raws[at - 1], [raw.strip()], width))
                or _prose_runs_on(current[-1].text)
            )
        ):
            current[-1].text = f"{current[-1].text} {line}"  # the item wrapped to its indent
            continue
        item_column = _item_column(raw) if bulleted else None
        if opening and _greets(line, raws[at + 1 : at + 2]):
            drop(raw, "a greeting over the post")
            continue
        # "Hi Mark, answers below:" opens a post's text; it labels no story under it.
        forced = "B" if opening and line.endswith(":") and not bulleted else None
        if post == "opening":
            post = "" if headline_text(line) else "chat"
            if post == "chat":
                drop(raw, "a chat post with no headline (talk, not news)")
                continue
            forced = "H"
        row = ("  " in raw.strip() or "\t" in raw.strip()) and is_row(raw)
        forced = "B" if row or _CAPTION.match(line) else forced  # ("Table 1: ...": a caption)
        aligned = ":  " in raw and _ALIGNED_FIELD.match(raw) is not None
        if not aligned and current and current[-1].aligned and _under_value(raws[at - 1], raw):
            current[-1].text = f"{current[-1].text} {line}"  # "Applies to:  GP practices, ..."
            continue  # / "              trusts": the field's value wrapped to its column
        # A line set further right than the line above (a centred masthead's lines), not
        # under a list marker or a column of the line above, is not that line's text wrapped.
        apart = (
            bool(current)
            and not (current[-1].bulleted or current[-1].row)
            and 0 < current[-1].indent < indent - 1
            and raws[at - 1][indent - 2 : indent] != "  "
            and not _label_wraps(raws[at - 1], indent)
        ) or (byline is not None and bool(current))  # (a byline was between it and the line above)
        # A short headline at the margin over its text indented under it ("Council fee rates
        # for 2026/27" / "    Early proposals from ..."): not a long line wrapped to a hanging
        # indent ("Thu 24 May Branch AGM, 12.30pm, Lecture Theatre 2, Tamar Valley" / "    General
        # Hospital"), nor a numbered title's ("03  Graduate guarantee ... remain" / "    without").
        apart = apart or (
            bool(current)
            and current[-1].indent == 0
            and indent >= (_HANGING_TEXT if not hanging else 2)
            and (hanging or len(raws[at - 1].rstrip()) < _HANGING_TITLE_CHARS)
            and not _label_wraps(raws[at - 1], indent)
            and raws[at - 1][:1].isalpha()
            and not (current[-1].bulleted or current[-1].row)
            and not ends_mid_sentence(current[-1].text)
        )

        current.append(
            Line(
                line,
                len(groups),
                bulleted,
                emphasised,
                byline=byline,
                forced=forced,
                row=row,
                aligned=aligned,
                indent=indent,
                apart=apart,
                opens=posted,
            )
        )
        opening = False
        byline, posted = None, False
    if headers:
        flush_headers()
    close()
    if message_start is not None:
        _drop_sign_off(groups, message_start, dropped)
    strip_section_numbers(groups)
    mark_run_in_titles(groups)
    strip_tags(groups)
    drop_repeated_fields(groups, dropped)
    _drop_signatures(groups, dropped)
    return groups


# A signature under a letter: a person's name over their role ("Adele Brennan" / "Chief
# Officer, Mersey Vale LPC").
_NAME_LINE = re.compile(
    r"^(?:(?:Dr|Prof|Professor|Sir|Dame|Mr|Mrs|Ms|Miss|Cllr|Rev)\.?\s+)?"
    r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3}$"
)
_ROLE_LINE = re.compile(r"^[A-Z][\w'’&-]*(?:\s+[\w'’&-]+){0,4}(?:,|\s+(?:of|at|for)\s+)\s*[A-Z]")
_ROLE_WORDS = 10


def _drop_signatures(groups: list[list[Line]], dropped: list[Line]) -> None:
    """A name over a role, alone after a paragraph of text, signs that text (a letter): it is
    not a story, and the text above it is marked as signed."""
    for at in range(len(groups) - 1, 0, -1):
        group, above = groups[at], groups[at - 1]
        if (
            len(group) == 2
            and _NAME_LINE.match(group[0].text) is not None
            and group[1].text.count(" ") < _ROLE_WORDS
            and _ROLE_LINE.match(group[1].text) is not None
            and not ends_sentence(group[1].text)
            and ends_sentence(above[-1].text)
        ):
            for line in group:
                line.note = "dropped: a signature (a name over a role)"
                dropped.append(line)
            above[-1].signed = True
            del groups[at]


def _underlines(above: str, raw: str) -> bool:
    """A rule as long as the text above it, give or take a few marks: that text's underline."""
    rule, text = raw.strip(), above.strip()
    return (
        len(rule) >= 3
        and len(set(rule)) == 1
        and rule[0] in "=-~_*^"
        and abs(len(rule) - len(text)) <= max(2, len(text) // 8)
    )


_STORY_TEXT_WORDS = 15


def _prose_runs_on(text: str) -> bool:
    """An item's line of prose (a sentence ended inside it, "Formulary decisions. The
    committee met on") that stops short of a full stop runs on under it; a headline alone on
    the item's first line does not."""
    return not ends_sentence(text) and SENTENCE_INSIDE.search(text) is not None


def _headed_story(raws: list[str], at: int) -> bool:
    """A headline-like line over a paragraph of text, after a blank line, or a list item
    opened by a bold headline ("• *Headline* — text"): a story inside a chat post (a digest
    of headlines posted to a channel), not talk."""
    cleaned = _clean(raws[at])
    if cleaned is not None and cleaned[1] and text_lead(cleaned[0]) is not None:
        return True
    if at == 0 or raws[at - 1].strip() or at + 1 >= len(raws):
        return False
    line, text = raws[at].strip(), raws[at + 1].strip()
    return bool(line) and headline_text(line) and text.count(" ") >= _STORY_TEXT_WORDS


def _wrapped_figure(raws: list[str], at: int, width: int | None) -> bool:
    """A line of figures alone ("2028") that the line above wrapped onto, inside a block of
    text: unlike a page number, it has text directly above and below it, and it sits where
    the text around it does (a page number is centred, or apart from the text)."""
    raw = raws[at]
    if _FIGURES.match(raw) is None or not 0 < at < len(raws) - 1 or not raws[at + 1].strip():
        return False
    below = raws[at + 1]
    if len(raw) - len(raw.lstrip()) != len(below) - len(below.lstrip()):
        return False
    return not ends_sentence(raws[at - 1]) or (
        width is not None and wraps_onto(raws[at - 1], [raw.strip()], width)
    )


def _item_column(raw: str) -> int | None:
    """The column a list item's text starts at, past its marker ("  - Item": 4)."""
    match = _BULLET.match(stripped := raw.lstrip())
    return None if match is None else len(raw) - len(stripped) + match.end()


def _greets(line: str, after: list[str]) -> bool:
    """ "Hi all," on a line of its own over a post; "Hi Mark, answers below:" opens its text."""
    return not line.endswith(":") and after in ([], [""]) and is_greeting(line)


def _separator(text: str) -> bool:
    """A rule with a few words in it ("---------- 1 of 2 ----------")."""
    marks = sum(not ch.isalnum() and not ch.isspace() for ch in text)
    return marks >= 6 and marks > 2 * sum(ch.isalnum() for ch in text)


def _drop_sign_off(groups: list[list[Line]], start: int, dropped: list[Line]) -> None:
    """The short lines that end a posted message ("Laila" / "GP and CCIO, Southampton City
    CCG") are its sender's sign-off, not news, and so is a disclaimer under them with what
    follows it; the message's first paragraph always stays."""
    footer = next(
        (at for at in range(start + 1, len(groups)) if is_footer_start(groups[at][0].text)),
        None,
    )
    while footer is not None and len(groups) > footer:
        for line in groups.pop():
            line.note = "dropped: the message's footer (a disclaimer)"
            dropped.append(line)
    while len(groups) > start + 1:
        last = groups[-1]
        if any(line.forced is not None or _post_text(line.text) for line in last):
            return
        for line in groups.pop():
            line.note = "dropped: the sender's sign-off"
            dropped.append(line)


def _post_text(text: str) -> bool:
    """A line of the post's own text: long or a sentence, and not the list's links under it
    ("View/Reply Online | Reply To Group | Mute This Topic")."""
    parts = text.split(" | ")  # "Joanne Fitzpatrick | Head of Workforce Development"
    long = max(part.count(" ") for part in parts) >= _SIGN_OFF_WORDS or ends_sentence(text)
    return long and not is_boilerplate(text)


def _forwarded_from(blocks: Sequence[Block]) -> int:
    """Where a forwarded message starts: after the header block ("From:", "Sent:", "To:",
    "Subject:") a mail program puts above it, near the top; 0 when there is none. Outlook's
    chain of forwards and replies ("Subject: FW: ...", "Subject: RE: ...") is followed down
    to the message first sent."""
    limit = max(1, int(len(blocks) * _FORWARD_SCAN))
    start = found = 0
    # A chain read newest first ends in the message first sent; a digest of replies does not.
    subjects = [mail_header(block.text) for block in blocks if _subject_line(block)]
    last = subjects[-1][1] if subjects and subjects[-1] is not None else ""
    chain = not is_reply_subject(last)
    while start < limit:
        fields: dict[str, str] = {}
        end = start
        while end < len(blocks) and (header := mail_header(blocks[end].text)) is not None:
            fields[header[0]] = header[1]
            end += 1
        if "from" in fields and len(fields) >= 3:
            if not any(_subject_line(block) for block in blocks[end:]):
                return end
            if not (passed_on(fields) and chain):
                return found  # header block after header block: a digest of messages
            limit = end + max(1, int((len(blocks) - end) * _FORWARD_SCAN))
            start = found = end
        else:
            start = max(end, start + 1)
    return found


_DASH_RUN_ON_CHARS = 60
# A table's or a figure's caption inside a story: "Table 1: DHSC budgets (£ billion, cash)".
_CAPTION = re.compile(r"^(?:Table|Figure|Chart|Graph|Box|Exhibit)\s+\d{1,2}[a-z]?[.:]\s+\S")
_HANGING_TEXT = 4  # spaces before the text a headline at the margin stands over
_HANGING_PAIRS = 3  # titles over indented prose, to show the digest is laid out so
_HANGING_PROSE_WORDS = 8


def _hanging_layout(raws: list[str]) -> bool:
    """Whether the digest sets its items as a title at the margin over its text indented
    under it, three times or more (text of a sentence or more: not a wrapped diary entry,
    "... Tamar Valley" / "    General Hospital")."""
    pairs = 0
    for at in range(len(raws) - 1):
        title, text = raws[at], raws[at + 1]
        if not title[:1].isalpha() or not text.startswith("  ") or not text.strip():
            continue
        if (at and raws[at - 1].strip()) or ends_sentence(title.rstrip()):
            continue
        end = at + 1
        while end < len(raws) and raws[end].startswith("  ") and raws[end].strip():
            end += 1
        prose = " ".join(raw.strip() for raw in raws[at + 1 : end])
        if prose.count(" ") + 1 >= _HANGING_PROSE_WORDS and ends_sentence(prose.split(" http")[0]):
            pairs += 1
    return pairs >= _HANGING_PAIRS


_HANGING_TITLE_CHARS = 50
PROSE_WORDS = 12  # a line of this many words is text, not a heading, byline or label


def _dash_runs_on(above: Line, raw_above: str) -> bool:
    """A "- " line under a long line of prose that has not ended (no full stop, colon or list
    above it): a sentence's dash wrapped to the start of a line, not a bullet."""
    text = raw_above.rstrip()
    return (
        not above.bulleted
        and len(text) >= _DASH_RUN_ON_CHARS
        and text[-1:].isalnum()
        and " " in text.strip()
    )


_LIST_NUMBER = re.compile(r"^(\d{1,2})\.\s")


def _number_runs_on(above: Line, raws: list[str], at: int) -> bool:
    """A line opening with "18. " under a long line of prose that has not ended: a figure and
    a full stop wrapped to the start of a line, not the 18th item of a list that has none
    before it (a list's first item is numbered 1; its later ones follow an item)."""
    number = _LIST_NUMBER.match(raws[at])
    return (
        number is not None
        and int(number.group(1)) > 1
        and _dash_runs_on(above, raws[at - 1])
        and not ends_sentence(raws[at - 1].rstrip())
    )


def _wraps_into_text(raw: str, below: list[str], width: int) -> bool:
    """The line is full and runs on into the line under it (not into a count of replies,
    "22 replies", under a thread's "Started by ..." line)."""
    return wraps_onto(raw, below, width) and not (below and is_reactions(below[0]))


_SHORT_FIELD = re.compile(r"^[A-Z][\w'’ -]{1,30}:\s+\S")
_SHORT_FIELD_WORDS = 8


def _short_field(line: str) -> bool:
    """A labelled value on a line of its own ("Consultation closes: 12 July 2023")."""
    return line.count(" ") < _SHORT_FIELD_WORDS and _SHORT_FIELD.match(line) is not None


_FIELD_LABEL = re.compile(r"^\s*[^:]{1,30}:\s+")


def _label_wraps(above: str, indent: int) -> bool:
    """A line indented to where the text after the label above starts ("  Q: How many nurses
    ... have left the" / "     Nursing and Midwifery Council register ..."): its text wrapped
    (as a field's value wraps to its column: see `_under_value`)."""
    label = _FIELD_LABEL.match(above)
    return label is not None and label.end() == indent


def _under_value(above: str, raw: str) -> bool:
    """A line that starts where the value of the aligned field above it starts (or where the
    line above, its wrap already, starts): the value wrapped."""
    if not raw.strip():
        return False
    indent = len(raw) - len(raw.lstrip())
    if (label := _FIELD_LABEL.match(above)) is not None:
        return indent == label.end()
    return indent >= _VALUE_COLUMN and indent == len(above) - len(above.lstrip())


_VALUE_COLUMN = 8  # a field's value wrapped to its column stands this far in at least


def _subject_line(block: Block) -> bool:
    return block.text[:8].lower().startswith("subject")


def _bold_sentence(text: str) -> bool:
    """A long sentence ending in a full stop: set in bold, it is a standfirst, not a headline."""
    return text.count(" ") >= HEADLINE_WORDS and text.rstrip(CLOSERS).endswith(".")


def block_groups(blocks: Sequence[Block]) -> list[list[Line]]:
    """The reader's blocks as lines, grouped as the reader grouped them (a forwarder's note
    and the header block above a forwarded digest left out)."""
    groups: list[list[Line]] = []
    group: int | None = None
    byline: str | None = None
    quoting = False  # in the quote a reply's "On ..., X wrote:" line introduced
    introduced = False  # under a paragraph ending in ":", in the plain items it introduced
    headed = False  # right under a heading
    for block in blocks[_forwarded_from(blocks) :]:
        if quoting and block.kind == "quote":
            continue
        quoting = block.text.endswith(":") and is_quoted(block.text)
        if quoting:
            continue
        if block.kind == "byline":
            byline = block.text or byline
            continue
        if block.kind == "rule" or _url_only(block.text):
            if block.kind == "rule":
                group, introduced, headed = None, False, False  # a new part of the page
            continue
        cleaned = _clean(block.text)
        if cleaned is None:
            group, introduced, headed = None, False, False
            continue
        line, bulleted, emphasised = cleaned
        dated = None  # "<a>Headline</a> <span>3 October 2018</span>": the headline's details
        if block.lead and line.startswith(block.lead) and block.lead[-1:] != ":":  # (a field)
            rest = line[len(block.lead) :].strip(" |·•–—-")
            # (not a masthead's name over its issue: "**NHS Forth Valley** · Issue 46 · ...")
            if (
                rest
                and (is_date_line(rest) or is_dated_meta(rest))
                and not holds_issue_number(rest)
            ):
                line, emphasised, dated = block.lead, True, rest
        if block.group != group or not groups:
            groups.append([])
            group = block.group
        hinted = block.kind == "heading" or (
            (emphasised or block.strong or block.linked) and not _bold_sentence(line)
        )
        bulleted = bulleted or block.kind == "item"
        plain = not (emphasised or block.strong or block.linked or block.lead)
        # "The main changes are:" over plain items, and "What hasn't changed:" over more of
        # them: the story's own lists, text only.
        listed = introduced and plain and block.kind in ("item", "paragraph")
        # "Summary prepared by @r.oyelaran:" right under a heading: its story's first words.
        listed = listed or (
            plain
            and block.kind == "paragraph"
            and line.endswith(":")
            and line.count(" ") >= 2
            and headed
        )
        # "<h2>Title</h2><h3>A sentence or two of summary.</h3>": a card's standfirst
        standfirst = (
            headed
            and block.kind == "heading"
            and line.count(" ") >= PROSE_WORDS
            and line.endswith(".")  # (not a long question: "Why is it so hard to find ...?")
        )
        headed = block.kind == "heading"
        introduced = plain and (
            (block.kind == "item" and introduced)
            or (block.kind == "paragraph" and line.endswith(":"))
        )
        forced = (
            "B"
            if block.row
            or (block.task and not block.lead)  # "- [ ] **Help wanted: ...** — text": news
            or block.standfirst
            or block.code
            or listed
            or standfirst
            else None
        )
        if block.code:
            _introduces_code(groups)
        groups[-1].append(
            Line(
                line,
                len(groups) - 1,
                bulleted,
                hinted and forced is None,
                facts=block,
                byline=byline,
                forced=forced,
                row=block.row,
                detail=block.kind == "details",
            )
        )
        if dated is not None:
            groups[-1].append(Line(dated, len(groups) - 1, detail=True))
        byline = None
    strip_section_numbers(groups)  # "<h2>1 The independent investigation</h2>"
    return groups


def _post_starts(raws: list[str], at: int) -> bool:
    """A digest's next post begins at line `at`: "From:" after a blank line, with "Date:" in
    the header lines under it (a quoted message's block has Outlook's "Sent:")."""
    if at == 0 or raws[at - 1].strip() or (header := mail_header(raws[at])) is None:
        return False
    if header[0] != "from":
        return False
    below = (mail_header(raw, True) for raw in raws[at + 1 : at + _POST_HEADER_LINES])
    return any(found is not None and found[0] == "date" for found in below)


_POST_HEADER_LINES = 5


def _introduces_code(groups: list[list[Line]]) -> None:
    """The plain line over a code listing that introduces it ("Typical subject lines we have
    seen:") is the story's text, as the listing is, not a headline over it."""
    last = next((group[-1] for group in reversed(groups) if group), None)
    if (
        last is not None
        and last.text.endswith(":")
        and last.facts is not None
        and last.facts.kind == "paragraph"
        and not last.facts.code
        and not (last.facts.strong or last.facts.linked)
    ):
        last.forced, last.hinted = "B", False


def spellings_of(text: str) -> frozenset[str]:
    """How the digest spells words, where it breaks some at a line end with a hyphen: the
    hyphenated words it writes whole on a line ("long-term"), which keep their hyphen when
    broken there, and its other words, lower-cased ("community"), which tell a word broken to
    fit the line ("Com-" "munity") from a compound ("Non-" "executive")."""
    if "-\n" not in text:
        return frozenset()
    return frozenset(match.group().lower() for match in _SPELLED.finditer(text))


def logical_lines(blocks: list[list[Line]], spellings: frozenset[str]) -> list[Line]:
    """Physical lines to logical ones: hard-wrapped paragraphs joined back together."""
    out: list[Line] = []
    groups = join_wrapped(
        [[line.text for line in block] for block in blocks],
        spellings,
        [bool(block) and (block[0].bulleted or block[0].hinted) for block in blocks],
        [
            frozenset(at for at, line in enumerate(block) if line.bulleted or line.apart)
            for block in blocks
        ],
        [min((line.indent for line in block), default=0) for block in blocks],
    )
    for block, joined in zip(blocks, groups, strict=True):
        if len(joined) == len(block):  # no line joined to another (most blocks are one line)
            out.extend(block)
            continue
        for start, end, text in joined:
            first = block[start]
            if end > start:  # a line joined from several is a heading only if all of them were
                first.text = text
                first.hinted = all(line.hinted for line in block[start : end + 1])
                first.signed = block[end].signed
            out.append(first)
    return out


_FURNITURE_WORDS = 12


def drop_running(groups: list[list[Line]]) -> list[Line]:
    """Running heads and footers (short lines repeated page after page) go, and a paragraph
    a page break cut in two is one again; returns the lines dropped."""
    lines = [line for group in groups for line in group]
    running = running_lines(  # (a thread's posts share their subject: no running head)
        (line.text, number)
        for number, line in enumerate(lines)
        # (rows share a field; "Summary:" labels each item's text, it heads no page)
        if not line.bulleted and not line.posted and not line.detail and line.text[-1:] != ":"
    )
    # Every line's key only where some line runs: most digests have none, and no key is in it.
    keys = [running_key(line.text) for line in lines] if running else [""] * len(lines)
    if running:  # chrome repeated on every page is left to the boilerplate rules
        texts = dict(zip(keys, (line.text for line in lines), strict=True))
        running = frozenset(key for key in running if not is_boilerplate(texts[key]))
    dropped: list[Line] = []
    merged: list[list[Line]] = []
    width = wrap_width([[line.text for line in group] for group in groups]) if running else None
    cut = False  # a running line was just dropped: a page break
    position = 0
    for group in groups:
        kept = []
        last_dropped = False
        # A page's footer and the next page's head often come out of a PDF as one block: the
        # short lines beside a page number there are page furniture too.
        paged = len(group) > 1 and any(is_page_mark(line.text) for line in group)
        for line in group:
            key = keys[position]
            position += 1
            furniture = paged and line.text.count(" ") < _FURNITURE_WORDS
            last_dropped = not line.posted and (
                key in running or furniture or is_page_mark(line.text)
            )
            if last_dropped:
                line.note = "dropped: repeats page after page (running head or footer)"
                dropped.append(line)
                cut = True
            else:
                kept.append(line)
        if not kept:
            continue
        last = merged[-1][-1].text if merged else ""
        first = kept[0].text[:1]
        if (
            cut
            and last
            and not ends_sentence(last)
            # ("... a reduction of" / page break / "1.2% in cash terms")
            and (first.isalpha() or (first.isdecimal() and ends_mid_sentence(last)))
            and not last.endswith(":")  # "Daily update for:" introduces what follows
            and (
                first.islower()
                or not headline_text(last)
                or (width is not None and wraps_onto(last, [kept[0].text], width))
            )
        ):
            merged[-1].extend(kept)  # "... in the North" / page break / "East would ..."
            cut = False
            continue
        merged.append(kept)
        cut = last_dropped  # a page break after this paragraph, if its last line was a head
    for number, group in enumerate(merged):
        for line in group:
            line.block = number
    groups[:] = merged
    return dropped
