"""The dex query language on top of Whoosh's: checks, field aliases, dates, money, bookmarks.

Whoosh's parser is lenient (an unclosed quote or an unknown field silently changes the query),
so queries are lexed here first. Problems become a QueryError naming the query; the forms users
guess (`organisation:`, `date:"last month"`, `money:>10m`, `bookmarked:yes`) become plain Whoosh
syntax; bookmark and tag terms become named id sets (`vset:s0`) resolved when the query runs.
No Whoosh here: engine.compile_query parses the result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from indexer.engine.documents import name_words
from indexer.errors import BookmarkLookup, QueryError
from indexer.search.query_dates import DateRange, parse_period

ALIASES: dict[str, str] = {
    "headline": "headline", "headlines": "headline",
    "body": "text",
    "text": "text", "content": "text",
    "title": "title",
    "source": "source", "from": "source", "file": "source",
    "date": "date", "when": "date", "year": "date",
    "org": "org", "orgs": "org", "organisation": "org", "organisations": "org",
    "organization": "org", "organizations": "org",
    "person": "person", "people": "person", "who": "person",
    "place": "place", "places": "place", "where": "place",
    "money": "money", "percent": "percent",
    "entity": "entity", "entities": "entity",
    "id": "id",
    "bookmarked": "bookmarked", "bookmark": "bookmarked",
    "tag": "tag", "tags": "tag",
    "new": "new",
}  # fmt: skip
FIELD_HELP = (
    "headline, body, text, title, source/from, date, org, person, place, money, percent, "
    "entity, bookmarked, tag, new"
)
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
MAX_LENGTH = 2000  # characters: a query, not a pasted document
MAX_DEPTH = 20  # levels of parentheses
_SPECIAL = frozenset({"date", "money", "percent", "bookmarked", "tag", "new"})
_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"'})
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<phrase>"[^"]*"(?:~\d*)?(?:\^[\d.]+)?)
  | (?P<quote>")
  | (?P<open>\()
  | (?P<close>\))
  | (?P<range>[\[{][^\[\]{}]*[\]}])
  | (?P<bracket>[\[\]{}])
  | (?P<neg>-(?=[^\s\-]))
  | (?P<plus>\+(?=\S))
  | (?P<field>[A-Za-z_][\w-]*:)
  | (?P<colon>:)
  | (?P<word>[^\s()"\[\]{}:]+)
    """,
    re.X,
)
_RANGE = re.compile(r"^\s*(?P<lo>.*?)\s*(?:\bto\b|\.\.)\s*(?P<hi>.*?)\s*$", re.I | re.S)
_COMPARE = re.compile(r"^(?P<op>[<>]=?)\s*(?P<value>.+)$")
_MONEY = re.compile(
    r"^[£$€]?\s*(?P<n>\d[\d,]*(?:\.\d+)?|\.\d+)\s*"
    r"(?P<unit>k|thousand|m|mn|million|b|bn|billion|tn|trillion)?$",
    re.I,
)
_UNITS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
          "billion": 1e9, "tn": 1e12, "trillion": 1e12}  # fmt: skip
_PERCENT = re.compile(r"^(?P<n>-?\d+(?:\.\d+)?|-?\.\d+)\s*(?:%|per\s*cent|percent|pc)?$", re.I)
_YES = frozenset({"yes", "y", "true", "1", "on"})
_NO = frozenset({"no", "n", "false", "0", "off"})
Token = tuple[str, str]


@dataclass(frozen=True)
class PreparedQuery:
    """A query in Whoosh syntax ("" = every story) plus the id sets its `vset:` terms name."""

    text: str
    sets: dict[str, frozenset[str]] = field(default_factory=dict)


def lex(query: str) -> list[Token]:
    """(kind, text) tokens; kinds are the group names of _TOKEN."""
    return [(m.lastgroup or "word", m.group()) for m in _TOKEN.finditer(query)]


