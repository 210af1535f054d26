"""The memoized attribute ruler gives exactly the model ruler's annotations."""

from __future__ import annotations

import pytest

from unionstate_timeline.nlp.annotate import get_nlp

pytestmark = pytest.mark.model

# Our own sentences, with the forms the ruler's patterns test: contractions it lemmatizes
# across two tokens, possessives, pronouns by dependency, spaces and punctuation.
TEXTS = [
    "The ministers ain't going to sign it; they're gonna wait, said one of them.",
    "Let's see what the council's members decide on  Friday.\n\nI met her, and she met me.",
    'Gotta go: the vote is tomorrow at 10 a.m. -- "maybe" -- or in May 2031.',
    "Prices rose 4.5% to $1.2bn in the third quarter, the firm's chief said on Monday.",
]


def _attrs(doc):
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_memoized_ruler_equals_the_model_ruler():
    plain, memo = get_nlp(tuned=False), get_nlp()
    assert memo.pipe_names == plain.pipe_names
    for text in TEXTS:
        assert _attrs(memo(text)) == _attrs(plain(text)), text
    # the second pass is served from the memo and still equal
    for doc_plain, doc_memo in zip(plain.pipe(TEXTS), memo.pipe(TEXTS), strict=True):
        assert _attrs(doc_memo) == _attrs(doc_plain)


def test_multi_token_patterns_still_apply():
    memo = get_nlp()
    ruler = memo.get_pipe("attribute_ruler")
    assert ruler.multi is not None and ruler.multi.groups  # the model has patterns over two tokens
    plain = get_nlp(tuned=False)
    text = "They ain't here and we're gonna leave."
    assert [t.lemma_ for t in memo(text)] == [t.lemma_ for t in plain(text)]


def test_words_no_pattern_names_share_one_memo_key():
    memo = get_nlp().get_pipe("attribute_ruler")
    strings = memo.vocab.strings
    # two ordinary nouns: no single-token pattern tests their words, so one key serves both
    assert memo._kept_word(strings.add("harbour")) == memo._kept_word(strings.add("lantern")) == 0
    # a word the model's patterns name keeps its own key
    named = sorted(memo._words or [])
    assert named and memo._kept_word(strings.add(named[0])) == strings[named[0]]
    # and the annotations still equal the model ruler's on text full of such words
    plain = get_nlp(tuned=False)
    text = "The harbour lantern glowed while she'd gone to fetch the lanterns' oil."
    assert _attrs(memo_doc := get_nlp()(text)) == _attrs(plain(text)), memo_doc.text
