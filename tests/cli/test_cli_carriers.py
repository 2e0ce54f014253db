"""Feeds, Outlook .msg files and Maildir folders end to end: `dex parse`, `dex index`, search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.runner import invoke as dex

CARRIERS = Path(__file__).resolve().parents[1] / "fixtures" / "carriers"
DEV = Path(__file__).resolve().parents[1] / "fixtures" / "dev"


def parsed(tmp_path: Path, *paths: Path) -> list[dict]:
    result = dex(tmp_path / "data", "parse", "--json", "--no-entities", *map(str, paths))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_feed_items_are_stories_with_their_own_dates(tmp_path: Path) -> None:
    stories = parsed(tmp_path, CARRIERS / "health_policy_weekly.atom")
    assert len(stories) >= 2
    assert all(story["headline"] for story in stories)
    assert all(story["date_from"] == "header" for story in stories)
    assert len({story["date"] for story in stories}) > 1  # each item its own day
    assert {story["digest_title"] for story in stories} == {"Health Policy Weekly"}


def test_xml_that_is_a_feed_is_read_and_other_xml_is_skipped(tmp_path: Path) -> None:
    feed = tmp_path / "news.xml"
    shutil.copy(CARRIERS / "health_policy_daily.rss", feed)
    other = tmp_path / "config.xml"
    other.write_text('<?xml version="1.0"?><settings><a>1</a></settings>', encoding="utf-8")
    result = dex(tmp_path / "data", "parse", "--json", "--no-entities", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert {Path(s["source"]).name for s in json.loads(result.stdout)} == {"news.xml"}
    assert "config.xml" in result.stderr and "not an RSS or Atom feed" in result.stderr


def test_malformed_feed_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = dex(tmp_path / "data", "parse", str(CARRIERS / "malformed.rss"))
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert "malformed.rss" in line and "malformed feed" in line
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["briefing_plain.msg", "week_in_health_policy_html.msg"])
def test_outlook_message_is_split_into_its_stories(tmp_path: Path, name: str) -> None:
    stories = parsed(tmp_path, CARRIERS / name)
    assert len(stories) == 3
    assert all(story["headline"] for story in stories)
    assert all(story["date_from"] == "header" for story in stories)


def test_maildir_is_indexed_and_searchable(tmp_path: Path) -> None:
    mail = tmp_path / "Mail" / "digests"
    shutil.copytree(DEV / "Maildir", mail)
    (mail / "tmp").mkdir()
    data = tmp_path / "data"
    indexed = dex(data, "index", str(mail))
    assert indexed.exit_code == 0, indexed.output
    found = dex(data, "search", "--json", "dentistry OR vaccination OR pharmacy")
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)["hits"]
    assert hits and all("/cur/" in hit["sources"][0] for hit in hits)
    for hit in hits:  # read as mail: no MIME headers or quoted-printable in what users see
        assert "Content-Type" not in hit["snippet"] and "=20" not in hit["snippet"]


def test_most_read_list_pointing_at_another_issue_of_the_mbox_is_no_story(tmp_path: Path) -> None:
    def issue(day: int, lead: str, text: str, most_read: list[str]) -> str:
        listed = "\n".join(f"- {headline}" for headline in most_read)
        return (
            f"From digest@example.org Mon Mar {day:2d} 07:00:00 2024\n"
            f"From: Daily <digest@example.org>\nSubject: Daily {day} March\n"
            f"Date: Mon, {day} Mar 2024 07:00:00 +0000\n\n"
            f"{lead}\n\n{text}\n\nTrust fined over maternity failings number {day}\n\n"
            f"The regulator fined the trust {day} thousand pounds on Monday.\n\n"
            f"MOST READ\n\n{listed}\n\n"
        )

    mbox = tmp_path / "daily.mbox"
    mbox.write_text(
        issue(4, "Waiting list falls again", "The list fell to 7.4 million in March.", [])
        + issue(
            5,
            "Nurses vote on strike action",
            "Members of the union will vote from Tuesday.",
            [
                "Waiting list falls again",
                "Trust fined over maternity failings number 4",
                "Pharmacy closures accelerate in deprived areas",
            ],
        ),
        encoding="utf-8",
    )
    headlines = [story["headline"] for story in parsed(tmp_path, mbox)]
    assert headlines.count("Waiting list falls again") == 1  # the story, not its pointer
    assert headlines.count("Trust fined over maternity failings number 4") == 1
