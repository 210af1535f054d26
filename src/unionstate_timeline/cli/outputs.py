"""Commands that read a finished timeline.json: `show`, `export` and `diff`.

Registered on the app in cli/__init__.py. Imports stay light here (no pydantic, no rich) so that
`timeline --help` stays fast; the work happens in show.py, export.py and diff.py.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import TimelineError
from ..outputs.export import Format
from .common import fail as _fail

if TYPE_CHECKING:
    from ..models import Timeline

FileArg = Annotated[
    Path, typer.Argument(help="A timeline.json file.", dir_okay=False, show_default=False)
]


class DiffFormat(str, Enum):
    """Output formats of `timeline diff -f`."""

    table = "table"
    json = "json"
    md = "md"


def _load(path: Path) -> Timeline:
    from ..outputs.export import read_timeline

    try:
        return read_timeline(path)
    except TimelineError as exc:
        raise _fail(exc) from None


def _check_types(types: list[str] | None) -> list[str] | None:
    from ..models import EVENT_TYPES

    bad = [t for t in types or [] if t not in EVENT_TYPES]
    if bad:
        raise typer.BadParameter(
            f"unknown type {', '.join(bad)}; one of: {', '.join(EVENT_TYPES)}", param_hint="--type"
        )
    return types or None


def show(
    file: FileArg,
    date_from: Annotated[
        str | None,
        typer.Option("--from", help="Only entries reaching this date or later (YYYY[-MM[-DD]])."),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--to", help="Only entries starting by this date (YYYY[-MM[-DD]])."),
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option("--type", help="Only events of this type (repeatable); hides claims."),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(help="Only entries naming this actor (part of the name is enough)."),
    ] = None,
    min_sources: Annotated[
        int, typer.Option("--min-sources", min=1, help="Only entries from at least N documents.")
    ] = 1,
) -> None:
    """Print the timeline as a chronological table; numeric claims as series."""
    from rich.console import Console

    from ..outputs.show import parse_bound, render_table

    try:
        lo = parse_bound(date_from, end=False) if date_from else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--from") from None
    try:
        hi = parse_bound(date_to, end=True) if date_to else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--to") from None
    kinds = _check_types(types)
    timeline = _load(file)
    view = render_table(
        timeline, date_from=lo, date_to=hi, types=kinds, actor=actor, min_sources=min_sources
    )
    Console().print(view)


def export(
    file: FileArg,
    fmt: Annotated[Format, typer.Option("-f", "--format", help="Output format.")] = Format.csv,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", dir_okay=False, help="Write here (atomically), not stdout."),
    ] = None,
    claims: Annotated[
        bool, typer.Option("--claims", help="Export the numeric claims (csv, jsonl) not events.")
    ] = False,
) -> None:
    """Export the timeline as csv, jsonl, md, html, timelinejs or json."""
    from ..outputs.export import CLAIM_WRITERS, render, write_atomic

    if claims and fmt not in CLAIM_WRITERS:
        raise typer.BadParameter(
            f"--claims works with csv and jsonl, not {fmt.value}", param_hint="--claims"
        )
    timeline = _load(file)
    text = render(timeline, fmt, claims=claims)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_atomic(output, text)
    except TimelineError as exc:
        raise _fail(exc) from None
    what = f"{len(timeline.claims)} claims" if claims else f"{len(timeline.events)} events"
    typer.echo(f"wrote {what} as {fmt.value} to {output}", err=True)


def diff(
    old: Annotated[Path, typer.Argument(help="The earlier timeline.json.", dir_okay=False)],
    new: Annotated[Path, typer.Argument(help="The later timeline.json.", dir_okay=False)],
    fmt: Annotated[
        DiffFormat, typer.Option("-f", "--format", help="Output format.")
    ] = DiffFormat.table,
) -> None:
    """Show events added, changed and removed from OLD to NEW.

    Exit code 0 when they are equal, 1 when they differ (like diff), 3 when a file is unusable.
    """
    from ..outputs import diff as diffing

    result = diffing.diff(_load(old), _load(new))
    if fmt is DiffFormat.json:
        sys.stdout.write(diffing.to_json(result))
    elif fmt is DiffFormat.md:
        sys.stdout.write(diffing.to_md(result))
    else:
        from rich.console import Console

        Console().print(diffing.to_table(result))
    sys.stdout.flush()
    if not result.equal:
        raise typer.Exit(1)
