"""Resolve a parsed expression to a TIMEX3 value against a reference date and a tense.

Precision is kept as the text gives it: a month stays a month, a year a year. A missing year is
taken from the reference date only when there is one, chosen by tense (past: on or before it;
future: on or after it; none: the nearest); without a reference it stays `XXXX`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .days import SCHEDULE_MONTHS, floating_holiday, part_year, season_value, weekday_value
from .values import PRECISION_RANK, span_of

Parse = dict[str, Any]
NEAR_DAYS = 92  # "January 5" in a December 28 report is next year's; "June 1" is this year's
REPORTING_DAYS = 46  # results for a quarter come out in the six weeks after it ends
# a day a few weeks after the DCT said in the past tense is a schedule set in the past ("the
# offer was extended to March 3", "a dividend payable June 1", "ruled it must be done by May 2"),
# not the same day almost a year before, which a report would call "last March 3"
SCHEDULE_DAYS = 60
NEAR_MONTHS = 4  # with no tense, "in March" in a December report is the coming one
PARTS_OF_DAY = ("MO", "AF", "EV", "NI")
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# the half unit a "2 1/2 years" adds, in the next smaller unit ("P2Y6M", "PT5H30M")
HALF_UNIT = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "T12H", "H": "30M", "MIN": "30S"}


@dataclass(frozen=True)
class Resolved:
    value: str
    precision: str
    mod: str | None
    method: str
    confidence: float
    start: str | None = None
    end: str | None = None


class ImpossibleDate(ValueError):
    """The text names a date that does not exist (31 February, year 20019)."""


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _pick_year(month: int, day: int, ref: date, tense: str, weekday: int | None) -> int:
    """The year for a month/day seen on `ref`, by tense, then weekday, then nearness."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        if _valid_day(year, month, day):
            candidates.append(date(year, month, day))
    if weekday is not None:
        matching = [c for c in candidates if c.weekday() == weekday]
        if matching:
            candidates = matching
    if not candidates:
        raise ImpossibleDate(f"no day {day} in month {month}")
    if tense in ("past", "done"):
        # a plan told in the past may lie just ahead; what a past verb of happening dates not
        ahead = (
            [c for c in candidates if 1 < (c - ref).days <= SCHEDULE_DAYS]
            if tense == "past"
            else []
        )
        past = [c for c in candidates if c <= ref + timedelta(days=1)]
        candidates = ahead or past or candidates
    elif tense == "future":
        future = [c for c in candidates if c >= ref - timedelta(days=1)]
        candidates = future or candidates
    else:  # no tense: the report's own year, unless the date is just across a year's end
        near = [c for c in candidates if abs((c - ref).days) <= NEAR_DAYS]
        same = [c for c in candidates if c.year == ref.year]
        candidates = near or same or candidates
    return min(candidates, key=lambda c: (abs((c - ref).days), c > ref)).year


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _has_day(value: str) -> bool:
    """True when value names a month and day (the year may be X): an anchor for anaphora."""
    value = value.split("T", 1)[0]
    return len(value) == 10 and value[5:7].isdigit() and value[8:10].isdigit()


def _part_precision(p: Parse) -> str:
    return next(k for k in ("season", "quarter", "half") if k in p)


def _unanchored_part(p: Parse) -> str:
    if "season" in p:
        return f"XXXX-{p['season']}"
    if "quarter" in p:
        return f"XXXX-Q{p['quarter'] if p['quarter'] > 0 else 4}"
    if p["half"] not in (-1, 1, 2):
        raise ImpossibleDate("a year has two halves")
    return f"XXXX-H{p['half'] if p['half'] > 0 else 2}"


def _day_only(day: int, ref: date | None, tense: str) -> tuple[str, str, str]:
    """ "on the 9th": the month of the reference date, moved by tense."""
    if not 1 <= day <= 31:
        raise ImpossibleDate(f"no day {day}")
    if ref is None:
        return f"XXXX-XX-{day:02d}", "day", "unanchored"
    y, m = ref.year, ref.month
    if tense == "past" and day > ref.day:
        y, m = _shift_months(y, m, -1)
    elif tense == "future" and day < ref.day:
        y, m = _shift_months(y, m, 1)
    for _ in range(12):  # "the 31st" in a 30-day month: the nearest month that has one
        if _valid_day(y, m, day):
            return f"{y:04d}-{m:02d}-{day:02d}", "day", "dct+month"
        y, m = _shift_months(y, m, -1 if tense == "past" else 1)
    raise ImpossibleDate(f"no day {day}")


