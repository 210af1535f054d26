"""Writers from a Timeline to each export format, and the atomic file writer.

Every writer is `to_<fmt>(timeline) -> str` and deterministic: the same timeline gives
byte-identical text (no clocks, no dict-order accidents, no locale). The CSV writers and their
columns are in csvs.py, the SQLite database in sqlite.py.

Files this tool writes say so, so that a later build over the same folder can skip them: the
Markdown starts with GENERATOR_COMMENT, the HTML page has `<meta name="generator">`, the
TimelineJS JSON a top-level "generator"; timeline.json and the JSONL events are known by their
shape (a top-level object with "schema_version" and "events"; lines with "event_id" and
"citations").
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ContractError
from .atomic import write_atomic
from .csvs import CLAIM_COLUMNS, EVENT_COLUMNS, JOIN, citations_csv, claims_csv, to_csv
from .csvs import conflict_text as _conflict_text
from .present import date_label, doc_ids, number, series_of, type_label, year_of

if TYPE_CHECKING:  # models (pydantic) load only when used, so --help stays fast
    from pydantic import ValidationError

    from ..models import Event, Timeline, When

__all__ = [
    "CLAIM_COLUMNS",
    "EVENT_COLUMNS",
    "JOIN",
    "citations_csv",
    "claims_csv",
    "to_csv",
    "write_atomic",
]

GENERATOR = "unionstate-timeline"
GENERATOR_COMMENT = f"<!-- generator: {GENERATOR}; an export, not an article -->"


class Format(str, Enum):
    """Export formats of `timeline export -f`."""

    json = "json"
    csv = "csv"
    jsonl = "jsonl"
    md = "md"
    html = "html"
    timelinejs = "timelinejs"
    sqlite = "sqlite"


TEXT_FORMATS = tuple(f for f in Format if f is not Format.sqlite)  # the ones render() returns

# What a file name's extension says about its format (`-o x.csv` without -f is CSV).
EXTENSIONS: dict[str, Format] = {
    ".json": Format.json, ".csv": Format.csv, ".jsonl": Format.jsonl, ".ndjson": Format.jsonl,
    ".md": Format.md, ".markdown": Format.md, ".html": Format.html, ".htm": Format.html,
    ".db": Format.sqlite, ".sqlite": Format.sqlite, ".sqlite3": Format.sqlite,
}  # fmt: skip


def format_for(path: str | os.PathLike[str]) -> Format | None:
    """The format a file name's extension names, or None when it names none."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def extension_mismatch(fmt: Format, path: str | os.PathLike[str]) -> Format | None:
    """The format the extension names when it is not `fmt` (TimelineJS files are .json)."""
    named = format_for(path)
    if named is None or named is fmt or (fmt is Format.timelinejs and named is Format.json):
        return None
    return named


# --- json / jsonl ------------------------------------------------------------------------------


def to_json(timeline: Timeline) -> str:
    """The timeline.json contract, indented, with a trailing newline."""
    return "".join(json_chunks(timeline))


def json_chunks(timeline: Timeline) -> Iterator[str]:
    """to_json in pieces, one list item at a time: the same bytes as
    `model_dump_json(indent=2)`, without holding the whole text of a large timeline at once."""
    names = list(type(timeline).model_fields)
    yield "{\n"
    for n, name in enumerate(names):
        value = getattr(timeline, name)
        comma = "," if n < len(names) - 1 else ""
        if isinstance(value, list) and value:
            yield f'  "{name}": [\n'
            for k, item in enumerate(value):
                text = item.model_dump_json(indent=2).replace("\n", "\n    ")
                yield "    " + text + (",\n" if k < len(value) - 1 else "\n")
            yield f"  ]{comma}\n"
        else:  # a scalar or an empty list, as pydantic writes it inside the object
            whole = timeline.model_dump_json(include={name}, indent=2)
            yield whole[2:-2] + comma + "\n"
    yield "}\n"


def to_jsonl(timeline: Timeline) -> str:
    """One event per line, each a JSON object of the contract's Event shape."""
    return "".join(e.model_dump_json() + "\n" for e in timeline.events)


