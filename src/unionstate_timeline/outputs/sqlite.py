"""`export -f sqlite`: the timeline as a SQLite database, built with sqlite-utils.

Tables (ready for Datasette or pandas.read_sql):

- documents (doc_id), events (event_id), claims (claim_id): one row each, lists as JSON arrays;
- citations (id): one row per citation, with event_id or claim_id, doc_id, start, end, quote,
  date_text; foreign keys to events, claims and documents; a full-text index on quote
  (citations_fts), and one on events.title (events_fts).

The file is built beside the target and renamed over it, so a reader never sees half a database.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import OutputError
from .export import GENERATOR
from .present import source_count

if TYPE_CHECKING:
    from ..models import Citation, Timeline, When


def _when(prefix: str, when: When | None) -> dict[str, Any]:
    w = when
    return {
        prefix: w.value if w else None,
        f"{prefix}_precision": w.precision if w else None,
        f"{prefix}_mod": w.mod if w else None,
        f"{prefix}_start": w.start if w else None,
        f"{prefix}_end": w.end if w else None,
    }


def _citation(c: Citation, **owner: str | None) -> dict[str, Any]:
    return {**owner, "doc_id": c.doc_id, "start": c.start, "end": c.end, "quote": c.quote,
            "date_text": c.date_text}  # fmt: skip


def _rows(timeline: Timeline) -> dict[str, list[dict[str, Any]]]:
    documents = [
        {
            "doc_id": d.doc_id,
            "path": d.path,
            "sha256": d.sha256,
            "title": d.title,
            "outlet": d.outlet,
            "url": d.url,
            "dateline": d.dateline,
            **_when("published", d.published),
            "status": d.status,
            "reason": d.reason,
        }  # fmt: skip
        for d in timeline.documents
    ]
    events = [
        {
            "event_id": e.event_id,
            **_when("date", e.when),
            "type": e.type,
            "status": e.status,
            "title": e.title,
            "actors": json.dumps(e.actors, ensure_ascii=False),
            "places": json.dumps(e.places, ensure_ascii=False),
            "sources": source_count(e),
            "confidence": e.confidence,
            "conflicts": json.dumps([c.model_dump() for c in e.conflicts], ensure_ascii=False),
        }  # fmt: skip
        for e in timeline.events
    ]
    claims = [
        {
            "claim_id": c.claim_id,
            "series": c.series,
            "subject": c.subject,
            "value": c.value,
            "unit": c.unit,
            "qualifier": c.qualifier,
            "attributed_to": c.attributed_to,
            **_when("as_of", c.as_of),
        }  # fmt: skip
        for c in timeline.claims
    ]
    citations = [_citation(c, event_id=e.event_id, claim_id=None) for e in timeline.events
                 for c in e.citations]  # fmt: skip
    citations += [_citation(c, event_id=None, claim_id=k.claim_id) for k in timeline.claims
                  for c in k.citations]  # fmt: skip
    for i, row in enumerate(citations, 1):
        row["id"] = i
    return {"documents": documents, "events": events, "claims": claims, "citations": citations}


_COLUMNS: dict[str, dict[str, type]] = {
    "documents": {"doc_id": str, "title": str, "outlet": str, "url": str, "published": str},
    "events": {"event_id": str, "date": str, "type": str, "title": str, "confidence": float},
    "claims": {"claim_id": str, "series": str, "value": float, "unit": str},
    "citations": {
        "id": int,
        "event_id": str,
        "claim_id": str,
        "doc_id": str,
        "start": int,
        "end": int,
        "quote": str,
    },  # fmt: skip
}
_KEYS = {"documents": "doc_id", "events": "event_id", "claims": "claim_id", "citations": "id"}


def build_database(timeline: Timeline, path: Path) -> None:
    """Write the tables, keys and full-text indexes into a new database at path."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    rows = _rows(timeline)
    for name in ("documents", "events", "claims"):
        db[name].create(_COLUMNS[name], pk=_KEYS[name])  # type: ignore[union-attr]
        db[name].insert_all(rows[name], alter=True)  # type: ignore[union-attr]
    db["citations"].create(  # type: ignore[union-attr]
        _COLUMNS["citations"],
        pk="id",
        foreign_keys=[
            ("event_id", "events", "event_id"),
            ("claim_id", "claims", "claim_id"),
            ("doc_id", "documents", "doc_id"),
        ],
    )
    db["citations"].insert_all(rows["citations"], alter=True)  # type: ignore[union-attr]
    for table, column in (("citations", "event_id"), ("citations", "doc_id")):
        db[table].create_index([column])  # type: ignore[union-attr]
    db["citations"].enable_fts(["quote"], create_triggers=True)  # type: ignore[union-attr]
    db["events"].enable_fts(["title"], create_triggers=True)  # type: ignore[union-attr]
    db["_metadata"].insert_all(  # type: ignore[union-attr]
        [{"key": "generator", "value": GENERATOR},
         {"key": "schema_version", "value": timeline.schema_version}],
        pk="key",
    )  # fmt: skip
    db.close()


def write_sqlite(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Build the database in a temp file beside path, then rename it over path."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        os.unlink(tmp)  # sqlite-utils creates the file itself
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    try:
        build_database(timeline, Path(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    finally:
        for leftover in (tmp, tmp + "-journal", tmp + "-wal", tmp + "-shm"):
            Path(leftover).unlink(missing_ok=True)
