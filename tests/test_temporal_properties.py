"""Property tests: the grammar and the resolver never crash, and every value is well formed."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from unionstate_timeline.temporal.parse import parse_expression
from unionstate_timeline.temporal.resolve import SCHEDULE_DAYS, ImpossibleDate, Resolved, resolve
from unionstate_timeline.temporal.values import is_valid_value, span_of

WORDS = [
    "on",
    "in",
    "the",
    "of",
    "from",
    "to",
    "between",
    "and",
    "last",
    "next",
    "this",
    "early",
    "late",
    "mid",
    "end",
    "beginning",
    "year",
    "years",
    "month",
    "week",
    "day",
    "days",
    "ago",
    "later",
    "earlier",
    "that",
    "same",
    "following",
    "past",
    "quarter",
    "half",
    "first",
    "third",
    "century",
    "19th",
    "December",
    "Feb.",
    "February",
    "Sept",
    "Monday",
    "Friday,",
    "spring",
    "fall",
    "winter",
    "2019",
    "1999",
    "2020",
    "20019",
    "0",
    "00",
    "29",
    "30",
    "31",
    "32",
    "9th",
    "4",
    "13",
    "2019–2020",
    "1918-1920",
    "-",
    "–",
    "2021-02-29",
    "29.02.2021",
    "12/31/2019",
    "31/12/2019",
    "Q4",
    "H3",
    "'90s",
    "1990s",
    "today",
    "yesterday",
    "now",
    "every",
    "a",
    "two",
    "several",
    "hours-long",
    "10",
    "a.m.",
    "p.m.",
    "Christmas",
    "National",
    "Unity",
    "Day",
]
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
texts = st.one_of(phrases, st.text(max_size=40))
dcts = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
tenses = st.sampled_from(["past", "present", "future", "none"])
previous_values = st.sampled_from(
    [None, "2019-12-07", "XXXX-11-04", "2020-02-29", "2021-09", "2019", "XXXX-XX-XX", "XXXX-WXX-2"]
)


def _previous(value: str | None) -> Resolved | None:
    if value is None:
        return None
    precision = {10: "day", 7: "month", 4: "year"}.get(len(value), "day")
    start, end = span_of(value)
    return Resolved(value, precision, None, "explicit", 1.0, start, end)


def _check(r: Resolved | None) -> None:
    if r is None:
        return
    assert is_valid_value(r.value), r.value
    assert (r.start is None) == (r.end is None)
    if r.start is not None and r.end is not None:
        assert r.start <= r.end
        assert date.fromisoformat(r.start) and date.fromisoformat(r.end)
        assert (r.start, r.end) == span_of(r.value)


@settings(max_examples=200, deadline=None)
@given(texts, dcts, tenses, previous_values)
def test_parse_and_resolve_never_raise(
    text: str, dct: date | None, tense: str, previous: str | None
) -> None:
    parse = parse_expression(text)
    if parse is None:
        return
    try:
        r = resolve(parse, dct, tense, _previous(previous))
    except ImpossibleDate:
        return  # documented: anchor.resolve_all catches it and flags the expression
    _check(r)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)), dcts, tenses)
def test_written_days_resolve_to_themselves(day: date, dct: date | None, tense: str) -> None:
    for text in (
        f"{day:%B} {day.day}, {day.year}",
        f"{day.day} {day:%B} {day.year}",
        day.isoformat(),
        f"{day.day:02d}.{day.month:02d}.{day.year}",
    ):
        r = resolve(parse_expression(text) or {"kind": "none"}, dct, tense)
        assert r is not None and r.value == day.isoformat(), text
        _check(r)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.integers(1, 31), dcts, tenses)
def test_month_day_without_year_follows_the_tense(
    month: int, day: int, dct: date | None, tense: str
) -> None:
    text = f"{date(2000, month, 1):%B} {day}"
    try:
        r = resolve(parse_expression(text) or {}, dct, tense)
    except ImpossibleDate:
        assert not _exists_near(month, day, dct)
        return
    assert r is not None
    _check(r)
    if dct is None:
        assert r.value == f"XXXX-{month:02d}-{day:02d}"
        return
    resolved = date.fromisoformat(r.value)
    assert abs((resolved - dct).days) <= 366 * 2
    if tense == "past" and _exists_near(month, day, dct, before=True):
        # never a year ahead in the past; a few weeks ahead is a schedule set in the past
        assert resolved <= dct + _days(SCHEDULE_DAYS + 1)
    if tense == "future" and _exists_near(month, day, dct, after=True):
        assert resolved >= dct - _days(1)


def _days(n: int):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    return timedelta(days=n)


def _exists_near(
    month: int, day: int, dct: date | None, before: bool = False, after: bool = False
) -> bool:
    years = (2000,) if dct is None else (dct.year - 1, dct.year, dct.year + 1)
    found = []
    for y in years:
        try:
            found.append(date(y, month, day))
        except ValueError:
            continue
    if dct is not None and before:
        found = [d for d in found if d <= dct + _days(1)]
    if dct is not None and after:
        found = [d for d in found if d >= dct - _days(1)]
    return bool(found)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
    tenses,
)
def test_weekdays_land_on_that_weekday_within_a_week(dct: date, name: str, tense: str) -> None:
    for text, lo, hi in ((name, -6, 6), (f"last {name}", -7, -1), (f"next {name}", 1, 7)):
        r = resolve(parse_expression(text) or {}, dct, tense)
        assert r is not None
        day = date.fromisoformat(r.value)
        assert day.strftime("%A") == name
        assert lo <= (day - dct).days <= hi
        if text == name and tense == "past":
            assert day <= dct
        if text == name and tense == "future":
            assert day >= dct
