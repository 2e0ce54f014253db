"""Split a digest into the stories a reader sees: what each line is, and how stories form.

The lines come from `lines` (a reader's blocks, or plain text by line shape). Digests
come in a few layouts, often mixed: a headline over paragraphs; a lead story with no headline
at the top; headline / one-line standfirst pairs; bold-lead items (cut by the template). The
rules read that layout from structure and shape, never from a particular newsletter's words:

- a headline is a short line that does not end like a sentence and is followed by body text
  (or a heading, or a wholly bold or linked line, where the reader saw one);
- two headline-like lines in a row: the first is a section label (kicker), not a story, unless
  the second is a short category label under a heading;
- the first lines may be a masthead, a date line, a greeting or an intro: the header;
- chrome, footers, sponsor blocks, contents lists, event listings, vacancies, contact lines
  and talk about the digest itself are dropped (`boilerplate`, `debris`).

With `explain=True` every line carries what became of it and why (`dex parse --explain`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from indexer.blocks import Block
from indexer.reading.digest_dates import (
    find_date,
    is_date_line,
    is_dated_masthead,
    is_dated_meta,
)
from indexer.reading.mail_marks import is_greeting, is_reply_subject, is_sign_off
from indexer.reading.textcodec import tidy
from indexer.records import Section
from indexer.stories.boilerplate import (
    holds_any,
    is_author_note,
    is_boilerplate,
    is_byline,
    is_footer_start,
    is_intro_talk,
    is_labelled_advert,
    is_message_heading,
    is_newsletter_talk,
    is_post_activity,
    is_postal_address,
    is_sponsor_marker,
    strip_forwarding,
    strip_read_more,
)
from indexer.stories.chat_lines import unfold_chat
from indexer.stories.debris import (
    Headlines,
    cutting_source,
    has_contact,
    is_dated_detail,
    is_dated_entry,
    is_dateline,
    is_event,
    is_event_notice,
    is_job_advert,
    is_offer,
    opens_with_event,
    strip_dateline,
    strip_item_label,
    strip_opening_label,
    trim_headline,
)
from indexer.stories.grids import unfold_column_tables, unfold_grid_tables
from indexer.stories.headline_parts import (
    strip_cutting_sources,
    strip_repeated_labels,
    strip_trailing_sources,
)
from indexer.stories.leads import split_leads
from indexer.stories.lines import (
    PROSE_WORDS,
    Line,
    block_groups,
    drop_running,
    logical_lines,
    spellings_of,
    text_groups,
)
from indexer.stories.lineshape import ends_mid_sentence, ends_sentence, headline_text
from indexer.stories.plausible import judging, unlikely_stories
from indexer.stories.unwrap import SOURCE_NOTE

_FOOTER_FROM = 0.4  # a footer marker this far into the text ends the digest
_INTRO_WORDS = 35
_TALK_WORDS = 20  # longer, a sentence must greet or describe the issue outright to be an intro
_MASTHEAD_LINES = 2  # a page's name and the issue's date under it
_HEADER_LINES = 6  # how far down a masthead, date line, greeting and intro may reach
_INTRO_WORDS_MAX = 45  # a paragraph this short before headlined stories introduces them
# "Contact:", or a heading that is only a contact label ("Contacts", "Get in touch").
_CONTACT_LABEL = re.compile(
    r"^(?:(?:contact|contacts|enquiries|get in touch)\b\s*:"
    r"|(?:key\ |useful\ |media\ |press\ )?(?:contacts?(?:\ us)?|enquiries|get\ in\ touch)\W*$)",
    re.I | re.X,
)
_ADVERT_TITLE_WORDS = 15  # an advert's title is shorter; its text is longer or a sentence
_ARTICLE_DATES = ("published", "updated", "posted")  # an article's date, not an issue's
_SELF_TALK = re.compile(
    r"\s+(?:is|are)\s+(?:supported|sponsored|powered|brought\s+to\s+you|written|produced|"
    r"published|compiled|edited|sent|free)\b"
)
_LABEL_WORDS = 2  # a category label under a headline is shorter ("Performance", "Mental health")
# Where the digest sets such labels under at least two headlines, its other labels may be longer
# (a source such as "Yorkshire Evening Post" under a press cutting's headline).
_TEMPLATE_LABEL_WORDS = 5
# "Most read yesterday", "Popular this week", "Trending": a list of other days' headlines.
_MOST_READ = re.compile(
    r"^(?:(?:the\ )?most\ (?:read|popular|viewed|shared|clicked)|popular|trending|top\ stories"
    r"|what\ (?:you|readers)\ (?:read|clicked)|more\ (?:articles|stories|posts)\ (?:by|from)"
    r"|related\ (?:articles|stories|posts|reading)|you\ (?:may|might)\ also\ (?:like|enjoy)"
    r"|read\ next|recommended\ (?:for\ you|reading|articles|stories)"
    r"|(?:previous|past|earlier)\ (?:issues|digests|editions|newsletters|bulletins))\b",
    re.I | re.X,
)
_ENTRY_WORDS = 25  # a contents entry is shorter than this
_LISTING_WORDS = 30  # a vacancy or event is listed in a line shorter than this
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“‘\"'])")


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


def _drop_short_intro(stories: list[_Story]) -> None:
    """One short paragraph with no headline before two or more headlined stories introduces
    the issue or the page ("Pay, staffing and training across the NHS"); a lead story without
    a headline is the issue's biggest story, longer than that."""
    if not stories or stories[0].headline is not None or len(stories[0].body) != 1:
        return
    intro = stories[0].body[0]
    headed = sum(1 for story in stories[1:] if story.headline and story.body)
    if headed >= 2 and intro.text.count(" ") < _INTRO_WORDS_MAX:
        intro.note = "dropped: an intro (one short paragraph before the headlined stories)"
        stories[0].body.clear()


_INTRO_PARAGRAPHS = 3  # an intro that opens by describing the issue, and a note or two
_INTRO_BEFORE = 3  # headlined stories after a short piece that says what the issue holds


_GREETED_INTRO_LINES = 4


def _drop_letter_intro(
    stories: list[_Story], contents_at: float | None, greeted: bool = False
) -> None:
    """A letter to the reader signed off before the stories ("Dear colleague, ... Best
    wishes,") introduces the issue when a contents list follows it or it says what the issue
    holds ("In this briefing ..."); so does a note of whom the issue is for ("To: GP
    practices", "Please share with ...") before a contents list, and a short piece that says
    what the issue holds ("Each month we read every report and summarise ...") before three
    or more headlined stories. A letter that tells news and no more (a chief executive's
    message, news in brief below) is the issue's lead story."""
    if not stories or stories[0].headline is not None or not stories[0].body:
        return
    body = stories[0].body
    listed = contents_at is not None and body[-1].order < contents_at
    letter = greeted or is_sign_off(body[-1].text) or body[-1].signed or is_greeting(body[0].text)
    # A greeting alone tells of the issue where the letter is short; a long one that only
    # greets ("Dear colleagues," over three paragraphs of news) is the lead story.
    told = any(
        _tells_of_issue(line.text)
        for line in body
        if not is_greeting(line.text) or len(body) <= _GREETED_INTRO_LINES
    )
    headed = sum(1 for story in stories[1:] if story.headline and story.body)
    short = len(body) <= _INTRO_PARAGRAPHS
    if (
        (letter and (listed or told))
        or (listed and is_intro_talk(body[0].text) and short)
        or (told and short and headed >= _INTRO_BEFORE)
    ):
        for line in body:
            line.note = "dropped: an introduction to the issue (before its contents list)"
        body.clear()


def _tells_of_issue(text: str) -> bool:
    return any(is_intro_talk(sentence) for sentence in _SENTENCE_END.split(text))


_TITLE_INTRO_LINES = 3


def _page_title(told: list[_Story]) -> bool:
    """The first story's heading is the page's title: its only level-1 heading, over stories
    headed at a lower level."""
    levels = [
        story.head.facts.level
        for story in told
        if story.head is not None
        and story.head.facts is not None
        and story.head.facts.kind == "heading"
    ]
    return bool(levels) and levels[0] == 1 and levels.count(1) == 1 and len(levels) >= 3


