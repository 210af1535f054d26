"""Numeric claims from single sentences (needs the English model for the parse)."""

from __future__ import annotations

import pytest

from unionstate_timeline.extract.claims import extract_claims
from unionstate_timeline.extract.document import extract_timexes
from unionstate_timeline.nlp.annotate import get_nlp
from unionstate_timeline.reading.document import make_document

pytestmark = pytest.mark.model


def claims_of(text: str):
    doc = make_document("d", "d.txt", text)
    spacy_doc = get_nlp()(doc.body)
    return extract_claims(spacy_doc, doc, extract_timexes(spacy_doc))


def by_value(text: str):
    return {c.value: c for c in claims_of(text)}


def test_claims_total_and_ready():
    found = by_value(
        "They are working on a program which includes 31 roadmaps, 20 of which "
        "are ready for signing."
    )
    assert found[31].qualifier == "total" and found[31].unit == "roadmaps"
    assert found[20].qualifier == "ready" and found[20].unit == "roadmaps"
    assert found[31].series == found[20].series


def test_claims_out_of_with_attribution():
    found = by_value(
        "According to Ambassador Vladimir Semashko, the parties have not yet "
        "coordinated eight out of 31 integration roadmaps."
    )
    assert found[8].qualifier == "not agreed"
    assert found[31].qualifier == "total"
    assert found[8].attributed_to == "Vladimir Semashko"
    assert found[8].subject == "integration roadmaps"


def test_claims_money_percent_and_more_than():
    found = by_value(
        "Russia will provide Belarus with around $630 million in loans. "
        "In 2023, bilateral trade rose by 9.2%. More than 400 legislative acts "
        "will need to be adopted."
    )
    assert found[630_000_000].unit == "USD" and found[630_000_000].subject == "loans"
    assert found[9.2].unit == "percent" and found[9.2].qualifier == "growth"
    assert found[9.2].timex is not None
    assert found[400].qualifier == "more than"


def test_claims_people_and_time_spans_are_not_claims():
    assert (
        claims_of("The two presidents met for three hours in 2019 and talked for 20 years.") == []
    )


def test_claims_quantities_prices_and_counts_across_sentences():
    found = by_value(
        "Minsk pays $127 per 1,000 cubic metres for gas. Russia supplied Belarus "
        "with 24 million tonnes of crude oil. The sides discussed 31 roadmaps. "
        "Eight of them remain unagreed."
    )
    assert found[127].unit == "USD" and 1000 not in found
    assert found[24_000_000].unit == "tonnes" and found[24_000_000].subject == "crude oil"
    assert found[8].unit == "roadmaps"
