"""Extract stage: temporal expressions, event mentions and numeric claims of one annotated
spaCy Doc. Output is plain pydantic models with character offsets; no spaCy object leaves this
stage. Events are in `events.py`, claims in `claims.py`, clause helpers in `syntax.py`.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from ..models import DocExtraction, Document, TimexMention
from ..nlp.syntax import clause_head, cues, tense_of
from ..temporal.detect import SPANS_KEY, in_context
from ..temporal.parse import parse_expression
from .events import CALENDAR_KINDS, extract_events

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract", "extract_events", "extract_timexes"]


def _lead(text: str) -> tuple[int, int]:
    """Character range of the lead: the first prose paragraph."""
    pos = 0
    for para in text.split("\n"):
        if len(para.strip()) >= 100:
            return pos, pos + len(para)
        pos += len(para) + 1
    return 0, 0


def _lead_end(text: str) -> int:
    """Character offset where the lead (first prose paragraph) ends."""
    pos = 0
    for para in text.split("\n"):
        if len(para.strip()) >= 100:
            return pos + len(para)
        pos += len(para) + 1
    return 0


_NOUN_MODIFIER_DEPS = ("poss", "compound", "amod", "nmod", "nummod")


def _relation(span: Span, parse: dict[str, Any], dateline: tuple[int, int]) -> str | None:
    """How an expression relates to an event in its clause, when not "on that date":
    AFTER/BEFORE ("after December 20"), FOR ("the budget for 2024": a period a thing is
    for), NAME ("Union Resolve 2022"), DCT (the dateline: the document's own date)."""
    if parse["kind"] not in CALENDAR_KINDS:
        return None
    if dateline[0] <= span.start_char < dateline[1]:
        return "DCT"
    if span.start == 0:
        return None
    prev = span.doc[span.start - 1]
    # "after Thursday's ruling", "for Friday's ceremony": the preposition is the noun's
    on_noun = span.root.dep_ in _NOUN_MODIFIER_DEPS and span.root.head.pos_ in ("NOUN", "PROPN")
    if prev.lower_ == "for" and not on_noun and prev.head.lower_ not in cues()["scheduling_words"]:
        if _reporting_period(prev, span, parse):
            return None  # "For 1988, the company earned ...": the period the results fell in
        return "FOR"  # "a price for 2020", but "talks scheduled for December 20" is a date
    if set(parse) == {"kind", "year"} and prev.pos_ == "PROPN" and prev.text[:1].isupper():
        return "NAME"  # "Union Resolve 2022", "Zapad 2021": a year in a name
    if on_noun:
        return None
    if prev.lower_ in cues()["noun_period_preps"] and prev.head.pos_ == "NOUN":
        return "FOR"  # "the strategy to 2030", "the programme through 2026"
    return cues()["relational_preps"].get(prev.lower_)  # type: ignore[no-any-return]


def _reporting_period(prep: Token, span: Span, parse: dict[str, Any]) -> bool:
    """A fronted "For <period>," on a verb of results frames what the period brought ("For
    1988, the company earned ..."; patterns/events.json result_verbs); a plan, forecast or
    budget for a period ("For 2022, the board approved a budget") keeps FOR, and so does a
    period still ahead ("For next year, ...")."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        prep.is_sent_start is True
        and after is not None
        and after.text == ","
        and prep.head.lower_ in cues()["result_verbs"]
        and (parse.get("rel") or 0) <= 0
    )


def _scheduled_present(span: Span) -> bool:
    """ "meet Monday", "is meeting Thursday", "are to resume Tuesday": a present simple, a
    present progressive or "be to" whose own verb a weekday dates tells an arrangement, so
    the weekday is the coming one. Reporting and linking verbs ("says", "is") are no
    arrangement; "was to arrive Monday", a past schedule, keeps its own tense."""
    if not span.doc.has_annotation("DEP"):
        return False
    tok, verb, c = span.root, clause_head(span.root), cues()
    on_verb = tok.head.i == verb.i or (tok.dep_ == "pobj" and tok.head.head.i == verb.i)
    if not on_verb or verb.pos_ != "VERB" or verb.lower_ in c["speech_verbs"] | c["stative_verbs"]:
        return False
    aux = [a for a in verb.children if a.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBZ":
        return not aux
    if verb.tag_ == "VBP":  # "stocks hurt ... on Friday": a past form the tagger read as present
        return not aux and any(_plural(s) for s in verb.children if s.dep_ == "nsubj")
    if verb.tag_ == "VBG":
        return bool(aux) and all(a.tag_ in ("VBZ", "VBP") for a in aux)
    return (
        verb.tag_ == "VB"
        and verb.dep_ == "xcomp"
        and any(a.lower_ == "to" for a in aux)
        and verb.head.lower_ in c["scheduling_be"]
    )


def _happened_on(span: Span) -> bool:
    """The date hangs on a past verb of happening itself ("changed its supplier in December",
    "was found on Nov. 3"), not on a schedule ("was moved to December", "set the vote for
    May") or on a noun: a month or day ahead of the report is then last year's, not a plan."""
    if not span.doc.has_annotation("DEP"):
        return False
    tok, verb, c = span.root, clause_head(span.root), cues()
    if tok.dep_ == "pobj":
        if tok.head.lower_ not in c["happening_preps"] or tok.head.head.i != verb.i:
            return False
    elif tok.head.i != verb.i or tok.dep_ not in ("npadvmod", "tmod"):
        return False
    if verb.lower_ in c["scheduling_words"] or verb.pos_ != "VERB":
        return False
    aux = [a.lower_ for a in verb.children if a.dep_ in ("aux", "auxpass")]
    return (verb.tag_ == "VBD" and not aux) or (verb.tag_ == "VBN" and aux in (["was"], ["were"]))


def _plural(subject: Token) -> bool:
    """A subject a plain present agrees with ("they meet", "the ministers meet", "he and she
    meet"): not a third person singular, by the model's morphology; with a singular one
    ("weakness hurt") the verb is a past form, not a present."""
    morph = subject.morph
    return (
        "Plur" in morph.get("Number", [])
        or not {"1", "2"}.isdisjoint(morph.get("Person", []))
        or any(c.dep_ == "conj" for c in subject.children)
    )


def _tense(span: Span, parse: dict[str, Any]) -> str:
    """The clause's tense, except that a weekday given as a deadline ("until 9 a.m. Tuesday",
    "postponed until Tuesday", "as soon as Monday") lies ahead whatever the verb's tense."""
    tense = tense_of(span.root)
    if "weekday" in parse and "month" not in parse and parse.get("rel") is None:
        if tense in ("present", "none") and _scheduled_present(span):
            return "future"
        before = [t.lower_ for t in span.doc[max(span.start - 3, 0) : span.start]]
        deadline = before[-1:] and before[-1] in cues()["deadline_words"]
        # but "had filed by Wednesday", "until Thursday they had not ...": a deadline passed
        pluperfect = any(c.lower_ == "had" for c in clause_head(span.root).children)
        if (deadline or before == ["as", "soon", "as"]) and not pluperfect:
            return "future"
    return tense


def extract_timexes(doc: Doc, dateline: tuple[int, int] = (0, 0)) -> list[TimexMention]:
    """Temporal expressions of the doc (set by the unionstate_timex component), with tense.

    `dateline` is the character range of the document's dateline, whose date is the document's
    own and never an event's."""
    lead_end = _lead_end(doc.text)
    has_sents = doc.has_annotation("SENT_START")
    starts = [s.start_char for s in doc.sents] if has_sents else [0]
    speech = set(cues()["speech_verbs"])
    out = []
    for span in doc.spans.get(SPANS_KEY, []):
        parse = parse_expression(span.text)
        if parse is None:
            continue
        parse = in_context(span, parse)
        relation = _relation(span, parse, dateline)
        if relation:
            parse = {**parse, "relation": relation}
        tense = _tense(span, parse)
        if tense == "past" and "month" in parse and "year" not in parse and _happened_on(span):
            parse = {**parse, "on_past_verb": True}
        out.append(
            TimexMention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                type=span.label_,
                parse=parse,
                tense=tense,  # type: ignore[arg-type]
                speech=clause_head(span.root).lower_ in speech,
                sent_start=starts[bisect_right(starts, span.start_char) - 1],
                in_lead=span.start_char < lead_end,
            )
        )
    return out


def extract(document: Document, doc: Doc) -> DocExtraction:
    """Everything the per-document stages find in one annotated document."""
    from .claims import extract_claims

    dateline = (0, 0)
    if document.info.dateline:
        start = document.body.find(document.info.dateline)
        if start >= 0:
            dateline = (start, start + len(document.info.dateline))
    # header date lines, bylines and labelled lines date the page, never an event
    own = [(c.start, c.end) for c in document.date_cues if c.start >= 0]
    timexes = [
        t.model_copy(update={"parse": {**t.parse, "relation": "DCT"}})
        if any(a <= t.start < b or t.start <= a < t.end for a, b in own)
        and t.parse["kind"] in CALENDAR_KINDS
        else t
        for t in extract_timexes(doc, dateline)
    ]
    return DocExtraction(
        doc=document,
        timexes=timexes,
        events=extract_events(doc, document, timexes, dateline, _lead(document.body)),
        claims=extract_claims(doc, document, timexes),
    )
