"""Bad files (>= 20 kinds) among good digests: each skipped or parsed with a one-line message
naming it, the rest indexed, no traceback; through `dex index` as a user runs it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.reliability import corpus_bad, hostile
from tests.reliability.helpers import (
    assert_no_traceback,
    message_lines,
    note,
    record,
    run_dex,
    run_dex_peak,
)
from tui.cli.shown import one_line


def _search(data: Path, words: list[str], cwd: Path) -> dict[str, set[str]]:
    """word -> sources of the stories `dex search --json` finds for it (one query for all)."""
    found: dict[str, set[str]] = {}
    proc = run_dex(data, "search", "--json", "--limit", "200", " OR ".join(words), cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    for hit in json.loads(proc.stdout)["hits"]:
        for word in words:
            text = json.dumps(hit, ensure_ascii=False).lower()
            if word in text:
                found.setdefault(word, set()).update(hit["sources"])
    return found


def test_bad_files_are_named_and_the_rest_indexed(tmp_path: Path) -> None:
    work = tmp_path
    kinds = corpus_bad.build(work / "corpus")
    assert len({k.name for k in kinds}) >= 20
    data = work / "data"
    started = time.perf_counter()
    proc = run_dex(data, "index", "corpus", cwd=work, plain_user=True, timeout=120)
    seconds = time.perf_counter() - started
    assert_no_traceback(proc)
    lines = message_lines(proc.stderr)
    hostile.assert_literal(proc.stderr, "dex index messages")  # a file name holds an escape
    assert proc.returncode == 1, "files in the folder failed: the exit status says so"
    assert proc.stdout.startswith("Indexed "), proc.stdout
    for kind in kinds:
        named = [line for line in lines if one_line(f"corpus/{kind.shown}") in line]
        if kind.expect == "note":
            assert len(named) == 1, f"{kind.name}: expected one message naming it in {lines}"
            assert len(named[0]) < 300, named[0]
    words = [k.find for k in kinds if k.expect == "parsed"]
    found = _search(data, [*words, corpus_bad.GOOD_WORD], work)
    assert corpus_bad.GOOD_WORD in found, "the good digest beside the bad files was indexed"
    for kind in kinds:
        if kind.expect == "parsed":
            assert kind.find in found, f"{kind.name}: its story was not indexed"
            assert f"corpus/{kind.shown}" in found[kind.find], (kind.name, found[kind.find])
    record("bad-file kinds handled", len({k.name for k in kinds}))
    note(f"bad-file corpus ({len(kinds)} kinds incl. 50 MB line) indexed in {seconds:.1f} s")


def test_dex_parse_on_bad_files_names_each_and_prints_json(tmp_path: Path) -> None:
    work = tmp_path
    kinds = corpus_bad.build(work / "corpus", huge_bytes=40_000_000)
    proc = run_dex(work / "data", "parse", "--json", "--no-entities", "corpus", cwd=work,
                   plain_user=True, timeout=120)  # fmt: skip
    assert_no_traceback(proc)
    lines = message_lines(proc.stderr)
    stories = json.loads(proc.stdout)
    sources = {s["source"] for s in stories}
    for kind in kinds:
        if kind.expect == "parsed":
            assert f"corpus/{kind.shown}" in sources, kind.name
        elif kind.expect == "note":
            assert any(one_line(f"corpus/{kind.shown}") in line for line in lines), kind.name


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "huge-line.txt"])
def test_a_named_bad_file_fails_with_one_line(tmp_path: Path, name: str) -> None:
    """Named on the command line, a bad file is a failure (exit 1) with one line naming it."""
    work = tmp_path
    kinds = {k.path: k for k in corpus_bad.build(work / "corpus", huge_bytes=34_000_000)}
    proc = run_dex(work / "data", "index", f"corpus/{name}", cwd=work)
    assert_no_traceback(proc)
    lines = [line for line in message_lines(proc.stderr) if "indexing:" not in line]
    assert len(lines) == 1 and f"corpus/{name}" in lines[0], lines
    assert proc.returncode == 1, kinds[name].name


def test_links_out_of_the_named_folder_are_not_followed(tmp_path: Path) -> None:
    """An archive holding links to /etc/passwd-like files: a note for each, nothing indexed
    from them, unless --follow-links; a link inside the folder is followed."""
    work = tmp_path
    secret = work / "private"
    secret.mkdir()
    (secret / "passwd").write_text("root:x:0:0:root:/root:/bin/bash passwdword\n")
    (secret / "notes.txt").write_text(corpus_bad.good_digest("folderlinkword"))
    corpus = work / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "good.txt").write_text(corpus_bad.good_digest(corpus_bad.GOOD_WORD))
    (corpus / "passwd").symlink_to(secret / "passwd")
    (corpus / "sub" / "private").symlink_to("../../private")
    (corpus / "sub" / "same.txt").symlink_to("../good.txt")  # stays inside: followed
    data = work / "data"
    words = ["passwdword", "folderlinkword", corpus_bad.GOOD_WORD]
    for command in (["index", "corpus"], ["parse", "--json", "--no-entities", "corpus"]):
        proc = run_dex(data, *command, cwd=work)
        assert_no_traceback(proc)
        assert proc.returncode == 0, proc.stderr
        lines = message_lines(proc.stderr)
        for name in ("corpus/passwd", "corpus/sub/private"):
            [line] = [line for line in lines if f"{name}:" in line]
            assert "not followed" in line, line
        assert not [line for line in lines if "same.txt" in line], lines
    assert "passwdword" not in proc.stdout and "folderlinkword" not in proc.stdout
    assert {s["source"] for s in json.loads(proc.stdout)} == {
        "corpus/good.txt",
        "corpus/sub/same.txt",
    }
    found = _search(data, words, work)
    assert set(found) == {corpus_bad.GOOD_WORD}, found
    followed = run_dex(data, "index", "--follow-links", "corpus", cwd=work)
    assert followed.returncode == 0, followed.stderr
    assert set(_search(data, words, work)) == set(words)


def _mbox_with_attachments(path: Path, messages: int, attachment_bytes: int) -> None:
    """An mbox of `messages` digests, each with an attachment (how mail folders grow large)."""
    base64_line = b"QUJD" * 19 + b"\n"
    attachment = base64_line * (attachment_bytes // len(base64_line))
    with open(path, "wb") as out:
        for number in range(messages):
            digest = corpus_bad.good_digest(f"bigmboxword number {number}")
            out.write(
                b"From news@example.org Thu Mar 14 08:00:00 2024\nFrom: news@example.org\n"
                b"Subject: Digest\nMIME-Version: 1.0\n"
                b'Content-Type: multipart/mixed; boundary="B"\n\n--B\n'
                b"Content-Type: text/plain; charset=utf-8\n\n" + digest.encode() + b"\n--B\n"
                b"Content-Type: image/png\nContent-Transfer-Encoding: base64\n\n"
                + attachment + b"--B--\n\n"
            )  # fmt: skip


def test_mbox_beyond_the_size_cap_is_read_message_by_message(tmp_path: Path) -> None:
    """A file starting "From " is read as an mbox: message by message, each within the 32 MB
    cap, so memory stays bounded whatever the file's size. A text file of 80 MB that starts
    like one is one message too large (one line); an mbox of 36 MB is read whole."""
    work = tmp_path
    (work / "small").mkdir()
    (work / "small" / "good.txt").write_text(corpus_bad.good_digest(corpus_bad.GOOD_WORD))
    _, baseline = run_dex_peak(work / "data0", "index", "small", cwd=work)

    (work / "log").mkdir()
    log = work / "log" / "server.txt"
    line = b"hospital beds funding winter plan and more words here\n"
    log.write_bytes(b"From someone\nSubject: log\n\n" + line * (80_000_000 // len(line)))
    proc, peak = run_dex_peak(work / "data1", "index", "log", cwd=work)
    assert_no_traceback(proc)
    [message] = [line for line in message_lines(proc.stderr) if "indexing:" not in line]
    assert "log/server.txt" in message and "too large" in message, message
    note(f"80 MB text file starting 'From ': peak {peak:.0f} MB (baseline {baseline:.0f} MB)")
    assert peak - baseline < 80, "the file was read whole"

    (work / "mail").mkdir()
    _mbox_with_attachments(work / "mail" / "archive.mbox", 36, 1_000_000)
    proc, peak = run_dex_peak(work / "data2", "index", "mail", cwd=work)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert not [line for line in message_lines(proc.stderr) if "indexing:" not in line]
    assert proc.stdout.startswith("Indexed 36 digests"), proc.stdout
    note(f"36 MB mbox of 36 messages: peak {peak:.0f} MB (baseline {baseline:.0f} MB)")
    assert peak - baseline < 36, "the mbox was read whole"


def test_a_million_short_lines_or_one_long_line_are_read_in_linear_time(tmp_path: Path) -> None:
    """A 2 MB file of a million one-letter lines once took 53 s (joining wrapped lines was
    quadratic), a line of 2 MB without a space hours (matching it against headlines was); both
    are indexed, and the time printed. tests/perf/bench_lines.py compares N and 4N lines; no
    time is asserted here."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "lines.txt").write_text("\n".join(["x"] * 1_000_000))
    (tmp_path / "corpus" / "token.txt").write_text("Headline\n\n" + "x" * 2_000_000)
    started = time.perf_counter()
    proc = run_dex(tmp_path / "data", "index", "corpus", cwd=tmp_path, timeout=300)
    seconds = time.perf_counter() - started
    assert_no_traceback(proc)
    assert proc.returncode == 0 and proc.stdout.startswith("Indexed 2 digests"), proc.stdout
    note(f"a million one-letter lines and a 2 MB line without a space: indexed in {seconds:.1f} s")
