"""Resolution: parse + reference date (DCT) + tense -> TIMEX3 value, precision, start, end."""

from __future__ import annotations

from datetime import date

import pytest

from unionstate_timeline.temporal.parse import parse_expression
from unionstate_timeline.temporal.resolve import ImpossibleDate, Resolved, resolve
from unionstate_timeline.temporal.values import is_valid_value, span_of


def _r(
    text: str, dct: str | None = None, tense: str = "none", previous: Resolved | None = None
) -> Resolved | None:
    parse = parse_expression(text)
    assert parse is not None, text
    return resolve(parse, date.fromisoformat(dct) if dct else None, tense, previous)


def _v(
    text: str, dct: str | None = None, tense: str = "none", previous: Resolved | None = None
) -> str | None:
    r = _r(text, dct, tense, previous)
    if r is not None:
        assert is_valid_value(r.value), r.value
    return r.value if r else None


@pytest.mark.parametrize(
    ("text", "dct", "tense", "value"),
    [
        # weekdays across year ends: on or before the DCT in the past, on or after in the future
        ("Friday", "2020-01-01", "past", "2019-12-27"),
        ("on Friday", "2020-01-01", "none", "2019-12-27"),
        ("Friday", "2020-01-01", "future", "2020-01-03"),
        ("Sunday", "2019-12-08", "past", "2019-12-08"),
        ("Tuesday", "2019-12-10", "past", "2019-12-10"),
        ("Tuesday", "2019-12-11", "past", "2019-12-10"),
        ("Monday", "2019-12-31", "future", "2020-01-06"),
        ("next Monday", "2019-12-30", "none", "2020-01-06"),
        ("next Monday", "2019-12-31", "future", "2020-01-06"),
        ("next Friday", "2019-12-30", "none", "2020-01-03"),
        ("last Friday", "2020-01-03", "past", "2019-12-27"),
        ("last Friday", "2020-01-04", "past", "2020-01-03"),
        ("last Wednesday", "2021-01-01", "past", "2020-12-30"),
        ("Thursday, September 9", "2021-09-10", "past", "2021-09-09"),
        ("Sunday morning", "2019-12-10", "past", "2019-12-08TMO"),
    ],
)
def test_weekdays(text: str, dct: str, tense: str, value: str) -> None:
    assert _v(text, dct, tense) == value


@pytest.mark.parametrize(
    ("text", "dct", "value", "start", "end"),
    [
        ("this week", "2020-01-01", "2020-W01", "2019-12-30", "2020-01-05"),
        ("last week", "2020-01-01", "2019-W52", "2019-12-23", "2019-12-29"),
        ("next week", "2019-12-30", "2020-W02", "2020-01-06", "2020-01-12"),
        ("this month", "2019-12-15", "2019-12", "2019-12-01", "2019-12-31"),
        ("next month", "2019-12-15", "2020-01", "2020-01-01", "2020-01-31"),
        ("last month", "2020-01-15", "2019-12", "2019-12-01", "2019-12-31"),
        ("last month", "2020-03-31", "2020-02", "2020-02-01", "2020-02-29"),
        ("this year", "2019-12-10", "2019", "2019-01-01", "2019-12-31"),
        ("last year", "2020-01-15", "2019", "2019-01-01", "2019-12-31"),
        ("next year", "2019-12-31", "2020", "2020-01-01", "2020-12-31"),
        ("the end of the year", "2021-09-09", "2021", "2021-01-01", "2021-12-31"),
        ("the beginning of next year", "2021-09-09", "2022", "2022-01-01", "2022-12-31"),
        ("yesterday", "2020-01-01", "2019-12-31", "2019-12-31", "2019-12-31"),
        ("tomorrow", "2019-12-31", "2020-01-01", "2020-01-01", "2020-01-01"),
        ("today", "2020-02-29", "2020-02-29", "2020-02-29", "2020-02-29"),
        ("20 years ago", "2019-12-08", "1999", "1999-01-01", "1999-12-31"),
        ("three months ago", "2020-01-10", "2019-10", "2019-10-01", "2019-10-31"),
        ("a week ago", "2019-12-10", "2019-W49", "2019-12-02", "2019-12-08"),
        ("this decade", "2019-12-10", "201", "2010-01-01", "2019-12-31"),
    ],
)
def test_relative_to_dct(text: str, dct: str, value: str, start: str, end: str) -> None:
    r = _r(text, dct)
    assert r is not None
    assert (r.value, r.start, r.end) == (value, start, end)


