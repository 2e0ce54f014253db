"""Dates: ordinals, periods, financial years, ranges, quarters and relative dates, and which
date a date without a year is resolved against."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.entities.extractor import extract
from indexer.pipeline import parse_file

DAY = dt.date(2024, 3, 12)  # a Tuesday


def test_a_slashed_number_that_is_no_calendar_date_is_none() -> None:
    assert _dates("Ref 31/02/2021 and page 3/4 of 2021.") == {}


def _dates(body: str, ref: dt.date | None = DAY) -> dict[str, object]:
    return {e.text: e.value for e in extract(None, body, ref) if e.label == "DATE"}


@pytest.mark.parametrize(
    ("body", "span", "value"),
    [
        ("It opened on 16th February 2018 in Leeds.", "16th February 2018", "2018-02-16"),
        ("Published 26/11/2021 by the trust.", "26/11/2021", "2021-11-26"),  # day first
        ("Deadline: 12.11.2021, then review.", "12.11.2021", "2021-11-12"),
        ("Updated 2021-11-26 at noon.", "2021-11-26", "2021-11-26"),
        ("The ward opens on Tuesday 5th March.", "Tuesday 5th March", "2024-03-05"),
        ("Waits must fall by the end of 2025, it said.", "end of 2025", "2025"),
        ("The plan starts in spring 2026 at the earliest.", "spring 2026", "2026"),
        ("It was agreed in the spring of 2017 by the board.", "spring of 2017", "2017"),
        ("Trusts must break even in 2025-26 or face cuts.", "2025-26", "2025"),
        ("Uptake was 63% in winter 2017/18 on the wards.", "winter 2017/18", "2017"),
        ("Allocations for 2022 to 2023 were published.", "2022 to 2023", "2022"),
        ("Deliveries began in early October, it said.", "early October", "2023-10"),
        ("The ward reopens in late 2025 at the earliest.", "2025", "2025"),
        ("The list will keep growing into 2026, it warned.", "2026", "2026"),
        ("Data for April to September 2020 are out.", "April to September 2020", "2020-04"),
        ("Clinics run in the second week of April.", "second week of April", "2024-04"),
        ("Q3 2025 figures show a fall.", "Q3 2025", "2025"),
        ("It opened on 12 March 2024New crisis house", "12 March 2024", "2024-03-12"),
        ("The board meets next week to decide.", "next week", "2024-03-18"),
        ("Talks broke down last month, members said.", "last month", "2024-02"),
        ("Members walked out on Saturday.", "Saturday", "2024-03-09"),
        ("The clinic opens on October 4 in Hull.", "October 4", "2023-10-04"),  # month first
        ("Hearings sit on June 3 and 4 at the tribunal.", "June 3 and 4", "2024-06-03"),
        ("In March 12 trusts missed the target.", "March", "2024-03"),  # a count, not a day
        ("Sep 12 · 11 min read", "Sep 12", "2023-09-12"),  # a month shortened, with its day
        ("It closes Feb 28, 2025.", "Feb 28, 2025", "2025-02-28"),
        (
            "Inspectors will be on site from Tuesday 25 to Thursday 27 July for the review.",
            "Tuesday 25 to Thursday 27 July",
            "2024-07-25",
        ),
    ],
)
def test_dates(body: str, span: str, value: str) -> None:
    assert _dates(body).get(span) == value


@pytest.mark.parametrize(
    ("body", "span"),
    [
        ("Wards will close before Christmas, the trust said.", "Christmas"),
        ("Consultants will provide just Christmas day cover.", "Christmas day"),
        ("Clinics reopen on Easter Monday.", "Easter Monday"),
        ("Staff worked on Boxing Day.", "Boxing Day"),
        ("Meals in the holidays until Easter 2021 were voted down.", "Easter 2021"),  # its year
    ],
)
def test_a_holiday_is_a_date_with_no_calendar_value(body: str, span: str) -> None:
    """Which year's Christmas is the reader's to judge ("since Christmas" in January)."""
    assert _dates(body) == {span: None}


def test_two_years_apart_are_two_dates() -> None:
    assert set(_dates("Cases rose between 2009 and 2023.")) == {"2009", "2023"}


def test_without_a_digest_date_relative_dates_keep_their_text_only() -> None:
    found = {
        e.text: (e.value, e.canonical)
        for e in extract(None, "It ends next week, on Saturday 2 March.", None)
    }
    assert found == {
        "next week": (None, "next week"),
        "Saturday 2 March": (None, "Saturday 2 March"),
    }


def test_a_file_time_is_not_a_digest_date(tmp_path: Path) -> None:
    """A digest whose date is only the file's modification time resolves no weekday."""
    path = tmp_path / "bulletin.txt"
    path.write_text(
        "HEALTH BULLETIN\n\nStrike called\n\nNurses will walk out on Friday, the union said.\n\n"
        "Beds cut\n\nThe trust will close 20 beds next week, its board heard.\n",
        encoding="utf-8",
    )
    stories = [s for d in parse_file(path, str(path)) for s in d.stories]
    assert stories and all(s.date_from == "mtime" for s in stories)
    dates = {e.text: e.value for s in stories for e in s.entities if e.label == "DATE"}
    assert dates == {"Friday": None, "next week": None}


