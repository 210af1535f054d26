"""Publication-date cues of a page and how they are weighed (texts written for the tests)."""

from __future__ import annotations

from datetime import date

import pytest

from unionstate_timeline.reading.dates import read_date, text_cues, url_cues
from unionstate_timeline.reading.document import ManifestEntry, make_document
from unionstate_timeline.temporal.dct import decide_dct

BODY = (
    "The city council approved the new budget after a long debate that ran late into the "
    "night, officials said, and the mayor welcomed the vote.\n"
)


def published(text: str, **meta: str):
    doc = make_document("d", "d.txt", text, meta=ManifestEntry(**meta) if meta else None)
    decision = decide_dct(doc, [])
    return decision.day, decision.partial, decision.method


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Council passes budget\n\nMarch 4, 2021\n\n", date(2021, 3, 4)),
        ("Council passes budget\nThursday, 4 March, 2021, 17:06 GMT\n", date(2021, 3, 4)),
        ("Council passes budget\n\nPublished: 04 Mar 2021\n", date(2021, 3, 4)),
        ("Council passes budget\nPOSTED: Thursday, March 4, 2021\n\n", date(2021, 3, 4)),
        ("Council passes budget\n2021-03-04 14:05\n", date(2021, 3, 4)),
        ("Council passes budget\n\nBy Jane Roe  March 4, 2021 at 1:10 PM EST\n", date(2021, 3, 4)),
        ("Council passes budget\nCreated: 24/03/2021\n", date(2021, 3, 24)),
        ("March 4, 2021 | Springfield\nCouncil passes budget\n", date(2021, 3, 4)),
        ("Notice: Budget vote: 4 March 2021\n\n", date(2021, 3, 4)),
    ],
)
def test_reading_dates_header_forms(header: str, expected: date) -> None:
    day, _, _ = published(header + BODY)
    assert day == expected


def test_reading_dates_wire_dateline_with_year() -> None:
    day, _, method = published("SPRINGFIELD, March 4, 2021 (Wire) - " + BODY)
    assert day == date(2021, 3, 4) and method == "dateline"


def test_reading_dates_dateline_without_year_stays_partial() -> None:
    day, partial, _ = published("SPRINGFIELD, Sept. 14 (Wire) - " + BODY)
    assert day is None and partial == "XXXX-09-14"


def test_reading_dates_ambiguous_numeric_date_keeps_only_the_year() -> None:
    day, partial, _ = published("Council passes budget\n\n04.03.2021 14:05\n\n" + BODY)
    assert day is None and partial == "2021"


def test_reading_dates_page_order_settles_a_numeric_date() -> None:
    text = "Council passes budget\nUpdated: 04.03.2021 | Created: 24.03.2021\n\n" + BODY
    doc = make_document("d", "d.txt", text)
    decision = decide_dct(doc, [])
    assert decision.day == date(2021, 3, 24)
    # 24.03 shows the page writes day first, so 04.03 is 4 March, not 3 April
    assert [c.value for c in decision.support] == ["2021-03-24", "2021-03-04"]


def test_reading_dates_weekday_must_agree() -> None:
    # 4 March 2021 was a Thursday: a header that says Monday is not believed
    day, _, _ = published("Council passes budget\nMonday, March 4, 2021\n\n" + BODY)
    assert day is None


def test_reading_dates_a_date_in_the_story_is_not_a_cue() -> None:
    text = "Council passes budget\n\n" + BODY.replace("night,", "night of March 4, 2021,")
    assert text_cues(text) == []


def test_reading_dates_a_label_word_inside_a_sentence_is_the_story_verb() -> None:
    prose = (
        "Sales of electric bicycles doubled over the winter, according to survey results "
        "released March 4 by a cycling association that polled three hundred shops."
    )
    assert text_cues("Bicycle sales double\n\n" + prose + "\n") == []
    # a release line that opens the paragraph still dates the page
    opening = "For immediate release: March 4, 2021 - " + prose
    assert [c.kind for c in text_cues("Bicycle sales double\n\n" + opening + "\n")] == ["published"]


def test_reading_dates_a_title_about_a_past_date_is_not_a_cue() -> None:
    assert text_cues("Remembering the flood of 4 March 1921\n\n" + BODY) == []


def test_reading_dates_published_beats_updated() -> None:
    text = "Budget\nPublished: March 4, 2021\nUpdated: March 9, 2021\n\n" + BODY
    assert published(text)[0] == date(2021, 3, 4)


def test_reading_dates_two_unlabelled_dates_that_disagree_abstain() -> None:
    text = "Budget\n\nMarch 4, 2021\n\nMarch 9, 2021\n\n" + BODY
    day, partial, _ = published(text)
    assert day is None and partial == "2021-03"


def test_reading_dates_url_date() -> None:
    assert url_cues("https://news.example.org/2016/04/18/quake-hits/")[0].day == 18
    assert url_cues("https://example.org/world-20160418-quake")[0].month == 4
    assert url_cues("https://example.org/2016/04/quake")[0].day is None
    assert url_cues("https://example.org/item/12345678") == []
    day, _, method = published(BODY, url="https://news.example.org/2016/04/18/quake/")
    assert day is None  # a URL alone is a cue below the bar
    day, _, method = published("Budget\nApril 18\n\n" + BODY, url="https://x.org/2016/04/18/q/")
    assert day == date(2016, 4, 18) and "url" in method


def test_reading_dates_metadata_wins() -> None:
    day, _, method = published("Budget\nMarch 4, 2021\n\n" + BODY, published="2021-03-05")
    assert day == date(2021, 3, 5) and method == "manifest"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-04", date(2021, 3, 4)),
        ("2021-03-04T10:00:00Z", date(2021, 3, 4)),
        ("March 4, 2021", date(2021, 3, 4)),
        ("4 Mar 2021", date(2021, 3, 4)),
        ("24.03.2021", date(2021, 3, 24)),
        ("04.03.2021", None),
        ("31/02/2019", None),
        ("soon", None),
    ],
)
def test_reading_dates_read_date(value: str, expected: date | None) -> None:
    assert read_date(value)[0] == expected
