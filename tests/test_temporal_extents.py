"""Extents and values of vague counts, ranges of lengths, a year's end and a hedged day or
clock time (issue #15)."""

from __future__ import annotations

from datetime import date

import pytest

from timex_helpers import span_texts
from unionstate_timeline.temporal.parse import parse_expression
from unionstate_timeline.temporal.resolve import resolve


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bus leaves in a few minutes.", ["a few minutes"]),
        ("Over the next couple of years the mill will close.", ["the next couple of years"]),
        ("Repairs take two to three weeks.", ["two to three weeks"]),
        ("Hiring resumes during the next 6 to 9 months.", ["the next 6 to 9 months"]),
        ("The fund hopes to reopen by year-end.", ["year-end"]),
        ("The fund hopes to reopen by year's end.", ["year's end"]),
        ("Talks should wrap up around March 3.", ["around March 3"]),
        ("The alarm went off around 6:40 a.m. on the ship.", ["around 6:40 a.m."]),
        ("The firm, which only months ago was broke, is hiring.", ["months ago"]),
        ("The lighthouse has stood for nearly a hundred years.", ["nearly a hundred years"]),
        ("The troops may stay for three more months.", ["three more months"]),
        ("Costs are spread over four years.", ["four years"]),
        ("The flight took over an hour.", ["over an hour"]),
        ("The timer rang after two minutes and a half.", ["two minutes and a half"]),
        ("No dividend is expected until 2031 or later.", ["2031 or later"]),
        ("Growth should return in 2027 and beyond.", ["2027 and beyond"]),
    ],
)
def test_extents_of_vague_and_hedged_expressions(blank, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, text) == expected


def test_a_hedge_before_a_possessive_date_stays_out(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "Lawyers tried to get around Friday's order.") == ["Friday"]


def test_a_range_of_ages_is_no_length(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "The riders were 20 to 30 years old.") == []


def test_a_decade_of_a_life_is_no_date(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "She took up painting in her 40s.") == []
    assert span_texts(blank, "Rents soared in the 70s.") == ["the 70s"]


def test_a_show_title_in_treebank_quotes_is_no_length(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "He was interviewed on ``Ten Minutes Live'' by the network.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("several years ago", "PAST_REF"),
        ("a few weeks ago", "PAST_REF"),
        ("months ago", "PAST_REF"),
        ("two to three weeks", "PXW"),
        ("the next couple of years", "P2Y"),
        ("year-end", "2004"),
        ("a dozen years", "P12Y"),
        ("nearly a hundred years", "P100Y"),
        ("twenty-two days", "P22D"),
    ],
)
def test_values_of_vague_counts(text: str, value: str) -> None:
    parse = parse_expression(text)
    assert parse is not None, text
    r = resolve(parse, date(2004, 5, 6), "none")
    assert r is not None and r.value == value


def test_a_lone_month_before_ago_is_no_expression() -> None:
    assert parse_expression("month ago") is None


def test_today_as_an_age_is_no_date(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "Music shapes today's youth more than books.") == []
    assert span_texts(blank, "Schools must teach the children of tomorrow.") == []
    assert span_texts(blank, "Today's hearing was moved.") == ["Today"]


def test_an_open_end_is_kept_on_the_date() -> None:
    parse = parse_expression("2031 or later")
    assert parse is not None and parse["mod"] == "ON_OR_AFTER" and parse["year"] == 2031
    assert parse_expression("two minutes or later") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The court adjourned at midday.", ["midday"]),
        ("By mid-morning the queue had gone.", ["mid-morning"]),
        ("Trading slowed at mid afternoon tomorrow.", ["mid afternoon tomorrow"]),
        ("She phoned yesterday evening.", ["yesterday evening"]),
        ("Jazz flourished in the twenties.", ["the twenties"]),
        ("Wages stalled in the early eighties.", ["the early eighties"]),
        ("It was the coldest winter of this century.", ["this century"]),
        ("Profits will suffer in the short term.", ["the short term"]),
        ("He retired in his seventies.", []),
        ("Long-term bonds fell.", []),
    ],
)
def test_times_of_day_decades_in_words_and_terms(blank, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("midday", "2004-05-06T12:00"),
        ("mid-afternoon yesterday", "2004-05-05TAF"),
        ("the nineties", "199"),
        ("the late twenties", "192"),
        ("this century", "20"),
        ("last century", "19"),
        ("the near term", "FUTURE_REF"),
    ],
)
def test_values_of_times_of_day_decades_and_centuries(text: str, value: str) -> None:
    parse = parse_expression(text)
    assert parse is not None, text
    r = resolve(parse, date(2004, 5, 6), "none")
    assert r is not None and r.value == value
