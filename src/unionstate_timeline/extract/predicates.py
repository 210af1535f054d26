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
from typing import TYPE_CHECKING, Any

from ..nlp.syntax import cues
from ..patterns import lexicon, load_json_data

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MAX_CLIMB = 6
_VERBAL = ("VERB", "AUX")
_MODIFIER_DEPS = ("compound", "amod", "nummod", "nmod", "poss", "appos")
_ADVERBIAL_DEPS = ("npadvmod", "tmod", "advmod", "obl", "attr", "conj")
# a date that is what the verb acts on or is about ("to mark National Unity Day", "set Nov. 10
# as the deadline", "2019 was a record year") is not when the verb happened
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_SUBJECT_MODIFIER_DEPS = ("appos", "compound", "npadvmod", "nmod")
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
    "It was on Monday that the talks began" -> began; "The election was on Sunday" -> election;
    an infinitival copula hands the date to the verb above it ("seemed to be ready in May").
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
    governor = verb.head
    if verb.dep_ == "xcomp" and governor.pos_ == "VERB" and not _is_copula(governor):
        return governor  # "proved to be too strong in May": the governing verb is dated
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
    if _period_bound(found):
        return None  # "the quarter ended Sept. 30": the calendar, not a happening
    return found


def _period_bound(verb: Token) -> bool:
    """A verb whose subject is a period of time ("the quarter ended", "the year that began",
    "the period ending June 30")."""
    if verb.pos_ not in _VERBAL:
        return False
    if verb.dep_ in ("acl", "relcl") and _a_period(verb.head):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") and _a_period(c) for c in verb.children)


def _a_period(noun: Token) -> bool:
    """A period named as such ("the quarter", "its fiscal year", "the 1988 period"), not an
    amount of time or of anything ("half of the workers", "years of fighting")."""
    children = list(noun.children)
    return (
        noun.lower_ in cues()["period_nouns"]
        and any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in children)
        and not any(c.lower_ == "of" for c in children)
    )


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


def _between_subject_and_verb(root: Token) -> Token | None:
    """Wire style puts a bare day between the subject and its verb ("The council Tuesday
    approved ..."); the parser often hangs it on the subject. The verb right after it, with
    only adverbs and auxiliaries between, is the predicate it dates."""
    head = root.head
    if root.dep_ not in _SUBJECT_MODIFIER_DEPS or head.pos_ not in ("NOUN", "PROPN"):
        return None
    subject = head
    while subject.dep_ == "conj" and subject.head is not subject:
        subject = subject.head
    verb = subject.head
    if subject.dep_ not in _SUBJECT_DEPS or verb.pos_ not in _VERBAL or verb.i < root.i:
        return None
    return verb if _right_before(root, verb, subject) else None


def _nominal_argument(token: Token) -> bool:
    """A subject, or a noun phrase the parser conjoined to a verb ("said X, and the last one
    since ...")."""
    return token.dep_ in _SUBJECT_DEPS or (
        token.dep_ == "conj" and token.pos_ in ("NOUN", "PROPN", "NUM", "PRON")
    )


def inside_subject(root: Token, verb: Token) -> bool:
    """True when the date is inside verb's subject (or a noun phrase conjoined to it) and not
    in the wire-style slot before the verb: "a quake in 1984, said the analyst" does not date
    the saying."""
    for child in verb.children:
        if _nominal_argument(child) and root in child.subtree:
            return not _right_before(root, verb, child)
    return False


def _right_before(root: Token, verb: Token, subject: Token) -> bool:
    """The date's phrase sits between the subject's last noun and the verb, with nothing but
    adverbs and auxiliaries after it ("Voters on Sunday elected", not "the mayor since 2004
    of the town resigned")."""
    phrase = root.head if root.dep_ == "pobj" else root
    first = min(t.i for t in phrase.subtree)
    end = max(t.i for t in phrase.subtree)
    before = root.doc[first - 1] if first > 0 else None
    if before is None or before.pos_ not in ("NOUN", "PROPN") or before not in subject.subtree:
        return False
    between = root.doc[end + 1 : verb.i]
    return verb.i > end and all(t.pos_ in ("ADV", "AUX", "PART") for t in between)


def _climb(root: Token) -> Token | None:
    wire = _between_subject_and_verb(root)
    if wire is not None:
        return _resolve_verb(wire)
    t = root
    for _ in range(MAX_CLIMB):
        head = t.head
        if head is t:
            return None
        if _compares(head):
            return None  # "the same price as this year", "more than in 2019": a baseline
        if t is not root and _nominal_argument(t) and head.pos_ in _VERBAL:
            # "a quake in 1984 ... said X": a date inside the subject dates no verb, unless it
            # ends right before the verb ("Voters on Sunday elected ...")
            return _resolve_verb(head) if _right_before(root, head, t) else None
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
            if t.dep_ in _ARGUMENT_DEPS and t is root and not _bare_weekday(root, head):
                return None
            return _resolve_verb(head)
        t = head
    return None


