"""Split a digest's text into the stories a reader sees.

Digests come in three layouts, often mixed: a headline line over one or more paragraphs; a lead
story with no headline at the top; and lists of headline / one-line standfirst pairs on
consecutive lines. The rules below read that layout from the shape of the lines (length, closing
punctuation, what follows them), never from a particular newsletter's words:

- a headline is a short line that does not end like a sentence and is followed by body text;
- two headline-like lines in a row: the first is a section label (kicker), not a story;
- the first lines may talk about the newsletter itself ("our roundup of ..."): a header;
- e-mail and web chrome, captions, bylines and date lines are dropped (`indexer.boilerplate`);
- hard-wrapped paragraphs (plain-text e-mail) are joined back before any of that.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from indexer.blocks import Block
from indexer.boilerplate import (
    is_boilerplate,
    is_footer_start,
    is_intro_talk,
    is_newsletter_talk,
    is_postal_address,
    is_sign_off,
    is_sponsor_marker,
    strip_forwarding,
    strip_read_more,
)
from indexer.debris import (
    has_contact,
    is_event,
    is_job_advert,
    is_mail_chrome,
    is_page_mark,
    is_quoted,
    is_signature_mark,
    mail_header,
    repeats_headline,
    running_key,
    running_lines,
    strip_dateline,
)
from indexer.digest_dates import is_dated_masthead
from indexer.lineshape import ends_sentence, headline_text
from indexer.models import Section
from indexer.template import Lead, lead_template, split_lead, strip_text_lead, text_lead
from indexer.textcodec import tidy
from indexer.unwrap import join_wrapped

_BULLET = re.compile(r"^(?:[-*+•·▪►▸‣◦]|[–—](?=\s+[^a-z\s])|\d{1,2}[.)])\s+(?=\S)")
_LINK_DEBRIS = re.compile(
    r"\s*(?:<(?:https?://|mailto:)[^>\s]*>|\[(?:https?://|mailto:)[^\]\s]*\]"
    r"|\(\s*(?:https?://|mailto:)[^)\s]*\s*\)|\[\d{1,3}\])"
)
_URL_ONLY = re.compile(r"^[<(\[]?\s*(?:https?://|www\.|mailto:)\S*\s*[>)\]]?$")
_EMPHASIS_LINE = re.compile(r"^(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1$")
_SPACES = re.compile(r" {2,}")
# First characters the patterns above can start with: most lines are tested on one character.
_BULLET_START = frozenset("-*+•·▪►▸‣◦–—")  # or a digit
_URL_START = frozenset("<([hwm")
_EMPHASIS_START = frozenset("*_")
_ARROWS = re.compile(r"\s*(?:»|›|>>|→|▶|►|⟶)+$")
_ORDER = itertools.count()
_FOOTER_FROM = 0.4  # a footer marker this far into the text ends the digest
_COMPOUND = re.compile(r"\b[A-Za-z]+-[a-z]+\b")
_INTRO_WORDS = 35
_TALK_WORDS = 20  # longer, a sentence must greet or describe the issue outright to be an intro
_HEADER_LINES = 6  # how far down a masthead, date line, greeting and intro may reach
_LISTING_WORDS = 30  # a vacancy or event is listed in a line shorter than this
_TEXT_HEADERS = frozenset(["date", "from", "to", "subject", "topic"])
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“‘\"'])")
_OPEN_MARKER = re.compile(r"^\*{1,2}\s+(?=\S)")  # "** Headline": a text/plain rendering of <h2>


@dataclass(frozen=True, slots=True)
class Explained:
    """One line as the splitter read it: its block, what it looked like, what became of it."""

    group: int
    block: str  # the reader's block kind, or "line" for plain text
    shape: str  # headline-like, body or label (after the template)
    text: str
    decision: str


@dataclass(frozen=True, slots=True)
class SplitResult:
    """Stories in order, plus the newsletter's own header line if it had one (a title)."""

    header: str | None
    sections: tuple[Section, ...]
    explained: tuple[Explained, ...] = ()


