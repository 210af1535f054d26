"""CSV writers: events, claims and citations, for spreadsheets and pandas.

Every writer is deterministic. Cells that a spreadsheet would run as a formula (starting with
=, +, -, @, tab or CR) get a leading ' as OWASP recommends, unless `raw=True` (programmatic use);
plain numbers are never touched. `bom=True` starts the text with a UTF-8 byte-order mark, which
Excel needs to read UTF-8.

Events (one row per event; lists joined with " | "):

    event_id, date, precision, mod, start, end, type, status, title, actors, places,
    sources, doc_ids, outlets, titles, urls, quotes, confidence, conflicts

Claims (`--claims`):

    claim_id, series, subject, value, unit, qualifier, attributed_to, as_of, precision, mod,
    start, end, sources, doc_ids, quotes

Citations (`--citations`, one row per event x citation, quotes verbatim):

    event_id, doc_id, outlet, url, published, quote, start, end
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

from .present import doc_ids, number, source_count

if TYPE_CHECKING:
    from ..models import Citation, Conflict, DocumentInfo, Event, Timeline, When

JOIN = " | "
EVENT_COLUMNS = (
    "event_id", "date", "precision", "mod", "start", "end", "type", "status", "title", "actors",
    "places", "sources", "doc_ids", "outlets", "titles", "urls", "quotes", "confidence",
    "conflicts",
)  # fmt: skip
CLAIM_COLUMNS = (
    "claim_id", "series", "subject", "value", "unit", "qualifier", "attributed_to", "as_of",
    "precision", "mod", "start", "end", "sources", "doc_ids", "quotes",
)  # fmt: skip
CITATION_COLUMNS = ("event_id", "doc_id", "outlet", "url", "published", "quote", "start", "end")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?", re.IGNORECASE)


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never evaluate (OWASP CSV injection)."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def conflict_text(c: Conflict) -> str:
    docs = c.doc_ids
    pairs = [f"{v} ({docs[i]})" if i < len(docs) else v for i, v in enumerate(c.values)]
    return f"{c.field}: {' vs '.join(pairs)}"


def _when_cells(when: When | None) -> list[str]:
    if when is None:
        return ["", "", "", "", ""]
    return [when.value, when.precision, when.mod or "", when.start or "", when.end or ""]


def _quotes(citations: list[Citation]) -> str:
    return JOIN.join(" ".join(c.quote.split()) for c in citations)


def _csv(
    columns: tuple[str, ...], rows: list[list[str]], *, bom: bool = False, raw: bool = False
) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows if raw else ([neutralise(c) for c in row] for row in rows))
    return ("\ufeff" if bom else "") + buf.getvalue()


def _docs(timeline: Timeline) -> dict[str, DocumentInfo]:
    return {d.doc_id: d for d in timeline.documents}


def _distinct(values: list[str | None]) -> str:
    return JOIN.join(dict.fromkeys(v for v in values if v))


def _event_row(e: Event, docs: dict[str, DocumentInfo]) -> list[str]:
    date, precision, mod, start, end = _when_cells(e.when)
    cited = [docs.get(d) for d in doc_ids(e.citations)]
    return [
        e.event_id, date, precision, mod, start, end, e.type, e.status, e.title,
        JOIN.join(e.actors), JOIN.join(e.places), str(source_count(e)),
        JOIN.join(doc_ids(e.citations)),
        _distinct([d.outlet if d else None for d in cited]),
        _distinct([d.title if d else None for d in cited]),
        _distinct([d.url if d else None for d in cited]),
        _quotes(e.citations), f"{e.confidence:g}",
        JOIN.join(conflict_text(c) for c in e.conflicts),
    ]  # fmt: skip


def to_csv(timeline: Timeline, *, bom: bool = False, raw: bool = False) -> str:
    """One row per event, columns in EVENT_COLUMNS order."""
    docs = _docs(timeline)
    rows = [_event_row(e, docs) for e in timeline.events]
    return _csv(EVENT_COLUMNS, rows, bom=bom, raw=raw)


def claims_csv(timeline: Timeline, *, bom: bool = False, raw: bool = False) -> str:
    """One row per numeric claim, columns in CLAIM_COLUMNS order."""
    rows = []
    for c in timeline.claims:
        as_of, precision, mod, start, end = _when_cells(c.as_of)
        rows.append([
            c.claim_id, c.series, c.subject, number(c.value), c.unit, c.qualifier or "",
            c.attributed_to or "", as_of, precision, mod, start, end,
            str(len(doc_ids(c.citations))), JOIN.join(doc_ids(c.citations)), _quotes(c.citations),
        ])  # fmt: skip
    return _csv(CLAIM_COLUMNS, rows, bom=bom, raw=raw)


def citations_csv(timeline: Timeline, *, bom: bool = False, raw: bool = False) -> str:
    """One row per event x citation, columns in CITATION_COLUMNS order (tidy, for pandas)."""
    docs = _docs(timeline)
    rows = []
    for e in timeline.events:
        for c in e.citations:
            d = docs.get(c.doc_id)
            published = d.published.value if d is not None and d.published is not None else ""
            rows.append([
                e.event_id, c.doc_id, (d.outlet if d else None) or "", (d.url if d else None) or "",
                published, c.quote, str(c.start), str(c.end),
            ])  # fmt: skip
    return _csv(CITATION_COLUMNS, rows, bom=bom, raw=raw)
