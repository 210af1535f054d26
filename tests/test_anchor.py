"""Document-date (DCT) inference and corpus vote, on hand-made mentions (no spaCy)."""

from __future__ import annotations

from datetime import date

from unionstate_timeline.models import DocExtraction, TimexMention
from unionstate_timeline.reading.document import make_document
from unionstate_timeline.temporal.anchor import anchor_corpus, anchor_document
from unionstate_timeline.temporal.dct import decide_dct
from unionstate_timeline.temporal.parse import parse_expression


def mention(text: str, start: int = 0, tense: str = "past", in_lead: bool = False) -> TimexMention:
    parse = parse_expression(text)
    assert parse is not None, text
    return TimexMention(
        start=start,
        end=start + len(text),
        text=text,
        type="DATE",
        parse=parse,
        tense=tense,
        in_lead=in_lead,
    )


def dct_candidates(d, ms):
    decision = decide_dct(d, ms)
    return decision.candidates, decision.method


def doc(text: str, **meta):
    from unionstate_timeline.reading.document import ManifestEntry

    return make_document("d", "d.txt", text, meta=ManifestEntry(**meta) if meta else None)


def test_anchor_dateline_weekday_and_anniversary_fix_the_year():
    d = doc(
        "MOSCOW, December 8. /TASS/. On the 20th anniversary of the treaty, officials "
        "said on Sunday that the treaty of December 8, 1999 mattered."
    )
    ms = [mention("Sunday"), mention("December 8, 1999"), mention("2000")]
    dates, method = dct_candidates(d, ms)
    assert dates == [date(2019, 12, 8)]
    assert method == "dateline+weekday+anniversary"


def test_anchor_dateline_weekday_alone_leaves_candidates():
    d = doc("MOSCOW, December 10. /TASS/. Peskov told journalists on Tuesday about 1999.")
    ms = [mention("Tuesday"), mention("1999")]
    anchored = anchor_document(d, ms)
    published = anchored.info.published
    assert published is not None and published.value == "XXXX-12-10"  # the day, not the year
    assert published.start is None
    assert "2019-12-10" in anchored.info.published_candidates
    assert "2013-12-10" in anchored.info.published_candidates


def test_anchor_lead_weekday_with_tensed_years():
    d = doc(
        "Talks\n\nFollowing talks on Thursday, September 9, the leaders agreed on things "
        "that matter a great deal for the integration of the two countries and more."
    )
    ms = [
        mention("Thursday, September 9", in_lead=True),
        mention("2021", tense="past"),
        mention("2022", tense="future"),
    ]
    dates, method = dct_candidates(d, ms)
    assert dates == [date(2021, 9, 9)] and method == "lead+weekday"


def test_anchor_manifest_wins():
    d = doc("MOSCOW, December 8. /TASS/. Text.", published="2020-01-02")
    assert dct_candidates(d, [])[0] == [date(2020, 1, 2)]


def test_anchor_no_clue_means_unknown_never_today():
    d = doc("Officials met on 4 November to discuss the union.")
    anchored = anchor_document(d, [mention("4 November")])
    assert anchored.info.published is None
    assert anchored.whens[0].value == "XXXX-11-04"


def test_anchor_given_dct_resolves_relative_dates():
    d = doc("He said on Tuesday the talks on December 20 will go ahead.")
    ms = [mention("Tuesday"), mention("December 20", tense="future")]
    anchored = anchor_document(d, ms, dct=date(2019, 12, 10))
    assert [w.value for w in anchored.whens] == ["2019-12-10", "2019-12-20"]