# "A message from Nadia", "Message from the Chief Executive".
_LEADERS_MESSAGE = re.compile(r"^(?:an?\s+)?(?:message|letter|note|update|word)s?\s+from\b", re.I)
_MESSAGE_PARAGRAPHS = 2
# "REAP UPDATE FROM OUR CHIEF EXECUTIVE", "A note from the Chair": a leader's piece's heading.
_LEADER_UPDATE = re.compile(
    r"\b(?:update|message|letter|note|blog|word)s?\s+from\s+(?:our|the|your)\s+(?:new\s+)?"
    r"(?:chief|chair|director|president|medical|clinical|interim|acting|lead)",
    re.I,
)


def _leaders_heading(text: str) -> bool:
    """The heading of a leader's piece: "A message from Nadia", "Update from our Chair"."""
    return _LEADERS_MESSAGE.match(text) is not None or _LEADER_UPDATE.search(text) is not None


def _drop_headed_intro(stories: list[_Story]) -> None:
    """The first piece with text, under a heading ("Foreword", "Message from our Chair"), that
    opens by welcoming the reader or describing the issue ("Welcome to the October issue"):
    the issue's introduction, not a story, when headlined stories follow it."""
    told = [story for story in stories if story.body]
    if len(told) < 3 or told[0].headline is None or told[0].head is None or told[0].head.posted:
        return  # ("Hi all - ..." opens a post to a list)
    # The talk may follow a sentence of small talk: "It has been a busy summer. This issue ..."
    opening = _SENTENCE_END.split(told[0].body[0].text, maxsplit=2)[:2]
    # Under a page's title (its one level-1 heading over level-2 stories) the talk may come
    # after a standfirst: "The spending review small print ..." / "Morning all. ..."
    openings = told[0].body[:_TITLE_INTRO_LINES] if _page_title(told) else told[0].body[:1]
    if _leaders_heading(told[0].headline) and len(told[0].body) >= _MESSAGE_PARAGRAPHS:
        # A leader's message of its own paragraphs tells news after its greeting ("Hello
        # everyone."): a story, unless it says what the issue holds.
        opening = [s for s in opening if not is_greeting(s.rstrip(".!"))]
        openings = openings[:1]
    talk = any(is_intro_talk(sentence) for sentence in opening) or any(
        is_intro_talk(_SENTENCE_END.split(line.text, maxsplit=1)[0]) for line in openings[1:]
    )
    if talk:
        for line in (told[0].head, *told[0].body):
            line.note = "dropped: an introduction to the issue (it welcomes the reader)"
        told[0].body.clear()
        told[0].head = told[0].headline = None


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
    read_out: list[Line] = []  # what the plain-text reading leaves out (quotes, signatures)
    if blocks is None:
        plain = unfold_chat(strip_forwarding(tidy(text)))
        groups = text_groups(unfold_column_tables(unfold_grid_tables(plain)), read_out)
    else:
        groups = block_groups(blocks)
    dropped = drop_running(groups)
    every = split_leads(logical_lines(groups, spellings_of(text)), dropped, read_out)
    lines = _drop_attendance(_drop_boilerplate(every))
    for line in lines:
        line.kind = _kind(line)
    _mark_lists(lines, sorted(line.order for line in dropped))
    _mark_alternation(lines)
    lines, contents_at = _drop_contents_lists(lines)
    header, rest = _take_header(lines)
    # The header ended with a greeting ("Hello Sarah,"): the text under it is a letter's.
    greeted = len(rest) < len(lines) and is_greeting(lines[len(lines) - len(rest) - 1].text)
    lines = _drop_self_talk(rest, header) if header else rest
    read = {id(line) for line in lines}  # (a detail still among them is found as they split)
    details = [
        line for line in (*read_out, *dropped, *every) if line.detail and id(line) not in read
    ]
    sections = tuple(_assemble(lines, contents_at, greeted, details))
    if not explain:
        return SplitResult(header, sections)
    every = sorted([*every, *dropped, *read_out], key=lambda line: line.order)
    return SplitResult(header, sections, tuple(_explained(line) for line in every))


_SHAPES = {"H": "headline-like", "B": "body", "L": "label"}


def _explained(line: Line) -> Explained:
    block: str = line.facts.kind if line.facts is not None else "line"
    if line.facts is not None and _heading(line):
        block = f"heading {line.facts.level}"
    shape = "-" if line.note.startswith("dropped") else _SHAPES.get(line.kind, line.kind)
    return Explained(line.block, block, shape, line.text, line.note or "kept")


# -- what each line is --------------------------------------------------------------------------


_ADVERT_WORDS = 80
# A report's back matter: "Appendix A: Policy register", "Annex 2", "References", "Glossary".
_BACK_MATTER = re.compile(
    r"^(?:appendix|annex)(?:\s+[A-Z0-9]{1,3}\b)?\s*(?:[:.–—-]|$)"
    r"|^(?:references|glossary|disclaimer|(?:end|foot)?notes|sources|legal\ notice|credits"
    r"|licen[cs]e|licensing|copyright|contributing|contributors|acknowledge?ments)$"
    r"|^about(?:\ us|\ the\ authors?|\ this\ (?:briefing|bulletin|newsletter|digest|report"
    r"|summary|publication|issue))?$",
    re.I | re.X,
)


_SIGNATURE_LINES = 4  # a name, a role, an organisation, a telephone number


def _caps_headline_over_text(lines: list[Line], at: int) -> bool:
    """A headline in capitals over a paragraph of text: plain text's next section."""
    text = lines[at].text
    below = lines[at + 1].text if at + 1 < len(lines) else ""
    return text.isupper() and headline_text(text) and below.count(" ") >= PROSE_WORDS


def _next_reply(lines: list[Line], start: int) -> int:
    """Where the next post of a digest of posts begins after a sign-off at `start` (its
    subject: "Re: ...", or one read from its headers), or where a page's next section begins
    after a letter's signature (a heading a few lines on: a leader's letter signed off in the
    middle of a newsletter), else the end."""
    for at in range(start + 1, len(lines)):
        line = lines[at]
        if line.posted or is_reply_subject(line.text):
            return at
        heading = line.facts is not None and line.facts.kind == "heading"
        if (heading or _caps_headline_over_text(lines, at)) and at - start <= _SIGNATURE_LINES + 1:
            return at
    return len(lines)


