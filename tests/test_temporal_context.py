"""Detection and resolution that read the words around an expression: coordinated dates,
a possessive after a range, a quarter named in the past tense, "one day" on a modal verb."""

from __future__ import annotations

from datetime import date

import pytest

from timex_helpers import resolved_value, span_texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the second of two coordinated years or months is a date of its own
        ("The orchard flooded in 2003 and 2011.", ["2003", "2011"]),
        ("Repairs may start in 2024 or 2025.", ["2024", "2025"]),
        ("The ferry runs in July and August.", ["July", "August"]),
        # "both" is no part of the year it precedes
        ("Yields fell in both 2008 and 2009.", ["2008", "2009"]),
    ],
)
def test_temporal_context_coordinated_dates_are_two(blank, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, text) == expected


def test_temporal_context_coordinated_dates_resolve_each(blank) -> None:  # type: ignore[no-untyped-def]
    from unionstate_timeline.pipeline import tag

    found = tag("The orchard flooded in 2003 and 2011.", dct=date(2020, 5, 4), model="blank")
    assert [(t.text, t.value) for t in found] == [("2003", "2003"), ("2011", "2011")]


@pytest.mark.model
def test_temporal_context_between_two_years_stays_a_range() -> None:
    from unionstate_timeline.pipeline import tag

    found = tag("Prices doubled between 2001 and 2006.", dct=date(2020, 5, 4))
    assert [(t.text, t.value) for t in found] == [("between 2001 and 2006", "2001/2006")]


@pytest.mark.model
def test_temporal_context_to_a_possessive_date_is_no_range() -> None:
    from unionstate_timeline.pipeline import tag

    text = "After a slight downward revision Monday to July's numbers, the agency said output grew."
    found = tag(text, dct=date(2023, 9, 13))
    assert [(t.text, t.value) for t in found] == [("Monday", "2023-09-11"), ("July", "2023-07")]


def test_temporal_context_to_before_a_month_is_no_part_of_it(blank) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, "The hearing was moved to October.") == ["October"]


@pytest.mark.parametrize(
    ("text", "dct", "tense", "value"),
    [
        # a quarter or half named without a year, in the past tense: one not yet begun is
        # last year's ...
        ("the fourth quarter", "2022-01-20", "past", "2021-Q4"),
        ("the third quarter", "2022-02-10", "past", "2021-Q3"),
        ("the second half", "2022-03-02", "past", "2021-H2"),
        # ... unless it begins within the schedule window, or it has begun
        ("the second quarter", "2022-02-10", "past", "2022-Q2"),
        ("the first quarter", "2022-05-10", "past", "2022-Q1"),
        # other tenses, or a year the text gives, keep the report's year
        ("the fourth quarter", "2022-01-20", "future", "2022-Q4"),
        ("the fourth quarter", "2022-01-20", "none", "2022-Q4"),
        ("the fourth quarter of this year", "2022-01-20", "past", "2022-Q4"),
        ("last year's first half", "2022-01-20", "past", "2021-H1"),
    ],
)
def test_temporal_context_a_quarter_in_the_past_tense(
    text: str, dct: str, tense: str, value: str
) -> None:
    assert resolved_value(text, dct, tense) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the future" as a noun is a vague reference ahead, wherever it stands ...
        ("Growers feel uneasy about the future.", ["the future"]),
        ("Officials expect a deal in the near future.", ["the near future"]),
        # ... but not as an adjective, nor as the fate of something
        ("The charter sets the future shape of the council.", []),
        ("They argued over the future of the harbour.", []),
    ],
)
def test_temporal_context_the_future_as_a_noun(blank, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert span_texts(blank, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "one day" on a modal or before a bare verb is some day ahead, no length
        ("Her coach says she will one day win the title.", [("one day", "FUTURE_REF")]),
        ("The clinic stayed open for one day.", [("one day", "P1D")]),
        (
            "Strikes could last well into the future, the union warned.",
            [("the future", "FUTURE_REF")],
        ),
    ],
)
def test_temporal_context_a_day_ahead_unnamed(text: str, expected) -> None:  # type: ignore[no-untyped-def]
    from unionstate_timeline.pipeline import tag

    assert [(t.text, t.value) for t in tag(text, dct=date(2021, 6, 7))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind of day after a count is one length; without a count only "days" is one
        ("Refunds arrive within ten business days.", [("ten business days", "P10D")]),
        ("Shares slid for six trading days.", [("six trading days", "P6D")]),
        ("Volumes were thin in recent trading days.", [("days", "PXD")]),
    ],
)
def test_temporal_context_counted_days_of_one_kind(text: str, expected) -> None:  # type: ignore[no-untyped-def]
    from unionstate_timeline.pipeline import tag

    found = tag(text, dct=date(2021, 6, 7), model="blank")
    assert [(t.text, t.value) for t in found] == expected