@dataclass(slots=True)
class _Line:
    text: str
    block: int
    bulleted: bool = False
    hinted: bool = False
    listed: bool = False  # an item of a list a dropped label ("Read more:") introduced
    kind: str = "B"  # H headline-like, B body, L label
    facts: Block | None = None  # the reader's block, where the container showed structure
    forced: str | None = None  # the kind the story template gave the line
    note: str = ""  # what became of the line and why (`dex parse --explain`)
    order: float = field(default_factory=lambda: next(_ORDER))  # reading order, for --explain


def split(text: str, blocks: Sequence[Block] | None = None) -> list[Section]:
    """The stories of one digest, in order (headline None for a lead story without one)."""
    return list(split_digest(text, blocks).sections)


def split_digest(
    text: str, blocks: Sequence[Block] | None = None, *, explain: bool = False
) -> SplitResult:
    """Split a digest: by the structure its reader found (`blocks`), else by line shape.

    With `explain`, the result also says for every line what it was read as and why it was
    cut, kept or dropped.
    """
    read_out: list[_Line] = []  # what the plain-text reading leaves out (quotes, signatures)
    if blocks is None:
        groups = _text_groups(strip_forwarding(tidy(text)), read_out)
    else:
        groups = _block_groups(blocks)
    dropped = _drop_running(groups)
    every = _split_leads(_logical_lines(groups, _compounds(text)))
    lines = _drop_boilerplate(every)
    for line in lines:
        line.kind = _kind(line)
    _mark_lists(lines)
    _mark_alternation(lines)
    header, lines = _take_header(lines)
    sections = tuple(_assemble(lines))
    if not explain:
        return SplitResult(header, sections)
    every = sorted([*every, *dropped, *read_out], key=lambda line: line.order)
    return SplitResult(header, sections, tuple(_explained(line) for line in every))


_SHAPES = {"H": "headline-like", "B": "body", "L": "label"}


def _explained(line: _Line) -> Explained:
    block: str = line.facts.kind if line.facts is not None else "line"
    if line.facts is not None and line.facts.kind == "heading":
        block = f"heading {line.facts.level}"
    shape = "-" if line.note.startswith("dropped") else _SHAPES.get(line.kind, line.kind)
    return Explained(line.block, block, shape, line.text, line.note or "kept")


# -- lines and blocks ---------------------------------------------------------------------------


def _clean(raw: str) -> tuple[str, bool, bool] | None:
    """A line without link debris, bullet or emphasis markers: (text, bulleted, emphasised);
    None for a line with nothing to read (a rule, a bare URL)."""
    line = raw.strip()
    if " " in line and ("://" in line or "[" in line or "mailto:" in line):
        line = _LINK_DEBRIS.sub("", line).strip()
    if not line or not (line[0].isalpha() or any(ch.isalpha() for ch in line)):
        return None
    if line[-1] in "»›>→▶►⟶":
        line = _ARROWS.sub("", line)
    if "  " in line:
        line = _SPACES.sub(" ", line)
    bulleted = emphasised = False
    if line[0] == "*" and (marker := _OPEN_MARKER.match(line)) is not None and "*" not in line[2:]:
        return line[marker.end() :], False, True
    first = line[0]
    if (first in _BULLET_START or first.isdecimal()) and (match := _BULLET.match(line)) is not None:
        line, bulleted = line[match.end() :], True
    if line[0] in _EMPHASIS_START and (emphasis := _EMPHASIS_LINE.match(line)) is not None:
        line, emphasised = emphasis.group(2).strip(), True
    return line, bulleted, emphasised


def _url_only(raw: str) -> bool:
    line = raw.strip()
    return bool(line) and line[0] in _URL_START and _URL_ONLY.match(line) is not None


