"""The temporal grammar's slots (last/this/next + month, reported quarters, hyphenated quarter
adjectives), parts of the day as TIMEX3 values, and look-alikes
that are not temporal expressions (ages, lone abbreviations, adjectives, the modal "may")."""

from __future__ import annotations

import pytest

from timex_helpers import resolved_value, span_texts
from unionstate_timeline.temporal.parse import parse_expression
from unionstate_timeline.temporal.resolve import is_calendar


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        # a month named relative to the report's month, whatever the verb's tense
        ("last March", "2011-07-19", "2011-03"),
        ("last March", "2011-02-10", "2010-03"),
        ("next March", "2011-02-10", "2011-03"),
        ("next March", "2011-07-19", "2012-03"),
        ("this October", "2011-02-10", "2011-10"),
        ("late last August", "2011-07-19", "2010-08"),
    ],
)
def test_temporal_relative_month_slots(text: str, dct: str, value: str) -> None:
    assert resolved_value(text, dct) == value


def test_temporal_late_last_month_keeps_its_modifier() -> None:
    parse = parse_expression("late last August")
    assert parse is not None and parse["mod"] == "END" and parse["rel"] == -1


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        ("second-quarter", "2007-08-20", "2007-Q2"),
        ("the fiscal third quarter", "2007-11-02", "2007-Q3"),
        # early in a quarter, the quarter a report speaks of is the one that just ended
        ("the quarter", "2007-07-25", "2007-Q2"),
        ("the latest quarter", "2007-08-10", "2007-Q2"),
        ("the quarter", "2007-09-20", "2007-Q3"),
        ("the current quarter", "2007-07-25", "2007-Q3"),
        ("next fiscal year", "2007-07-25", "2008"),
    ],
)
def test_temporal_quarter_and_fiscal_slots(text: str, dct: str, value: str) -> None:
    assert resolved_value(text, dct) == value


@pytest.mark.parametrize(
    ("text", "dct", "tense", "value"),
    [
        ("Tuesday evening", "2012-03-08", "past", "2012-03-06TEV"),
        ("this afternoon", "2012-03-08", "none", "2012-03-08TAF"),
        ("last night", "2012-03-08", "past", "2012-03-07TNI"),
        ("tonight", "2012-03-08", "none", "2012-03-08TNI"),
    ],
)
def test_temporal_parts_of_day_are_time_values(text: str, dct: str, tense: str, value: str) -> None:
    assert resolved_value(text, dct, tense) == value
    assert is_calendar(value)  # still a day on the calendar for events


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("A 9-year-old boy was found.", "9-year"),
        ("The man, 71 years old, was found.", "71 years"),
        ("Shares of Sun rose sharply.", "Sun"),
        ("Prices had risen as soon as trading opened.", "soon"),
    ],
)
def test_temporal_look_alikes_are_not_timexes(blank, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    assert absent not in " ".join(span_texts(blank, text))


def test_temporal_vague_lengths_stay_durations(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "centuries-old customs") == ["centuries-old"]
    assert span_texts(blank, "a meeting next Sun. was set") != []


def test_temporal_relative_month_is_found(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "Sales fell last March; third-quarter profit rose.") == [
        "last March",
        "third-quarter",
    ]


@pytest.mark.model
def test_temporal_set_word_as_adjective_is_not_a_timex() -> None:
    from unionstate_timeline.nlp.annotate import get_nlp

    nlp = get_nlp(None)
    assert "quarterly" not in span_texts(nlp, "The firm pays a quarterly dividend of 5 cents.")
    assert "monthly" in span_texts(nlp, "The committee meets monthly.")
    # a frequency adjective keeps its frequency
    assert "daily" in span_texts(nlp, "Her daily walk takes an hour.")
    assert "hourly" in span_texts(nlp, "The hourly wage went up.")
    assert "previously" not in span_texts(nlp, "A previously announced plan was dropped.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose earlier this week.", ["earlier this week"]),
        ("She will call later this afternoon.", ["later this afternoon"]),
        ("The plant closed almost three years ago.", ["almost three years ago"]),
        ("Bids are due by 4 p.m. PST June 2.", ["4 p.m. PST June 2"]),
        ("It lasted about five years.", ["five years"]),
        ("Sales in the nine months rose.", ["the nine months"]),
        ("Fewer people came in recent years.", ["recent years"]),
    ],
)
def test_temporal_extents_follow_timeml(blank, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, text) == expected


def test_temporal_length_modifiers_and_recent_past() -> None:
    about = parse_expression("about five years")
    assert about is not None and about["mod"] == "APPROX" and about["amount"] == 5
    up_to = parse_expression("up to 180 days")
    assert up_to is not None and up_to["mod"] == "EQUAL_OR_LESS"
    assert resolved_value("recent years", "2012-03-08") == "PAST_REF"
    assert resolved_value("the nine months", "2012-03-08") == "P9M"


def test_temporal_offset_without_an_earlier_date_counts_from_the_dct() -> None:
    assert resolved_value("a year earlier", "2012-03-08") == "2011"
    assert resolved_value("two days later", "2012-03-08") == "2012-03-10"


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        ("9 p.m. Monday", "2012-03-08", "2012-03-05T21:00"),
        ("noon EST Tuesday", "2012-03-08", "2012-03-06T12:00"),
        ("Wednesday, 7:45 a.m.", "2012-03-08", "2012-03-07T07:45"),
    ],
)
def test_temporal_clock_with_weekday_is_one_time(text: str, dct: str, value: str) -> None:
    assert resolved_value(text, dct, "past") == value