def test_a_digest_date_from_the_text_resolves_them(tmp_path: Path) -> None:
    path = tmp_path / "bulletin_2024-03-12.txt"
    path.write_text(
        "HEALTH BULLETIN\n\nStrike called\n\nNurses will walk out on Friday, the union said.\n\n"
        "Beds cut\n\nThe trust will close 20 beds next week, its board heard.\n",
        encoding="utf-8",
    )
    stories = [s for d in parse_file(path, str(path)) for s in d.stories]
    assert stories and stories[0].date == DAY
    dates = {e.text: e.value for s in stories for e in s.entities if e.label == "DATE"}
    assert dates == {"Friday": "2024-03-15", "next week": "2024-03-18"}


@pytest.mark.parametrize(
    "listing",
    [
        "Next meeting: Tuesday 4 March 2025, 2pm, Boardroom, Trust HQ.",
        "Members' forum - Friday 6 June, 10.30am-12pm, online.",
        "Budget workshop: Weds 12 Feb, 1pm, Teams.",
        "Falls prevention study day - 9 October 2025, Lancaster.",  # its venue after it
        "Members' forum, 3 July, online",
    ],
)
def test_an_event_listings_date_and_time_add_no_date(listing: str) -> None:
    assert not [e for e in extract(None, listing, DAY) if e.label == "DATE"]


@pytest.mark.parametrize(
    ("body", "date"),
    [
        ("The trust holds a webinar on Tuesday 4 March, 2pm to 3pm.", "Tuesday 4 March"),
        ("Clinics run from 6 June, 10am to 4pm, at the library.", "6 June"),
        ("The board met on 3 July, Ms Bell said.", "3 July"),
        ("The report, 3 July 2024, found waits had grown.", "3 July 2024"),
    ],
)
def test_a_date_and_time_in_the_storys_sentence_stay(body: str, date: str) -> None:
    assert date in {e.text for e in extract(None, body, DAY) if e.label == "DATE"}


def test_a_storys_own_date_line_in_its_details_keeps_its_date() -> None:
    details = "Date: Wednesday 28 January 2026, 9.30am, Committee Room 15"
    found = extract("Evidence session", "The committee will take evidence.", DAY, details=details)
    assert [(e.text, e.field) for e in found if e.label == "DATE"] == [
        ("Wednesday 28 January 2026", "details")
    ]
    body = "Branch AGM - Thursday 1 December, 5.30pm, Education Centre."  # a listing in the text
    assert not [e for e in extract(None, body, DAY) if e.label == "DATE"]