def _text_groups(text: str, dropped: list[_Line]) -> list[list[_Line]]:
    """Physical lines of plain text grouped into blank-line separated blocks.

    Mail inside the text (a mailing-list digest) is read as such: a run of header lines gives
    the message's subject as a headline; quoted replies and signatures are left out (into
    `dropped`, with the reason).
    """
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    headers: list[tuple[str, str]] = []
    in_signature = False

    def drop(raw: str, why: str) -> None:
        if raw.strip():
            dropped.append(_Line(raw.strip(), len(groups), note=f"dropped: {why}"))

    def close() -> None:
        nonlocal current
        if current:
            groups.append(current)
            current = []

    def flush_headers() -> None:
        """A run of message headers: its subject is a headline, the rest is not news."""
        subject = next((value for name, value in headers if name in ("subject", "topic")), None)
        if len(headers) >= 2 and subject:
            close()
            current.append(_Line(subject, len(groups), hinted=True, forced="H"))
            close()
            for name, value in headers:
                drop(f"{name}: {value}", "a message header (the subject is the headline)")
        elif len(headers) == 1 and headers[0][0] in _TEXT_HEADERS:
            name, value = headers[0]  # "Date: 12 March" alone is a line of the text
            current.append(_Line(f"{name.capitalize()}: {value}", len(groups)))
        else:
            for name, value in headers:
                drop(f"{name}: {value}", "a message header")
        headers.clear()

    for raw in text.split("\n"):
        if headers and raw.strip() and (raw[:1] in (" ", "\t") or not headers[-1][1]):
            drop(raw, "a message header")  # folded onto the next line
            continue
        if (header := mail_header(raw, bool(headers))) is not None and not current:
            headers.append(header)
            in_signature = False
            continue
        if headers:
            flush_headers()
        if is_signature_mark(raw):
            in_signature = True
            close()
            continue
        if in_signature:
            if raw.strip() and not any(ch.isalnum() for ch in raw):
                in_signature = False  # a separator line ends the signature
            drop(raw, "a signature")
            continue
        if is_quoted(raw) or is_mail_chrome(raw):
            drop(raw, "a quoted reply" if is_quoted(raw) else "added by a mail program")
            close()
            continue
        if _url_only(raw):
            continue  # a link line between a headline and its text does not break the block
        cleaned = _clean(raw)
        if cleaned is None:
            close()
            continue
        line, bulleted, emphasised = cleaned
        current.append(_Line(line, len(groups), bulleted, emphasised))
    if headers:
        flush_headers()
    close()
    return groups


def _block_groups(blocks: Sequence[Block]) -> list[list[_Line]]:
    """The reader's blocks as lines, grouped as the reader grouped them."""
    groups: list[list[_Line]] = []
    group: int | None = None
    for block in blocks:
        if block.kind == "rule" or _url_only(block.text):
            group = None if block.kind == "rule" else group
            continue
        cleaned = _clean(block.text)
        if cleaned is None:
            group = None
            continue
        line, bulleted, emphasised = cleaned
        if block.group != group or not groups:
            groups.append([])
            group = block.group
        hinted = emphasised or block.kind == "heading" or block.strong
        bulleted = bulleted or block.kind == "item"
        groups[-1].append(_Line(line, len(groups) - 1, bulleted, hinted, facts=block))
    return groups


def _compounds(text: str) -> frozenset[str]:
    """Hyphenated words the digest writes whole on a line ("long-term"), so that one broken
    at a line end keeps its hyphen while a word hyphenated only to fit the line loses it."""
    if "-\n" not in text:
        return frozenset()
    return frozenset(match.group().lower() for match in _COMPOUND.finditer(text))


def _logical_lines(blocks: list[list[_Line]], compounds: frozenset[str]) -> list[_Line]:
    """Physical lines to logical ones: hard-wrapped paragraphs joined back together."""
    out: list[_Line] = []
    groups = join_wrapped([[line.text for line in block] for block in blocks], compounds)
    for block, joined in zip(blocks, groups, strict=True):
        if len(joined) == len(block):  # no line joined to another (most blocks are one line)
            out.extend(block)
            continue
        for start, end, text in joined:
            first = block[start]
            if end > start:  # a line joined from several is a heading only if all of them were
                first.text = text
                first.hinted = all(line.hinted for line in block[start : end + 1])
            out.append(first)
    return out


