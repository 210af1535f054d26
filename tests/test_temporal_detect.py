"""Detection: the unionstate_timex component finds minimal spans with Matcher patterns (blank
pipeline) and, with the English model, the model's DATE/TIME entities too."""

from __future__ import annotations

from datetime import date

import pytest


def _spans(nlp, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return [(s.text, s.label_) for s in doc.spans["timex"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met on December 8, 1999, in Minsk.", [("December 8, 1999", "DATE")]),
        (
            "MOSCOW, December 8. /TASS/. The press service said on Sunday.",
            [("December 8", "DATE"), ("Sunday", "DATE")],
        ),
        ("MOSCOW, December 10./TASS/. Nothing new.", [("December 10", "DATE")]),
        (
            "Following talks on Thursday, September 9, they agreed.",
            [("Thursday, September 9", "DATE")],
        ),
        ("The session on 4 November was short.", [("4 November", "DATE")]),
        ("It opened Nov. 4 in Minsk.", [("Nov. 4", "DATE")]),
        ("Signed on 04.11.2021 and 2021-11-04.", [("04.11.2021", "DATE"), ("2021-11-04", "DATE")]),
        ("In 2019–2020, the talks centered on programs.", [("2019–2020", "DATE")]),
        ("the Civil War in 1918-1920 was long", [("1918-1920", "DATE")]),
        (
            "loans from September 2021 to December 2022 were given",
            [("September 2021 to December 2022", "DATE")],
        ),
        ("by the end of the year", [("the end of the year", "DATE")]),
        ("a visit in the late fall", [("the late fall", "DATE")]),
        ("progress over the past years", [("the past years", "DURATION")]),
        ("an hours-long meeting", [("hours-long", "DURATION")]),
        ("centuries-old traditions", [("centuries-old", "DURATION")]),
        ("no plans at the moment", [("the moment", "DATE")]),
        ("for the time being", [("the time being", "DATE")]),
        ("in the near future", [("the near future", "DATE")]),
        ("the cost rose 20 years ago", [("20 years ago", "DATE")]),
        ("Two days later they left.", [("Two days later", "DATE")]),
        ("who was in Sevastopol on that day", [("that day", "DATE")]),
        ("talks held last week and next month", [("last week", "DATE"), ("next month", "DATE")]),
        ("in the third quarter of 2021", [("the third quarter of 2021", "DATE")]),
        ("in the 1990s", [("the 1990s", "DATE")]),
        ("in the 19th century", [("the 19th century", "DATE")]),
        ("on National Unity Day", [("National Unity Day", "DATE")]),
        ("it is paid annually", [("annually", "SET")]),
        ("We may meet.", []),
        ("the 20th anniversary", []),
    ],
)
def test_blank_pipeline_spans(blank, text: str, expected: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert _spans(blank, text) == expected


def test_spans_are_minimal(blank) -> None:  # type: ignore[no-untyped-def]
    for text in ("on December 8, 1999,", "since 1999.", "In 2023,", "(in 2021)"):
        found = _spans(blank, text)
        assert len(found) == 1
        span = found[0][0]
        assert span[0].isalnum() and span[-1].isalnum(), span


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        (
            "MOSCOW, December 8. /TASS/. Putin said on Sunday.",
            date(2019, 12, 8),
            [("December 8", "2019-12-08"), ("Sunday", "2019-12-08")],
        ),
        (
            "Talks are scheduled for December 20. They met on December 7.",
            date(2019, 12, 10),
            [("December 20", "2019-12-20"), ("December 7", "2019-12-07")],
        ),
        ("In 2023, bilateral trade rose by 9.2%.", None, [("2023", "2023")]),
        (
            "The session was on 4 November. On that day he was in Sevastopol.",
            None,
            [("4 November", "XXXX-11-04"), ("that day", "XXXX-11-04")],
        ),
        ("It was agreed this year.", None, [("this year", "XXXX")]),
        ("The date is 31 February 2021.", None, []),
    ],
)
def test_tag_blank(text: str, dct: date | None, expected: list[tuple[str, str]]) -> None:
    from unionstate_timeline.pipeline import tag

    found = [(t.text, t.value) for t in tag(text, dct=dct, model="blank")]
    assert found == expected
    for t in tag(text, dct=dct, model="blank"):
        assert text[t.start : t.end] == t.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        (
            "Peskov told journalists on Tuesday that the talks will be held on Friday.",
            date(2019, 12, 10),
            [("Tuesday", "2019-12-10"), ("Friday", "2019-12-13")],
        ),
        (
            "The president said on Friday that he was pleased.",
            date(2020, 1, 1),
            [("Friday", "2019-12-27")],
        ),
        (
            "Putin and Lukashenko held an hours-long meeting in Sochi on December 7.",
            date(2019, 12, 10),
            [("hours-long", "PTXH"), ("December 7", "2019-12-07")],
        ),
        (
            "In 2022, Belarus will pay the same price for Russian gas as it did in 2021.",
            date(2021, 9, 9),
            [("2022", "2022"), ("2021", "2021")],
        ),
        (
            "The council will likely meet in the late fall.",
            date(2021, 9, 9),
            [("the late fall", "2021-FA")],
        ),
        # a weekday as a deadline lies ahead, unless the deadline had already passed
        (
            "The court postponed the hearing until Thursday.",
            date(2021, 9, 6),
            [("Thursday", "2021-09-09")],
        ),
        (
            "Nine firms had paid by Thursday.",
            date(2021, 9, 6),
            [("Thursday", "2021-09-02")],
        ),
        # a schedule told in the past perfect had run out: its weekday is the one gone by
        (
            "The lease had been due to lapse Saturday evening.",
            date(2021, 9, 6),
            [("Saturday evening", "2021-09-04TEV")],
        ),
        (
            "The ferry service had been scheduled to stop at noon Friday.",
            date(2021, 9, 6),
            [("noon Friday", "2021-09-03T12:00")],
        ),
    ],
)
def test_tag_with_model(text: str, dct: date, expected: list[tuple[str, str]]) -> None:
    from unionstate_timeline.pipeline import tag

    assert [(t.text, t.value) for t in tag(text, dct=dct)] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # a weekday on a noun ("the poll Wednesday", "Sunday's derby") dates that noun; the
        # clause's "will" is about its consequence, so the nearest such day is meant
        (
            "The outcome of the harbour poll Wednesday will reshape the town council.",
            date(2022, 5, 12),  # a Thursday: the poll was the day before
            [("Wednesday", "2022-05-11")],
        ),
        (
            "Sunday's derby will decide the title.",
            date(2022, 5, 12),  # the coming Sunday is three days away, the last one four
            [("Sunday", "2022-05-15")],
        ),
        # on the verb, the future tense still picks the coming day
        (
            "The council will vote Wednesday on the harbour plan.",
            date(2022, 5, 12),
            [("Wednesday", "2022-05-18")],
        ),
    ],
)
def test_tag_weekday_on_a_noun_is_the_nearest(text: str, dct: date, expected) -> None:
    from unionstate_timeline.pipeline import tag

    assert [(t.text, t.value) for t in tag(text, dct=dct)] == expected


