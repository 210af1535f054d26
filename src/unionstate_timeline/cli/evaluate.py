"""`timeline eval`: score this project and the dateparser baseline against gold annotations."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import TimelineError
from .common import fail

if TYPE_CHECKING:
    from rich.console import Console

    from ..evaluation.models import (
        PRF,
        Accuracy,
        EvalReport,
        PublishedScore,
        SystemReport,
        TimemlReport,
    )


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def _prf(s: PRF | None) -> str:
    if s is None:
        return "n/a"
    return f"{_num(s.precision)} / {_num(s.recall)} / {_num(s.f1)}  ({s.tp}/{s.predicted}/{s.gold})"


def _acc(a: Accuracy) -> str:
    return f"{_num(a.accuracy)}  ({a.correct}/{a.n})"


def _published(p: PublishedScore) -> str:
    return f"{_acc(p)}; found {p.found}/{p.stated} stated, {p.wrong_days} wrong days"


def _summary_tables(report: EvalReport, console: Console) -> None:
    from rich.table import Table

    rows = (("this project", report.project), ("baseline", report.baseline))
    quality = Table(
        title=f"timeline eval: {report.gold_dir} ({report.gold.documents} documents, "
        f"{report.gold.events} events, {report.gold.claims} claims)",
        caption="P / R / F1  (tp/predicted/gold); baseline events are scored on date only",
    )
    for col in ("system", "publication date", "events type+date", "events date only"):
        quality.add_column(col)
    for col in ("event dates", "claims", "merged groups", "undated"):
        quality.add_column(col)
    for name, s in rows:
        merged = f"{s.merges.complete}/{s.merges.groups}" if s.merges else "n/a"
        quality.add_row(
            name, _published(s.published), _prf(s.events), _prf(s.events_date_only),
            _acc(s.event_dates), _prf(s.claims), merged, str(s.undated_events),
        )  # fmt: skip
    tagging = Table(title="temporal expressions", caption="tagger time after a warm-up call")
    for col in ("system", "strict spans", "relaxed spans", "values (relaxed)", "seconds", "docs/s"):
        tagging.add_column(col)
    for name, s in rows:
        t = s.tagger
        tagging.add_row(
            name, _prf(s.timexes.strict), _prf(s.timexes.relaxed), _acc(s.timexes.value),
            f"{t.seconds:.3f}", _num(t.docs_per_second),
        )  # fmt: skip
    console.print(quality)
    console.print(tagging)


def _list_table(
    console: Console, title: str, columns: tuple[str, ...], rows: list[list[str]]
) -> None:
    from rich.table import Table

    if not rows:
        console.print(f"{title}: none")
        return
    table = Table(title=f"{title} ({len(rows)})", show_lines=True)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _item_tables(s: SystemReport, console: Console) -> None:
    event_cols = ("doc", "id", "type", "value", "quote", "what the other side has")
    for title, events in (
        ("missed gold events", s.missed_events),
        ("false-positive events", s.false_positive_events),
    ):
        rows = [[e.doc_id, e.id, e.type, e.value or "", e.quote, e.hint] for e in events]
        _list_table(console, title, event_cols, rows)
    date_cols = ("doc", "gold", "event", "type", "gold value", "system value", "quote")
    rows = [
        [d.doc_id, d.gold_id, d.event_id, d.type, d.gold_value, d.predicted_value, d.quote]
        for d in s.event_dates.wrong
    ]
    _list_table(console, "wrong dates", date_cols, rows)
    if s.merges is not None:
        rows = [[o.event_id, "\n".join(o.gold), "\n".join(o.quotes)] for o in s.merges.overmerged]
        _list_table(console, "entries holding two gold events", ("event", "gold", "quotes"), rows)
    claim_cols = ("doc", "id", "value", "unit", "qualifier", "quote")
    for title, claims in (
        ("missed claims", s.claims.missed),
        ("false-positive claims", s.claims.false_positives),
    ):
        rows = [
            [c.doc_id, c.id, f"{c.value:g}", c.unit, c.qualifier or "", c.quote] for c in claims
        ]
        _list_table(console, title, claim_cols, rows)


def render_table(report: EvalReport, console: Console) -> None:
    """Both systems side by side, then this project's misses and false positives."""
    _summary_tables(report, console)
    _item_tables(report.project, console)
    base = report.baseline.events_date_only
    console.print(
        f"baseline: {base.predicted - base.tp} false positives and {base.gold - base.tp} misses"
        " (listed with -f json)"
    )


