"""The whole path: load -> annotate -> extract -> anchor -> merge, as one typed function."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .models import AnchoredDocument, DocExtraction, Document, DocumentInfo, Timeline, Timex
from .progress import ANCHORING, ANNOTATING, MERGING, MODEL, READING

if TYPE_CHECKING:
    from .cache import ExtractionCache

Progress = Callable[[int], None]  # n more documents done
Stage = Callable[[str], None]  # a stage (progress.READING, MODEL, ...) begins


def _silent(_: str) -> None:
    pass


@dataclass
class BuildStats:
    """What a build did, for the one-line summary."""

    documents: int = 0
    skipped: list[DocumentInfo] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)  # tracebacks of internal errors (--verbose)
    cached: int = 0  # documents taken from the cache, not annotated
    reused: int = 0  # documents of the --base timeline carried over

    def finish(
        self,
        timeline: Timeline,
        documents: int,
        skipped: list[DocumentInfo],
        details: list[str],
        started: float,
    ) -> None:
        """Record what a build produced (shared by the local and the Dask engine)."""
        self.documents = documents
        self.skipped = skipped
        self.details = details
        self.events = len(timeline.events)
        self.claims = len(timeline.claims)
        self.seconds = time.perf_counter() - started


def extract_documents(
    docs: Iterable[Document],
    *,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = 32,
    progress: Progress | None = None,
    on_error: Callable[[Document, Exception], None] | None = None,
    cache: ExtractionCache | None = None,
    on_stage: Stage | None = None,
) -> Iterator[DocExtraction]:
    """Annotate and extract each document (the per-document, cacheable part of a build).

    Streams: yields in input order while documents flow through `nlp.pipe`. With a `cache`,
    cached documents are not annotated (the model is not even loaded when all are cached) and
    new extractions are stored. An unexpected error while extracting one document skips that
    document (reported through `on_error`) instead of losing the whole batch. `on_stage` is
    told when the model loads and when annotating (re)starts.
    """
    from .nlp.annotate import get_nlp

    say = on_stage or _silent

    source = iter(docs)
    lookup = cache.get if cache is not None else (lambda d: None)
    first = None
    for n, doc in enumerate(source):  # cached documents before the first miss need no model
        hit = lookup(doc)
        if hit is None:
            first = doc
            break
        if n == 0:
            say(ANNOTATING)
        yield hit
        if progress:
            progress(1)
    if first is None:
        return
    say(MODEL)
    get_nlp(model)  # loaded once (memoized); the workers below use the same pipeline
    say(ANNOTATING)
    pending: deque[tuple[Document, DocExtraction | None]] = deque([(first, None)])

    def misses() -> Iterator[Document]:
        yield first
        for doc in source:
            hit = lookup(doc)
            pending.append((doc, hit))
            if hit is None:
                yield doc

    run = _in_processes if workers > 1 else _in_process
    # both keep order, so each result belongs to the oldest pending miss
    for result in run(misses(), model, batch_size, workers):
        while pending[0][1] is not None:
            yield from _done(pending.popleft()[1], progress)
        doc = pending.popleft()[0]
        extraction = None
        if isinstance(result, Exception):  # the safety net: one bad document must not kill
            if on_error is not None:  # the build
                on_error(doc, result)
        else:
            extraction = result
            if cache is not None:
                cache.put(extraction)
        yield from _done(extraction, progress)
    while pending:
        yield from _done(pending.popleft()[1], progress)


Outcome = DocExtraction | Exception


def _in_process(
    docs: Iterable[Document], model: str | None, batch_size: int, workers: int = 1
) -> Iterator[Outcome]:
    """Annotate (nlp.pipe) and extract each document in this process, in order."""
    from .extract.document import extract
    from .nlp.annotate import annotate

    held: deque[Document] = deque()

    def texts() -> Iterator[str]:
        for doc in docs:
            held.append(doc)
            yield doc.body

    for spacy_doc in annotate(texts(), model=model, batch_size=batch_size):
        doc = held.popleft()
        try:
            if isinstance(spacy_doc, Exception):  # annotation failed on this document alone
                raise spacy_doc
            yield extract(doc, spacy_doc)
        except Exception as exc:
            yield exc


def _in_processes(
    docs: Iterable[Document], model: str | None, batch_size: int, workers: int
) -> Iterator[Outcome]:
    """The same in `workers` processes, each annotating and extracting whole batches: only
    documents go out and extractions come back (no spaCy Doc crosses a process boundary, and
    this process is free to collect). A bounded number of batches is in flight, so documents
    stream; results come back in input order."""
    import gc
    import multiprocessing

    from spacy.util import minibatch

    from .nlp.annotate import interrupt_stops_workers

    methods = multiprocessing.get_all_start_methods()
    # fork shares the model this process loaded; elsewhere each worker loads its own
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    batches = minibatch(docs, batch_size)  # lists of batch_size documents, lazily
    # the objects this process holds go to the collector's permanent generation before the
    # fork, so a worker's collections never write to (and copy) the pages it shares
    gc.freeze()
    try:
        with (
            interrupt_stops_workers(workers),
            context.Pool(workers, initializer=_worker_start, initargs=(model,)) as pool,
        ):
            flight: deque[Any] = deque()
            for batch in batches:
                flight.append(pool.apply_async(_worker_batch, (batch, model, batch_size)))
                if len(flight) > 2 * workers:
                    yield from flight.popleft().get()
            while flight:
                yield from flight.popleft().get()
    finally:
        gc.unfreeze()


def _worker_start(model: str | None) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent
    from .nlp.annotate import get_nlp

    get_nlp(model)


def _worker_batch(batch: list[Document], model: str | None, batch_size: int) -> list[Outcome]:
    return [
        x if not isinstance(x, Exception) else _portable(x)
        for x in _in_process(batch, model, batch_size)
    ]


def _portable(exc: Exception) -> Exception:
    """An error that survives pickling back to the parent, with the worker's traceback."""
    import pickle
    import traceback

    told = "".join(traceback.format_exception(exc)).rstrip()
    try:  # an error whose message does not survive the trip (a UnicodeEncodeError) is retold
        if str(pickle.loads(pickle.dumps(exc))) == str(exc):
            exc.add_note(told)
            return exc
    except Exception:
        pass
    retold = RuntimeError(f"{type(exc).__name__}: {exc}")
    retold.add_note(told)
    return retold