def _date_value(
    p: Parse, ref: date | None, tense: str, previous: Resolved | None = None
) -> tuple[str, str, str]:
    """(value, precision, method) of a 'date' parse."""
    year = p.get("year")
    if year is not None and not 1000 <= year <= 2999:
        raise ImpossibleDate(f"year {year} is out of range")
    method = "explicit"
    if "decade" in p:
        return f"{p['decade']:03d}", "decade", method
    if "century" in p:
        return f"{p['century']:02d}", "century", method
    if "decade_short" in p:
        if ref is None:
            return "XX" + str(p["decade_short"]), "decade", "unanchored"
        century = ref.year // 100
        decade = century * 10 + p["decade_short"]
        if decade * 10 > ref.year:
            decade -= 10
        return f"{decade:03d}", "decade", "dct+century"
    if "day_offset" in p:
        if ref is None:
            if previous is not None and previous.precision == "day" and _has_day(previous.value):
                # "But today he went there" in a text dated only by "on 4 November"
                return _offset(
                    {
                        "amount": abs(p["day_offset"]),
                        "unit": "D",
                        "base": "previous",
                        "sign": -1 if p["day_offset"] < 0 else 1,
                    },
                    None,
                    previous,
                )
            return "XXXX-XX-XX", "day", "unanchored"
        return (ref + timedelta(days=p["day_offset"])).isoformat(), "day", "dct+relative"
    if "floating" in p:
        return floating_holiday(p, ref, tense)
    if "rel_unit" in p:
        return _relative_unit(p, ref, tense)
    if "weekday" in p and "month" not in p:
        return weekday_value(p, ref, tense)
    if "day" in p and "month" not in p:
        return _day_only(p["day"], ref, tense)
    if "season" in p and year is None and ref is not None:
        return season_value(p, ref, tense)
    if year is None and ("month" in p or "season" in p or "quarter" in p or "half" in p):
        if ref is None:
            if "month" in p:
                day = p.get("day")
                if day is not None and not _valid_day(2000, p["month"], day):
                    raise ImpossibleDate(f"no day {day} in month {p['month']}")
                tail = f"-{day:02d}" if day else ""
                return f"XXXX-{p['month']:02d}{tail}", "day" if day else "month", "unanchored"
            return _unanchored_part(p), _part_precision(p), "unanchored"
        if "month" in p and p.get("rel") is not None and "year_rel" not in p:
            year = _relative_month_year(p["month"], p["rel"], ref, p.get("day"))
        elif "month" in p and p.get("day"):
            year = _pick_year(
                p["month"], p["day"], ref, _past_or_schedule(p, tense), p.get("weekday")
            )
        elif "year_rel" in p:
            year = ref.year + p["year_rel"]
        elif "month" in p:
            year = _pick_month_year(p["month"], ref, _past_or_schedule(p, tense))
        else:
            year = part_year(p, ref, tense)
        method = "dct+year"
    assert year is not None
    if "season" in p:
        return f"{year}-{p['season']}", "season", method
    if "quarter" in p:
        n = p["quarter"] if p["quarter"] > 0 else 4
        return f"{year}-Q{n}", "quarter", method
    if "half" in p:
        n = p["half"] if p["half"] > 0 else 2
        if n > 2:
            raise ImpossibleDate("a year has two halves")
        return f"{year}-H{n}", "half", method
    if "month" in p:
        month = p["month"]
        if not 1 <= month <= 12:
            raise ImpossibleDate(f"no month {month}")
        if p.get("day"):
            if not _valid_day(year, month, p["day"]):
                raise ImpossibleDate(f"no day {p['day']} in {year}-{month:02d}")
            return f"{year:04d}-{month:02d}-{p['day']:02d}", "day", method
        return f"{year:04d}-{month:02d}", "month", method
    return f"{year:04d}", "year", method


def _relative_month_year(month: int, rel: int, ref: date, day: int | None = None) -> int:
    """ "last June" ("last Oct. 23"): the latest June (Oct. 23) before the reference month
    (day); "next June": the first one after it; "this June": the reference year's."""
    if day and not _valid_day(2000, month, day):
        raise ImpossibleDate(f"no day {day} in month {month}")
    if rel == 0:
        return ref.year
    there, here = ((month, day), (ref.month, ref.day)) if day else ((month,), (ref.month,))
    step = -1 if rel < 0 else 1
    year = ref.year if (there < here if rel < 0 else there > here) else ref.year + step
    while day and not _valid_day(year, month, day):  # a 29 February: on to a leap year
        year += step
    return year


def _past_or_schedule(p: Parse, tense: str) -> str:
    """ "done" for a date on a past verb of happening ("changed it in December", set by the
    extract stage): past without the schedule window, which is for plans told in the past."""
    return "done" if tense == "past" and p.get("on_past_verb") else tense


