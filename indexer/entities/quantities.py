"""Money, percentages and dates in their British newsroom forms, with numeric values.

Why regexes and not a parser: digests write amounts and dates in a handful of fixed shapes
("£9.6bn", "36.6 per cent", "20 and 21 July", "2015-16"), and regexes find them at a speed
that keeps indexing an archive in seconds.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from indexer.entities import date_periods

# (start, end, label, canonical, value)
Found = tuple[int, int, str, str, float | str | None]


def _split(words: str) -> list[str]:
    return words.split()


MONTHS = _split(
    "January February March April May June July August September October November December"
)
MONTH_NUM = {m: i + 1 for i, m in enumerate(MONTHS)}
MONTH_NUM.update(
    {a: i + 1 for i, a in enumerate(_split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"))}
)
MONTH_NUM["Sept"] = 9
WEEKDAYS = _split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")

_MONTH = "|".join(MONTHS)
_MON = _MONTH + "|Jan|Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WD = "|".join(WEEKDAYS)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

# The currency sign comes first and the look back after it ("not after a word or another sign"):
# a pattern that starts with a character set lets the regex engine skip straight to the signs.
MONEY_RE = re.compile(
    r"([£$€])(?<![\w£$€].)\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s?(?:-|–|to)\s?(\d+(?:\.\d+)?)(?=\s?(?:bn|billion|m|mn|million|k)\b))?"
    r"(?:\s?((?i:bn|billion|mn|m|million|k|thousand|trn|tn|trillion))\b)?"
)  # a unit in any case: a headline in capitals reads "£4.2M"
# A sum after its currency's ISO code, as regulations and European sources write it: "EUR 20
# million", "USD 4.5bn" (valued only in pounds, as a sign's sum is).
CODE_MONEY_RE = re.compile(
    r"\b(EUR|USD|GBP)\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s?((?i:bn|billion|mn|m|million|k|thousand|trn|tn|trillion))\b)?(?![\w%])"
)
# What a sum is per, after it: "£2 an hour", "£150m a year", "£30,000-a-year", "£5 per item".
RATE_RE = re.compile(
    r"[\s-](a|an|per)[\s-](hour|day|night|week|fortnight|month|year|annum|head|patient|person"
    r"|shift|appointment|visit|dose|item|bed|resident|pupil|call)\b"
)
# Pence: "65p", "7.5p" (not "p45" or "20pc").
PENCE_RE = re.compile(r"(?<![\w.£$€])(\d{1,3}(?:\.\d+)?)p\b")
_PENCE_HINT = re.compile(r"[0-9]p\b")
# Pence as a tax's rate, in pence in the pound: "1p on income tax", "a 2p rise in National
# Insurance", "3p in the pound".
_TAX_RATE_RE = re.compile(
    r" (?:(?:rise|increase|cut|reduction) )?(?:on|in|off) (?:the (?:basic|higher) rate of )?"
    r"(?:income tax|National Insurance|the pound)\b"
)
MULTIPLIER = {
    "bn": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3,
    "trn": 1e12, "tn": 1e12, "trillion": 1e12, None: 1.0,
}  # fmt: skip

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        _split(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                     "eighty": 80, "ninety": 90, "hundred": 100})  # fmt: skip
_NUMWORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
PERCENT_SIGN_RE = re.compile(r"%|per\s?cent\b")
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# The number just before a percent sign: "36.6", "10-15", "five", "ninety-one".
PERCENT_NUMBER_RE = re.compile(
    rf"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|(?i:(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine)|{_NUMWORD}))"
    r"(?:\s?(?:-|–)\s?(\d+(?:\.\d+)?))?\s?\Z"
)


def _by_initial(words: list[str]) -> str:
    """An alternation of `words` grouped by first letter ("M(?:onday|arch|ay|ar)"): the engine
    tries one group at each capital instead of every word. The same words match, as no word
    followed by a non-letter is the start of another."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


