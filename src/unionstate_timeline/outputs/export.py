"""Writers from a Timeline to each export format, and the atomic file writer.

Every writer is `to_<fmt>(timeline) -> str` and deterministic: the same timeline gives
byte-identical text (no clocks, no dict-order accidents, no locale).

CSV columns, in this fixed order (one row per event; lists joined with " | "):

    event_id, date, precision, start, end, type, status, title, actors, places,
    sources, doc_ids, quotes, confidence, conflicts

`date` is the TIMEX3 value (empty when undated), `start`/`end` the ISO days it covers,
`sources` the number of distinct documents citing the event, `doc_ids` those documents,
`quotes` every cited sentence, `conflicts` one "field: a (doc) vs b (doc)" entry per conflict.

The claims CSV (`--claims`) has, in order:

    claim_id, series, subject, value, unit, qualifier, attributed_to, as_of, precision,
    start, end, sources, doc_ids, quotes
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ContractError, OutputError
from .present import date_label, doc_ids, number, series_of, source_count, type_label, year_of

if TYPE_CHECKING:  # models (pydantic) load only when used, so --help stays fast
    from pydantic import ValidationError

    from ..models import Citation, Conflict, Event, Timeline, When

JOIN = " | "
EVENT_COLUMNS = (
    "event_id", "date", "precision", "start", "end", "type", "status", "title", "actors",
    "places", "sources", "doc_ids", "quotes", "confidence", "conflicts",
)  # fmt: skip
CLAIM_COLUMNS = (
    "claim_id", "series", "subject", "value", "unit", "qualifier", "attributed_to", "as_of",
    "precision", "start", "end", "sources", "doc_ids", "quotes",
)  # fmt: skip


class Format(str, Enum):
    """Export formats of `timeline export -f`."""

    json = "json"
    csv = "csv"
    jsonl = "jsonl"
    md = "md"
    html = "html"
    timelinejs = "timelinejs"


# --- json / jsonl ------------------------------------------------------------------------------


def to_json(timeline: Timeline) -> str:
    """The timeline.json contract, indented, with a trailing newline."""
    return timeline.model_dump_json(indent=2) + "\n"


def to_jsonl(timeline: Timeline) -> str:
    """One event per line, each a JSON object of the contract's Event shape."""
    return "".join(e.model_dump_json() + "\n" for e in timeline.events)


def claims_jsonl(timeline: Timeline) -> str:
    """One claim per line."""
    return "".join(c.model_dump_json() + "\n" for c in timeline.claims)


# --- csv ---------------------------------------------------------------------------------------


def _conflict_text(c: Conflict) -> str:
    docs = c.doc_ids
    pairs = [f"{v} ({docs[i]})" if i < len(docs) else v for i, v in enumerate(c.values)]
    return f"{c.field}: {' vs '.join(pairs)}"


def _when_cells(when: When | None) -> list[str]:
    if when is None:
        return ["", "", "", ""]
    return [when.value, when.precision, when.start or "", when.end or ""]


def _quotes(citations: list[Citation]) -> str:
    return JOIN.join(" ".join(c.quote.split()) for c in citations)


