"""The whole path: load -> annotate -> extract -> anchor -> merge, as one typed function."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .models import DocExtraction, Document, DocumentInfo, Timeline

Progress = Callable[[int], None]


@dataclass
class BuildStats:
    """What a build did, for the one-line summary."""

    documents: int = 0
    skipped: list[DocumentInfo] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)  # tracebacks of internal errors (--verbose)


def extract_documents(
    docs: Sequence[Document], *, model: str | None = None, workers: int = 1,
    batch_size: int = 32, progress: Progress | None = None,
    on_error: Callable[[Document, Exception], None] | None = None,
) -> Iterable[DocExtraction]:
    """Annotate and extract each document (the per-document, cacheable part of a build).

    An unexpected error while extracting one document skips that document (reported through
    `on_error`) instead of losing the whole batch.
    """
    from .annotate import annotate
    from .extract import extract

    spacy_docs = annotate((d.body for d in docs), model=model, batch_size=batch_size,
                          n_process=workers)
    for doc, spacy_doc in zip(docs, spacy_docs, strict=True):
        try:
            extraction = extract(doc, spacy_doc)
        except Exception as exc:  # the safety net: one bad document must not kill the build
            if on_error is not None:
                on_error(doc, exc)
            extraction = None
        if extraction is not None:
            yield extraction
        if progress:
            progress(1)


def internal_error(doc: Document, exc: Exception) -> DocumentInfo:
    """The skipped entry for a document the pipeline failed on."""
    reason = f"internal error: {type(exc).__name__}: {exc}"
    return doc.info.model_copy(update={"status": "skipped", "reason": reason})


def assemble(extractions: Sequence[DocExtraction], skipped: Sequence[DocumentInfo]) -> Timeline:
    """The global part of a build: anchor across the corpus, then merge."""
    from .merge import merge
    from .temporal.anchor import anchor_corpus

    anchored = anchor_corpus(extractions)
    anchored = [a if not a.flags else a.model_copy(update={"info": a.info.model_copy(
        update={"reason": "; ".join(filter(None, [a.info.reason, "impossible dates: "
                                                  + "; ".join(a.flags)]))})}) for a in anchored]
    return merge(extractions, anchored, skipped)


def build(
    paths: Sequence[str | Path], *, model: str | None = None, workers: int = 1,
    progress: Progress | None = None, stats: BuildStats | None = None,
    on_total: Callable[[int], None] | None = None, max_bytes: int | None = None,
) -> Timeline:
    """Build the timeline of every article under `paths`."""
    import traceback

    from .load import DEFAULT_MAX_BYTES, iter_documents

    started = time.perf_counter()
    docs: list[Document] = []
    skipped: list[DocumentInfo] = []
    details: list[str] = []
    for item in iter_documents(paths, max_bytes=max_bytes or DEFAULT_MAX_BYTES):
        (docs if isinstance(item, Document) else skipped).append(item)  # type: ignore[arg-type]
    if on_total:
        on_total(len(docs))

    def failed(doc: Document, exc: Exception) -> None:
        skipped.append(internal_error(doc, exc))
        details.append(f"{doc.info.path}:\n" + "".join(traceback.format_exception(exc)))

    extractions = list(extract_documents(docs, model=model, workers=workers, progress=progress,
                                         on_error=failed))
    timeline = assemble(extractions, skipped)
    if stats is not None:
        stats.documents = len(extractions)
        stats.details = details
        stats.skipped = skipped
        stats.events = len(timeline.events)
        stats.claims = len(timeline.claims)
        stats.seconds = time.perf_counter() - started
    return timeline