def _drop_boilerplate(lines: list[Line]) -> list[Line]:
    total = sum(len(line.text) + 1 for line in lines) or 1
    seen = 0
    kept: list[Line] = []
    advert = -1  # the block an advertisement label announced
    advert_text = False  # the advert's text (not only its title) has been dropped
    advert_title = False  # only the advert's title has been dropped, in a block of its own
    extended = False  # the advert already took the block after its title
    sizes: Counter[int] = Counter()  # words per block: an advert's text is short
    for line in lines:
        sizes[line.block] += line.text.count(" ") + 1
    label_block = -2  # the block of a dropped list label such as "Read more:"
    byline: str | None = None  # a byline just dropped, for the next kept line
    opening = False  # a feed's post line just dropped ("X posted in Y"): the next line opens one
    resume = 0  # after a post's sign-off, where the next post begins
    for index, line in enumerate(lines):
        position = seen / total
        seen += len(line.text) + 1
        opening = opening or line.opens  # (passed on when the line is dropped)
        byline = byline or line.byline  # (and so is a byline read above it)
        heading = _heading(line)
        if (
            advert_title
            and line.block == advert + 1
            and not heading
            and sizes[line.block] <= _ADVERT_WORDS
        ):
            advert += 1  # an advert's title stood alone: its text follows (one block more)
            advert_title, extended = False, True
        if line.block == advert:
            line.note = "dropped: in an advert block"
            if ends_sentence(line.text) or line.text.count(" ") >= _ADVERT_TITLE_WORDS:
                advert_text = True
            # Its title alone may stand over its text, one block on; never further.
            advert_title = not (advert_text or extended) and not is_sponsor_marker(line.text)
            continue
        text = strip_read_more(line.text)
        if not text:
            line.note = "dropped: a read-more link"
            continue
        if text[-1] in "↩\ufe0e" and text.rstrip("\ufe0e ").endswith("↩"):
            line.note = "dropped: a footnote (it links back to its marker)"
            continue
        if " " not in text and _WEB_ADDRESS.match(text) is not None:
            line.note = "dropped: a web address on a line of its own"
            continue
        if (
            ("•" in text or "·" in text or "|" in text)
            and _is_topic_list(text)
            and not is_dated_masthead(text)  # "Council Public Health Team | Bulletin 5 | 4 March"
            and not has_contact(text)
            and not is_job_advert(None, text)  # "Trust · £58,000–£64,000 · Closes 28 March"
            and not _dated_fields(text)  # "Monday 13 March | Question for Short Debate | 1 hour"
        ):
            line.note = "dropped: a contents line (topics split by bullets or bars)"
            continue
        if is_labelled_advert(text):
            line.note = "dropped: an advert (its label opens it)"
            continue
        if is_sponsor_marker(text):
            line.note = "dropped: a sponsor or advert label"
            # The advert is the rest of the label's block, or the next block if it stands alone.
            nxt = lines[index + 1] if index + 1 < len(lines) else None
            advert = line.block if nxt is not None and nxt.block == line.block else line.block + 1
            advert_text = advert_title = extended = False
            if advert != line.block and text.count(" ") >= _ADVERT_TITLE_WORDS:
                advert = -1  # "This week's issue is supported by X. ..." holds its own advert
            continue
        if is_footer_start(text) or is_postal_address(text):
            line.note = "dropped: a footer line"
            if position >= _FOOTER_FROM:
                _drop_footer_lead_in(kept, line.block)
                _note_rest(lines[index + 1 :], "dropped: after the footer began")
                break
            continue
        if position >= _FOOTER_FROM and len(text) < 80 and _BACK_MATTER.match(text):
            line.note = "dropped: back matter (an appendix, references)"
            _note_rest(lines[index + 1 :], "dropped: in the back matter")
            break
        if index < resume:
            line.note = "dropped: the sender's signature"
            continue
        if is_sign_off(text) and position >= _FOOTER_FROM:
            line.note = "dropped: a sign-off"
            resume = _next_reply(lines, index)  # a digest of posts goes on after one's sign-off
            if resume < len(lines):
                continue
            _note_rest(lines[index + 1 :], "dropped: the sender's signature")
            break
        if len(kept) >= _HEADER_LINES and is_dated_meta(text):
            # Below the masthead (where "Name | date" names the issue): a story's metadata.
            line.note = "dropped: a story's place and date"
            line.detail = True
            continue
        if (is_byline(text) or is_author_note(text)) and not _message_heading(lines, index):
            nxt = lines[index + 1] if index + 1 < len(lines) else None
            if _signs(kept[-1] if kept else None, line, nxt):
                line.note = "dropped: a signature under the text"
                kept[-1].signed = True
                continue
            line.note = "dropped: a byline (kept as the story's byline)"
            byline = text
            opening = opening or is_post_activity(text)
            continue
        if (
            is_boilerplate(text)
            and not _dated_fields(text)  # (a story's details: kept)
            and not _message_heading(lines, index)
        ):
            line.note = "dropped: mail or web chrome"
            if _dates_the_headline(lines, index, kept):
                line.detail = True  # "7 March 2024" under a card's headline: when it was news
            if (
                len(kept) <= _MASTHEAD_LINES
                and index
                and lines[index - 1] is (kept[-1] if kept else None)
                and kept[-1].block == line.block
                and not text.lower().startswith(_ARTICLE_DATES)
                and (is_date_line(text) or is_dated_masthead(text))
            ):
                kept[-1].masthead = True  # a name right over the issue's date: a masthead
            if text.endswith(":"):
                label_block = line.block
            continue
        if line.bulleted and line.block - label_block in (0, 1):
            line.listed = True
            label_block = line.block
        else:
            label_block = -2
        line.text = text
        if byline is not None and line.byline is None:
            line.byline = byline
        byline = None
        line.opens, opening = opening, False
        kept.append(line)
    return kept


def _dates_the_headline(lines: list[Line], index: int, kept: list[Line]) -> bool:
    """A date on a line of its own right under a headline the page set as a heading, over
    the story's text: the story's date, kept with it as a detail."""
    above = kept[-1] if kept else None
    if above is None or lines[index - 1] is not above or index + 1 >= len(lines):
        return False
    if not _heading(above):
        return False
    return is_date_line(lines[index].text) and not is_date_line(lines[index + 1].text)


def _note_rest(lines: list[Line], note: str) -> None:
    for line in lines:
        line.note = note


def _drop_footer_lead_in(kept: list[Line], block: int) -> None:
    """A line running on into a footer marker in its block ("X is published by Y Ltd,")."""
    last = kept[-1] if kept else None
    if last is None or last.block != block or ends_sentence(last.text):
        return
    if last.text.count(" ") < 25:  # a paragraph of news is longer
        kept.pop().note = "dropped: runs on into the footer"


def _message_heading(lines: list[Line], index: int) -> bool:
    """ "A message from Nadia" alone over its paragraphs, under no headline: the heading of a
    leader's message (under a headline, it is the story's byline)."""
    line = lines[index]
    if not is_message_heading(line.text) or index + 1 >= len(lines):
        return False
    before = lines[index - 1] if index else None
    if before is not None and (before.block == line.block or _heading(before)):
        return False
    # (over its text with no blank line between, as Outlook pastes it, it heads the text too)
    after = lines[index + 1]
    return after.block != line.block or after.text.count(" ") >= PROSE_WORDS


def _heading(line: Line) -> bool:
    """A line the reader found set as a heading (<h2>, "## ")."""
    return line.facts is not None and line.facts.kind == "heading"


def _signs(last: Line | None, line: Line, nxt: Line | None) -> bool:
    """A name and role after finished text signs it (a byline comes before its story's text):
    at the end of the text's block, or on its own before a heading or the end."""
    if last is None or not ends_sentence(last.text):
        return False
    if nxt is None:
        return True
    # Under its text in one block, or on its own before the next heading.
    return nxt.block != line.block and (last.block == line.block or _heading(nxt))


def _kind(line: Line) -> str:
    if line.forced is not None:
        return line.forced
    text = line.text
    if line.listed:
        return "B"
    if text.endswith(":") and text.count(" ") < 12:
        return "L"
    if text[:1] == "[" and text[-1:] == "]" and text.count(" ") < _TAG_WORDS:
        return "L"  # "[Workforce]" over a headline: its category
    if _heading(line) and text[:1].islower():
        text = text[:1].upper() + text[1:]  # "encompass reaches the final trust": a brand
    if headline_text(text, line.hinted):
        return "H"
    # "Gloucestershire Live, 7 August 2023 – Patients wait up to 30 hours in A&E as hospital
    # \"full to bursting\"": a press cutting's headline after its source
    at = cutting_source(text) if "," in text[:60] else 0
    return "H" if at and headline_text(text[at:], line.hinted) else "B"


def _mark_lists(lines: list[Line], gone: list[float]) -> None:
    """A sentence ending in a colon introduces a list: its items are body text, not headlines.
    `gone`: the reading order of lines dropped before (sorted)."""
    for index, line in enumerate(lines):
        # A label, or a long sentence ending in a colon ("... four new reps joined in March:").
        if line.kind != "L" and not (line.kind == "B" and line.text.endswith(":")):
            continue
        prev = lines[index - 1] if index else None
        in_paragraph = prev is not None and prev.block == line.block and prev.kind == "B"
        short = line.text.count(" ") < 6
        if not in_paragraph and short and not ends_mid_sentence(line.text[:-1]):
            continue  # "Also in the news:" is a label; "Practices are asked to:" runs on
        line.kind = "B"
        follow = index + 1
        if follow < len(lines) and bisect_left(gone, line.order) < bisect_left(
            gone, lines[follow].order
        ):
            continue  # what it introduced was dropped (lines repeated through the digest)
        item_block = lines[follow].block if follow < len(lines) else -1
        same_block = item_block == line.block
        items = []
        for item in lines[follow:]:
            if item.block != item_block:
                break
            items.append(item)
        short_items = all(x.bulleted or (x.text.count(" ") < 8 and not x.hinted) for x in items)
        if (same_block or (items and short_items)) and not _headed_items(items):
            for item in items:
                item.kind = "B"


