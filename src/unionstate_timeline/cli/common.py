"""What every command shares: one `error:` line and its exit code, and one output path."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import typer
from typer._click import exceptions as click_errors  # typer vendors click since 0.25
from typer.core import TyperGroup

from ..errors import OutputError, TimelineError
from ..outputs.present import safe

USAGE_EXIT = 2  # click's own code for a usage error; every command uses it for the same faults


def fail(exc: TimelineError) -> typer.Exit:
    """Print the library error as one `error:` line; the exit code is the error's own."""
    typer.secho(f"error: {safe(str(exc))}", err=True, fg=typer.colors.RED)
    return typer.Exit(exc.exit_code)


def usage(message: str) -> typer.Exit:
    """A usage error raised from a command body: one line, exit 2."""
    typer.secho(f"error: {safe(message)}", err=True, fg=typer.colors.RED)
    return typer.Exit(USAGE_EXIT)


def _one_line(exc: click_errors.ClickException) -> str:
    """click's message, without pydantic's "Value error, " prefix and on one line."""
    text = exc.format_message().replace("Value error, ", "")
    if isinstance(exc, click_errors.UsageError) and exc.ctx is not None and exc.ctx.command_path:
        text = f"{exc.ctx.command_path}: {text}"
    return " ".join(text.split())


class OneLineErrors(TyperGroup):
    """The app's group: a usage error is one `error:` line on stderr (exit 2), not a box."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, *pos: Any, **kwargs: Any
    ) -> Any:
        kwargs["standalone_mode"] = False
        try:
            rv = super().main(args, *pos, **kwargs)
        except click_errors.NoArgsIsHelpError as exc:  # `timeline` alone: the help
            exc.show()
            sys.exit(0)
        except click_errors.ClickException as exc:
            typer.secho(f"error: {safe(_one_line(exc))}", err=True, fg=typer.colors.RED)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


def write_stdout(text: str | Iterable[str]) -> None:
    """Write to stdout; a closed stdout is an output error, a closed pipe (| head) is quiet."""
    out = sys.stdout
    if out is None:
        raise OutputError("stdout is closed")
    try:
        out.writelines([text] if isinstance(text, str) else text)
        out.flush()
    except BrokenPipeError:
        # Python would report the broken pipe again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, out.fileno())
        except (OSError, ValueError):
            pass
        raise typer.Exit(1) from None
    except ValueError as exc:  # "I/O operation on closed file"
        raise OutputError("stdout is closed") from exc
    except OSError as exc:
        raise OutputError(f"stdout: cannot write ({exc.strerror or exc})") from exc


def stdout_console() -> Any:
    """A rich Console on stdout; a closed stdout is an output error, as for write_stdout."""
    from rich.console import Console

    if sys.stdout is None:
        raise OutputError("stdout is closed")
    return Console()


def emit(text: str | Iterable[str], output: Path | None) -> None:
    """Write to stdout, or atomically to `output`."""
    if output is None:
        write_stdout(text)
        return
    from ..outputs.export import write_atomic

    write_atomic(output, text)


def warn(message: str) -> None:
    """One `warning:` line on stderr."""
    typer.secho(f"warning: {safe(message)}", err=True, fg=typer.colors.YELLOW)
