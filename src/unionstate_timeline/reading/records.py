"""Metadata and article collections: manifest.csv/.jsonl beside the files, and JSON/JSONL records
(our own form, news-please and news-tls)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Document, DocumentInfo
from ..patterns import load_json_data
from .decode import blank, decode_bytes, read_bytes, scrub, too_long
from .document import ManifestEntry, html_document, make_document
from .html import looks_like_html
from .own import OWN, our_json, our_record

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")


def _aliases() -> dict[str, list[str]]:
    """Field name -> the names manifests and record formats use for it (patterns/records.json)."""
    return load_json_data("records.json")["fields"]  # type: ignore[no-any-return]


def _get(row: dict[str, Any], field: str) -> str | None:
    for name in _aliases()[field]:
        if (value := _field(row.get(name))) is not None:
            return value
    return None


def _meta(row: dict[str, Any]) -> ManifestEntry:
    return ManifestEntry(
        url=_get(row, "url"),
        outlet=_get(row, "outlet"),
        published=_get(row, "published"),
        title=_get(row, "title"),
    )


DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def _field(value: Any) -> str | None:
    """A metadata value as a clean string; nested objects and blanks are None."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return scrub(str(value))[0].strip() or None


def _not_json(exc: ValueError | RecursionError) -> str:
    """Why json.loads refused: its message, "nested too deeply", or a number too long to read."""
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return "a number too long to read"  # int() refuses more than sys.get_int_max_str_digits()


def _json_lines(text: str) -> Iterator[tuple[int, Any, str | None]]:
    """(line number, value, problem) per non-blank line: a bad line is reported, not fatal."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line), None
        except (ValueError, RecursionError) as exc:
            yield n, None, f"line {n} is not JSON ({_not_json(exc)})"


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
                rows = _csv_rows(text, problems)
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
        missing = []
        for row in rows:
            file = _get(row, "file")
            if file:
                out[file] = _meta(row)
                if not (folder / file).exists():
                    missing.append(file)
        if missing:
            shown = ", ".join(missing[:5]) + (
                f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            )
            problems.append(f"rows name files that are not there: {shown}")
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


def _csv_rows(text: str, problems: list[str]) -> list[dict[str, Any]]:
    """The rows of manifest.csv, one per line.

    A quote left open swallows every later line into one field: when a row runs across lines,
    the file is read again line by line, and each line with an odd number of quotes is
    reported and left out, so the rows after it are kept.
    """
    lines = text.splitlines()
    reader = csv.DictReader(lines)
    fields = reader.fieldnames or []
    if not set(_aliases()["file"]) & set(fields):
        problems.append("no 'file' column; manifest ignored")
        return []
    header_end = last = reader.line_num
    rows: list[dict[str, Any]] = []
    for row in reader:
        if reader.line_num - last > 1:  # a quoted field with line breaks, or a blank line
            break
        last = reader.line_num
        rows.append(row)
    else:
        return rows
    rows, bad = [], []
    for n, line in enumerate(lines[header_end:], header_end + 1):
        if line.count('"') % 2:
            bad.append(str(n))
        elif line.strip():
            rows.extend(csv.DictReader([line], fieldnames=fields))
    if bad:
        problems.append(f"unbalanced quote on line {', '.join(bad)}; those rows left out")
    return rows


def _iter_jsonl_articles(
    path: Path, doc_prefix: str, max_bytes: int
) -> Iterator[Document | DocumentInfo]:
    """Articles from a .json list or an articles.jsonl; a bad line or record skips only itself."""
    raw = read_bytes(path, max_bytes)
    if path.suffix.lower() == ".gz":  # news-tls ships articles.jsonl.gz
        raw = _gunzip(raw, path, max_bytes)
        path = path.with_suffix("")
    text, warning = decode_bytes(raw, str(path))
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            where = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
            raise InputError(str(path), f"not valid JSON ({_not_json(exc)}{where})") from None
        if our_json(data):
            raise InputError(str(path), OWN)
        data = data if isinstance(data, list) else [data]
        records: list[tuple[int, Any, str | None]] = [(n, r, None) for n, r in enumerate(data, 1)]
    else:
        records = list(_json_lines(text))
        rows = [r for _, r, problem in records if problem is None]
        if rows and all(our_record(r) for r in rows):
            raise InputError(str(path), OWN)
    unit = "record" if path.suffix.lower() == ".json" else "line"
    shown = scrub(str(path))[0]
    seen: set[str] = set()
    for n, rec, problem in records:
        rid = _get(rec, "id") if isinstance(rec, dict) else None
        doc_id = f"{doc_prefix}/{rid or f'line-{n}'}"
        body = _text_of(rec) if isinstance(rec, dict) else None
        if problem is None and body is None:
            problem = f"{unit} {n} has no 'text' string"
        elif problem is None and blank(body):  # type: ignore[arg-type]
            problem = f"{unit} {n} has an empty text"
        elif problem is None and (long := too_long(body)):  # type: ignore[arg-type]
            problem = f"{unit} {n}: {long}"
        elif problem is None and (lang := _get(rec, "language")) and not _english(lang):
            problem = f"{unit} {n} is not in English (language {lang!r})"
        if problem:
            yield DocumentInfo(doc_id=doc_id, path=shown, status="skipped", reason=problem)
            continue
        body, lone = scrub(body)  # type: ignore[arg-type]
        note = "; ".join(
            filter(None, [warning, f"{lone} lone UTF-16 surrogate(s) replaced" if lone else None])
        )
        if doc_id in seen:  # two records with one id would make their citations ambiguous
            renamed = f"{doc_id}~{n}"
            said = f"id {rid!r} repeats an earlier record; renamed {renamed}"
            doc_id, note = renamed, "; ".join(filter(None, [note, said]))
        seen.add(doc_id)
        item: Document | DocumentInfo
        try:  # a page with no story, or a loader bug, costs only its own record
            item = _record_document(doc_id, shown, body, _meta(rec), note or None)
        except InputError as exc:
            item = _skipped(doc_id, shown, f"{unit} {n}: {exc.reason}")
        except Exception as exc:
            item = _skipped(
                doc_id, shown, f"{unit} {n}: internal error: {type(exc).__name__}: {exc}"
            )
        yield item


def _skipped(doc_id: str, shown: str, reason: str) -> DocumentInfo:
    return DocumentInfo(doc_id=doc_id, path=shown, status="skipped", reason=reason)


def _record_document(
    doc_id: str, shown: str, body: str, meta: ManifestEntry, note: str | None
) -> Document:
    """One record's Document: an HTML page by its main text, plain text as it is."""
    if looks_like_html(body):
        return html_document(doc_id, shown, body, None, meta, note)
    return make_document(doc_id, shown, body, meta=meta, reason=note)


def _gunzip(data: bytes, path: Path, max_bytes: int) -> bytes:
    import gzip
    import zlib

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(str(path), f"not a readable .gz file ({exc})") from None
    if len(out) > max_bytes:
        raise InputError(str(path), f"too big once decompressed (limit {max_bytes:,} bytes)")
    return out


def _text_of(rec: dict[str, Any]) -> str | None:
    for name in _aliases()["text"]:
        if isinstance(rec.get(name), str):
            return rec[name]  # type: ignore[no-any-return]
    return None


def _english(language: str) -> bool:
    return language.strip().lower().replace("_", "-").split("-")[0] in ("en", "eng", "english")
