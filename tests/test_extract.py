"""Event mentions from single sentences: which date belongs to which event, status, actors."""

from __future__ import annotations

from datetime import date

import pytest

from unionstate_timeline.extract.document import extract
from unionstate_timeline.nlp.annotate import get_nlp
from unionstate_timeline.reading.document import make_document
from unionstate_timeline.temporal.anchor import anchor_document

pytestmark = pytest.mark.model


def events(text: str, dct: date | None = date(2019, 12, 10)):
    doc = make_document("d", "d.txt", text)
    x = extract(doc, get_nlp()(doc.body))
    whens = anchor_document(doc, x.timexes, dct=dct).whens
    return [
        (m.type, whens[m.timex].value if m.timex is not None and whens[m.timex] else None, m.status)
        for m in x.events
    ]


def dated(text: str, dct: date | None = date(2019, 12, 10)):
    return sorted((t, v, s) for t, v, s in events(text, dct) if v)


def values(found) -> list[str]:  # type: ignore[no-untyped-def]
    """The date values of `dated(...)`, in its order."""
    return [v for _, v, _ in found]


def test_extract_two_events_two_dates_in_one_sentence():
    assert dated(
        "The Treaty signed by the presidents on December 8, 1999, entered into force "
        "on January 26, 2000."
    ) == [
        ("treaty_in_force", "2000-01-26", "occurred"),
        ("treaty_signed", "1999-12-08", "occurred"),
    ]


def test_extract_agreement_dated_by_the_talks_it_followed():
    found = dated(
        "Following talks in the Kremlin on Thursday, September 9, the presidents "
        "agreed on 28 union programs.",
        dct=date(2021, 9, 9),
    )
    assert ("meeting", "2021-09-09", "occurred") in found
    assert ("agreement", "2021-09-09", "occurred") in found


def test_extract_agreeing_to_meet_is_a_planned_meeting_not_an_agreement_that_day():
    found = dated(
        "The two presidents agreed to continue dialogue on December 20.", dct=date(2019, 12, 8)
    )
    assert found == [("meeting", "2019-12-20", "planned")]


def test_extract_negated_plans_are_no_event():
    assert not [
        e for e in events("There are no plans to hold a meeting on Friday.") if e[0] == "meeting"
    ]


def test_extract_a_refusal_is_an_event_and_negates_only_what_was_refused():
    found = dated("The port authority refused on Monday to extend the lease.")
    assert found == [("other", "2019-12-09", "occurred")]
    assert dated("The port authority did not refuse the lease on Monday.") == []


def test_extract_a_possessive_date_after_for_dates_its_noun():
    # "for" governs the ceremony, not the day: Friday's ceremony is an event on Friday
    found = dated("The venue for Friday's ceremony was announced by the mayor.")
    assert ("other", "2019-12-06", "occurred") in found
    assert dated("The council approved a price for 2020.") == []  # "for 2020" still no date


def test_extract_a_past_plan_for_a_weekday_takes_the_nearest_one():
    # told on a Friday: the plan was made before the report, the march may be either side
    found = dated("Protesters were planning to march on Monday.", dct=date(2019, 12, 13))
    assert values(found) == ["2019-12-16"]
    found = dated("Protesters were planning to march on Thursday.", dct=date(2019, 12, 13))
    assert values(found) == ["2019-12-12"]


def test_extract_a_date_on_the_planning_verb_is_when_it_was_planned():
    # told on a Wednesday: "planned on Friday to ..." is last Friday's decision; the date on
    # the infinitive ("to pay on Friday") is the payment's, ahead
    dct = date(2019, 12, 11)
    assert dated("The ministry planned on Friday to pay the claims.", dct) == [
        ("other", "2019-12-06", "occurred")
    ]
    assert values(dated("The ministry planned to pay the claims on Friday.", dct)) == ["2019-12-13"]


def test_extract_a_denied_could_looks_back():
    # "could not be found Wednesday", told on a Thursday: last Wednesday; "could" alone is ahead
    dct = date(2019, 12, 12)
    assert [
        v for _, v, _ in dated("Neither the pilot nor the crew could be found Wednesday.", dct)
    ] == ["2019-12-11"]
    assert values(dated("The vote could be held on Monday.", dct)) == ["2019-12-16"]