def test_modifiers_stay_out_of_the_value() -> None:
    r = _r("the end of the year", "2021-09-09")
    assert r is not None and (r.value, r.mod, r.precision) == ("2021", "END", "year")
    r = _r("late fall", "2021-09-09", "future")
    assert r is not None and (r.value, r.mod, r.precision) == ("2021-FA", "END", "season")
    r = _r("the late fall", "2021-09-09", "future")
    assert r is not None and (r.value, r.mod) == ("2021-FA", "END")
    r = _r("early September", "2021-09-09")
    assert r is not None and (r.value, r.mod, r.precision) == ("2021-09", "START", "month")
    r = _r("mid-2020")
    assert r is not None and (r.value, r.mod) == ("2020", "MID")
    r = _r("the early 2000s")
    assert r is not None and (r.value, r.mod, r.precision) == ("200", "START", "decade")


@pytest.mark.parametrize(
    ("text", "dct", "tense", "value"),
    [
        # month/day without a year: past tense -> on or before the DCT, future -> on or after
        ("December 8", "2019-12-10", "past", "2019-12-08"),
        ("December 7", "2019-12-10", "none", "2019-12-07"),
        ("December 20", "2019-12-10", "future", "2019-12-20"),
        # a day a few weeks ahead said in the past tense is a schedule ("was moved to ...")
        ("December 20", "2019-12-10", "past", "2019-12-20"),
        ("January 5", "2019-12-10", "past", "2020-01-05"),
        ("March 20", "2019-12-10", "past", "2019-03-20"),
        ("February 25", "2019-12-10", "past", "2019-02-25"),
        ("December 20", "2019-12-10", "none", "2019-12-20"),
        ("January 5", "2019-12-10", "future", "2020-01-05"),
        ("December 30", "2020-01-02", "past", "2019-12-30"),
        ("December 30", "2020-01-02", "none", "2019-12-30"),
        ("February 29", "2021-03-01", "past", "2020-02-29"),
        ("February 29", "2023-06-01", "future", "2024-02-29"),
        ("4 November", "2021-11-05", "past", "2021-11-04"),
        ("Nov. 4", "2021-11-01", "future", "2021-11-04"),
        ("September", "2021-09-09", "past", "2021-09"),
        # a month just ahead said in the past tense is a schedule too ("were told to finish in
        # October"); three months or more ahead keeps the tense
        ("October", "2021-09-09", "past", "2021-10"),
        ("January", "2021-11-20", "past", "2022-01"),
        ("December", "2021-09-09", "past", "2020-12"),
        ("October", "2021-09-09", "future", "2021-10"),
        ("March", "2021-09-09", "future", "2022-03"),
        # no tense: the nearest one, across a year's end only a few months away
        ("November", "2021-01-09", "none", "2020-11"),
        ("April", "2021-12-09", "none", "2022-04"),
        ("June", "2021-12-09", "none", "2021-06"),
        ("August", "2021-01-09", "present", "2021-08"),
        ("January", "2021-10-29", "past", "2021-01"),
        ("the 9th", "2019-12-10", "past", "2019-12-09"),
        ("the 12th", "2019-12-10", "past", "2019-11-12"),
        ("the 5th", "2019-12-10", "future", "2020-01-05"),
        ("the 31st", "2019-11-10", "past", "2019-10-31"),
        ("Christmas", "2019-12-10", "future", "2019-12-25"),
        ("Christmas", "2020-01-10", "past", "2019-12-25"),
    ],
)
def test_partial_dates_by_tense(text: str, dct: str, tense: str, value: str) -> None:
    assert _v(text, dct, tense) == value


