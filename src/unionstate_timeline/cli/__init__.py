"""Command-line interface: one thin module per command group; each parses options, calls one
library function and maps its errors to exit codes. Nothing imports `cli`.
"""

from __future__ import annotations

import typer

from .build import build
from .evaluate import eval_command
from .outputs import diff, export, show
from .tag import schema, tag

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Turn a folder of news articles into one merged, chronological, cited timeline.",
)


app.command()(build)
app.command()(schema)
app.command()(tag)
app.command("eval")(eval_command)
app.command()(show)
app.command()(export)
app.command()(diff)


def main() -> None:
    app()
