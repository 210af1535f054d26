"""Days and seasons found by rule rather than by number: a weekday from the reference date
and the tense, a floating holiday (the nth weekday of a month), a season without a year."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from .values import span_of

Parse = dict[str, Any]
# in an October report "was told to publish them in November" or "set a deadline of
# mid-December" is the coming month; a month (or a quarter's first month) further ahead
# keeps the tense
SCHEDULE_MONTHS = 2


def part_year(p: Parse, ref: date, tense: str) -> int:
    """The year of a quarter or a half named without one: the reference year, moved by "last"
    or "next"; in the past tense, one that begins after the schedule window is last year's
    ("announced a drop in profits for the fourth quarter", told in January)."""
    if p.get("rel") is not None:
        return ref.year + p["rel"]
    if tense not in ("past", "done"):
        return ref.year
    n = p.get("quarter", p.get("half"))
    if not isinstance(n, int):
        return ref.year
    if n <= 0:  # "the last quarter", "the second half": the year's last one
        n = 4 if "quarter" in p else 2
    first = (n - 1) * (3 if "quarter" in p else 6) + 1
    return ref.year - 1 if first > ref.month + SCHEDULE_MONTHS else ref.year


def season_value(p: Parse, ref: date, tense: str) -> tuple[str, str, str]:
    """A season without a year. "last"/"next": the latest one ended before / the first one
    starting after the reference; otherwise the one containing it, else chosen by tense.
    Winter starts in December: "this winter" in January began the year before."""
    code, rel, today = p["season"], p.get("rel"), ref.isoformat()
    spans = {}
    for y in range(ref.year - 2, ref.year + 3):
        a, b = span_of(f"{y:04d}-{code}")
        assert a is not None and b is not None
        spans[y] = (a, b)
    if rel == -1:
        year = max(y for y, (a, b) in spans.items() if b < today)
    elif rel == 1:
        year = min(y for y, (a, b) in spans.items() if a > today)
    else:
        inside = [y for y, (a, b) in spans.items() if a <= today <= b]
        if inside:
            year = inside[0]
        elif tense == "past":
            year = max(y for y, (a, b) in spans.items() if a <= today)
        elif tense == "future":
            year = min(y for y, (a, b) in spans.items() if b >= today)
        else:
            year = ref.year
    return f"{year:04d}-{code}", "season", "dct+relative" if rel else "dct+year"


def _nth_weekday(year: int, rule: list[int]) -> date:
    """The day of a floating holiday in a year: [month, weekday, n, from day], n = -1 the last."""
    month, weekday, nth, first = rule
    if nth < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    start = date(year, month, first)
    return start + timedelta(days=(weekday - start.weekday()) % 7 + 7 * (nth - 1))


def floating_holiday(p: Parse, ref: date | None, tense: str) -> tuple[str, str, str]:
    """ "Thanksgiving", "Labor Day 1998", "last Thanksgiving": the year given, else the one
    "last"/"next" or the tense points to from the reference date (past: the latest on or
    before it; future: the next; else the nearest); no reference, no year: no value."""
    if p.get("year") is not None:
        return _nth_weekday(p["year"], p["floating"]).isoformat(), "day", "explicit"
    if ref is None:
        raise LookupError("needs a reference date")
    days = [_nth_weekday(y, p["floating"]) for y in (ref.year - 1, ref.year, ref.year + 1)]
    rel = p.get("rel")
    if rel == -1:  # "last Thanksgiving": the latest one before the reference day
        day = max(d for d in days if d < ref)
    elif rel == 1:
        day = min(d for d in days if d > ref)
    elif tense == "past":
        days = [d for d in days if d <= ref] or days
        day = max(days)
    elif tense == "future":
        days = [d for d in days if d >= ref] or days
        day = min(days)
    else:
        day = min(days, key=lambda d: abs((d - ref).days))
    return day.isoformat(), "day", "dct+year"


def weekday_value(p: Parse, ref: date | None, tense: str) -> tuple[str, str, str]:
    if ref is None:
        return f"XXXX-WXX-{p['weekday'] + 1}", "day", "unanchored"
    target, rel = p["weekday"], p.get("rel")
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if rel == -1:
        day = ref - timedelta(days=back or 7)
    elif rel == 1:
        day = ref + timedelta(days=ahead or 7)
    elif tense == "future" or (tense == "near" and ahead < back):
        day = ref + timedelta(days=ahead)
    else:
        day = ref - timedelta(days=back)
    return day.isoformat(), "day", "dct+weekday"
