"""Clause-level syntax helpers over a spaCy parse: governing verb, tense, tree distance.

Each falls back to word windows when the Doc has no dependency parse (spacy.blank), so the
stages degrade instead of failing.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..patterns import load_json_data

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_CLIMB = 8
_ON_A_NOUN = ("npadvmod", "poss")  # a date that dates a noun ("Sunday's derby", "the poll Monday")


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """patterns/events.json, with every word list as a frozenset (tested per token)."""
    data = load_json_data("events.json")
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in data.items()}


def parsed(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def clause_head(token: Token) -> Token:
    """The verb governing token (the token itself when it is a verb)."""
    t = token
    for _ in range(MAX_CLIMB):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            return t
        t = t.head
    return t


def context_words(token: Token) -> set[str]:
    """Words that set the mood of token's clause: its verb, auxiliaries, modifiers, governors."""
    head = clause_head(token)
    words = {token.lower_, head.lower_}
    for t in (token, head):
        words |= {
            c.lower_
            for c in t.children
            if c.dep_ in ("aux", "auxpass", "neg", "advmod", "det", "amod", "acomp")
        }
    chain = head
    for _ in range(3):
        if (
            # a relative clause ("who was in Sevastopol that day") keeps its own mood
            chain.dep_ not in ("xcomp", "acl", "ccomp", "pobj", "dobj", "nsubj")
            or chain.head is chain
        ):
            break
        chain = chain.head
        words.add(chain.lower_)
        words |= {c.lower_ for c in chain.children if c.dep_ in ("aux", "neg", "det", "advmod")}
    return words


def window_words(token: Token, width: int = 5) -> set[str]:
    doc = token.doc
    return {t.lower_ for t in doc[max(token.i - width, 0) : token.i + 1]}


def tense_of(token: Token) -> str:
    """past / present / future / none for the clause governing token; near for a date on a
    noun in a future clause (its event may be either side of the reference: the nearest)."""
    c = cues()
    if not parsed(token.doc):
        words = window_words(token, 6)
        return "future" if words & c["future_aux"] else "none"
    words = context_words(token)
    head = clause_head(token)
    if head is not token:  # "in May", "May 6": the date's own words are not its mood
        words -= {token.lower_, *(c.lower_ for c in token.children)}
    if (
        head.tag_ == "VBD"
        and _on_the_verb(token, head)
        and any(c.dep_ == "xcomp" for c in head.children)
    ):
        words.discard(head.lower_)  # "planned on Friday to pay": the planning was that day
    aux = [ch for ch in head.children if ch.dep_ in ("aux", "auxpass")]
    # "could have won on Sunday", "would have met in May": a modal perfect looks back
    if head.tag_ == "VBN" and any(a.lower_ in ("have", "'ve") for a in aux):
        if any(a.tag_ == "MD" for a in aux):
            return "past"
    if words & c["past_ability_modals"] and _negated(head):
        words -= c["past_ability_modals"]  # "could not be reached Wednesday": a past inability
    if _pluperfect(head):
        return "past"  # "had been due to expire Friday": a schedule that has since run out
    if words & c["future_aux"] or words & c["future_words"]:
        if head is not token and token.dep_ in _ON_A_NOUN and token.head.pos_ in ("NOUN", "PROPN"):
            return "near"  # "the vote Thursday will hurt": the will is the noun's consequence
        return "future"
    if head.tag_ == "MD":
        return "future"
    tense = head.morph.get("Tense", [])
    if tense == ["Past"] or head.tag_ in ("VBD", "VBN"):
        return "past"
    # "divers have been searching since the May 2 collision": a perfect progressive began earlier
    auxes = {a.lower_ for a in aux}
    if head.tag_ == "VBG" and "been" in auxes and auxes & {"have", "has", "'ve", "'s", "had"}:
        return "past"
    if tense == ["Pres"]:
        return "present"
    if head.dep_ == "xcomp" and head.tag_ == "VB" and _on_the_verb(token, head):
        if _present_intention(head.head):
            return "future"  # "is set to resume Monday", "expects to close in January"
        if head.head.lower_ in c["intention_verbs"]:
            return "near"  # "were planning to march on Monday": either side of the report's day
    return _governing_tense(head)