@pytest.mark.parametrize(
    ("text", "dct", "tense", "value"),
    [
        ("summer", "2021-09-15", "past", "2021-SU"),
        ("summer", "2021-09-15", "future", "2022-SU"),
        ("winter", "2021-01-15", "past", "2020-WI"),
        ("this winter", "2021-01-15", "none", "2020-WI"),
        ("this winter", "2020-12-15", "none", "2020-WI"),
        ("last winter", "2021-01-15", "none", "2019-WI"),
        ("last winter", "2021-03-15", "none", "2020-WI"),
        ("last summer", "2021-09-15", "none", "2021-SU"),
        ("next summer", "2021-09-15", "none", "2022-SU"),
        ("next spring", "2021-04-15", "none", "2022-SP"),
        ("the fall of 2021", None, "none", "2021-FA"),
        ("spring 2020", None, "none", "2020-SP"),
        ("the third quarter of 2021", None, "none", "2021-Q3"),
        ("Q3 2021", None, "none", "2021-Q3"),
        ("the first half of the year", "2021-09-09", "none", "2021-H1"),
        ("the second half of 2021", None, "none", "2021-H2"),
        ("the last quarter of the year", "2021-09-09", "none", "2021-Q4"),
        ("the last quarter", "2021-09-09", "none", "2021-Q2"),
        ("the 1990s", None, "none", "199"),
        ("the '90s", "2019-01-01", "none", "199"),
        ("the 90s", "2019-01-01", "none", "199"),
        ("the '20s", "2019-01-01", "none", "192"),
        ("the 19th century", None, "none", "18"),
        ("the twentieth century", None, "none", "19"),
    ],
)
def test_seasons_quarters_decades(text: str, dct: str | None, tense: str, value: str) -> None:
    assert _v(text, dct, tense) == value


def test_span_of_coarse_values() -> None:
    assert span_of("2021-FA") == ("2021-09-01", "2021-11-30")
    assert span_of("2019-WI") == ("2019-12-01", "2020-02-29")
    assert span_of("2021-Q3") == ("2021-07-01", "2021-09-30")
    assert span_of("2021-H2") == ("2021-07-01", "2021-12-31")
    assert span_of("199") == ("1990-01-01", "1999-12-31")
    assert span_of("18") == ("1800-01-01", "1899-12-31")
    assert span_of("2020-02") == ("2020-02-01", "2020-02-29")
    assert span_of("2021-02") == ("2021-02-01", "2021-02-28")
    assert span_of("2021-09/2022-12") == ("2021-09-01", "2022-12-31")
    assert span_of("XXXX-11-04") == (None, None)
    assert span_of("PXY") == (None, None)


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        ("2019–2020", None, "2019/2020"),
        ("1918-1920", None, "1918/1920"),
        ("2019-20", None, "2019/2020"),
        ("September–December 2021", None, "2021-09/2021-12"),
        ("September 2021 to December 2022", None, "2021-09/2022-12"),
        ("December 7-8, 2019", None, "2019-12-07/2019-12-08"),
        ("December 7–8", "2019-12-10", "2019-12-07/2019-12-08"),
        ("December 31, 2019 to January 2, 2020", None, "2019-12-31/2020-01-02"),
        ("between 2019 and 2021", None, "2019/2021"),
    ],
)
def test_intervals(text: str, dct: str | None, value: str) -> None:
    r = _r(text, dct, "past")
    assert r is not None and r.value == value
    assert r.start is not None and r.end is not None and r.start <= r.end


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("December 8, 1999", "1999-12-08", "day"),
        ("04.11.2021", "2021-11-04", "day"),
        ("2021-11-04", "2021-11-04", "day"),
        ("29 February 2020", "2020-02-29", "day"),
        ("In 2023", "2023", "year"),
        ("September 2021", "2021-09", "month"),
        ("4 November", "XXXX-11-04", "day"),
        ("Nov. 4", "XXXX-11-04", "day"),
        ("December", "XXXX-12", "month"),
        ("National Unity Day", "XXXX-11-04", "day"),
        ("the 9th", "XXXX-XX-09", "day"),
        ("this year", "XXXX", "year"),
        ("next month", "XXXX-XX", "month"),
        ("Tuesday", "XXXX-WXX-2", "day"),
        ("yesterday", "XXXX-XX-XX", "day"),
        ("late fall", "XXXX-FA", "season"),
        ("the third quarter", "XXXX-Q3", "quarter"),
    ],
)
def test_without_dct_nothing_is_filled_in(text: str, value: str, precision: str) -> None:
    r = _r(text, None, "past")
    assert r is not None and (r.value, r.precision) == (value, precision)
    assert is_valid_value(r.value)


