"""`dex trends`: counts per period and rising entities, as text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.cli.runner import invoke as dex

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_json_counts_the_bundled_samples_per_year(data_dir: Path) -> None:
    result = dex(data_dir, "trends", "--by", "year", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"query", "by", "since", "periods", "dated", "undated"}
    years = {p["start"][:4]: p["stories"] for p in data["periods"]}
    assert years == {"2016": 11, "2017": 0, "2018": 0, "2019": 0, "2020": 0, "2021": 0,
                     "2022": 0, "2023": 6, "2024": 20}  # fmt: skip
    assert (data["dated"], data["undated"]) == (37, 0)
    assert data["periods"][0]["end"] == "2016-12-31"


def test_stories_with_only_a_file_date_are_counted_apart(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.json"))
    assert dex(data_dir, "index", str(folder)).exit_code == 0
    total = json.loads(dex(data_dir, "search", "--json", "source:seeds", "-n", "1").stdout)["total"]
    data = json.loads(dex(data_dir, "trends", "--json", "--by", "year").stdout)
    assert total > 0 and data["undated"] == total  # the seeds have no date but their files'
    assert (data["dated"], data["periods"]) == (0, [])  # (the samples left when seeds came)
    plain = dex(data_dir, "trends", "--by", "year")
    assert f"{total} undated (only a file date), not counted above" in plain.stdout


def test_csv_has_a_row_per_period_and_one_for_undated(data_dir: Path) -> None:
    result = dex(data_dir, "trends", "nhs", "--by", "year", "--since", "2023", "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["start", "end", "stories"]
    assert [row[0] for row in rows[1:]] == ["2023-01-01", "2024-01-01", "undated"]
    assert rows[-1] == ["undated", "", "0"]


def test_entity_trends_json(data_dir: Path) -> None:
    result = dex(data_dir, "trends", "--entity", "org", "--by", "year", "--json", "--top", "2")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["period"]["start"], data["previous"]["start"]) == ("2024-01-01", "2023-01-01")
    assert (data["period"]["stories"], data["previous"]["stories"]) == (20, 6)
    assert list(data["types"]) == ["org"]
    rising = data["types"]["org"]["rising"]
    assert 0 < len(rising) <= 2
    for entity in rising:
        assert entity["change"] == entity["stories"] - entity["before"] > 0
        assert entity["series"][-2:] == [entity["before"], entity["stories"]]
    plain = dex(data_dir, "trends", "--entity", "all", "--by", "year")
    assert "2024 against 2023" in plain.stdout and "People" in plain.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "someday"], "dex: --since: cannot read 'someday' as a date"),
        (["org:("], "dex: query 'org:('"),
    ],
)
def test_mistakes_are_one_line_and_status_2(data_dir: Path, args: list[str], message: str) -> None:
    assert dex(data_dir, "trends").exit_code == 0  # the sample index, built once
    result = dex(data_dir, "trends", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
