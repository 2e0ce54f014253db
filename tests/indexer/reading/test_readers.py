"""Readers: every format and encoding, and every way a file can fail to be a digest."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from indexer.reading.readers import ReadError, Skipped, iter_files, read_file
from indexer.records import Problem, RawDigest

FORMATS = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def read(name: str) -> list:
    path = FORMATS / name
    return read_file(path, str(path))


# -- encodings ----------------------------------------------------------------------------------


def test_cp1252_smart_quotes_and_crlf() -> None:
    [raw] = read("cp1252_crlf.txt")
    assert "Regulator orders review of ‘unsafe’ maternity unit" in raw.text
    assert "“long overdue”" in raw.text and "Café" in raw.text
    assert "\r" not in raw.text


def test_latin1() -> None:
    [raw] = read("latin1.txt")
    assert "Naïve targets" in raw.text and "Señor" in raw.text and "½-hour" in raw.text


def test_utf8_bom_crlf() -> None:
    [raw] = read("utf8_bom_crlf.txt")
    assert raw.text.startswith("Hospital leaders")
    assert "\ufeff" not in raw.text and "\r" not in raw.text


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Trust fined\n\nThe trust was fined £1m.\n".encode("utf-16"))
    [raw] = read_file(path, str(path))
    assert raw.text == "Trust fined\n\nThe trust was fined £1m."


def test_nbsp_and_zero_width_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "spaces.txt"
    path.write_text("Trust\u00a0fined\u200b\n\nThe trust was fined.\n", encoding="utf-8")
    [raw] = read_file(path, str(path))
    assert raw.text.startswith("Trust fined\n")


# -- Markdown and HTML --------------------------------------------------------------------------


def headings(raw: RawDigest) -> list[str]:
    """What the reader marked as headlines: headings, and lines that are wholly bold."""
    assert raw.blocks is not None
    return [b.text for b in raw.blocks if b.kind == "heading" or b.strong]


def test_markdown_headings_links_and_emphasis() -> None:
    [raw] = read("weekly_bold.md")
    assert "Ambulance handover delays hit record high" in headings(raw)
    assert "figures published by NHS England" in raw.text  # link text kept, URL gone
    assert "https://" not in raw.text and "**" not in raw.text and "_the third" not in raw.text
    assert "chart.png" not in raw.text


def test_markdown_front_matter_and_masthead_heading() -> None:
    [raw] = read("daily_headings.md")
    assert raw.title == "The Daily Brief"
    assert (raw.date, raw.date_from) == (dt.date(2024, 7, 15), "header")
    assert not raw.text.startswith("The Daily Brief")  # the masthead is the title, not a story


def test_html_page_keeps_article_drops_chrome() -> None:
    [raw] = read("briefing_page.html")
    assert raw.title == "Daily briefing: winter plans fall behind"  # og:title
    assert (raw.date, raw.date_from) == (dt.date(2024, 7, 16), "header")
    for chrome in (
        "We use cookies",
        "Comment\nJobs",
        "Share on",
        "Most read",
        "Privacy",
        "tracking",
    ):
        assert chrome not in raw.text
    assert "Digital records rollout paused in the North East" in headings(raw)
    assert "\n\nA £45m programme" in raw.text  # paragraphs separated by blank lines


def test_html_table_newsletter_cells_and_line_breaks() -> None:
    [raw] = read("insight_table.html")
    assert raw.title == "HSJ Daily Insight"
    assert "Preview text" not in raw.text and "Boards told to cut costs;" not in raw.text
    assert (
        "Integrated care boards told to cut running costs by 30%\n"
        "Every integrated care board must reduce" in raw.text
    )


def test_html_double_line_break_separates_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "brs.html"
    path.write_text("<td><b>Trust fined</b><br><br>Para one.<br><br>Para two,<br>same para.</td>")
    [raw] = read_file(path, str(path))
    assert raw.text == "Trust fined\n\nPara one.\n\nPara two,\nsame para."


def test_html_detected_by_content_in_txt(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("<!DOCTYPE html><html><body><h2>Trust fined</h2><p>It was.</p></body></html>")
    [raw] = read_file(path, str(path))
    assert raw.text == "Trust fined\n\nIt was."


# -- e-mail ------------------------------------------------------------------------------------


def test_eml_plain_quoted_printable() -> None:
    [raw] = read("briefing_wrapped.eml")
    assert raw.title == "Daily briefing: Ambulance handover delays hit record high"
    assert (raw.date, raw.date_from) == (dt.date(2024, 7, 18), "header")
    assert "“We are being asked" in raw.text and "=E2" not in raw.text


def test_eml_html_only_base64() -> None:
    [raw] = read("weekly_html_only.eml")
    assert raw.title == "This week’s must-read stories"
    assert "Mental health beds cut as trusts chase savings" in headings(raw)
    assert "<p>" not in raw.text


def test_mbox_gives_one_digest_per_message() -> None:
    raws = read("three.mbox")
    assert [r.title for r in raws] == ["Monday digest", "Tuesday digest", "Wednesday digest"]
    assert [r.date for r in raws] == [dt.date(2024, 7, d) for d in (22, 23, 24)]
    assert "\nFrom today, the deputy" in raws[0].text  # >From unescaped
    assert "View this email" not in raws[2].text  # the plain stub gave way to the HTML part
    assert {r.source for r in raws} == {str(FORMATS / "three.mbox")}


def test_mbox_detected_by_content_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "archive"
    shutil.copy(FORMATS / "three.mbox", path)
    assert len(read_file(path, "archive")) == 3


def test_mbox_reports_a_bad_message_and_keeps_the_others(tmp_path: Path) -> None:
    good = (FORMATS / "three.mbox").read_bytes()
    path = tmp_path / "mixed.mbox"
    path.write_bytes(good + b"\nFrom x@y Thu Jul 25 07:00:00 2024\nnot a header line\n")
    problems: list[Problem] = []
    raws = read_file(path, "mixed.mbox", problems.append)
    assert len(raws) == 3
    assert [p.source for p in problems] == ["mixed.mbox (message 4)"]


def test_eml_detected_by_content_in_txt(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    shutil.copy(FORMATS / "briefing_wrapped.eml", path)
    [raw] = read_file(path, str(path))
    assert raw.date_from == "header" and "Subject:" not in raw.text


def test_eml_format_flowed_lines_are_joined(tmp_path: Path) -> None:
    path = tmp_path / "flowed.eml"
    path.write_bytes(
        b"From: a@b.c\nSubject: Flowed\nDate: Mon, 1 Jul 2024 08:00:00 +0000\n"
        b"Content-Type: text/plain; charset=utf-8; format=flowed\n\n"
        b"Trust fined\n\nThe trust was fined \n\xc2\xa31m on Monday.\n"
    )
    [raw] = read_file(path, str(path))
    assert raw.text == "Trust fined\n\nThe trust was fined £1m on Monday."


def test_eml_with_unknown_charset_is_still_decoded(tmp_path: Path) -> None:
    path = tmp_path / "odd.eml"
    path.write_bytes(
        b"From: a@b.c\nSubject: Odd\nDate: Mon, 1 Jul 2024 08:00:00 +0000\n"
        b"Content-Type: text/plain; charset=x-unknown\n\n"
        b"Trust fined\n\nThe trust was fined \xc2\xa31m.\n"
    )
    [raw] = read_file(path, str(path))
    assert "£1m" in raw.text


# -- dates and titles --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected", "source"),
    [
        (
            "a.txt",
            "HSJ Daily\nTuesday 20th February 2024\n\nTrust fined\n\nIt was.",
            (2024, 2, 20),
            "text",
        ),
        ("b.txt", "Issue of 20/02/2024\n\nTrust fined\n\nIt was.", (2024, 2, 20), "text"),
        ("c.txt", "Daily news 2024-02-20\n\nTrust fined\n\nIt was.", (2024, 2, 20), "text"),
        ("hsj-2024-02-21.txt", "Trust fined\n\nIt was.", (2024, 2, 21), "filename"),
        ("20240222_daily.txt", "Trust fined\n\nIt was.", (2024, 2, 22), "filename"),
    ],
)
def test_date_from_text_then_file_name(
    tmp_path: Path, name: str, text: str, expected: tuple[int, int, int], source: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [raw] = read_file(path, name)
    assert (raw.date, raw.date_from) == (dt.date(*expected), source)


def test_date_in_a_long_paragraph_is_not_the_digest_date(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    body = (
        "Consultants will strike on 20 July 2024 unless the government makes a credible offer " * 3
    )
    path.write_text(f"Strike looms\n\n{body}\n", encoding="utf-8")
    os.utime(path, (1_700_000_000, 1_700_000_000))
    [raw] = read_file(path, "plain.txt")
    assert (raw.date, raw.date_from) == (dt.date.fromtimestamp(1_700_000_000), "mtime")


# -- failures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        ("empty.txt", b"", Skipped, "empty file"),
        ("blank.txt", b"  \n\t\r\n ", Skipped, "no text (whitespace only)"),
        ("binary.txt", b"abc\x00\x01\x02def" * 10, Skipped, "not a digest (binary data)"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", Skipped, "not a digest (PDF document)"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", Skipped, "not a digest (JPEG image)"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00", Skipped, "not a digest (PNG image)"),
        (
            "archive.zip",
            b"PK\x03\x04\x14\x00",
            Skipped,
            "not a digest (zip archive or office document)",
        ),
        ("data.json", b'{"a": 1}', Skipped, "not a digest format (.json file)"),
        (
            "bad.eml",
            b"just some words\nand no headers at all\n",
            ReadError,
            "malformed e-mail: no message headers",
        ),
        (
            "nobody.eml",
            b"From: a@b.c\nSubject: Hi\n\n   \n",
            ReadError,
            "e-mail has no readable text part",
        ),
    ],
)
def test_bad_files(tmp_path: Path, name: str, data: bytes, error: type, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as caught:
        read_file(path, name)
    assert str(caught.value) == message


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    noise = bytes(range(128, 256)) * 8 + bytes((0x81, 0x8D, 0x8F, 0x90, 0x9D)) * 40
    path.write_bytes(noise)
    with pytest.raises(ReadError, match=r"^cannot decode text"):
        read_file(path, "noise.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Trust fined\n\nIt was.")
    path.chmod(0)
    try:
        with pytest.raises(ReadError, match=r"^cannot read: permission denied$"):
            read_file(path, "secret.txt")
    finally:
        path.chmod(0o644)


def test_large_single_line_file_is_read(tmp_path: Path) -> None:
    """Linear time: a multi-megabyte line is read and split (no timing asserted here)."""
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1_000_000, encoding="utf-8")
    [raw] = read_file(path, "huge.txt")
    assert len(raw.text) == 5_000_000 - 1


# -- walking folders ---------------------------------------------------------------------------


def test_iter_files_sorted_recursive_hidden_and_loops(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "a" / "1.txt").write_text("x")
    (tmp_path / "z.txt").write_text("x")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    problems: list[Problem] = []
    found = [source for _, source in iter_files([tmp_path], problems.append)]
    root = str(tmp_path)
    assert found == [
        os.path.join(root, "a", "1.txt"),
        os.path.join(root, "b", "2.txt"),
        os.path.join(root, "z.txt"),
    ]
    assert problems == []


def test_iter_files_missing_path_and_source_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "d.txt").write_text("x")
    problems: list[Problem] = []
    monkeypatch.chdir(tmp_path)
    found = list(iter_files(["d.txt", "missing.txt", "."], problems.append))
    assert [source for _, source in found] == ["d.txt", os.path.join(".", "d.txt")]
    assert problems == [Problem("missing.txt", "no such file or directory")]


def test_html_data_table_is_one_line_of_body_text_not_headlines() -> None:
    from indexer.reading.html_page import html_to_text

    page = (
        "<article><h2>Trust deficit doubles</h2><p>The trust expects a deficit of £48m.</p>"
        "<table><caption>Agency spend</caption><tr><th>Quarter</th><th>Spend</th></tr>"
        "<tr><td>Q1</td><td>£16.2m</td></tr><tr><td>Q2</td><td>£15.3m</td></tr></table>"
        "<h2>Pharmacy First uptake slows</h2><p>Consultations fell by 8 per cent.</p></article>"
    )
    lines = html_to_text(page).text.split("\n")
    assert "Agency spend: Quarter | Spend; Q1 | £16.2m; Q2 | £15.3m." in lines
    assert "Q1" not in lines and "Spend" not in lines


def test_html_layout_table_keeps_its_paragraphs() -> None:
    from indexer.reading.html_page import html_to_text

    page = (
        "<table><tr><td><h2>Board agrees budget</h2><p>The board agreed £3.6bn.</p></td></tr>"
        "<tr><td><h2>New centre opens</h2><p>It opened today.</p></td></tr></table>"
    )
    text = html_to_text(page).text
    assert text.split("\n\n") == [
        "Board agrees budget",
        "The board agreed £3.6bn.",
        "New centre opens",
        "It opened today.",
    ]


def test_an_mdx_page_is_read_as_markdown(tmp_path: Path) -> None:
    page = tmp_path / "2023-11-20-bulletin.mdx"
    page.write_text(
        "---\ntitle: Digital bulletin 18\n---\n\nimport Badge from '@site/src/Badge';\n\n"
        '## Platform contract awarded <Badge type="national" />\n\n'
        "NHS England has awarded the contract for the platform after a two-year process.\n",
        encoding="utf-8",
    )
    [raw] = read_file(page, str(page))
    assert raw.blocks is not None  # read for its structure, as Markdown is
    assert "import" not in raw.text and "<Badge" not in raw.text
