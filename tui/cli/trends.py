"""`dex trends [QUERY]`: stories per week, month or year, or the entities that rose and fell."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any

import click

from tui.cli.search import (
    QUERY_HELP,
    _QueryCommand,
    query_text,
    reading_index,
    write_utf8,
)
from tui.cli.shown import one_line

if TYPE_CHECKING:
    from indexer.records import EntityTrend, Timeline, Trends

ENTITY_TYPES = {"org": "ORG", "person": "PERSON", "place": "PLACE", "all": None}
HEADINGS = {"ORG": "Organisations", "PERSON": "People", "PLACE": "Places"}
BAR_WIDTH = 40


@click.command("trends", cls=_QueryCommand, epilog=QUERY_HELP)
@click.argument("query", nargs=-1)
@click.option(
    "--by",
    type=click.Choice(["week", "month", "year"]),
    default="month",
    show_default=True,
    help="The length of each period (weeks start on Monday).",
)
@click.option(
    "--entity",
    type=click.Choice(list(ENTITY_TYPES)),
    help="Instead of counts per period: the entities of this type (or all) whose stories "
    "rose and fell most, in the newest period against the one before.",
)
@click.option(
    "--since",
    metavar="DATE",
    help="Periods from the one holding DATE (2016, 2016-03, 2016-03-05); with --entity, the "
    "period to compare with the one before.",
)
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="With --entity: how many rising and falling entities of each type.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see README).")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV, for a spreadsheet.")
def trends(
    query: tuple[str, ...],
    by: str,
    entity: str | None,
    since: str | None,
    top: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Count the stories matching QUERY (all stories without one) per week, month or year.

    Stories dated only by their file's modification time (no date in the mail, the text or
    the file name) have no real date: they are counted apart as undated. Query mistakes are
    one line on stderr and exit status 2.
    """
    if as_json and as_csv:
        raise click.UsageError("give --json or --csv, not both")
    from indexer.search.query_dates import parse_period

    text = query_text(query)
    day = None
    if since is not None:
        try:
            day = parse_period(since, dt.date.today()).start
        except ValueError as exc:
            click.echo(one_line(f"dex: --since: {exc}"), err=True)
            raise click.exceptions.Exit(2) from None
    with reading_index() as (index, bookmarks):
        if entity is None:
            found: Any = index.timeline(text, by=by, since=day, bookmarks=bookmarks)  # type: ignore[arg-type]
        else:
            found = index.trends(text, by=by, period=day, top=top, bookmarks=bookmarks)  # type: ignore[arg-type]
    labels = _labels(entity)
    if as_json:
        data = timeline_to_json(found) if entity is None else trends_to_json(found, labels)
        write_utf8(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    elif as_csv:
        write_utf8(timeline_csv(found) if entity is None else trends_csv(found, labels))
    elif entity is None:
        _render_timeline(found)
    else:
        _render_trends(found, labels)


def _labels(entity: str | None) -> tuple[str, ...]:
    chosen = ENTITY_TYPES.get(entity or "all")
    return (chosen,) if chosen else tuple(HEADINGS)


# -- JSON and CSV ----------------------------------------------------------------------------


def timeline_to_json(found: Timeline) -> dict[str, Any]:
    """The documented `dex trends --json` object for counts per period (README)."""
    return {
        "query": found.query,
        "by": found.by,
        "since": found.since.isoformat() if found.since else None,
        "periods": [
            {"start": b.start.isoformat(), "end": b.end.isoformat(), "stories": b.count}
            for b in found.buckets
        ],
        "dated": found.dated,
        "undated": found.undated,
    }


def _entity_json(trend: EntityTrend) -> dict[str, Any]:
    return {
        "name": trend.name,
        "key": trend.key,
        "stories": trend.now,
        "before": trend.before,
        "change": trend.change,
        "series": list(trend.series),
    }


def trends_to_json(found: Trends, labels: tuple[str, ...]) -> dict[str, Any]:
    """The documented `dex trends --entity TYPE --json` object (README)."""

    def period(bucket: Any) -> dict[str, Any]:
        return {"start": bucket.start.isoformat(), "end": bucket.end.isoformat(),
                "stories": bucket.count}  # fmt: skip

    return {
        "query": found.query,
        "by": found.by,
        "period": period(found.current),
        "previous": period(found.previous),
        "series_periods": [period(b) for b in found.periods],
        "undated": found.undated,
        "types": {
            label.lower(): {
                "rising": [_entity_json(t) for t in found.rising[label]],
                "falling": [_entity_json(t) for t in found.falling[label]],
            }
            for label in labels
        },
    }


def _csv(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def timeline_csv(found: Timeline) -> str:
    """start, end, stories per period; the undated stories as a last row of their own."""
    rows: list[list[Any]] = [["start", "end", "stories"]]
    rows += [[b.start.isoformat(), b.end.isoformat(), b.count] for b in found.buckets]
    rows.append(["undated", "", found.undated])
    return _csv(rows)


def trends_csv(found: Trends, labels: tuple[str, ...]) -> str:
    rows: list[list[Any]] = [["type", "direction", "name", "before", "stories", "change"]]
    for label in labels:
        for direction, group in (("rising", found.rising), ("falling", found.falling)):
            rows += [[label.lower(), direction, t.name, t.before, t.now, t.change]
                     for t in group[label]]  # fmt: skip
    return _csv(rows)


# -- the terminal ----------------------------------------------------------------------------


def _render_timeline(found: Timeline) -> None:
    from rich.console import Console
    from rich.text import Text

    from tui.charts import period_name

    console = Console(highlight=False)
    shown = one_line(found.query) if found.query else "all stories"
    if not found.buckets:
        console.print(Text(f"No dated stories match {shown!r}."))
    most = max((b.count for b in found.buckets), default=0) or 1
    for bucket in found.buckets:
        line = Text(f"{period_name(bucket.start, found.by):>19}  {bucket.count:>6}  ")
        line.append("█" * round(BAR_WIDTH * bucket.count / most), style="cyan")
        console.print(line)
    about = f"{found.dated} dated stories in {len(found.buckets)} {found.by}s"
    if found.undated:
        about += f"; {found.undated} undated (only a file date), not counted above"
    console.print(Text(about + ".", style="dim"))


def _render_trends(found: Trends, labels: tuple[str, ...]) -> None:
    from rich.console import Console
    from rich.text import Text

    from tui.charts import period_name, sparkline

    console = Console(highlight=False)
    now, before = (period_name(p.start, found.by) for p in (found.current, found.previous))
    console.print(Text(f"{now} against {before}", style="bold"))
    for label in labels:
        console.print(Text(HEADINGS[label], style="bold underline"))
        for direction, group, style in (("rising", found.rising, "green"),
                                        ("falling", found.falling, "red")):  # fmt: skip
            if not group[label]:
                console.print(Text(f"  nothing {direction}", style="dim"))
            for trend in group[label]:
                line = Text(f"  {trend.change:+4d}  ", style=style)
                line.append(f"{trend.before:>4} → {trend.now:<4} ")
                line.append(sparkline(trend.series), style=style)
                line.append(f"  {one_line(trend.name)}")
                console.print(line)
    if found.undated:
        console.print(Text(f"{found.undated} undated stories (only a file date) not counted.",
                           style="dim"))  # fmt: skip
