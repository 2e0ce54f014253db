"""A folder of bad files, one per kind, next to good digests: what years of mail folders and
downloads hold. Each kind says how dex must treat it: "note" (a one-line message naming the
file, nothing indexed from it) or "parsed" (its stories found; `find` is a word to search)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

GOOD_WORD = "zanzibarqueue"  # in a good digest beside the bad ones: the rest is indexed


@dataclass(frozen=True)
class Kind:
    name: str  # what the test reports
    path: str  # relative to the corpus folder (the file the message must name)
    expect: str  # "note" or "parsed"
    find: str = ""  # for "parsed": a word that must be searchable afterwards

    @property
    def shown(self) -> str:
        """The path as dex names it: bytes of the name that are not UTF-8 as \\xNN."""
        return os.fsencode(self.path).decode("utf-8", "backslashreplace")


def _digest(
    headline: str, body: str, header: str = "The must-read stories in health policy"
) -> str:
    second = "Second story about ward closures\n\nA trust said wards would close.\n"
    return f"{header}\n\n{headline}\n\n{body}\n\n{second}"


def good_digest(word: str) -> str:
    """A digest that splits into stories, one of them holding `word`."""
    return _digest(f"Trust opens {word} clinic", "NHS England said the clinic would open in May.")


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _eml(subject: str, body: str) -> str:
    return (
        f"From: news@example.org\nTo: you@example.org\nSubject: {subject}\n"
        f"Date: Thu, 14 Mar 2024 08:00:00 +0000\nMIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=utf-8\n\n{body}"
    )


def nested_mail(depth: int) -> str:
    """A mail whose MIME parts nest `depth` levels deep around one text part."""
    head = "From: a@example.org\nSubject: Deep\nMIME-Version: 1.0\n"
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth)
    )
    closing = "".join(f"\n--b{i}--\n" for i in reversed(range(depth)))
    return head + opening + "Content-Type: text/plain\n\nTrust fined over death.\n" + closing


def build(root: Path, *, huge_bytes: int = 50_000_000) -> list[Kind]:
    """Write the corpus below `root`; returns the kinds (>= 20)."""
    kinds: list[Kind] = []

    def add(name: str, rel: str, data: bytes | str | None, expect: str, find: str = "") -> None:
        if data is not None:
            _write(root / rel, data)
        kinds.append(Kind(name, rel, expect, find))

    _write(
        root / "good" / "2024-03-14-good.txt",
        good_digest(GOOD_WORD),
    )
    add("empty file", "empty.txt", b"", "note")
    add("whitespace only", "blank.txt", b"  \n\t\n   \r\n\n", "note")
    add("binary with .txt name", "binary.txt", b"\x7fELF\x02\x01\x01" + os.urandom(4000), "note")
    add("image named .md", "photo.md", b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "note")
    add("random bytes named .html", "noise.html", bytes(range(256)) * 40, "note")
    add(
        "truncated UTF-8",
        "truncated.txt",
        _digest("Caf\u00e9 funding truncatedword", "The trust said money was short.").encode()
        + "\u00e9t\u00e9".encode()[:-1][:3],
        "parsed",
        "truncatedword",
    )
    add(
        "mixed encodings",
        "mixed.txt",
        _digest("Mixed caf\u00e9 mixedencword", "A na\u00efve plan.").encode("utf-8")
        + "\n\nWindows na\u00efve \u2018quotes\u2019 plan\n\nThe \u00a3 cost.\n".encode("cp1252"),
        "parsed",
        "mixedencword",
    )
    line = (b"hospital beds funding winter plan " * (huge_bytes // 34 + 1))[:huge_bytes]
    add("50 MB single line", "huge-line.txt", line, "note")
    deep = "/".join(f"d{i}" for i in range(120))
    add(
        "deeply nested folders (120 levels)",
        f"{deep}/2024-03-14-deep.txt",
        _digest("Deep folder story deepnestword", "The trust said it was deep."),
        "parsed",
        "deepnestword",
    )
    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "up")  # a loop back to the corpus root
    os.symlink("b", root / "loop" / "a")
    os.symlink("a", root / "loop" / "b")  # a -> b -> a
    add("symlink loop", "loop/a", None, "note")
    os.symlink("nowhere.txt", root / "dangling.txt")
    add("dangling symlink", "dangling.txt", None, "note")
    add(
        "unreadable permissions",
        "secret.txt",
        _digest("Secret story", "Nobody may read this."),
        "note",
    )
    (root / "secret.txt").chmod(0o000)
    add(
        "malformed e-mail",
        "malformed.eml",
        "Subject: =?utf-8?B?!!!notbase64?=\nContent-Type: multipart/mixed; boundary=\n"
        "Content-Transfer-Encoding: base64\n\n--\n!!garbage==\n--",
        "note",
    )
    add(
        "multipart e-mail without text",
        "attachment-only.eml",
        "From: a@example.org\nSubject: Scan\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="XX"\n\n--XX\nContent-Type: image/png\n'
        "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--XX--\n",
        "note",
    )
    good_mail = _eml(
        "Health digest mboxgoodword",
        _digest("Mbox story mboxgoodword", "NHS England said it was fine."),
    )
    add(
        "mbox with a broken message",
        "mail.mbox",
        "From news@example.org Thu Mar 14 08:00:00 2024\n" + good_mail + "\n\n"
        "From broken@example.org Thu Mar 14 09:00:00 2024\n"
        'Content-Type: multipart/mixed; boundary="Q"\nSubject: broken\n\n--Q\n'
        "Content-Type: image/gif\n\nGIF89a\n--Q--\n",
        "parsed",
        "mboxgoodword",
    )
    add(
        "HTML with no body",
        "nobody.html",
        "<!doctype html><html><head><title>Empty</title></head></html>",
        "note",
    )
    add(
        "HTML with only scripts",
        "scripts.html",
        "<html><body><script>var x = '<p>not text</p>';</script><style>p{}</style>"
        "<noscript></noscript></body></html>",
        "note",
    )
    tables = (
        "<table><tr><td>" * 400 + "Nested table story nestedtableword" + "</td></tr></table>" * 400
    )
    add(
        "HTML with deeply nested tables",
        "tables.html",
        f"<html><body><h2>Nested table story</h2>{tables}<p>The trust said nestedtableword.</p>"
        "</body></html>",
        "parsed",
        "nestedtableword",
    )
    add(
        "digest with no stories",
        "no-stories.txt",
        "The must-read stories in health policy\n\nHere are the stories:\n",
        "note",
    )
    big_body = ("The trust said bigstoryword funding would rise. " * 22_000)[:1_000_000]
    add(
        "1 MB story",
        "big-story.txt",
        _digest("A very long story", big_body),
        "parsed",
        "bigstoryword",
    )
    add(
        "NUL bytes in text",
        "nul-late.txt",
        _digest("NUL story", "x" * 9000 + "\x00\x00 nulbyteword after nul bytes."),
        "parsed",
        "nulbyteword",
    )
    add(
        "NUL bytes at the start of text",
        "nul-early.txt",
        "\x00\x00" + _digest("Early story nulstartword", "Body."),
        "parsed",
        "nulstartword",
    )
    add(
        "one stray NUL byte in text",
        "nul-stray.txt",
        _digest("Stray story straynulword", "The trust\x00 said so."),
        "parsed",
        "straynulword",
    )
    add(
        "a block of NUL bytes in text (a crash)",
        "nul-block.txt",
        _digest("Block story", "Text." + "\x00" * 4000 + "More text."),
        "note",
    )
    add(
        "right-to-left text",
        "rtl.txt",
        _digest(
            "\u05d1\u05d9\u05ea \u05d7\u05d5\u05dc\u05d9\u05dd rtlword",
            "\u0645\u0633\u062a\u0634\u0641\u0649 \u202eevil\u202c rtlword said.",
        ),
        "parsed",
        "rtlword",
    )
    add(
        "zero-width characters",
        "zero-width.txt",
        _digest("Zero\u200bwidth zw\u200cword\u200d here", "Trust\ufeff said zw\u2060word again."),
        "parsed",
        "zwword",
    )
    add(
        "CR-only line ends",
        "old-mac.txt",
        _digest("Carriage story crword", "The trust said so.").replace("\n", "\r"),
        "parsed",
        "crword",
    )
    add(
        "UTF-16 with BOM",
        "utf16.txt",
        _digest("Wide story utf16word", "The trust said so.").encode("utf-16"),
        "parsed",
        "utf16word",
    )
    for order in ("le", "be"):
        add(
            f"UTF-16 {order.upper()} without a BOM",
            f"utf16{order}.txt",
            _digest(f"Wide story utf16{order}word", "The trust said £5m.").encode(
                f"utf-16-{order}"
            ),
            "parsed",
            f"utf16{order}word",
        )
    add("PDF file", "report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + os.urandom(500), "note")
    add(
        "folder named like a file",
        "folder.txt/inner.txt",
        _digest("Folder story folderword", "The trust said so."),
        "parsed",
        "folderword",
    )
    os.mkfifo(root / "pipe.txt")
    add("named pipe", "pipe.txt", None, "ignored")
    name = "escape-\x1b[31mred\x1b[0m-name.txt"
    add(
        "file name with an escape sequence",
        name,
        _digest("Escape name story escnameword", "The trust said so."),
        "parsed",
        "escnameword",
    )
    add("MIME parts nested 1,000 levels", "deep-mime.eml", nested_mail(1000), "note")
    add(
        "file name with bytes that are not UTF-8",
        os.fsdecode(b"latin1-caf\xe9-\xff.txt"),
        _digest("Latin name story latinnameword", "The trust said so."),
        "parsed",
        "latinnameword",
    )
    return kinds
