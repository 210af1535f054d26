"""Load stage: paths become `Document`s (or skipped `DocumentInfo`s with a reason).

Page furniture and reader comments are blanked to spaces in `Document.body`, which keeps the
length of the original text, so every offset found later is an offset into the original file.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .lexicon import load_json_data
from .models import Document, DocumentInfo

TEXT_SUFFIXES = {".txt", ".md", ".text"}
JSON_SUFFIXES = {".json", ".jsonl"}
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ManifestEntry:
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None


# --- decoding ----------------------------------------------------------------------------------


def decode_bytes(data: bytes, path: str) -> tuple[str, str | None]:
    """Decode file bytes as text; returns (text, warning). Raises InputError for binary data."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 ({exc.reason})") from None
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


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a file, refusing ones over the size limit with a clear reason."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"too big ({size:,} bytes; limit {max_bytes:,})")
        return path.read_bytes()
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None


# --- furniture, title, dateline ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _furniture() -> tuple[list[re.Pattern[str]], re.Pattern[str], list[re.Pattern[str]]]:
    data = load_json_data("furniture.json")
    lines = [re.compile(p, re.IGNORECASE) for p in data["lines"]]
    caption = re.compile(re.escape(data["caption_before"]))
    comments = [re.compile(p, re.IGNORECASE) for p in data["comments_start"]]
    return lines, caption, comments


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append((pos, pos + len(body), body))
        pos += len(raw)
    return out


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\n\r":
            chars[i] = " "


def mask_furniture(text: str) -> str:
    """Return text with furniture lines, photo captions and reader comments blanked to spaces."""
    furniture, caption, comments = _furniture()
    chars = list(text)
    lines = _lines(text)
    seen_prose = False
    for i, (start, end, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if seen_prose and any(p.fullmatch(stripped) for p in comments):
            _blank(chars, start, len(text))
            break
        if any(p.fullmatch(stripped) for p in furniture):
            _blank(chars, start, end)
            # photo captions: the unpunctuated lines just above a credit line ("© ...")
            if caption.match(stripped):
                j = i - 1
                while j >= 0 and lines[j][2].strip() and lines[j][2].strip()[-1] not in ".!?\"”":
                    _blank(chars, lines[j][0], lines[j][1])
                    j -= 1
            continue
        if len(stripped) > 120 and stripped[-1] in ".!?\"”":
            seen_prose = True
    return "".join(chars)


_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.' -]{1,40}?),\s+(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})"
    r"(?:,?\s+(?P<year>\d{4}))?\s*(?:[./,–—-]\s*)*(?:/?\s*(?P<outlet>[A-Za-z][\w. ]{1,30}?)\s*/)?",
    re.MULTILINE,
)
_OUTLET_AFTER = re.compile(r"\s*[-–—]\s*(?P<outlet>[A-Z][\w.]+(?: [A-Z][\w.]+)?)")
_SOURCE_LINE = re.compile(r"^\s*Source\s*:\s*(?P<outlet>.{2,40}?)\s*$", re.MULTILINE)


def canonical_outlet(name: str) -> str:
    """Map an outlet as written to its canonical name (data: patterns/outlets.json)."""
    aliases = load_json_data("outlets.json")["aliases"]
    return str(aliases.get(name.strip().lower(), name.strip()))


def find_dateline(text: str) -> tuple[str, int, int, int | None, str | None] | None:
    """Find a dateline ("MOSCOW, December 8. /TASS/"): (as written, month, day, year, outlet)."""
    from .lexicon import months

    for m in _DATELINE.finditer(text[:4000]):
        month = months().get(m.group("month").lower())
        day = int(m.group("day"))
        if month is None or not 1 <= day <= 31:
            continue
        outlet = m.group("outlet")
        if outlet is None:
            after = _OUTLET_AFTER.match(text, m.end())
            outlet = after.group("outlet") if after else None
        year = int(m.group("year")) if m.group("year") else None
        return m.group(0).strip(), month, day, year, canonical_outlet(outlet) if outlet else None
    return None


def find_title(body: str) -> str | None:
    """The headline: the first non-blank line of the cleaned text, when it reads like one."""
    for _, _, line in _lines(body):
        stripped = line.strip()
        if stripped:
            if len(stripped) <= 200 and not _DATELINE.match(stripped):
                return stripped
            return None
    return None


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
    body = mask_furniture(text)
    dateline = find_dateline(body)
    outlet = meta.outlet
    if outlet is None and dateline and dateline[4]:
        outlet = dateline[4]
    if outlet is None:
        source = _SOURCE_LINE.search(text)
        outlet = canonical_outlet(source.group("outlet")) if source else None
    info = DocumentInfo(
        doc_id=doc_id,
        path=path,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
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
        published_hint=meta.published,
        dateline_month=dateline[1] if dateline else None,
        dateline_day=dateline[2] if dateline else None,
        dateline_year=dateline[3] if dateline else None,
    )


