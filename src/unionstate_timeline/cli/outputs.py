"""Commands that read a finished timeline.json: `show`, `export` and `diff`.

Registered on the app in cli/__init__.py. Imports stay light here (no pydantic, no rich) so that
`timeline --help` stays fast; the work happens in show.py, export.py and diff.py.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import OutputError, TimelineError
from ..outputs.export import Format
from .common import fail as _fail
from .common import stdout_console, usage, warn, write_stdout

if TYPE_CHECKING:
    from ..models import Timeline
    from ..outputs.filters import Filters

FileArg = Annotated[Path, typer.Argument(help="A timeline.json file.", show_default=False)]
DateFrom = Annotated[
    str | None,
    typer.Option("--from", help="Only entries reaching this date or later (YYYY[-MM[-DD]])."),
]
DateTo = Annotated[
    str | None, typer.Option("--to", help="Only entries starting by this date (YYYY[-MM[-DD]]).")
]
Types = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        help="Only events of this type, as shown or stored (repeatable); hides claims.",
    ),
]
Actor = Annotated[
    str | None, typer.Option(help="Only entries naming this actor (part of the name is enough).")
]
MinSources = Annotated[
    int, typer.Option("--min-sources", min=1, help="Only entries from at least N documents.")
]
Doc = Annotated[
    str | None,
    typer.Option("--doc", help="Only entries citing this document (doc_id or part, or outlet)."),
]
Grep = Annotated[
    str | None, typer.Option("--text", help="Only entries with this text in a title or quote.")
]


class DiffFormat(str, Enum):
    """Output formats of `timeline diff -f`."""

    table = "table"
    json = "json"
    md = "md"


def _load(path: Path) -> Timeline:
    """Read a timeline: a missing path is a usage error (2), like `build`; a bad file exits 3."""
    from ..outputs.export import read_timeline

    if not path.exists():
        raise usage(f"no such file: {path}")
    try:
        return read_timeline(path)
    except TimelineError as exc:
        raise _fail(exc) from None


def _filters(
    date_from: str | None,
    date_to: str | None,
    types: list[str] | None,
    actor: str | None,
    min_sources: int,
    doc: str | None,
    text: str | None,
) -> Filters:
    """The shared filters from the command line; a bad date or type is a usage error."""
    from ..models import EVENT_TYPES
    from ..outputs.filters import Filters, normalise_type, parse_bound

    try:
        lo = parse_bound(date_from, end=False) if date_from else None
    except ValueError as exc:
        raise usage(f"--from: {exc}") from None
    try:
        hi = parse_bound(date_to, end=True) if date_to else None
    except ValueError as exc:
        raise usage(f"--to: {exc}") from None
    kinds = [normalise_type(t) for t in types or []]
    bad = [t for t, k in zip(types or [], kinds, strict=True) if k not in EVENT_TYPES]
    if bad:
        shown = ", ".join(t.replace("_", " ") for t in EVENT_TYPES)
        raise usage(f"--type: unknown type {', '.join(map(repr, bad))}; one of: {shown}")
    return Filters(lo, hi, kinds or None, actor, min_sources, doc, text)


def show(
    file: FileArg,
    event_id: Annotated[
        str | None,
        typer.Argument(
            help="Show this one event in full (its id, or the start of it).",
            metavar="[EVENT_ID]",
        ),
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    types: Types = None,
    actor: Actor = None,
    min_sources: MinSources = 1,
    doc: Doc = None,
    text: Grep = None,
) -> None:
    """Print the timeline as a chronological table; numeric claims as series."""
    from ..outputs.present import for_terminal
    from ..outputs.show import find_event, render_event, render_table

    filters = _filters(date_from, date_to, types, actor, min_sources, doc, text)
    timeline = for_terminal(_load(file))
    try:
        console = stdout_console()
    except TimelineError as exc:
        raise _fail(exc) from None
    if event_id is not None:
        event = find_event(timeline, event_id)
        if event is None:
            raise _fail(_NoSuchEvent(f"{file}: no event {event_id!r}"))
        console.print(render_event(timeline, event))
        return
    console.print(render_table(timeline, filters=filters))


class _NoSuchEvent(TimelineError):
    exit_code = 3


def _export_format(fmt: Format | None, output: Path | None) -> Format:
    """-f, else the format -o's extension names, else CSV; a mismatch is said, -f wins."""
    from ..outputs.export import extension_mismatch, format_for

    if fmt is None:
        return (format_for(output) if output else None) or Format.csv
    if output is not None and (named := extension_mismatch(fmt, output)) is not None:
        warn(f"writing {fmt.value} to {output}, whose extension says {named.value}")
    return fmt