# Dates are found from their month (or year) outwards: scanning for a month or weekday name or a
# "19xx"/"20xx" is several times faster than trying a date pattern at every character.
# A month or weekday name as a whole capitalised word would be matched by "[A-Z][a-z]+".
MONTH_OR_DAY_RE = re.compile(f"(?:{_by_initial([*MONTH_NUM, *WEEKDAYS])})(?![a-z])")
DAY_BEFORE_RE = re.compile(
    rf"(?<![\w.,£$€%])({_DAY}){_ORD}(?:\s*(?:and|or|to|&|-|–)\s*({_DAY}){_ORD})?\s+(?:of\s+)?\Z"
)
WEEKDAY_BEFORE_RE = re.compile(rf"\b({_WD}),?\s+\Z")
# A year may run straight into a capital where a page lost its line break ("12 March 2024New").
YEAR_AFTER_RE = re.compile(rf"\.?,?\s+({_YEAR})(?![0-9a-z_%-]|\.\d|,\d|/\d)")
DAY_AFTER_RE = re.compile(rf"\s+({_DAY})(?:(?:st|nd|rd|th)\b(?:,?\s+({_YEAR}))?|,\s+({_YEAR}))\b")
# A day after its month with no ordinal's letters, as American usage and some wires write it
# ("October 4", "October 3 and 4", "July 1 2025"): the number must end there, not run on into
# a figure ("March 12.5"), a time ("June 4:30") or a count ("April 2 trusts", see _COUNTED).
BARE_DAY_AFTER_RE = re.compile(
    rf"\s+({_DAY})(?:\s*(?:and|&|-|–)\s*{_DAY})?(?:,?\s+({_YEAR}))?(?![\w%£$:.,/-]\w|[\w%£$])"
)
YEARISH_RE = re.compile(rf"{_YEAR}(?:[-–/](?:{_YEAR}|\d\d))?")
RELATIVE_YEAR_RE = re.compile(r"\b([Ll]ast|[Tt]his|[Nn]ext) year\b")
# " year" is a literal the engine finds fast; the four-letter word before it is then checked
# in place (a pattern that starts with a word boundary is tried at every character).
YEAR_WORD_RE = re.compile(" year")
MONTH_PREFIXES = ("mid-", "early-", "late-")

# Words after which a bare four-digit number is a year ("in 2009", "since 2014").
YEAR_CONTEXT = frozenset(
    _split(
        "in into since by until till from before after during between and to throughout early late "
        "mid end start beginning summer spring autumn winter around circa of the a its their for"
    )
)
# "of" only counts after these ("the end of 2024", not "a total of 2015 patients").
OF_CONTEXT = frozenset(
    _split("end start beginning middle summer spring autumn winter half quarter class rest")
)
MAY_CONTEXT = frozenset(
    _split(
        "in by since until till from before after during last next this early late end of on "
        "between and to mid"
    )
)
_COUNTED = re.compile(r"\s+(?!(?:and|or|to|onwards|as|is|was|will|with|in|at|on|the)\b)[a-z]")
SEASONS = frozenset(_split("spring summer autumn winter"))
# The last word of a text: a run of letters that starts no later than it must (look-behind) and
# is taken whole (possessive), so a search does not retry from inside every word it passes.
_WORD_BEFORE = re.compile(r"(?<![A-Za-z])([A-Za-z]++)\W*+$")


def _word_before(text: str, pos: int, skip: int = 0) -> str:
    """The word ending just before `pos` (lower case), `skip` words further back if asked."""
    head = text[max(0, pos - 40) : pos]
    for _ in range(skip + 1):
        m = _WORD_BEFORE.search(head)
        if not m:
            return ""
        word, head = m.group(1), head[: m.start()]
    return word.lower()


def _matches(pattern: re.Pattern[str], text: str, needles: tuple[str, ...]) -> list[re.Match[str]]:
    """pattern.finditer(text) for a pattern whose every match starts with one of `needles`.

    Why: the regex engine looks for a set of first characters one character at a time, while
    str.find looks for a literal many times faster; so the pattern is tried only there.
    """
    starts: list[int] = []
    for needle in needles:
        i = text.find(needle)
        while i != -1:
            starts.append(i)
            i = text.find(needle, i + 1)
    starts.sort()
    found: list[re.Match[str]] = []
    end = 0
    for i in starts:
        m = pattern.match(text, i) if i >= end else None
        if m is not None:
            found.append(m)
            end = m.end()
    return found


def find(text: str, ref: dt.date | None) -> list[Found]:
    """Money, percentages and dates in `text`, in that order (lists, not generators: most texts
    hold none or one, and a generator costs more to set up than the scan it wraps)."""
    found = money(text)
    found += percents(text)
    found += dates(text, ref)
    return found


def money(text: str) -> list[Found]:
    """Sums of money; a rate ("£2 an hour", "£150m a year") keeps its unit in the canonical
    name ("£150m a year") while the span and the value are the amount ("£150m", 150e6)."""
    found: list[Found] = []
    if _PENCE_HINT.search(text):  # a cheap pattern: a digit, "p", a word's end
        found += _pence(text)
    if "EUR" in text or "USD" in text or "GBP" in text:
        found += _coded(text)
    if "£" not in text and "$" not in text and "€" not in text:
        return found
    for m in _matches(MONEY_RE, text, ("£", "$", "€")):
        currency, whole, frac, _upper, unit = m.groups()
        number = float(whole.replace(",", "") + (frac or ""))
        value = number * MULTIPLIER[unit and unit.lower()] if currency == "£" else None
        canonical = " ".join(m.group().split())
        rate = RATE_RE.match(text, m.end())
        if rate is not None:
            canonical += f" {rate.group(1)} {rate.group(2)}"
        found.append((m.start(), m.end(), "MONEY", canonical, value))
    return found