@pytest.mark.parametrize(
    "text",
    [
        "29 February 2021",
        "31 February",
        "31 February 2020",
        "February 30",
        "2021-02-30",
        "30.02.2021",
        "13.13.2021",
        "2021-13-01",
        "April 31",
        "the 32nd",
    ],
)
@pytest.mark.parametrize("dct", [None, "2021-06-01"])
def test_impossible_dates_never_get_a_value(text: str, dct: str | None) -> None:
    parse = parse_expression(text)
    if parse is None:
        return
    with pytest.raises(ImpossibleDate):
        resolve(parse, date.fromisoformat(dct) if dct else None, "past")


def test_year_out_of_range_is_impossible() -> None:
    with pytest.raises(ImpossibleDate):
        resolve({"kind": "date", "year": 20019}, None)
    assert parse_expression("the year 20019") is None


def _day(value: str) -> Resolved:
    r = resolve(parse_expression(value) or {}, None)  # type: ignore[arg-type]
    assert r is not None
    return r


@pytest.mark.parametrize(
    ("text", "previous", "value"),
    [
        ("two days later", "December 30, 2019", "2020-01-01"),
        ("a day later", "February 28, 2020", "2020-02-29"),
        ("a day later", "February 28, 2021", "2021-03-01"),
        ("that day", "4 November", "XXXX-11-04"),
        ("the same day", "December 7, 2019", "2019-12-07"),
        ("the next day", "December 31, 2019", "2020-01-01"),
        ("the previous day", "January 1, 2020", "2019-12-31"),
        ("two years earlier", "December 7, 2019", "2017"),
        ("the following year", "December 7, 2019", "2020"),
        ("a month later", "January 31, 2020", "2020-02"),
        ("the following year", "2019", "2020"),
    ],
)
def test_anaphora_from_the_previous_anchor(text: str, previous: str, value: str) -> None:
    assert _v(text, "2021-06-01", "past", _day(previous)) == value


def test_anaphora_without_an_anchor_stays_unknown() -> None:
    assert _v("two days later") == "XXXX-XX-XX"
    assert _v("that day") == "XXXX-XX-XX"
    assert _v("the following year") == "XXXX"
    # a month anchor is not precise enough for "that day"
    assert _v("that day", None, "past", _day("September 2021")) == "XXXX-XX-XX"


def test_today_without_dct_follows_the_previous_day() -> None:
    assert _v("today", None, "past", _day("4 November")) == "XXXX-11-04"
    assert _v("today", "2019-12-10", "past", _day("4 November")) == "2019-12-10"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("20 years", "P20Y"),
        ("the past years", "PXY"),
        ("the past 20 years", "P20Y"),
        ("three months", "P3M"),
        ("hours-long", "PTXH"),
        ("centuries-old", "PXCE"),
        ("48 hours", "PT48H"),
        ("30 minutes", "PT30M"),
        ("two decades", "P2DE"),
        ("every year", "P1Y"),
        ("annually", "P1Y"),
        ("every Monday", "XXXX-WXX-1"),
        ("now", "PRESENT_REF"),
        ("in the near future", "FUTURE_REF"),
        ("recently", "PAST_REF"),
    ],
)
def test_durations_sets_refs(text: str, value: str) -> None:
    r = _r(text, "2019-12-10")
    assert r is not None and r.value == value
    assert r.start is None and r.end is None