def _done(extraction: DocExtraction | None, progress: Progress | None) -> Iterator[DocExtraction]:
    if extraction is not None:
        yield extraction
    if progress:
        progress(1)


def internal_error(doc: Document, exc: Exception) -> DocumentInfo:
    """The skipped entry for a document the pipeline failed on."""
    reason = f"internal error: {type(exc).__name__}: {exc}"
    return doc.info.model_copy(update={"status": "skipped", "reason": reason})


def assemble(
    extractions: Sequence[DocExtraction],
    skipped: Sequence[DocumentInfo],
    on_stage: Stage | None = None,
    *,
    release: bool = False,
) -> Timeline:
    """The global part of a build: anchor across the corpus, then merge. With `release`, the
    caller hands `extractions` (a list) over: once anchored, its items are replaced by what
    merge reads (`release_for_merge`), which lowers the peak memory of a large build."""
    from .assemble.merge import merge
    from .temporal.anchor import anchor_corpus

    say = on_stage or _silent
    say(ANCHORING)
    anchored = anchor_corpus(extractions)
    if release and isinstance(extractions, list):
        release_for_merge(extractions, anchored)
    say(MERGING)
    return merge(extractions, anchored, skipped)


def release_for_merge(extractions: list[DocExtraction], anchored: list[AnchoredDocument]) -> None:
    """Replace each extraction and anchored document, in place, by what merge reads: the
    document's info and text, its events and claims, and the dates of the expressions they
    cite. The rest (every temporal expression, the cleaned body, the date cues) goes: 10,000
    synthetic documents peak at 1369 MB instead of 1605 (`benchmarks/bench_global.py`), with
    the same timeline."""
    for i, (x, a) in enumerate(zip(extractions, anchored, strict=True)):
        doc = x.doc.model_copy(update={"body": "", "date_cues": []})
        extractions[i] = x.model_copy(update={"doc": doc, "timexes": []})
        cited = {m.timex for m in x.events} | {c.timex for c in x.claims}
        whens = [w if k in cited else None for k, w in enumerate(a.whens)]
        anchored[i] = a.model_copy(update={"timexes": [], "whens": whens})


