"""What a mention says besides its date: the clause it tells, its title, its actors and places."""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

from ..nlp.names import entity_name
from ..nlp.syntax import clause_head, cues, ents_in, parsed
from ..reading.page import strip_dateline

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

TITLE_MAX = 240  # a title is a clause; only a run-on sentence is cut
_TITLE_LEAD = {"that", "and", "but", "to", "as", "which", "who", "while", "so", "also"}


def clause_tokens(trigger: Token) -> list[Token]:
    head = clause_head(trigger)
    skip: set[int] = set()
    speaker = (
        subject_of(head) if head.lower_ in cues()["speech_verbs"] and head != trigger else None
    )
    for child in head.children:
        if (
            child.dep_ in ("ccomp", "parataxis", "advcl", "relcl")
            and trigger not in child.subtree
            or child == speaker
        ):
            skip |= {t.i for t in child.subtree}
    return [t for t in head.subtree if t.i not in skip]


def _title_tokens(trigger: Token) -> list[Token]:
    """The clause a title tells: up through "was expected to be finalized" to its subject, and
    a conjoined verb ("... and finished 14th") with the subject it shares."""
    head = clause_head(trigger)
    while head.dep_ == "xcomp" and head.head.pos_ in ("VERB", "AUX") and head.head is not head:
        head = head.head
    tokens = clause_tokens(head) if head is not clause_head(trigger) else clause_tokens(trigger)
    has_subject = any(t.dep_ in ("nsubj", "nsubjpass") and t.head == head for t in tokens)
    if head.dep_ == "conj" and not has_subject:
        subject = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subject:
            tokens = sorted([*subject[0].subtree, *tokens], key=lambda t: t.i)
    return tokens


def subject_of(verb: Token) -> Token | None:
    """The subject of a speech verb: the nearest one on its left (parsers sometimes give two)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    left = [c for c in subjects if c.i < verb.i]
    return max(left, key=lambda c: c.i) if left else (subjects[0] if subjects else None)


def actors_places(
    trigger: Token, sent: Span, people: dict[str, str], speech: bool, typed: bool = True
) -> tuple[list[str], list[str], list[str]]:
    """(actors, places, organisations) of the trigger's clause (a speech verb's: its speaker)."""
    if not parsed(trigger.doc):
        ents = ents_in(sent)
        return sorted({people.get(e.text, e.text) for e in ents if e.label_ == "PERSON"}), [], []
    scope = {t.i for t in clause_tokens(trigger)}
    head = clause_head(trigger)
    if speech:
        scope = set()
        for verb in [trigger, *trigger.ancestors][:4]:
            subject = subject_of(verb)
            if subject is not None:
                scope = {t.i for t in subject.subtree}
                break
    actors, parties, places, orgs = set(), set(), set(), set()
    for ent in ents_in(sent):
        if ent.root.i not in scope:
            continue
        name = entity_name(ent)
        if ent.label_ == "ORG" and (speech or _argument_of(ent.root, head)):
            orgs.add(name)
        if (
            ent.label_ in ("GPE", "LOC", "FAC", "ORG", "NORP")  # the model calls some cities NORP
            and ent.root.head.lower_ in ("in", "at")
            and ent.root.dep_ == "pobj"
        ):
            places.add(name)
        elif ent.label_ == "PERSON":
            actors.add(people.get(name, name))
        elif ent.label_ == "GPE" or (speech and ent.label_ == "ORG"):
            parties.add(name)
    # countries as parties are for typed events ("Russia and Belarus signed"); an untyped
    # happening's countries ("a flood north of the capital") are where it happened, not who acted
    return sorted(actors or (parties if typed else set())), sorted(places), sorted(orgs)


_NAME_POS = ("PROPN",)
_NAME_ENTS = ("PERSON", "ORG", "GPE", "NORP")
_NOT_THE_SUBJECT = ("relcl", "acl", "advcl", "ccomp", "appos", "prep")


def agents_of(trigger: Token, speech: bool = False) -> list[str]:
    """Who did it, by name: the proper names of the subject of the trigger's clause (of a
    passive, its "by" agent). A pronoun subject of a reported clause ("X said it agreed")
    stands for the speaker, so the verbs above are tried (at most two)."""
    if not parsed(trigger.doc):
        return []
    head = trigger if speech else clause_head(trigger)
    for verb in [head, *head.ancestors][:3]:
        by = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        subject = by[0] if by else subject_of(verb)
        if subject is None:
            if verb.dep_ in ("xcomp", "conj", "ccomp"):
                continue  # "agreed to sell": the subject is the governing verb's
            return []
        if subject.pos_ == "PRON":
            continue
        return _names_in(subject)
    return []


def _names_in(phrase: Token) -> list[str]:
    """The proper names of a noun phrase, outside its clauses, appositions and prepositional
    phrases ("Valley Federal Savings", "Cypriot" of "the Cypriot government")."""
    inside: list[Token] = []
    stack = [phrase]
    while stack:
        t = stack.pop()
        inside.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _NOT_THE_SUBJECT and c.tag_ != "POS")
    names: list[list[str]] = []
    last = -2
    for t in sorted(inside, key=lambda t: t.i):
        if t.pos_ in _NAME_POS or t.ent_type_ in _NAME_ENTS:
            if t.i == last + 1 and names:
                names[-1].append(t.text)
            else:
                names.append([t.text])
            last = t.i
    return sorted({" ".join(n) for n in names})


_ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "dative", "agent", "attr", "oprd")


def _argument_of(token: Token, head: Token) -> bool:
    """True when token sits in an argument of head (who acted, on what), not in an adjunct
    ("in New York Stock Exchange trading", "according to the agency")."""
    t = token
    for _ in range(12):
        if t.head.i == head.i:
            return t.i != head.i and t.dep_ in _ARGUMENTS
        if t.head.i == t.i:
            return False
        t = t.head
    return False


_FRONTED = ("prep", "advcl", "advmod", "npadvmod", "mark", "punct", "cc", "dep", "intj", "tmod")
_RELATIVE = ("relcl", "acl")
_NOUN_LEFT = ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod")


def _who_did_what(trigger: Token, speech: bool) -> list[Token]:
    """Who did what: the clause from its subject on, without the fronted adverbials before the
    subject ("As expected, in a seminar in May, physicists confirmed ..."), and, for a
    relative or participle clause, the noun it is about in place of its pronoun ("the quake
    that struck the coast" -> "The quake struck the coast"; "a statement issued by ...")."""
    head = clause_head(trigger)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj" and trigger.i < head.i:
        # "After the 1895 earthquake, ... occurred": a fronted happening is its noun phrase
        skip = {
            t.i for c in trigger.children if c.dep_ in ("relcl", "conj", "cc") for t in c.subtree
        }
        return [t for t in trigger.subtree if t.i not in skip]
    while head.dep_ == "xcomp" and head.head.pos_ in ("VERB", "AUX") and head.head is not head:
        head = head.head
    if speech:
        skip = {t.i for c in head.children if c.dep_ in ("advcl", "parataxis") for t in c.subtree}
        tokens = [t for t in head.subtree if t.i not in skip]
    else:
        tokens = _title_tokens(trigger)
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i]
    pronoun = [c for c in subjects if c.tag_ in ("WDT", "WP")]
    relative = head.dep_ in _RELATIVE and head.head.pos_ in ("NOUN", "PROPN")
    if speech and not subjects and not relative:
        return list(trigger.sent)  # the speaker is somewhere the parse did not link: say all
    if subjects or relative:  # without a subject the words before the verb may be who acted
        start = min(t.i for t in subjects[0].subtree) if subjects else head.i
        fronted = {t.i for c in head.children if c.i < start and c.dep_ in _FRONTED
                   for t in c.subtree}  # fmt: skip
        tokens = [t for t in tokens if t.i not in fronted]
    if relative and (pronoun or not subjects):
        noun = head.head
        about = [t for c in noun.lefts if c.dep_ in _NOUN_LEFT for t in c.subtree] + [noun]
        drop = {c.i for c in pronoun} | {c.i for c in head.children if c.dep_ == "mark"}
        first = min(t.i for t in head.subtree)
        tokens = [*about, *(t for t in tokens if t.i not in drop and t.i >= first)]
        tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    return tokens


