"""The cheap pre-checks that spare most lines a slow regex must never change an answer.

Each pre-check is a necessary condition for its regex: if the regex matches, the pre-check
passes. The examples cover every alternative of the regexes (add one when adding an alternative)
and letters such as "ſ" and "İ" that an ignore-case regex reads as "s" and "i" but `str.lower`
does not; the fixture lines check the public functions against their plain definitions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from indexer.pipeline import _single_spaced, story_id
from indexer.reading import digest_dates
from indexer.reading.textcodec import _COLUMN_TAB, _INVISIBLE, _SPACES, tidy, visible_controls
from indexer.stories import boilerplate as bp
from indexer.stories import debris, split
from indexer.stories import lines as text_lines
from indexer.stories.boilerplate import holds_any

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# tidy's line ends, as one substitution (tidy replaces each kind the text holds).
NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
DATE_PATTERNS = digest_dates._PATTERNS

CHROME = """View this email in your browser|view it online|Open in your browser|Web version
|Online version|Having trouble viewing this?|Trouble reading this?|Can't see images?|Cant see this
|E-mail not displaying correctly|Email not displaying properly|Not displaying correctly
|If a colleague has forwarded this|Was this email forwarded?|Forwarded this newsletter?
|Forward this email to a friend|Know someone who would like it|Enjoying this newsletter?|Sign up
|Subscribe|Unsubscribed|Manage your preferences|Update your email settings|Change subscription
|Edit your profile|You are receiving this|This message was sent|Privacy policy|Terms & conditions
|Terms of use|Cookie settings|We use cookies|Accept all cookies|Read more|See more|Find out more
|Learn more|Discover more|Read the full story|Full article|Continue reading|Keep reading
|Click here|Tap here|Follow us|Share this|Tweet this|Like us on Facebook|Connect with us
|Advertisement|Advert|Sponsored content|Paid post|Promoted|Brought to you by X
|In partnership with X|Paid partnership|Add us to your address book|To ensure delivery
|Ensure our emails arrive|Back to top|Skip to main content|Jump to|Log in|Login|Signin|Logout
|Register now|All rights reserved|Copyright X|(c) 2024 X|Our mailing address|Registered office
|Contact us|About us|Download the app|Get our app|5 min read|— Read more|*Subscribe*"""
FOOTER = """To unsubscribe|You are receiving this|You were received this|This email was sent to you
|This newsletter has been sent|Manage your email preferences|update subscription
|Change your news alerts|manage your daily email settings|A registered charity
|All rights reserved.|© 2024 X|Copyright X|(c) 2024 X|Our mailing address is|Registered in England
|This email and any attachments are confidential|This e-mail is privileged
|To stop receiving this digest|Westmoor Advisory LLP is authorised and regulated by the FCA
|This briefing does not constitute legal advice|You receive all messages sent to this group"""
TALK = """Today's must-read stories|Our round-up|Welcome to the newsletter|The daily digest
|Your briefings|The weekly bulletin|Top stories|In this issue|In today's edition
|In this week's newsletter|This week's picks|Last issue's best|Today's headlines|Latest news
|Welcome to X|What you need to know|Here is your update|Here's the news|The week in health
|Week in review|Up to date with X|Our pick of the week|News, analysis and comment
|Research, data and events|Daily brief|Morning update|Evening edition|Lunchtime catch-up
|Weekend read|Monthly summary|Good morning,|Hello|Dear reader"""
MORE = """Trust fined. Read more|Trust fined | Read more »|Trust fined - read more here
|Trust fined. See more|Trust fined. Find out more...|Trust fined. Continue reading →
|Trust fined. Read the full story|Trust fined. Read the full article:|Trust fined • Full story"""
OTHER = """1 High St, London SW1A 1AA|Leeds LS1 4AP|---------- Forwarded message ---------
|-----Original Message-----|Begin forwarded message:|______________|Tuesday 20th February 2024
|Published: 20/02/2024 10:30 am|Health Policy Insight — 4 March 2025|February 20, 2024"""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\n", "").split("|")]


def _odd(line: str) -> list[str]:
    """The line with letters an ignore-case regex equates with "s" and "i"."""
    swaps = (("s", "ſ"), ("i", "ı"), ("I", "İ"))
    return [line, line.upper(), *(line.replace(plain, odd) for plain, odd in swaps)]


EXAMPLES = [
    v for text in (CHROME, FOOTER, TALK, MORE, OTHER) for x in _lines(text) for v in _odd(x)
]


def _fixture_lines() -> list[str]:
    lines: set[str] = set()
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix not in {".json", ".py"}:
            text = path.read_bytes().decode("utf-8", errors="replace")
            lines.update(line.strip() for line in text.splitlines())
    return sorted(lines)


LINES = EXAMPLES + _fixture_lines()


def _footer_phrases(line: str) -> bool:
    lower = line.lower()
    return any(p in lower for p in bp._FOOTER_PHRASES) or bp._odd_case(line)


def _talk_words(line: str) -> bool:
    lower = bp.fold(line).lower()
    return any(w in lower for w in bp._TALK_WORDS) or bp._odd_case(bp.fold(line))


def _more_ending(line: str) -> bool:
    ending = line[-80:].rstrip(bp._AFTER_MORE)[-7:]
    return ending.lower().endswith(bp._MORE_ENDINGS) or bp._odd_case(ending)


GATES: list[tuple[str, Callable[[str], object], Callable[[str], object]]] = [
    ("chrome", lambda x: bp._CHROME.match(bp.fold(x)), lambda x: bp._may_be_chrome(bp.fold(x))),
    ("footer", lambda x: bp._FOOTER.search(bp.fold(x)), _footer_phrases),
    ("talk", lambda x: bp._NEWSLETTER_TALK.search(bp.fold(x)), _talk_words),
    ("read more", lambda x: bp._TRAILING_MORE.search(x[-80:]), _more_ending),
    ("postcode", bp._POSTCODE.search, bp._POSTCODE_HINT.search),
    ("forwarded", bp._FORWARD_MARK.match, lambda x: x.lstrip()[:1] in bp._FORWARD_START),
    ("date", lambda x: any(p.search(x) for p in DATE_PATTERNS), digest_dates._may_hold_date),
]


@pytest.mark.parametrize(("name", "regex", "gate"), GATES, ids=[g[0] for g in GATES])
def test_a_pre_check_passes_every_line_its_regex_matches(name, regex, gate) -> None:
    matched = [line for line in LINES if regex(line)]
    assert len(matched) >= 9  # the examples reach this regex
    assert [line for line in matched if not gate(line)] == []


def _plain_footer_start(line: str) -> bool:
    lower = line.lower()
    return (
        line.count(" ") < 60
        and any(word in lower for word in bp._FOOTER_WORDS)
        and bp._FOOTER.search(bp.fold(line)) is not None
    )


def _plain_read_more(line: str) -> str:
    tail = line[-80:]
    if "more" not in tail and "ead" not in tail and "tory" not in tail:
        return line
    return line[: len(line) - len(tail)] + bp._TRAILING_MORE.sub("", tail).rstrip()


def test_gated_functions_agree_with_their_plain_definitions() -> None:
    for line in LINES + [f"{x}  " for x in EXAMPLES]:
        assert bp.is_footer_start(line) == _plain_footer_start(line), line
        assert bp.strip_read_more(line) == _plain_read_more(line), line
        talk = line.count(" ") < 60 and (
            bp._NEWSLETTER_TALK.search(bp.fold(line)) is not None
            or bp._GREETING.match(bp.fold(line)) is not None
            or bp._DISPLAY_NOTE.match(bp.fold(line)) is not None
        )
        assert bp.is_newsletter_talk(line) == talk, line
        first = line.split(". ", 1)[0]  # an address may open a longer footer line
        postal = first.count(" ") < 16 and bp._POSTCODE.search(first) is not None
        assert bp.is_postal_address(line) == postal, line


@pytest.mark.parametrize(
    "dirty", ["\r\n", "\r", "\u2028", "\x85", "\t", "\u00a0", "\u200b", "\u00ad", "\u034f", "\x1b"]
)
def test_tidy_skips_only_text_it_would_not_change(dirty: str) -> None:
    text = f"Trust “fined” £1m\n\nIt{dirty}was fined – again."
    lines = _COLUMN_TAB.sub("  ", NEWLINES.sub("\n", text))
    slow = visible_controls(_INVISIBLE.sub("", _SPACES.sub(" ", lines)))
    assert tidy(text) == slow != text
    assert tidy(slow) == slow


@pytest.mark.parametrize(
    "text", ["a b\n\nc", " a", "a ", "a  b", "a\n\n\nb", "a \n\nb", "a\u2002b", "a\tb", "", "\n\n"]
)
def test_single_spacing_matches_split_and_join(text: str) -> None:
    assert _single_spaced(text) == " ".join(text.split())


def test_story_ids_stay_what_bookmarks_hold() -> None:
    # Ids are stored in users' bookmarks: these were computed before the id was made cheaper.
    assert story_id("Trust fined", "It was.") == "45e16dbeda7732c2"
    body = "The trust  was fined.\n\nIt will “appeal” – ﬁnally.\u00a0"
    assert story_id("Trust ‘fined’ £1m", body) == "a1c14d9bfd6e4d2e"
    assert story_id(None, "Ward\u2002closed.\n\n\nAgain.") == "936c20beadcec62a"


# -- every alternative of a prechecked regex, written by Hypothesis ------------------------------
# The splitter's regexes below are tried only where a quick test (a word the lower-cased text
# holds, a first character, a digit) says they can match. Hypothesis writes text for each
# alternative of each regex; the quick test must let all of it through, so an alternative added
# to a regex without its word fails here instead of silently keeping debris in the digest.


def _words(words: tuple[str, ...]) -> Callable[[str], bool]:
    return lambda text: holds_any(text, words)


PRECHECKS: list[tuple[str, re.Pattern[str], Callable[[str], bool]]] = [
    ("intro talk", bp._INTRO_TALK, bp._may_be_intro_talk),
    ("newsletter talk", bp._NEWSLETTER_TALK, _words(bp._TALK_WORDS)),
    ("citation", bp._CITATION, _words(bp._CITATION_WORDS)),
    ("document link", bp._DOCUMENT_LINK, lambda text: "(" in text),
    ("member", bp._MEMBER, lambda text: "(" in text),
    ("postcode", bp._POSTCODE, lambda text: bp._POSTCODE_HINT.search(text)),
    ("gift", split._GIFT, _words(split._GIFT_WORDS)),
    ("booking", debris._BOOKING, _words(debris._BOOKING_WORDS)),
    ("job cues", debris._JOB_CUES, _words(debris._CUE_WORDS)),
    ("offer terms", debris._OFFER_TERMS, lambda text: "apply" in text.lower()),
    ("page mark", debris._PAGE_MARK, lambda t: t[:1].isdecimal() or "page" in t.lower()),
    ("post header", debris._POST_HEADER, lambda text: ":" in text),
    ("e-mail address", debris._EMAIL, lambda text: "@" in text),
    ("telephone", debris._PHONE, lambda text: debris._DIGIT_RUN.search(text)),
    ("clock time", debris._CLOCK, lambda text: debris._DIGITS.search(text)),
    ("quote marking items", text_lines._ITEM_QUOTE, lambda text: text[:2] == ">>"),
    ("quote marking an item", text_lines._MARK_QUOTE, lambda text: text[:1] == ">"),
    # `_clean` tests stripped lines only (a "\n" after the mark would satisfy the "$").
    ("emphasised line", text_lines._EMPHASIS_LINE, lambda t: t != t.strip() or t[-1:] == t[:1]),
]


def _split(source: str) -> list[str]:
    """`source` cut at each `|` outside groups and character classes."""
    parts, depth, start, at, in_class = [], 0, 0, 0, False
    while at < len(source):
        ch = source[at]
        if ch == "\\":
            at += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            at += source[at + 1 : at + 2] == "]"  # "[]...]": a "]" first is a member
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:at])
            start = at + 1
        at += 1
    return [*parts, source[start:]]


def _balanced(source: str) -> bool:
    """No group in `source` closes one it did not open: it is the inside of one group."""
    depth = 0
    for part in re.split(r"\\.|\[(?:\\.|[^\]\\])*\]", source):  # escapes and classes aside
        for ch in part:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if depth < 0:
                return False
    return depth == 0


def _alternatives(pattern: re.Pattern[str]) -> list[re.Pattern[str]]:
    """The regex's alternatives, each alone (those of its one enclosing group, as in
    `\\b(?:a|b)\\b`, with what encloses it), so that every alternative gets examples."""
    parts = _split(pattern.pattern)
    enclosed = re.fullmatch(r"(?s)(.*?)\(\?:(.*)\)([^()]*)", pattern.pattern)
    if (
        len(parts) == 1
        and enclosed is not None
        and _balanced(enclosed.group(2))
        and len(_split(enclosed.group(2))) > 1
    ):
        head, body, tail = enclosed.groups()
        parts = [f"{head}(?:{part}){tail}" for part in _split(body)]
    return [re.compile(part, pattern.flags) for part in parts]


def _unbounded(source: str) -> str:
    """`source` without the word boundary it opens or closes with (not an escaped space)."""
    source = source.lstrip().removeprefix(r"\b")
    end = source.rstrip()
    return end[:-2] if end.endswith(r"\b") and not end.endswith(r"\\b") else source


CASES = [
    pytest.param(alternative, precheck, id=f"{name} {at}")
    for name, pattern, precheck in PRECHECKS
    for at, alternative in enumerate(_alternatives(pattern))
]


@pytest.mark.parametrize(("pattern", "precheck"), CASES)
# Look-arounds ("(?!-)", "(?=:)") make Hypothesis throw away much of what it writes.
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_a_precheck_lets_through_all_its_regex_matches(
    pattern: re.Pattern[str], precheck: Callable[[str], bool], data: st.DataObject
) -> None:
    # Hypothesis cannot write "\\b£" or "'s \\b" (a word boundary beside a non-word character):
    # it writes the text between the boundaries, and a letter or a space goes either side.
    inner = re.compile(_unbounded(pattern.pattern), pattern.flags)
    side = st.sampled_from(["", "a", " "])
    text = data.draw(side) + data.draw(st.from_regex(inner)) + data.draw(side)
    assume(pattern.search(text) is not None)
    assert precheck(text), f"{text!r} matches {pattern.pattern[:40]!r}... but skips it"


def test_alternatives_are_found_inside_an_enclosing_group() -> None:
    found = _alternatives(re.compile(r"\b(?:ab|c[|)]d|e(?:f|g))\b"))
    assert [p.pattern for p in found] == [r"\b(?:ab)\b", r"\b(?:c[|)]d)\b", r"\b(?:e(?:f|g))\b"]


def test_the_intro_precheck_knows_the_opening_added_last() -> None:
    # "About this round-up:" was added to the regex after its precheck was written.
    text = "About this round-up: compiled monthly by the library service for staff."
    assert bp.is_intro_talk(text)


def test_a_precheck_still_lets_odd_case_letters_through() -> None:
    # An ignore-case regex takes "ı" for "i" though str.lower keeps it: "gıft" is "gift".
    assert split._GIFT.search("Give a gıft today") is not None
    assert holds_any("Give a gıft today", split._GIFT_WORDS)