def export(
    file: FileArg,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "-f", "--format", help="Output format [default: from -o's extension, else csv]."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here (atomically), not stdout.")
    ] = None,
    claims: Annotated[
        bool, typer.Option("--claims", help="Export the numeric claims (csv, jsonl) not events.")
    ] = False,
    citations: Annotated[
        bool,
        typer.Option("--citations", help="CSV of one row per event x citation, not events."),
    ] = False,
    bom: Annotated[
        bool, typer.Option("--bom", help="CSV: start with a UTF-8 byte-order mark (for Excel).")
    ] = False,
    raw_cells: Annotated[
        bool,
        typer.Option(
            "--raw-cells",
            help="CSV: keep cells starting with = + - @ as they are (no leading ' against "
            "spreadsheet formula injection), for programs rather than spreadsheets.",
        ),
    ] = False,
    title: Annotated[
        str | None, typer.Option("--title", help="HTML: the page's title and heading.")
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    types: Types = None,
    actor: Actor = None,
    min_sources: MinSources = 1,
    doc: Doc = None,
    text: Grep = None,
) -> None:
    """Export the timeline as csv, jsonl, md, html, timelinejs, json or sqlite."""
    from ..outputs.export import render, write_atomic

    fmt = _export_format(fmt, output)
    filters = _filters(date_from, date_to, types, actor, min_sources, doc, text)
    if claims and citations:
        raise usage("--claims and --citations: choose one")
    table = "claims" if claims else "citations" if citations else "events"
    if title is not None and fmt is not Format.html:
        raise usage(f"--title names an html page, not {fmt.value}")
    if fmt is Format.sqlite and output is None:
        raise usage("-f sqlite writes a database file: give -o FILE.db")
    if fmt is Format.sqlite and (claims or citations):
        raise usage("-f sqlite holds every table; --claims and --citations are for csv/jsonl")
    timeline = filters.apply(_load(file))
    try:
        if fmt is Format.sqlite:
            from ..outputs.sqlite import write_sqlite

            assert output is not None
            write_sqlite(timeline, output)
        else:
            try:
                body = render(timeline, fmt, table=table, bom=bom, raw_cells=raw_cells, title=title)
            except ValueError as exc:
                raise usage(str(exc)) from None
            if output is None:
                write_stdout(body)
                return
            if output.is_dir():
                raise OutputError(f"{output}: is a directory")
            write_atomic(output, body)
    except TimelineError as exc:
        raise _fail(exc) from None
    what = {
        "claims": f"{len(timeline.claims)} claims",
        "citations": f"{sum(len(e.citations) for e in timeline.events)} citations",
        "events": f"{len(timeline.events)} events",
    }[table]
    typer.echo(f"wrote {what} as {fmt.value} to {_shown(output)}", err=True)


def _shown(path: Path | None) -> str:
    from ..outputs.present import safe

    return safe(str(path))


def diff(
    old: Annotated[Path, typer.Argument(help="The earlier timeline.json.")],
    new: Annotated[Path, typer.Argument(help="The later timeline.json.")],
    fmt: Annotated[
        DiffFormat, typer.Option("-f", "--format", help="Output format.")
    ] = DiffFormat.table,
) -> None:
    """Show events added, changed and removed from OLD to NEW.

    Exit code 0 when they are equal, 1 when they differ (like diff), 3 when a file is unusable.
    """
    from ..outputs import diff as diffing
    from ..outputs.present import for_terminal

    before, after = _load(old), _load(new)
    if fmt is not DiffFormat.json:  # what is printed for a reader: no terminal controls
        before, after = for_terminal(before), for_terminal(after)
    result = diffing.diff(before, after)
    try:
        if fmt is DiffFormat.json:
            write_stdout(diffing.to_json(result))
        elif fmt is DiffFormat.md:
            write_stdout(diffing.to_md(result))
        else:
            stdout_console().print(diffing.to_table(result))
    except TimelineError as exc:
        raise _fail(exc) from None
    if not result.equal:
        raise typer.Exit(1)
