"""Anchor stage: the document date (DCT), then every temporal expression on the calendar.

DCT, in order of trust: manifest > dateline with a year > dateline month/day whose year the
text fixes (a weekday named for that day, an "Nth anniversary" of a year it mentions, the years
it mentions in past and future tense) > a weekday-dated lead ("Thursday, September 9") > a vote
across the corpus (other documents dating the same things) > unknown, with the candidates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from ..models import AnchoredDocument, DocExtraction, Document, Timex, TimexMention, When
from ..patterns import lexicon
from .resolve import ImpossibleDate, Resolved, is_calendar, resolve

YEAR_WINDOW = 40  # years after the latest year a text mentions that a DCT may fall in
MAX_CANDIDATES = 8  # listed in published_candidates
MIN_VOTES = 2  # dates another document confirms before a corpus vote decides


def _years(parse: dict[str, object]) -> list[int]:
    if parse.get("kind") == "interval":
        return _years(parse["left"]) + _years(parse["right"])  # type: ignore[arg-type]
    year = parse.get("year")
    return [year] if isinstance(year, int) and 1000 <= year <= 2999 else []


def year_bounds(mentions: Sequence[TimexMention]) -> tuple[int | None, int | None]:
    """(lowest, highest) year the DCT can have, from the years the text mentions by tense."""
    # "the budget for 2024" names a period, not a time the text was written after or before
    dated = [m for m in mentions if m.parse.get("relation") != "FOR"]
    past = [y for m in dated if m.tense == "past" for y in _years(m.parse)]
    future = [y for m in dated if m.tense == "future" for y in _years(m.parse)]
    low = max(past) if past else None
    high = min(future) if future else None
    if low is not None and high is not None and high < low:
        high = None
    return low, high


def _anniversaries(text: str) -> list[int]:
    words = lexicon()["ordinal_words"]
    out = []
    for m in re.finditer(
        r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary|\b([a-z-]+)\s+anniversary", text, re.IGNORECASE
    ):
        if m.group(1):
            out.append(int(m.group(1)))
        elif m.group(2).lower() in words:
            out.append(words[m.group(2).lower()])
    return out


def _window(low: int | None, high: int | None) -> range | None:
    if low is None and high is None:
        return None
    start = low if low is not None else high - YEAR_WINDOW  # type: ignore[operator]
    end = high if high is not None else start + YEAR_WINDOW
    return range(start, end + 1)


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _report_weekday(mentions: Sequence[TimexMention]) -> int | None:
    """The weekday a wire report names for its own day: "said on Sunday" under a "December 8"
    dateline. Weekdays of speech verbs come first; several different ones fix nothing."""
    plain = [
        m
        for m in mentions
        if m.parse.get("kind") == "date"
        and "weekday" in m.parse
        and "month" not in m.parse
        and "rel" not in m.parse
        and m.tense != "future"
    ]
    said = [m for m in plain if m.speech] or plain
    weekdays = {m.parse["weekday"] for m in said}
    return int(weekdays.pop()) if len(weekdays) == 1 else None  # type: ignore[call-overload]


def _ago_years(mentions: Sequence[TimexMention]) -> set[int]:
    """Years fixed by "two years ago, on 4 November 2021": the offset and the date side by side."""
    out: set[int] = set()
    for a, b in zip(mentions, mentions[1:], strict=False):
        for offset, dated in ((a, b), (b, a)):
            p = offset.parse
            if (
                p.get("kind") == "offset"
                and p.get("base") == "dct"
                and p.get("unit") == "Y"
                and isinstance(p.get("amount"), int)
                and _years(dated.parse)
                and 0 <= b.start - a.end <= 12
            ):
                out.add(_years(dated.parse)[0] + int(p["amount"]))  # type: ignore[call-overload]
    return out


def dct_candidates(doc: Document, mentions: Sequence[TimexMention]) -> tuple[list[date], str]:
    """Possible publication dates from the text alone, and the method that found them."""
    if doc.published_hint:
        try:
            return [date.fromisoformat(doc.published_hint[:10])], doc.published_source
        except ValueError:
            pass
    low, high = year_bounds(mentions)
    window = _window(low, high)
    month, day = doc.dateline_month, doc.dateline_day
    if month and day:
        if doc.dateline_year:
            found = _valid(doc.dateline_year, month, day)
            return ([found], "dateline") if found else ([], "dateline")
        if window is None:
            return [], "dateline"
        dates = [d for y in window if (d := _valid(y, month, day))]
        method = "dateline"
        w = _report_weekday(mentions)
        if w is not None:
            dates = [d for d in dates if d.weekday() == w]
            method += "+weekday"
            if not dates:  # the text contradicts every year the window allows: say unknown
                return [], method
        # an anniversary is of something that happened: years told in the past tense
        years = {y for m in mentions if m.tense == "past" for y in _years(m.parse)}
        for name, fixed in (
            ("anniversary", {y + n for n in _anniversaries(doc.body) for y in years}),
            ("ago", _ago_years(mentions)),
        ):
            if fixed & {d.year for d in dates}:
                dates = [d for d in dates if d.year in fixed]
                method += "+" + name
        return dates, method
    # no dateline: a lead dated by weekday + month + day fixes the day the report is about
    for m in mentions:
        p = m.parse
        if m.in_lead and p.get("kind") == "date" and {"weekday", "month", "day"} <= set(p):
            if "year" in p or m.tense == "future" or window is None:
                continue
            dates = [
                d
                for y in window
                if (d := _valid(y, int(p["month"]), int(p["day"])))  # type: ignore[call-overload]
                and d.weekday() == p["weekday"]
            ]
            return dates, "lead+weekday"
    return [], "unknown"


def _when(r: Resolved, text: str | None, dct_confidence: float) -> When:
    # only a value read off the document date inherits that date's doubt
    factor = dct_confidence if r.method.startswith("dct") else 1.0
    return When(
        value=r.value,
        start=r.start,
        end=r.end,
        precision=r.precision,  # type: ignore[arg-type]
        mod=r.mod,
        text=text,
        method=r.method,
        confidence=round(r.confidence * factor, 3),
    )


def resolve_all(
    mentions: Sequence[TimexMention],
    dct: date | None,
    dct_confidence: float = 1.0,
    bounds: tuple[int | None, int | None] = (None, None),
) -> tuple[list[When | None], list[str]]:
    """Resolve every mention in text order; anaphora ("that day") use the last day resolved."""
    whens: list[When | None] = []
    flags: list[str] = []
    previous: Resolved | None = None
    window = _window(*bounds)
    for m in mentions:
        parse = dict(m.parse)
        try:
            r = resolve(parse, dct, m.tense, previous)
            if (
                r is not None
                and dct is None
                and window is not None
                and r.value.startswith("XXXX")
                and "weekday" in parse
                and "day" in parse
            ):
                r = _year_from_weekday(parse, m.tense, window) or r
        except ImpossibleDate as exc:
            flags.append(f"{m.text!r} at {m.start}: {exc}")
            whens.append(None)
            continue
        except (ValueError, OverflowError, ArithmeticError) as exc:
            # one expression that leaves the calendar (or trips a parse) costs only itself
            flags.append(f"{m.text!r} at {m.start}: cannot be placed on the calendar ({exc})")
            whens.append(None)
            continue
        if r is None:
            whens.append(None)
            continue
        whens.append(_when(r, m.text, dct_confidence))
        if is_calendar(r.value) and r.precision == "day":
            previous = r
    return whens, flags


def _year_from_weekday(parse: dict[str, object], tense: str, window: range) -> Resolved | None:
    years = [
        y
        for y in window
        if (d := _valid(y, parse["month"], parse["day"]))  # type: ignore[arg-type]
        and d.weekday() == parse["weekday"]
    ]
    if len(years) != 1:
        return None
    r = resolve({**parse, "year": years[0]}, None, tense)
    if r is None:
        return None
    return Resolved(r.value, r.precision, r.mod, "weekday+years", 0.85, r.start, r.end)


def _build(
    doc: Document,
    mentions: Sequence[TimexMention],
    dct: date | None,
    method: str,
    confidence: float,
    candidates: list[date],
    note: str | None = None,
) -> AnchoredDocument:
    whens, flags = resolve_all(mentions, dct, confidence, year_bounds(mentions))
    published = None
    if dct is not None:
        published = When(
            value=dct.isoformat(),
            start=dct.isoformat(),
            end=dct.isoformat(),
            precision="day",
            method=method,
            confidence=confidence,
        )
    reason = "; ".join(filter(None, [doc.info.reason, note])) or None
    if flags:  # impossible dates are reported with the document, never placed
        reason = "; ".join(filter(None, [reason, "impossible dates: " + "; ".join(flags)]))
    info = doc.info.model_copy(
        update={
            "published": published,
            "published_candidates": [d.isoformat() for d in candidates[:MAX_CANDIDATES]]
            if dct is None
            else [],
            "reason": reason,
        }
    )
    timexes = [
        Timex(start=m.start, end=m.end, text=m.text, type=m.type, value=w.value, mod=w.mod)
        for m, w in zip(mentions, whens, strict=True)
        if w is not None
    ]
    # "this year" or "Tuesday" in a text with no date keeps its X value as a timex, but it puts
    # nothing on the calendar, so no event is dated by it
    whens = [None if w is not None and placeless(w.value) else w for w in whens]
    return AnchoredDocument(info=info, timexes=timexes, whens=whens, flags=flags)


def placeless(value: str) -> bool:
    """True for calendar values with no known digit of year, month or day ("XXXX", "XXXX-XX",
    "XXXX-WXX-2"): a timex, but no place on the calendar."""
    if not is_calendar(value) or not value.startswith("XXXX"):
        return False
    return value.startswith("XXXX-W") or not any(c.isdigit() for c in value)


_CONFIDENCE = {"manifest": 1.0, "dateline": 0.95, "lead+weekday": 0.7}


def anchor_document(
    doc: Document, mentions: Sequence[TimexMention], dct: date | None = None
) -> AnchoredDocument:
    """Anchor one document on its own (no corpus vote)."""
    if dct is not None:
        return _build(doc, mentions, dct, "given", 1.0, [])
    dates, method = dct_candidates(doc, mentions)
    if len(dates) == 1:
        return _build(doc, mentions, dates[0], method, _CONFIDENCE.get(method, 0.9), [])
    return _build(doc, mentions, None, method, 0.0, dates)


def _anchor_safely(x: DocExtraction) -> AnchoredDocument:
    """One document's anchoring; an unexpected failure leaves it undated, never the batch."""
    try:
        return anchor_document(x.doc, x.timexes)
    except Exception as exc:  # the safety net of the global stage
        note = f"dates not anchored: internal error {type(exc).__name__}: {exc}"
        return _build(x.doc, [], None, "unknown", 0.0, [], note)


def anchor_corpus(extractions: Sequence[DocExtraction]) -> list[AnchoredDocument]:
    """Anchor every document; documents left with several possible dates take the one under
    which their dates agree most with what the other documents date (a corpus vote)."""
    anchored = [_anchor_safely(x) for x in extractions]
    known: Counter[str] = Counter()
    for a in anchored:
        if a.info.published is not None:
            known.update({w.value for w in a.whens if w and w.precision == "day"})
    for i, x in enumerate(extractions):
        if anchored[i].info.published is not None:
            continue
        cands, method = dct_candidates(x.doc, x.timexes)  # all of them, not the listed few
        if len(cands) < 2:
            continue
        scores = []
        for dct in cands:
            whens, _ = resolve_all(x.timexes, dct)
            own = {w.value for w in whens if w and w.precision == "day" and w.method != "explicit"}
            scores.append((sum(1 for v in own if known[v]), dct))
        scores.sort(reverse=True)
        # two or more dates confirmed, and by no other candidate as much: one coincidence is not
        if scores[0][0] >= MIN_VOTES and scores[0][0] > scores[1][0]:
            anchored[i] = _build(x.doc, x.timexes, scores[0][1], method + "+corpus", 0.75, [])
    return anchored