def _csv(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


def _event_row(e: Event) -> list[str]:
    date, precision, start, end = _when_cells(e.when)
    return [
        e.event_id, date, precision, start, end, e.type, e.status, e.title,
        JOIN.join(e.actors), JOIN.join(e.places), str(source_count(e)),
        JOIN.join(doc_ids(e.citations)), _quotes(e.citations), f"{e.confidence:g}",
        JOIN.join(_conflict_text(c) for c in e.conflicts),
    ]  # fmt: skip


def to_csv(timeline: Timeline) -> str:
    """One row per event, columns in EVENT_COLUMNS order."""
    return _csv(EVENT_COLUMNS, [_event_row(e) for e in timeline.events])


def claims_csv(timeline: Timeline) -> str:
    """One row per numeric claim, columns in CLAIM_COLUMNS order."""
    rows = []
    for c in timeline.claims:
        as_of, precision, start, end = _when_cells(c.as_of)
        rows.append([
            c.claim_id, c.series, c.subject, number(c.value), c.unit, c.qualifier or "",
            c.attributed_to or "", as_of, precision, start, end,
            str(len(doc_ids(c.citations))), JOIN.join(doc_ids(c.citations)), _quotes(c.citations),
        ])  # fmt: skip
    return _csv(CLAIM_COLUMNS, rows)


# --- markdown ----------------------------------------------------------------------------------


def _md_text(text: str) -> str:
    """One line, with the characters Markdown would read as markup escaped."""
    text = " ".join(text.split())
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def _md_event(e: Event, outlets: dict[str, str]) -> list[str]:
    status = "" if e.status == "occurred" else f" *({e.status})*"
    lines = [
        f"- **{_md_text(date_label(e.when))}** · {type_label(e.type)} · {_md_text(e.title)}{status}"
    ]
    if e.actors or e.places:
        who = "; ".join(x for x in (", ".join(e.actors), ", ".join(e.places)) if x)
        lines.append(f"  - {_md_text(who)}")
    lines += [f"  - ⚠ conflict: {_md_text(_conflict_text(k))}" for k in e.conflicts]
    for c in e.citations:
        source = outlets.get(c.doc_id, c.doc_id)
        lines.append(f"  > {_md_text(c.quote)} — *{_md_text(source)}*")
    return lines


def _md_claims(timeline: Timeline) -> list[str]:
    lines = ["## Claims", ""]
    for series, claims in series_of(timeline.claims).items():
        lines += [
            f"### {_md_text(series)}",
            "",
            "| as of | value | unit | qualifier | by | source |",
            "|---|---:|---|---|---|---|",
        ]
        for c in claims:
            cells = [
                date_label(c.as_of),
                number(c.value),
                c.unit,
                c.qualifier or "",
                c.attributed_to or "",
                ", ".join(doc_ids(c.citations)),
            ]
            lines.append("| " + " | ".join(_md_text(x) for x in cells) + " |")
        lines.append("")
    return lines


def to_md(timeline: Timeline) -> str:
    """Markdown: events grouped by year (undated last), then claims as series tables."""
    outlets = {
        d.doc_id: f"{d.outlet}, {d.doc_id}" if d.outlet else d.doc_id for d in timeline.documents
    }
    lines = [
        "# Timeline",
        "",
        f"{len(timeline.events)} events and {len(timeline.claims)} claims "
        f"from {len(timeline.documents)} documents.",
        "",
    ]
    groups: dict[str, list[Event]] = {}
    for e in timeline.events:
        groups.setdefault(year_of(e.when) or "Undated", []).append(e)
    for year in sorted(groups, key=lambda y: (y == "Undated", y)):
        lines += [f"## {year}", ""]
        for e in groups[year]:
            lines += _md_event(e, outlets)
        lines.append("")
    if timeline.claims:
        lines += _md_claims(timeline)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- TimelineJS --------------------------------------------------------------------------------

# Shown as a start..end range even without an interval value: TimelineJS has no "season".
_SPAN_PRECISIONS = ("week", "season", "quarter", "half", "decade", "century")


def _tl_date(iso: str, precision: str) -> dict[str, int]:
    """A TimelineJS date object keeping only the fields the precision supports."""
    year, month, day = (int(x) for x in iso.split("-"))
    if precision in ("day", "week"):
        return {"year": year, "month": month, "day": day}
    if precision in ("month", "season", "quarter", "half"):
        return {"year": year, "month": month}
    return {"year": year}


def _part_precision(part: str, fallback: str) -> str:
    """Precision of one side of an interval, read from its TIMEX3 shape."""
    part = part.split("T", 1)[0]
    if len(part) == 10:
        return "day"
    if len(part) == 7 and part[5:].isdigit():
        return "month"
    if len(part) == 4 and part.isdigit():
        return "year"
    return fallback


def _tl_dates(when: When, start: str, end: str) -> dict[str, dict[str, int]]:
    left, _, right = when.value.partition("/")
    if right:
        return {
            "start_date": _tl_date(start, _part_precision(left, when.precision)),
            "end_date": _tl_date(end, _part_precision(right, when.precision)),
        }
    dates = {"start_date": _tl_date(start, when.precision)}
    if when.precision in _SPAN_PRECISIONS:
        dates["end_date"] = _tl_date(end, when.precision)
    return dates


def _html_quotes(e: Event, outlets: dict[str, str]) -> str:
    from html import escape

    parts = [
        f"<blockquote>{escape(' '.join(c.quote.split()))}<br><cite>"
        f"{escape(outlets.get(c.doc_id, c.doc_id))}</cite></blockquote>"
        for c in e.citations
    ]
    return "".join(parts)


def to_timelinejs(timeline: Timeline) -> str:
    """TimelineJS3 JSON; events without a calendar year are left out (TimelineJS needs one)."""
    outlets = {d.doc_id: d.outlet or d.doc_id for d in timeline.documents}
    events: list[dict[str, Any]] = []
    undated = 0
    for e in timeline.events:
        when = e.when
        if when is None or when.start is None or when.end is None:
            undated += 1
            continue
        status = "" if e.status == "occurred" else f" ({e.status})"
        events.append({
            **_tl_dates(when, when.start, when.end),
            "display_date": date_label(e.when),
            "text": {"headline": e.title + status, "text": _html_quotes(e, outlets)},
            "group": type_label(e.type),
            "unique_id": e.event_id,
        })  # fmt: skip
    note = f" {undated} undated events are not shown." if undated else ""
    doc = {
        "title": {"text": {"headline": "Timeline",
                           "text": f"{len(events)} events from {len(timeline.documents)} "
                                   f"documents.{note}"}},
        "events": events,
    }  # fmt: skip
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --- html --------------------------------------------------------------------------------------


def to_html(timeline: Timeline) -> str:
    """A self-contained page (inline CSS and JS, no network) with a visual timeline."""
    from .html_page import render_page

    return render_page(timeline)


# --- dispatch and writing ----------------------------------------------------------------------

WRITERS: dict[Format, Callable[[Timeline], str]] = {
    Format.json: to_json,
    Format.csv: to_csv,
    Format.jsonl: to_jsonl,
    Format.md: to_md,
    Format.html: to_html,
    Format.timelinejs: to_timelinejs,
}
CLAIM_WRITERS: dict[Format, Callable[[Timeline], str]] = {
    Format.csv: claims_csv,
    Format.jsonl: claims_jsonl,
}


def render(timeline: Timeline, fmt: Format, *, claims: bool = False) -> str:
    """The text of one export; claims=True selects the claims table (csv and jsonl only)."""
    if claims:
        if fmt not in CLAIM_WRITERS:
            raise ValueError(f"claims export is available for csv and jsonl, not {fmt.value}")
        return CLAIM_WRITERS[fmt](timeline)
    return WRITERS[fmt](timeline)


def _validation_reason(exc: ValidationError) -> str:
    errors = exc.errors()
    shown = []
    for err in errors[:3]:
        loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
        shown.append(f"{loc or 'top level'}: {err['msg']}")
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return "not a timeline.json: " + "; ".join(shown) + more


def read_timeline(path: str | os.PathLike[str]) -> Timeline:
    """Load and validate a timeline.json; ContractError (file name + reason) if it cannot be."""
    from pydantic import ValidationError

    from ..models import Timeline

    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except IsADirectoryError:
        raise ContractError(f"{name}: is a folder, not a timeline.json file") from None
    except OSError as exc:
        raise ContractError(f"{name}: cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ContractError(f"{name}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ContractError(f"{name}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or "events" not in data:
        raise ContractError(f"{name}: not a timeline.json (no top-level 'events')")
    version = str(data.get("schema_version", "1.0"))
    if version.split(".")[0] != "1":
        raise ContractError(f"{name}: schema_version {version} is not supported (1.x is)")
    try:
        return Timeline.model_validate(data)
    except ValidationError as exc:
        raise ContractError(f"{name}: {_validation_reason(exc)}") from None


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets what a plain open() would give.

    mkstemp creates 0600, which would surprise a user sharing exports.
    """
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write text (UTF-8) to path through a temp file in the same folder and os.replace.

    A reader sees the old file or the new one, never half of it; a failed write leaves no temp.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
