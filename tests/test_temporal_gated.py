"""The gated Matcher finds exactly what one Matcher holding every pattern finds."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from unionstate_timeline.patterns import matcher_patterns
from unionstate_timeline.temporal.detect import anchor_words
from unionstate_timeline.temporal.gated import GatedMatcher, key_need

NLP = spacy.blank("en")

PATTERNS = [
    ("DATE", [[{"LOWER": {"IN": ["in", "by"]}, "OP": "?"}, {"LOWER": {"IN": ["march", "june"]}},
               {"TEXT": {"REGEX": "^(19|20)[0-9][0-9]$"}, "OP": "?"}]]),
    ("DATE", [[{"TEXT": {"REGEX": "^(19|20)[0-9][0-9]$"}}]]),
    ("DATE", [[{"LOWER": "the"}, {"LOWER": "year"}]]),
    ("TIME", [[{"TEXT": {"REGEX": "^[0-9]{1,2}$"}}, {"LOWER": "pm"}]]),
    ("REF", [[{"IS_DIGIT": True}, {"LOWER": "days"}, {"LOWER": "ago"}]]),
    ("ANY", [[{"IS_TITLE": True}, {"IS_DIGIT": True}]]),  # no usable key: always runs
    ("GAP", [[{"LOWER": "talks"}, {"IS_PUNCT": False, "OP": "{0,3}"}, {"LOWER": "ago"}]]),
    ("RUN", [[{"LOWER": "of"}, {"IS_DIGIT": True, "OP": "+"}]]),
    ("NOT", [[{"LOWER": "year"}, {"LOWER": "of", "OP": "!"}, {"LOWER": "days"}]]),
]  # fmt: skip
WORDS = ["in", "by", "March", "june", "2021", "1999", "the", "year", "7", "pm", "days", "ago",
         "Monday", "talks", "12", "of"]  # fmt: skip


def _plain(patterns):  # type: ignore[no-untyped-def]
    m = Matcher(NLP.vocab)
    for label, group in patterns:
        m.add(label, group)
    return lambda span: sorted({(s, e) for _, s, e in m(span)})


def _gated(patterns, rare=frozenset()):  # type: ignore[no-untyped-def]
    g = GatedMatcher(NLP.vocab, patterns, rare)
    return lambda span: sorted({(s, e) for _, s, e in g(span)})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.integers(0, 4))
def test_gated_matcher_equals_one_matcher(words: list[str], cut: int) -> None:
    doc = spacy.tokens.Doc(NLP.vocab, words=words)
    span = doc[min(cut, len(doc) - 1) :]
    plain, gated = _plain(PATTERNS), _gated(PATTERNS, frozenset({"march", "june", "year"}))
    assert gated(span) == plain(span)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, ",", "."]), min_size=1, max_size=30))
def test_gated_matcher_on_a_whole_doc_runs_near_its_keys_only(words: list[str]) -> None:
    doc = spacy.tokens.Doc(NLP.vocab, words=words)
    gated = GatedMatcher(NLP.vocab, PATTERNS)
    assert sorted({(s, e) for _, s, e in gated.near_keys(doc)}) == _plain(PATTERNS)(doc[:])


def test_gated_matcher_key_is_the_rarest_mandatory_token() -> None:
    pattern = PATTERNS[0][1][0]
    assert key_need(pattern, frozenset({"march", "june"})) == (
        "words", frozenset({"march", "june"}))  # fmt: skip
    # without time words known, a regular expression comes before a list of common words
    assert key_need(PATTERNS[2][1][0], frozenset())[0] == "words"
    assert key_need(PATTERNS[5][1][0], frozenset()) is None


def test_gated_matcher_on_the_temporal_patterns_and_news_text() -> None:
    patterns = matcher_patterns("temporal.jsonl")
    text = (
        "In June 2021, the council met on Monday, March 7 at 5 p.m. and again two days later; "
        "the 1990s, the third quarter of fiscal 1989 and every spring since then were recalled "
        "at the time by officials who said it happened 20 years ago, not last week."
    )
    doc = NLP(text)
    gated = _gated(patterns, frozenset(anchor_words()))
    found = gated(doc[:])
    assert found == _plain(patterns)(doc[:])
    assert len(found) > 10
