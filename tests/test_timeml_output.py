"""`timeline tag -f timeml`: well-formed TimeML whose TIMEX3s carry legal values, an interval
written as its two endpoints."""

from __future__ import annotations

from unionstate_timeline.evaluation.timeml import parse_timeml
from unionstate_timeline.models import Timex
from unionstate_timeline.outputs.timeml import timeml_timexes, to_timeml
from unionstate_timeline.temporal.values import is_valid_value


def _at(text: str, phrase: str, type_: str, value: str) -> Timex:
    start = text.index(phrase)
    return Timex(start=start, end=start + len(phrase), text=phrase, type=type_, value=value)  # type: ignore[arg-type]


def test_timeml_interval_becomes_two_endpoints():
    text = "The plan ran 1957-58 and from May 2003 to July 2004."
    timexes = [
        _at(text, "1957-58", "DATE", "1957/1958"),
        _at(text, "May 2003 to July 2004", "DATE", "2003-05/2004-07"),
    ]
    parts = timeml_timexes(timexes)
    assert [(p.text, p.value) for p in parts] == [
        ("1957", "1957"),
        ("58", "1958"),
        ("May 2003", "2003-05"),
        ("July 2004", "2004-07"),
    ]
    assert all(text[p.start : p.end] == p.text for p in parts)


def test_timeml_between_and_day_ranges_split_on_the_word():
    text = "Talks between 2019 and 2021 and on 2021-03-01 to 2021-03-04."
    timexes = [
        _at(text, "2019 and 2021", "DATE", "2019/2021"),
        _at(text, "2021-03-01 to 2021-03-04", "DATE", "2021-03-01/2021-03-04"),
    ]
    assert [p.text for p in timeml_timexes(timexes)] == ["2019", "2021", "2021-03-01", "2021-03-04"]


def test_timeml_output_parses_back_with_legal_values():
    text = "On 5 May & later, 2009–2010 <sic> was odd."
    timexes = [
        _at(text, "5 May", "DATE", "XXXX-05-05"),
        _at(text, "2009–2010", "DATE", "2009/2010"),
        _at(text, "later", "DATE", "not a value"),
    ]
    doc = parse_timeml(to_timeml(text, timexes))
    assert doc.text.strip() == text
    assert [(t.text, t.value) for t in doc.timexes] == [
        ("5 May", "XXXX-05-05"),
        ("2009", "2009"),
        ("2010", "2010"),
    ]
    assert all(is_valid_value(t.value) for t in doc.timexes)