def _headed_items(items: list[Line]) -> bool:
    """List items that each open with a bold paragraph over paragraphs of their own
    ("Three things this week:" then "1. **Headline** / text"): stories, not the intro's list."""
    heads = 0
    for item, nxt in itertools.pairwise(items):
        facts, after = item.facts, nxt.facts
        if facts is None or after is None or not facts.strong or facts.kind != "item":
            continue
        if after.strong or after.number != facts.number or after.level != facts.level:
            return False
        heads += 1
    return heads >= 2


def _mark_alternation(lines: list[Line]) -> None:
    """In a block of headline / standfirst pairs, every second line is a standfirst."""
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].block == lines[start].block:
            end += 1
        if end - start >= 4:  # fewer lines cannot alternate
            _mark_standfirsts(lines[start:end])
        start = end


def _mark_standfirsts(block: list[Line]) -> None:
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


def _plain_masthead(line: Line) -> bool:
    """A plain line over the issue's date (not a list item's or a heading's: a dated story)."""
    return line.masthead and (line.facts is None or line.facts.kind in ("line", "paragraph"))


def _take_header(lines: list[Line]) -> tuple[str | None, list[Line]]:
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
            talks[index] = (
                words < _INTRO_WORDS
                and (is_newsletter_talk(text) if words < _TALK_WORDS else is_intro_talk(text))
                and SOURCE_NOTE.match(text) is None  # "(from the LMC weekly update, 7 October)"
            )
        return talks[index]

    for index, line in enumerate(lines[:_HEADER_LINES]):
        if line.posted and index:
            break  # a posted message's subject: the stories have begun
        if (
            index
            and headline_text(line.text)
            and (is_message_heading(line.text) or _LEADER_UPDATE.search(line.text) is not None)
        ):
            break  # "A message from Nadia": a piece with a heading (see _drop_headed_intro)
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        pair = (
            line.kind == "H"
            and not _plain_masthead(line)  # a name over the issue's date heads no story
            and nxt is not None
            and nxt.block == line.block
            and nxt.kind == "B"
            and not newsletter_talk(index + 1)
        )
        talk = (
            newsletter_talk(index)
            or is_dated_masthead(line.text)
            or is_dated_meta(line.text)
            or line.masthead
            or _issue_fields(line.text)
        )
        # The rest of the masthead's block ("For partners in the Board"), set apart from
        # the text below it by a blank line, belongs to the masthead.
        rest_of_masthead = (
            cut == index > 0
            and (lines[index - 1].masthead or is_dated_masthead(lines[index - 1].text))
            and lines[index - 1].block == line.block
            and (nxt is None or nxt.block != line.block)
        )
        if (talk and not pair) or rest_of_masthead:  # a headline over its standfirst is news
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


_ISSUE_FIELD_WORDS = 12


def _issue_fields(text: str) -> bool:
    """An issue's line of fields split by bars, one of them dated ("Severnside Community
    Health NHS Trust | Week ending Friday 7 June 2019 | Prepared by Jo Taverner")."""
    if " | " not in text:
        return False
    fields = _short_fields(text, _FIELD_BAR, _ISSUE_FIELD_WORDS)
    return len(fields) >= 2 and any(find_date(field) is not None for field in fields)


def _drop_self_talk(lines: list[Line], name: str) -> list[Line]:
    """Sentences whose subject is the digest itself ("Morning Dose is supported by X", "...is
    written by the policy team"), where the digest's name is its masthead: not news."""
    name = name.strip().lower()
    if not 1 <= name.count(" ") < 6:
        return lines
    kept = []
    for line in lines:
        text = line.text.lower()
        if text.startswith(name) and _SELF_TALK.match(text[len(name) :]) is not None:
            line.note = "dropped: talk about the digest itself"
        else:
            kept.append(line)
    return kept


def _drop_contents_lists(lines: list[Line]) -> tuple[list[Line], float | None]:
    """A block of three or more short entries, most of which come back later as headlines,
    is a contents list: all of it goes (its other entries point at a lead story with no
    headline, or tease what is inside). Returns the lines kept and where the first list
    was (its reading order), if there was one."""
    blocks: dict[int, list[Line]] = {}
    for line in lines:
        blocks.setdefault(line.block, []).append(line)
    dropped: set[int] = set()
    headlines = Headlines((line.text, line.block) for line in lines if line.kind == "H")
    for number, members in blocks.items():
        if len(members) < 3 or any(m.text.count(" ") >= _ENTRY_WORDS for m in members):
            continue
        repeated = sum(headlines.named_by(m.text, after=number) for m in members)
        if repeated and repeated * 2 >= len(members):
            dropped.add(number)
            for member in members:
                member.note = "dropped: a contents list (its entries come again as headlines)"
            label = blocks.get(number - 1)
            if label and len(label) == 1 and _CONTENTS_LABEL.match(label[0].text) is not None:
                dropped.add(number - 1)  # "Contents", "In this issue" over the list
                label[0].note = "dropped: the contents list's label"
    first = next((line.order for line in lines if line.block in dropped), None)
    return [line for line in lines if line.block not in dropped], first


_WEB_ADDRESS = re.compile(
    r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?$", re.I
)
_CONTENTS_LABEL = re.compile(
    r"^(?:(?:table\s+of\s+)?contents|in\s+this\s+(?:issue|edition|bulletin|newsletter|"
    r"briefing|update|e-?mail)|(?:what'?s\s+)?inside(?:\s+this\s+(?:issue|edition))?"
    r"|this\s+(?:week|issue)|also\s+in\s+this\s+issue|highlights|at\s+a\s+glance)\s*[:.]?$",
    re.I,
)


# -- stories ------------------------------------------------------------------------------------


def _most_read(line: Line) -> bool:
    """ "Most read", "More articles by ...", "Related stories": a list of other headlines."""
    return _is_label(line) and _MOST_READ.match(line.text) is not None


def _is_label(line: Line) -> bool:
    text = line.text
    return line.kind == "L" or text.count(" ") < 5 or text.isupper() or is_newsletter_talk(text)


@dataclass(slots=True)
class _Story:
    headline: str | None
    head: Line | None
    body: list[Line]


