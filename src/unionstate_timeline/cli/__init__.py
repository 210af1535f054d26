"""Command-line interface: one thin module per command group; each parses options, calls one
library function and maps its errors to exit codes. Nothing imports `cli`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .build import build
from .common import OneLineErrors
from .evaluate import eval_command
from .outputs import diff, export, show
from .tag import schema, tag

app = typer.Typer(
    cls=OneLineErrors,
    no_args_is_help=True,
    add_completion=False,
    help="Turn a folder of news articles into one merged, chronological, cited timeline.",
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"timeline (unionstate-timeline) {version('unionstate-timeline')}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn a folder of news articles into one merged, chronological, cited timeline."""


app.command()(build)
app.command()(schema)
app.command()(tag)
app.command("eval")(eval_command)
app.command()(show)
app.command()(export)
app.command()(diff)


def main() -> None:
    app()
