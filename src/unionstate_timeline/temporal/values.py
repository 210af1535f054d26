"""TIMEX3 values: the ISO days a value covers, and whether a string is a valid value."""

from __future__ import annotations

import calendar
import re
from datetime import date

_VALUE = re.compile(
    r"(?:\d{4}|XXXX)(?:-(?:\d{2}(?:-\d{2})?|Q[1-4]|H[12]|SP|SU|FA|WI|W\d{2}(?:-WE)?|XX(?:-XX)?))?"
    r"(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI|XX:XX))?"
    r"|XXXX-XX-\d{2}|XXXX-WXX(?:-WE)?|\d{3}|XX\d|\d{2}"
)
_OTHER = re.compile(
    r"P(?:T?(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|H|S|DE|CE|Q|WE))+|PRESENT_REF|PAST_REF|"
    r"FUTURE_REF|XXXX-WXX-[1-7]"
)
# Coarser precision, higher rank: merge keeps the lowest, diff calls a lower rank "more precise".
PRECISION_RANK = {
    "day": 1,
    "week": 2,
    "month": 3,
    "season": 4,
    "quarter": 4,
    "half": 5,
    "year": 6,
    "decade": 7,
    "century": 8,
    "unknown": 9,
}
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def is_valid_value(value: str) -> bool:
    """True when value is a TIMEX3 value this project emits (date, interval, duration, set, ref)."""
    if "/" in value:
        parts = value.split("/")
        return len(parts) == 2 and all(_VALUE.fullmatch(p) for p in parts)
    return bool(_VALUE.fullmatch(value) or _OTHER.fullmatch(value))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def span_of(value: str) -> tuple[str | None, str | None]:
    """First and last ISO day a calendar value covers; (None, None) when unknown."""
    if "/" in value:
        left, right = value.split("/", 1)
        return span_of(left)[0], span_of(right)[1]
    value = value.split("T", 1)[0]
    if not value or value.startswith("X") or not value[:3].isdigit():
        return None, None
    try:
        return _span(value)
    except ValueError:
        return None, None


def _span(value: str) -> tuple[str | None, str | None]:
    if len(value) == 3 and value.isdigit():
        y = int(value) * 10
        return date(y, 1, 1).isoformat(), date(y + 9, 12, 31).isoformat()
    if len(value) == 2 and value.isdigit():
        y = int(value) * 100
        return date(y, 1, 1).isoformat(), date(y + 99, 12, 31).isoformat()
    year = int(value[:4])
    rest = value[5:]
    if not rest:
        return date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    if rest in _SEASONS:
        a, b = _SEASONS[rest]
        end_year = year + 1 if rest == "WI" else year
        return (date(year, a, 1).isoformat(), date(end_year, b, _last_day(end_year, b)).isoformat())
    if rest[0] == "Q":
        q = int(rest[1])
        a, b = 3 * q - 2, 3 * q
        return date(year, a, 1).isoformat(), date(year, b, _last_day(year, b)).isoformat()
    if rest[0] == "H":
        a, b = (1, 6) if rest == "H1" else (7, 12)
        return date(year, a, 1).isoformat(), date(year, b, _last_day(year, b)).isoformat()
    if rest[0] == "W":
        week = int(rest[1:3])
        monday = date.fromisocalendar(year, week, 1)
        first = date.fromisocalendar(year, week, 6) if rest.endswith("WE") else monday
        return first.isoformat(), date.fromisocalendar(year, week, 7).isoformat()
    parts = rest.split("-")
    month = int(parts[0])
    if len(parts) == 1:
        return date(year, month, 1).isoformat(), date(
            year, month, _last_day(year, month)
        ).isoformat()
    day = date(year, month, int(parts[1])).isoformat()
    return day, day


def precision_of(value: str) -> str:
    """The precision a calendar value has by its shape."""
    v = value.split("/")[-1].split("T")[0]
    if len(v) == 3:
        return "decade"
    if len(v) == 2:
        return "century"
    if len(v) == 4:
        return "year"
    rest = v[5:]
    if rest in _SEASONS:
        return "season"
    if rest.startswith("Q"):
        return "quarter"
    if rest.startswith("H"):
        return "half"
    if rest.startswith("W"):
        return "week"
    return "day" if len(rest) == 5 else "month"