def _joined(tokens: list[Token], the: Set[int] = frozenset()) -> str:
    """The tokens' text, with a space where the title skips words of the sentence; tokens in
    `the` read "the " (a dropped possessive date's "'s")."""
    parts = []
    for t, nxt in zip(tokens, [*tokens[1:], None], strict=True):
        if t.i in the:
            parts.append("the ")
            continue
        if nxt is not None and nxt.i != t.i + 1:  # words skipped: one space, none before a mark
            parts.append(t.text if nxt.is_punct and not nxt.is_left_punct else t.text + " ")
        else:
            parts.append(t.text_with_ws)
    return "".join(parts)


_POSSESSIVE = {"'s", "’s", "'", "’"}
_SETS_OFF = {",", ";", ":", "(", "—", "–", "-"}


def _date_words(tokens: list[Token], timex_tokens: set[int]) -> tuple[set[int], set[int]]:
    """What leaves a title with its dates (which the timeline shows): each date with its
    preposition ("on Monday"), and the commas that set it off when nothing is left before it
    ("On Monday, the council ...") or it sat between two ("The council, on Monday, approved");
    a possessive date ("to yesterday's announcement") leaves "the" in place of its "'s".
    Returns (dropped, made "the")."""
    doc = tokens[0].doc if tokens else None
    drop: set[int] = set()
    the: set[int] = set()
    if doc is None:
        return drop, the
    kept = [t.i for t in tokens]
    for t in tokens:
        if t.i not in timex_tokens or t.i - 1 in timex_tokens:
            continue
        end = t.i
        while end + 1 < len(doc) and end + 1 in timex_tokens:
            end += 1
        after = doc[end + 1] if end + 1 < len(doc) else None
        if after is not None and after.text in _POSSESSIVE and after.dep_ == "case":
            the.add(after.i)  # "yesterday's announcement" -> "the announcement"
            continue
        first = t.i
        if first > 0 and doc[first - 1].pos_ == "ADP" and doc[first - 1].dep_ != "case":
            first -= 1
        drop |= set(range(first, t.i))
        before = [i for i in kept if i < first and i not in drop and i not in timex_tokens]
        if after is None or not after.is_punct or after.text not in ",;:":
            continue
        if not before or doc[before[-1]].text in _SETS_OFF:
            drop.add(after.i)
            if before and doc[before[-1]].text == ",":  # ", on Monday,": both commas go
                drop.add(before[-1])
    return drop, the


def title(trigger: Token, sent: Span, timex_tokens: set[int], speech: bool = False) -> str:
    tokens = list(sent) if not parsed(trigger.doc) else _who_did_what(trigger, speech)
    # beside timex_tokens, a document-wide set never copied per title
    drop, the = _date_words(tokens, timex_tokens)
    tokens = [t for t in tokens if t.i not in drop and t.i not in timex_tokens]
    while tokens and (tokens[0].lower_ in _TITLE_LEAD or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    text = _joined(tokens, the).strip(' ,.;:"“”\n')
    text = " ".join(text.split())
    text = strip_dateline(text)
    text = text[:1].upper() + text[1:]
    # whole, for the data and for merging by wording; displays shorten it themselves
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 3].rsplit(" ", 1)[0] + "…"