def _pluperfect(head: Token) -> bool:
    """The verb, or the adjective or verb whose complement it is ("had been scheduled to
    expire", "had been due to close"), is in the past perfect: its time was before another
    past time, whatever plan or schedule the words tell."""
    t = head
    for _ in range(3):
        if any(a.dep_ in ("aux", "auxpass") and a.lower_ == "had" for a in t.children):
            return True
        if t.dep_ not in ("xcomp", "acomp") or t.head is t:
            return False
        t = t.head
    return False


def _negated(verb: Token) -> bool:
    """ "could not", "never could", "neither he nor they could": the verb's clause is denied
    (patterns/events.json negation_cues)."""
    denial = cues()["negation_cues"]
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in denial:
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and any(
            t.dep_ == "preconj" and t.lower_ in denial for t in child.subtree
        ):
            return True
    return False


def _on_the_verb(token: Token, verb: Token) -> bool:
    """The date modifies the verb itself ("resume Monday", "close in January"), not one of
    its nouns ("recover costs from the February storm")."""
    if token.head.i == verb.i:
        return True
    return token.dep_ == "pobj" and token.head.head.i == verb.i


_NONFINITE_LINKS = ("xcomp", "conj", "pcomp", "advcl")


def _governing_tense(head: Token) -> str:
    """A tenseless verb form ("proving to be strong in May", "beating them in June") takes the
    past or future of the finite verb it hangs from, through an infinitive only under a raising
    verb (patterns/events.json raising_verbs); "none" when there is none."""
    t = head
    for _ in range(4):
        if t.dep_ not in _NONFINITE_LINKS or t.head is t or t.tag_ not in ("VB", "VBG"):
            return "none"
        if t.dep_ == "xcomp" and t.head.lower_ not in cues()["raising_verbs"]:
            return "none"  # "hoped to sign in May": an intention's time is its own
        t = t.head
        if t.pos_ == "ADP" and t.head is not t:  # "with X proving ...": the clause above
            t = t.head
        if t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VB", "VBG"):
            found = tense_of(t)
            return found if found in ("past", "future") else "none"
    return "none"


def _present_intention(verb: Token) -> bool:
    """A plan, schedule or expectation held now (patterns/events.json intention_verbs): its
    infinitive's date lies ahead. A past one ("hoped to sign in May") may since have passed."""
    if verb.lower_ not in cues()["intention_verbs"]:
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    aux = [a for a in verb.children if a.dep_ in ("aux", "auxpass")]
    return verb.tag_ in ("VBN", "VBG", "JJ") and any(a.tag_ in ("VBZ", "VBP") for a in aux)


def tree_distance(a: Token, b: Token) -> int:
    if not parsed(a.doc):
        return abs(a.i - b.i)
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in index_b:
            return n + index_b[t.i]
    return 99 + abs(a.i - b.i)


def ents_in(sent: Span) -> list[Span]:
    """The entities of one sentence. `Span.ents` rebuilds every entity of the Doc on each call;
    this groups them once per Doc."""
    doc = sent.doc
    grouped = doc.user_data.get("unionstate_ents_by_sent")
    if grouped is None:
        starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        grouped = {}
        for ent in doc.ents:
            grouped.setdefault(starts[bisect_right(starts, ent.start) - 1], []).append(ent)
        doc.user_data["unionstate_ents_by_sent"] = grouped
    return grouped.get(sent.start, [])  # type: ignore[no-any-return]


def sent_end(sent: Span) -> int:
    """End offset of a sentence without its trailing blanks (what a citation quotes)."""
    return sent.start_char + len(sent.text.rstrip())
