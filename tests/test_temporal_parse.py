"""The temporal grammar: expression text -> calendar components (no reference date)."""

from __future__ import annotations

import pytest

from unionstate_timeline.temporal.parse import normalize_text, parse_expression


def _p(text: str) -> dict:
    parse = parse_expression(text)
    assert parse is not None, text
    return parse


@pytest.mark.parametrize(
    ("text", "year", "month", "day"),
    [
        ("December 8, 1999", 1999, 12, 8),
        ("December 8 1999", 1999, 12, 8),
        ("Dec. 8, 1999", 1999, 12, 8),
        ("Nov. 4", None, 11, 4),
        ("4 Nov", None, 11, 4),
        ("4 November", None, 11, 4),
        ("the 4th of November", None, 11, 4),
        ("9th September 2021", 2021, 9, 9),
        ("September 9th", None, 9, 9),
        ("March 3rd, 2021", 2021, 3, 3),
        ("04.11.2021", 2021, 11, 4),
        ("2021-11-04", 2021, 11, 4),
        ("20211104", 2021, 11, 4),
        ("[December] 20", None, 12, 20),
        ("on December 7,", None, 12, 7),
        ("29 February 2020", 2020, 2, 29),
        ("NOVEMBER 4", None, 11, 4),
    ],
)
def test_calendar_days(text: str, year: int | None, month: int, day: int) -> None:
    p = _p(text)
    assert p["kind"] == "date"
    assert (p.get("year"), p["month"], p["day"]) == (year, month, day)


@pytest.mark.parametrize(
    ("text", "weekday", "month", "day"),
    [
        ("Thursday, September 9", 3, 9, 9),
        ("Thursday September 9", 3, 9, 9),
        ("Monday, Dec. 9", 0, 12, 9),
        ("Wednesday, 3 March 2021", 2, 3, 3),
    ],
)
def test_weekday_and_day(text: str, weekday: int, month: int, day: int) -> None:
    p = _p(text)
    assert (p["weekday"], p["month"], p["day"]) == (weekday, month, day)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("September 2021", {"year": 2021, "month": 9}),
        ("December of 2022", {"year": 2022, "month": 12}),
        ("early September", {"month": 9, "mod": "START"}),
        ("mid-December", {"month": 12, "mod": "MID"}),
        ("the end of September", {"month": 9, "mod": "END"}),
        ("2021", {"year": 2021}),
        ("the year 2021", {"year": 2021}),
        ("fiscal 2021", {"year": 2021}),
        ("FY2021", {"year": 2021}),
        ("mid-2020", {"year": 2020, "mod": "MID"}),
        ("the end of 2021", {"year": 2021, "mod": "END"}),
        ("2021-11", {"year": 2021, "month": 11}),
    ],
)
def test_months_and_years(text: str, expected: dict) -> None:
    p = _p(text)
    assert p["kind"] == "date"
    assert {k: v for k, v in p.items() if k != "kind"} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the 1990s", {"decade": 199}),
        ("1990s", {"decade": 199}),
        ("the early 2000s", {"decade": 200, "mod": "START"}),
        ("the '90s", {"decade_short": 9}),
        ("the 19th century", {"century": 18}),
        ("the twentieth century", {"century": 19}),
        ("the 21st century", {"century": 20}),
        ("late fall", {"season": "FA", "mod": "END"}),
        ("the late fall", {"season": "FA", "mod": "END"}),
        ("the fall of 2021", {"season": "FA", "year": 2021}),
        ("spring 2020", {"season": "SP", "year": 2020}),
        ("2020 spring", {"season": "SP", "year": 2020}),
        ("this winter", {"season": "WI", "rel": 0}),
        ("last summer", {"season": "SU", "rel": -1}),
        ("the third quarter of 2021", {"quarter": 3, "year": 2021, "rel": 0}),
        ("Q3 2021", {"quarter": 3, "year": 2021, "rel": 0}),
        ("the first half of the year", {"half": 1, "rel": 0}),
        ("the second half of next year", {"half": 2, "rel": 1}),
        ("H2 2021", {"half": 2, "year": 2021, "rel": 0}),
        ("the last quarter of the year", {"quarter": -1, "rel": 0}),
    ],
)
def test_coarse_dates(text: str, expected: dict) -> None:
    p = _p(text)
    assert {k: v for k, v in p.items() if k != "kind"} == expected