def _assemble(
    lines: list[Line],
    contents_at: float | None = None,
    greeted: bool = False,
    aside: list[Line] | None = None,
) -> list[Section]:
    """The stories of the digest's lines; `aside`: lines taken out before as a story's
    details (fields under a headline), given back to the story they sit in."""
    stories: list[_Story] = []
    label_words = _TEMPLATE_LABEL_WORDS if _labels_repeat(lines) else _LABEL_WORDS
    # A line under a headline that says where the story came from, who moved it or when.
    details = [*(_SOURCE_DETAIL if _sources_repeat(lines) else ()), *_PLAIN_DETAILS]
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.kind == "B":
            if not stories or (line.opens and stories[-1].body):
                stories.append(_Story(None, None, []))  # the lead story, or a post's, unheaded
            stories[-1].body.append(line)
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].kind != "B":
            end += 1
        run = lines[index:end]
        has_body = end < len(lines)
        if has_body and len(run) >= 2 and _dek(run[-2], run[-1]):
            # "### Headline" over "*Preprint, medRxiv, 14 June 2024. Not peer reviewed.*"
            if find_date(run[-1].text) is not None:
                run[-1].note = "dropped: details under the headline (a source, a date)"
                run[-1].detail = True
            else:
                run[-1].kind = "B"
                end -= 1
            run = run[:-1]
        for under, what in details:
            if has_body and len(run) >= 2 and under(run[-2], run[-1]):
                run[-1].note = f"dropped: details under the headline ({what})"
                run[-1].detail = True
                run = run[:-1]
        if has_body and len(run) >= 2 and run[-1].kind == "L" and run[-2].kind == "H":
            run[-1].note = "dropped: a label over the story's text (under its headline)"
            run = run[:-1]  # "[D1] Vaccination as a Condition ..." / "Summary:" / its text
        if has_body and (label := _label_under_headline(run, label_words)) is not None:
            run = run[:label]  # "<h2>Headline</h2> <p>Performance</p>": the heading leads
        elif (
            has_body
            and len(run) >= 2
            and _is_details(run[-1].text)
            and not _is_details(run[-2].text)
        ):
            run[-1].note = "dropped: details under the headline (fields split by |)"
            run[-1].detail = True
            run = run[:-1]  # "Category: Workforce | Ref: NW/18/09" under its headline
        before = run[:-1] if has_body else run
        for skipped in before:
            skipped.note = "dropped: a section label over the next headline"
        popular = next((at for at, line in enumerate(before) if _most_read(line)), len(run))
        if len(run) - popular >= 3:  # the list's label and two headlines at least
            for skipped in before[popular + 1 :]:
                skipped.note = "dropped: a most-read list (headlines of other days)"
            before = before[:popular]
        elif len(run) >= 3 and _is_label(before[0]) and _JOBS.match(before[0].text):
            for skipped in before[1:]:  # "PULSE JOBS" / "Practice Manager, ... - £42,000"
                skipped.note = f"dropped: {_JOB_ADVERT}"
            before = []
        if len(run) >= 3:
            # A list of headlines with no text of their own (after an optional label).
            if before and _is_label(before[0]):
                before = before[1:]
            stories.extend(_Story(h.text, h, []) for h in before if h.kind == "H")
        if has_body:
            headline = trim_headline(strip_item_label(run[-1].text.rstrip(":").rstrip()), _dated)
            stories.append(_Story(headline, run[-1], []))
        index = end
    _merge_subheadings(stories)
    sources = [*strip_cutting_sources(stories), *strip_trailing_sources(stories)]
    strip_repeated_labels(stories)
    _drop_contents_entries(stories)
    _drop_field_runs(stories)
    with_body = Headlines((s.headline, 0) for s in stories if s.body and s.headline)
    reasons: list[str | None] = []
    listing: str | None = None  # why the story before was a listing (a vacancy, an event)
    for story in stories:
        reasons.append(reason := _not_news(story) or _like_the_listing(story, listing))
        listing = reason if reason in _LISTINGS else None
    for number in range(len(stories) - 2, -1, -1):  # the first of a list of vacancies
        listed = reasons[number] is None and reasons[number + 1] in _LISTINGS
        if listed and _same_list(stories[number], stories[number + 1]):
            reasons[number] = _like_the_listing(stories[number], _JOB_ADVERT)
    for number, (story, reason) in enumerate(zip(stories, reasons, strict=True)):
        if reason is None:
            continue
        # A label's line is its own: the bodiless story above it is no title of it.
        title = stories[number - 1] if number and reason not in (_POINTER, _EMPTY_LABEL) else None
        labelled = story.headline is not None and _JOBS.match(story.headline) is not None
        if title is not None and title.head is not None and not title.body and not labelled:
            parts = [title.head]  # the listing's title, on a line of its own above it
            title.head = title.headline = None
        else:
            parts = []
        for part in [*parts, story.head, *story.body]:
            if part is not None:
                part.note = f"dropped: {reason}"
        story.body.clear()
        story.head = story.headline = None
    _drop_short_intro(stories)
    _drop_letter_intro(stories, contents_at, greeted)
    _drop_headed_intro(stories)
    kept: list[tuple[_Story, Section]] = []
    bodies = any(story.body for story in stories)
    for story in stories:
        if not story.body and (story.headline is None or with_body.named_by(story.headline)):
            if story.head is not None:
                story.head.note = "dropped: a contents entry (the headline comes again with text)"
            continue
        if bodies and not kept and not story.body and story.head is not None:
            story.head.note = "dropped: a title line above the first story"
            continue
        head = story.head
        if not story.body and head is not None and head.facts is not None and not head.facts.linked:
            head.note = "dropped: a headline with no text that links nowhere"
            continue
        if story.head is not None and len(story.body) > 1 and is_dateline(story.body[0].text):
            story.body[0].note = "dropped: a dateline"
            story.body.pop(0)
        elif story.head is not None and len(story.body) > 1 and _noted(story.body[0].text):
            story.body[0].note = "dropped: details under the headline (its source or update)"
            story.body[0].detail = True  # "Updated 11 June: walk-in dates added."
            story.body.pop(0)
        elif story.head is not None and len(story.body) > 1 and _field_row(story.body[0].text):
            story.body[0].note = "dropped: details under the headline (fields split by |)"
            story.body[0].detail = True  # "Written question 104552 | Asked by Rachel Hurst MP"
            story.body.pop(0)
        if story.head is not None and len(story.body) > 1 and _greeting_alone(story.body[0]):
            story.body[0].note = "dropped: a greeting over the story's text"
            story.body.pop(0)  # "Message from Dr Helena Marsh" / "Dear colleagues," / text
        if story.head is not None and story.body:
            story.body[0].text = strip_opening_label(strip_dateline(story.body[0].text))
        byline = next(
            (line.byline for line in [story.head, *story.body[:1]] if line and line.byline), None
        )
        section = Section(story.headline, tuple(line.text for line in story.body), byline)
        kept.append((story, section))
    details = [*(aside or ()), *sources, *(line for line in lines if line.detail)]
    kept = _with_details(kept, details, lines)
    unlikely = unlikely_stories([section for _, section in kept]) if judging() else {}
    # A post of a digest of messages is a story by its own headers, whatever its words.
    unlikely = {at: why for at, why in unlikely.items() if not _posted(kept[at][0])}
    sections: list[Section] = []
    for at, (story, section) in enumerate(kept):
        if (reason := unlikely.get(at)) is not None:
            # Doubted, but never lost: its lines close the story above, still searchable.
            above = sections[-1]
            joined = (section.headline,) if section.headline is not None else ()
            sections[-1] = replace(
                above,
                paragraphs=(*above.paragraphs, *joined, *section.paragraphs),
                details=(*above.details, *section.details),
            )
            note = f"story {len(sections)}: text (joined: not like a story, {reason})"
        else:
            sections.append(section)
            note = f"story {len(sections)}: text"
            if story.head is not None:
                story.head.note = f"story {len(sections)}: headline"
        for line in story.body if reason is None else [story.head, *story.body]:
            if line is not None:
                line.note = note
    return sections


def _posted(story: _Story) -> bool:
    return story.head is not None and story.head.posted


def _with_details(
    kept: list[tuple[_Story, Section]], details: list[Line], lines: list[Line]
) -> list[tuple[_Story, Section]]:
    """Each story with the details that sit between its headline (or first line) and the next
    line of the digest after its text ("Deceased: ... | Coroner: ...", "Tuesday 20 October",
    "Closing date: 17 March | Ref: ICB/22/14"): kept as the story's metadata, searchable,
    never lost."""
    if not details:
        return kept
    details = sorted(details, key=lambda line: line.order)
    text_lines = sorted((line for line in lines if not line.detail), key=lambda line: line.order)
    others = [line.order for line in text_lines]
    # A card's line of metadata over its headline ("News · 12 Nov 2021" / "<h2>..."), in a
    # part of the page of its own: the headline's, not the story's above it (a table row's
    # fields, in the row's own part, stay with the row).
    heads = {story.head.order: story for story, _ in kept if story.head is not None}
    above: dict[int, list[Line]] = {}
    for line in details:
        if line.facts is None or line.facts.kind != "details":
            continue
        at = bisect_right(others, line.order)
        before = text_lines[at - 1].facts if at else None
        if before is not None and before.group == line.facts.group:
            continue
        if at < len(others) and (story := heads.get(others[at])) is not None:
            above.setdefault(id(story), []).append(line)
    claimed = {id(line) for lines_above in above.values() for line in lines_above}
    details = [line for line in details if id(line) not in claimed]
    orders = [line.order for line in details]
    out = []
    for story, section in kept:
        if not story.body:
            out.append((story, section))
            continue
        start = (story.head or story.body[0]).order
        after = bisect_right(others, story.body[-1].order)
        end = others[after] if after < len(others) else float("inf")
        mine = [
            *above.get(id(story), ()),
            *details[bisect_right(orders, start) : bisect_left(orders, end)],
        ]
        byline = section.byline
        texts: list[str] = []
        for line in mine:
            if byline is None and _AUTHORSHIP.match(line.text) is not None:
                byline = line.text  # "Posted by: Margaret Dunne": who wrote it, a byline
                line.note = "kept as the story's byline"
                continue
            line.note = "kept as the story's details: " + line.note.removeprefix("dropped: ")
            texts.append(line.text)
        out.append((story, replace(section, byline=byline, details=tuple(dict.fromkeys(texts)))))
    return out