def test_temporal_detect_a_name_s_year_is_no_timex() -> None:
    from unionstate_timeline.pipeline import tag

    found = tag(
        "Two defenders also made the Football Writers Team of the Year as reward for fine seasons."
    )
    assert not [t for t in found if "Year" in t.text]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plan, schedule or expectation held now puts its infinitive's date ahead
        ("The ferry service is set to resume Monday after repairs.", "2022-05-16"),
        ("The mill expects to finish the new kiln in January.", "2023-01"),
        # a past hope keeps the old reading: the day may have passed since
        ("The mayor hoped to open the bridge on Monday.", "2022-05-09"),
        # a date on a noun of the plan is that noun's own ("the February storm")
        ("The firm seeks to recover costs from the February storm.", "2022-02"),
        ("The pilot is to blame for the crash in January.", "2022-01"),
    ],
)
def test_tag_a_present_intention_looks_ahead(text: str, expected: str) -> None:
    from unionstate_timeline.pipeline import tag

    assert [t.value for t in tag(text, dct=date(2022, 5, 12))] == [expected]


@pytest.mark.model
def test_tag_last_quarter_alone_is_the_one_before() -> None:
    from unionstate_timeline.pipeline import tag

    found = tag("Sales rose in the last quarter, the bakery said.", dct=date(2007, 1, 18))
    assert [t.value for t in found] == ["2006-Q4"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("The mill burned down last Oct. 23, the owners said.", date(1999, 4, 19), "1998-10-23"),
        ("The ferry sank last June 5, the coast guard said.", date(1999, 6, 9), "1999-06-05"),
        ("The vote is set for next June 5, the council said.", date(1999, 6, 9), "2000-06-05"),
        ("The shop opened last Feb. 29, its owner said.", date(2003, 4, 19), "2000-02-29"),
    ],
)
def test_tag_last_or_next_with_a_month_day(text: str, dct: date, expected: str) -> None:
    from unionstate_timeline.pipeline import tag

    assert [t.value for t in tag(text, dct=dct)] == [expected]


@pytest.mark.model
def test_tag_a_quarter_of_something_else_is_no_date() -> None:
    from unionstate_timeline.pipeline import tag

    text = (
        "The harbour grew fast in the last quarter century. The visitors led until the last "
        "quarter of the game. Sales rose in the last quarter of this year."
    )
    found = [(t.text, t.value) for t in tag(text, dct=date(2021, 3, 9))]
    assert found == [("the last quarter of this year", "2021-Q4")]


@pytest.mark.model
def test_tag_a_perfect_progressive_looks_back() -> None:
    from unionstate_timeline.pipeline import tag

    text = "Divers have been searching the bay since shortly after the Oct. 23 collision."
    assert [t.value for t in tag(text, dct=date(1999, 5, 6))] == ["1998-10-23"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The minister, speaking on the "This Week" programme, said so.', []),
        ('He told the "Meet Me Next Year" podcast that he would stay.', []),
        ('"Today is a sad day," the mayor said.', [("Today", "DATE")]),
        ('She said: "We will meet next week."', [("next week", "DATE")]),
    ],
)
def test_temporal_detect_a_quoted_title_is_no_timex(  # type: ignore[no-untyped-def]
    blank, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _spans(blank, text) == expected


def test_temporal_detect_a_day_counted_from_a_date_is_one_span(blank) -> None:  # type: ignore[no-untyped-def]
    assert _spans(blank, "They met two days before March 5, 2020, in Minsk.") == [
        ("two days before March 5, 2020", "DATE")
    ]
    assert _spans(blank, "Prices rose before March 5.") == [("March 5", "DATE")]