def render_json(report: EvalReport | TimemlReport) -> str:
    """The report as stable JSON: sorted keys, two-space indent, one final newline."""
    return (
        json.dumps(report.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )


def render_timeml_table(report: TimemlReport, console: Console, show: int) -> None:
    """The TE3 Task A figures of both systems, then the first `show` disagreements."""
    from rich.table import Table

    table = Table(
        title=f"TempEval-3 Task A: {report.timeml_dir} ({report.documents} documents, "
        f"{report.gold_timexes} timexes)",
        caption="P / R / F1  (tp/predicted/gold); " + report.notes[-1],
    )
    for col in ("system", "strict", "relaxed", "type acc", "value acc", "type F1", "value F1"):
        table.add_column(col)
    table.add_column("docs/s")
    for s in (report.project, report.baseline):
        if s is None:
            continue
        table.add_row(
            s.system, _prf(s.strict), _prf(s.relaxed), _acc(s.type), _acc(s.value),
            _num(s.type_f1), _num(s.value_f1), _num(s.tagger.docs_per_second),
        )  # fmt: skip
    console.print(table)
    rows = [
        [d.doc_id, d.kind, d.gold_text or "", f"{d.gold_type or ''} {d.gold_value or ''}",
         d.system_text or "", f"{d.system_type or ''} {d.system_value or ''}"]
        for d in report.project.disagreements[:show]
    ]  # fmt: skip
    cols = ("doc", "kind", "gold text", "gold type value", "system text", "system type value")
    total = len(report.project.disagreements)
    _list_table(console, f"disagreements, first {len(rows)} of {total}", cols, rows)


def _eval_timeml(
    directory: Path, fmt: EvalFormat, model: str | None, baseline: bool, show: int
) -> None:
    from rich.console import Console

    from ..evaluation.tempeval import evaluate_timeml

    err = Console(stderr=True)
    try:
        with err.status("evaluating: tagging the TimeML texts"):
            report = evaluate_timeml(directory, model=model, baseline=baseline)
    except TimelineError as exc:
        raise fail(exc) from None
    if fmt is EvalFormat.json:
        typer.echo(render_json(report), nl=False)
    else:
        render_timeml_table(report, Console(), show)


def eval_command(
    gold_dir: Annotated[
        Path | None, typer.Argument(help="Folder of gold annotation files (*.json).")
    ] = None,
    raw: Annotated[Path, typer.Option("--raw", help="Folder of the articles.")] = Path("data/raw"),
    timeline: Annotated[
        Path | None,
        typer.Option("--timeline", help="Score this timeline.json instead of building one."),
    ] = None,
    timeml: Annotated[
        Path | None,
        typer.Option(
            "--timeml",
            help="Score the temporal tagger on a folder of TimeML files (TempEval-3 Task A).",
        ),
    ] = None,
    baseline: Annotated[
        bool, typer.Option(help="With --timeml: also score the dateparser baseline.")
    ] = True,
    show: Annotated[
        int, typer.Option(help="With --timeml: disagreements listed in the table.")
    ] = 40,
    fmt: Annotated[EvalFormat, typer.Option("-f", "--format")] = EvalFormat.table,
    model: Annotated[str | None, typer.Option(help="spaCy model name or path.")] = None,
) -> None:
    """Precision/recall of the timeline against gold annotations, beside a dateparser baseline;
    with --timeml DIR, the TempEval-3 Task A figures of the temporal tagger on TimeML files."""
    from rich.console import Console

    from ..evaluation.run import evaluate

    if timeml is not None:
        if gold_dir is not None:
            raise typer.BadParameter("give either GOLD_DIR or --timeml, not both")
        _eval_timeml(timeml, fmt, model, baseline, show)
        return
    if gold_dir is None:
        raise typer.BadParameter("a GOLD_DIR or --timeml DIR is needed", param_hint="GOLD_DIR")
    err = Console(stderr=True)
    try:
        with err.status("evaluating: building the timeline and tagging both ways"):
            report = evaluate(gold_dir, raw, timeline, model=model)
    except TimelineError as exc:
        raise fail(exc) from None
    if fmt is EvalFormat.json:
        typer.echo(render_json(report), nl=False)
    else:
        render_table(report, Console())