def _drop_running(groups: list[list[_Line]]) -> list[_Line]:
    """Running heads and footers (short lines repeated page after page) go, and a paragraph
    a page break cut in two is one again; returns the lines dropped."""
    lines = [line for group in groups for line in group]
    running = running_lines(
        (line.text, number)
        for number, line in enumerate(lines)
        if not line.bulleted and not is_boilerplate(line.text)
    )
    dropped: list[_Line] = []
    merged: list[list[_Line]] = []
    cut = False  # a running line was just dropped: a page break
    for group in groups:
        kept = []
        for line in group:
            if running_key(line.text) in running or is_page_mark(line.text):
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
            and first.isalpha()
            and (first.islower() or not headline_text(last))
        ):
            merged[-1].extend(kept)  # "... in the North" / page break / "East would ..."
            cut = False
            continue
        merged.append(kept)
        cut = any(line in dropped for line in group[-1:])
    for number, group in enumerate(merged):
        for line in group:
            line.block = number
    groups[:] = merged
    return dropped


def _split_leads(lines: list[_Line]) -> list[_Line]:
    """Where the digest's template is a headline lead ("**Headline** - text"), cut each such
    line into its headline and its text; elsewhere leave lines as they are."""
    leads: list[Lead | None] = []
    for line in lines:
        opening = line.facts.lead if line.facts is not None else text_lead(line.text)
        if opening is not None and line.facts is None:
            line.text = strip_text_lead(line.text, opening)
        leads.append(split_lead(line.text, opening))
    if not lead_template(leads):
        return lines
    out: list[_Line] = []
    for line, lead in zip(lines, leads, strict=True):
        if lead is None:
            out.append(line)
            continue
        head = _Line(lead.headline, line.block, hinted=True, facts=line.facts, forced="H")
        head.order = line.order - 0.5  # before its text, in --explain
        out.append(head)
        line.text, line.bulleted, line.forced = lead.rest, False, "B"
        out.append(line)
    return out


# -- what each line is --------------------------------------------------------------------------


def _drop_boilerplate(lines: list[_Line]) -> list[_Line]:
    total = sum(len(line.text) + 1 for line in lines) or 1
    seen = 0
    kept: list[_Line] = []
    advert = -1  # the block an advertisement label announced
    label_block = -2  # the block of a dropped list label such as "Read more:"
    for index, line in enumerate(lines):
        position = seen / total
        seen += len(line.text) + 1
        if line.block == advert:
            line.note = "dropped: in an advert block"
            continue
        text = strip_read_more(line.text)
        if not text:
            line.note = "dropped: a read-more link"
            continue
        if is_sponsor_marker(text):
            line.note = "dropped: a sponsor or advert label"
            # The advert is the rest of the label's block, or the next block if it stands alone.
            nxt = lines[index + 1] if index + 1 < len(lines) else None
            advert = line.block if nxt is not None and nxt.block == line.block else line.block + 1
            continue
        if is_footer_start(text) or is_postal_address(text):
            line.note = "dropped: a footer line"
            if position >= _FOOTER_FROM:
                _drop_footer_lead_in(kept, line.block)
                _note_rest(lines[index + 1 :], "dropped: after the footer began")
                break
            continue
        if is_sign_off(text) and position >= _FOOTER_FROM:
            line.note = "dropped: a sign-off"
            _note_rest(lines[index + 1 :], "dropped: the sender's signature")
            break
        if is_boilerplate(text):
            line.note = "dropped: mail or web chrome"
            if text.endswith(":"):
                label_block = line.block
            continue
        if line.bulleted and line.block - label_block in (0, 1):
            line.listed = True
            label_block = line.block
        else:
            label_block = -2
        line.text = text
        kept.append(line)
    return kept


def _note_rest(lines: list[_Line], note: str) -> None:
    for line in lines:
        line.note = note


