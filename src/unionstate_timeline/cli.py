"""Command-line interface: parse options, call one library function, map errors to exit codes."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .errors import TimelineError

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Turn a folder of news articles into one merged, chronological, cited timeline.",
)


class BuildFormat(str, Enum):
    json = "json"
    csv = "csv"


class TagFormat(str, Enum):
    json = "json"
    timeml = "timeml"


def _fail(exc: TimelineError) -> typer.Exit:
    typer.secho(f"error: {exc}", err=True, fg=typer.colors.RED)
    return typer.Exit(exc.exit_code)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from .export import write_atomic

    write_atomic(output, text)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
    fmt: Annotated[BuildFormat, typer.Option("-f", "--format")] = BuildFormat.json,
    model: Annotated[str | None, typer.Option(help="spaCy model name or path.")] = None,
    workers: Annotated[int, typer.Option(help="Processes for spaCy (n_process).")] = 1,
    strict: Annotated[bool, typer.Option(help="Exit 3 when any file is skipped.")] = False,
) -> None:
    """Build the timeline of every article under PATHS."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .export import to_csv, to_json
    from .pipeline import BuildStats
    from .pipeline import build as run_build

    console = Console(stderr=True)
    stats = BuildStats()
    try:
        with Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("build", total=None)
            timeline = run_build(
                paths, model=model, workers=workers, stats=stats,
                progress=lambda n: bar.advance(task, n),
                on_total=lambda n: bar.update(task, total=n),
            )
        _emit(to_csv(timeline) if fmt is BuildFormat.csv else to_json(timeline), output)
    except TimelineError as exc:
        raise _fail(exc) from None
    for info in stats.skipped:
        console.print(f"[yellow]skipped[/] {info.path}: {info.reason}")
    console.print(
        f"{stats.documents} documents read, {len(stats.skipped)} skipped, {stats.events} events, "
        f"{stats.claims} claims in {stats.seconds:.1f}s"
        + (f" -> {output}" if output else "")
    )
    if strict and stats.skipped:
        raise typer.Exit(3)


@app.command()
def schema() -> None:
    """Print the JSON Schema of timeline.json."""
    from .models import Timeline

    typer.echo(json.dumps(Timeline.model_json_schema(), indent=2, sort_keys=True))


@app.command()
def tag(
    file: Annotated[Path, typer.Argument(help="A text file.")],
    dct: Annotated[str | None, typer.Option(help="Document date, YYYY-MM-DD.")] = None,
    fmt: Annotated[TagFormat, typer.Option("-f", "--format")] = TagFormat.json,
    model: Annotated[str | None, typer.Option(help="spaCy model name or path.")] = None,
) -> None:
    """Print the temporal expressions of one text with their TIMEX3 values."""
    from datetime import date

    from .load import decode_bytes, read_bytes
    from .temporal import tag as run_tag
    from .timeml import to_timeml

    try:
        ref = date.fromisoformat(dct) if dct else None
    except ValueError:
        raise typer.BadParameter(f"not an ISO date: {dct!r}", param_hint="--dct") from None
    try:
        text, _ = decode_bytes(read_bytes(file, 50 * 1024 * 1024), str(file))
        timexes = run_tag(text, ref, model=model)
    except TimelineError as exc:
        raise _fail(exc) from None
    if fmt is TagFormat.timeml:
        typer.echo(to_timeml(text, timexes), nl=False)
    else:
        typer.echo(json.dumps([t.model_dump() for t in timexes], indent=2, ensure_ascii=False))


def main() -> None:
    app()
