"""The Dask engine: the per-document stages on a cluster, the global stages on the client.

`build_dask` lists the input files on the client, splits the list into partitions of a
`dask.bag`, and on the workers each partition loads its files, annotates them with spaCy and
extracts mentions (load -> annotate -> extract). Only file paths travel to the workers; the
`DocExtraction`s (the document's text plus its mentions) travel back. The client then drops
byte-identical duplicates as the loader does, anchors the whole corpus and merges it
(`pipeline.assemble`), so the output is byte-identical to `pipeline.build`. Without a scheduler
address a small `LocalCluster` is started for the duration of the build.
"""

from __future__ import annotations

import math
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .models import DocExtraction, Document, DocumentInfo, Timeline
from .pipeline import BuildStats, Progress, Stage, assemble, internal_error
from .progress import ANNOTATING, READING
from .reading.document import ManifestEntry
from .reading.records import DEFAULT_MAX_BYTES

# (path, doc_id, manifest entries that may apply to it) or a DocumentInfo already skipped
Unit = tuple[str, str, dict[str, ManifestEntry]]


def list_units(paths: Sequence[str | Path]) -> tuple[list[Unit], list[DocumentInfo]]:
    """The files a build would load, in the loader's order, as plain data for the workers."""
    from .reading.load import list_files

    files, skipped = list_files(paths)
    return [(str(path), doc_id, rows) for path, doc_id, rows in files], skipped


def run_partition(
    units: list[Unit], model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[tuple[str, Any]]:
    """On a worker: load, annotate and extract one chunk of files.

    Returns ("ok", DocExtraction), ("skipped", DocumentInfo) or ("failed", (Document, details))
    per input item, in input order.
    """
    from .pipeline import extract_documents
    from .reading.load import load_file

    loaded: list[Document | DocumentInfo] = []
    for path, doc_id, meta in units:
        loaded.extend(load_file(Path(path), doc_id, meta, max_bytes))
    docs = [d for d in loaded if isinstance(d, Document)]
    failed: dict[int, str] = {}

    def on_error(doc: Document, exc: Exception) -> None:
        failed[id(doc)] = "".join(traceback.format_exception(exc))

    done = {id(x.doc): x for x in extract_documents(docs, model=model, on_error=on_error)}
    out: list[tuple[str, Any]] = []
    for item in loaded:
        if isinstance(item, DocumentInfo):
            out.append(("skipped", item))
        elif id(item) in done:
            out.append(("ok", done[id(item)]))
        else:
            out.append(("failed", (item, failed.get(id(item), ""))))
    return out


def _collect(
    results: list[tuple[str, Any]], skipped: list[DocumentInfo], details: list[str]
) -> list[DocExtraction]:
    """Drop duplicates exactly as load.iter_documents does, then split the results."""
    from .reading.load import keep_once

    items: list[Document | DocumentInfo] = []
    by_doc: dict[tuple[str, str], tuple[str, Any]] = {}
    for kind, value in results:
        if kind == "skipped":
            items.append(value)
            continue
        doc = value.doc if kind == "ok" else value[0]
        by_doc[(doc.info.doc_id, doc.info.path)] = (kind, value)
        items.append(doc)
    extractions: list[DocExtraction] = []
    failures: list[DocumentInfo] = []
    for item in keep_once(items):
        if isinstance(item, DocumentInfo):
            skipped.append(item)
            continue
        kind, value = by_doc[(item.info.doc_id, item.info.path)]
        if kind == "ok":
            extractions.append(
                value if value.doc is item else value.model_copy(update={"doc": item})
            )
        else:
            failures.append(internal_error(item, RuntimeError("see details")))
            details.append(f"{item.info.path}:\n{value[1]}")
    skipped.extend(failures)
    return extractions


def build_dask(
    paths: Sequence[str | Path],
    *,
    model: str | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 64,
    progress: Progress | None = None,
    stats: BuildStats | None = None,
    on_total: Callable[[int], None] | None = None,
    max_bytes: int | None = None,
    on_stage: Stage | None = None,
) -> Timeline:
    """Build the timeline of every article under `paths` on a Dask cluster.

    `scheduler` is the address of an existing cluster (tcp://host:8786); without it a
    LocalCluster of `workers` single-threaded worker processes runs for this build. The files
    must be readable at the same paths on every worker (a shared or replicated file system).
    """
    import dask.bag as db
    from distributed import Client, LocalCluster, as_completed

    started = time.perf_counter()
    if on_stage:
        on_stage(READING)
    units, skipped = list_units(paths)
    if on_total:
        on_total(len(units))
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        with Client(cluster if cluster is not None else scheduler) as client:
            n_workers = max(len(client.scheduler_info().get("workers", {})), 1)
            parts = max(math.ceil(len(units) / partition_size), 2 * n_workers)
            size = max(math.ceil(len(units) / parts), 1)
            chunks = [units[i : i + size] for i in range(0, len(units), size)] or [[]]
            bag = db.from_sequence(chunks, npartitions=len(chunks)).map(
                run_partition, model=model, max_bytes=max_bytes or DEFAULT_MAX_BYTES
            )
            futures = client.compute(bag.to_delayed())
            if on_stage:  # the workers load the model, annotate and extract
                on_stage(ANNOTATING)
            sizes = {f.key: len(c) for f, c in zip(futures, chunks, strict=True)}
            for future in as_completed(futures):
                if progress:
                    progress(sizes.get(future.key, 0))
            # one chunk per partition: each partition's result is [results of its chunk]
            results = [r for part in client.gather(futures) for chunk in part for r in chunk]
    finally:
        if cluster is not None:
            cluster.close()
    details: list[str] = []
    extractions = _collect(results, skipped, details)
    timeline = assemble(extractions, skipped, on_stage, release=True)
    if stats is not None:
        stats.finish(timeline, len(extractions), skipped, details, started)
    return timeline