# Who wrote a piece, as a field: "Posted by: ...", "Author: ...".
_AUTHORSHIP = re.compile(r"^(?:(?:posted|written|submitted|shared)\s+by|authors?)\s*:", re.I)


# "Clinical lead: Dr Imran Siddiqui": a role of a few words, a colon and a name or an address.
_FIELD_HEADLINE = re.compile(r"^[A-Z][a-z'’&/-]*(?: [a-z'’&/-]+){0,3}:\s+(?:[A-Z]|\d{3}|\S+@)")


def _drop_field_runs(stories: list[_Story]) -> None:
    """Two or more labelled lines in a row with no text under them ("Network manager: Louise
    Hartley", "Clinical lead: Dr Imran Siddiqui") are a list of contacts or details."""
    fields = [
        not story.body
        and story.headline is not None
        and _FIELD_HEADLINE.match(story.headline) is not None
        for story in stories
    ]
    for at, story in enumerate(stories):
        beside = (at > 0 and fields[at - 1]) or (at + 1 < len(fields) and fields[at + 1])
        if fields[at] and beside:
            if story.head is not None:
                story.head.note = "dropped: a list of labelled details (contacts, roles)"
            story.head = story.headline = None


# What a story's own subheadings say: "Why this matters", "What this means for partners",
# "What carers told us", "How I worked that out", "Background", "Next steps".
_SUBHEAD = re.compile(
    r"^(?:(?:why|what|how)\b(?!.*\?$)|background\b|context\b|next\ steps\b|key\ (?:points|facts"
    r"|findings)\b|in\ numbers\b|the\ detail\b|reaction\b|our\ view\b"
    r"|(?:the\ )?(?:report|review|survey|inquiry)(?:['’]s)?\ (?:findings|recommendations)\W*$"
    r"|(?:the\ )?[\w-]+['’]s\ (?:comment|response|view)\W*$)",
    re.I | re.X,
)
_SUBHEAD_WORDS = 7


def _subhead(before: _Story, story: _Story) -> bool:
    """A heading one level or more below the one over the story before, straight after that
    story's text, that reads as a part of it ("Why this matters"): a subheading."""
    above, head = before.head, story.head
    if above is None or head is None or above.facts is None or head.facts is None:
        return False
    if above.facts.kind != "heading" or head.facts.kind != "heading" or not before.body:
        return False
    text = story.headline or ""
    return (
        head.facts.level > above.facts.level
        and text.count(" ") < _SUBHEAD_WORDS
        and _SUBHEAD.match(text) is not None
    )


def _merge_subheadings(stories: list[_Story]) -> None:
    """Headings every story repeats ("What happened", "What we found") are subheadings inside
    each story, not stories: no two stories share a headline; so is a lower heading that reads
    as a part of the story above it. Each joins the story before."""
    counts = Counter(s.headline.casefold() for s in stories if s.headline and s.body)
    repeated = {headline for headline, count in counts.items() if count >= 2}
    kept: list[_Story] = []
    for story in stories:
        sub = story.headline is not None and story.headline.casefold() in repeated
        sub = sub or (bool(kept) and _subhead(kept[-1], story))
        if sub and kept and kept[-1].body and story.head is not None and story.head.forced is None:
            kept[-1].body.extend([story.head, *story.body])  # the subheading is a line of text
            continue
        kept.append(story)
    stories[:] = kept


_JOB_ADVERT = "a job advert"
# A section of vacancies under its label: "JOBS", "Situations vacant", "Jobs board".
_JOBS = re.compile(  # (after a brand's name or two: "PULSE JOBS")
    r"^(?-i:(?:[A-Z][\w&'’-]*\ ){0,2})(?:(?:latest\ |current\ )?(?:jobs?|vacancies)"
    r"(?:\ board|\ and\ vacancies)?"
    r"|situations\ vacant|job\ (?:opportunities|adverts?)|we['’]re\ (?:hiring|recruiting))\W*$",
    re.I | re.X,
)
_CONTACTS = "job adverts and contact details"
_LISTINGS = (_JOB_ADVERT, _CONTACTS)
_LISTING_HEAD_WORDS = 8
_LISTING_TEXT_WORDS = 15


def _like_the_listing(story: _Story, listing: str | None) -> str | None:
    """A short headline over a line or two of details, right after a vacancy, is the next
    vacancy of the list ("GP partner (8 sessions)" / "Eaglescliffe Medical Practice. ...")."""
    if listing is None or story.headline is None:
        return None
    if not story.body:  # "Your liaison manager: see our website" after the contacts
        return listing if listing == _CONTACTS and ": " in story.headline else None
    if story.headline.count(" ") >= _LISTING_HEAD_WORDS:
        return None
    if _text(story.body).count(" ") >= _LISTING_TEXT_WORDS:
        return None
    return _JOB_ADVERT


def _same_list(story: _Story, nxt: _Story) -> bool:
    """Two stories read from items of one list."""
    head, after = story.head, nxt.head
    return (
        head is not None
        and after is not None
        and _item(head)
        and _item(after)
        and head.block == after.block
    )


def _item(line: Line) -> bool:
    return line.bulleted or (line.facts is not None and line.facts.kind == "item")


def _dated(text: str) -> bool:
    return is_date_line(text) or is_dated_meta(text) or is_event(text)


def _labels_repeat(lines: list[Line]) -> bool:
    """Whether at least two structural headlines carry a short plain label over their text:
    the digest's template, by which a longer label elsewhere is a label too."""
    found = 0
    for head, label, text in zip(lines, lines[1:], lines[2:], strict=False):
        if (
            head.kind == "H"
            and _structural_line(head)
            and label.kind != "B"
            and _is_plain_label(label, _LABEL_WORDS)
            and text.kind == "B"
        ):
            found += 1
            if found >= 2:
                return True
    return False


_SOURCE_WORDS = 4  # a publication's name under a headline is this short
_SOURCE_HEADLINE_WORDS = 5  # and the headline over it longer than this
_MINOR_WORDS = frozenset(["of", "the", "and", "for", "in", "on", "&"])


def _source_under(head: Line, line: Line) -> bool:
    """A publication's name in title case under a longer headline, in plain lines."""
    words = line.text.split()
    return (
        (line.facts is None or not _structural(line.facts))
        and head.kind == "H"
        and 1 < len(words) <= _SOURCE_WORDS
        and head.text.count(" ") >= _SOURCE_HEADLINE_WORDS
        and not head.text.isupper()
        and not line.text.isupper()
        and all(
            word[:1].isupper() or word in _MINOR_WORDS or _SOURCE_WORD.match(word) is not None
            for word in words
        )
        and not ends_sentence(line.text)
        and not is_date_line(line.text)
    )


# What a source line holds besides the name: "The Times, p.2", "BBC News online", "2 June".
_SOURCE_WORD = re.compile(r"^(?:pp?\.\s?\d{1,3},?|online|\(online\),?|print|\d{1,4},?)$")


def _sources_repeat(lines: list[Line]) -> bool:
    """Whether three or more headlines carry a source's name over their text (a press
    cuttings service, a news alert): the digest's template."""
    found = 0
    for head, source, text in zip(lines, lines[1:], lines[2:], strict=False):
        if source.kind != "B" and text.kind == "B" and _source_under(head, source):
            found += 1
            if found >= 3:
                return True
    return False


def _is_plain_label(line: Line, words: int) -> bool:
    """A short plain line (not a heading, not bold: a short bold line is a headline)."""
    facts = line.facts
    return (
        facts is not None
        and line.forced is None  # a bold lead the template cut off is a headline
        and facts.kind != "heading"
        and not facts.strong
        and line.text.count(" ") < words
        and not is_date_line(line.text)
        and not is_event(line.text)
    )


