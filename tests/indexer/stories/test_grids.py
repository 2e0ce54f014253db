"""Tables drawn in plain text with a grid: rows of prose become a topic over its text."""

from __future__ import annotations

from indexer.stories.grids import unfold_grid_tables
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
