"""`dex saved` and `dex search --saved` on the sample index; saved searches travel in the JSON
export and come back with `dex bookmarks import`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import run_main as dex
from tui import locations


@pytest.fixture(autouse=True)
def sample_index(capsys: pytest.CaptureFixture[str]) -> None:
    assert dex(capsys, "search", "strike")[0] == 0  # builds the sample index


def test_saved_searches_are_listed_with_live_counts_and_run_by_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = dex(capsys, "saved", "add", "Strikes", "strike", "OR", "walkout")
    assert code == 0 and "saved 'Strikes': strike OR walkout" in out
    expected = json.loads(dex(capsys, "search", "--json", "strike OR walkout")[1])
    code, out, _ = dex(capsys, "saved", "list")
    assert code == 0 and out.split() == [
        str(expected["total"]),
        "Strikes",
        "strike",
        "OR",
        "walkout",
    ]
    code, out, _ = dex(capsys, "search", "--json", "--saved", "strikes")
    assert code == 0 and json.loads(out) == {**expected, "hits": json.loads(out)["hits"]}
    assert [h["id"] for h in json.loads(out)["hits"]] == [h["id"] for h in expected["hits"]]
    code, out, _ = dex(capsys, "saved", "remove", "STRIKES")
    assert code == 0 and "removed 'Strikes'" in out
    code, _, err = dex(capsys, "search", "--saved", "Strikes")
    assert code == 1 and "no saved search 'Strikes'" in err


def test_a_query_the_index_refuses_is_not_saved(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = dex(capsys, "saved", "add", "broken", '"unclosed')
    assert code == 1 and "unclosed" in err and len(err.strip().splitlines()) == 1
    assert json.loads(dex(capsys, "saved", "list", "--json")[1]) == []


def test_search_takes_one_of_query_like_or_saved(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = dex(capsys, "search", "--saved", "x", "strike")
    assert code == 2 and "one of them" in err


def test_they_travel_in_the_json_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dex(capsys, "saved", "add", "Strikes", "strike")
    exported = tmp_path / "all.json"
    assert dex(capsys, "bookmarks", "export", "-o", str(exported))[0] == 0
    assert json.loads(exported.read_text())["saved_searches"][0]["query"] == "strike"
    monkeypatch.setenv(locations.ENV_VAR, str(tmp_path / "elsewhere"))
    code, out, _ = dex(capsys, "bookmarks", "import", str(exported))
    assert code == 0 and "saved searches: 1 added" in out
    code, out, _ = dex(capsys, "saved", "list", "--json")
    assert [s["name"] for s in json.loads(out)] == ["Strikes"]


def test_a_failure_is_said_as_every_dex_failure_is(capsys) -> None:
    code, out, err = dex(capsys, "saved", "remove", "nothing-saved-by-this-name")
    assert code == 1 and out == ""
    assert err == "dex: no saved search 'nothing-saved-by-this-name' (dex saved list shows them)\n"


def test_the_list_counts_what_the_app_will_show_as_new(capsys: pytest.CaptureFixture[str]) -> None:
    """As the app's pane: stories that arrived since the user last looked, not read yet."""
    import datetime as dt

    from indexer.bookmarks.read_state import ReadState

    dex(capsys, "saved", "add", "Strikes", "strike")
    found = json.loads(dex(capsys, "search", "--json", "strike")[1])
    ids = [hit["id"] for hit in found["hits"]]
    other = json.loads(dex(capsys, "search", "--json", "nhs -strike")[1])["hits"][0]["id"]
    assert len(ids) >= 3 and other not in ids
    now = dt.datetime.now(dt.UTC)
    with ReadState(locations.read_state_db()) as state:
        state.begin_visit(now - dt.timedelta(hours=2))
        state.note_arrivals(ids[2:3], now - dt.timedelta(hours=1.5))  # seen in that visit
        state.looked(now - dt.timedelta(hours=1))
        state.note_arrivals([*ids[:2], other], now - dt.timedelta(minutes=5))
        state.mark_read(ids[:1])
    code, out, _ = dex(capsys, "saved", "list")
    assert code == 0 and out.split() == [str(found["total"]), "1", "new", "Strikes", "strike"]
    rows = json.loads(dex(capsys, "saved", "list", "--json")[1])
    assert rows == [{"name": "Strikes", "query": "strike", "count": found["total"], "new": 1}]
