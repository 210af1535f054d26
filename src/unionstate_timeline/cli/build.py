"""`timeline build`: paths in, timeline.json (or CSV) out, a one-line summary on stderr."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import InputError, TimelineError
from .common import emit as _emit
from .common import fail as _fail
from .common import safe, warn

if TYPE_CHECKING:
    from rich.console import Console

    from ..models import Timeline
    from ..pipeline import BuildStats


class BuildFormat(str, Enum):
    json = "json"
    csv = "csv"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def build(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
    fmt: Annotated[
        BuildFormat | None,
        typer.Option("-f", "--format", help="[default: from -o's extension, else json]"),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model name or path.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes that annotate and extract.")] = 1,
    strict: Annotated[bool, typer.Option(help="Exit 3 when any file is skipped.")] = False,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Show warnings and internal-error details.")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option(help="Skip files larger than this many bytes.", min=1)
    ] = 20 * 1024 * 1024,
    cache: Annotated[
        Path | None,
        typer.Option(
            help="Extraction cache folder [default: $UNIONSTATE_CACHE_DIR or the user cache dir]."
        ),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not use the cache.")] = False,
    base: Annotated[
        Path | None,
        typer.Option(
            help="Existing timeline.json: add PATHS to it (its documents come from the cache)."
        ),
    ] = None,
    ids_from: Annotated[
        Path | None,
        typer.Option(
            "--ids-from",
            help="Earlier timeline.json: events sharing a citation with one of its events keep "
            "that event's id (implied by --base).",
        ),
    ] = None,
    engine: Annotated[
        Engine, typer.Option(help="local, or dask: per-document stages on a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address; without it a LocalCluster is started."),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "-q",
            "--quiet",
            help="No progress on stderr (skipped files, errors and the summary line remain).",
        ),
    ] = False,
) -> None:
    """Build the timeline of every article under PATHS.

    Progress goes to stderr: a bar on a terminal, else one line per stage (loading model…,
    annotated 120/1000 documents (12.3 s, ETA 80 s), merging…).
    """
    from rich.console import Console

    from ..outputs.export import json_chunks, to_csv
    from ..pipeline import BuildStats
    from ..pipeline import build as run_build
    from ..progress import WRITING, for_stderr

    console = Console(stderr=True)
    stats = BuildStats()
    fmt = _build_format(fmt, output)
    try:
        _check_build_paths(paths, output)
        with for_stderr(console, quiet) as progress:
            options: dict[str, Any] = {
                "model": model,
                "stats": stats,
                "progress": progress.advance,
                "on_total": progress.total,
                "on_stage": progress.stage,
                "max_bytes": max_bytes,
            }
            if engine is Engine.dask:
                if base is not None:
                    raise typer.BadParameter(
                        "not supported with --engine dask", param_hint="--base"
                    )
                from ..distributed import build_dask

                timeline = build_dask(
                    paths, scheduler=scheduler, workers=max(workers, 2), **options
                )
            else:
                from ..cache import ExtractionCache
                from ..outputs.export import read_timeline

                store = None if no_cache else ExtractionCache(cache, model=model)
                timeline = run_build(
                    paths,
                    workers=workers,
                    cache=store,
                    base=read_timeline(base) if base else None,
                    ids_from=read_timeline(ids_from) if ids_from else None,
                    **options,
                )
                if store is not None and store.write_error:
                    console.print(f"[yellow]warning[/] {_shown(store.write_error)}")
            _report(console, timeline, stats, verbose)
            if stats.documents == 0:
                raise _fail(InputError(", ".join(map(str, paths)), "no readable articles"))
            progress.stage(WRITING)
            # the JSON in pieces: a large timeline's text is never held whole
            _emit(to_csv(timeline) if fmt is BuildFormat.csv else json_chunks(timeline), output)
    except TimelineError as exc:
        raise _fail(exc) from None
    console.print(summary_line(stats, output), soft_wrap=True, highlight=False, markup=False)
    if strict and stats.skipped:
        raise typer.Exit(3)


def _build_format(fmt: BuildFormat | None, output: Path | None) -> BuildFormat:
    """-f, else what -o's extension names (json or csv), else json; a mismatch is said."""
    from ..outputs.export import format_for

    named = format_for(output) if output is not None else None
    known = BuildFormat(named.value) if named and named.value in BuildFormat.__members__ else None
    if fmt is None:
        if named is not None and known is None:
            warn(f"build writes json or csv, not {named.value}: writing json to {output}")
        return known or BuildFormat.json
    if named is not None and known is not fmt:
        warn(f"writing {fmt.value} to {output}, whose extension says {named.value}")
    return fmt


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(stats: BuildStats, output: Path | None) -> str:
    """The one line a build ends with (never wrapped: scripts read it)."""
    return (
        f"{_plural(stats.documents, 'document')} read, {len(stats.skipped)} skipped, "
        f"{_plural(stats.events, 'event')}, {_plural(stats.claims, 'claim')} "
        f"in {stats.seconds:.1f}s"
        + (f" ({stats.cached} from cache)" if stats.cached else "")
        + (f" ({stats.reused} from --base)" if stats.reused else "")
        + (f" -> {safe(str(output))}" if output else "")
    )


def _check_build_paths(paths: list[Path], output: Path | None) -> None:
    """Fail before the build rather than after it: a missing input or an output over an input
    is a usage error (exit 2); an output that cannot be written is an OutputError (exit 5)."""
    from ..errors import OutputError
    from ..reading.load import loadable
    from ..reading.records import MANIFEST_NAMES

    for p in paths:
        if not p.exists() and not p.is_symlink():  # a symlink loop is reported by the loader
            raise typer.BadParameter(f"no such file or folder: {p}", param_hint="PATHS")
    if output is None:
        return
    target = output.resolve()
    for p in paths:
        root = p.resolve()
        manifest = target.parent == root and target.name in MANIFEST_NAMES  # read beside them
        read = target.is_file() and target.is_relative_to(root)
        if target == root or (read and (loadable(target) or manifest)):
            raise typer.BadParameter(
                f"{output} is one of the input files; refusing to overwrite it",
                param_hint="'-o'",
            )
    if target.is_dir():
        raise OutputError(f"{output}: is a directory")
    if not target.parent.is_dir():
        raise OutputError(f"{output}: folder {target.parent} does not exist")
    if not os.access(target.parent, os.W_OK):
        raise OutputError(f"{output}: permission denied")


def _shown(text: str | None) -> str:
    """A path or reason fit for the terminal: no control sequences, no rich markup."""
    from rich.markup import escape

    return escape(safe(text or ""))


def _report(console: Console, timeline: Timeline, stats: BuildStats, verbose: bool) -> None:
    """Print each skipped file once with its reason; warnings and tracebacks with --verbose."""

    skipped = {d.doc_id for d in stats.skipped}
    warned = [d for d in timeline.documents if d.reason and d.doc_id not in skipped]
    for info in stats.skipped:
        console.print(  # one line per file, never wrapped: scripts grep these
            f"[yellow]skipped[/] {_shown(info.path)}: {_shown(info.reason)}", soft_wrap=True
        )
    if verbose:
        for info in warned:
            console.print(
                f"[cyan]warning[/] {_shown(info.path)}: {_shown(info.reason)}", soft_wrap=True
            )
        for detail in stats.details:
            console.print(_shown(detail), highlight=False, soft_wrap=True)
    elif warned:
        console.print(
            f"{_plural(len(warned), 'document')} with warnings (--verbose lists them)",
            soft_wrap=True,
        )