def prepare(
    query: str,
    *,
    bookmarks: BookmarkLookup | None = None,
    today: dt.date | None = None,
    new: Collection[str] | None = None,
) -> PreparedQuery:
    """Check and rewrite a user query; raises QueryError("query '...': what is wrong").
    `new`: the stories `new:yes` means (new since the user's last visit; none if not given)."""
    text = query.translate(_SMART_QUOTES).strip()
    if text in ("", "*"):
        return PreparedQuery("")
    rewriter = _Rewriter(query, bookmarks, today or dt.date.today(), frozenset(new or ()))
    if len(text) > MAX_LENGTH:
        raise rewriter.error(f"too long ({len(text):,} characters; at most {MAX_LENGTH:,})")
    return rewriter.run(lex(text))


class _Rewriter:
    def __init__(
        self,
        query: str,
        bookmarks: BookmarkLookup | None,
        today: dt.date,
        new: frozenset[str] = frozenset(),
    ) -> None:
        self.query = query
        self.bookmarks = bookmarks
        self.today = today
        self.new = new
        self.sets: dict[str, frozenset[str]] = {}

    def error(self, problem: str) -> QueryError:
        shown = self.query if len(self.query) <= 80 else self.query[:77] + "..."
        return QueryError(f"query {shown!r}: {problem}")

    def run(self, tokens: list[Token]) -> PreparedQuery:
        out: list[str] = []
        depth = 0
        i = 0
        while i < len(tokens):
            kind, text = tokens[i]
            i += 1
            if kind in ("ws", "colon"):
                out.append(" ")
            elif kind == "quote":
                raise self.error('unbalanced quotes (")')
            elif kind == "bracket":
                raise self.error(f"unbalanced range bracket {text!r}")
            elif kind == "range":
                raise self.error(f"a range needs a field, e.g. date:{text}")
            elif kind == "open":
                depth += 1
                if depth > MAX_DEPTH:
                    raise self.error(f"parentheses nested too deeply (at most {MAX_DEPTH} levels)")
                out.append("(")
            elif kind == "close":
                depth -= 1
                if depth < 0:
                    raise self.error("')' without a matching '('")
                out.append(")")
            elif kind == "neg":
                out.append("NOT ")
            elif kind == "plus":
                continue
            elif kind == "field":
                i = self._field(tokens, i, text[:-1], out)
            else:  # word, phrase
                out.append(text)
        if depth > 0:
            raise self.error("'(' without a matching ')'")
        return PreparedQuery("".join(out).strip(), self.sets)

    def _field(self, tokens: list[Token], i: int, name: str, out: list[str]) -> int:
        """Render `name:` and its value starting at tokens[i]; returns the next index."""
        canonical = ALIASES.get(name.lower())
        followed_by_space = i < len(tokens) and tokens[i][0] == "ws"
        if canonical is None:
            if followed_by_space or i == len(tokens):  # "Exclusive: ..." is just a word
                out.append(name)
                return i
            import difflib  # imported here: only a mistyped field needs it (not every search)

            close = difflib.get_close_matches(name.lower(), ALIASES, n=1, cutoff=0.6)
            if close:
                raise self.error(f"unknown field '{name}:'; did you mean '{close[0]}:'?")
            raise self.error(f"unknown field '{name}:' (fields: {FIELD_HELP})")
        if followed_by_space:  # "org: nhs" means org:nhs
            i += 1
        if i == len(tokens) or tokens[i][0] in ("close", "ws", "field", "colon"):
            raise self.error(f"missing value after '{name}:'")
        kind, text = tokens[i]
        if kind == "quote":
            raise self.error('unbalanced quotes (")')
        if kind == "bracket":
            raise self.error(f"unbalanced range bracket {text!r}")
        if canonical not in _SPECIAL:
            if kind == "open" and canonical in _NAMED:  # org:(bma OR cqc): each by any name
                return self._group(
                    tokens, i, canonical, out, lambda k, t: self._named(canonical, k, t)
                )
            if kind == "open":  # source:(a OR b): the group is read by run(), which counts depth
                out.append(f"{canonical}:")
                return i
            if kind == "range":
                text = _RANGE_TO.sub(" TO ", text)
            if canonical in _NAMED and (named := _any_name(canonical, kind, text)) is not None:
                out.append(named)
                return i + 1
            if canonical == "source" and kind == "word" and not any(c in text for c in "*?~"):
                # A word or the start of one: source:hsj, source:2016-03 ("2016-03-05.txt").
                out.append(f"(source:{text} OR source:{text}*)")
                return i + 1
            out.append(f"{canonical}:{text}")
            return i + 1
        if kind != "open":
            out.append(self._special(canonical, kind, text))
            return i + 1
        return self._group(tokens, i, canonical, out, lambda k, t: self._special(canonical, k, t))

    def _named(self, field: str, kind: str, text: str) -> str:
        return _any_name(field, kind, text) or f"{field}:{text}"

    def _group(
        self,
        tokens: list[Token],
        i: int,
        name: str,
        out: list[str],
        value: Callable[[str, str], str],
    ) -> int:
        """`date:(2016 OR 2018)`, `org:(bma OR cqc)`: each value inside the group gets the
        field, written by `value(kind, text)`."""
        depth = 0
        while i < len(tokens):
            kind, text = tokens[i]
            i += 1
            if kind == "open":
                depth += 1
                out.append("(")
            elif kind == "close":
                depth -= 1
                out.append(")")
                if depth == 0:
                    return i
            elif kind in ("ws", "colon"):
                out.append(" ")
            elif kind == "neg":
                out.append("NOT ")
            elif kind == "word" and text in OPERATORS:
                out.append(text)
            elif kind in ("word", "phrase", "range"):
                out.append(value(kind, text))
            elif kind == "quote":
                raise self.error('unbalanced quotes (")')
            else:
                raise self.error(f"unexpected {text!r} inside {name}:( )")
        raise self.error("'(' without a matching ')'")

    def _special(self, name: str, kind: str, text: str) -> str:
        value = text.strip('"') if kind == "phrase" else text
        if name == "bookmarked":
            return self._bookmarked(value)
        if name == "new":
            return self._yes_no(name, value, self.new)
        if name == "tag":
            return self._set(self._ids(value))
        if name == "date":
            return "date:" + self._dates(kind, value)
        parse = self._money if name == "money" else self._percent
        return f"{name}:" + _numeric(kind, value, parse, self.error)

    def _bookmarked(self, value: str) -> str:
        return self._yes_no("bookmarked", value, self._ids(None))

    def _yes_no(self, name: str, value: str, ids: frozenset[str]) -> str:
        answer = value.lower()
        if answer in _YES:
            return self._set(ids)
        if answer in _NO:
            return f"(NOT {self._set(ids)})"
        raise self.error(f"{name}: takes yes or no, not {value!r}")

    def _ids(self, tag: str | None) -> frozenset[str]:
        return frozenset(self.bookmarks.ids(tag)) if self.bookmarks is not None else frozenset()

    def _set(self, ids: frozenset[str]) -> str:
        key = f"s{len(self.sets)}"
        self.sets[key] = ids
        return f"vset:{key}"

    def _dates(self, kind: str, value: str) -> str:
        try:
            return _date_range(kind, value, self.today).whoosh()
        except ValueError as exc:
            raise self.error(str(exc)) from None

    def _money(self, value: str) -> tuple[float, float]:
        match = _MONEY.match(value.strip())
        if not match:
            raise self.error(f"cannot read {value!r} as an amount (try 10m, £2.5bn, 500k)")
        amount = float(match["n"].replace(",", "")) * _UNITS.get((match["unit"] or "").lower(), 1)
        return round(amount), round(amount)

    def _percent(self, value: str) -> tuple[float, float]:
        match = _PERCENT.match(value.strip())
        if not match:
            raise self.error(f"cannot read {value!r} as a percentage (try 10, 2.5%)")
        number = float(match["n"])
        return number, number


