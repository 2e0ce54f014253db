"""What headlines carry beside their words (a source and date in brackets, after a dash) is
the story's details, where the digest shows it sets such parts there."""

from __future__ import annotations

from indexer.stories.split import split

TEXT = (
    "Coverage of the second dose at five years is 84.5% nationally, the lowest for a decade. "
    "Locally it is 86.1%."
)


def test_sources_with_dates_in_brackets_after_headlines_are_details() -> None:
    items = [
        ("Measles: cases rise and catch-up urged", "UKHSA, 9 October 2023"),
        ("Obesity profile refreshed with 2021/22 data", "OHID, 10 October 2023"),
        ("Healthy homes: guidance for councils", "Local Government Association, 11 October 2023"),
    ]
    text = "HEALTH PROTECTION\n\n" + "".join(
        f"{headline} ({source})\n{TEXT}\n\n" for headline, source in items
    )
    found = split(text)
    assert [(s.headline, s.details) for s in found] == [
        (headline, (source,)) for headline, source in items
    ]


def test_one_headline_with_a_bracket_keeps_it() -> None:
    headlines = [
        "Trust appoints chief executive (interim, 3 May 2024)",
        "Ward closures at Calder General",
        "Pharmacy funding settled",
    ]
    found = split("".join(f"{headline}\n{TEXT}\n\n" for headline in headlines))
    assert [s.headline for s in found] == headlines
    assert all(not s.details for s in found)
