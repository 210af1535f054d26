"""`timeline eval` as a library call: read gold and articles, run both systems, score them."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError
from ..models import Timeline, Timex
from .baseline import run_baseline, timing
from .gold import GoldDocument, load_gold, span_problems
from .models import EvalReport, GoldCounts, Timing
from .score import score_system

PROJECT_NOTES = [
    "events: a (system event, cited document) pair with a date is one prediction; it matches a "
    "gold event of that document with the same type and TIMEX3 value",
    "timexes tagged by pipeline.tag with the gold publication date as DCT (inferred when null)",
]
BASELINE_NOTES = [
    "dateparser.search.search_dates(text, languages=['en']), default settings, one event per hit",
    "events scored on date value only (type-agnostic): the baseline has no event types",
    "relative dates resolve against the day of the run (dateparser's default)",
    "publication date: the first hit in the first 500 characters, else null",
]


def read_texts(gold: Sequence[GoldDocument], raw_dir: Path) -> dict[str, str]:
    """The article of every gold document; the gold spans must sit at their offsets in it."""
    texts: dict[str, str] = {}
    for doc in gold:
        path = raw_dir / f"{doc.doc_id}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise InputError(str(path), f"no article for gold document {doc.doc_id}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"cannot read the article: {exc}") from exc
        problems = span_problems(doc, text)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise InputError(str(path), f"gold offsets do not fit: {problems[0]}{more}")
        texts[doc.doc_id] = text
    return texts


def read_timeline(path: Path) -> Timeline:
    """A timeline.json written by `timeline build`."""
    try:
        return Timeline.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "<root>"
        raise InputError(str(path), f"not a timeline.json: {where}: {first['msg']}") from exc


def _dct(doc: GoldDocument) -> date | None:
    try:
        return date.fromisoformat(doc.published.value) if doc.published else None
    except ValueError:  # a month- or year-precision DCT: let the tagger infer the day
        return None


def tag_project(
    gold: Sequence[GoldDocument], texts: dict[str, str], model: str | None
) -> tuple[dict[str, list[Timex]], Timing]:
    """This project's timexes for every gold document, timed after an untimed warm-up call."""
    from ..pipeline import tag

    tag("Warm-up on 1 January 2000.", model=model)  # loads the spaCy model
    started = time.perf_counter()
    found = {doc.doc_id: tag(texts[doc.doc_id], _dct(doc), model=model) for doc in gold}
    return found, timing(len(gold), time.perf_counter() - started)


def _project_timeline(
    raw_dir: Path, timeline_path: Path | None, model: str | None
) -> tuple[Timeline, float | None]:
    if timeline_path is not None:
        return read_timeline(timeline_path), None
    from ..pipeline import build

    started = time.perf_counter()
    timeline = build([raw_dir], model=model)
    return timeline, round(time.perf_counter() - started, 3)


def _counts(gold: Sequence[GoldDocument]) -> GoldCounts:
    return GoldCounts(
        documents=len(gold),
        published=sum(doc.published is not None for doc in gold),
        events=sum(len(doc.events) for doc in gold),
        claims=sum(len(doc.claims) for doc in gold),
        timexes=sum(len(doc.timexes) for doc in gold),
        groups=len({e.group for doc in gold for e in doc.events if e.group}),
    )


def evaluate(
    gold_dir: str | Path,
    raw_dir: str | Path = "data/raw",
    timeline_path: str | Path | None = None,
    *,
    model: str | None = None,
) -> EvalReport:
    """Score this project's timeline (built from raw_dir, or read) and the baseline on the gold."""
    raw = Path(raw_dir)
    tl_path = Path(timeline_path) if timeline_path is not None else None
    gold = load_gold(gold_dir)
    texts = read_texts(gold, raw)
    timeline, build_seconds = _project_timeline(raw, tl_path, model)
    if not {d.doc_id for d in timeline.documents} & set(texts):
        raise InputError(str(tl_path or raw), "no document of the timeline has a gold annotation")
    ours, our_time = tag_project(gold, texts, model)
    base = run_baseline(texts)
    project = score_system(
        "project", gold, timeline, ours, typed=True, tagger=our_time,
        build_seconds=build_seconds, notes=PROJECT_NOTES,
    )  # fmt: skip
    baseline = score_system(
        "baseline", gold, base.timeline, base.timexes, typed=False, tagger=base.timing,
        notes=BASELINE_NOTES,
    )  # fmt: skip
    return EvalReport(
        gold_dir=str(gold_dir),
        raw_dir=str(raw),
        timeline=str(tl_path) if tl_path else None,
        gold=_counts(gold),
        project=project,
        baseline=baseline,
    )