_TOPIC_MARK = re.compile(r"\s+[•·|]\s+")
_FIELD_BAR = re.compile(r"\s+\|\s+")
_ASIDE = re.compile(r"\s*\([^()|]*\)")
_FIELD_WORDS = 6
_DETAIL_WORDS = 8  # a field under a headline may name a body at length


def _short_fields(text: str, separator: re.Pattern[str], words: int = _FIELD_WORDS) -> list[str]:
    """The parts of a line split by `separator`, if every one is a few words; else none."""
    fields = separator.split(text.strip())
    return fields if all(0 < f.count(" ") + 1 <= words for f in fields) else []


def _is_topic_list(text: str) -> bool:
    """'Pathology ballot result • Pay review delay • Network meetings': the topics of an issue
    on one line, three or more, none a sentence."""
    topics = _short_fields(text, _TOPIC_MARK)
    return len(topics) >= 3 and not any(ends_sentence(topic) for topic in topics)


def _is_details(text: str) -> bool:
    """A line of short fields split by bars ("The Herald, p.1 | by Karen Burnside",
    "Category: Workforce | Ref: NW/18/09"): a story's details, not a headline."""
    # "Asked by A Name (Party, Seat)"; "Report | Centre for Elective Care Research, University
    # of Harrowgate"
    fields = _short_fields(_ASIDE.sub("", text), _FIELD_BAR, _DETAIL_WORDS)
    return (len(fields) >= 2 or _dated_fields(text)) and not has_contact(text)


# "Updated 11 June: walk-in dates added.", "Last updated on 3 May 2024 - new figures".
_UPDATE_NOTE = re.compile(
    r"^(?:last\s+)?(?:updated|amended|edited)\b([^:–—]{3,30}?)(?::|\s[–—-])\s", re.I
)
_UPDATE_NOTE_WORDS = 15
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}|\b{_MONTHS}\s+\d{{1,2}}\b")


def _noted(text: str) -> bool:
    """A note of where the story came from, or of when and how it was updated, over its text:
    its details."""
    if text[:1] == "(":
        return SOURCE_NOTE.match(text) is not None
    match = _UPDATE_NOTE.match(text)
    return (
        match is not None
        and text.count(" ") < _UPDATE_NOTE_WORDS
        and (_DAY_MONTH.search(match.group(1)) or find_date(match.group(1))) is not None
    )


_DATED_FIELD_WORDS = 10
_ROW_FIELDS = 3
_ROW_FIELD_WORDS = 12


def _field_row(text: str) -> bool:
    """A story's first line that is fields split by bars: short ones, or three or more up to a
    dozen words each ("Written question 104552 | Asked by Rachel Hurst MP (Labour, ...) |
    Answered 20 October 2020 by Lucy Brennan MP, Minister for Care")."""
    if _is_details(text):
        return True
    fields = _short_fields(_ASIDE.sub("", text), _FIELD_BAR, _ROW_FIELD_WORDS)
    return len(fields) >= _ROW_FIELDS and not any(field.endswith(".") for field in fields)


def _dated_fields(text: str) -> bool:
    """A date and what happened then, split by bars ("Thursday 16 March | Debate on a motion to
    take note | 3 hours"): when and how a sitting or an item took place."""
    if "|" not in text:
        return False
    first, *rest = _FIELD_BAR.split(text.strip())
    return (
        bool(rest)
        and is_dated_detail(first)
        and all(0 < part.count(" ") + 1 <= _DATED_FIELD_WORDS for part in rest)
        and not any(is_dated_detail(part) for part in rest)  # dates of a diary, one a part
        and not ends_sentence(text)
    )


# "Asked by: Dr Elaine Cartwright MP (Liberal Democrat, North Cornwall)", "Chair: Ann Lee".
_PERSON_FIELD = re.compile(
    r"^[A-Z][a-z]+(?: [a-z]+){0,2}:\s+(?:(?:Dr|Sir|Dame|Lord|Lady|Baroness|Prof|Professor)\.? )?"
    r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}(?: (?:MP|MSP|MS|MLA|AM|KC|QC))?(?: \([^()]{2,60}\))?$"
)


def _person_under(head: Line, line: Line) -> bool:
    """A field naming a person under a headline: who asked, moved or led the item."""
    return (
        _PERSON_FIELD.match(line.text) is not None
        and head.text.count(" ") >= 1
        and not head.text.isupper()
        and _PERSON_FIELD.match(head.text) is None
    )


def _dated_under(head: Line, line: Line) -> bool:
    """A date line under a headline of a few words in sentence case: when the story happened.
    (Under a label in capitals, the date is the headline: "HOUSE OF COMMONS" / "Monday 4 May".)"""
    return (
        (is_dated_detail(line.text) or is_dated_meta(line.text))  # "Effective: 14 September"
        and head.text.count(" ") >= 2
        and not head.text.isupper()
        and not is_dated_detail(head.text)
    )


# Each test of a line under a headline, and what the line is: "Trusts warn of £92m deficit"
# over "Lancashire Evening Chronicle" (where the digest does so three times or more), "NHS
# dental services" over "Member in charge: Mark Threlfall MP (Con, Boston)", "Health and Social
# Care Questions" over "Tuesday 20 October".
_SOURCE_DETAIL = ((_source_under, "its source"),)
_PLAIN_DETAILS = (
    (_person_under, "who asked, moved or led it"),
    (_dated_under, "when it happened"),
)


def _dek(head: Line, line: Line) -> bool:
    """An emphasised sentence under a heading (a standfirst, a source line): not a headline."""
    return (
        head.facts is not None
        and head.facts.kind == "heading"
        and line.facts is not None
        and line.facts.kind == "paragraph"
        and line.facts.strong
        and ends_sentence(line.text)
    )


def _label_under_headline(run: list[Line], words: int = _LABEL_WORDS) -> int | None:
    """Where plain short lines (a category, a date) under a structural headline (a heading,
    bold or linked text) begin, in a run of headline-like lines over text; else None."""

    def label(line: Line) -> bool:
        return _is_plain_label(line, words)

    if len(run) < 2 or not label(run[-1]):
        return None
    at = len(run) - 1
    # Up to the nearest structural line: a linked headline of four words is no label.
    while at > 0 and label(run[at - 1]) and not _structural_line(run[at - 1]):
        at -= 1
    head = run[at - 1].facts if at else None
    if head is None or not _structural(head):
        return None
    if head.kind != "heading" and any(_structural_line(line) for line in run[at:]):
        return None  # bold over bold: which is the headline is not clear
    for line in run[at:]:
        line.note = "dropped: a label under the headline (a category, a date)"
        line.detail = True
    return at


def _structural_line(line: Line) -> bool:
    return line.facts is not None and _structural(line.facts)


def _structural(block: Block) -> bool:
    return block.kind == "heading" or block.strong or block.linked


_CAPS_LABEL_WORDS = 6


_EMPTY_LABEL = "a section label with no stories under it"


_TAG_WORDS = 4
# "LOOKING AHEAD: WEDNESDAY 19 JANUARY" over "11:30  Commons  Oral questions: ...".
_AHEAD = re.compile(
    r"^(?:looking\ ahead|coming\ up|the\ (?:week|day)\ ahead|(?:dates\ for\ )?(?:your|the)"
    r"\ diary|forthcoming|upcoming|what'?s\ on|key\ dates|future\ business|next\ week\ in)\b",
    re.I | re.X,
)


def _diary(body: str) -> bool:
    """Text that opens with a time, or whose first line names a day or a date."""
    first = body.split("\n", 1)[0][:200]
    return (
        _TIMED.match(body) is not None
        or _DAY_MONTH.search(first) is not None
        or _WEEKDAY.search(first) is not None
    )


_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_TIMED = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]m|--|–)\s+\S", re.I
)  # ("--" for a time not yet fixed)


def _caps_label(text: str) -> bool:
    """A short line in capitals ("SECTION 2: FOI RELEASES"): a label, not a headline, when
    no text follows it."""
    return text.isupper() and text.count(" ") < _CAPS_LABEL_WORDS


