"""Whole-path tests on the sample corpus: the acceptance criteria of the foundation issue."""

from __future__ import annotations

import json

import pytest

from unionstate_timeline.models import Timeline

pytestmark = pytest.mark.model


def test_build_reads_all_five_documents(sample_timeline):
    assert [d.doc_id for d in sample_timeline.documents] == [
        "000_065e5666339aa224",
        "001_93d32e09b9183e8f",
        "002_484c683cf57c04f4",
        "003_af11374774ce6c10",
        "004_f8ba06bd442cb53f",
    ]
    assert all(d.status == "ok" for d in sample_timeline.documents)


def test_build_contract_round_trips(sample_timeline):
    again = Timeline.model_validate_json(sample_timeline.model_dump_json())
    assert again == sample_timeline
    schema = Timeline.model_json_schema()
    assert {"documents", "events", "claims", "schema_version"} <= set(schema["properties"])


def test_build_citations_quote_the_original_text(sample_timeline, raw_texts):
    for item in [*sample_timeline.events, *sample_timeline.claims]:
        for c in item.citations:
            assert raw_texts[c.doc_id][c.start : c.end] == c.quote
            assert c.quote.strip() == c.quote and c.quote


def test_build_treaty_signing_is_one_event_with_three_sources(sample_timeline):
    signings = [
        e
        for e in sample_timeline.events
        if e.type == "treaty_signed" and e.when and e.when.value == "1999-12-08"
    ]
    assert len(signings) == 1
    assert {c.doc_id[:3] for c in signings[0].citations} == {"000", "001", "003"}


def test_build_no_entry_from_reader_comments(sample_timeline, raw_texts):
    text = raw_texts["002_484c683cf57c04f4"]
    comments_start = text.index("Raptar Driver says")
    for item in [*sample_timeline.events, *sample_timeline.claims]:
        for c in item.citations:
            if c.doc_id.startswith("002"):
                assert c.end <= comments_start, c.quote


def test_build_publication_dates_only_where_the_text_fixes_them(sample_timeline):
    published = {
        d.doc_id[:3]: d.published.value if d.published else None for d in sample_timeline.documents
    }
    assert published == {
        "000": "2019-12-08",
        "001": None,
        "002": None,
        "003": "2019-12-10",
        "004": "2021-09-09",
    }


def test_build_every_explicit_full_date_is_on_the_timeline(sample_timeline):
    values = {e.when.value for e in sample_timeline.events if e.when}
    assert {"1999-12-08", "2000-01-26", "2019-12-07", "2019-12-20", "2021-09-09"} <= values


def test_build_year_only_facts_stay_years(sample_timeline):
    trade = [
        e for e in sample_timeline.events if e.type == "trade" and e.when and e.when.text == "2023"
    ]
    assert trade and trade[0].when.value == "2023" and trade[0].when.precision == "year"


def test_build_events_sorted_and_ids_unique(sample_timeline):
    ids = [e.event_id for e in sample_timeline.events]
    assert len(ids) == len(set(ids))
    starts = [e.when.start or "9999" for e in sample_timeline.events if e.when]
    assert starts == sorted(starts)
    dated = [e.when is not None for e in sample_timeline.events]
    assert dated == sorted(dated, reverse=True)  # undated events come last


def test_build_roadmap_counts_form_one_series(sample_timeline):
    series = {c.series for c in sample_timeline.claims if c.unit in ("roadmaps", "programmes")}
    assert len(series) == 1
    values = {c.value for c in sample_timeline.claims if c.series in series}
    assert {31, 20, 8, 28} <= values


def test_build_is_deterministic(sample_timeline):
    from conftest import RAW
    from unionstate_timeline.pipeline import build

    again = build([RAW])
    assert json.dumps(again.model_dump(mode="json")) == json.dumps(
        sample_timeline.model_dump(mode="json")
    )