def test_anchor_corpus_vote_picks_the_year_other_documents_confirm():
    a = doc(
        "MOSCOW, December 8. /TASS/. On the 20th anniversary, the Kremlin said on Sunday "
        "that the leaders met on December 7 and will meet on December 20; the treaty dates "
        "from 1999."
    )
    a_ms = [
        mention("Sunday"),
        mention("December 7"),
        mention("December 20", tense="future"),
        mention("1999"),
    ]
    b = doc(
        "MOSCOW, December 10. /TASS/. Peskov said on Tuesday the leaders met on December 7 "
        "and will meet on December 20. The treaty dates from 1999."
    )
    b_ms = [
        mention("Tuesday"),
        mention("December 7"),
        mention("December 20", tense="future"),
        mention("1999"),
    ]
    anchored = anchor_corpus(
        [DocExtraction(doc=a, timexes=a_ms), DocExtraction(doc=b, timexes=b_ms)]
    )
    assert anchored[0].info.published.value == "2019-12-08"
    assert anchored[1].info.published.value == "2019-12-10"
    assert anchored[1].info.published.method.endswith("+corpus")


def test_anchor_one_coincidence_is_no_corpus_vote():
    a = doc(
        "MOSCOW, December 8. /TASS/. On the 20th anniversary, the Kremlin said on Sunday "
        "that the leaders met on December 7; the treaty dates from 1999."
    )
    a_ms = [mention("Sunday"), mention("December 7"), mention("1999")]
    b = doc("MOSCOW, December 10. /TASS/. Peskov said on Tuesday the leaders met on December 7.")
    b_ms = [mention("Tuesday"), mention("December 7"), mention("1999")]
    anchored = anchor_corpus(
        [DocExtraction(doc=a, timexes=a_ms), DocExtraction(doc=b, timexes=b_ms)]
    )
    assert anchored[1].info.published is not None and anchored[1].info.published.start is None


def test_anchor_impossible_date_is_flagged_not_placed():
    d = doc("The deal was signed on 31 February 2020.")
    anchored = anchor_document(d, [mention("31 February 2020")])
    assert anchored.whens == [None]
    assert anchored.flags and "31 February 2020" in anchored.flags[0]


def test_anchor_weekday_that_fits_no_year_means_unknown():
    d = doc("MINSK, 4 November (BelTA) - Officials told reporters on Saturday about 2023 plans.")
    ms = [mention("Saturday"), mention("2024", tense="future"), mention("2024")]
    dates, method = dct_candidates(d, ms)
    assert dates == [] and method == "dateline+weekday"


def test_anchor_speech_weekday_wins_over_event_weekday():
    d = doc(
        "MOSCOW, Dec 8 (Reuters) - Talks on Saturday failed, an official said on Sunday. "
        "The 20th anniversary of the 1999 treaty falls on Sunday."
    )
    talks = mention("Saturday")
    said = mention("Sunday").model_copy(update={"speech": True})
    dates, method = dct_candidates(d, [talks, said, mention("1999")])
    assert dates == [date(2019, 12, 8)]
    assert method == "dateline+weekday+anniversary"


def test_anchor_years_ago_beside_a_full_date_fixes_the_year():
    d = doc("MINSK, 4 November (BelTA) - Two years ago, on 4 November 2021, the council met.")
    ago = mention("Two years ago", start=30)
    full = mention("4 November 2021", start=47)
    dates, method = dct_candidates(d, [ago, full])
    assert dates == [date(2023, 11, 4)] and method.endswith("+ago")


def test_anchor_published_line_is_trusted():
    d = doc("Title\n\nPublished on 12 March 2024\n\nOn 29 January, the council met.")
    assert dct_candidates(d, [])[0] == [date(2024, 3, 12)]
    assert dct_candidates(d, [])[1] == "published"


def _values(texts: list[tuple[str, int]], dct: str) -> list[str | None]:
    from unionstate_timeline.temporal.anchor import resolve_all

    ms = []
    for text, sentence in texts:
        m = mention(text, start=sentence * 150)
        ms.append(m.model_copy(update={"sent_start": sentence * 150}))
    whens, _ = resolve_all(ms, date.fromisoformat(dct))
    return [w.value if w else None for w in whens]


