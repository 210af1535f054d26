"""Load stage: paths become `Document`s (or skipped `DocumentInfo`s with a reason).

Page furniture and reader comments are blanked to spaces in `Document.body`, which keeps the
length of the original text, so every offset found later is an offset into the original file.
Every problem with one file (or one JSON line, or a manifest) becomes a skipped `DocumentInfo`
naming the reason; nothing else in the batch is lost.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..models import Document, DocumentInfo
from .decode import MAX_CHARS, _os_reason, decode_bytes, read_bytes, scrub, too_long
from .document import ManifestEntry, html_document, make_document
from .html import HTML_SUFFIXES, looks_like_html
from .own import OWN, written_here
from .records import DEFAULT_MAX_BYTES, MANIFEST_NAMES, _iter_jsonl_articles, read_manifest

TEXT_SUFFIXES = {".txt", ".md", ".text"}
JSON_SUFFIXES = {".json", ".jsonl", ".gz"}
LOADED_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES
__all__ = ["MAX_CHARS", "iter_documents", "list_files", "load_file", "loadable"]


def loadable(path: Path) -> bool:
    """A file the loader reads: text, HTML, JSON/JSONL, or JSON/JSONL compressed with gzip."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return Path(path.stem).suffix.lower() in (".json", ".jsonl")
    return suffix in LOADED_SUFFIXES


def _doc_id(relative: Path) -> str:
    """The path without its extension ("articles.jsonl.gz" -> "articles"); bytes of the name
    that are not UTF-8 ("bad\\xff.txt") become U+FFFD, so ids and paths can be written out."""
    if relative.suffix.lower() == ".gz":
        relative = relative.with_suffix("")
    return _shown(relative.with_suffix(""))


def _shown(path: Path) -> str:
    """A path as text that can be written (as UTF-8, JSON); the file is still opened by Path."""
    return scrub(str(path))[0]


def _skip(path: Path, doc_id: str, reason: str) -> DocumentInfo:
    return DocumentInfo(doc_id=doc_id, path=_shown(path), status="skipped", reason=reason)


def _walk(root: Path) -> Iterator[Path | DocumentInfo]:
    """Files to load under root in sorted order, and a skipped DocumentInfo for each entry
    that cannot be followed (symlink loops, broken links, unreadable folders).

    Symlinked folders are followed once: a link back to a folder already read is a loop.
    Hidden entries (".git", ".cache") and manifests are not articles.
    """
    visited: set[str] = set()

    def rel(path: Path) -> str:
        return _doc_id(path.relative_to(root)) or path.name

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
            elif loadable(path):
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
            skipped.append(_skip(root, _shown(Path(root.stem or root)), _os_reason(exc)))
            continue
        if not stat.S_ISDIR(mode):
            files.append((root, _doc_id(Path(root.name)), {}))
            continue
        manifest, problems = read_manifest(root)
        skipped.extend(problems)
        for entry in _walk(root):
            if isinstance(entry, DocumentInfo):
                skipped.append(entry)
                continue
            doc_id = _doc_id(entry.relative_to(root))
            rows = {k: manifest[k] for k in (entry.name, doc_id) if k in manifest}
            files.append((entry, doc_id, rows))
    return _unique_ids(files), skipped


def _unique_ids(files: list[FileUnit]) -> list[FileUnit]:
    """a.txt and a.md (or x/a.txt and y/a.txt given apart) would both be "a": the later ones
    keep their suffix, then their whole path, so every citation names one file."""
    seen: set[str] = set()
    out: list[FileUnit] = []
    for path, doc_id, rows in files:
        for candidate in (doc_id, f"{doc_id}{_shown(Path(path.suffix))}", _shown(path)):
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
        shown = _shown(path)
        text, warning = decode_bytes(data, shown)
        if problem := too_long(text):
            raise InputError(shown, problem)
        if shown != str(path):
            warning = "; ".join(filter(None, [warning, "file name is not valid UTF-8"]))
        meta = manifest.get(path.name) or manifest.get(doc_id)
        digest = hashlib.sha256(data).hexdigest()
        if written_here(text):
            raise InputError(shown, OWN)
        if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
            return [html_document(doc_id, shown, text, digest, meta, warning)]
        return [make_document(doc_id, shown, text, sha256=digest, meta=meta, reason=warning)]
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
