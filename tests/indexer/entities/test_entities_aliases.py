"""Canonical names and aliases: one organisation is one entity however a story names it, and
the index keeps the canonical name (for facets) and every alias (for queries)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from indexer import engine
from indexer.engine.documents import Content, Occurrence, decode, encode
from indexer.entities.extractor import extract
from indexer.index.store import update_index
from indexer.records import Entity
from indexer.search.searcher import open_index


def _names(headline: str | None, body: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {e.text: (e.canonical, e.aliases) for e in extract(headline, body, None)}


def test_gazetteer_aliases_name_one_organisation() -> None:
    found = _names("BMA warns on pay", "The British Medical Association met ministers.")
    assert found["BMA"] == ("British Medical Association", ("BMA",))
    assert found["British Medical Association"] == ("British Medical Association", ("BMA",))


def test_an_alias_the_story_defines() -> None:
    body = "The Wessex Care Alliance (WCA) met today. The WCA said beds were short."
    found = [(e.text, e.canonical, e.aliases) for e in extract(None, body, None)]
    assert found == [
        ("Wessex Care Alliance", "Wessex Care Alliance", ("WCA",)),
        ("WCA", "Wessex Care Alliance", ("WCA",)),  # in the brackets
        ("WCA", "Wessex Care Alliance", ("WCA",)),
    ]


def test_people_and_places_have_aliases_too() -> None:
    found = _names(None, "Streeting visited the UK's largest trust.")
    assert found["Streeting"] == ("Wes Streeting", ("Streeting",))
    assert "UK" in found["UK"][1] and found["UK"][0] == "United Kingdom"


def test_a_name_without_other_names_has_no_aliases() -> None:
    found = _names(None, "Healthwatch Devon said so.")
    assert found["Healthwatch Devon"] == ("Healthwatch Devon", ())


def test_aliases_survive_the_stored_blob_and_older_blobs_have_none() -> None:
    where = Occurrence("d.txt", "k", "Digest", dt.date(2024, 1, 2), "text", 0)
    entity = Entity("BMA", "ORG", "body", 0, 3, "British Medical Association", None, ("BMA",))
    content = Content(None, "BMA", "BMA said.", (entity,))
    assert decode(encode(content, [where]))[0] == content
    older = json.loads(encode(content, [where]))
    older["e"] = [item[:7] for item in older["e"]]
    assert decode(json.dumps(older).encode())[0].entities[0].aliases == ()


def test_the_index_counts_one_organisation_once_and_keeps_its_aliases(tmp_path: Path) -> None:
    digests = tmp_path / "digests"
    digests.mkdir()
    (digests / "bulletin_2024-03-12.txt").write_text(
        "HEALTH BULLETIN\n\n"
        "Doctors ballot\n\nThe BMA will ballot members, the British Medical Association said.\n\n"
        "Pay talks\n\nThe BMA met ministers on Tuesday.\n\n"
        "Nurses\n\nThe Royal College of Nursing (RCN) wants talks. The RCN said so.\n",
        encoding="utf-8",
    )
    update_index(tmp_path / "index", [str(digests)])
    index = open_index(tmp_path / "index")
    try:
        facets = index.facets("")
        orgs = dict(facets.orgs)
        assert orgs["British Medical Association"] == 2
        assert "BMA" not in orgs and "bma" not in orgs
        searcher = index._state().searcher
        assert engine.term_doc_count(searcher, "alias", "org:bma") == 2
        assert engine.term_doc_count(searcher, "alias", "org:rcn") == 1
        assert engine.term_doc_count(searcher, "org", "royal college of nursing") == 1
    finally:
        index.close()
