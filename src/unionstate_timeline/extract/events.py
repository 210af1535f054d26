"""Event mentions: triggers (patterns/events.jsonl), the date of each trigger's own clause,
status, actors and places. Output is plain pydantic models; no spaCy object leaves here."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..models import Document, EventMention, TimexMention
from ..nlp.names import doc_people
from ..nlp.syntax import (
    clause_head,
    context_words,
    cues,
    parsed,
    sent_end,
    tree_distance,
    window_words,
)
from ..patterns import matcher_patterns
from .bysent import by_sentence
from .describe import actors_places, agents_of, title
from .lead import (
    CALENDAR_KINDS,
    lead_predicate,
    lead_undated,
    news_sentences,
    present_perfect,
    reported_as_news,
)
from .predicates import (
    back_from_present,
    baseline,
    inside_subject,
    predicate_of,
    relational_object,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NEWS_SENTENCES = 4  # after the lead, how far down a present perfect still tells the day's news


@lru_cache(maxsize=4)
def _event_matchers(vocab: Any) -> tuple[Any, Any]:
    """The trigger patterns of events.jsonl: one-word ones in a PhraseMatcher (a hash lookup
    per token), the others in a Matcher."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    from ..temporal.gated import GatedMatcher

    words = PhraseMatcher(vocab, attr="LOWER")
    others: dict[str, list[list[dict[str, Any]]]] = {}
    for label, patterns in matcher_patterns("events.jsonl"):
        for pattern in patterns:
            only = pattern[0] if len(pattern) == 1 else {}
            if (
                set(only) == {"LOWER"}
                and isinstance(only["LOWER"], dict)
                and set(only["LOWER"]) == {"IN"}
            ):
                words.add(label, [Doc(vocab, words=[w]) for w in only["LOWER"]["IN"]])
            else:
                others.setdefault(label, []).append(pattern)
    return words, GatedMatcher(vocab, list(others.items())).near_keys


def _in_a_name(token: Token) -> bool:
    """ "the United States", "Mark Twain": a trigger word inside the name of a place or a
    person (patterns/events.json name_entities) is part of the name, not an event."""
    return token.pos_ == "PROPN" and token.ent_type_ in cues()["name_entities"]


def _in_circumstance(token: Token) -> bool:
    """True for a noun inside a phrase of circumstance: "during five hours of talks"."""
    t = token
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            return False
        if t.dep_ == "pobj" and t.head.lower_ in cues()["circumstance_preps"]:
            return True
        t = t.head
    return False


def status_of(token: Token, when_future: bool) -> tuple[str, bool]:
    """(status, negated) of the event whose trigger is token."""
    c = cues()
    words = context_words(token) if parsed(token.doc) else window_words(token)
    # "failed to agree during five hours of talks": the talks happened; a noun in a phrase
    # of circumstance is negated only by its own words ("no talks")
    if _in_circumstance(token):  # only its own words, and the tense of the verb it hangs on
        head = clause_head(token)
        words = {token.lower_, *(t.lower_ for t in token.children)}
        words |= {t.lower_ for t in head.children if t.dep_ in ("aux", "auxpass")} & set(
            c["future_aux"] | c["expected_cues"]
        )
    # "refused to order": the refusal negates the order, not itself; "did not refuse" is negated
    negated = bool((words - {token.lower_}) & c["negation_cues"])
    if words & c["cancelled_cues"] and not negated:
        return "cancelled", False
    if words & c["expected_cues"]:
        return "expected", negated
    if words & c["future_aux"] or words & c["planned_cues"] - {token.lower_}:
        return "planned", negated
    return ("planned" if when_future else "occurred"), negated


def _detail(parse: dict[str, Any]) -> int:
    return sum(k in parse for k in ("year", "month", "day")) if parse["kind"] == "date" else 0


def _finest_of_appositions(
    calendar: list[tuple[int, Span]], timexes: list[TimexMention]
) -> list[tuple[int, Span]]:
    """ "Two years ago, on 4 November 2021": two expressions side by side name one time; the
    one with more detail dates the event."""
    drop = set()
    for (i, a), (j, b) in zip(calendar, calendar[1:], strict=False):
        if 0 <= b.start_char - a.end_char <= 6:
            da, db = _detail(timexes[i].parse), _detail(timexes[j].parse)
            if da != db:
                drop.add(i if da < db else j)
    return [(i, span) for i, span in calendar if i not in drop]


