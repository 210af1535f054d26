"""Dated predicates: the verb or event noun a temporal expression is attached to in the parse.

Any subject the news covers has events the trigger lexicon cannot list ("the quake struck on
Saturday", "was elected to the council in 2004"). Starting from each calendar expression no
trigger took, this climbs the dependency tree to the predicate it modifies: a verb, an event
noun (patterns/event_nouns.json), through a copula or a cleft to the clause it identifies
("the last time they met was on December 20"). A date that modifies a thing ("the 2019
budget") or sits in a name dates nothing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..nlp.syntax import cues
from ..patterns import load_json_data

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MAX_CLIMB = 6
_VERBAL = ("VERB", "AUX")
_MODIFIER_DEPS = ("compound", "amod", "nummod", "nmod", "poss", "appos")
_ADVERBIAL_DEPS = ("npadvmod", "tmod", "advmod", "obl", "attr", "conj")
# a date that is what the verb acts on or is about ("to mark National Unity Day", "set Nov. 10
# as the deadline", "2019 was a record year") is not when the verb happened
_ARGUMENT_DEPS = ("dobj", "nsubj", "nsubjpass", "iobj", "dative", "oprd")


@lru_cache(maxsize=1)
def event_nouns() -> frozenset[str]:
    return frozenset(load_json_data("event_nouns.json")["nouns"])


def is_event_noun(token: Token) -> bool:
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    word = token.lower_
    nouns = event_nouns()
    return word in nouns or (word.endswith("s") and word[:-1] in nouns)


def _is_copula(token: Token) -> bool:
    return token.lower_ in cues()["copula_words"]


def _through_copula(verb: Token) -> Token | None:
    """The predicate a copula identifies: "the last time they met was on ..." -> met;
    "It was on Monday that the talks began" -> began; "The election was on Sunday" -> election.
    A copula with nothing eventive ("it was cold on Monday") dates nothing."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            for t in child.subtree:
                if t.dep_ == "relcl" and t.pos_ in _VERBAL and not _is_copula(t):
                    return t
            if is_event_noun(child):
                return child
    for child in verb.children:
        if child.dep_ in ("ccomp", "advcl", "relcl") and child.i > verb.i and child.pos_ in _VERBAL:
            return child
    return None


def _light(verb: Token) -> Token:
    """ "held talks on Monday", "made a visit in May": the event is the object noun."""
    if verb.lower_ in cues()["light_verbs"]:
        for child in verb.children:
            if child.dep_ == "dobj" and is_event_noun(child):
                return child
    return verb


def predicate_of(timex: Span) -> Token | None:
    """The verb or event noun the expression dates, or None when it dates nothing."""
    found = _climb(timex.root)
    if found is None or found.lower_ in cues()["pro_verbs"]:
        return None  # "as it did in 2021" stands for another clause's verb
    return found


def _compares(token: Token) -> bool:
    """ "than", "compared with", and the "as" of "the same as", "as high as" (not "as a pilot")."""
    if token.lower_ in cues()["comparison_words"]:
        return True
    if token.lower_ != "as":
        return False
    governor = token.head
    return governor.pos_ in ("ADJ", "ADV") or any(
        c.lower_ in cues()["comparison_governors"] for c in (governor, *governor.children)
    )


def _climb(root: Token) -> Token | None:
    t = root
    for _ in range(MAX_CLIMB):
        head = t.head
        if head is t:
            return None
        if _compares(head):
            return None  # "the same price as this year", "more than in 2019": a baseline
        if t.dep_ in _MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN"):
            return head if is_event_noun(head) else None  # "the 2019 budget" is not an event
        if t.dep_ == "pobj":  # "on Saturday", "in 2011": the preposition's head decides
            prep = head
            target = prep.head
            if target is prep:
                return None
            if target.pos_ in _VERBAL:
                return _resolve_verb(target)
            if is_event_noun(target):
                return target
            t = target
            continue
        if head.pos_ in _VERBAL:
            if t.dep_ in _ARGUMENT_DEPS and t is root:
                return None
            return _resolve_verb(head)
        t = head
    return None


def _resolve_verb(verb: Token) -> Token | None:
    if _is_copula(verb):
        return _through_copula(verb)
    return _light(verb)