def _pick_month_year(month: int, ref: date, tense: str) -> int:
    """The year of a month named without one: past tense, the latest one begun; future, the next
    one not ended; else the nearest, across a year's end only within NEAR_MONTHS."""
    if tense in ("past", "done"):
        ahead = (month - ref.month) % 12
        if 1 <= ahead <= SCHEDULE_MONTHS and tense == "past":
            return ref.year if month > ref.month else ref.year + 1
        return ref.year if month <= ref.month else ref.year - 1
    if tense == "future":
        return ref.year if month >= ref.month else ref.year + 1
    if month - ref.month >= 12 - NEAR_MONTHS:
        return ref.year - 1
    if ref.month - month >= 12 - NEAR_MONTHS:
        return ref.year + 1
    return ref.year


_UNKNOWN_UNIT = {
    "year": ("XXXX", "year"),
    "month": ("XXXX-XX", "month"),
    "week": ("XXXX-WXX", "week"),
    "weekend": ("XXXX-WXX-WE", "week"),
}


def _relative_unit(p: Parse, ref: date | None, tense: str = "none") -> tuple[str, str, str]:
    rel, unit = p.get("rel", 0), p["rel_unit"]
    if ref is None:
        if unit in _UNKNOWN_UNIT:
            value, precision = _UNKNOWN_UNIT[unit]
            return value, precision, "unanchored"
        raise LookupError("needs a reference date")
    if unit == "year":
        return f"{ref.year + rel:04d}", "year", "dct+relative"
    if unit == "month":
        y, m = _shift_months(ref.year, ref.month, rel)
        return f"{y:04d}-{m:02d}", "month", "dct+relative"
    if unit == "quarter":
        q = (ref.month - 1) // 3 + rel
        started = date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1)
        if p.get("reported") and (ref - started).days < REPORTING_DAYS:
            q -= 1  # early in a quarter, "the quarter" of a report is the one just ended
        y = p.get("in_year", ref.year + q // 4)
        return f"{y:04d}-Q{q % 4 + 1}", "quarter", "dct+relative"
    if unit == "decade":
        return f"{ref.year // 10 + rel:03d}", "decade", "dct+relative"
    if unit == "century":
        return f"{ref.year // 100 + rel:02d}", "century", "dct+relative"
    if p.get("by_tense") and tense == "past" and ref.weekday() < 5:
        rel -= 1  # "over the weekend", told on a weekday: the one just gone
    day = ref + timedelta(weeks=rel)
    iso = day.isocalendar()
    suffix = "-WE" if unit == "weekend" else ""
    return f"{iso[0]:04d}-W{iso[1]:02d}{suffix}", "week", "dct+relative"


_UNKNOWN_OFFSET = {"D": "XXXX-XX-XX", "W": "XXXX-XX-XX", "M": "XXXX-XX", "Y": "XXXX", "DE": "XXXX"}


def _anchor_fits(previous: Resolved, wanted: str) -> bool:
    """An anaphor ("that day", "a year later") needs a previous date at least that precise,
    with known digits where it counts."""
    v = previous.value
    if wanted == "day":
        return previous.precision == "day" and _has_day(v)
    if wanted == "month":
        return previous.precision in ("day", "month") and len(v) >= 7 and v[5:7].isdigit()
    return previous.precision in ("day", "month", "year") and v[:4].isdigit()


def _offset(p: Parse, ref: date | None, previous: Resolved | None) -> tuple[str, str, str]:
    amount, unit, sign = p.get("amount"), p["unit"], p["sign"]
    if not isinstance(amount, int):
        raise LookupError("vague amount")
    if p["base"] == "dct":
        if ref is None:
            raise LookupError("needs a reference date")
        base, method, known_year = ref, "dct+offset", True
    else:
        wanted = {"D": "day", "W": "day", "M": "month", "Y": "year", "DE": "year"}.get(unit)
        if wanted is None:
            raise LookupError("unit not placed on the calendar")
        if previous is None or not _anchor_fits(previous, wanted):
            if ref is not None and p.get("amount"):
                # "a year earlier" with no date before it in the text counts from the DCT
                return _offset({**p, "base": "dct"}, ref, None)
            return _UNKNOWN_OFFSET[unit], {"W": "day"}.get(unit, wanted), "unanchored"
        known_year = not previous.value.startswith("XXXX")
        # an interval ("June 29-30, 2019") anchors by its first day
        anchor = previous.value.split("/")[0].split("T")[0].replace("XXXX", "2000")
        parts = [int(x) for x in anchor.split("-")[:3]]
        # a 4 November with unknown year is placed in a leap year, so 29 February survives
        base = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        method = "anaphora"
        wanted = {"D": "day", "W": "day", "M": "month", "Y": "year", "DE": "year"}[unit]
        if wanted == "month" and previous.precision == "day":
            base = base.replace(day=1)
    delta = amount * sign
    if unit == "D":
        day = base + timedelta(days=delta)
        value, precision = day.isoformat(), "day"
    elif unit == "W":
        day = base + timedelta(weeks=delta)
        value, precision = day.isoformat(), "day"
        if p["base"] == "dct":
            iso = day.isocalendar()
            value, precision = f"{iso[0]:04d}-W{iso[1]:02d}", "week"
    elif unit == "M":
        y, m = _shift_months(base.year, base.month, delta)
        value, precision = f"{y:04d}-{m:02d}", "month"
    elif unit == "Y":
        value, precision = f"{base.year + delta:04d}", "year"
    elif unit == "DE":  # "a decade ago": the year ten years before, as "ten years ago" is
        value, precision = f"{base.year + 10 * delta:04d}", "year"
    else:
        raise LookupError("unit not placed on the calendar")
    if not known_year:
        value = "XXXX" + value[4:]
    return value, precision, method


def resolve(
    p: Parse, ref: date | None = None, tense: str = "none", previous: Resolved | None = None
) -> Resolved | None:
    """Resolve a parse; None when it cannot be placed (vague, or needs a missing reference).

    Raises ImpossibleDate for dates that do not exist.
    """
    kind = p["kind"]
    mod = p.get("mod")
    try:
        if kind == "date":
            value, precision, method = _date_value(p, ref, tense, previous)
        elif kind == "offset" and p["base"] == "inner":  # "the day before last Tuesday"
            inner = resolve(p["inner"], ref, tense, previous)
            if inner is None or inner.precision != "day" or "/" in inner.value:
                return None
            value, precision, _ = _offset({**p, "base": "previous"}, ref, inner)
            method = inner.method
        elif kind == "offset" and p["base"] == "dct" and not isinstance(p.get("amount"), int):
            # "several years ago": before the report, by how much the text does not say
            side = "PAST_REF" if p["sign"] < 0 else "FUTURE_REF"
            return Resolved(side, "unknown", mod, "ref", 0.9)
        elif kind == "offset":
            value, precision, method = _offset(p, ref, previous)
        elif kind == "interval":
            left = resolve(p["left"], ref, tense, previous)
            right = resolve(p["right"], ref, tense, previous)
            if left is None or right is None:
                return None
            if left.start and right.end and left.start > right.end:
                raise ImpossibleDate("interval ends before it starts")
            coarse = max((left, right), key=lambda r: PRECISION_RANK.get(r.precision, 0))
            return Resolved(
                f"{left.value}/{right.value}",
                coarse.precision,
                None,
                left.method if left.method != "explicit" else right.method,
                min(left.confidence, right.confidence),
                left.start,
                right.end,
            )
        elif kind in ("duration", "set", "ref", "time"):
            return _non_calendar(p, ref, previous)
        else:
            return None
    except LookupError:
        return None
    if p.get("tod") and precision == "day" and _has_day(value):
        value += f"T{p['tod']}"  # "Friday night": 1998-01-09TNI, still the day on the calendar
    start, end = span_of(value)
    confidence = {"explicit": 1.0, "unanchored": 0.5, "dct+year": 0.9, "anaphora": 0.8}.get(
        method, 0.85
    )
    return Resolved(value, precision, mod, method, confidence, start, end)


def _non_calendar(p: Parse, ref: date | None, previous: Resolved | None = None) -> Resolved | None:
    kind = p["kind"]
    if kind == "duration":
        amount = p.get("amount")
        unit = p["unit"]
        if unit == "WE":
            return None
        amount_text = str(amount) if isinstance(amount, int) else "X"
        prefix = "PT" if unit in ("H", "MIN") else "P"
        half = HALF_UNIT.get(unit, "") if p.get("half") else ""
        unit = "M" if unit == "MIN" else unit
        value = f"{prefix}{amount_text}{unit}{half}"
        return Resolved(value, "unknown", p.get("mod"), "duration", 0.9)
    if kind in ("set", "ref"):
        return Resolved(str(p["value"]), "unknown", None, kind, 0.9)
    clock = p.get("clock")
    if previous is not None and _has_day(previous.value) and previous.value[:4].isdigit():
        # "At 10:35 a.m. the blast ...": a clock time is on the day the story last named
        day = previous.value.split("/")[0][:10]
        return Resolved(f"{day}T{clock}", "day", None, "anaphora", 0.7, day, day)
    if ref is None:
        return Resolved(f"XXXX-XX-XXT{clock}", "unknown", None, "unanchored", 0.5)
    return Resolved(
        f"{ref.isoformat()}T{clock}", "day", None, "dct+time", 0.8, ref.isoformat(), ref.isoformat()
    )


def is_calendar(value: str) -> bool:
    """True for values that name a place on the calendar (not durations, sets or refs)."""
    if not value or value[0] not in "0123456789X":
        return False
    # a day with a part of the day ("1998-01-09TNI") is still that day; a clock time is not
    return "T" not in value or value.split("T", 1)[1] in PARTS_OF_DAY