@pytest.mark.parametrize(
    ("text", "unit", "rel", "mod"),
    [
        ("this year", "year", 0, None),
        ("last year", "year", -1, None),
        ("next year", "year", 1, None),
        ("this week", "week", 0, None),
        ("last week", "week", -1, None),
        ("next month", "month", 1, None),
        ("last month", "month", -1, None),
        ("the end of the year", "year", 0, "END"),
        ("by the end of the year", "year", 0, "END"),
        ("the beginning of next year", "year", 1, "START"),
        ("the end of this month", "month", 0, "END"),
        ("earlier this year", "year", 0, None),
        ("next weekend", "weekend", 1, None),
        ("last quarter", "quarter", -1, None),
        ("the last quarter", "quarter", -1, None),
    ],
)
def test_relative_units(text: str, unit: str, rel: int, mod: str | None) -> None:
    p = _p(text)
    assert (p["rel_unit"], p["rel"], p.get("mod")) == (unit, rel, mod)


@pytest.mark.parametrize(
    ("text", "weekday", "rel"),
    [
        ("Friday", 4, None),
        ("on Friday", 4, None),
        ("next Monday", 0, 1),
        ("last Friday", 4, -1),
        ("this Tuesday", 1, 0),
        ("Sunday", 6, None),
        ("Fri.", 4, None),
    ],
)
def test_weekdays(text: str, weekday: int, rel: int | None) -> None:
    p = _p(text)
    assert (p["weekday"], p.get("rel")) == (weekday, rel)


@pytest.mark.parametrize(
    ("text", "left", "right"),
    [
        ("2019–2020", {"year": 2019}, {"year": 2020}),
        ("1918-1920", {"year": 1918}, {"year": 1920}),
        ("2019 - 2020", {"year": 2019}, {"year": 2020}),
        ("2019-20", {"year": 2019}, {"year": 2020}),
        ("2010-11", {"year": 2010}, {"year": 2011}),
        ("from 2019 to 2021", {"year": 2019}, {"year": 2021}),
        ("between 2019 and 2021", {"year": 2019}, {"year": 2021}),
        (
            "September 2021 to December 2022",
            {"year": 2021, "month": 9},
            {"year": 2022, "month": 12},
        ),
        ("September–December 2021", {"year": 2021, "month": 9}, {"year": 2021, "month": 12}),
        (
            "December 7-8, 2019",
            {"year": 2019, "month": 12, "day": 7},
            {"year": 2019, "month": 12, "day": 8},
        ),
        ("December 7–8", {"month": 12, "day": 7}, {"month": 12, "day": 8}),
        (
            "December 31, 2019 to January 2, 2020",
            {"year": 2019, "month": 12, "day": 31},
            {"year": 2020, "month": 1, "day": 2},
        ),
    ],
)
def test_intervals(text: str, left: dict, right: dict) -> None:
    p = _p(text)
    assert p["kind"] == "interval"
    assert {k: v for k, v in p["left"].items() if k != "kind"} == left
    assert {k: v for k, v in p["right"].items() if k != "kind"} == right


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("October 6 and 9, 2011", {"year": 2011, "month": 10, "day": 6}),
        ("July 12 and 20", {"month": 7, "day": 12}),
    ],
)
def test_conjoined_days_are_not_an_interval(text: str, first: dict) -> None:
    # two days of one month joined by "and" are two dates; the span dates its first day
    p = _p(text)
    assert p["kind"] == "date"
    assert {k: v for k, v in p.items() if k != "kind"} == first
    assert _p(f"between {text}")["kind"] == "interval"


def test_conjoined_years_are_not_an_interval() -> None:
    assert parse_expression("2004 and 2007") is None
    assert _p("between 2004 and 2007")["kind"] == "interval"