_RANGE_TO = re.compile(r"\s+to\s+", re.I)


_NAMED = frozenset({"org", "person", "place"})
_PLAIN_PHRASE = re.compile(r'^"([^"]+)"$')


def _any_name(field: str, kind: str, text: str) -> str | None:
    """`org:bma`, `org:CQC`, `org:british`, `who:johann`: an entity by its canonical name (ranked
    first), any of its aliases, or (a single word) a word of either; `org:"Care Quality
    Commission"` by the whole name or alias only, so that two names in one story do not make a
    third. None for wildcards and the like, which stay as typed."""
    if kind == "phrase" and (match := _PLAIN_PHRASE.match(text)) is not None:
        name = match.group(1)
        return f'({field}:"{name}"^3 OR alias:"{field}:{name}"^2)'
    if kind != "word" or any(c in text for c in "*?~^"):
        return None
    words = name_words(text.lower())
    parts = [f"{field}:{text}^3", f'alias:"{field}:{text}"^2']
    if words:
        parts.append("(" + " AND ".join(f'nameword:"{field}:{word}"' for word in words) + ")")
    return "(" + " OR ".join(parts) + ")"


def _split_range(kind: str, value: str) -> tuple[str, str, bool, bool] | None:
    """(low, high, low exclusive, high exclusive) for `[a to b]`, `{a to b}` and `a..b`."""
    if kind == "range":
        match = _RANGE.match(value[1:-1])
        if not match:
            raise ValueError(f"cannot read the range {value!r} (try [a to b])")
        return match["lo"], match["hi"], value[0] == "{", value[-1] == "}"
    if ".." in value:
        lo, hi = value.split("..", 1)
        return lo.strip(), hi.strip(), False, False
    return None


