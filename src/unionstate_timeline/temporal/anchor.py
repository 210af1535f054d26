"""Anchor stage: the document date (DCT), then every temporal expression on the calendar.

DCT, in order of trust: manifest > dateline with a year > dateline month/day whose year the
text fixes (a weekday named for that day, an "Nth anniversary" of a year it mentions, the years
it mentions in past and future tense) > a weekday-dated lead ("Thursday, September 9") > a vote
across the corpus (other documents dating the same things) > unknown, with the candidates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from ..models import AnchoredDocument, DocExtraction, Document, Timex, TimexMention, When
from ..runtime import collector_paused
from .dct import DctDecision, _valid, _window, decide_dct, year_bounds
from .resolve import ImpossibleDate, Parse, Resolved, is_calendar, resolve
from .values import span_of

MAX_CANDIDATES = 8  # listed in published_candidates
MIN_VOTES = 2  # dates another document confirms before a corpus vote decides
NEAR_DAYS = 45  # a month-day this close to a full date of the text takes its year
PERIOD_CHARS = 700  # a quarter named this far back (three or four sentences) is still the topic


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
    """Resolve every mention in text order; anaphora ("that day") use the last day resolved,
    and "a year ago" said of a quarter just named is that quarter a year before."""
    whens: list[When | None] = []
    flags: list[str] = []
    previous: Resolved | None = None
    coarse: Resolved | None = None  # the last day, month or year resolved, for "that year"
    period: tuple[Resolved, int] | None = None  # the last quarter named, with its offset
    window = _window(*bounds)
    for m in mentions:
        parse = dict(m.parse)
        try:
            r = None
            if period is not None and m.start - period[1] <= PERIOD_CHARS:
                r = same_period_back(parse, period[0])
            if r is None:
                r = resolve(parse, dct, m.tense, _anchor_for(parse, previous, coarse))
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
        if is_calendar(r.value) and r.precision in ("day", "month", "year"):
            coarse = r if r.value[:4].isdigit() else coarse
        # the quarter a report is about, not one counted back from it ("the year-ago quarter");
        # "for the nine months" turns the report to another period
        if parse["kind"] == "date" and r.precision == "quarter" and parse.get("rel", 0) == 0:
            if not _compared_year(parse, dct):
                period = (r, m.start) if r.value[:4].isdigit() else None
        elif parse["kind"] == "duration" and parse.get("unit") in ("M", "Y"):
            period = None
    if dct is None:
        _years_from_full_dates(whens)
    return whens, flags


def _years_from_full_dates(whens: list[When | None]) -> None:
    """With no document date, "August 5" takes its year from the full dates the text gives
    around it ("... August 4, 2020"): the one year whose full dates lie within NEAR_DAYS of
    it; none when no year or more than one fits (in place)."""
    full = [
        date.fromisoformat(w.value)
        for w in whens
        if w is not None and w.precision == "day" and len(w.value) == 10 and w.value[0] != "X"
    ]
    if not full:
        return
    for k, w in enumerate(whens):
        if w is None or not w.value.startswith("XXXX-") or len(w.value) != 10 or "X" in w.value[5:]:
            continue
        month, day = int(w.value[5:7]), int(w.value[8:10])
        fits = {
            y
            for y in {d.year for d in full}
            if (c := _valid(y, month, day)) and any(abs((c - d).days) <= NEAR_DAYS for d in full)
        }
        if len(fits) == 1:
            iso = _valid(fits.pop(), month, day).isoformat()  # type: ignore[union-attr]
            update = {"value": iso, "start": iso, "end": iso, "method": "year-from-text"}
            whens[k] = w.model_copy(update={**update, "confidence": 0.8})


def _anchor_for(p: Parse, previous: Resolved | None, coarse: Resolved | None) -> Resolved | None:
    """ "that year", "the following month" count from the last month or year named too, not
    only from the last day."""
    if p.get("anaphor") and p.get("unit") in ("M", "Y") and coarse is not None:
        return coarse
    return previous


def _compared_year(p: Parse, dct: date | None) -> bool:
    """ "the 1988 period", "the second quarter of 1988" in a 1989 report: the period compared
    with, not the one reported on (a year before it is no "a year earlier")."""
    year = p.get("in_year", p.get("year"))
    return year is not None and (dct is None or year != dct.year)


def same_period_back(p: Parse, period: Resolved) -> Resolved | None:
    """ "a year ago" / "a year earlier" said of a quarter just named ("third-quarter profit fell
    from a year ago"): the same quarter that many years before; None for any other parse."""
    if p["kind"] != "offset" or p["unit"] != "Y" or not isinstance(p.get("amount"), int):
        return None  # "last year" stays the year: said of a quarter, it is as often the year
    back = -p["sign"] * p["amount"]
    if back <= 0 or "-Q" not in period.value:
        return None
    year = int(period.value[:4]) - back
    value = f"{year:04d}{period.value[4:]}"
    start, end = span_of(value)
    return Resolved(value, "quarter", p.get("mod"), "anaphora+period", 0.75, start, end)


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


def _published(decision: DctDecision) -> When | None:
    if decision.day is not None:
        iso = decision.day.isoformat()
        return When(value=iso, start=iso, end=iso, precision="day", method=decision.method,
                    confidence=decision.confidence)  # fmt: skip
    if decision.partial is None:
        return None
    start, end = span_of(decision.partial)
    precision = {4: "year", 7: "month"}.get(len(decision.partial), "day")
    return When(value=decision.partial, start=start, end=end, precision=precision,  # type: ignore[arg-type]
                method=decision.method + "+partial", confidence=0.5)  # fmt: skip


def _build(
    doc: Document,
    mentions: Sequence[TimexMention],
    decision: DctDecision,
    note: str | None = None,
    *,
    timexes: bool = True,
) -> AnchoredDocument:
    dct, confidence = decision.day, decision.confidence
    low, high = year_bounds(mentions)
    if dct is None and decision.years != (None, None):
        low, high = decision.years
    whens, flags = resolve_all(mentions, dct, confidence, (low, high))
    reason = "; ".join(filter(None, [doc.info.reason, note])) or None
    if flags:  # impossible dates are reported with the document, never placed
        reason = "; ".join(filter(None, [reason, "impossible dates: " + "; ".join(flags)]))
    info = doc.info.model_copy(
        update={
            "published": _published(decision),
            "published_candidates": [d.isoformat() for d in decision.candidates[:MAX_CANDIDATES]]
            if dct is None
            else [],
            "published_support": decision.support[:MAX_CANDIDATES],
            "reason": reason,
        }
    )
    found = [
        Timex(start=m.start, end=m.end, text=m.text, type=m.type, value=w.value, mod=w.mod)
        for m, w in zip(mentions, whens, strict=True)
        if timexes and w is not None
    ]
    # "this year" or "Tuesday" in a text with no date keeps its X value as a timex, but it puts
    # nothing on the calendar, so no event is dated by it
    whens = [None if w is not None and placeless(w.value) else w for w in whens]
    return AnchoredDocument(info=info, timexes=found, whens=whens, flags=flags)


def placeless(value: str) -> bool:
    """True for calendar values with no known digit of year, month or day ("XXXX", "XXXX-XX",
    "XXXX-WXX-2"): a timex, but no place on the calendar."""
    if not is_calendar(value) or not value.startswith("XXXX"):
        return False
    return value.startswith("XXXX-W") or not any(c.isdigit() for c in value)


def anchor_document(
    doc: Document, mentions: Sequence[TimexMention], dct: date | None = None
) -> AnchoredDocument:
    """Anchor one document on its own (no corpus vote)."""
    if dct is not None:
        return _build(doc, mentions, DctDecision(dct, "given", 1.0, candidates=[dct]))
    return _build(doc, mentions, decide_dct(doc, mentions))


def _anchor_safely(x: DocExtraction) -> AnchoredDocument:
    """One document's anchoring; an unexpected failure leaves it undated, never the batch.
    The corpus path keeps no `timexes` list: merge reads only `info` and `whens` (at 10k
    documents the list was ~15 objects a document held to the end of the build)."""
    try:
        return _build(x.doc, x.timexes, decide_dct(x.doc, x.timexes), timexes=False)
    except Exception as exc:  # the safety net of the global stage
        note = f"dates not anchored: internal error {type(exc).__name__}: {exc}"
        return _build(x.doc, [], DctDecision(), note)


def anchor_corpus(extractions: Sequence[DocExtraction]) -> list[AnchoredDocument]:
    """Anchor every document; documents left with several possible dates take the one under
    which their dates agree most with what the other documents date (a corpus vote). For the
    merge: each AnchoredDocument has `info` and `whens`, and an empty `timexes`."""
    with collector_paused():
        return _anchor_corpus(extractions)


def _anchor_corpus(extractions: Sequence[DocExtraction]) -> list[AnchoredDocument]:
    anchored = [_anchor_safely(x) for x in extractions]
    known: Counter[str] = Counter()
    for a in anchored:
        # a document with its day confirms what it dates; any other, only the full dates it
        # writes out ("August 4, 2020" in an undated page)
        dated = _has_day(a)
        known.update(
            {
                w.value
                for w in a.whens
                if w and w.precision == "day" and (dated or w.method == "explicit")
            }
        )
    for i, x in enumerate(extractions):
        if _has_day(anchored[i]):
            continue
        try:
            decision = decide_dct(x.doc, x.timexes)
        except Exception:  # already reported by _anchor_safely
            continue
        cands = decision.candidates  # all of them, not the listed few
        if len(cands) < 2:
            continue
        scores = []
        for dct in cands:
            whens, _ = resolve_all(x.timexes, dct)
            own = {w.value for w in whens if w and w.precision == "day" and w.method != "explicit"}
            scores.append((sum(1 for v in own if known[v]), dct))
        scores.sort(reverse=True)
        # two or more dates confirmed, and by no other candidate as much: one coincidence is not;
        # between the readings of a date the page states (like 3/4/2021), one confirmation decides
        need = 1 if decision.stated and len(cands) == 2 else MIN_VOTES
        if scores[0][0] >= need and scores[0][0] > scores[1][0]:
            voted = DctDecision(scores[0][1], decision.method + "+corpus", 0.75,
                                support=decision.support)  # fmt: skip
            anchored[i] = _build(x.doc, x.timexes, voted, timexes=False)
    return anchored


def _has_day(a: AnchoredDocument) -> bool:
    p = a.info.published
    return p is not None and p.precision == "day" and p.start is not None