def _coded(text: str) -> list[Found]:
    """ "EUR 20 million": a sum after its currency's code."""
    found: list[Found] = []
    for m in CODE_MONEY_RE.finditer(text):
        code, whole, frac, unit = m.groups()
        number = float(whole.replace(",", "") + (frac or ""))
        value = number * MULTIPLIER[unit and unit.lower()] if code == "GBP" else None
        found.append((m.start(), m.end(), "MONEY", " ".join(m.group().split()), value))
    return found


def _pence(text: str) -> list[Found]:
    """ "65p": pence, valued in pounds."""
    found: list[Found] = []
    for m in PENCE_RE.finditer(text):
        if _TAX_RATE_RE.match(text, m.end()):
            continue  # "1p on income tax", "a 2p cut in National Insurance": a tax's rate
        canonical = m.group()
        rate = RATE_RE.match(text, m.end())
        if rate is not None:
            canonical += f" {rate.group(1)} {rate.group(2)}"
        found.append((m.start(), m.end(), "MONEY", canonical, float(m.group(1)) / 100))
    return found


def percents(text: str) -> list[Found]:
    found: list[Found] = []
    if "%" not in text and "cent" not in text:  # implied by PERCENT_SIGN_RE; cheaper than it
        return found
    for sign in _matches(PERCENT_SIGN_RE, text, ("%", "per")):
        head = max(0, sign.start() - 24)
        m = PERCENT_NUMBER_RE.search(text, head, sign.start())
        if m is None:
            continue
        first = m.group(1)
        number = (
            float(sum(NUMBER_WORDS[w] for w in first.lower().split("-")))
            if first[0].isalpha()
            else float(first.replace(",", ""))
        )
        found.append((m.start(), sign.end(), "PERCENT", f"{number:g}%", number))
    return found


@functools.lru_cache(maxsize=4096)  # a digest's stories ask about the same few dates
def _nearest(ref: dt.date | None, month: int, day: int) -> dt.date | None:
    """The date with this month and day closest to the digest date (digests look both ways)."""
    if ref is None:
        return None
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    return best


def _ymd(year: str | None, month: int, day: int, ref: dt.date | None) -> str | None:
    if year:
        try:
            return dt.date(int(year), month, day).isoformat()
        except ValueError:
            return None
    found = _nearest(ref, month, day)
    return found.isoformat() if found else None


def dates(text: str, ref: dt.date | None) -> list[Found]:
    """Dates with a day or month, years in date context, fiscal years, weekdays, "last year"."""
    found: list[Found] = []
    for m in MONTH_OR_DAY_RE.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        if (start and text[start - 1].isalpha()) or text[end : end + 1].isalnum():
            continue
        if word in MONTH_NUM:
            span = _around_month(text, word, start, end, ref)
        else:
            span = start, end, _weekday(word, ref)
        if span is not None:
            first, last, value = span
            found.append((first, last, "DATE", value or " ".join(text[first:last].split()), value))
    if "19" in text or "20" in text:  # implied by YEARISH_RE
        found += _years(text)
        found += _numeric_dates(text)
    if " year" in text:  # implied by YEAR_WORD_RE, and cheaper than setting it going
        for year in YEAR_WORD_RE.finditer(text):
            rel = RELATIVE_YEAR_RE.match(text, year.start() - 4) if year.start() >= 4 else None
            if rel is not None:
                shift = {"last": -1, "this": 0, "next": 1}[rel.group(1).lower()]
                found.append(_date(rel, str(ref.year + shift) if ref else None))
    found += date_periods.quarters(text)
    found += date_periods.holidays(text)
    found += date_periods.relative(text, ref)
    if len(found) > 1:
        found.sort(key=_text_order)
    return date_periods.widen(text, found) if found else found


def _text_order(found: Found) -> tuple[int, int]:
    return found[0], -found[1]


@functools.lru_cache(maxsize=4096)
def _weekday(word: str, ref: dt.date | None) -> str | None:
    """The date of that weekday nearest the digest date (a digest looks three days either way)."""
    if ref is None:
        return None
    offset = (WEEKDAYS.index(word) - ref.weekday() + 3) % 7 - 3
    return (ref + dt.timedelta(days=offset)).isoformat()


