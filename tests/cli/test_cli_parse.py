"""`dex parse`: JSON and readable output, one stderr line per problem, exit status, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = sorted(str(p) for p in (FIXTURES / "seeds").glob("*.txt"))


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DEX_DATA_DIR", str(tmp_path / "data"))
    return CliRunner()


def test_json_output_of_the_seeds(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["parse", *SEEDS, "--json", "--no-entities"])
    assert result.exit_code == 0, result.output
    stories = json.loads(result.stdout)
    assert len(stories) == 37
    assert {
        "id",
        "source",
        "digest_title",
        "date",
        "date_from",
        "position",
        "headline",
        "title",
        "body",
        "entities",
    } <= set(stories[0])
    assert stories[0]["source"] == SEEDS[0]
    assert "’" in result.stdout  # not escaped to \u2019
    assert result.stderr == ""


def test_readable_output(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["parse", str(FIXTURES / "formats" / "three.mbox"), "--no-entities"]
    )
    assert result.exit_code == 0
    for text in (
        "Monday digest",
        "Tuesday digest",
        "Chief executive quits after bullying inquiry",
        "The chief executive of Riverside",
    ):
        assert text in result.stdout


def test_named_bad_files_fail_with_one_line_each(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "notes.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["parse", str(binary), str(empty), SEEDS[0], "--json"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"dex: {binary}: not a digest (binary data)",
        f"dex: {empty}: empty file",
    ]
    assert len(json.loads(result.stdout)) == 3  # the good file was still parsed
    assert "Traceback" not in result.output


def test_skipped_file_inside_a_folder_is_a_note(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (tmp_path / "digest.txt").write_text("Trust fined\n\nIt was fined.", encoding="utf-8")
    result = runner.invoke(cli, ["parse", str(tmp_path), "--json", "--no-entities"])
    assert result.exit_code == 0
    assert result.stderr == f"dex: {tmp_path / 'photo.png'}: not a digest (PNG image)\n"
    assert [s["headline"] for s in json.loads(result.stdout)] == ["Trust fined"]


def test_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(cli, ["parse", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == f"dex: {missing}: no such file or directory\n"


def test_malformed_email_and_undecodable_text(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.eml"
    bad.write_bytes(b"no headers here\njust text\n")
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(128, 256)) * 8 + bytes((0x81, 0x8D, 0x8F, 0x90, 0x9D)) * 40)
    result = runner.invoke(cli, ["parse", str(bad), str(noise), "--json"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"dex: {bad}: malformed e-mail: no message headers"
    assert lines[1].startswith(f"dex: {noise}: cannot decode text")
    assert json.loads(result.stdout) == []


def test_real_process_writes_utf8_and_no_traceback(tmp_path: Path) -> None:
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x00")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "DEX_DATA_DIR": str(tmp_path / "data")}
    env.pop("PYTHONIOENCODING", None)
    code = "import sys; from tui.cli import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", code, "parse", SEEDS[2], str(binary), "--json", "--no-entities"],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    stories = json.loads(done.stdout.decode("utf-8"))
    assert stories[0]["digest_title"] == "HSJ’s roundup of the day’s must read stories"
    assert done.stderr.decode() == f"dex: {binary}: not a digest (binary data)\n"
