"""Bytes to clean text: encodings are detected, not assumed, and invisible debris removed."""

from __future__ import annotations

import codecs
import re
import unicodedata

from indexer.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Among candidates charset-normalizer rates equally, these are what English newsletters use;
# without the preference it often answers cp1250, which garbles letters such as ï.
_PREFERRED = ("utf_8", "cp1252", "iso8859_15", "latin_1")
_SAMPLE = 2_000_000
_NUL_SAMPLE = 65_536  # enough to tell text holding NULs from binary data
_STRAY_NULS = 8  # NULs a short text file may hold and still be text
_WIDE = ("utf_16_le", "utf_16_be")
# Control bytes text does not hold (tab, line ends and ESC aside): binary data is full of them.
_CONTROL_BYTES = bytes([*range(1, 9), *range(14, 27), *range(28, 32), 127])

# Regular expressions, not str.translate: translate with a dict is slow on non-ASCII text.
_COLUMN_TAB = re.compile(r"(?<=\S)[ \t]*\t[ \t]*(?=\S)")
_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u3000\t\v]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\u180e]")
# Line ends other than "\n" ("\r\n" first, so it becomes one): `str.replace` per mark found
# is six times faster than one substitution over a whole CRLF message.
_LINE_ENDS = ("\r\n", "\r", "\u2028", "\u2029", "\x85")
# C0 controls (but tab and newline), DEL and C1 controls: a terminal would act on them (ESC
# starts ANSI/OSC sequences), so they are shown as visible symbols instead of being passed on.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode control pictures: ␀ … ␛ … ␟
    return "\u2421" if code == 0x7F else "\ufffd"


def visible_controls(text: str, *, one_line: bool = False) -> str:
    """Control characters as visible symbols (ESC as ␛), so text reaching a terminal, a pane or
    an export is shown literally and never acted on; `one_line` also makes newlines and tabs
    visible (for one-line messages naming a file)."""
    pattern = _CONTROLS_ONE_LINE if one_line else _CONTROLS
    return pattern.sub(_picture, text) if pattern.search(text) else text


# Characters that change what a line seems to say without being seen: bidi embeddings,
# overrides and isolates (which reorder the text after them: "Trojan Source"), zero-width
# characters and tag characters (which hide text or split a word). Left in the index and in JSON;
# shown as U+FFFD wherever a person reads text. The marks LRM, RLM and ALM, which cannot reorder
# letters, are left to right-to-left text that needs them.
_HIDDEN = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060-\u2064\ufeff\u180e]|[\U000e0000-\U000e007f]+"
)
_FLAG = "\U0001f3f4"  # a subdivision flag (England, Scotland, Wales) is 🏴 and tag characters


def _hidden(match: re.Match[str]) -> str:
    """U+FFFD for each hidden character, but for those an emoji is made of."""
    found, text, at = match.group(), match.string, match.start()
    before = text[at - 1] if at else ""
    if found == "\u200d":  # a zero-width joiner between emoji: 👩‍⚕️
        if (before == "\ufe0f" or _emoji(before)) and _emoji(text[at + 1 : at + 2]):
            return found
    elif found >= "\U000e0000" and before == _FLAG:  # a run of tag characters after 🏴
        return found
    return "\ufffd" * len(found)


def _emoji(char: str) -> bool:
    return bool(char) and unicodedata.category(char) in ("So", "Sk")


def visible_text(text: str, *, one_line: bool = False) -> str:
    """Text as a person is shown it (terminal, app, one-line message): control characters as
    visible symbols (`visible_controls`) and hidden characters as U+FFFD, one character for
    one, so offsets into the text (entities, query terms) still fit."""
    text = visible_controls(text, one_line=one_line)
    if text.isascii() or _HIDDEN.search(text) is None:
        return text
    return _HIDDEN.sub(_hidden, text)


def readable_path(name: str) -> str:
    """A file name as text that can be stored and printed. Bytes of a name that are not UTF-8
    reach Python as lone surrogates, which SQLite, the index and stdout refuse: they are shown
    as \\xNN escapes instead (such a name is indexed under this spelling)."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def has_bom(data: bytes) -> bool:
    return any(data.startswith(bom) for bom, _ in _BOMS)


def nul_text(sample: bytes) -> str | None:
    """For bytes holding NULs, which binary files are full of: the encoding of text that holds
    them all the same (UTF-16 without a BOM, whose English text is half NULs), "" for text with
    a few stray NULs (one in a hundred bytes at most), None for binary data."""
    from charset_normalizer import from_bytes  # only for bytes with NULs: load lazily

    sample = sample[:_NUL_SAMPLE]
    guess = from_bytes(sample).best()
    if guess is not None and guess.encoding in _WIDE and _wide_nuls(sample, guess.encoding):
        return guess.encoding
    rest = sample.replace(b"\x00", b"")
    nuls = len(sample) - len(rest)
    controls = len(rest) - len(rest.translate(None, _CONTROL_BYTES))
    if nuls > max(_STRAY_NULS, len(sample) // 100) or controls > len(sample) // 100:
        return None
    return "" if rest.strip() and from_bytes(rest).best() is not None else None


def _wide_nuls(sample: bytes, encoding: str) -> bool:
    """The NULs fall where UTF-16 puts the high byte of Latin letters (every second byte,
    on the side the byte order says), which charset-normalizer does not check on a few bytes."""
    size = len(sample) // 2 * 2
    high, low = sample[1:size:2], sample[0:size:2]
    if encoding == "utf_16_be":
        high, low = low, high
    return size >= 16 and high.count(0) * 10 >= len(high) * 3 and low.count(0) * 20 <= len(low)


def decode_bytes(data: bytes) -> str:
    """Decode text: BOM, then UTF-16 without one, then strict UTF-8, then charset-normalizer's
    best guess; stray NUL bytes are dropped."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(f"cannot decode text: bad {encoding} data") from exc
    if b"\x00" in data:
        wide = nul_text(data)
        if wide:
            return data.decode(wide, errors="replace")
        data = data.replace(b"\x00", b"")  # a stray NUL says nothing
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    from charset_normalizer import from_bytes  # only for text that is not UTF-8: load lazily

    matches = from_bytes(data[:_SAMPLE])
    best = matches.best()
    if best is None:
        raise ReadError("cannot decode text: unknown encoding")
    near = {m.encoding for m in matches if m.chaos <= best.chaos + 0.01}
    for encoding in (*[e for e in _PREFERRED if e in near], best.encoding):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReadError("cannot decode text: unknown encoding")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a stray bad byte or two is still UTF-8 (else it would turn into mojibake)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return good >= 4 and bad * 20 <= good


def _is_tidy(text: str) -> bool:
    """Nothing for `tidy` to change: every character it replaces is non-printable to Python but
    the combining grapheme joiner, so one printability pass spares four regex passes (a digest
    is tidied by its reader and again by the splitter)."""
    return text.replace("\n", " ").isprintable() and "\u034f" not in text


def tidy(text: str) -> str:
    """Unify line ends and spaces; drop zero-width characters and soft hyphens; show control
    characters (terminal escape sequences) as visible symbols."""
    if _is_tidy(text):
        return text
    if "\f" in text:  # a page break (PDF text): the page's foot stays next to the next's head
        text = text.replace("\n\f", "\n").replace("\f", "\n")
    for end in _LINE_ENDS:
        if end in text:
            text = text.replace(end, "\n")
    if "\t" in text:
        text = _COLUMN_TAB.sub("  ", text)  # a tab between words keeps a column's gap
    return visible_controls(_INVISIBLE.sub("", _SPACES.sub(" ", text)))