def test_clock_times() -> None:
    assert _v("10 a.m.", "2019-12-10") == "2019-12-10T10:00"
    assert _v("3:30 p.m.") == "XXXX-XX-XXT15:30"


def test_explicit_dates_ignore_the_dct() -> None:
    for dct in (None, "2019-12-10", "1950-01-01"):
        for tense in ("past", "future", "none"):
            assert _v("December 8, 1999", dct, tense) == "1999-12-08"


def test_resolve_untensed_month_day_stays_in_the_report_year_unless_across_new_year():
    from datetime import date as _date

    from unionstate_timeline.temporal.resolve import resolve as _resolve

    assert (
        _resolve({"kind": "date", "month": 6, "day": 1}, _date(2019, 12, 8)).value == "2019-06-01"
    )
    assert (
        _resolve({"kind": "date", "month": 1, "day": 5}, _date(2019, 12, 28)).value == "2020-01-05"
    )


def test_offsets_keep_their_modifier_and_decades_count_years() -> None:
    r = _r("almost three years ago", "2021-06-01", "past")
    assert r is not None and (r.value, r.mod) == ("2018", "LESS_THAN")
    r = _r("more than two decades ago", "2021-06-01", "past")
    assert r is not None and (r.value, r.mod) == ("2001", "MORE_THAN")
    assert _v("a decade ago", "2021-06-01", "past") == "2011"


def test_clock_time_with_a_calendar_date() -> None:
    assert _v("4 p.m. PST June 2", "2021-05-20", "future") == "2021-06-02T16:00"
    assert _v("noon, March 3, 2020", "2021-05-20", "past") == "2020-03-03T12:00"


@pytest.mark.parametrize(
    ("text", "dct", "tense", "value"),
    [
        ("Thanksgiving", "2021-12-10", "past", "2021-11-25"),
        ("Thanksgiving Day", "2021-10-01", "future", "2021-11-25"),
        ("last Thanksgiving", "2021-11-20", "none", "2020-11-26"),
        ("Labor Day 2019", "2021-06-01", "none", "2019-09-02"),
        ("Memorial Day", "2021-05-01", "future", "2021-05-31"),
        ("Election Day", "2020-10-20", "none", "2020-11-03"),
    ],
)
def test_floating_holidays_fall_on_their_weekday(
    text: str, dct: str, tense: str, value: str
) -> None:
    assert _v(text, dct, tense) == value


def test_floating_holiday_without_year_or_dct_has_no_value() -> None:
    assert _r("Labor Day") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("3 1/2 years", "P3Y6M"), ("4 1/2 hours", "PT4H30M"), ("6 1/2 days", "P6DT12H")],
)
def test_a_length_and_a_half(text: str, value: str) -> None:
    assert _v(text) == value


def test_or_so_hedges_the_length() -> None:
    r = _r("the next three months or so")
    assert r is not None and (r.value, r.mod) == ("P3M", "APPROX")


def test_fractions_of_a_century_are_years() -> None:
    assert _v("a quarter-century") == "P25Y"
    r = _r("almost half a century")
    assert r is not None and (r.value, r.mod) == ("P50Y", "LESS_THAN")


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        ("the day before last Tuesday", "2019-12-12", "2019-12-09"),
        ("two days after March 5, 2020", "2021-01-01", "2020-03-07"),
        ("three weeks before 1 June 2018", "2021-01-01", "2018-05-11"),
        ("the day after Christmas", "2020-12-30", "2020-12-26"),
    ],
)
def test_a_day_counted_from_a_date_the_expression_gives(text: str, dct: str, value: str) -> None:
    assert _v(text, dct, "past") == value


def test_a_count_from_a_date_needs_its_number_and_a_day() -> None:
    assert parse_expression("days after March 5") is None  # how many days: not said
    assert parse_expression("the day after the election") is None  # no date to count from
    assert _v("the day after March 2020", "2021-01-01", "past") is None  # a month, not a day