def test_extract_a_trigger_word_inside_a_place_name_is_no_event():
    # "States" of "the United States" is not the verb "states": no statement here
    assert dated("The ship sailed to the United States in May.") == [
        ("other", "2019-05", "occurred")
    ]


def test_extract_after_a_date_is_not_on_that_date():
    found = dated("They may meet again after December 20.")
    assert ("meeting", "2019-12-20", "expected") not in found


def test_extract_statement_dated_only_by_its_own_clause():
    found = dated("Peskov told journalists on Tuesday that the leaders met in Sochi.")
    assert ("statement", "2019-12-10", "occurred") in found
    assert all(t != "meeting" for t, _, _ in found)  # "met" has no date of its own


def test_extract_future_tense_weekday_is_the_next_one():
    found = dated("Putin will visit Minsk on Friday.")
    assert found == [("visit", "2019-12-13", "planned")]


def test_extract_report_of_the_same_day():
    found = dated(
        "Putin has sent a telegram to Lukashenko, the Kremlin said on Sunday.",
        dct=date(2019, 12, 8),
    )
    assert ("message", "2019-12-08", "occurred") in found


def test_extract_past_perfect_report_inherits_nothing():
    found = dated("The sides had agreed on prices, Lukashenko said on Tuesday.")
    assert [t for t, _, _ in found] == ["statement"]


def test_extract_the_finer_of_two_side_by_side_dates():
    found = dated(
        "Two years ago, on 4 November 2021, the council approved 28 programmes.",
        dct=date(2023, 11, 4),
    )
    assert found == [("approval", "2021-11-04", "occurred")]


def test_extract_year_in_a_name_and_for_a_period_date_nothing():
    found = dated("The Union Resolve 2022 drills followed from February 10 to 20, 2022.")
    assert found == [("other", "2022-02-10/2022-02-20", "occurred")]
    assert dated("The council approved the budget for 2024.") == []


def test_extract_talks_in_a_circumstance_phrase_are_not_negated():
    found = dated(
        "The presidents failed to agree on prices during five hours of talks in Sochi on Saturday.",
        dct=date(2019, 12, 8),
    )
    assert ("meeting", "2019-12-07", "occurred") in found
    assert not [f for f in found if f[0] == "agreement"]


def test_extract_a_date_in_another_clause_dates_nothing_here():
    found = dated("Lukashenko met Putin, who took office in 2000, at the Independence Palace.")
    assert ("meeting", "2000", "occurred") not in found


def test_extract_a_period_on_a_noun_is_not_the_event_date():
    assert dated("The strategy to 2030 was approved by the government.") == []


def test_extract_a_headline_does_not_cut_the_next_sentence():
    doc = make_document("d", "d.txt", "Summit\n\nPutin and Lukashenko met in Sochi on December 7.")
    sents = [s.text.strip() for s in get_nlp()(doc.body).sents]
    assert "Putin and Lukashenko met in Sochi on December 7." in sents


def test_extract_being_in_a_city_that_day_is_a_visit_despite_the_main_clause():
    found = dated(
        "At a session on 4 November, Lukashenko regretted that his counterpart, who was "
        "in Sevastopol on that day, had not invited him.",
        dct=date(2021, 11, 5),
    )
    assert ("visit", "2021-11-04", "occurred") in found


def test_extract_a_present_arrangement_on_a_weekday_is_the_coming_one():
    # told on a Wednesday: a present simple, a present progressive or "be to" with a weekday
    # tells what is arranged, so Monday is next Monday, not the one before
    dct = date(2019, 12, 11)
    for text in (
        "The two envoys meet privately Monday with the trade commissioner.",
        "The tribunal is hearing the complaint Monday.",
        "The coastal ferries are to resume their service on Monday.",
    ):
        assert values(dated(text, dct)) == ["2019-12-16"], text