def test_anchor_year_back_from_a_quarter_just_named_is_that_quarter():
    # a results report: the second quarter, then "a year earlier" in the next sentence
    assert _values([("the second quarter", 0), ("a year earlier", 1)], "2011-08-04") == [
        "2011-Q2",
        "2010-Q2",
    ]
    # two years back keeps the quarter; the answer itself is no new period to count from
    assert _values(
        [("the first quarter", 0), ("two years ago", 0), ("a year ago", 1)], "2011-05-04"
    ) == ["2011-Q1", "2009-Q1", "2010-Q1"]


def test_anchor_year_back_without_a_recent_quarter_counts_from_the_dct():
    # the quarter is several sentences back, or the report moved on to a nine-month period
    assert _values([("the third quarter", 0), ("a year ago", 6)], "2011-11-02")[1] == "2010"
    assert (
        _values(
            [("the third quarter", 0), ("the nine months", 1), ("a year earlier", 1)], "2011-11-02"
        )[2]
        == "2010"
    )


def test_anchor_month_day_takes_the_year_of_full_dates_near_it():
    text = "The dam broke on 3 May. Crews came back on 9 May. Officials wrote on May 4, 2017."
    ms = [mention("3 May", 17), mention("9 May", 43), mention("May 4, 2017", 68)]
    a = anchor_document(doc(text), ms)
    assert a.info.published is None  # no document date: nothing else is borrowed
    assert [w.value for w in a.whens if w] == ["2017-05-03", "2017-05-09", "2017-05-04"]
    assert a.whens[0].method == "year-from-text"


def test_anchor_month_day_far_from_full_dates_or_between_years_stays_open():
    from unionstate_timeline.temporal.anchor import resolve_all

    far = [mention("2 October"), mention("March 1, 2011", 30)]
    assert resolve_all(far, None)[0][0].value == "XXXX-10-02"
    both = [mention("2 March"), mention("March 1, 2011", 30), mention("March 3, 2012", 60)]
    assert resolve_all(both, None)[0][0].value == "XXXX-03-02"  # two years fit: abstain


def test_anchor_corpus_vote_counts_full_dates_of_undated_pages():
    a = doc("The old bridge over the river collapsed on June 3, 2015, the engineers wrote.")
    a_ms = [mention("June 3, 2015", 46)]
    b = doc("Bridge news\n\n4/6/2015 Springfield\n\nThe old bridge collapsed yesterday.")
    b_ms = [mention("yesterday", 60)]
    anchored = anchor_corpus(
        [DocExtraction(doc=a, timexes=a_ms), DocExtraction(doc=b, timexes=b_ms)]
    )
    assert anchored[0].info.published is None  # the undated page stays undated
    assert anchored[1].info.published.value == "2015-06-04"  # 4 June, not 6 April
    assert anchored[1].info.published.method.endswith("+corpus")


def test_anchor_a_quarter_of_another_year_is_no_period_to_count_back_from():
    # "the 2010 period" in a 2011 report is the comparison itself; "a year earlier" after it
    # still counts back from the quarter reported on
    values = _values(
        [("the third quarter", 0), ("the 2010 period", 1), ("a year earlier", 1)], "2011-11-02"
    )
    assert values == ["2011-Q3", "2010-Q3", "2010-Q3"]


def test_anchor_that_year_counts_from_the_last_year_named():
    assert _values([("in 2004", 0), ("later that year", 1)], "2011-11-02") == ["2004", "2004"]
    assert _values([("March 2006", 0), ("the following month", 1)], "2011-11-02") == [
        "2006-03",
        "2006-04",
    ]


def test_anchor_clock_time_falls_on_the_day_last_named():
    values = _values([("on June 3", 0), ("at 9:15 a.m.", 1)], "2011-06-10")
    assert values == ["2011-06-03", "2011-06-03T09:15"]
    assert _values([("at 9:15 a.m.", 0)], "2011-06-10") == ["2011-06-10T09:15"]
