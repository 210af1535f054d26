"""What every command shares: one `error:` line and its exit code, and one output path."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import TimelineError


def fail(exc: TimelineError) -> typer.Exit:
    """Print the library error as one `error:` line; the exit code is the error's own."""
    typer.secho(f"error: {exc}", err=True, fg=typer.colors.RED)
    return typer.Exit(exc.exit_code)


def emit(text: str, output: Path | None) -> None:
    """Write to stdout, or atomically to `output`."""
    if output is None:
        sys.stdout.write(text)
        return
    from ..outputs.export import write_atomic

    write_atomic(output, text)
