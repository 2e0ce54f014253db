"""Headline leads: where a digest's story template is a headline run into its text ("**Headline**
- text", "Title: text", "CAPS LEAD - text", a numbered item's title sentence), each such line
is cut into its headline and its text; a story's fields under its headline ("Deadline: 27
September") are taken out as its details. The leads themselves are read by `template`; this
module decides which of them the digest uses as its template.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

from indexer.blocks import Block
from indexer.stories.boilerplate import is_person_name
from indexer.stories.debris import has_contact
from indexer.stories.items import strip_answers
from indexer.stories.lines import PROSE_WORDS, Line
from indexer.stories.lineshape import (
    SENTENCE_INSIDE,
    ends_sentence,
    headline_text,
    sentence_starter,
)
from indexer.stories.template import (
    MIN_REPEATS,
    Lead,
    lead_template,
    split_lead,
    strip_text_lead,
    text_lead,
    title_sentence,
)


def split_leads(lines: list[Line], dropped: list[Line], aside: Sequence[Line] = ()) -> list[Line]:
    """Where the digest's template is a headline lead ("**Headline** - text"), cut each such
    line into its headline and its text; elsewhere leave lines as they are. A story's fields
    under its headline ("**Deadline:** 27 September") go into `dropped`. `aside`: lines the
    reading left out (a contents list set as quotes), whose titles may open paragraphs."""
    strip_answers(lines)
    listed = _listed_titles([*aside, *dropped, *(line for line in lines if line.bulleted)])
    leads: list[Lead | None] = []
    fielded = [
        line
        for line in lines
        if line.detail  # (a record's fields)
        or (":" in line.text and (_field_line(line.text) or _PROPERTY.match(line.text) is not None))
    ]
    if fielded:
        for line in fielded:
            line.note = (
                "dropped: a record's fields beside its title (metadata)"
                if line.detail
                else "dropped: a line of fields (labels and short values: metadata)"
            )
            line.detail = True
            dropped.append(line)
        lines = [line for line in lines if line not in fielded]
    run_ins: set[int] = set()  # "*Headline* – Text": a run-in headline, template or not
    worded: set[int] = set()  # a page's paragraphs with leads in words alone: template only
    for at, line in enumerate(lines):
        if line.forced == "B":  # (an answer's "A: Edward Carver: Free parking ..." is text)
            leads.append(None)
            continue
        opening = _shown_lead(line) if line.facts is not None else None
        if opening is None and listed:  # (a listed title is longer than the lead it holds)
            opening = _listed_lead(line.text, listed)
        if opening is None and line.facts is None:
            opening = text_lead(line.text)
        elif opening is None and line.facts is not None and _plain_paragraph(line.facts):
            opening = text_lead(line.text)  # a page's paragraphs may run leads in by words
            if opening is not None and (
                opening.count(" ") >= _WORDED_LEAD_WORDS or has_contact(line.text)
            ):  # ("Dental access remains the issue ... – 41 of the 96 ...", "Press office –
                opening = None  # 01452 960 310 or press@...": a sentence's aside, a contact)
            if opening is not None:  # (where the digest does so for its stories: below)
                worded.add(at)
        if opening is None and line.facts is None and line.bulleted:
            opening = title_sentence(line.text)  # "1. NHS funding settlement. The PM said..."
            colon = _ITEM_COLON_LEAD.match(line.text) if opening is None else None
            if (
                colon is not None
                and 1 <= colon.group(1).count(" ") < _ITEM_TITLE_WORDS  # ("Podcast:": a kind)
                and line.text.count(" ", colon.end()) >= _LEAD_TEXT_WORDS
                and ends_sentence(line.text)  # prose after it, not a contents entry
                and not _in_a_storys_list(lines, at)
            ):
                opening = colon.group(1)  # "• Staff survey: the 2023 results show ..."
        if opening is not None and line.facts is None:
            marked = line.text[:1] in "*_"
            line.text = strip_text_lead(line.text, opening)
            dashed = _DASHED.match(line.text[len(opening) :]) is not None
            if marked and dashed and opening.count(" ") + 1 >= _RUN_IN_WORDS:
                run_ins.add(at)
        lead = split_lead(line.text, opening)
        if lead is not None and lead.rest.isupper() and lead.headline.isupper():
            lead = None  # "ELECTIVE RECOVERY: 78-WEEK WAITS DOWN": one headline in capitals
        leads.append(lead)
    fields = _fields(lines, leads)
    if fields:
        for at in fields:
            lines[at].note = "dropped: a field under the headline (a label, a short value)"
            lines[at].detail = True
            dropped.append(lines[at])
        keep = [at for at in range(len(lines)) if at not in fields]
        lines, leads = [lines[at] for at in keep], [leads[at] for at in keep]
        run_ins = {new for new, old in enumerate(keep) if old in run_ins}
        worded = {new for new, old in enumerate(keep) if old in worded}
    _signed_leads(lines, leads)
    # A lead the digest repeats ("Deadline:", "Relevant to:") names a field: no two stories
    # share a headline.
    seen = Counter(lead.headline.casefold() for lead in leads if lead is not None)
    leads = [None if lead is None or seen[lead.headline.casefold()] > 1 else lead for lead in leads]
    if not lead_template(leads):
        leads = [
            lead if at in run_ins or (at not in worded and _run_in(line, lead)) else None
            for at, (line, lead) in enumerate(zip(lines, leads, strict=True))
        ]
    else:
        _drop_odd_labels(lines, leads)
        _drop_leads_under_headlines(lines, leads)
        _one_word_leads(lines, leads)
        _comma_dash_leads(lines, leads)
    _title_sentence_leads(lines, leads)
    out: list[Line] = []
    for line, lead in zip(lines, leads, strict=True):
        if lead is None:
            out.append(line)
            continue
        head = Line(lead.headline, line.block, hinted=True, facts=line.facts, forced="H")
        head.order = line.order - 0.5  # before its text, in --explain
        out.append(head)
        line.text, line.bulleted, line.forced = lead.rest, False, "B"
        out.append(line)
    return out


# An item's number inside its bold lead ("<b>1. Winter capital.</b> NHS England ..."): the
# line lost it with the numbering.
_NUMBER = re.compile(r"^\(?\d{1,2}[.)]\s+")


def _signed_leads(lines: list[Line], leads: list[Lead | None]) -> None:
    """A bold name opening the text under a heading ("## From the director" / "**Claire
    Ashdown** — This week the council ..."): who wrote the piece, its byline, not a headline
    ("**Sarah Jones**: the trust was ..." is a speaker's words, a colon after the name)."""
    for at, lead in enumerate(leads):
        if lead is None or at == 0:
            continue
        above = lines[at - 1]
        heading = above.facts is not None and above.facts.kind == "heading"
        after = lines[at].text[len(lead.headline) :].lstrip(" *_")
        dashed = after[:1] in ("–", "—") and lead.rest.lstrip(" –—")[:1].isupper()
        if heading and dashed and is_person_name(lead.headline):
            lines[at].byline = lead.headline
            lines[at].text = lead.rest.lstrip(" –—-:").strip()
            leads[at] = None


def _shown_lead(line: Line) -> str | None:
    """The lead the container showed (bold, linked), as the line has it."""
    lead = line.facts.lead if line.facts is not None else None
    if lead is not None and not line.text.startswith(lead):
        number = _NUMBER.match(lead)
        if number is not None and line.text.startswith(lead[number.end() :]):
            return lead[number.end() :]
    return lead


_WORDED_LEAD_WORDS = 4  # a plain paragraph's lead ("Social care — ...") is a few words


def _plain_paragraph(block: Block) -> bool:
    """A paragraph the container showed nothing in: no emphasis, no link, no heading."""
    return block.kind == "paragraph" and not (block.strong or block.linked or block.lead)


# A contents entry: a title of a few words with no sentence's end ("> PQS window extended").
_LISTED = re.compile(r"^[>*•·▪–—-]*\s*([A-Z0-9£][^.!]{6,100}?)\s*$")
_LISTED_WORDS = 16
# Where a listed title runs into a paragraph's text: a colon, a dash or a full stop.
_TITLE_END = re.compile(r"\s*(?:[:–—|]|-{1,2}(?=\s)|\.(?=\s))\s+(?=[A-Z0-9“\"‘£])")


def _listed_titles(lines: Sequence[Line]) -> frozenset[str]:
    """The titles a digest lists apart from its text (a contents list of its headlines)."""
    titles = set()
    for line in lines:
        match = _LISTED.match(line.text.strip())
        if match is not None and 1 <= match.group(1).count(" ") < _LISTED_WORDS:
            titles.add(match.group(1))
    return frozenset(titles)


def _listed_lead(text: str, listed: frozenset[str]) -> str | None:
    """The listed title a paragraph opens with, run into its text ("Vaccination: 42 more sites
    approved: NHS England has ..." under a contents entry "Vaccination: 42 more sites
    approved"): the headline of a digest whose contents list names its run-in leads."""
    for end in _TITLE_END.finditer(text, 0, 120):
        if text[: end.start()] in listed and text.count(" ", end.end()) >= PROSE_WORDS:
            return text[: end.start()]
    return None


_TITLED_SHARE = 0.6  # of the digest's paragraphs of text that open with a title sentence
_TITLED_MIN = 3
_TITLED_RUN = 4
_HELLO = re.compile(r"^(?:good\s+)?(?:morning|afternoon|evening|hello|hi|hey)\b", re.I)
_TITLED_TEXT = 15  # words of text after the title at least


def _title_sentence_leads(lines: list[Line], leads: list[Lead | None]) -> None:
    """Paragraphs of plain text that open with a short title closed by a full stop ("Lung
    health checks. Around 9,000 current and former smokers ..."), where most of the digest's
    paragraphs do, three at least: the digest's story template, each a headline run into its
    text. A title is a few words that do not open like a sentence ("It", "We", "The")."""
    if any(lead is not None for lead in leads):
        return  # the digest has leads of its own: that is its template
    texts = [
        at
        for at, line in enumerate(lines)
        if line.facts is None and not line.bulleted and line.text.count(" ") >= _TITLED_TEXT
    ]
    titled = {}
    for at in texts:
        title = title_sentence(lines[at].text)
        if (
            title is not None
            and not sentence_starter(title)
            and headline_text(title[:-1])
            and _HELLO.match(title) is None  # "Good morning. Nurses have set ...": an intro
        ):
            titled[at] = title
    if len(titled) < _TITLED_MIN:
        return
    if len(titled) < _TITLED_SHARE * len(texts):
        # Not most of them: a run of four or more titled paragraphs in a row will do (a
        # round-up's items, among an intro, untitled paragraphs and a footer).
        runs = [list(run) for key, run in itertools.groupby(texts, titled.__contains__) if key]
        titled = {at: titled[at] for run in runs if len(run) >= _TITLED_RUN for at in run}
    for at, title in titled.items():
        leads[at] = split_lead(lines[at].text, title)


# One word run into its text with a colon: "Revalidation: The GMC has written to ...".
_WORD_LEAD = re.compile(r"^([A-Z][a-z]{3,}|[A-Z]{3,}):\s+(?=[A-Z0-9“\"‘])")
_WORD_LEAD_TEXT = 10  # words of text after it at least


def _one_word_leads(lines: list[Line], leads: list[Lead | None]) -> None:
    """One word and a colon opening a paragraph beside paragraphs whose leads are names run
    in with a colon ("Job planning: ...", "Revalidation: ...", "Mortality: ..."): a lead of the
    same list. Alone ("Note: ...") a word and a colon is only the sentence's start."""

    def colon_lead(at: int) -> bool:
        lead = leads[at] if 0 <= at < len(leads) else None
        return lead is not None and lines[at].text.startswith(":", len(lead.headline))

    for at, line in enumerate(lines):
        if (
            leads[at] is not None
            or line.facts is not None
            or not (colon_lead(at - 1) or colon_lead(at + 1))
        ):
            continue
        match = _WORD_LEAD.match(line.text)
        if match is not None and line.text.count(" ") >= _WORD_LEAD_TEXT:
            leads[at] = Lead(match.group(1), line.text[match.end() :])


# An item's title run into its text with a colon: "Staff survey: the 2023 results show ...",
# "2. Never events - wrong-site surgery still the most common: Provisional data ..." (a bullet
# or number marks the item; in running text it may be a sentence's opening).
_ITEM_COLON_LEAD = re.compile(
    r"^([A-Z][^.!?:;]{2,80}?)(?<!\bsaid)(?<!\bsays)(?<!\badded)(?<!\btold):\s+(?=[A-Za-z0-9“\"‘])"
)
_ITEM_TITLE_WORDS = 10
_LEAD_TEXT_WORDS = 10  # words of text after a lead these rules take, at least (prose)
_HEADING_WORDS = 5  # a label over a list of leads is shorter ("Also worth knowing")


def _drop_leads_under_headlines(lines: list[Line], leads: list[Lead | None]) -> None:
    """A paragraph of plain text right under a headline of its own ("3. New regional director
    of primary care and public health" / "Dr Kulwinder Bassi will join NHS England – Midlands
    as ...") is that headline's text: its opening words set off by a dash or colon are no lead."""
    for at in range(1, len(lines)):
        above, line = lines[at - 1], lines[at]
        if (
            leads[at] is not None
            and leads[at - 1] is None
            and line.facts is None
            and not line.bulleted
            and above.text.count(" ") + 1 >= _HEADING_WORDS
            and headline_text(above.text)
        ):
            leads[at] = None


def _in_a_storys_list(lines: list[Line], at: int) -> bool:
    """An item of a list that prose leads into ("The committee met on 18 October and
    agreed:" over its items): the items are that story's, not stories of their own."""
    above = at - 1
    while above >= 0 and lines[above].bulleted:
        above -= 1
    if above < 0:
        return False
    text = lines[above].text
    return text.endswith(":") or text.count(" ") >= PROSE_WORDS


# A short title with a comma run into its text with a dash: "Farewell, Keith - After 31 years".
_COMMA_DASH_LEAD = re.compile(r"^([A-Z][^–—.!?;:]{2,50}?) (?:[–—]|--?) (?=[A-Z0-9“\"‘])")
_COMMA_DASH_WORDS = 5


def _comma_dash_leads(lines: list[Line], leads: list[Lead | None]) -> None:
    """A short title holding a comma, set off by a dash, beside paragraphs whose leads are
    titles set off by dashes: a lead of the same list. Alone, a comma before a dash is a
    sentence's opening clause ("In its report, Left Behind - Care Work ...")."""

    def dash_lead(at: int) -> bool:
        lead = leads[at] if 0 <= at < len(leads) else None
        return lead is not None and lines[at].text[len(lead.headline) :].lstrip()[:1] in "-–—"

    for at, line in enumerate(lines):
        if leads[at] is not None or line.facts is not None or "," not in line.text[:50]:
            continue
        if not (dash_lead(at - 1) or dash_lead(at + 1)):
            continue
        match = _COMMA_DASH_LEAD.match(line.text)
        if (
            match is not None
            and "," in match.group(1)
            and match.group(1).count(" ") < _COMMA_DASH_WORDS
            and line.text.count(" ", match.end()) >= _LEAD_TEXT_WORDS  # prose, not a list
        ):
            leads[at] = split_lead(line.text, match.group(1))


# "Present: Rhian, Dev · Apologies: Kemi", "Date: 3 May | Venue: Leeds", "Stage 1 closing
# date: 17 March": labels and values.
_FIELD_LABEL = re.compile(r"(?:^|\s)[A-Z][a-z]+(?: (?:[a-z]+|\d{1,2})){0,3}:\s")
_FIELD_LINE_WORDS = 25
_FIELD_PART_WORDS = 20  # words of each part of a longer line of fields split by bars


# A note's property in Logseq's or Obsidian's Dataview syntax: "source:: [[Guardian]]".
_PROPERTY = re.compile(r"^[A-Za-z][\w-]{0,30}::\s*\S")


def _field_line(text: str) -> bool:
    """A line of two or more labelled fields, with no sentence in it (a meeting's details;
    a report's "Deceased: ... | Coroner: ... | Sent to: ...", however long, in short parts)."""
    short = text.count(" ") < _FIELD_LINE_WORDS or (
        " | " in text and all(part.count(" ") < _FIELD_PART_WORDS for part in text.split(" | "))
    )
    return (
        short
        and len(_FIELD_LABEL.findall(text)) >= 2
        and not ends_sentence(text)
        and SENTENCE_INSIDE.search(text) is None
    )


_RUN_IN_WORDS = 3  # a bold name at the start of a sentence is shorter
_DASHED = re.compile(r"^\s*[–—]\s+[A-Z“\"‘]")
_LABEL_WORDS = 4


def _container(line: Line) -> str:
    return line.facts.kind if line.facts is not None else "item" if line.bulleted else "line"


def _drop_odd_labels(lines: list[Line], leads: list[Lead | None]) -> None:
    """Where the template's leads open list items, a short bold label opening a paragraph
    ("**Why it matters:** ...") is a part of the story above, not a story: and the other way
    about. Leads of the kind the template uses stay."""
    kinds = Counter(
        _container(line) for line, lead in zip(lines, leads, strict=True) if lead is not None
    )
    template, repeats = kinds.most_common(1)[0]
    if repeats < MIN_REPEATS or len(kinds) == 1:
        return
    for at, (line, lead) in enumerate(zip(lines, leads, strict=True)):
        if lead is None or _container(line) == template:
            continue
        if lead.headline.count(" ") < _LABEL_WORDS and kinds[_container(line)] == 1:
            leads[at] = None


def _run_in(line: Line, lead: Lead | None) -> bool:
    """A lone bold lead set off by a dash from a sentence ("**Christmas and New Year
    opening** – Bourne House will be closed"): a run-in headline, with no template to follow."""
    if lead is None or line.facts is None or lead.headline.count(" ") + 1 < _RUN_IN_WORDS:
        return False
    after = line.text[len(line.facts.lead or "") :].lstrip()
    return after[:1] in ("–", "—") and lead.rest[:1].isupper()


_FIELD_WORDS = 10  # a field's value is short: a date, a name, a list of roles


def _fields(lines: list[Line], leads: list[Lead | None]) -> set[int]:
    """Lines that are a story's details ("Relevant to: Practice managers", "Deadline: Friday
    27 September") between its headline and its text: a label and a short value, the first
    under the headline with a label that opens such lines in other stories too (a headline
    is said once), the others under it."""
    labels = Counter(lead.headline.lower() for lead in leads if lead is not None)
    found: set[int] = set()
    for at, lead in enumerate(leads):
        if (
            at
            and lead is not None
            and lead.rest.count(" ") < _FIELD_WORDS
            and not ends_sentence(lead.rest)
            and (at - 1 in found or (lines[at - 1].hinted and labels[lead.headline.lower()] >= 2))
        ):
            found.add(at)
    return found
