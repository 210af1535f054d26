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


def extract_documents(
    docs: Sequence[Document], *, model: str | None = None, workers: int = 1,
    batch_size: int = 32, progress: Progress | None = None,
) -> Iterable[DocExtraction]:
    """Annotate and extract each document (the per-document, cacheable part of a build)."""
    from .annotate import annotate
    from .extract import extract

    spacy_docs = annotate((d.body for d in docs), model=model, batch_size=batch_size,
                          n_process=workers)
    for doc, spacy_doc in zip(docs, spacy_docs, strict=True):
        yield extract(doc, spacy_doc)
        if progress:
            progress(1)


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
    on_total: Callable[[int], None] | None = None,
) -> Timeline:
    """Build the timeline of every article under `paths`."""
    from .load import iter_documents

    started = time.perf_counter()
    docs: list[Document] = []
    skipped: list[DocumentInfo] = []
    for item in iter_documents(paths):
        (docs if isinstance(item, Document) else skipped).append(item)  # type: ignore[arg-type]
    if on_total:
        on_total(len(docs))
    extractions = list(extract_documents(docs, model=model, workers=workers, progress=progress))
    timeline = assemble(extractions, skipped)
    if stats is not None:
        stats.documents = len(docs)
        stats.skipped = skipped
        stats.events = len(timeline.events)
        stats.claims = len(timeline.claims)
        stats.seconds = time.perf_counter() - started
    return timeline
