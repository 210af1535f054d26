"""The document's own date (DCT), weighed from evidence rather than taken from a cascade.

Every cue the page gives (reading/dates.py: metadata, header lines, labelled lines, bylines,
datelines, URLs) supports the days it names, with a weight from patterns/dates.json; what the
text says elsewhere confirms or contradicts them (the weekday a report names for its own day,
years told in past and future tense, "20th anniversary", "N years ago"). A day is taken only
when its support is strong and clearly above every other day's; otherwise the value stays
partial (the year, the month, or XXXX-MM-DD) or unknown, with the alternatives kept.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..models import DateCue, Document, PublishedCandidate, TimexMention
from ..patterns import dates as date_patterns
from ..patterns import lexicon

YEAR_WINDOW = 40  # years after the latest year a text mentions that a DCT may fall in


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
    # a text is not published after the day it is read: the only use of the clock
    return range(start, min(end, date.today().year) + 1)


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


def window_candidates(
    doc: Document,
    mentions: Sequence[TimexMention],
    month_day: tuple[int, int] | None,
    years: tuple[int | None, int | None],
) -> tuple[list[date], str]:
    """Days a month/day with no year (a dateline "MOSCOW, December 8") or a weekday-dated lead
    can be, within the years the text allows; and the constraints that narrowed them."""
    low, high = years
    window = _window(low, high)
    if month_day:
        month, day = month_day
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
        told = {y for m in mentions if m.tense == "past" for y in _years(m.parse)}
        for name, fixed in (
            ("anniversary", {y + n for n in _anniversaries(doc.body) for y in told}),
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


# --- weighing the cues ---------------------------------------------------------------------------


@dataclass
class DctDecision:
    """The document date a text supports: a day, or a partial value, or nothing."""

    day: date | None = None
    method: str = "unknown"
    confidence: float = 0.0
    partial: str | None = None  # TIMEX3 value when no day: "2020", "2020-08", "XXXX-12-08"
    candidates: list[date] = field(default_factory=list)  # the days still possible
    support: list[PublishedCandidate] = field(default_factory=list)
    years: tuple[int | None, int | None] = (None, None)  # bounds for resolving without a day
    stated: bool = False  # the candidates are readings of dates the page states (3/4/2021)


def _readings(cue: DateCue) -> list[date]:
    """The days a full-date cue can be; a written weekday must agree."""
    if cue.year is None or cue.month is None or cue.day is None:
        return []
    pairs = [(cue.month, cue.day)] + ([cue.alt] if cue.alt else [])
    days = [d for m, dd in pairs if (d := _valid(cue.year, m, dd))]
    if cue.weekday is not None:
        days = [d for d in days if d.weekday() == cue.weekday]
    return days


_NUMERIC = re.compile(r"^\s*(\d{1,2})([./-])(\d{1,2})\2")


def _page_order(cues: Sequence[DateCue]) -> dict[str, str]:
    """Day/month order per separator, from this page's numeric dates that settle it (a first
    number above 12 is a day)."""
    order: dict[str, set[str]] = defaultdict(set)
    for c in cues:
        m = _NUMERIC.match(c.text)
        if m and c.alt is None and c.month is not None:
            a = int(m.group(1))
            order[m.group(2)].add("dm" if a > 12 or (a == c.day and a != c.month) else "md")
    return {sep: next(iter(v)) for sep, v in order.items() if len(v) == 1}


def _settle(cue: DateCue, days: list[date], known: set[date], order: dict[str, str]) -> list[date]:
    """One reading of an ambiguous numeric date, when the page settles it."""
    if len(days) < 2:
        return days
    agreeing = [d for d in days if d in known]
    if len(agreeing) == 1:
        return agreeing
    m = _NUMERIC.match(cue.text)
    if m and m.group(2) in order:
        first = int(m.group(1))
        want = [d for d in days if (d.day if order[m.group(2)] == "dm" else d.month) == first]
        if len(want) == 1:
            return want
    return days


def _weigh(
    cues: Sequence[DateCue], mentions: Sequence[TimexMention], years: tuple[int | None, int | None]
) -> dict[date, tuple[float, list[str]]]:
    cfg = date_patterns()
    weights, factor = cfg["weights"], cfg["two_digit_year_factor"]
    support: dict[date, list[Any]] = defaultdict(lambda: [0.0, []])
    full = [(c, _readings(c)) for c in cues]
    known = {ds[0] for _, ds in full if len(ds) == 1}
    order = _page_order(cues)
    for cue, days in full:
        days = _settle(cue, days, known, order)
        w = weights[cue.kind] * (factor if cue.two_digit_year else 1.0) / max(len(days), 1)
        for d in days:
            support[d][0] += w
            support[d][1].append(cue.kind)
    low, high = years
    report = _report_weekday(mentions)
    for cue in cues:  # a month/day without a year supports the days with that month/day
        if cue.year is None and cue.month and cue.day:
            for d in support:
                if (d.month, d.day) == (cue.month, cue.day):
                    support[d][0] += weights[cue.kind] / 2
                    support[d][1].append(cue.kind)
    for d, entry in support.items():
        if report is not None and d.weekday() == report:
            entry[0] += cfg["weekday_support"]
            entry[1].append("weekday")
        # years told in past and future tense bound a year the page does not state; against a
        # written date they are weak ("was due in 2010" under a 2008 header), so only a tie-break
        if (low is not None and d.year < low) or (high is not None and d.year > high):
            entry[0] -= cfg["tense_tiebreak"]
            entry[1].append("-tense")
    return {d: (round(v[0], 3), v[1]) for d, v in support.items()}


def _method(kinds: list[str]) -> str:
    seen = list(dict.fromkeys(k for k in kinds if not k.startswith("-")))
    return "+".join(seen) or "unknown"


def _partial(days: Sequence[date], cues: Sequence[DateCue]) -> str | None:
    """What every remaining possibility shares: the year and month, the year, or month/day."""
    if days:
        if len({(d.year, d.month) for d in days}) == 1:
            return f"{days[0].year:04d}-{days[0].month:02d}" if len(days) > 1 else None
        if len({d.year for d in days}) == 1:
            return f"{days[0].year:04d}"
        if len({(d.month, d.day) for d in days}) == 1:
            return f"XXXX-{days[0].month:02d}-{days[0].day:02d}"
        return None
    for c in cues:
        if c.kind == "dateline" and c.month and c.day and c.year is None:
            return f"XXXX-{c.month:02d}-{c.day:02d}"
    years = {c.year for c in cues if c.year is not None and c.kind != "updated"}
    return f"{years.pop():04d}" if len(years) == 1 else None


def decide_dct(doc: Document, mentions: Sequence[TimexMention]) -> DctDecision:
    """Weigh every date cue of the document and take a day only on strong, clear evidence."""
    cfg = date_patterns()
    cues = doc.date_cues
    given = [c for c in cues if c.kind == "metadata" and _readings(c)]
    if given:  # the user's manifest or record says so; a page's own metadata is only weighed
        day = _readings(given[0])[0]
        return DctDecision(day, "manifest", 1.0, candidates=[day])
    years = year_bounds(mentions)
    scored = _weigh(cues, mentions, years)
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0]))
    support = [
        PublishedCandidate(value=d.isoformat(), support=s, cues=sorted(set(k)))
        for d, (s, k) in ranked
    ]
    if ranked:
        best, (top, kinds) = ranked[0]
        second = ranked[1][1][0] if len(ranked) > 1 else 0.0
        if top >= cfg["accept_support"] and top - second >= cfg["margin"]:
            confidence = min(0.99, 0.55 + 0.2 * top)
            return DctDecision(best, _method(kinds), round(confidence, 2), None, [best], support)
    # no full date settled: a month/day without a year, within the years the text allows
    strong = [d for d, (s, _) in ranked if s > 0]
    cue_years = {d.year for d in strong}
    bounds = (min(cue_years), max(cue_years)) if cue_years else years
    month_day = next(
        ((c.month, c.day) for c in cues if c.kind == "dateline" and c.year is None and c.month
         and c.day), None,
    )  # fmt: skip
    if not strong:
        days, method = window_candidates(doc, mentions, month_day, bounds)
        if len(days) == 1:
            conf = {"dateline": 0.95, "lead+weekday": 0.7}.get(method, 0.9)
            return DctDecision(days[0], method, conf, None, days, support, bounds)
        return DctDecision(None, method, 0.0, _partial(days, cues), days, support, bounds)
    return DctDecision(None, _method([k for d in strong for k in scored[d][1]]), 0.0,
                       _partial(strong, cues), strong, support, bounds, True)  # fmt: skip