def _quoted(sent: Span) -> list[tuple[int, int]]:
    """Character ranges of the quotations in a sentence."""
    ranges, opened = [], None
    for t in sent:
        if t.text in ("“", "”", '"', "«", "»"):
            if opened is None and t.text not in ("”", "»"):
                opened = t.idx
            elif opened is not None:
                ranges.append((opened, t.idx))
                opened = None
    return ranges


def _attach(
    sent: Span, triggers: list[tuple[str, Span]], timexes: list[tuple[int, Span]]
) -> dict[int, int]:
    """Map trigger index -> timex index. Each timex dates a trigger of its own clause when there
    is one (nearest in the tree first, over the whole sentence), never a speech verb outside its
    clause, and never across a quotation mark ("'Today we...,' he said" is not dated today)."""
    speech = set(cues()["speech_types"])
    pairs = []
    quotes = _quoted(sent) if parsed(sent.doc) else []
    heads = [clause_head(span.root) for _, span in triggers]
    for ti, tspan in timexes:
        home = clause_head(tspan.root)
        inside = {q for q in quotes if q[0] <= tspan.start_char < q[1]}
        options = []
        for k, (label, span) in enumerate(triggers):
            # "the talks scheduled for December 20": a clause on the trigger noun is its own
            same = (
                heads[k] == home
                or (home.dep_ in ("acl", "relcl") and home.head == span.root)
                or not parsed(span.doc)
            )
            if label in speech and not same or inside_subject(tspan.root, span.root):
                continue
            if relational_object(span.root, tspan.root):
                continue
            if inside != {q for q in quotes if q[0] <= span.start_char < q[1]}:
                continue
            options.append(
                (
                    not same,
                    tree_distance(span.root, tspan.root),
                    abs(span.start - tspan.start),
                    k,
                    ti,
                )
            )
        if parsed(tspan.doc):  # a date dates only its own clause: "met Putin, who took office
            options = [o for o in options if not o[0]]  # in 2000," is no meeting in 2000
        pairs += options
    attached: dict[int, int] = {}
    used: set[int] = set()
    for *_, k, ti in sorted(pairs):
        if k not in attached and ti not in used:
            attached[k] = ti
            used.add(ti)
    return attached


def _inherit(
    k: int, triggers: list[tuple[str, Span]], attached: dict[int, int]
) -> tuple[int, str] | None:
    """A trigger without its own date takes one through 'following/at the talks' or from the
    speech verb reporting it ("X sent a telegram, the press service said on Sunday")."""
    label, span = triggers[k]
    tok = span.root
    if not parsed(tok.doc):
        return None
    preps = set(cues()["inherit_preps"])
    for j, (other_label, other) in enumerate(triggers):
        if j == k or j not in attached:
            continue
        o = other.root
        # "agreed ... following talks on X" / "approved at a meeting ... by X": one date for both
        for low, high in ((o, tok), (tok, o)):
            if "meeting" in (label, other_label) and high in low.ancestors:
                path = [low, *(t for t in low.ancestors if high in t.ancestors)]
                # "added that a ceremony would be held at the summit": what was said is no date
                if {t.lower_ for t in path} & preps and all(t.dep_ != "ccomp" for t in path):
                    return attached[j], "via-meeting"
        if (
            other_label == "statement"
            and label != "statement"
            and o in tok.ancestors
            and reported_as_news(tok)
        ):
            return attached[j], "reported-same-day"
    return None