# "MEMBERS PRESENT" over "Paul Carver (Chair); Dr Aisha Rahman; Ben Lutterworth; ...".
_ATTENDANCE = re.compile(
    r"^(?:(?:members|those)\s+present|present|in\s+attendance|attend(?:ees|ance)"
    r"|apologies(?:\s+for\s+absence)?|(?:committee|panel|board)\s+members)\W*$",
    re.I,
)
_NAME_WORDS = 6  # words in one entry of a list of names, with its role in brackets


def _names_only(body: str) -> bool:
    """Text that is only a list of names split by semicolons or commas (no sentence)."""
    entries = [entry.strip() for entry in re.split(r"[;,\n]", body) if entry.strip()]
    return len(entries) >= 2 and all(
        entry.count(" ") < _NAME_WORDS and entry[:1].isupper() and not entry.endswith(".")
        for entry in entries
    )


def _greeting_alone(line: Line) -> bool:
    """ "Dear colleagues," on a line of its own, opening a leader's message under its heading."""
    return (
        line.text.count(" ") < _GREETING_WORDS and line.text[-1:] == "," and is_greeting(line.text)
    )


_GREETING_WORDS = 5


def _sponsor_labelled(headline: str) -> bool:
    """A headline opened by a sponsor's label set apart ("SPONSORED Cloud telephony ...",
    "Advertisement: ..."), not a word of it ("Sponsored workers: what happens now")."""
    first, _, rest = headline.partition(" ")
    apart = first.isupper() or first[-1:] in ":|" or rest[:1] in "|:–—-·"
    return apart and is_sponsor_marker(first)


def _drop_attendance(lines: list[Line]) -> list[Line]:
    """A list of who attended under its label ("MEMBERS PRESENT" over "Paul Carver (Chair);
    Dr Aisha Rahman; ..."): names, not news."""
    gone: set[int] = set()
    for at, line in enumerate(lines[:-1]):
        names = lines[at + 1]
        if line.text.count(" ") < 4 and _ATTENDANCE.match(line.text) and _names_only(names.text):
            line.note = names.note = "dropped: who attended (a list of names, not news)"
            gone.update((at, at + 1))
    return [line for at, line in enumerate(lines) if at not in gone] if gone else lines


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
            return _CONTACTS
        story.body[:] = kept
    body = _text(story.body)
    headline = story.headline
    rows = [line.row or line.text.count(" ") < 2 for line in story.body]  # "2025" wrapped off a row
    if rows and all(rows) and any(line.row for line in story.body):
        return "a table of records (no text around it)"
    if story.body and all(
        line.facts is not None and line.facts.task and not line.facts.lead for line in story.body
    ):
        return "a list of tasks (actions, not news)"
    listed = len(story.body) >= 2
    if (
        (headline is not None and is_event(headline) and len(story.body) <= 1)
        or (story.body and all(is_event(line.text, in_list=listed) for line in story.body))
        or (headline is not None and not body and is_dated_entry(headline))
        or (headline is not None and not body and is_event(headline, in_list=True))
        or (headline is not None and story.body and opens_with_event(story.body[0].text))
        or (len(story.body) == 1 and is_dated_entry(body, timed=True))
    ):
        return "an event listing (a date, a time, a place)"
    if is_job_advert(headline, body) or (headline is not None and _JOBS.match(headline)):
        return _JOB_ADVERT
    if is_offer(body):
        return "an offer (its terms apply)"
    if headline is not None and _APPEAL.match(headline) is not None:
        return "a call to work, volunteer or give for the publisher"
    appeal = f"{headline or ''} {body[:300]}"
    if holds_any(appeal, _GIFT_WORDS) and _GIFT.search(appeal) is not None:
        return "a call to give money to the publisher"
    if headline is not None and is_event_notice(body):
        return "an invitation to an event (a date and booking words)"
    if headline is not None and _ABOUT.match(headline) is not None and _describes(body):
        return "about the publisher"
    if headline is not None and _NEXT_ONE.match(headline) is not None:
        return "a notice of the next meeting or issue"
    if headline is not None and not body and (headline.count(" ") < 3 or _caps_label(headline)):
        return _EMPTY_LABEL
    if headline is not None and (has_contact(headline) or _CONTACT_LABEL.match(headline)):
        return "contact details"
    if headline is not None and _sponsor_labelled(headline):
        return "a sponsored item"
    if headline is not None and _AHEAD.match(headline) and _diary(body):
        return "a diary of what comes (times and what happens then)"
    if headline is not None and not body and is_newsletter_talk(headline):
        return "talk about the digest itself"
    if headline is not None and not body and _MORE_LINK.match(headline) is not None:
        return _POINTER
    return None


# The publisher asking the reader for something: a job, time or money, not news.
_APPEAL = re.compile(
    r"^(?:we['’]?re\ (?:hiring|recruiting)|we\ are\ (?:hiring|recruiting)|vacancies"
    r"|volunteer\ with\ us|support\ (?:our\ work|us)|donate(?:\ now|\ today)?)\W*$",
    re.I | re.X,
)
# A fundraising ask: "£10 could pay for a call", "give a gift", "text STARS to 70070 to give £5".
_GIFT = re.compile(
    r"£\d+(?:\s+a\s+(?:month|week|year))?\s+(?:could|would|will)\s+(?:pay|buy|fund|help)\b|\bgive\s+a\s+(?:regular\s+)?gift\b"
    r"|\btext\s+[A-Z]{3,}\s+to\s+\d{5}\b|\b(?:make|set\s+up)\s+a\s+(?:regular\s+)?donation\b"
    r"|\bcheques?\s+(?:made\s+)?payable\s+to\b"
    r"|\bdonate\s+(?:now|today|online)\b",
    re.I,
)
_GIFT_WORDS = ("£", "gift", "text", "donat", "payable")  # one is in every match of `_GIFT`
# "About us", "About Healthwatch Ribble Valley" over "Healthwatch Ribble Valley is the ...".
_ABOUT = re.compile(r"^about\s+(?:us|(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+[\w&'’.-]+){0,5})$", re.I)
_SELF_DESCRIPTION = re.compile(
    r"\b(?:is|are)\s+(?:an?|the)\b|\bwe\s+(?:are|help|work)\b"
    r"|\b(?:is|are)\s+(?:\w+ly\s+)?(?:produced|published|written|compiled|edited)\b",
    re.I,
)


def _describes(body: str) -> bool:
    """The text opens by saying what someone is ("X is an independent ...", "We help ...")."""
    first = _SENTENCE_END.split(body, maxsplit=1)[0]
    return _SELF_DESCRIPTION.search(first) is not None


_NEXT_ONE = re.compile(
    r"^(?:(?:date|time|details)\s+of\s+)?(?:the\s+|our\s+)?next\s+"
    r"(?:board\s+|public\s+|general\s+)?(?:meeting|issue|edition|bulletin|newsletter)s?\b\W*$",
    re.I,
)
_POINTER = "a link to more of a list (jobs, events, news)"
# "See all 312 vacancies", "View all events", "Browse more news": a pointer, not a story.
_MORE_LINK = re.compile(
    r"^(?:(?:see|view|browse|find|read|explore|show)\s+(?:all|more|our|the|every|other)"
    r"|(?:full|more)\s+details)\b"
    r".{0,60}?\b(?:vacanc\w*|jobs?|roles|posts|events?|webinars?|news|stories|articles|"
    r"updates|issues|editions|opportunities)\b",
    re.I,
)


def _text(lines: list[Line]) -> str:
    return " ".join(line.text for line in lines)


def _drop_contents_entries(stories: list[_Story]) -> None:
    """List items of a story's text that name later headlines are a contents list (any
    headline, for the lead story without one)."""
    told = Headlines(
        (story.headline, index)
        for index, story in enumerate(stories)
        if story.headline and story.body
    )
    for index, story in enumerate(stories):
        after = -1 if story.headline is None else index
        kept = []
        for line in story.body:
            if line.text.count(" ") < 30 and told.named_by(line.text, after=after):
                line.note = "dropped: a contents entry (the headline comes again with text)"
            else:
                kept.append(line)
        story.body[:] = kept
