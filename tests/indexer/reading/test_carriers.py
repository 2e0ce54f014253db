"""Carriers known by content or by name: Maildir messages (no useful extension, kilobytes of
delivery headers before From and Subject) and the bundled samples, dated by their file names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import indexer
from indexer.pipeline import parse_file, parse_paths
from indexer.reading.readers import read_file
from indexer.records import Problem

SAMPLES = sorted((Path(indexer.__file__).resolve().parent / "samples").glob("*.txt"))

SUBJECT = "Health Brief: Friday 6 December"
STORIES = [
    (
        "Trust fined over data breach",
        "The regulator imposed a £2m penalty on the trust after patient records were left "
        "exposed online for months.",
    ),
    (
        "Waiting lists grow again",
        "The backlog rose for the third month running, according to NHS England’s figures "
        "published on Thursday.",
    ),
]
# The same stories as a mail client stores them: quoted-printable, soft line breaks, "=20".
PLAIN_QP = (
    "Trust fined over data breach\n\n"
    "The regulator imposed a =C2=A32m penalty on the trust after patient records w=\n"
    "ere left exposed online for months.=20\n\n"
    "Waiting lists grow again\n\n"
    "The backlog rose for the third month running, according to NHS England=E2=80=99s=\n"
    " figures published on Thursday.\n"
)
HTML_QP = (
    "<html><body><h2>Trust fined over data breach</h2><p>The regulator imposed a =C2=A32m=\n"
    " penalty on the trust after patient records were left exposed online for months.=20</p>"
    "<h2>Waiting lists grow again</h2><p>The backlog rose for the third month running, ac=\n"
    "cording to NHS England=E2=80=99s figures published on Thursday.</p></body></html>\n"
)
DELIVERY_HEADERS = ("Received:", "DKIM-Signature", "ARC-", "Authentication-Results")
MIME_DEBRIS = ("Content-Type", "Content-Transfer-Encoding", "MIME-Version", "=20", "=C2", "=\n")


def delivery_headers(hops: int) -> str:
    """What a mail server prepends on delivery: Received lines per hop, DKIM and ARC seals."""
    received = "".join(
        f"Received: from relay{n}.mail.example.net (relay{n}.mail.example.net [192.0.2.{n}])\n"
        f"\tby mx{n}.example.org (Postfix) with ESMTPS id 4Y3K{n:04d}QZ7mT\n"
        f"\tfor <reader@example.org>; Fri, 6 Dec 2024 13:20:{n % 60:02d} +0000 (UTC)\n"
        for n in range(1, hops + 1)
    )
    signature = "\n\t ".join(["aGVhbHRoYnJpZWYgc2lnbmF0dXJl" * 2 + "AbCdEf0123"] * 5)
    return (
        "Return-Path: <bounce-8842@healthbrief.example>\n"
        "Delivered-To: reader@example.org\n"
        f"{received}"
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=healthbrief.example;\n"
        "\ts=selector1; t=1733491200; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n"
        "\th=From:To:Subject:Date:Message-ID:MIME-Version:Content-Type;\n"
        f"\tb={signature}\n"
        "ARC-Seal: i=1; a=rsa-sha256; t=1733491200; cv=none; d=example.org; s=arc-2024;\n"
        f"\tb={signature}\n"
        "ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org;\n"
        "\ts=arc-2024; h=from:to:subject:date:message-id;\n"
        f"\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b={signature}\n"
        "ARC-Authentication-Results: i=1; mx.example.org; dkim=pass header.d=healthbrief.example;\n"
        "\tspf=pass smtp.mailfrom=bounce-8842@healthbrief.example; dmarc=pass (p=NONE)\n"
        "Authentication-Results: mx.example.org; dkim=pass; spf=pass; dmarc=pass\n"
        "X-Spam-Status: No, score=-2.1 required=5.0 tests=DKIM_SIGNED,DKIM_VALID\n"
    )


def plain_message(hops: int) -> str:
    return (
        delivery_headers(hops) + "From: Health Brief <news@healthbrief.example>\n"
        "To: reader@example.org\n"
        f"Subject: {SUBJECT}\n"
        "Date: Fri, 6 Dec 2024 13:20:00 +0000\n"
        "Message-ID: <20241206132000.8842@healthbrief.example>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n" + PLAIN_QP
    )


def html_message(hops: int) -> str:
    """multipart/alternative with a stub text part: the HTML part carries the stories."""
    return (
        delivery_headers(hops) + "From: Health Brief <news@healthbrief.example>\n"
        "To: reader@example.org\n"
        f"Subject: Re: {SUBJECT}\n"  # a reply prefix is not part of the title
        "Date: Fri, 6 Dec 2024 13:20:00 +0000\n"
        "Message-ID: <20241206132000.8843@healthbrief.example>\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="=_b1"\n'
        "\n"
        "--=_b1\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        "View this e-mail in your browser=20\n"
        "--=_b1\n"
        "Content-Type: text/html; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n" + HTML_QP + "--=_b1--\n"
    )


# Over 4 KB of delivery headers, and over the 8 KB a reader sniffs before deciding the format.
HEADER_SIZES = pytest.mark.parametrize("hops", [12, 100], ids=["4.6KB-headers", "22KB-headers"])


def maildir_file(root: Path, folder: str, name: str, message: str, newline: str) -> Path:
    box = root / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True, exist_ok=True)
    path = box / folder / name
    path.write_bytes(message.replace("\n", newline).encode("utf-8"))
    return path


@HEADER_SIZES
def test_delivery_headers_are_realistic(hops: int) -> None:
    head = plain_message(hops).split("\n\n", 1)[0]
    assert len(head) > 4096
    assert head.index("From: Health Brief") > 4000
    assert head.index(f"Subject: {SUBJECT}") > 4000


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@HEADER_SIZES
@pytest.mark.parametrize(
    ("folder", "name"),
    [
        ("cur", "1733491200.M1P2Q3.host:2,S"),
        ("cur", "1733491200.M1P2Q3.host:2,RS"),
        ("new", "1733491200.M1P2Q3.host"),
    ],
)
def test_maildir_message_is_read_as_mail(
    tmp_path: Path, folder: str, name: str, hops: int, newline: str
) -> None:
    path = maildir_file(tmp_path, folder, name, plain_message(hops), newline)
    [raw] = read_file(path, str(path))
    assert raw.title == SUBJECT
    assert raw.date == dt.date(2024, 12, 6)
    assert raw.date_from == "header"
    for debris in (*DELIVERY_HEADERS, *MIME_DEBRIS, "From:", "Subject:"):
        assert debris not in raw.text
    [digest] = parse_file(path, str(path), with_entities=False)
    assert digest.title == SUBJECT
    assert [(s.headline, s.body) for s in digest.stories] == STORIES
    assert {(s.digest_title, s.date, s.date_from) for s in digest.stories} == {
        (SUBJECT, dt.date(2024, 12, 6), "header")
    }


@HEADER_SIZES
def test_maildir_html_message_is_read_through_its_html_part(tmp_path: Path, hops: int) -> None:
    path = maildir_file(tmp_path, "cur", "1733491201.M9P8Q7.host:2,S", html_message(hops), "\n")
    [raw] = read_file(path, str(path))
    assert raw.title == SUBJECT
    assert raw.blocks is not None
    assert [b.kind for b in raw.blocks] == ["heading", "paragraph", "heading", "paragraph"]
    for debris in (*DELIVERY_HEADERS, *MIME_DEBRIS, "<p>", "--=_b1", "View this e-mail"):
        assert debris not in raw.text
    [digest] = parse_file(path, str(path), with_entities=False)
    assert [(s.headline, s.body) for s in digest.stories] == STORIES


def test_maildir_folder_is_walked(tmp_path: Path) -> None:
    maildir_file(tmp_path, "cur", "1733491200.M1P2Q3.host:2,S", plain_message(12), "\n")
    maildir_file(tmp_path, "new", "1733491201.M9P8Q7.host", html_message(12), "\r\n")
    problems: list[Problem] = []
    digests = list(parse_paths([tmp_path / "Maildir"], problems.append, with_entities=False))
    assert problems == []
    assert [(d.title, [(s.headline, s.body) for s in d.stories]) for d in digests] == [
        (SUBJECT, STORIES),
        (SUBJECT, STORIES),
    ]


# -- the bundled samples ------------------------------------------------------------------------


def test_there_are_samples() -> None:
    assert len(SAMPLES) == 5


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_is_dated_by_its_file_name(path: Path) -> None:
    named = dt.date.fromisoformat(path.name[:10])
    assert named != dt.date.today()
    [raw] = read_file(path, str(path))
    assert (raw.date, raw.date_from) == (named, "filename")
    [digest] = parse_file(path, str(path), with_entities=False)
    assert (digest.date, digest.date_from) == (named, "filename")
    assert digest.stories
    assert {(s.date, s.date_from) for s in digest.stories} == {(named, "filename")}
