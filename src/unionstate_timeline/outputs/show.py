"""`timeline show`: the timeline as rich tables, chronological, readable at 80 columns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..models import Claim, Event, Timeline
from .filters import Filters, parse_bound
from .present import date_label, doc_ids, number, series_of, source_count, type_label

__all__ = ["filter_events", "parse_bound", "render_event", "render_table"]

_STATUS_STYLE = {"planned": "italic yellow", "expected": "italic cyan", "cancelled": "strike dim"}


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
    return Filters(date_from, date_to, types, actor, min_sources).events(events)


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
            row: list[RenderableType] = [
                Text(date_label(e.when)),
                Text(type_label(e.type)),
                title,
                status,
            ]
            if wide:
                row.append(Text(actors))
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
        cells = (
            date_label(c.as_of),
            number(c.value, grouped=True),
            c.unit,
            c.qualifier or "",
            c.attributed_to or "",
            ", ".join(doc_ids(c.citations)),
        )
        table.add_row(*(Text(x) for x in cells))
    return table


def render_table(
    timeline: Timeline,
    *,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    types: Sequence[str] | None = None,
    actor: str | None = None,
    min_sources: int = 1,
    filters: Filters | None = None,
) -> RenderableType:
    """Events (filtered, in timeline order) and then claims grouped as series.

    Dates may be given as strings (YYYY, YYYY-MM, YYYY-MM-DD; ValueError if not). Claims follow
    the date, actor (as who is quoted) and source filters; a type filter is about events, so
    it hides claims. `filters` replaces the keyword filters when given.
    """
    if isinstance(date_from, str):
        date_from = parse_bound(date_from, end=False)
    if isinstance(date_to, str):
        date_to = parse_bound(date_to, end=True)
    if filters is None:
        filters = Filters(date_from, date_to, types, actor, min_sources)
    outlets = {d.doc_id: d.outlet for d in timeline.documents if d.outlet}
    parts: list[RenderableType] = [EventsView(filters.events(timeline.events, outlets))]
    if filters.types:
        return Group(*parts)
    claims = filters.claims(timeline.claims, outlets)
    grouped = series_of(claims)
    if grouped:
        parts.append(Text(f"Claims ({len(claims)} in {len(grouped)} series)", style="bold"))
        parts += [_claims_table(s, cs) for s, cs in grouped.items()]
    return Group(*parts)


def find_event(timeline: Timeline, event_id: str) -> Event | None:
    """The event with this id, or the only one whose id starts with it."""
    exact = [e for e in timeline.events if e.event_id == event_id]
    if exact:
        return exact[0]
    prefixed = [e for e in timeline.events if e.event_id.startswith(event_id)]
    return prefixed[0] if len(prefixed) == 1 else None


def render_event(timeline: Timeline, event: Event) -> RenderableType:
    """One event in full: date, type, status, actors, places, conflicts, every quote."""
    docs = {d.doc_id: d for d in timeline.documents}
    head = Text(event.title, style="bold")
    head.append(f"\n{event.event_id}", style="dim")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    when = event.when
    date_text = date_label(when)
    if when is not None and when.start:
        date_text += f"  ({when.start} .. {when.end}; {when.precision}, {when.method})"
    rows = [
        ("Date", date_text),
        ("Type", type_label(event.type)),
        ("Status", event.status),
        ("Actors", ", ".join(event.actors)),
        ("Places", ", ".join(event.places)),
        ("Confidence", f"{event.confidence:g}"),
    ]
    rows += [("Conflict", f"{c.field}: {' vs '.join(c.values)}") for c in event.conflicts]
    for label, value in rows:
        if value:
            facts.add_row(label, Text(value))
    parts: list[RenderableType] = [head, facts, Text(f"Sources ({source_count(event)})", "bold")]
    for c in event.citations:
        d = docs.get(c.doc_id)
        source = Text(" ".join(x for x in (d and d.outlet, c.doc_id) if x), style="bold")
        source.append(f"  {c.start}-{c.end}", style="dim")
        if d is not None and d.published is not None:
            source.append(f"  published {d.published.value}", style="dim")
        if d is not None and d.url:
            source.append(f"\n{d.url}", style="dim")
        quote = Text("  " + " ".join(c.quote.split()))
        parts += [source, quote]
    return Group(*parts)