def _around_month(
    text: str, month: str, start: int, end: int, ref: dt.date | None
) -> tuple[int, int, str | None] | None:
    """The longest date around a month name: "Tuesday 20th and 21st February 2024", "June 27"."""
    number = MONTH_NUM[month]
    year_m = YEAR_AFTER_RE.match(text, end)
    day_m = _day_before(text, start)
    if day_m is not None:
        first = _with_weekday(text, day_m.start())
        if year_m is not None:
            end = year_m.end()
        return first, end, _ymd(year_m and year_m.group(1), number, int(day_m.group(1)), ref)
    if month not in MONTHS:  # "Jan" or "Dec" alone is too often something else; with its
        bare = BARE_DAY_AFTER_RE.match(text, end)  # day it is a date ("Sep 12 · 11 min read")
        if bare is None or _COUNTED.match(text, bare.end()):
            return None
        value = _ymd(bare.group(2), number, int(bare.group(1)), ref)
        return _with_weekday(text, start), bare.end(), value
    after = DAY_AFTER_RE.match(text, end)
    if after is not None:
        year = after.group(2) or after.group(3)
        return _with_weekday(text, start), after.end(), _ymd(year, number, int(after.group(1)), ref)
    bare = BARE_DAY_AFTER_RE.match(text, end)
    if bare is not None and not _COUNTED.match(text, bare.end()):
        value = _ymd(bare.group(2), number, int(bare.group(1)), ref)
        return _with_weekday(text, start), bare.end(), value
    prefix = ""
    if text.startswith("-", start - 1):  # every prefix ends so
        prefix = next((p for p in MONTH_PREFIXES if text.startswith(p, start - len(p))), "")
    if year_m is not None:
        return start - len(prefix), year_m.end(), f"{year_m.group(1)}-{number:02d}"
    if month == "May" and not prefix and _word_before(text, start) not in MAY_CONTEXT:
        return None
    near = _nearest(ref, number, 15)
    return start - len(prefix), end, f"{near.year}-{near.month:02d}" if near else None


def _day_before(text: str, start: int) -> re.Match[str] | None:
    """DAY_BEFORE_RE ending at `start`, looked for only if the text there ends in white space
    after a digit, an ordinal's last letter or "of" ("12 ", "21st ", "of "): mostly it does not
    ("in March"), and the pattern is tried at each of the 30 characters before the month."""
    head = text[max(0, start - 30) : start]
    rest = head.rstrip()
    if len(rest) == len(head) or rest[-1:] not in _DAY_ENDS:
        return None
    return DAY_BEFORE_RE.search(text, max(0, start - 30), start)


_DAY_ENDS = frozenset("0123456789tdhf")


def _with_weekday(text: str, start: int) -> int:
    if text.find("day", max(0, start - 12), start) == -1:  # every weekday's name ends so
        return start
    m = WEEKDAY_BEFORE_RE.search(text, max(0, start - 12), start)
    return m.start() if m else start


# "26/11/2021", "26.11.2021" (day first, as in Britain) and ISO "2021-11-26".
_NUMERIC_DATE = re.compile(
    r"(?<![\w/.-])(?:(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d\d)|((?:19|20)\d\d)-(\d\d)-(\d\d))"
    r"(?![\w/-]|\.\d)"
)


def _numeric_dates(text: str) -> list[Found]:
    found: list[Found] = []
    for m in _NUMERIC_DATE.finditer(text):
        day, _, month, year, iso_year, iso_month, iso_day = m.groups()
        parts = (year, month, day) if year else (iso_year, iso_month, iso_day)
        try:
            value = dt.date(*map(int, parts)).isoformat()  # type: ignore[arg-type]
        except ValueError:
            continue  # "31/02/2021", a version or a reference, not a date
        found.append((m.start(), m.end(), "DATE", value, value))
    return found


def _years(text: str) -> list[Found]:
    found: list[Found] = []
    for m in _matches(YEARISH_RE, text, ("19", "20")):
        start, end = m.span()
        before = text[start - 1] if start else " "
        after = text[end : end + 2] + "  "
        if before.isalnum() or before in "£$€.,/_" or after[0].isalnum() or after[0] in "%_":
            continue
        if after[0] in ".,/" and after[1].isdigit():
            continue
        span = m.group()
        if len(span) > 4:
            first, second = int(span[:4]), int(span[5:])
            later = second if second > 999 else first - first % 100 + second
            if later > first and before != "-":
                found.append((start, end, "DATE", str(first), str(first)))
            continue
        if after[0] == "-":
            continue
        if before == "-":
            if not text.startswith("mid-", start - 4):
                continue
            start -= 4
        else:
            word = _word_before(text, start)
            if word not in YEAR_CONTEXT or (
                word == "of" and _word_before(text, start, 1) not in OF_CONTEXT
            ):
                continue
            if word == "for" and _COUNTED.match(text, end):
                continue  # "for 2025 patients" counts; "a priority for 2025." is a year
            if word in SEASONS and text[start - len(word) - 1 : start - 1].lower() == word:
                start -= len(word) + 1  # "spring 2025" is one date, like "March 2025"
        found.append((start, end, "DATE", span, span))
    return found


def _date(m: re.Match[str], value: str | None) -> Found:
    return m.start(), m.end(), "DATE", value or " ".join(m.group().split()), value
