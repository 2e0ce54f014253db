"""Tables drawn in plain text with a grid: rows of prose become a topic over its text."""

from __future__ import annotations

from indexer.stories.grids import unfold_column_tables, unfold_grid_tables
from indexer.stories.split import split

GRID = """\
THIS WEEK AT A GLANCE

+--------------------------+----------------------------------------------------+
| TOPIC                    | UPDATE                                             |
+==========================+====================================================+
| Measles: two confirmed   | UKHSA has confirmed two cases of measles in        |
| cases in Eastfield       | children attending a nursery in Eastfield.         |
|                          | Contacts have been offered MMR vaccine.            |
+--------------------------+----------------------------------------------------+
| Winter vaccines: uptake  | Flu vaccine uptake among over-65s in Blackwater is |
| behind last year         | 61% so far, four points lower than last year.      |
+--------------------------+----------------------------------------------------+
"""

FIGURES = """\
+------------+--------+--------+
| Area       | 2023   | 2024   |
+============+========+========+
| Eastfield  | 81.4%  | 80.2%  |
+------------+--------+--------+
| Westfield  | 88.0%  | 89.1%  |
+------------+--------+--------+
"""


def test_a_grid_of_topics_and_their_text_is_a_story_per_row() -> None:
    stories = split(GRID)
    assert [(s.headline, s.body[:30]) for s in stories] == [
        ("Measles: two confirmed cases in Eastfield", "UKHSA has confirmed two cases "),
        ("Winter vaccines: uptake behind last year", "Flu vaccine uptake among over-"),
    ]
    assert stories[0].body.endswith("Contacts have been offered MMR vaccine.")


def test_a_grid_of_figures_is_left_as_drawn() -> None:
    assert unfold_grid_tables(FIGURES) == FIGURES


def test_text_without_a_grid_is_untouched() -> None:
    text = "A + B = C\n\n+ a plus sign\n|a bar|\n"
    assert unfold_grid_tables(text) == text


def test_a_box_drawn_round_a_masthead_is_its_lines_not_a_headline() -> None:
    text = (
        "+--------------------------------------------------------+\n"
        "|  NURSING DIRECTORATE               SAFETY HUDDLE SHEET  |\n"
        "|  Kestrel Valley University Hospitals NHS Trust          |\n"
        "|  READ ALOUD AT EVERY HUDDLE - ALL WARDS                 |\n"
        "+--------------------------------------------------------+\n"
    )
    assert unfold_grid_tables(text).strip().split("\n") == [
        "NURSING DIRECTORATE               SAFETY HUDDLE SHEET",
        "Kestrel Valley University Hospitals NHS Trust",
        "READ ALOUD AT EVERY HUDDLE - ALL WARDS",
    ]


def test_a_boxed_line_with_a_wide_character_loses_its_bar() -> None:
    text = (
        "+------------------------------------------+\n"
        "|  🏥 SAFETY HUDDLE SHEET                  |\n"
        "|  Kestrel Valley University Hospitals     |\n"
        "+------------------------------------------+\n"
    )
    assert unfold_grid_tables(text).strip().split("\n") == [
        "🏥 SAFETY HUDDLE SHEET",
        "Kestrel Valley University Hospitals",
    ]


COLUMN_TABLE = """\
Date        Provider (location)         Action                  What we found
----------  --------------------------  ----------------------  ----------------------------------
03/10/2024  Harbourside Dental Care     Urgent suspension       Inspectors found that instruments
                                                                were not being decontaminated and
                                                                that two nurses had no record of
                                                                immunity.

10/10/2024  Larkfield Lodge Care Home   Warning notice (s.29)   Residents at risk of pressure
                                                                ulcers were left without
                                                                repositioning for up to nine hours.
----------  --------------------------  ----------------------  ----------------------------------
"""


def test_a_column_tables_prose_rows_become_headline_fields_and_text() -> None:
    assert unfold_column_tables("TABLE 1: CIVIL ENFORCEMENT\n\n" + COLUMN_TABLE).split("\n") == [
        "TABLE 1: CIVIL ENFORCEMENT",
        "",
        "Harbourside Dental Care",
        "Date: 03/10/2024 | Action: Urgent suspension",
        "Inspectors found that instruments were not being decontaminated and that two nurses had"
        " no record of immunity.",
        "",
        "Larkfield Lodge Care Home",
        "Date: 10/10/2024 | Action: Warning notice (s.29)",
        "Residents at risk of pressure ulcers were left without repositioning for up to nine"
        " hours.",
        "",
        "",
    ]


def test_a_column_tables_rows_are_stories_with_their_fields_as_details() -> None:
    found = split("ENFORCEMENT ROUND-UP\n\n" + COLUMN_TABLE)
    assert [(s.headline, s.details) for s in found] == [
        ("Harbourside Dental Care", ("Date: 03/10/2024 | Action: Urgent suspension",)),
        ("Larkfield Lodge Care Home", ("Date: 10/10/2024 | Action: Warning notice (s.29)",)),
    ]
    assert found[1].body.startswith("Residents at risk")


def test_a_column_table_of_figures_is_left_as_it_is() -> None:
    figures = (
        "Trust      Beds   Open\n---------  -----  -----\nCalder     412    398\n"
        "Wyre       220    201\n"
    )
    assert unfold_column_tables(figures) == figures