def _drop_footer_lead_in(kept: list[_Line], block: int) -> None:
    """A line running on into a footer marker in its block ("X is published by Y Ltd,")."""
    last = kept[-1] if kept else None
    if last is None or last.block != block or ends_sentence(last.text):
        return
    if last.text.count(" ") < 25:  # a paragraph of news is longer
        kept.pop().note = "dropped: runs on into the footer"


def _kind(line: _Line) -> str:
    if line.forced is not None:
        return line.forced
    text = line.text
    if line.listed:
        return "B"
    if text.endswith(":") and text.count(" ") < 12:
        return "L"
    return "H" if headline_text(text, line.hinted) else "B"


def _mark_lists(lines: list[_Line]) -> None:
    """A sentence ending in a colon introduces a list: its items are body text, not headlines."""
    for index, line in enumerate(lines):
        if line.kind != "L":
            continue
        prev = lines[index - 1] if index else None
        in_paragraph = prev is not None and prev.block == line.block and prev.kind == "B"
        if not in_paragraph and line.text.count(" ") < 6:
            continue  # "Also in the news:" is a label
        line.kind = "B"
        follow = index + 1
        item_block = lines[follow].block if follow < len(lines) else -1
        same_block = item_block == line.block
        items = []
        for item in lines[follow:]:
            if item.block != item_block:
                break
            items.append(item)
        if same_block or (items and all(x.bulleted or x.text.count(" ") < 8 for x in items)):
            for item in items:
                item.kind = "B"


def _mark_alternation(lines: list[_Line]) -> None:
    """In a block of headline / standfirst pairs, every second line is a standfirst."""
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].block == lines[start].block:
            end += 1
        if end - start >= 4:  # fewer lines cannot alternate
            _mark_standfirsts(lines[start:end])
        start = end


def _mark_standfirsts(block: list[_Line]) -> None:
    for offset in (0, 1):
        pairs = block[offset:]
        if len(pairs) < 4 or len(pairs) % 2:
            continue
        heads, firsts = pairs[0::2], pairs[1::2]
        if not all(h.kind == "H" for h in heads):
            continue
        if sum(f.kind == "B" for f in firsts) >= 0.6 * len(firsts):
            for first in firsts:
                first.kind = "B"
            break


def _take_header(lines: list[_Line]) -> tuple[str | None, list[_Line]]:
    """The opening lines that talk about the newsletter (and any masthead above them)."""
    cut = 0
    talks: dict[int, bool] = {}  # is_newsletter_talk by line: each line is asked up to 3 times

    def newsletter_talk(index: int) -> bool:
        """Talk about the newsletter; a long intro paragraph is judged by its first sentence."""
        if index not in talks:
            text = lines[index].text
            if text.count(" ") >= _INTRO_WORDS:
                text = _SENTENCE_END.split(text, maxsplit=1)[0]
            words = text.count(" ")
            talks[index] = words < _INTRO_WORDS and (
                is_newsletter_talk(text) if words < _TALK_WORDS else is_intro_talk(text)
            )
        return talks[index]

    for index, line in enumerate(lines[:_HEADER_LINES]):
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        pair = (
            line.kind == "H"
            and nxt is not None
            and nxt.block == line.block
            and nxt.kind == "B"
            and not newsletter_talk(index + 1)
        )
        talk = newsletter_talk(index) or is_dated_masthead(line.text)
        if talk and not pair:  # a headline over its standfirst is news
            cut = index + 1
            continue
        if line.kind == "B":
            break
        if nxt is not None and nxt.kind == "B" and not newsletter_talk(index + 1):
            break  # a headline over its text: the stories have begun
    # The digest's name: its first header line (a masthead above the header if it has one).
    header = next((line.text for line in lines[:cut] if line.kind != "L"), None)
    _note_rest(lines[:cut], "dropped: the digest's header (masthead, intro)")
    return header, lines[cut:]


# -- stories ------------------------------------------------------------------------------------