def claims_jsonl(timeline: Timeline) -> str:
    """One claim per line."""
    return "".join(c.model_dump_json() + "\n" for c in timeline.claims)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for a link, else None (no javascript:, data:, or spaces)."""
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or any(c.isspace() for c in url):
        return None
    return url


# --- markdown ----------------------------------------------------------------------------------


def _md_text(text: str) -> str:
    """One line, with the characters Markdown would read as markup escaped."""
    text = " ".join(text.split())
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def _md_link(text: str, url: str | None) -> str:
    link = safe_url(url)
    if link is None:
        return f"*{_md_text(text)}*"
    target = link.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{_md_text(text)}](<{target}>)"


def _md_event(e: Event, outlets: dict[str, str], urls: dict[str, str | None]) -> list[str]:
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
        lines.append(f"  > {_md_text(c.quote)} — {_md_link(source, urls.get(c.doc_id))}")
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
    urls = {d.doc_id: d.url for d in timeline.documents}
    lines = [
        GENERATOR_COMMENT,
        "",
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
            lines += _md_event(e, outlets, urls)
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


def _html_quotes(e: Event, outlets: dict[str, str], urls: dict[str, str | None]) -> str:
    from html import escape

    parts = []
    for c in e.citations:
        source = escape(outlets.get(c.doc_id, c.doc_id))
        if link := safe_url(urls.get(c.doc_id)):
            source = f'<a href="{escape(link)}" rel="noopener noreferrer">{source}</a>'
        parts.append(
            f"<blockquote>{escape(' '.join(c.quote.split()))}<br><cite>{source}</cite></blockquote>"
        )
    return "".join(parts)


def to_timelinejs(timeline: Timeline) -> str:
    """TimelineJS3 JSON; events without a calendar year are left out (TimelineJS needs one).

    TimelineJS renders headline, text and display_date as HTML: every one is escaped here.
    """
    from html import escape

    outlets = {d.doc_id: d.outlet or d.doc_id for d in timeline.documents}
    urls = {d.doc_id: d.url for d in timeline.documents}
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
            "display_date": escape(date_label(e.when)),
            "text": {"headline": escape(e.title + status), "text": _html_quotes(e, outlets, urls)},
            "group": escape(type_label(e.type)),
            "unique_id": e.event_id,
        })  # fmt: skip
    note = f" {undated} undated events are not shown." if undated else ""
    doc = {
        "generator": GENERATOR,
        "title": {"text": {"headline": "Timeline",
                           "text": f"{len(events)} events from {len(timeline.documents)} "
                                   f"documents.{note}"}},
        "events": events,
    }  # fmt: skip
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --- html --------------------------------------------------------------------------------------


def to_html(timeline: Timeline, title: str | None = None) -> str:
    """A self-contained page (inline CSS and JS, no network) with a visual timeline, a search
    box and type toggles; `title` names the page (default "Timeline")."""
    from .html_page import render_page

    return render_page(timeline, title)


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
TABLES = ("events", "claims", "citations")


def render(
    timeline: Timeline,
    fmt: Format,
    *,
    claims: bool = False,
    table: str = "events",
    bom: bool = False,
    raw_cells: bool = False,
    title: str | None = None,
) -> str:
    """The text of one export (every format but sqlite, which is a file: see sqlite.py).

    table (or claims=True) selects events, claims (csv, jsonl) or citations (csv); bom and
    raw_cells apply to CSV only, title to HTML only. ValueError for a combination that does
    not exist.
    """
    table = "claims" if claims else table
    if fmt is Format.sqlite:
        raise ValueError("sqlite is written to a file (-o), not rendered as text")
    if table == "claims" and fmt not in CLAIM_WRITERS:
        raise ValueError(f"claims export is available for csv and jsonl, not {fmt.value}")
    if table == "citations" and fmt is not Format.csv:
        raise ValueError(f"citations export is available for csv, not {fmt.value}")
    if title is not None and fmt is not Format.html:
        raise ValueError(f"--title names an html page, not {fmt.value}")
    if fmt is Format.html:
        return to_html(timeline, title)
    if fmt is Format.csv:
        writer = {"events": to_csv, "claims": claims_csv, "citations": citations_csv}[table]
        return writer(timeline, bom=bom, raw=raw_cells)
    return (CLAIM_WRITERS if table == "claims" else WRITERS)[fmt](timeline)


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
    except RecursionError:
        raise ContractError(f"{name}: not a timeline.json (nested too deeply)") from None
    if not isinstance(data, dict) or "events" not in data:
        raise ContractError(f"{name}: not a timeline.json (no top-level 'events')")
    version = str(data.get("schema_version", "1.0"))
    if version.split(".")[0] != "1":
        raise ContractError(f"{name}: schema_version {version} is not supported (1.x is)")
    try:
        return Timeline.model_validate(data)
    except RecursionError:
        raise ContractError(f"{name}: not a timeline.json (nested too deeply)") from None
    except ValidationError as exc:
        raise ContractError(f"{name}: {_validation_reason(exc)}") from None