@pytest.mark.parametrize(
    ("text", "amount", "unit", "sign", "base"),
    [
        ("20 years ago", 20, "Y", -1, "dct"),
        ("three months ago", 3, "M", -1, "dct"),
        ("a week ago", 1, "W", -1, "dct"),
        ("two days later", 2, "D", 1, "previous"),
        ("a day later", 1, "D", 1, "previous"),
        ("two years earlier", 2, "Y", -1, "previous"),
        ("that day", 0, "D", 1, "previous"),
        ("the same day", 0, "D", 1, "previous"),
        ("the next day", 1, "D", 1, "previous"),
        ("the following year", 1, "Y", 1, "previous"),
        ("the previous month", 1, "M", -1, "previous"),
    ],
)
def test_offsets(text: str, amount: int, unit: str, sign: int, base: str) -> None:
    p = _p(text)
    assert p["kind"] == "offset"
    assert (p["amount"], p["unit"], p["sign"], p["base"]) == (amount, unit, sign, base)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("20 years", 20, "Y"),
        ("three months", 3, "M"),
        ("the past years", "X", "Y"),
        ("the past 20 years", 20, "Y"),
        ("the past two decades", 2, "DE"),
        ("the last three weeks", 3, "W"),
        ("the next five years", 5, "Y"),
        ("several years", "X", "Y"),
        ("hours-long", "X", "H"),
        ("centuries-old", "X", "CE"),
        ("20-year-old", 20, "Y"),
        ("decades", "X", "DE"),
        ("48 hours", 48, "H"),
    ],
)
def test_durations(text: str, amount: int | str, unit: str) -> None:
    p = _p(text)
    assert p["kind"] == "duration"
    assert (p["amount"], p["unit"]) == (amount, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("every year", "P1Y"),
        ("each month", "P1M"),
        ("annually", "P1Y"),
        ("weekly", "P1W"),
        ("every Monday", "XXXX-WXX-1"),
        ("daily", "P1D"),
        ("each July", "XXXX-07"),
        ("each Feb. 14", "XXXX-02-14"),
        ("every summer", "XXXX-SU"),
    ],
)
def test_sets(text: str, value: str) -> None:
    assert _p(text) == {"kind": "set", "value": value}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("the moment", "PRESENT_REF"),
        ("at the moment", "PRESENT_REF"),
        ("the time being", "PRESENT_REF"),
        ("for the time being", "PRESENT_REF"),
        ("soon", "FUTURE_REF"),
        ("the near future", "FUTURE_REF"),
        ("in the near future", "FUTURE_REF"),
        ("recently", "PAST_REF"),
        ("previously", "PAST_REF"),
        ("the past", "PAST_REF"),
        ("In the past", "PAST_REF"),
    ],
)
def test_references(text: str, value: str) -> None:
    assert _p(text) == {"kind": "ref", "value": value}


@pytest.mark.parametrize(
    ("text", "month", "day"),
    [
        ("National Unity Day", 11, 4),
        ("Christmas", 12, 25),
        ("Christmas Eve", 12, 24),
        ("New Year's Eve", 12, 31),
        ("Victory Day", 5, 9),
    ],
)
def test_holidays(text: str, month: int, day: int) -> None:
    p = _p(text)
    assert (p["month"], p["day"], p.get("year")) == (month, day, None)


def test_day_words_and_clock() -> None:
    assert _p("yesterday") == {"kind": "date", "day_offset": -1}
    assert _p("today") == {"kind": "date", "day_offset": 0}
    assert _p("tomorrow") == {"kind": "date", "day_offset": 1}
    assert _p("the 9th") == {"kind": "date", "day": 9}
    assert _p("10 a.m.") == {"kind": "time", "clock": "10:00"}
    assert _p("3:30 p.m.") == {"kind": "time", "clock": "15:30"}
    assert _p("Sunday morning") == {"kind": "date", "weekday": 6, "tod": "MO"}


@pytest.mark.parametrize(
    "text",
    [
        "the year 20019",
        "20019",
        "",
        "   ",
        "hello",
        "We",
        "may be",
        "the meeting",
        "20th anniversary",
        "a days",
        "13:75 p.m.",
        "the",
        "x" * 200,
        "H3",
        "2019-2019",
        "2020-1999",
    ],
)
def test_not_expressions(text: str) -> None:
    assert parse_expression(text) is None


def test_normalize_text() -> None:
    assert normalize_text("  On [December]  20, ") == "on december 20"
    assert normalize_text("Russia’s") == "russia's"


def test_parse_is_cached() -> None:
    assert parse_expression("December 8, 1999") is parse_expression("December 8, 1999")


@pytest.mark.parametrize(
    "text", ["the last quarter of the year", "the last quarter of 2005", "this year's last quarter"]
)
def test_the_last_quarter_of_a_year_is_its_fourth(text: str) -> None:
    assert _p(text)["quarter"] == -1
