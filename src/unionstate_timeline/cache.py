"""Per-document cache of extractions, so a rebuild re-annotates only new or changed articles.

Layout: `ROOT/<pipeline version>/<key[:2]>/<key>.json`, one `DocExtraction` per file, where
the key is the SHA-256 of the loaded `Document` (text, cleaned body, doc_id, manifest metadata;
not its path, so a moved folder still hits) and the pipeline version hashes everything an
extraction depends on: the package version and sources, the `patterns/` data files, the spaCy
version and the model name and version. A change to any of them starts a new, empty version
directory; old ones can be deleted at will. `by-doc/` maps (doc_id, file sha256, path) and
(doc_id, file sha256) to a key, which is how `build --base` finds the documents of an existing
timeline: by the path the timeline records first, since one file copied into two folders (one
with a manifest) is two documents with different metadata; the path-free entry, for a moved
folder, only when the loader's metadata (title, outlet, url, dateline) agree with the timeline's.
Files are written atomically (temp file + rename), so concurrent builds and interrupted writes
never leave a torn entry. An entry is the SHA-256 of its JSON, a newline, then the JSON; an
entry whose checksum fails, or that holds another document than its key names, or that is not a
regular file, is a miss.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

from .models import DocExtraction, Document, DocumentInfo

CACHE_ENV = "UNIONSTATE_CACHE_DIR"
PACKAGE = Path(__file__).resolve().parent


def default_cache_dir() -> Path:
    """$UNIONSTATE_CACHE_DIR, else the user cache dir (~/.cache/unionstate-timeline on Linux)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("unionstate-timeline"))


def _dist_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    for candidate in (name, name.replace("_", "-")):
        try:
            return version(candidate)
        except PackageNotFoundError:
            continue
    return "?"


def model_name(model: str | None = None) -> str:
    """The model `annotate.get_nlp` would load, resolved without importing spaCy."""
    import importlib.util

    from .nlp.annotate import MODEL_CANDIDATES, MODEL_ENV

    name = model or os.environ.get(MODEL_ENV)
    if name:
        return name
    return next((c for c in MODEL_CANDIDATES if importlib.util.find_spec(c)), "none")


@lru_cache(maxsize=8)
def pipeline_version(model: str | None = None) -> str:
    """A short hash of everything a document's extraction depends on."""
    name = model_name(model)
    h = hashlib.sha256()
    for part in (
        _dist_version("unionstate-timeline"),
        name,
        _dist_version(name),
        _dist_version("spacy"),
    ):
        h.update(part.encode() + b"\0")
    files = sorted(PACKAGE.glob("patterns/*.json*")) + sorted(PACKAGE.rglob("*.py"))
    for path in files:
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write data to path via a temp file in the same folder and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ExtractionCache:
    """DocExtractions on disk, keyed by document content and pipeline version."""

    def __init__(self, root: str | os.PathLike[str] | None = None, *, model: str | None = None):
        self.root = Path(root) if root is not None else default_cache_dir()
        self.dir = self.root / pipeline_version(model)
        self.hits = 0
        self.misses = 0
        self.write_error: str | None = None  # set when the cache cannot be written: build goes on

    @staticmethod
    def key(doc: Document) -> str:
        payload = doc.model_dump_json(exclude={"info": {"path"}})
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def _index(self, doc_id: str, sha256: str | None, path: str | None = None) -> Path:
        parts = [doc_id, str(sha256)] + ([path] if path is not None else [])
        ident = hashlib.sha256("\0".join(parts).encode()).hexdigest()
        return self.dir / "by-doc" / ident

    def _read(self, key: str) -> DocExtraction | None:
        """The entry stored under key, or None when it is missing, unreadable, altered (its
        checksum does not match) or the extraction of another document (swapped files)."""
        data = _read_regular(self._entry(key))
        checksum, _, payload = (data or b"").partition(b"\n")
        if not payload or hashlib.sha256(payload).hexdigest().encode() != checksum:
            return None
        try:
            found = DocExtraction.model_validate_json(payload)
        except ValueError:
            return None
        return found if self.key(found.doc) == key else None

    def get(self, doc: Document) -> DocExtraction | None:
        """The cached extraction of doc (with doc's own path), or None."""
        found = self._read(self.key(doc))
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._remember_path(doc.info, self.key(doc))
        return found.model_copy(update={"doc": doc})

    def put(self, extraction: DocExtraction) -> None:
        """Store an extraction; a cache that cannot be written is switched off, not fatal."""
        if self.write_error is not None:
            return
        key = self.key(extraction.doc)
        info = extraction.doc.info
        try:
            payload = extraction.model_dump_json().encode("utf-8")
            checksum = hashlib.sha256(payload).hexdigest().encode()
            write_atomic_bytes(self._entry(key), checksum + b"\n" + payload)
            write_atomic_bytes(self._index(info.doc_id, info.sha256), key.encode())
            write_atomic_bytes(self._index(info.doc_id, info.sha256, info.path), key.encode())
        except OSError as exc:
            self.write_error = f"cache {self.dir} not written ({exc.strerror or exc})"

    def _remember_path(self, info: DocumentInfo, key: str) -> None:
        """Index a hit under its new path too (a moved folder), once."""
        index = self._index(info.doc_id, info.sha256, info.path)
        if self.write_error is None and not index.exists():
            try:
                write_atomic_bytes(index, key.encode())
            except OSError as exc:
                self.write_error = f"cache {self.dir} not written ({exc.strerror or exc})"

    def find(self, info: DocumentInfo) -> DocExtraction | None:
        """The extraction last stored for a document of an existing timeline, or None."""
        exact = self._lookup(self._index(info.doc_id, info.sha256, info.path))
        if exact is not None:
            return exact
        found = self._lookup(self._index(info.doc_id, info.sha256))
        if found is None or not _same_metadata(found.doc, info):
            return None  # another copy of the file, read with other metadata
        return found

    def _lookup(self, index: Path) -> DocExtraction | None:
        return self._read((_read_regular(index) or b"").decode(errors="replace").strip())


# what the loader learns beside a text and a timeline keeps as it is (the date is re-weighed)
LOADER_FIELDS = ("title", "outlet", "url", "dateline")


def _same_metadata(doc: Document, info: DocumentInfo) -> bool:
    """Whether a timeline's document could have been built from doc: the loader's fields agree
    and a date given beside the text (which wins over the text's own cues) is the one listed."""
    if any(getattr(doc.info, f) != getattr(info, f) for f in LOADER_FIELDS):
        return False
    hint = doc.published_hint
    return hint is None or (info.published is not None and info.published.value == hint)


MAX_ENTRY_BYTES = 256 * 1024 * 1024  # far above any extraction of a text spaCy accepts


def _read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file, or None: a FIFO, device or folder in the cache's place is
    not read (it could block the build forever), nor is anything missing or unreadable."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
                return None
            return fh.read(MAX_ENTRY_BYTES + 1)
        except OSError:
            return None