def _date_range(kind: str, value: str, today: dt.date) -> DateRange:
    one_day = dt.timedelta(days=1)
    parts = _split_range(kind, value)
    if parts is not None:
        lo, hi, lo_excl, hi_excl = parts
        start = end = None
        if lo:
            low = parse_period(lo, today)
            start = low.end + one_day if lo_excl else low.start
        if hi:
            high = parse_period(hi, today)
            end = high.start - one_day if hi_excl else high.end
        found = DateRange(start, end)
    elif match := _COMPARE.match(value):
        period = parse_period(match["value"], today)
        found = {
            ">": DateRange(period.end + one_day, None),
            ">=": DateRange(period.start, None),
            "<": DateRange(None, period.start - one_day),
            "<=": DateRange(None, period.end),
        }[match["op"]]
    else:
        found = parse_period(value, today)
    if found.start and found.end and found.start > found.end:
        raise ValueError(f"date range {value!r} ends before it starts")
    return found


def _numeric(
    kind: str,
    value: str,
    parse: Callable[[str], tuple[float, float]],
    error: Callable[[str], QueryError],
) -> str:
    try:
        parts = _split_range(kind, value)
    except ValueError as exc:
        raise error(str(exc)) from None
    if parts is not None:
        lo, hi, lo_excl, hi_excl = parts
        low = _number(parse(lo)[0]) if lo else ""
        high = _number(parse(hi)[1]) if hi else ""
        if lo and hi and parse(lo)[0] > parse(hi)[1]:
            raise error(f"range {value!r} ends before it starts")
        return f"{'{' if lo_excl else '['}{low} TO {high}{'}' if hi_excl else ']'}"
    if match := _COMPARE.match(value):
        number = _number(parse(match["value"])[0])
        return {
            ">": f"{{{number} TO]",
            ">=": f"[{number} TO]",
            "<": f"[TO {number}}}",
            "<=": f"[TO {number}]",
        }[match["op"]]
    return _number(parse(value)[0])


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def spellable_words(query: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the plain words a did-you-mean may correct: not operators, not
    values of fields other than the text ones, not wildcards, fuzzy terms or numbers."""
    found: list[tuple[int, int, str]] = []
    text = query.translate(_SMART_QUOTES)
    skip_next = False
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind == "field":
            name = ALIASES.get(value[:-1].lower())
            skip_next = name not in (None, "headline", "body", "text", "title")
            continue
        if kind == "ws":
            continue
        if skip_next:
            skip_next = kind == "open"  # a group after a field: skip its first token only
            continue
        if kind == "word" and value not in OPERATORS:
            candidates = [(match.start(), value)]
        elif kind == "phrase":
            candidates = [
                (match.start() + m.start(), m.group()) for m in re.finditer(r"[^\s\"~^]+", value)
            ]
        else:
            continue
        for start, word in candidates:
            if word.isalpha():
                found.append((start, start + len(word), word))
    return found
