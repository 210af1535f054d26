"""Metadata and article collections: manifest.csv/.jsonl beside the files, and JSON/JSONL records
(our own form, news-please and news-tls)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Document, DocumentInfo
from .decode import decode_bytes, read_bytes
from .document import ManifestEntry, make_document

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def _field(value: Any) -> str | None:
    """A metadata value as a clean string; nested objects and blanks are None."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return str(value).strip() or None


def _json_lines(text: str) -> Iterator[tuple[int, Any, str | None]]:
    """(line number, value, problem) per non-blank line: a bad line is reported, not fatal."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line), None
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield n, None, f"line {n} is not JSON ({msg})"


def read_manifest(folder: Path) -> tuple[dict[str, ManifestEntry], list[DocumentInfo]]:
    """Read manifest.csv or manifest.jsonl beside the articles, keyed by file name.

    Returns the entries and one skipped DocumentInfo per manifest that had problems; rows
    that can be read are used even when others cannot.
    """
    for name in MANIFEST_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        problems: list[str] = []
        rows: list[dict[str, Any]] = []
        try:
            text, _ = decode_bytes(read_bytes(path, DEFAULT_MAX_BYTES), str(path))
            if name.endswith(".csv"):
                reader = csv.DictReader(text.splitlines())
                if "file" not in (reader.fieldnames or []):
                    problems.append("no 'file' column; manifest ignored")
                else:
                    rows = list(reader)
            else:
                for n, row, problem in _json_lines(text):
                    if problem or not isinstance(row, dict):
                        problems.append(problem or f"line {n} is not a JSON object")
                    else:
                        rows.append(row)
        except InputError as exc:
            problems.append(exc.reason)
        except csv.Error as exc:
            problems.append(f"not valid CSV ({exc}); manifest ignored")
            rows = []
        out = {}
        for row in rows:
            file = _field(row.get("file"))
            if file:
                out[file] = ManifestEntry(
                    url=_field(row.get("url")),
                    outlet=_field(row.get("outlet")),
                    published=_field(row.get("published")),
                    title=_field(row.get("title")),
                )
        skipped = (
            [
                DocumentInfo(
                    doc_id=name,
                    path=str(path),
                    status="skipped",
                    reason="malformed manifest: " + "; ".join(problems),
                )
            ]
            if problems
            else []
        )
        return out, skipped
    return {}, []


def _iter_jsonl_articles(
    path: Path, doc_prefix: str, max_bytes: int
) -> Iterator[Document | DocumentInfo]:
    """Articles from a .json list or an articles.jsonl; a bad line or record skips only itself."""
    text, warning = decode_bytes(read_bytes(path, max_bytes), str(path))
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            reason = f"not valid JSON ({exc.msg} at line {exc.lineno})"
            raise InputError(str(path), reason) from None
        except RecursionError:
            raise InputError(str(path), "not valid JSON (nested too deeply)") from None
        data = data if isinstance(data, list) else [data]
        records: list[tuple[int, Any, str | None]] = [(n, r, None) for n, r in enumerate(data, 1)]
    else:
        records = list(_json_lines(text))
    unit = "record" if path.suffix.lower() == ".json" else "line"
    for n, rec, problem in records:
        rid = _field(rec.get("id")) if isinstance(rec, dict) else None
        doc_id = f"{doc_prefix}/{rid or f'line-{n}'}"
        if problem is None and (not isinstance(rec, dict) or not isinstance(rec.get("text"), str)):
            problem = f"{unit} {n} has no 'text' string"
        elif problem is None and not rec["text"].strip():
            problem = f"{unit} {n} has an empty text"
        if problem:
            yield DocumentInfo(doc_id=doc_id, path=str(path), status="skipped", reason=problem)
            continue
        meta = ManifestEntry(
            url=_field(rec.get("url")),
            outlet=_field(rec.get("outlet")) or _field(rec.get("source")),
            published=_field(rec.get("published") or rec.get("time") or rec.get("date")),
            title=_field(rec.get("title")),
        )
        yield make_document(doc_id, str(path), rec["text"], meta=meta, reason=warning)
