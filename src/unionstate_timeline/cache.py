"""Per-document cache of extractions, so a rebuild re-annotates only new or changed articles.

Layout: `ROOT/<pipeline version>/<key[:2]>/<key>.json`, one `DocExtraction` per file, where
the key is the SHA-256 of the loaded `Document` (text, cleaned body, doc_id, manifest metadata;
not its path, so a moved folder still hits) and the pipeline version hashes everything an
extraction depends on: the package version and sources, the `patterns/` data files, the spaCy
version and the model name and version. A change to any of them starts a new, empty version
directory; old ones can be deleted at will. `by-doc/` maps (doc_id, file sha256) to a key, which
is how `build --base` finds the documents of an existing timeline. Files are written atomically
(temp file + rename), so concurrent builds and interrupted writes never leave a torn entry.
"""

from __future__ import annotations

import hashlib
import os
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

    def _index(self, doc_id: str, sha256: str | None) -> Path:
        ident = hashlib.sha256(f"{doc_id}\0{sha256}".encode()).hexdigest()
        return self.dir / "by-doc" / ident

    def _read(self, key: str) -> DocExtraction | None:
        try:
            return DocExtraction.model_validate_json(self._entry(key).read_bytes())
        except (OSError, ValueError):  # missing or unreadable: treated as not cached
            return None

    def get(self, doc: Document) -> DocExtraction | None:
        """The cached extraction of doc (with doc's own path), or None."""
        found = self._read(self.key(doc))
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        return found.model_copy(update={"doc": doc})

    def put(self, extraction: DocExtraction) -> None:
        """Store an extraction; a cache that cannot be written is switched off, not fatal."""
        if self.write_error is not None:
            return
        key = self.key(extraction.doc)
        info = extraction.doc.info
        try:
            write_atomic_bytes(self._entry(key), extraction.model_dump_json().encode("utf-8"))
            write_atomic_bytes(self._index(info.doc_id, info.sha256), key.encode())
        except OSError as exc:
            self.write_error = f"cache {self.dir} not written ({exc.strerror or exc})"

    def find(self, info: DocumentInfo) -> DocExtraction | None:
        """The extraction last stored for a document of an existing timeline, or None."""
        try:
            key = self._index(info.doc_id, info.sha256).read_text().strip()
        except OSError:
            return None
        return self._read(key)
