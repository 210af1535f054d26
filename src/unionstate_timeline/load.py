"""Load stage: paths become `Document`s (or skipped `DocumentInfo`s with a reason).

Page furniture and reader comments are blanked to spaces in `Document.body`, which keeps the
length of the original text, so every offset found later is an offset into the original file.
Every problem with one file (or one JSON line, or a manifest) becomes a skipped `DocumentInfo`
naming the reason; nothing else in the batch is lost.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import InputError
from .models import Document, DocumentInfo
from .page import (
    _SOURCE_LINE,
    _absurd_years,
    canonical_outlet,
    find_dateline,
    find_published_line,
    find_title,
    mask_furniture,
)

TEXT_SUFFIXES = {".txt", ".md", ".text"}
JSON_SUFFIXES = {".json", ".jsonl"}
LOADED_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_CHARS = 1_000_000  # spaCy's own limit (nlp.max_length) for one text


@dataclass(frozen=True)
class ManifestEntry:
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None


# --- decoding ---

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


def decode_bytes(data: bytes, path: str) -> tuple[str, str | None]:
    """Decode file bytes as text; returns (text, warning). Raises InputError for binary data.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); then strict UTF-8; then Windows-1251
    with a warning, unless the bytes look binary.
    """
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text, warning = data[len(bom) :].decode(codec), None
            except UnicodeDecodeError as exc:
                if name != "UTF-8":
                    raise InputError(path, f"invalid {name} ({exc.reason})") from None
                text = data[len(bom) :].decode(codec, errors="replace")
                warning = "invalid UTF-8 bytes replaced"
            if not text.strip():
                raise InputError(path, "empty file")
            return text, warning
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise InputError(path, "binary file (not text in any known encoding)")
    return text, "not UTF-8; decoded as Windows-1251"


def _os_reason(exc: BaseException) -> str:
    """A short, user-facing reason for an OS error."""
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return "symlink loop"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder (broken symlink?)"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return getattr(exc, "strerror", None) or str(exc)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a regular file, refusing ones over the size limit with a clear reason."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(str(path), "is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(str(path), "not a regular file")
        if info.st_size > max_bytes:
            raise InputError(str(path), _too_big(info.st_size, max_bytes))
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may grow after stat()
        if len(data) > max_bytes:
            raise InputError(str(path), _too_big(len(data), max_bytes))
        return data
    except (OSError, RuntimeError) as exc:
        raise InputError(str(path), _os_reason(exc)) from None


def _too_big(size: int, limit: int) -> str:
    return f"too big ({size:,} bytes; the limit is {limit:,} bytes, see --max-bytes)"


# --- furniture, title, dateline ---


def _published_hint(value: str | None) -> tuple[str | None, str | None]:
    """Check a publication date given by a manifest or record: (ISO date or None, warning)."""
    if not value:
        return None, None
    try:
        day = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None, f"published date {value!r} is not an ISO date; ignored"
    if day > date.today():
        return None, f"published date {day.isoformat()} is in the future; ignored"
    return day.isoformat(), None


# Years the temporal tagger cannot read at all ("the year 20019", "December 8, 20019") are not
# placed on the timeline anyway; flagging them here tells the user why a date is missing.
def make_document(
    doc_id: str,
    path: str,
    text: str,
    *,
    sha256: str | None = None,
    meta: ManifestEntry | None = None,
    reason: str | None = None,
) -> Document:
    """Build a Document from decoded text and whatever metadata came with it."""
    meta = meta or ManifestEntry()
    published, warning = _published_hint(meta.published)
    body = mask_furniture(text)
    source = "manifest"
    if published is None and (published := find_published_line(body)):
        source = "header"
    reason = "; ".join(filter(None, [reason, warning, _absurd_years(body)])) or None
    dateline = find_dateline(body)
    outlet = meta.outlet
    if outlet is None and dateline and dateline[4]:
        outlet = dateline[4]
    if outlet is None:
        line = _SOURCE_LINE.search(text)
        outlet = canonical_outlet(line.group("outlet")) if line else None
    info = DocumentInfo(
        doc_id=doc_id,
        path=path,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8", errors="replace")).hexdigest(),
        title=meta.title or find_title(body),
        outlet=outlet,
        url=meta.url,
        dateline=dateline[0] if dateline else None,
        reason=reason,
    )
    return Document(
        info=info,
        text=text,
        body=body,
        published_hint=published,
        published_source=source,
        dateline_month=dateline[1] if dateline else None,
        dateline_day=dateline[2] if dateline else None,
        dateline_year=dateline[3] if dateline else None,
    )


# --- manifests and article collections ---


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


def _skip(path: Path, doc_id: str, reason: str) -> DocumentInfo:
    return DocumentInfo(doc_id=doc_id, path=str(path), status="skipped", reason=reason)


def _walk(root: Path) -> Iterator[Path | DocumentInfo]:
    """Files to load under root in sorted order, and a skipped DocumentInfo for each entry
    that cannot be followed (symlink loops, broken links, unreadable folders).

    Symlinked folders are followed once: a link back to a folder already read is a loop.
    Hidden entries (".git", ".cache") and manifests are not articles.
    """
    visited: set[str] = set()

    def rel(path: Path) -> str:
        return path.relative_to(root).with_suffix("").as_posix() or path.name

    def visit(folder: Path) -> Iterator[Path | DocumentInfo]:
        visited.add(os.path.realpath(folder))
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            yield _skip(folder, rel(folder), _os_reason(exc))
            return
        for name in names:
            path = folder / name
            if name.startswith(".") or (folder == root and name in MANIFEST_NAMES):
                continue
            try:
                mode = path.stat().st_mode
            except (OSError, RuntimeError) as exc:
                yield _skip(path, rel(path), _os_reason(exc))
                continue
            if stat.S_ISDIR(mode):
                if os.path.realpath(path) in visited:
                    yield _skip(path, rel(path), "symlink loop (links to a folder already read)")
                else:
                    yield from visit(path)
            elif path.suffix.lower() in LOADED_SUFFIXES:
                yield path

    yield from visit(root)


FileUnit = tuple[Path, str, dict[str, ManifestEntry]]


def list_files(paths: Iterable[str | Path]) -> tuple[list[FileUnit], list[DocumentInfo]]:
    """The article files under `paths` in load order, each with its doc_id and the manifest rows
    that may describe it, and the entries skipped while listing (unreadable paths, symlink
    loops, manifest problems)."""
    files: list[FileUnit] = []
    skipped: list[DocumentInfo] = []
    for given in paths:
        root = Path(given)
        try:
            mode = root.stat().st_mode
        except (OSError, RuntimeError) as exc:
            skipped.append(_skip(root, root.stem or str(root), _os_reason(exc)))
            continue
        if not stat.S_ISDIR(mode):
            files.append((root, root.stem, {}))
            continue
        manifest, problems = read_manifest(root)
        skipped.extend(problems)
        for entry in _walk(root):
            if isinstance(entry, DocumentInfo):
                skipped.append(entry)
                continue
            doc_id = entry.relative_to(root).with_suffix("").as_posix()
            rows = {k: manifest[k] for k in (entry.name, doc_id) if k in manifest}
            files.append((entry, doc_id, rows))
    return _unique_ids(files), skipped


def _unique_ids(files: list[FileUnit]) -> list[FileUnit]:
    """a.txt and a.md (or x/a.txt and y/a.txt given apart) would both be "a": the later ones
    keep their suffix, then their whole path, so every citation names one file."""
    seen: set[str] = set()
    out: list[FileUnit] = []
    for path, doc_id, rows in files:
        for candidate in (doc_id, f"{doc_id}{path.suffix}", path.as_posix()):
            if candidate not in seen:
                break
        seen.add(candidate)
        out.append((path, candidate, rows))
    return out


def iter_documents(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | DocumentInfo]:
    """Yield a Document per readable article, or a skipped DocumentInfo naming the reason.

    Folders are read recursively in sorted order; `doc_id` is the path relative to the folder
    without its extension. Byte-identical articles are kept once, the other paths listed in
    `also_at`. A bad file never stops the batch.
    """
    files, skipped = list_files(paths)
    items: list[Document | DocumentInfo] = list(skipped)
    for path, doc_id, rows in files:
        items.extend(load_file(path, doc_id, rows, max_bytes))
    yield from keep_once(items)


def load_file(
    path: Path, doc_id: str, manifest: dict[str, ManifestEntry], max_bytes: int
) -> list[Document | DocumentInfo]:
    try:
        if path.suffix.lower() in JSON_SUFFIXES:
            return list(_iter_jsonl_articles(path, doc_id, max_bytes))
        data = read_bytes(path, max_bytes)
        text, warning = decode_bytes(data, str(path))
        if len(text) > MAX_CHARS:
            raise InputError(
                str(path),
                f"too long for the parser ({len(text):,} characters; limit {MAX_CHARS:,})",
            )
        meta = manifest.get(path.name) or manifest.get(doc_id)
        digest = hashlib.sha256(data).hexdigest()
        return [make_document(doc_id, str(path), text, sha256=digest, meta=meta, reason=warning)]
    except InputError as exc:
        return [_skip(path, doc_id, exc.reason)]
    except Exception as exc:  # a loader bug on one file must not lose the batch
        return [_skip(path, doc_id, f"internal error: {type(exc).__name__}: {exc}")]


def keep_once(items: list[Document | DocumentInfo]) -> list[Document | DocumentInfo]:
    """Drop exact duplicates (same sha256), recording their paths on the copy that is kept."""
    first: dict[str, int] = {}
    others: dict[int, list[str]] = {}
    out: list[Document | DocumentInfo] = []
    for item in items:
        if isinstance(item, Document) and item.info.sha256:
            kept = first.get(item.info.sha256)
            if kept is not None:
                where = item.info.path
                if where == out[kept].info.path:  # type: ignore[union-attr]
                    where = f"{where}#{item.info.doc_id}"  # two records of one .jsonl
                others.setdefault(kept, []).append(where)
                continue
            first[item.info.sha256] = len(out)
        out.append(item)
    for i, paths in others.items():
        doc = out[i]
        assert isinstance(doc, Document)
        info = doc.info.model_copy(update={"also_at": [*doc.info.also_at, *paths]})
        out[i] = doc.model_copy(update={"info": info})
    return out
