"""Numeric claims: quantity, unit, what it counts, qualifier, who says so, as of when."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..models import ClaimMention, Document, TimexMention
from ..nlp.names import doc_people, entity_name
from ..nlp.syntax import clause_head, cues, ents_in, sent_end
from ..patterns import lexicon, load_json_data
from .bysent import by_sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@lru_cache(maxsize=1)
def _qualifier_words() -> list[tuple[re.Pattern[str], str]]:
    """The lexicon's qualifier cues as whole-word patterns, compiled once."""
    return [
        (re.compile(r"\b" + re.escape(cue) + r"\b"), qual) for cue, qual in _lex()["qualifiers"]
    ]


@lru_cache(maxsize=1)
def _lex() -> dict[str, Any]:
    return load_json_data("claims.json")  # type: ignore[no-any-return]


def number_value(token: Token) -> float | None:
    """The number a token writes ("31", "1,200", "9.2", "eight"), or None."""
    text = token.text.lower()
    if _NUMBER.match(text):
        value = float(text.replace(",", ""))
        return value if math.isfinite(value) else None  # 400 digits: no number JSON can write
    word = lexicon()["numbers"].get(text)
    if isinstance(word, int) and text not in ("a", "an", "one"):
        return float(word)
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _unit_noun(t: Token) -> tuple[Token | None, bool]:
    """The noun a number counts, and whether it was reached through "of which"."""
    for child in t.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "out"):
            pobj = next((g for g in child.subtree if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, pobj.lower_ in ("which", "them", "these")
    if t.dep_ in ("nummod", "quantmod", "amod", "compound") and t.head.pos_ in ("NOUN", "PROPN"):
        return t.head, False
    return None, False


def _subject(noun: Token) -> str:
    mods = [
        c
        for c in noun.children
        if c.dep_ in ("compound", "amod") and c.i < noun.i and number_value(c) is None
    ]
    start = min([noun.i] + [m.i for m in mods])
    return noun.doc[start : noun.i + 1].text


def _qualifier(t: Token, sent: Span) -> str | None:
    """What the number says of its subject: a cue just before it ("more than"), its place in
    "N out of M" (M is the total), the words of its own clause ("are ready", "have not yet
    coordinated"), else the nearest cue in the sentence."""
    lex = _lex()
    before = " ".join(x.lower_ for x in t.doc[max(t.i - 2, sent.start) : t.i])
    for cue, qual in lex["before_number"].items():
        if before.endswith(cue):
            return str(qual)
    holder = t.head if t.dep_ in ("nummod", "quantmod") else t
    if holder.dep_ == "pobj" and holder.head.lower_ in ("of", "out") and holder.head.head.i < t.i:
        return "total"
    verb = clause_head(holder)
    words = [
        verb,
        *(
            c
            for c in verb.children
            if c.dep_ in ("neg", "acomp", "advmod", "aux", "auxpass", "prt", "nsubj")
        ),
    ]
    clause = " ".join(w.lower_ for w in sorted(words, key=lambda w: w.i))
    for found, qual in _qualifier_words():
        if found.search(clause):
            return str(qual)
    text = sent.text.lower()
    pos = t.idx - sent.start_char
    best: tuple[int, str] | None = None
    for found, qual in _qualifier_words():
        for m in found.finditer(text):
            dist = abs(m.start() - pos)
            if best is None or dist < best[0]:
                best = (dist, qual)
    return best[1] if best else None


def _attribution(sent: Span, people: dict[str, str]) -> str | None:
    text = sent.text
    speech = set(cues()["speech_verbs"])
    for ent in ents_in(sent):
        if ent.label_ != "PERSON":
            continue
        name = entity_name(ent)
        before = text[: ent.start_char - sent.start_char].lower()
        speaker = ent.root.dep_ in ("nsubj", "nsubjpass") and ent.root.head.lower_ in speech
        if speaker or before.rstrip().endswith(("said", "says")) or "according to" in before[-60:]:
            return people.get(name, name)
    return None


def extract_claims(doc: Doc, document: Document, timexes: list[TimexMention]) -> list[ClaimMention]:
    """Numeric claims of one document."""
    if not doc.has_annotation("DEP"):
        return []
    lex = _lex()
    people = doc_people(doc)
    in_timex = {
        i for t in timexes if (s := doc.char_span(t.start, t.end)) for i in range(s.start, s.end)
    }
    out: list[ClaimMention] = []
    last_unit: tuple[str, str] | None = None  # what "20 of which" / "eight of them" counts
    sents = list(doc.sents)
    dated = [
        next(iter(found), None)
        for found in by_sentence(
            [s.start_char for s in sents],
            [s.end_char for s in sents],
            ((t.start, i) for i, t in enumerate(timexes) if _dates_a_claim(t)),
        )
    ]  # the first date of each sentence, found once per document
    for sent, when in zip(sents, dated, strict=True):
        done: set[int] = set()
        for ent in ents_in(sent):
            if ent.label_ in ("MONEY", "PERCENT", "QUANTITY"):
                done |= {t.i for t in ent}
                claim = _ent_claim(ent, sent, document, people, when)
                if claim:
                    out.append(claim)
        for t in sent:
            if not (t.like_num or t.lower_ in lexicon()["numbers"]):
                continue
            value = number_value(t)
            if (
                value is None
                or t.i in in_timex
                or t.i in done
                or t.ent_type_ in ("DATE", "TIME", "ORDINAL")
            ):
                continue
            if t.i > sent.start and t.doc[t.i - 1].lower_ == "per":
                continue  # "$127 per 1,000 cubic metres": a denominator, not a quantity
            if value < 3 and not t.is_digit:
                continue  # "the two presidents" counts people, it makes no claim
            noun, via_which = _unit_noun(t)
            if via_which and last_unit:
                unit, subject = last_unit
            elif noun is not None and noun.pos_ == "NOUN":
                unit = lex["units"].get(noun.lower_, noun.lower_)
                subject = _subject(noun)
            else:
                continue
            if unit in lex["skip_units"] or noun is not None and noun.lower_ in lex["skip_units"]:
                continue
            last_unit = (unit, subject)
            out.append(
                _claim(
                    document,
                    sent,
                    subject,
                    value,
                    unit,
                    _qualifier(t, sent),
                    _attribution(sent, people),
                    when,
                )
            )
    return out


def _ent_claim(
    ent: Span,
    sent: Span,
    document: Document,
    people: dict[str, str],
    when: int | None,
) -> ClaimMention | None:
    """A claim from a MONEY, PERCENT or QUANTITY entity ("$630 million in loans", "9.2%",
    "24 million tonnes of crude oil"); the currency sign may stand just outside the entity."""
    lex = _lex()
    if ent.start > sent.start and ent.doc[ent.start - 1].lower_ == "per":
        return None  # "$127 per 1,000 cubic metres": a denominator
    number = next((t for t in ent if number_value(t) is not None), None)
    if number is None:
        return None
    wide = ent.doc[max(ent.start - 1, sent.start) : min(ent.end + 1, sent.end)]
    scale = next((lex["scales"][t.lower_] for t in ent if t.lower_ in lex["scales"]), 1)
    value = float(number_value(number)) * scale  # type: ignore[arg-type]
    if not math.isfinite(value):
        return None
    after = ent.doc[ent.end : ent.end + 3]
    if ent.label_ == "PERCENT":
        unit, subject = "percent", _clause_subject(ent)
    elif ent.label_ == "MONEY":
        currency = next((lex["money"][t.lower_] for t in wide if t.lower_ in lex["money"]), None)
        if currency is None:
            return None
        unit = str(currency)
        in_what = len(after) > 1 and after[0].lower_ == "in"  # "$630 million in loans"
        subject = after[1].text if in_what else _clause_subject(ent)
    else:
        if ent.root.pos_ != "NOUN" or ent.root.lower_ in lex["skip_units"]:
            return None
        unit = lex["units"].get(ent.root.lower_, ent.root.lower_)
        of = after[1:] if len(after) > 1 and after[0].lower_ == "of" else None
        subject = _subject(of.root) if of is not None and of.root.pos_ == "NOUN" else unit
    return _claim(
        document,
        sent,
        subject,
        value,
        str(unit),
        _qualifier(number, sent),
        _attribution(sent, people),
        when,
    )


def _clause_subject(ent: Span) -> str:
    """What a sum or a share is of: the subject of its clause ("trade ... exceeded $45 bn")."""
    verb = clause_head(ent.root)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return "amount" if ent.label_ == "MONEY" else "share"
    return _subject(subj)


def _dates_a_claim(t: TimexMention) -> bool:
    """A date or interval said of the claim itself (not "after", "for", a name or the DCT)."""
    return t.parse["kind"] in ("date", "interval") and "relation" not in t.parse


def _claim(
    document: Document,
    sent: Span,
    subject: str,
    value: float,
    unit: str,
    qualifier: str | None,
    attributed: str | None,
    timex: int | None,
) -> ClaimMention:
    lex = _lex()
    canonical = lex["series_aliases"].get(unit, unit)
    if unit in lex["money"].values() or unit in ("percent", "times"):
        canonical = f"{subject} {unit}"  # a share or a sum is a series only of the same subject
    return ClaimMention(
        doc_id=document.info.doc_id,
        subject=subject,
        series=_slug(canonical),
        value=value,
        unit=unit,
        qualifier=qualifier,
        attributed_to=attributed,
        timex=timex,
        sent_start=sent.start_char,
        sent_end=sent_end(sent),
    )