def test_temporal_clock_with_zone_is_found(blank) -> None:  # type: ignore[no-untyped-def]
    doc = blank("Polls close at 8 p.m. EST Tuesday in most states.")
    assert [(s.text, s.label_) for s in doc.spans["timex"]] == [("8 p.m. EST Tuesday", "TIME")]


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        ("year-earlier", "2007-08-02", "2006-Q2"),
        ("the year-ago quarter", "2007-10-30", "2006-Q3"),
        ("the latest period", "2007-10-30", "2007-Q3"),
        ("the year-earlier second quarter", "2007-10-30", "2006-Q2"),
        ("the 2006 fourth quarter", "2007-10-30", "2006-Q4"),
        ("the 2006 period", "2007-10-30", "2006-Q3"),
    ],
)
def test_temporal_year_ago_is_the_reported_quarter_a_year_before(
    text: str, dct: str, value: str
) -> None:
    assert resolved_value(text, dct) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nineteen eighty-four", "1984"),
        ("March nineteen sixty", "1960-03"),
        ("the year two thousand", "2000"),
        ("the summer of nineteen seventy-two", "1972-SU"),
    ],
)
def test_temporal_years_said_in_words(text: str, value: str) -> None:
    assert resolved_value(text, "2012-03-08") == value


def test_temporal_years_said_in_words_are_found_but_counts_are_not(blank) -> None:  # type: ignore[no-untyped-def]
    spans = span_texts(blank, "Nineteen people died in nineteen eighty-four; two thousand fled.")
    assert spans == ["nineteen eighty-four"]


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        ("June last year", "2012-03-08", "2011-06"),
        ("early October this year", "2012-03-08", "2012-10"),
        ("next year's second quarter", "2012-03-08", "2013-Q2"),
    ],
)
def test_temporal_month_or_quarter_of_a_relative_year(text: str, dct: str, value: str) -> None:
    assert resolved_value(text, dct) == value


def test_temporal_month_of_a_relative_year_is_one_span(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "They met in June last year.") == ["June last year"]


def test_temporal_patterns_of_function_words_are_tried(blank) -> None:  # type: ignore[no-untyped-def]
    # no month, unit or digit nearby: "past" itself must open a window for the Matcher
    assert span_texts(blank, "In the past, the river often flooded the valley towns.") == [
        "the past"
    ]


@pytest.mark.parametrize(
    ("tense", "value"),
    [("past", "2012-W10-WE"), ("future", "2012-W11-WE")],
)
def test_temporal_the_weekend_by_tense(tense: str, value: str) -> None:
    # told on Monday 12 March 2012: the weekend just gone, or the coming one
    assert resolved_value("the weekend", "2012-03-12", tense) == value


def test_temporal_rate_is_no_length(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "The fund pays out $5 million a day.") == []
    assert span_texts(blank, "Rents rose 3 percent a year.") == []
    assert span_texts(blank, "It took a year to finish.") == ["a year"]


def test_temporal_extent_leaves_about_out_and_fractions_are_no_quarters(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "The repair took about four days.") == ["four days"]
    assert span_texts(blank, "The wait was over a month.") == ["over a month"]
    assert span_texts(blank, "He sold three-quarters of the land.") == []
    assert span_texts(blank, "Profit rose for three quarters.") == ["three quarters"]


def test_temporal_part_of_a_day_is_a_date_a_clock_time_is_a_time(blank) -> None:  # type: ignore[no-untyped-def]
    doc = blank("They met on Monday evening and left at 6 p.m. on June 4, not this morning.")
    assert [(sp.text, sp.label_) for sp in doc.spans["timex"]] == [
        ("Monday evening", "DATE"),
        ("6 p.m. on June 4", "TIME"),
        ("this morning", "TIME"),
    ]


def test_temporal_quarter_of_a_named_year_keeps_its_article(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "Sales fell in the 2006 fourth quarter.") == [
        "the 2006 fourth quarter"
    ]
    assert span_texts(blank, "It was signed in the 1999 treaty.") == ["1999"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bank must wait at least ten days.", ["at least ten days"]),
        ("Margins shrank in the current fiscal year.", ["the current fiscal year"]),
        ("Analysts blamed the second-quarter slump on rain.", ["second-quarter"]),
    ],
)
def test_temporal_extents_of_bounds_and_adjectives(blank, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, text) == expected


def test_temporal_floating_holidays_are_found(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "Shops close on Thanksgiving Day and on Labor Day.") == [
        "Thanksgiving Day",
        "Labor Day",
    ]


def test_temporal_half_lengths_and_or_so_are_one_span(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "The trial lasted 3 1/2 weeks.") == ["3 1/2 weeks"]
    assert span_texts(blank, "Rates stay low for the next four months or so.") == [
        "the next four months or so"
    ]


def test_temporal_fraction_of_a_century_is_one_span(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "The feud outlived half a century of talks.") == ["half a century"]


def test_temporal_the_year_of_a_report(blank) -> None:  # type: ignore[no-untyped-def]
    doc = blank("Profit for the full year rose; in the year ended May 31 it fell.")
    assert [(sp.text, sp.label_) for sp in doc.spans["timex"]] == [
        ("the full year", "DATE"),
        ("the year", "DURATION"),
        ("May 31", "DATE"),
    ]
    assert span_texts(blank, "He moved in the year before the war.") == []
    assert resolved_value("the fiscal year", "2007-10-30") == "2007"