# --- manifests and article collections -----------------------------------------------------------


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """Read manifest.csv or manifest.jsonl beside the articles, keyed by file name."""
    for name in MANIFEST_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        text, _ = decode_bytes(read_bytes(path, DEFAULT_MAX_BYTES), str(path))
        rows: list[dict[str, str]] = []
        if name.endswith(".csv"):
            rows = list(csv.DictReader(text.splitlines()))
        else:
            for n, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(str(path), f"line {n} is not JSON ({exc.msg})") from None
                if isinstance(row, dict):
                    rows.append(row)
        out = {}
        for row in rows:
            file = (row.get("file") or "").strip()
            if file:
                out[file] = ManifestEntry(
                    url=row.get("url") or None,
                    outlet=row.get("outlet") or None,
                    published=(row.get("published") or None),
                    title=row.get("title") or None,
                )
        return out
    return {}


def _iter_jsonl_articles(path: Path, doc_prefix: str, max_bytes: int) -> Iterator[Document]:
    text, _ = decode_bytes(read_bytes(path, max_bytes), str(path))
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
        records = data if isinstance(data, list) else [data]
    else:
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(str(path), f"line {n} is not JSON ({exc.msg})") from None
    for n, rec in enumerate(records, 1):
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise InputError(str(path), f"record {n} has no 'text' string")
        rid = str(rec.get("id") or n)
        published = rec.get("published") or rec.get("time") or rec.get("date")
        meta = ManifestEntry(
            url=rec.get("url"),
            outlet=rec.get("outlet") or rec.get("source"),
            published=str(published)[:10] if published else None,
            title=rec.get("title"),
        )
        yield make_document(f"{doc_prefix}/{rid}", str(path), rec["text"], meta=meta)


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    seen: set[Path] = set()
    for path in sorted(root.rglob("*")):
        try:
            real = path.resolve()
        except (OSError, RuntimeError):
            continue
        if real in seen or any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        seen.add(real)
        if path.is_file() and path.name not in MANIFEST_NAMES:
            if path.suffix.lower() in TEXT_SUFFIXES | JSON_SUFFIXES:
                found.append(path)
    return found


def iter_documents(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | DocumentInfo]:
    """Yield a Document per readable article, or a skipped DocumentInfo naming the reason.

    Folders are read recursively in sorted order; `doc_id` is the path relative to the folder
    without its extension. A bad file never stops the batch.
    """
    for given in paths:
        root = Path(given)
        if root.is_dir():
            try:
                manifest = read_manifest(root)
            except InputError as exc:
                yield DocumentInfo(
                    doc_id="manifest", path=exc.path, status="skipped", reason=exc.reason
                )
                manifest = {}
            files = [(p, p.relative_to(root).with_suffix("").as_posix()) for p in _walk(root)]
            yield from _load_files(files, manifest, max_bytes)
        elif root.exists():
            yield from _load_files([(root, root.stem)], {}, max_bytes)
        else:
            yield DocumentInfo(
                doc_id=root.stem, path=str(root), status="skipped", reason="no such file or folder"
            )


def _load_files(
    files: list[tuple[Path, str]], manifest: dict[str, ManifestEntry], max_bytes: int
) -> Iterator[Document | DocumentInfo]:
    seen_hashes: dict[str, str] = {}
    for path, doc_id in files:
        try:
            if path.suffix.lower() in JSON_SUFFIXES:
                yield from _iter_jsonl_articles(path, doc_id, max_bytes)
                continue
            data = read_bytes(path, max_bytes)
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen_hashes:
                yield DocumentInfo(
                    doc_id=doc_id,
                    path=str(path),
                    sha256=digest,
                    status="skipped",
                    reason=f"duplicate of {seen_hashes[digest]}",
                )
                continue
            seen_hashes[digest] = doc_id
            text, warning = decode_bytes(data, str(path))
            meta = manifest.get(path.name) or manifest.get(doc_id)
            yield make_document(doc_id, str(path), text, sha256=digest, meta=meta, reason=warning)
        except InputError as exc:
            yield DocumentInfo(doc_id=doc_id, path=str(path), status="skipped", reason=exc.reason)