def extract_events(
    doc: Doc,
    document: Document,
    timexes: list[TimexMention],
    dateline: tuple[int, int] = (0, 0),
    lead: tuple[int, int] = (0, 0),
) -> list[EventMention]:
    """Event mentions per sentence, each with the temporal expression of its own clause."""
    people = doc_people(doc)
    words, matcher = _event_matchers(doc.vocab)
    from spacy.util import filter_spans

    found = [(doc.vocab.strings[m], doc[s:e]) for m, s, e in [*words(doc), *matcher(doc)]]
    timex_spans = {i: doc.char_span(t.start, t.end) for i, t in enumerate(timexes)}
    timex_tokens = {tok.i for s in timex_spans.values() if s is not None for tok in s}
    line = doc.char_span(*dateline, alignment_mode="expand") if dateline[1] else None
    dateline_tokens = {t.i for t in line} if line is not None else set()
    timex_tokens |= dateline_tokens
    # titles leave out dates (the timeline shows them) but keep "hours-long", "20-year"
    dated_tokens = dateline_tokens | {
        tok.i
        for i, s in timex_spans.items()
        if s is not None and timexes[i].parse["kind"] in CALENDAR_KINDS
        for tok in s
    }
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    labels = {(s.start, s.end): lab for lab, s in found}
    found_in = by_sentence(
        [s.start for s in sents], [s.end for s in sents], ((s.start, s) for _, s in found)
    )
    timexes_in = by_sentence(
        [s.start_char for s in sents],
        [s.end_char for s in sents],
        ((t.start, i) for i, t in enumerate(timexes)),
    )
    out: list[EventMention] = []
    for k, sent in enumerate(sents):
        spans = filter_spans(found_in[k])
        # a negated event ("failed to agree", "no plans to meet") is no event, and takes no date
        triggers = [
            (labels[(s.start, s.end)], s)
            for s in spans
            if s.root.i not in timex_tokens
            and not _in_a_name(s.root)
            and not status_of(s.root, False)[1]
        ]
        calendar = [
            (i, span)
            for i in timexes_in[k]
            if (span := timex_spans[i]) is not None
            and timexes[i].parse["kind"] in CALENDAR_KINDS
            and timexes[i].parse.get("relation") not in ("DCT", "FOR", "NAME")
        ]
        finest = _finest_of_appositions(calendar, timexes)
        # a date on the figure a change is measured from dates no event of the sentence
        own = [(i, span) for i, span in finest if not baseline(span, timexes[i].parse)]
        attached = _attach(sent, triggers, own) if triggers else {}
        _add_dated_predicates(sent, triggers, attached, own, timexes, labels, timex_tokens)
        direct = _add_when_clauses(sent, triggers, attached, finest, labels, timex_tokens)
        if triggers:
            out += _sentence_events(
                document, sent, triggers, attached, timexes, people, dated_tokens, direct
            )
    if lead[1]:
        news = news_sentences(sents, lead, NEWS_SENTENCES)
        for k, sent in enumerate(news):
            verb = (
                lead_predicate(sent, lambda t: (t.i, t.i + 1) in labels)
                if k == 0
                else present_perfect(sent)
            )
            if verb is not None and lead_undated(out, sent, verb, timexes, strict=k > 0):
                out = _lead_event(out, document, sent, verb, labels, people, dated_tokens)
    return out


def _lead_event(
    out: list[EventMention],
    document: Document,
    sent: Span,
    verb: Token,
    labels: dict[tuple[int, int], str],
    people: dict[str, str],
    dated_tokens: set[int],
) -> list[EventMention]:
    """The lead's news, dated later by the report's own day (method "lead")."""
    here = [m for m in out if m.sent_start == sent.start_char]
    own = [m for m in here if m.trigger_start == verb.idx]
    label = own[0].type if own else labels.get((verb.i, verb.i + 1), "other")
    kept = [m for m in out if not (m.sent_start == sent.start_char and m.trigger_start == verb.idx)]
    speech = label in cues()["speech_types"]
    actors, places, orgs = actors_places(verb, sent, people, speech, label != "other")
    mention = EventMention(
        agents=agents_of(verb, speech),
        doc_id=document.info.doc_id, type=label, title=title(verb, sent, dated_tokens),
        trigger=verb.text, trigger_start=verb.idx, status="occurred", actors=actors,
        places=places, organizations=orgs, timex=None, date_method="lead",
        sent_start=sent.start_char,
        sent_end=sent_end(sent),
    )  # fmt: skip
    return sorted([*kept, mention], key=lambda m: (m.sent_start, m.trigger_start))


