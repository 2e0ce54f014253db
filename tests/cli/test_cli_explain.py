"""`dex parse --explain`: every line with its block, shape and what became of it (readable and
JSON), and a clean one-line error for a file that cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import cli

FINED_TEXT = "The regulator imposed a £2m penalty on the trust after patient records were exposed."
WAITS_TEXT = "The backlog rose for the third month running, according to figures out on Thursday."
HEADER = "Health Policy Weekly: our roundup of the week's must-read stories"

PLAIN = f"""\
{HEADER}

Trust fined over data breach

{FINED_TEXT}

Waiting lists grow again

{WAITS_TEXT}

Unsubscribe from this list
"""

PLAIN_LINES = [
    {
        "group": 0,
        "block": "line",
        "shape": "-",
        "text": HEADER,
        "decision": "dropped: the digest's header (masthead, intro)",
    },
    {
        "group": 1,
        "block": "line",
        "shape": "headline-like",
        "text": "Trust fined over data breach",
        "decision": "story 1: headline",
    },
    {"group": 2, "block": "line", "shape": "body", "text": FINED_TEXT, "decision": "story 1: text"},
    {
        "group": 3,
        "block": "line",
        "shape": "headline-like",
        "text": "Waiting lists grow again",
        "decision": "story 2: headline",
    },
    {"group": 4, "block": "line", "shape": "body", "text": WAITS_TEXT, "decision": "story 2: text"},
    {
        "group": 5,
        "block": "line",
        "shape": "-",
        "text": "Unsubscribe from this list",
        "decision": "dropped: a footer line",
    },
]

REGIONS = "The backlog rose for the third month running, in three regions:"
CLOSING = "A cell of text that closes the digest with a final sentence."
HTML = f"""\
<html><head><title>Health Policy Weekly</title></head><body>
<h2>Trust fined over data breach</h2><p>{FINED_TEXT}</p>
<h3>Waiting lists grow again</h3><p>{REGIONS}</p>
<ul><li>North East and Yorkshire</li><li>The Midlands</li></ul>
<table><tr><td><p>{CLOSING}</p></td></tr></table>
</body></html>
"""

LEADS = f"""\
<html><body><ul>
<li><b>Trust fined over data breach</b> – {FINED_TEXT}</li>
<li><b>Waiting lists grow again</b> – {WAITS_TEXT}</li>
</ul></body></html>
"""


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DEX_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COLUMNS", "250")  # rows are cut to the console's width
    return CliRunner()


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def rows(stdout: str) -> list[str]:
    """The output's lines with column padding collapsed to single spaces."""
    return [" ".join(line.split()) for line in stdout.splitlines() if line.strip()]


def test_explain_shows_each_line_and_its_decision(runner: CliRunner, tmp_path: Path) -> None:
    source = write(tmp_path, "weekly.txt", PLAIN)
    result = runner.invoke(cli, ["parse", "--explain", source])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert rows(result.stdout) == [
        source,
        f"header: {HEADER}",
        f"0 line - dropped: the digest's header (masthead, intro) {HEADER}",
        "1 line headline-like story 1: headline Trust fined over data breach",
        f"2 line body story 1: text {FINED_TEXT}",
        "3 line headline-like story 2: headline Waiting lists grow again",
        f"4 line body story 2: text {WAITS_TEXT}",
        "5 line - dropped: a footer line Unsubscribe from this list",
    ]


def test_explain_json(runner: CliRunner, tmp_path: Path) -> None:
    source = write(tmp_path, "weekly.txt", PLAIN)
    result = runner.invoke(cli, ["parse", "--explain", "--json", source])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"source": source, "header": HEADER, "lines": PLAIN_LINES}]
    assert "£2m" in result.stdout  # not escaped to \u00a3