def build(
    paths: Sequence[str | Path],
    *,
    model: str | None = None,
    workers: int = 1,
    progress: Progress | None = None,
    stats: BuildStats | None = None,
    on_total: Callable[[int], None] | None = None,
    max_bytes: int | None = None,
    cache: ExtractionCache | None = None,
    base: Timeline | None = None,
    ids_from: Timeline | None = None,
    on_stage: Stage | None = None,
) -> Timeline:
    """Build the timeline of every article under `paths`.

    With `cache`, documents extracted by an earlier build are not annotated again. With `base`
    (needs `cache`), the result covers the base timeline's documents plus `paths`: base
    documents are taken from the cache (a document of `paths` with the same doc_id replaces
    its base version), then the whole corpus is anchored and merged again, as a full build
    would do. Raises IncrementalError when a base document is not in the cache. Events keep
    the ids of the base timeline (or of `ids_from`) they share citations with. `progress`,
    `on_total` and `on_stage` report progress (see progress.py).
    """
    import traceback

    from .reading.load import DEFAULT_MAX_BYTES, iter_documents

    started = time.perf_counter()
    docs: list[Document] = []
    skipped: list[DocumentInfo] = []
    details: list[str] = []
    if on_stage:
        on_stage(READING)
    for item in iter_documents(paths, max_bytes=max_bytes or DEFAULT_MAX_BYTES):
        (docs if isinstance(item, Document) else skipped).append(item)  # type: ignore[arg-type]
    if on_total:
        on_total(len(docs))

    def failed(doc: Document, exc: Exception) -> None:
        skipped.append(internal_error(doc, exc))
        details.append(f"{doc.info.path}:\n" + "".join(traceback.format_exception(exc)))

    extractions = list(
        extract_documents(
            docs,
            model=model,
            workers=workers,
            progress=progress,
            on_error=failed,
            cache=cache,
            on_stage=on_stage,
        )
    )
    reused = 0
    if base is not None:
        replaced = {d.info.doc_id for d in docs} | {s.doc_id for s in skipped}
        old, old_skipped = from_base(base, cache, replaced)
        reused = len(old)
        extractions = sorted([*old, *extractions], key=lambda x: x.doc.info.doc_id)
        skipped = [*old_skipped, *skipped]
    timeline = assemble(extractions, skipped, on_stage, release=True)
    if (earlier := ids_from or base) is not None:
        from .assemble.ids import carry_ids

        timeline = carry_ids(timeline, earlier)
    if stats is not None:
        stats.cached = cache.hits if cache is not None else 0
        stats.reused = reused
        stats.finish(timeline, len(extractions), skipped, details, started)
    return timeline


def from_base(
    base: Timeline, cache: ExtractionCache | None, replaced: set[str]
) -> tuple[list[DocExtraction], list[DocumentInfo]]:
    """The extractions and skipped entries of a base timeline, except the `replaced` doc_ids."""
    from .errors import IncrementalError

    if cache is None:
        raise IncrementalError("--base needs the extraction cache (drop --no-cache)")
    found: list[DocExtraction] = []
    skipped: list[DocumentInfo] = []
    missing: list[str] = []
    for info in base.documents:
        if info.doc_id in replaced:
            continue
        if info.status == "skipped":
            skipped.append(info)
            continue
        extraction = cache.find(info)
        if extraction is None:
            missing.append(info.doc_id)
        else:  # keep the path the base timeline records (the cache may know another copy)
            doc = extraction.doc
            doc = doc.model_copy(update={"info": doc.info.model_copy(update={"path": info.path})})
            found.append(extraction.model_copy(update={"doc": doc}))
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        raise IncrementalError(
            f"{len(missing)} document(s) of the base timeline are not in the cache {cache.dir} "
            f"({shown}); build the whole corpus instead"
        )
    return found, skipped


def tag(text: str, dct: date | None = None, *, model: str | None = None) -> list[Timex]:
    """The temporal expressions of one text, with character offsets and TIMEX3 values.

    Without `dct`, the document date is inferred from the text (dateline, weekdays, years) as in
    a build; expressions that cannot be anchored keep X digits.
    """
    from .extract.document import extract_timexes
    from .nlp.annotate import get_nlp
    from .reading.document import make_document
    from .temporal.anchor import anchor_document

    doc = make_document("input", "input", text)
    spacy_doc = get_nlp(model)(doc.body)
    mentions = extract_timexes(spacy_doc)
    anchored = anchor_document(doc, mentions, dct=dct)
    return anchored.timexes
