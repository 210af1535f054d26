"""The scorer of `timeline eval` on small hand-made timelines, the gold files, and the CLI."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unionstate_timeline.cli.evaluate import render_json
from unionstate_timeline.errors import InputError
from unionstate_timeline.evaluation.baseline import Hit, baseline_document, locate
from unionstate_timeline.evaluation.gold import GoldDocument, load_gold, span_problems
from unionstate_timeline.evaluation.models import EvalReport, GoldCounts, Timing
from unionstate_timeline.evaluation.run import read_texts
from unionstate_timeline.evaluation.score import (
    score_event_dates,
    score_events,
    score_merges,
    score_published,
    score_system,
)
from unionstate_timeline.evaluation.spans import score_claims, score_timexes
from unionstate_timeline.models import (
    Citation,
    Claim,
    DocumentInfo,
    Event,
    Timeline,
    Timex,
    When,
)

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
ANNOTATED = ROOT / "data" / "annotated"

# --- hand-made gold and timelines ----------------------------------------------------------------


def _gold_event(eid, type_, value, start, end, group=None):
    return {
        "id": eid, "type": type_, "value": value, "precision": "day", "status": "occurred",
        "actors": [], "places": [], "quote": "q" * (end - start), "start": start, "end": end,
        "date_text": "q", "group": group, "note": None,
    }  # fmt: skip


def _gold_claim(cid, value, unit, qualifier, start, end):
    return {
        "id": cid, "subject": "integration roadmaps", "value": value, "unit": unit,
        "qualifier": qualifier, "attributed_to": None, "as_of": None, "quote": "q" * (end - start),
        "start": start, "end": end, "series": None,
    }  # fmt: skip


def _timex(start, end, value):
    return {"start": start, "end": end, "text": "t" * (end - start), "type": "DATE", "value": value}


GOLD = [
    GoldDocument.model_validate(
        {
            "doc_id": "a",
            "published": {"value": "2019-12-08", "precision": "day"},
            "published_note": "dateline + weekday",
            "timexes": [_timex(10, 26, "1999-12-08"), _timex(60, 70, "2019-12-07")],
            "events": [
                _gold_event("e1", "treaty_signed", "1999-12-08", 0, 50, group="treaty-1999"),
                _gold_event("e2", "meeting", "2019-12-07", 51, 100),
            ],
            "claims": [_gold_claim("c1", 31, "roadmaps", "total", 101, 150)],
        }
    ),
    GoldDocument.model_validate(
        {
            "doc_id": "b",
            "published": None,
            "published_note": "no dateline",
            "timexes": [_timex(5, 21, "1999-12-08")],
            "events": [_gold_event("e1", "treaty_signed", "1999-12-08", 0, 40, "treaty-1999")],
            "claims": [],
        }
    ),
]


def _cite(doc_id, start, end):
    return Citation(doc_id=doc_id, start=start, end=end, quote="q" * (end - start))


def _event(event_id, type_, value, *cites):
    when = When(value=value, precision="day", method="test", confidence=1.0) if value else None
    return Event(
        event_id=event_id, type=type_, title=event_id, when=when, status="occurred",
        citations=list(cites), confidence=1.0,
    )  # fmt: skip


def _doc(doc_id, published=None):
    if published is None:
        return DocumentInfo(doc_id=doc_id, path=f"{doc_id}.txt")
    when = When(value=published, precision="day", method="test", confidence=1.0)
    return DocumentInfo(doc_id=doc_id, path=f"{doc_id}.txt", published=when)


SIGNED = _event("ev-sign", "treaty_signed", "1999-12-08", _cite("a", 0, 50), _cite("b", 0, 40))
MEETING = _event("ev-meet", "meeting", "2019-12-07", _cite("a", 51, 100))
CLAIM = Claim(
    claim_id="cl-1", series="roadmaps", subject="roadmaps", value=31, unit="roadmaps",
    qualifier="total", citations=[_cite("a", 101, 150)],
)  # fmt: skip
PERFECT = Timeline(
    documents=[_doc("a", "2019-12-08"), _doc("b")], events=[SIGNED, MEETING], claims=[CLAIM]
)


def _with_events(*events):
    return PERFECT.model_copy(update={"events": list(events)})


# --- events ---------------------------------------------------------------------------------------


def test_evaluate_perfect_timeline_scores_one():
    s = score_events(GOLD, PERFECT)
    assert (s.scores.precision, s.scores.recall, s.scores.f1) == (1.0, 1.0, 1.0)
    assert (s.scores.tp, s.scores.predicted, s.scores.gold) == (3, 3, 3)
    assert s.missed == [] and s.false_positives == []
    assert score_event_dates(GOLD, PERFECT).accuracy == 1.0
    assert score_published(GOLD, PERFECT).accuracy == 1.0
    claims = score_claims(GOLD, PERFECT)
    assert (claims.precision, claims.recall, claims.unit_agreement.accuracy) == (1.0, 1.0, 1.0)
    merges = score_merges(GOLD, PERFECT)
    assert (merges.groups, merges.one_event, merges.complete, merges.split) == (1, 1, 1, 0)


def test_evaluate_empty_timeline_has_recall_zero():
    empty = Timeline()
    s = score_events(GOLD, empty)
    assert (s.scores.tp, s.scores.predicted, s.scores.recall, s.scores.f1) == (0, 0, 0.0, 0.0)
    assert s.scores.precision is None  # undefined, not 0: there is nothing to be wrong about
    assert [m.id for m in s.missed] == ["e1", "e2", "e1"]
    assert score_claims(GOLD, empty).recall == 0.0
    assert score_merges(GOLD, empty).one_event == 0
    published = score_published(GOLD, empty)
    assert [i.correct for i in published.items] == [False, True]  # null == null is right


def test_evaluate_one_wrong_date_is_a_false_positive_and_a_miss():
    wrong = _event("ev-meet", "meeting", "2019-12-08", _cite("a", 51, 100))
    s = score_events(GOLD, _with_events(SIGNED, wrong))
    assert (s.scores.tp, s.scores.predicted, s.scores.gold) == (2, 3, 3)
    assert [(m.doc_id, m.id) for m in s.missed] == [("a", "e2")]
    assert [(f.id, f.value) for f in s.false_positives] == [("ev-meet", "2019-12-08")]
    assert s.false_positives[0].hint == "gold here: e2 meeting 2019-12-07"
    assert s.missed[0].hint == "system here: meeting 2019-12-08"
    dates = score_event_dates(GOLD, _with_events(SIGNED, wrong))
    assert (dates.n, dates.correct) == (3, 2)
    assert [(d.gold_value, d.predicted_value) for d in dates.wrong] == [
        ("2019-12-07", "2019-12-08")
    ]


def test_evaluate_one_duplicate_event_lowers_precision_only():
    twin = _event("ev-meet-2", "meeting", "2019-12-07", _cite("a", 51, 100))
    s = score_events(GOLD, _with_events(SIGNED, MEETING, twin))
    assert (s.scores.tp, s.scores.predicted, s.scores.gold) == (3, 4, 3)
    assert s.scores.precision == 0.75 and s.scores.recall == 1.0
    assert [f.id for f in s.false_positives] == ["ev-meet-2"]


def test_evaluate_wrong_type_does_not_match_unless_type_agnostic():
    typed_wrong = _event("ev-meet", "statement", "2019-12-07", _cite("a", 51, 100))
    timeline = _with_events(SIGNED, typed_wrong)
    assert score_events(GOLD, timeline).scores.tp == 2
    assert score_events(GOLD, timeline, match_type=False).scores.tp == 3


def test_evaluate_counts_one_prediction_per_event_and_document():
    # two sentences of one article cited by one event: one prediction, not two
    both = _event("ev-meet", "meeting", "2019-12-07", _cite("a", 51, 100), _cite("a", 200, 240))
    s = score_events(GOLD, _with_events(SIGNED, both))
    assert (s.scores.tp, s.scores.predicted) == (3, 3)


def test_evaluate_undated_events_are_counted_not_scored():
    undated = _event("ev-undated", "approval", None, _cite("a", 160, 200))
    report = _system(_with_events(SIGNED, MEETING, undated))
    assert report.undated_events == 1
    assert report.events is not None and report.events.predicted == 3
    assert report.events.precision == 1.0


def test_evaluate_split_group_is_reported():
    split = [
        _event("ev-sign-a", "treaty_signed", "1999-12-08", _cite("a", 0, 50)),
        _event("ev-sign-b", "treaty_signed", "1999-12-08", _cite("b", 0, 40)),
        MEETING,
    ]
    merges = score_merges(GOLD, _with_events(*split))
    assert (merges.one_event, merges.complete, merges.split) == (0, 0, 1)
    assert merges.items[0].event_ids == ["ev-sign-a", "ev-sign-b"]


def test_evaluate_overmerged_event_is_reported():
    blob = _event("ev-blob", "meeting", "2019-12-07", _cite("a", 51, 100), _cite("b", 0, 40))
    gold_b = GOLD[1].model_copy(
        update={
            "events": [
                GOLD[1].events[0].model_copy(update={"type": "meeting", "value": "2019-12-07"})
            ]
        }
    )
    merges = score_merges([GOLD[0], gold_b], _with_events(SIGNED, blob))
    assert merges.overmerged_events == 1
    (entry,) = merges.overmerged  # listed with what it holds, for a reader to check
    assert entry.event_id == "ev-blob" and len(entry.gold) == len(entry.quotes) == 2


def test_evaluate_a_sentence_cited_for_another_happening_is_no_overmerge():
    # doc b's gold event in the cited sentence is of another date (1999-12-08): the entry of
    # 2019-12-07 cites that sentence for something else it tells, so it holds one gold event
    blob = _event("ev-blob", "meeting", "2019-12-07", _cite("a", 51, 100), _cite("b", 0, 40))
    merges = score_merges(GOLD, _with_events(blob))
    assert merges.overmerged_events == 0


# --- claims, timexes, publication dates -----------------------------------------------------------


def test_evaluate_claims_match_on_value_within_relative_tolerance():
    close = CLAIM.model_copy(update={"value": 31 * (1 + 1e-12), "unit": "road maps"})
    s = score_claims(GOLD, PERFECT.model_copy(update={"claims": [close]}))
    assert s.tp == 1 and s.unit_agreement.accuracy == 0.0 and s.qualifier_agreement.accuracy == 1.0
    far = CLAIM.model_copy(update={"value": 31.001})
    s = score_claims(GOLD, PERFECT.model_copy(update={"claims": [far]}))
    assert (s.tp, len(s.missed), len(s.false_positives)) == (0, 1, 1)


def test_evaluate_timexes_strict_relaxed_and_values():
    predicted = {
        "a": [
            Timex(start=10, end=26, text="t", type="DATE", value="1999-12-08"),  # exact
            Timex(start=57, end=70, text="t", type="DATE", value="2019-12-08"),  # overlap, wrong
            Timex(start=300, end=310, text="t", type="DATE", value="2020"),  # spurious
        ],
    }
    s = score_timexes(GOLD, predicted)
    assert (s.strict.tp, s.strict.predicted, s.strict.gold) == (1, 3, 3)
    assert (s.relaxed.tp, s.value.n, s.value.correct) == (2, 2, 1)
    assert s.relaxed.precision == round(2 / 3, 4)


def test_evaluate_published_date_accuracy():
    timeline = PERFECT.model_copy(update={"documents": [_doc("a", "2019-12-09"), _doc("b")]})
    s = score_published(GOLD, timeline)
    assert (s.n, s.correct, s.accuracy) == (2, 1, 0.5)


# --- the baseline ---------------------------------------------------------------------------------


def test_evaluate_baseline_hits_are_located_in_order_and_repeats_get_their_own_offsets():
    text = "We met on Sunday. We met again on Sunday, 8 December 2019."
    found = [
        ("We", datetime(2025, 1, 1)),
        ("on Sunday", datetime(2025, 1, 5)),
        ("We", datetime(2025, 1, 1)),
        ("on Sunday", datetime(2025, 1, 5)),
        ("missing", datetime(2025, 1, 1)),
    ]
    hits = locate(text, found)
    assert [(h.start, h.text) for h in hits] == [
        (0, "We"),
        (7, "on Sunday"),
        (18, "We"),
        (31, "on Sunday"),
    ]
    assert all(text[h.start : h.end] == h.text for h in hits)


def test_evaluate_baseline_is_scored_type_agnostic():
    hits = [Hit(0, 10, "some date", "1999-12-08"), Hit(600, 610, "late date", "2000-01-01")]
    info, events = baseline_document("a", hits)
    assert info.published is not None and info.published.value == "1999-12-08"
    assert baseline_document("a", hits[1:])[0].published is None  # beyond the first 500 chars
    timeline = Timeline(documents=[info, _doc("b")], events=events)
    report = _system(timeline, typed=False)
    assert report.events is None and report.merges is None and report.event_match == "date"
    assert report.events_date_only.tp == 1 and report.events_date_only.predicted == 2


def _system(timeline, typed=True):
    tagger = Timing(docs=2, seconds=0.1, docs_per_second=20.0)
    return score_system("test", GOLD, timeline, {}, typed=typed, tagger=tagger)


def test_evaluate_report_json_is_stable_and_sorted():
    counts = GoldCounts(documents=2, published=1, events=3, claims=1, timexes=3, groups=1)
    report = EvalReport(
        gold_dir="g", raw_dir="r", timeline=None, gold=counts,
        project=_system(PERFECT), baseline=_system(PERFECT, typed=False),
    )  # fmt: skip
    text = render_json(report)
    assert text == render_json(report) and text.endswith("}\n")
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert set(data) == {
        "baseline",
        "gold",
        "gold_dir",
        "project",
        "raw_dir",
        "report_version",
        "timeline",
    }


def test_evaluate_table_shows_both_rows_and_the_misses():
    from io import StringIO

    from rich.console import Console

    from unionstate_timeline.cli.evaluate import render_table

    counts = GoldCounts(documents=2, published=1, events=3, claims=1, timexes=3, groups=1)
    wrong = _event("ev-meet", "meeting", "2019-12-08", _cite("a", 51, 100))
    report = EvalReport(
        gold_dir="g", raw_dir="r", timeline=None, gold=counts,
        project=_system(_with_events(SIGNED, wrong)), baseline=_system(Timeline(), typed=False),
    )  # fmt: skip
    out = StringIO()
    render_table(report, Console(file=out, width=200))
    text = out.getvalue()
    assert "this project" in text and "baseline" in text
    assert "missed gold events (1)" in text and "false-positive events (1)" in text
    assert "wrong dates (1)" in text and "2019-12-07" in text
    assert "entries holding two gold events: none" in text


# --- the gold files -------------------------------------------------------------------------------


def test_evaluate_gold_loads_all_five_documents():
    gold = load_gold(ANNOTATED)
    assert [g.doc_id for g in gold] == sorted(p.stem for p in RAW.glob("*.txt"))
    assert sum(len(g.timexes) for g in gold) == 53
    assert sum(len(g.events) for g in gold) == 28
    assert sum(len(g.claims) for g in gold) == 12


def test_evaluate_gold_quotes_and_timexes_sit_at_their_offsets():
    for doc in load_gold(ANNOTATED):
        text = (RAW / f"{doc.doc_id}.txt").read_text(encoding="utf-8")
        for t in doc.timexes:
            assert text[t.start : t.end] == t.text, (doc.doc_id, t)
        for item in [*doc.events, *doc.claims]:
            assert text[item.start : item.end] == item.quote, (doc.doc_id, item.id)
        assert span_problems(doc, text) == []


def test_evaluate_read_texts_rejects_gold_that_does_not_fit_the_article(tmp_path):
    gold = load_gold(ANNOTATED)[:1]
    (tmp_path / f"{gold[0].doc_id}.txt").write_text("something else entirely", encoding="utf-8")
    with pytest.raises(InputError, match="gold offsets do not fit"):
        read_texts(gold, tmp_path)
    with pytest.raises(InputError, match="no article"):
        read_texts(gold, tmp_path / "missing")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not JSON"),
        ('{"doc_id": "x"}', "not a valid gold file"),
        (None, "does not match the file name"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_evaluate_gold_rejects_bad_files(tmp_path, content, reason):
    good = (ANNOTATED / "000_065e5666339aa224.json").read_text(encoding="utf-8")
    path = tmp_path / "x.json"
    if content is None:
        path.write_text(good, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as info:
        load_gold(tmp_path)
    assert info.value.path == str(path)


def test_evaluate_gold_rejects_unknown_fields_and_empty_folders(tmp_path):
    data = json.loads((ANNOTATED / "000_065e5666339aa224.json").read_text(encoding="utf-8"))
    data["events"][0]["confidence"] = 1.0
    with pytest.raises(InputError):
        load_gold(tmp_path)  # empty
    (tmp_path / "000_065e5666339aa224.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="events.0.confidence"):
        load_gold(tmp_path)
    with pytest.raises(InputError, match="not a directory"):
        load_gold(tmp_path / "nowhere")


def _gold_timeline(gold, *, merge):
    """The timeline the gold describes: one event per gold event, or per group when merging."""
    events, groups = [], {}
    for doc in gold:
        for g in doc.events:
            cite = Citation(doc_id=doc.doc_id, start=g.start, end=g.end, quote=g.quote)
            if merge and g.group in groups:
                groups[g.group].append(cite)
                continue
            cites = groups.setdefault(g.group, [cite]) if merge and g.group else [cite]
            events.append((f"ev-{doc.doc_id}-{g.id}", g, cites))  # cites grows with the group
    documents = [_doc(d.doc_id, d.published.value if d.published else None) for d in gold]
    return Timeline(
        documents=documents,
        events=[_event(eid, g.type, g.value, *cites) for eid, g, cites in events],
    )


def test_evaluate_perfect_timeline_from_the_real_gold_scores_one():
    gold = load_gold(ANNOTATED)
    timeline = _gold_timeline(gold, merge=False)
    assert score_events(gold, timeline).scores.f1 == 1.0
    assert score_event_dates(gold, timeline).accuracy == 1.0
    assert score_published(gold, timeline).accuracy == 1.0


def test_evaluate_merges_of_the_real_gold_are_credited_even_across_different_dates():
    gold = load_gold(ANNOTATED)
    merged = _gold_timeline(gold, merge=True)
    merges = score_merges(gold, merged)
    assert merges.complete == merges.groups == 5 and merges.overmerged_events == 0
    # One event has one date: 002 dates the council session "XXXX-11-04", 004 "2021", so the
    # merged event (dated as in 002) cannot match 004's gold value.
    s = score_events(gold, merged)
    assert [(m.doc_id[:3], m.id, m.value) for m in s.missed] == [("004", "e3", "2021")]


# --- the command ----------------------------------------------------------------------------------


def test_evaluate_cli_exits_3_on_unusable_gold(tmp_path):
    from unionstate_timeline.cli import app

    result = CliRunner().invoke(app, ["eval", str(tmp_path / "nowhere")])
    assert result.exit_code == 3


@pytest.mark.model
@pytest.mark.slow
def test_evaluate_cli_json_on_the_sample_corpus():
    from unionstate_timeline.cli import app

    result = CliRunner().invoke(app, ["eval", str(ANNOTATED), "--raw", str(RAW), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["gold"]["events"] == 28 and data["report_version"] == "1"
    for name in ("project", "baseline"):
        row = data[name]
        assert row["system"] == name
        assert {"published", "events", "events_date_only", "claims", "timexes", "tagger"} <= set(
            row
        )
        assert row["timexes"]["relaxed"]["gold"] == 53
        assert row["published"]["n"] == 5
    assert data["baseline"]["events"] is None and data["baseline"]["event_match"] == "date"
    assert data["project"]["events"]["gold"] == 28


@pytest.mark.model
@pytest.mark.slow
def test_evaluate_cli_reads_a_timeline_file(sample_timeline, tmp_path):
    from unionstate_timeline.cli import app

    path = tmp_path / "timeline.json"
    path.write_text(sample_timeline.model_dump_json(), encoding="utf-8")
    args = ["eval", str(ANNOTATED), "--raw", str(RAW), "--timeline", str(path), "-f", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["timeline"] == str(path) and data["project"]["build_seconds"] is None


def test_evaluate_a_coarse_mention_joined_to_its_day_is_judged_by_its_own_date():
    # gold: one article says the accord was signed "in 1999"; the entry carries the day another
    # source gives. Right only when the entry records the cross-precision join and the cited
    # sentence's own expression is the coarse one.
    coarse = _gold_event("e1", "treaty_signed", "1999", 0, 40)
    gold = [GoldDocument.model_validate({**GOLD[1].model_dump(), "events": [coarse]})]
    day = When(value="1999-12-08", precision="day", text="8 December 1999", method="t",
               confidence=1.0)  # fmt: skip
    own = Citation(doc_id="b", start=0, end=40, quote="q" * 40, date_text="in 1999")
    joined = Event(
        event_id="ev-j", type="treaty_signed", title="t", when=day, status="occurred",
        citations=[own], confidence=1.0, merged_on=["date", "precision", "type"],
    )  # fmt: skip
    timeline = _with_events(joined)
    assert score_event_dates(gold, timeline).correct == 1
    assert score_events(gold, timeline).scores.tp == 1
    # without the recorded join, or when the sentence itself gave the day, the day is wrong
    plain = joined.model_copy(update={"merged_on": ["date", "type"]})
    assert score_event_dates(gold, _with_events(plain)).correct == 0
    itself = joined.model_copy(update={"citations": [own.model_copy(
        update={"date_text": "8 December 1999"})]})  # fmt: skip
    assert score_event_dates(gold, _with_events(itself)).correct == 0
    # a day outside the gold's year is wrong whatever the join
    outside = joined.model_copy(update={"when": day.model_copy(
        update={"value": "2000-01-03", "start": "2000-01-03", "end": "2000-01-03"})})  # fmt: skip
    assert score_event_dates(gold, _with_events(outside)).correct == 0


def test_a_supported_date_may_be_written_in_either_timeml_notation() -> None:
    from unionstate_timeline.evaluation.score import compatible

    assert compatible("2000-01-15", "2000-01-15TEV")  # a day contains its evening
    assert not compatible("2000-01-15", "2000-01-16TEV")
    assert compatible("2000-W02", "2000-W2") and compatible("196", "196X")
    assert not compatible("2000-W02", "2000-W3") and not compatible("197", "196X")
    assert not compatible("XXXX-01-15", "2000-01-15TEV")