def test_extract_a_past_form_read_as_present_keeps_its_past_weekday():
    # "weakness hurt ... on Monday": a singular subject, so "hurt" is the past; and a past
    # schedule ("was to open Monday") is not moved ahead
    dct = date(2019, 12, 11)
    found = dated("Weakness in mining shares hurt the index on Monday.", dct)
    assert values(found) == ["2019-12-09"]
    assert "2019-12-16" not in values(dated("The bridge was to open Monday.", dct))


def test_extract_a_month_ahead_on_a_past_verb_is_last_year():
    # told in late October: a past happening "in December" or "on Dec. 3" was last December;
    # a schedule told in the past ("was moved to December") still lies ahead
    dct = date(2019, 10, 25)
    found = dated("The bakery chain switched its flour supplier in December.", dct)
    assert values(found) == ["2018-12"]
    found = dated("The old lighthouse was repainted on Dec. 3 by volunteers.", dct)
    assert values(found) == ["2018-12-03"]
    assert "2019-12" in values(dated("The village fair was moved to December.", dct))


def test_extract_a_noun_after_a_relational_preposition_keeps_off_the_clause_date():
    # the launch was decades earlier; the date belongs to the reaching
    found = dated(
        "Twenty years after its launch, the magazine in April reached a million readers.",
        dct=date(2019, 6, 1),
    )
    assert found and all(t != "launch" for t, _, _ in found)
    assert values(found) == ["2019-04"]
    # a date inside the noun's own phrase still dates it
    inside = dated(
        "Shortly after the vote on 3 March 2019, the council members went home.",
        dct=date(2019, 6, 1),
    )
    assert values(inside) == ["2019-03-03"]


def test_extract_a_date_on_the_figure_compared_with_dates_no_change():
    # the earlier date belongs to the figure the change is measured from, not to the change
    dct = date(2019, 11, 6)
    for text in (
        "Ticket sales at the zoo fell 12% to 40,000, from 45,500 a year earlier.",
        "The bakery is paying a bonus of 300 euros, up 20% from 250 euros a year ago.",
        "Exports of cheese grew to 8 tonnes from 5 tonnes last year.",
        "The harbour index lost 30 points, down 2% from the previous Friday.",
        "The ferry line carried 900 cars, compared with 700 cars a year earlier.",
    ):
        assert dated(text, dct) == [], text
    # the change's own date stays; so does a date on the compared event itself
    found = dated("The rate of the village bank fell to 2.1% last month from 2.4% in March.", dct)
    assert values(found) == ["2019-10"]
    found = dated("The council cut its fee to 4 euros from 5 euros on Friday.", dct)
    assert values(found) == ["2019-11-01"]
    found = dated(
        "The club reported a loss of 2 million pounds, compared with year-earlier profit "
        "of 1 million pounds.",
        dct,
    )
    assert [v[:4] for t, v, _ in found if t == "other"] == ["2018"]


def test_extract_a_present_tense_verb_takes_no_date_counted_back():
    # the date counted back from the report belongs to a noun the parser hung on the verb
    dct = date(2019, 11, 6)
    for text in (
        "The town council is still weighing a request last week from the fishermen's union.",
        "The new rule follows two court rulings last June.",
        "These figures compare with a loss of 3 million euros two years ago.",
    ):
        assert dated(text, dct) == [], text
    # a past or a present-tense verb with its own present date keeps it
    assert dated("The mayor visited the port last week.", dct) == [
        ("visit", "2019-W44", "occurred")
    ]
    assert dated("The mayor is visiting the port this week.", dct) == [
        ("visit", "2019-W45", "occurred")
    ]


def test_extract_a_speech_verb_or_a_pending_visit_inherits_no_date():
    dct = date(2019, 11, 8)
    # what was said is not when it was said
    found = dated(
        "The minister added that a signing ceremony would still be held at the summit "
        "on December 2.",
        dct,
    )
    assert found == [("meeting", "2019-12-02", "expected")]
    # a present after "until" tells what is ahead, not the day's news
    found = dated(
        "The mayor said on Friday that the council must wait until the inspector visits "
        "the bridge.",
        dct,
    )
    assert [t for t, _, _ in found] == ["statement"]
    # a present perfect reported that day still is
    found = dated("The mayor said on Friday that the inspector has visited the bridge.", dct)
    assert ("visit", "2019-11-08", "occurred") in found
