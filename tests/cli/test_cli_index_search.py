"""`dex index` and `dex search` end to end, in a data dir under tmp_path."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from indexer import engine
from indexer.index import store
from tests.cli.runner import invoke as dex

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_search_builds_the_sample_index_on_first_run(data_dir: Path) -> None:
    result = dex(data_dir, "search", "strike", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "bundled sample digests" in result.stderr
    assert "strike" in result.stdout.lower() and "stories match; showing 2" in result.stdout
    again = dex(data_dir, "search", "strike")
    assert again.exit_code == 0 and again.stderr == ""


def test_piped_search_prints_one_line_per_field(data_dir: Path) -> None:
    """Not a terminal (a pipe, a file): no hard wrap at 80 columns, so `grep` and `cut` see each
    title, source line and snippet whole, on its own line."""
    plain = dex(data_dir, "search", "strike", "-n", "5")
    hits = json.loads(dex(data_dir, "search", "--json", "strike", "-n", "5").stdout)["hits"]
    lines = plain.stdout.splitlines()
    assert len(lines) == 3 * len(hits) + 1 and f"showing {len(hits)}." in lines[-1]
    for number, hit in enumerate(hits):
        title, where, snippet = lines[3 * number : 3 * number + 3]
        assert title == f"{number + 1:>3}. {hit['title']}"
        assert where.startswith(f"     {hit['date']}  ") and where.endswith(f"  id {hit['id']}")
        assert snippet == f"     {hit['snippet']}"
    assert max(len(line) for line in lines) > 100


def test_search_json_is_the_documented_object(data_dir: Path) -> None:
    result = dex(data_dir, "search", "--json", "junior doctors", "-n", "3")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["query", "total", "exact", "suggestion", "hits"]
    assert data["query"] == "junior doctors" and data["total"] >= len(data["hits"]) > 0
    hit = data["hits"][0]
    assert list(hit) == [
        "id", "headline", "title", "date", "sources", "digest_title", "snippet",
        "snippet_spans", "score", "title_spans",
    ]  # fmt: skip
    assert all(
        hit["snippet"][s:e].lower().startswith(("junior", "doctor"))
        for s, e in hit["snippet_spans"]
    )
    assert hit["snippet_spans"]


def test_search_sort_by_date(data_dir: Path) -> None:
    result = dex(data_dir, "search", "--json", "--sort", "date", "nhs")
    dates = [hit["date"] for hit in json.loads(result.stdout)["hits"]]
    assert dates == sorted(dates, reverse=True)


def test_did_you_mean(data_dir: Path) -> None:
    result = dex(data_dir, "search", "consultnts")
    assert result.exit_code == 0
    assert "No stories match 'consultnts'. Did you mean: consultants?" in result.stdout
    data = json.loads(dex(data_dir, "search", "--json", "consultnts").stdout)
    assert (data["total"], data["hits"], data["suggestion"]) == (0, [], "consultants")


@pytest.mark.parametrize("query", ['"junior doctors', "colour:red", "date:someday"])
def test_query_mistakes_exit_2_with_one_line(data_dir: Path, query: str) -> None:
    result = dex(data_dir, "search", query)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith(f"dex: query {query!r}: ")
    assert "Traceback" not in result.output


def test_index_prints_a_summary_and_is_incremental(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, folder / path.name)
    result = dex(data_dir, "index", str(folder))
    assert result.exit_code == 0, result.output
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("Indexed 2 digests, ") and "0 failed in " in summary
    again = dex(data_dir, "index", str(folder))
    assert "0 digests" in again.stdout and "2 unchanged" in again.stdout
    found = dex(data_dir, "search", "--json", f"from:{path.name}")
    assert json.loads(found.stdout)["total"] > 0


def test_index_exit_1_when_a_named_file_fails(data_dir: Path, tmp_path: Path) -> None:
    result = dex(
        data_dir,
        "index",
        str(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]),
        str(tmp_path / "missing.txt"),
    )
    assert result.exit_code == 1
    assert "missing.txt: no such file or directory" in result.stderr
    assert "1 failed" in result.stdout


def test_index_busy(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = data_dir / "index"
    store.update_index(index_dir, [str(sorted(SEEDS.glob("*.txt"))[0])])
    monkeypatch.setattr(store, "BUSY_WAIT_SECONDS", 0.2)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with engine.write_lock(index_dir, 1.0):
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(5)
        result = dex(data_dir, "index", str(SEEDS))
    finally:
        release.set()
        holder.join()
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "dex: index is busy: another dex is indexing; try again when it finishes"
    )


README = Path(__file__).resolve().parents[2] / "README.md"


def test_readmes_example_queries_find_stories_on_the_bundled_samples(data_dir: Path) -> None:
    import re

    text = README.read_text(encoding="utf-8")
    queries = re.findall(r"dex search (?:--json )?'([^']+)'", text)
    examples = re.findall(r"`((?:date|org|source):[^`]+)`", text)
    queries += [q for q in examples if "last month" not in q]  # relative to today: no promise
    assert len(queries) >= 5
    for query in queries:
        result = dex(data_dir, "search", "--json", query)
        assert result.exit_code == 0, (query, result.output)
        assert json.loads(result.stdout)["total"] > 0, query


@pytest.mark.parametrize(
    "query", ["source:2024-09", "source:2024", "source:a0d09732db0539e4", "source:samples"]
)
def test_source_matches_a_word_or_the_start_of_one(data_dir: Path, query: str) -> None:
    result = dex(data_dir, "search", "--json", "--limit", "50", query)
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["total"] > 0
    assert all("2024" in hit["sources"][0] for hit in found["hits"]) or query == "source:samples"


@pytest.mark.parametrize(("args", "query"), [
    (["-nhs"], "-nhs"),
    (["deficit", "-nhs"], "deficit -nhs"),
    (["--", "-nhs"], "-nhs"),
    (["-n", "3", "deficit", "-strike"], "deficit -strike"),
    (["-n3", "deficit", "-strike"], "deficit -strike"),
])  # fmt: skip
def test_a_minus_word_is_part_of_the_query(data_dir: Path, args: list[str], query: str) -> None:
    result = dex(data_dir, "search", "--json", *args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["query"] == query


def test_a_mistyped_long_option_is_still_an_error(data_dir: Path) -> None:
    result = dex(data_dir, "search", "--jsn", "nhs")
    assert result.exit_code == 2 and "No such option" in result.output


def test_search_checks_the_index_files_once(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert dex(data_dir, "search", "nhs").exit_code == 0  # builds the sample index
    checks: list[Path] = []
    real = store.find_damage

    def counted(folder: Path, *args: Any, **kwargs: Any) -> str | None:
        checks.append(folder)
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(store, "find_damage", counted)
    result = dex(data_dir, "search", "nhs")
    assert result.exit_code == 0 and "stories match" in result.output
    assert len(checks) == 1  # a sample of the checksums costs ~10 ms at 100k stories
