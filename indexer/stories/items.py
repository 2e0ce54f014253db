"""How plain text marks its items: numbers that count up ("1  Workforce", "01  NMC ..."),
letters ("A. From the Chair"), codes ("A1", "Q4."), tags ("[NEW]"), questions and answers
("Q:" / "A."), titles run into their text ("Sepsis screening. NHS Improvement has ..."), and
the labelled details an item repeats ("Outlet: ...", "Tags: ..."). Each is read only where the
digest repeats it: once is a headline that happens to open so.

The functions work on the plain-text reader's groups of lines (or its logical lines) in place.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import TYPE_CHECKING

from indexer.reading.digest_dates import is_dated_meta
from indexer.stories.lineshape import (
    ends_mid_sentence,
    ends_sentence,
    headline_text,
    starts_lower,
)

if TYPE_CHECKING:
    from indexer.stories.lines import Line

_LETTER = re.compile(r"^([A-Z])[.)]\s+(?=[A-Z“\"‘'])")
# "1  Workforce", "01  NMC sets out plan" (not "3 April", a date).
_SECTION_NUMBER = re.compile(
    r"^(\d{1,2})\s+(?=[A-Z][A-Za-z&])(?!(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)"
)


def strip_section_numbers(groups: list[list[Line]]) -> None:
    """Sections numbered "1 Workforce", "2 Money" (as a PDF prints them) lose their numbers,
    where two or more such lines count up from 1 or 2, or three or more count up from later
    (minutes whose first items were the apologies: "5  JSNA", "6  Better Care Fund", ...); a
    headline that opens with a figure ("3 April deadline", out of the count) keeps it."""
    counted: list[tuple[Line, int]] = []
    expected: int | None = None  # the number the next section should carry (or one skipped)
    first = 0  # the number the count started from
    for group in groups:
        line = group[0]
        match = _SECTION_NUMBER.match(line.text)
        if match is None or ends_sentence(line.text):
            continue
        number = int(match.group(1))
        if expected is not None and not expected <= number <= expected + 1:
            if number > 2 or len(counted) >= (2 if first <= 2 else 3):
                continue
            counted, expected = [], None  # "1 Workforce" after a stray "5 ways to ...": anew
        if expected is None:
            first = number
        counted.append((line, match.end()))
        expected = number + 1
    if len(counted) >= (2 if first <= 2 else 3):
        for line, end in counted:
            line.text, line.hinted = line.text[end:], True  # set as a heading is
    _strip_letters(groups)


def _strip_letters(groups: list[list[Line]]) -> None:
    """Items lettered "A. From the Chair", "B. Election results" lose their letters, where the
    letters count up from A (in a contents list and again over the stories, or once)."""
    lettered = [
        (line, match)
        for group in groups
        for line in group
        if line.text[1:2] in ".)" and (match := _LETTER.match(line.text)) is not None
    ]
    letters = [ord(match.group(1)) for _, match in lettered]
    counts_up = all(b == a + 1 or b == ord("A") for a, b in itertools.pairwise(letters))
    if len(set(letters)) < 2 or letters[0] != ord("A") or not counts_up:
        return  # ("A." alone, again and again, marks answers)
    for line, match in lettered:
        line.text = line.text[match.end() :]
        line.bulleted = True


_QUESTION_WORDS = 40
_ANSWER = re.compile(r"^(?:A|Answer)\s?[.:)]\s+(?=\S)")
_QUESTION = re.compile(r"^(?:Q\d{0,2}|Question(?: \d{1,2})?)\s?[.:)]\s+(?=\S)")


def strip_answers(lines: list[Line]) -> None:
    """A question and its answer ("Q: What changes?" / "A. The 106 groups ..."): the answer
    loses its "A." and the question its "Q:", where answers follow questions twice or more.
    A question heads its answer (a digest of questions and answers), unless each question is
    set under a title of its own (a written question's topic, "Dental services: Cumbria"):
    there it opens the story's text. (On logical lines: the answer's first line was as long as
    the lines it wraps with.)"""
    answers = [
        (at, line, match, question)
        for at, (question, line) in enumerate(itertools.pairwise(lines))
        if line.block != question.block
        and (match := _ANSWER.match(line.text)) is not None
        and (question.text.endswith("?") or _QUESTION.match(question.text) is not None)
    ]
    if len(answers) < 2:
        return
    titled = all(
        at > 0
        and lines[at - 1].block != lines[at].block
        and headline_text(lines[at - 1].text)
        and _ANSWER.match(lines[at - 1].text) is None
        for at, *_ in answers
    )
    for _, answer, match, question in answers:
        answer.text = answer.text[match.end() :]
        answer.forced = "B"  # an answer is text ("A: Edward Carver (Minister ...)" over it too)
        asked = _QUESTION.match(question.text)
        if asked is not None:
            question.text = question.text[asked.end() :]
        if titled:
            question.forced = "B"  # the text under its title
            continue
        if not question.text.endswith("?"):
            continue  # ("To ask the Secretary of State ..., what steps he is taking ...")
        if question.text.count(" ") < _QUESTION_WORDS:
            question.forced = "H"  # a question heads its answer, however long it runs


# "Sepsis screening. NHS Improvement has ...": a short title run into its text.
_RUN_IN_TITLE = re.compile(r"^([A-Z][^.!?:;,]{2,50}?)\.\s+[A-Z“\"‘]")
_RUN_IN_TITLE_WORDS = 5
_VERBS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "said",
        "says",
        "told",
    ]
)


def mark_run_in_titles(groups: list[list[Line]]) -> None:
    """In a block of "Title. Text" items set one under the other with no blank line between
    ("IN BRIEF" in PDF text), each line that opens a sentence with a short title opens an
    item; twice or more in a block, as such a round-up has."""
    for group in groups:
        found = [
            line
            for at, line in enumerate(group)
            if (at == 0 or ends_sentence(group[at - 1].text) or group[at - 1].text.isupper())
            and _run_in_title(line.text)
        ]
        if len(found) >= 2:
            for line in found:
                line.bulleted = True


def _run_in_title(text: str) -> bool:
    match = _RUN_IN_TITLE.match(text)
    if match is None:
        return False
    words = match.group(1).split()
    return len(words) <= _RUN_IN_TITLE_WORDS and _VERBS.isdisjoint(w.lower() for w in words)


# "[NEW] Headline", "[CHG] Headline", "[D1] Headline": a category tag or an item's code before
# each item's headline.
_TAG = re.compile(r"^\[(?:[A-Z]{2,8}|[A-Z]{1,3}\d{1,3})\]\s+(?=\S)")
_TAGS = re.compile(r"\[(?:[A-Z]{2,8}|[A-Z]{1,3}\d{1,3})\]")


# "A1  Strike day two", "B3  ...", "Q4. How will money flow?": codes that number items.
_CODE = re.compile(r"^([A-Z])(\d{1,2})(?:[.:)]\s+|\s{2,}|\s+(?=[A-Z0-9“\"‘]))(?=\S)")


def strip_tags(groups: list[list[Line]]) -> None:
    """Headlines opened by a bracketed tag in capitals ("[NEW] ..."), or by a code whose
    numbers count up from 1 under each letter ("A1", "A2", "B1"; "Q1", "Q2"), twice or more,
    lose it and are headings (it marks them as the digest's items)."""
    tagged = [
        (group[0], match)
        for group in groups
        if (match := _TAG.match(group[0].text)) and len(_TAGS.findall(group[0].text)) == 1
    ]  # ("[NEW] new item   [CHG] changed rules": a legend of the tags, not an item)
    coded = [(group[0], match) for group in groups if (match := _CODE.match(group[0].text))]
    counts: dict[str, int] = {}
    for _, match in coded:
        letter, number = match.group(1), int(match.group(2))
        if number != counts.get(letter, 0) + 1:
            coded = []  # not a count: "M6 closed", "A1 upgrade"
            break
        counts[letter] = number
    for found in (tagged, coded):
        if len(found) >= 2:
            for line, match in found:
                line.text, line.hinted = line.text[match.end() :], True


# "Outlet: Worcester News (online)", "Tags: arrs, pcn": a labelled detail of an item.
_DETAIL = re.compile(r"^([A-Z][\w'’-]*(?: [\w'’-]+){0,2}):\s+(\S.*)$")
_DETAIL_WORDS = 12
_DETAIL_LONGEST = 24  # words of a field's value where its label opens such lines three times
_LONG_FIELD_REPEATS = 3


_FIELDS_BELOW = 4  # a field's label comes within the first lines under a headline
_SHORT_FIELD_WORDS = 6


def _short_field(text: str) -> bool:
    """A short line that ends no sentence: a place, a date, a name."""
    return text.count(" ") < _SHORT_FIELD_WORDS and not ends_sentence(text)


def _wraps_on(text: str) -> bool:
    """A line cut off mid-sentence or inside brackets ("Asked by: Kirsty MacLennan (Scottish
    National Party, Dunfermline and" over "Kincardine)")."""
    return ends_mid_sentence(text) or text.count("(") > text.count(")")


def _field(line: Line) -> tuple[str, int] | None:
    """A labelled line's label (lower case) and how many words its value has; None for a line
    that is no field (no label, a sentence, or a value too long for any field)."""
    match = _DETAIL.match(line.text) if ": " in line.text else None
    if match is None or ends_sentence(match.group(2)):
        return None
    words = match.group(2).count(" ") + 1
    return (match.group(1).lower(), words) if words <= _DETAIL_LONGEST else None


_HEADLINE_LINES = 3
# A post's headers in a digest of messages: its subject is a headline, not a detail.
_MAIL_HEADERS = frozenset(["from", "to", "cc", "date", "sent", "subject", "topic", "re"])


def drop_repeated_fields(groups: list[list[Line]], dropped: list[Line]) -> None:
    """A labelled line under an item's headline or at the end of its text ("Outlet: BBC
    Midlands Today", "Tags: pharmacy, funding"), where the same label opens such a line in
    other items too, is the item's metadata, not its text; so is a block of such lines under a
    headline (see `_drop_field_blocks`)."""
    _drop_field_blocks(groups, dropped)
    labels = Counter(f[0] for group in groups for line in group[1:] if (f := _field(line)))
    for group in groups:
        if len(group) < 2:
            continue
        marks, wrapped = _field_marks(group, labels)
        head = 1
        while head < len(group) and marks[head]:
            head += 1  # the details under the headline
        tail = len(group)
        while tail > head and marks[tail - 1]:
            tail -= 1  # the details at the end of the text
        if head == 1 and tail == len(group):
            continue
        if 1 < head < tail:  # fields between the headline and the text: no wrap runs across them
            group[head].apart = True
        last = group[0]
        for at in [*range(1, head), *range(tail, len(group))]:
            line = group[at]
            line.note = "dropped: a labelled detail of the item (metadata)"
            if at in wrapped:  # its text joins the detail above it
                last.text = f"{last.text} {line.text}"
            else:
                line.detail = True  # the story's details: shown, searched, read for entities
                last = line
            dropped.append(line)
        group[:] = group[:1] + group[head:tail]


def _drop_field_blocks(groups: list[list[Line]], dropped: list[Line]) -> None:
    """A block of fields only under a headline, opened by a label that opens other such blocks
    too ("Therapeutic area: Neurology" / "Date of publication: 14 March 2024" under each
    article's headline): the story's details, not its headline (a post's mail headers aside)."""
    firsts = Counter(f[0] for group in groups if group and (f := _field(group[0])))
    for index, group in enumerate(groups):
        fields = [_field(line) for line in group]
        if (
            len(fields) >= 2
            and index > 0
            and 0 < len(groups[index - 1]) <= _HEADLINE_LINES  # under a headline of its own
            and not ends_sentence(groups[index - 1][-1].text)
            and fields[0] is not None
            and firsts[fields[0][0]] >= 2
            and all(f is not None and f[1] <= _DETAIL_WORDS for f in fields)
            and not any(f[0] in _MAIL_HEADERS for f in fields if f is not None)
        ):
            for line in group:
                line.note = "dropped: a labelled detail of the item (metadata)"
                line.detail = True
                dropped.append(line)
            group.clear()
    groups[:] = [group for group in groups if group]


def _field_marks(group: list[Line], labels: Counter[str]) -> tuple[list[bool], set[int]]:
    """Which lines of an item are its fields, and which of those are a field's wrapped end."""
    fields = [_field(line) for line in group]
    # A field whose label the digest repeats; a long value ("Action: Practice managers to
    # confirm ...") only under a label it uses three times or more.
    marks = [
        f is not None and labels[f[0]] >= 2
        and (f[1] <= _DETAIL_WORDS or labels[f[0]] >= _LONG_FIELD_REPEATS)
        for f in fields
    ]  # fmt: skip
    wrapped = set()  # a detail wrapped onto a second line is one still
    for at in range(2, len(group)):
        if marks[at - 1] and not marks[at] and _wraps_on(group[at - 1].text):
            marks[at] = True
            wrapped.add(at)
    # Beside the fields the digest repeats, a field it gives once ("Type: Question for short
    # debate" under "Source: Hansard ...") is one too, and so is a reference and its dates
    # ("UIN 104522, tabled 19 January 2026, answered 26 January 2026").
    near = [
        f is not None or is_dated_meta(line.text) for f, line in zip(fields, group, strict=True)
    ]
    for at in range(2, len(group)):
        marks[at] = marks[at] or (marks[at - 1] and near[at])
    for at in range(len(group) - 2, 0, -1):
        marks[at] = marks[at] or (marks[at + 1] and near[at])
    # Short lines between the headline and its first field are fields too: "Fernlea House" /
    # "Consett, County Durham" / "Rating: Requires improvement (Good)" / text.
    first = next((at for at in range(1, min(len(group), _FIELDS_BELOW)) if marks[at]), 0)
    # (Not the end of a headline wrapped onto the line: "... 30 hours in A&E as" / "hospital
    # \"full to bursting\"" / "Tone: Negative | Trust comment: Yes".)
    if first > 1 and all(
        _short_field(group[at].text)
        and not _wraps_on(group[at - 1].text)
        and not starts_lower(group[at].text)
        for at in range(1, first)
    ):
        for at in range(1, first):
            marks[at] = True
    return marks, wrapped