def _is_label(line: _Line) -> bool:
    text = line.text
    return line.kind == "L" or text.count(" ") < 5 or text.isupper() or is_newsletter_talk(text)


@dataclass(slots=True)
class _Story:
    headline: str | None
    head: _Line | None
    body: list[_Line]


def _assemble(lines: list[_Line]) -> list[Section]:
    stories: list[_Story] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.kind == "B":
            if not stories:
                stories.append(_Story(None, None, []))  # the lead story, before any headline
            stories[-1].body.append(line)
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].kind != "B":
            end += 1
        run = lines[index:end]
        has_body = end < len(lines)
        before = run[:-1] if has_body else run
        for skipped in before:
            skipped.note = "dropped: a section label over the next headline"
        if len(run) >= 3:
            # A list of headlines with no text of their own (after an optional label).
            if _is_label(before[0]):
                before = before[1:]
            stories.extend(_Story(h.text, h, []) for h in before if h.kind == "H")
        if has_body:
            stories.append(_Story(run[-1].text.rstrip(":").rstrip(), run[-1], []))
        index = end
    with_body = [story.headline for story in stories if story.body and story.headline]
    _drop_contents_entries(stories, with_body)
    for story in stories:
        if (reason := _not_news(story)) is not None:
            for part in [story.head, *story.body]:
                if part is not None:
                    part.note = f"dropped: {reason}"
            story.body.clear()
            story.head = story.headline = None
    sections: list[Section] = []
    for story in stories:
        if not story.body and (
            story.headline is None or repeats_headline(story.headline, with_body)
        ):
            if story.head is not None:
                story.head.note = "dropped: a contents entry (the headline comes again with text)"
            continue
        number = len(sections) + 1
        if story.head is not None and story.body:
            story.body[0].text = strip_dateline(story.body[0].text)
        if story.head is not None:
            story.head.note = f"story {number}: headline"
        for line in story.body:
            line.note = f"story {number}: text"
        sections.append(Section(story.headline, tuple(line.text for line in story.body)))
    return sections


def _not_news(story: _Story) -> str | None:
    """Why a story is debris (an event, a vacancy, contact details, talk about the digest)."""
    if story.body:
        kept = []
        for line in story.body:
            short = line.text.count(" ") < _LISTING_WORDS
            if short and is_job_advert(None, line.text):
                line.note = "dropped: a job advert"
            elif short and has_contact(line.text):
                line.note = "dropped: contact details"
            else:
                kept.append(line)
        if not kept:
            return "job adverts and contact details"
        story.body[:] = kept
    body = _text(story.body)
    headline = story.headline
    listed = len(story.body) >= 2
    if (headline is not None and is_event(headline) and len(story.body) <= 1) or (
        story.body and all(is_event(line.text, in_list=listed) for line in story.body)
    ):
        return "an event listing (a date, a time, a place)"
    if is_job_advert(headline, body):
        return "a job advert"
    if headline is not None and not body and headline.count(" ") < 3:
        return "a section label with no stories under it"
    if headline is not None and has_contact(headline):
        return "contact details"
    if headline is not None and is_sponsor_marker(headline.split(" ", 1)[0]):
        return "a sponsored item"
    if headline is not None and not body and is_newsletter_talk(headline):
        return "talk about the digest itself"
    return None


def _text(lines: list[_Line]) -> str:
    return " ".join(line.text for line in lines)


def _drop_contents_entries(stories: list[_Story], headlines: list[str]) -> None:
    """List items of a story's text that name later headlines are a contents list."""
    for index, story in enumerate(stories):
        later = (
            headlines
            if story.headline is None
            else [s.headline for s in stories[index + 1 :] if s.headline and s.body]
        )
        if not later:
            continue
        kept = []
        for line in story.body:
            if line.text.count(" ") < 30 and repeats_headline(line.text, later):
                line.note = "dropped: a contents entry (the headline comes again with text)"
            else:
                kept.append(line)
        story.body[:] = kept
