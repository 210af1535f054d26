"""The naive baseline `timeline eval` compares against: dateparser's `search_dates`, nothing else.

What a user without this project would run: `search_dates(text, languages=["en"])` with default
settings over each article, one event per hit (type "other", the hit's calendar day), the first
hit in the first 500 characters as the publication date. Relative expressions ("on Sunday",
"this year") resolve against the day the baseline runs, as they would for that user.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from ..models import Citation, DocumentInfo, Event, Timeline, Timex, When
from .models import Timing

LEAD_CHARS = 500  # the publication date is looked for in the first 500 characters


class Hit(NamedTuple):
    """One search_dates hit, located in the text."""

    start: int
    end: int
    text: str
    day: str  # ISO day of the datetime dateparser returned


class BaselineRun(NamedTuple):
    timeline: Timeline
    timexes: dict[str, list[Timex]]
    timing: Timing


def search(text: str) -> list[tuple[str, datetime]]:
    """dateparser's search_dates with default settings (English), [] when nothing is found."""
    from dateparser.search import search_dates

    return search_dates(text, languages=["en"]) or []


def locate(text: str, found: list[tuple[str, datetime]]) -> list[Hit]:
    """Offsets of each hit: the next occurrence after the previous hit, else the first unused one.

    search_dates returns substrings, not offsets, and not always in text order; a hit whose
    substring cannot be found (never seen in practice) is dropped.
    """
    hits: list[Hit] = []
    used: set[int] = set()
    cursor = 0
    for sub, when in found:
        at = text.find(sub, cursor)
        if at < 0 or at in used:
            at = text.find(sub)
            while at >= 0 and at in used:
                at = text.find(sub, at + 1)
        if at < 0 or not sub:
            continue
        used.add(at)
        cursor = at + len(sub)
        hits.append(Hit(at, at + len(sub), sub, when.date().isoformat()))
    return sorted(hits)


def _when(hit: Hit, method: str) -> When:
    return When(
        value=hit.day,
        start=hit.day,
        end=hit.day,
        precision="day",
        text=hit.text,
        method=method,
        confidence=0.5,
    )


def baseline_document(doc_id: str, hits: list[Hit]) -> tuple[DocumentInfo, list[Event]]:
    """The baseline's view of one article: its publication date and one event per hit."""
    lead = [h for h in hits if h.start < LEAD_CHARS]
    info = DocumentInfo(
        doc_id=doc_id,
        path=f"{doc_id}.txt",
        published=_when(lead[0], "dateparser-first-hit") if lead else None,
    )
    events = [
        Event(
            event_id=f"bl-{doc_id}-{n}",
            type="other",
            title=h.text,
            when=_when(h, "dateparser"),
            status="occurred",
            citations=[Citation(doc_id=doc_id, start=h.start, end=h.end, quote=h.text)],
            confidence=0.5,
        )
        for n, h in enumerate(hits, 1)
    ]
    return info, events


def run_baseline(texts: Mapping[str, str]) -> BaselineRun:
    """Tag every text with search_dates (timed, after one untimed warm-up call) and build the
    baseline timeline and timexes from the hits."""
    search("Warm-up on 1 January 2000.")  # dateparser loads its language data on first use
    started = time.perf_counter()
    hits = {doc_id: locate(text, search(text)) for doc_id, text in texts.items()}
    seconds = time.perf_counter() - started
    docs: list[DocumentInfo] = []
    events: list[Event] = []
    timexes: dict[str, list[Timex]] = {}
    for doc_id, doc_hits in hits.items():
        info, doc_events = baseline_document(doc_id, doc_hits)
        docs.append(info)
        events.extend(doc_events)
        timexes[doc_id] = [
            Timex(start=h.start, end=h.end, text=h.text, type="DATE", value=h.day) for h in doc_hits
        ]
    return BaselineRun(
        Timeline(documents=docs, events=events), timexes, timing(len(texts), seconds)
    )


def timing(docs: int, seconds: float) -> Timing:
    """Seconds and documents per second, rounded for the report."""
    return Timing(
        docs=docs,
        seconds=round(seconds, 3),
        docs_per_second=round(docs / seconds, 2) if seconds > 0 else None,
    )
