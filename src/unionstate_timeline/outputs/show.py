"""`timeline show`: the timeline as rich tables, chronological, readable at 80 columns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..models import Claim, Event, Timeline, When
from .present import date_label, doc_ids, number, series_of, source_count, type_label

_STATUS_STYLE = {"planned": "italic yellow", "expected": "italic cyan", "cancelled": "strike dim"}


def parse_bound(text: str, *, end: bool) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD as the first (or, with end=True, last) day it names."""
    parts = text.strip().split("-")
    try:
        nums = [int(p) for p in parts]
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(nums[0], 12, 31) if end else date(nums[0], 1, 1)
        if len(parts) == 2 and len(parts[0]) == 4:
            first = date(nums[0], nums[1], 1)
            if not end:
                return first
            following = date(nums[0] + (nums[1] == 12), nums[1] % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        if len(parts) == 3:
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")


def _overlaps(when: When | None, lo: date | None, hi: date | None) -> bool:
    """True when the days the value covers meet [lo, hi]; undated never does."""
    if lo is None and hi is None:
        return True
    if when is None or when.start is None or when.end is None:
        return False
    return (lo is None or when.end >= lo.isoformat()) and (
        hi is None or when.start <= hi.isoformat()
    )


def filter_events(
    events: Iterable[Event],
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    types: Sequence[str] | None = None,
    actor: str | None = None,
    min_sources: int = 1,
) -> list[Event]:
    """Events that pass every filter given (actor: case-insensitive substring of any actor)."""
    needle = actor.casefold() if actor else None
    return [
        e for e in events
        if _overlaps(e.when, date_from, date_to)
        and (not types or e.type in types)
        and (needle is None or any(needle in a.casefold() for a in e.actors))
        and source_count(e) >= min_sources
    ]  # fmt: skip


class EventsView:
    """The events table, laid out for the width it is printed at.

    Narrow (under WIDE columns): actors go on a dim second line under the title, so an
    80-column terminal keeps a readable title column. Wide: actors get their own column.
    """

    WIDE = 110

    def __init__(self, events: list[Event]) -> None:
        self.events = events

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(wide=options.max_width >= self.WIDE)

    def table(self, *, wide: bool) -> Table:
        table = Table(
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            title_justify="left",
            title=f"Events ({len(self.events)})",
            title_style="bold",
        )
        table.add_column("Date", min_width=10, max_width=11 if not wide else None, style="bold")
        table.add_column("Type", max_width=10 if not wide else None)
        table.add_column("Title", ratio=3, min_width=20)
        table.add_column("Status", max_width=9)
        if wide:
            table.add_column("Actors", ratio=2, min_width=12)
        table.add_column("Src", justify="right", no_wrap=True, min_width=3)
        for e in self.events:
            title = Text(e.title)
            if e.conflicts:
                title.append(" ⚠ conflict", style="bold red")
            actors = ", ".join(e.actors)
            if actors and not wide:
                title.append(f"\nactors: {actors}", style="dim")
            status = Text(e.status, style=_STATUS_STYLE.get(e.status, "dim"))
            row: list[RenderableType] = [date_label(e.when), type_label(e.type), title, status]
            if wide:
                row.append(actors)
            table.add_row(*row, str(source_count(e)))
        return table


def _claims_table(series: str, claims: list[Claim]) -> Table:
    title = Text(claims[0].subject, style="bold")
    title.append(f" ({series})", style="dim")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left", title=title)
    table.add_column("As of", no_wrap=True, style="bold")
    table.add_column("Value", justify="right", no_wrap=True)
    table.add_column("Unit")
    table.add_column("Qualifier")
    table.add_column("According to")
    table.add_column("Sources", overflow="fold")
    for c in claims:
        table.add_row(
            date_label(c.as_of),
            number(c.value, grouped=True),
            c.unit,
            c.qualifier or "",
            c.attributed_to or "",
            ", ".join(doc_ids(c.citations)),
        )
    return table


def render_table(
    timeline: Timeline,
    *,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    types: Sequence[str] | None = None,
    actor: str | None = None,
    min_sources: int = 1,
) -> RenderableType:
    """Events (filtered, in timeline order) and then claims grouped as series.

    Dates may be given as strings (YYYY, YYYY-MM, YYYY-MM-DD; ValueError if not). Claims follow
    the date, actor (as who is quoted) and source filters; a type filter is about events, so
    it hides claims.
    """
    if isinstance(date_from, str):
        date_from = parse_bound(date_from, end=False)
    if isinstance(date_to, str):
        date_to = parse_bound(date_to, end=True)
    events = filter_events(
        timeline.events,
        date_from=date_from,
        date_to=date_to,
        types=types,
        actor=actor,
        min_sources=min_sources,
    )
    parts: list[RenderableType] = [EventsView(events)]
    if types:
        return Group(*parts)
    needle = actor.casefold() if actor else None
    claims = [
        c for c in timeline.claims
        if _overlaps(c.as_of, date_from, date_to)
        and (needle is None or needle in (c.attributed_to or "").casefold())
        and len(doc_ids(c.citations)) >= min_sources
    ]  # fmt: skip
    grouped = series_of(claims)
    if grouped:
        parts.append(Text(f"Claims ({len(claims)} in {len(grouped)} series)", style="bold"))
        parts += [_claims_table(s, cs) for s, cs in grouped.items()]
    return Group(*parts)