def test_explain_json_shows_the_blocks_of_html(runner: CliRunner, tmp_path: Path) -> None:
    source = write(tmp_path, "weekly.html", HTML)
    result = runner.invoke(cli, ["parse", "--explain", "--json", source])
    assert result.exit_code == 0, result.output
    [digest] = json.loads(result.stdout)
    assert digest["source"] == source
    assert digest["header"] is None
    assert [tuple(line.values()) for line in digest["lines"]] == [
        (0, "heading 2", "headline-like", "Trust fined over data breach", "story 1: headline"),
        (1, "paragraph", "body", FINED_TEXT, "story 1: text"),
        (2, "heading 3", "headline-like", "Waiting lists grow again", "story 2: headline"),
        (3, "paragraph", "body", REGIONS, "story 2: text"),
        (4, "item", "body", "North East and Yorkshire", "story 2: text"),
        (4, "item", "body", "The Midlands", "story 2: text"),
        (5, "cell", "body", CLOSING, "story 2: text"),
    ]


def test_explain_readable_html(runner: CliRunner, tmp_path: Path) -> None:
    source = write(tmp_path, "weekly.html", HTML)
    result = runner.invoke(cli, ["parse", "--explain", source])
    assert result.exit_code == 0, result.output
    assert rows(result.stdout) == [
        source,
        "0 heading 2 headline-like story 1: headline Trust fined over data breach",
        f"1 paragraph body story 1: text {FINED_TEXT}",
        "2 heading 3 headline-like story 2: headline Waiting lists grow again",
        f"3 paragraph body story 2: text {REGIONS}",
        "4 item body story 2: text North East and Yorkshire",
        "4 item body story 2: text The Midlands",
        f"5 cell body story 2: text {CLOSING}",
    ]


def test_explain_lists_headlines_cut_from_leads_in_reading_order(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = write(tmp_path, "leads.html", LEADS)
    result = runner.invoke(cli, ["parse", "--explain", "--json", source])
    assert result.exit_code == 0, result.output
    [digest] = json.loads(result.stdout)
    assert [(x["block"], x["text"], x["decision"]) for x in digest["lines"]] == [
        ("item", "Trust fined over data breach", "story 1: headline"),
        ("item", FINED_TEXT, "story 1: text"),
        ("item", "Waiting lists grow again", "story 2: headline"),
        ("item", WAITS_TEXT, "story 2: text"),
    ]


def test_explain_several_files_in_order(runner: CliRunner, tmp_path: Path) -> None:
    first = write(tmp_path, "a.txt", PLAIN)
    second = write(tmp_path, "b.html", HTML)
    result = runner.invoke(cli, ["parse", "--explain", "--json", first, second])
    assert result.exit_code == 0, result.output
    assert [d["source"] for d in json.loads(result.stdout)] == [first, second]


@pytest.mark.parametrize("as_json", [False, True], ids=["readable", "json"])
def test_explain_missing_file(runner: CliRunner, tmp_path: Path, as_json: bool) -> None:
    missing = str(tmp_path / "missing.txt")
    args = ["parse", "--explain", missing, *(["--json"] if as_json else [])]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert result.stderr == f"dex: {missing}: no such file or directory\n"
    assert "Traceback" not in result.output
    assert result.stdout == ("[]\n" if as_json else "")


def test_explain_missing_file_does_not_stop_the_others(runner: CliRunner, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    source = write(tmp_path, "weekly.txt", PLAIN)
    result = runner.invoke(cli, ["parse", "--explain", "--json", missing, source])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"dex: {missing}: no such file or directory"]
    assert json.loads(result.stdout) == [{"source": source, "header": HEADER, "lines": PLAIN_LINES}]


def test_explain_shows_quoted_replies_as_dropped(runner: CliRunner, tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "list.txt",
        # A list digest's text (a file that starts with headers would be read as one message).
        "Nurses-L Digest, Vol 3, Issue 9\n\n"
        "From: Jane Smith <jane@example.org>\nSubject: Pay award for nurses\n\n"
        "Tom Brown wrote:\n> The award is too small.\n\n"
        "I think the award is fair given the pressure on the budget this year.\n",
    )
    result = runner.invoke(cli, ["parse", "--explain", "--json", source])
    assert result.exit_code == 0, result.output
    [digest] = json.loads(result.stdout)
    decisions = {x["text"]: x["decision"] for x in digest["lines"]}
    assert decisions["Pay award for nurses"] == "story 1: headline"
    assert decisions["> The award is too small."].startswith("dropped")