def _bare_weekday(root: Token, verb: Token) -> bool:
    """A lone weekday the parser took for an object of a verb that has its object already
    (a passive: "were named Thursday"; another object: "signed the deal Monday") is wire style
    for the day the verb happened; "named Sunday as the deadline" acts on the day."""
    taken = any(
        c.dep_ in ("auxpass", "nsubjpass") or (c.dep_ == "dobj" and c.i != root.i)
        for c in verb.children
    )
    return (
        taken
        and root.dep_ in ("dobj", "oprd")
        and root.lower_ in lexicon()["weekdays"]
        and not any(c.dep_ in ("det", "poss", "amod") for c in root.children)
        and verb.lower_ not in cues()["scheduling_words"]
    )


def _resolve_verb(verb: Token) -> Token | None:
    if _is_copula(verb):
        return _through_copula(verb)
    return _light(verb)


def relational_object(tok: Token, date: Token) -> bool:
    """ "Ten years after its founding, the club in May won the cup": a noun that a relational
    preposition ("after", "since", "until") governs happened at another time than its
    clause, so the clause's date is not its own; a date inside its phrase still is."""
    return (
        tok.dep_ == "pobj"
        and tok.head.lower_ in cues()["relational_preps"]
        and not tok.left_edge.i <= date.i <= tok.right_edge.i
    )


def _amount(token: Token) -> bool:
    """A figure: a number, or a noun counted by one ("4 pence", "20%", "$3 million")."""
    return token.like_num or any(
        c.dep_ in ("nummod", "quantmod", "compound") and c.like_num for c in token.children
    )


def _opener(token: Token) -> bool:
    """ "from", "than", "versus", and the "with"/"to" of "compared with"."""
    words = cues()["baseline_openers"]
    return token.lower_ in words or (
        token.lower_ in ("with", "to") and token.head.lower_ in cues()["comparison_words"]
    )


def _a_baseline(opener: Token) -> bool:
    """The opener's object is a figure, or a thing measured by one ("a loss of $3 million")."""
    for obj in (c for c in opener.children if c.dep_ == "pobj"):
        if _amount(obj) or any(
            _amount(g) for c in obj.children if c.lower_ == "of" for g in c.children
        ):
            return True
    return False


def baseline(date: Span, parse: dict[str, Any]) -> bool:
    """A date on the figure a change is measured from dates that figure, not the change:
    "down 4% from the previous Friday", "fell to $5 million from $7 million a year earlier",
    "from 20% last year". A single day after the figure ("cut to 4% from 5% on Friday") is
    the change's own date, so only a day that is the opener's object counts."""
    root = date.root
    head = root.head
    if _opener(head) and root.dep_ in ("pobj", "npadvmod"):  # "down 4% from last Friday"
        governor = head.head
        if _amount(governor) or governor.lower_ in cues()["change_adverbs"]:
            return True
    back = parse.get("kind") == "offset" and parse.get("sign", 0) < 0  # "a year ago/earlier"
    if not back and (parse.get("kind") != "date" or {"day", "weekday", "day_offset"} & set(parse)):
        return False
    for t in root.ancestors:  # inside the opener's phrase: "from 4.1 percent in December"
        if _opener(t) and t.dep_ == "prep":
            # "compared with year-earlier profit": a date of the compared event is its own
            own = _climb(root)
            return _a_baseline(t) and (own is None or t not in own.ancestors)
    first = date.doc[date.start - 1] if date.start else None
    if first is not None and first.text == ",":
        first = date.doc[first.i - 1] if first.i else None
    if first is None:
        return False
    # right after the opener's phrase: "from $186 million a year ago" hung on the verb
    return any(_opener(t) and t.right_edge == first and _a_baseline(t) for t in first.ancestors)


def back_from_present(verb: Token, parse: dict[str, Any]) -> bool:
    """A present-tense verb, not a perfect ("is still weighing a request last week", "the
    ruling follows two verdicts last June"), is no happening at a date counted back from the
    report: the date is a noun's the parser hung on the verb."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    present = verb.tag_ in ("VBZ", "VBP") or (
        verb.tag_ == "VBG" and bool(aux & cues()["scheduling_be"])
    )
    back = (
        (parse.get("kind") == "offset" and parse.get("sign", 0) < 0)
        or parse.get("rel", 0) < 0
        or parse.get("day_offset", 0) < 0
    )
    return present and back