def _add_dated_predicates(
    sent: Span,
    triggers: list[tuple[str, Span]],
    attached: dict[int, int],
    calendar: list[tuple[int, Span]],
    timexes: list[TimexMention],
    labels: dict[tuple[int, int], str],
    timex_tokens: set[int],
) -> None:
    """Dates no trigger took date the predicate they hang on in the parse (in place)."""
    if not parsed(sent.doc):
        return
    taken = set(attached.values())
    index = {span.root.i: k for k, (_, span) in enumerate(triggers)}
    for ti, tspan in calendar:
        if ti in taken or "relation" in timexes[ti].parse:
            continue
        pred = predicate_of(tspan)
        if pred is None or pred.i in timex_tokens or status_of(pred, False)[1]:
            continue
        k = index.get(pred.i)
        if k is None or k in attached:  # a second date of one trigger is a second event
            label = labels.get((pred.i, pred.i + 1)) or (
                triggers[k][0] if k is not None else "other"
            )
            triggers.append((label, sent.doc[pred.i : pred.i + 1]))
            k = len(triggers) - 1
        attached[k] = ti
        taken.add(ti)


def _add_when_clauses(
    sent: Span,
    triggers: list[tuple[str, Span]],
    attached: dict[int, int],
    calendar: list[tuple[int, Span]],
    labels: dict[tuple[int, int], str],
    timex_tokens: set[int],
) -> set[int]:
    """A relative clause on a date ("since 1948, when thousands died") happened on that date,
    whatever the date does for the rest of the sentence. Returns the triggers so dated (in
    place), which a relation of the date ("since", "after") does not undo."""
    if not parsed(sent.doc):
        return set()
    words = set(cues()["relative_time_adverbs"])
    index = {span.root.i: k for k, (_, span) in enumerate(triggers)}
    direct = set()
    for ti, tspan in calendar:
        for tok in tspan:
            for verb in tok.children:
                if (
                    verb.dep_ != "relcl"
                    or verb.pos_ != "VERB"
                    or verb.i in timex_tokens
                    or not any(c.dep_ == "advmod" and c.lower_ in words for c in verb.children)
                    or status_of(verb, False)[1]
                ):
                    continue
                k = index.get(verb.i)
                if k is None:
                    triggers.append(
                        (labels.get((verb.i, verb.i + 1), "other"), verb.doc[verb.i : verb.i + 1])
                    )
                    k = len(triggers) - 1
                attached[k] = ti
                direct.add(k)
    return direct


def _sentence_events(
    document: Document,
    sent: Span,
    triggers: list[tuple[str, Span]],
    attached: dict[int, int],
    timexes: list[TimexMention],
    people: dict[str, str],
    dated_tokens: set[int],
    direct: set[int] = frozenset(),  # type: ignore[assignment]
) -> list[EventMention]:
    """The event mentions of one sentence, each with its date (own, inherited or none)."""
    c = cues()
    out: list[EventMention] = []
    seen: set[tuple[str, int | None]] = set()
    for k, (label, span) in enumerate(triggers):
        ti = attached.get(k)
        if ti is not None and back_from_present(span.root, timexes[ti].parse):
            ti = None
        method = "explicit"
        if ti is not None and "relation" in timexes[ti].parse and k not in direct:
            continue  # "after December 20": the event is not on that date
        if ti is None:
            inherited = _inherit(k, triggers, attached)
            if inherited:
                ti, method = inherited
        if ti is None and (label not in c["undated_types"] or span.root.pos_ != "VERB"):
            continue  # undated events only from verbs: "a historic decision" is no event
        status, _ = status_of(span.root, ti is not None and timexes[ti].tense == "future")
        if (label, ti) in seen:
            continue
        seen.add((label, ti))
        speech = label in c["speech_types"]
        actors, places, orgs = actors_places(span.root, sent, people, speech, label != "other")
        out.append(
            EventMention(
                doc_id=document.info.doc_id,
                type=label,
                title=title(span.root, sent, dated_tokens, label in c["speech_types"]),
                trigger=span.text,
                trigger_start=span.start_char,
                status=status,
                actors=actors,
                places=places,
                organizations=orgs,
                agents=agents_of(span.root, speech),
                timex=ti,
                date_method=method,
                sent_start=sent.start_char,
                sent_end=sent_end(sent),
            )
        )
    return out
