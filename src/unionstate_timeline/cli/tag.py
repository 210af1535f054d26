"""`timeline tag` and `timeline schema`: the tagger on one text, and the contract's JSON Schema."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import TimelineError
from .common import fail as _fail


class TagFormat(str, Enum):
    json = "json"
    timeml = "timeml"


def schema() -> None:
    """Print the JSON Schema of timeline.json."""
    from ..models import Timeline

    typer.echo(json.dumps(Timeline.model_json_schema(), indent=2, sort_keys=True))


def tag(
    file: Annotated[Path, typer.Argument(help="A text file.")],
    dct: Annotated[str | None, typer.Option(help="Document date, YYYY-MM-DD.")] = None,
    fmt: Annotated[TagFormat, typer.Option("-f", "--format")] = TagFormat.json,
    model: Annotated[str | None, typer.Option(help="spaCy model name or path.")] = None,
) -> None:
    """Print the temporal expressions of one text with their TIMEX3 values."""
    from datetime import date

    from ..outputs.timeml import to_timeml
    from ..pipeline import tag as run_tag
    from ..reading.decode import decode_bytes, read_bytes

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
