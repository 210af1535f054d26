"""The lead convention of news writing: the first sentence of a report tells that day's news
without repeating the date ("Voters have approved the new charter" under a dated header).

This finds the predicate a lead sentence reports; the assemble stage dates it by the
document's own day (method `lead`, lower confidence), and only when that day is known.
Background, quotes, plans, modal and negated clauses are not the day's news.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp.syntax import clause_head, cues, parsed, tense_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Span, Token

    from ..models import EventMention, TimexMention

CALENDAR_KINDS = {"date", "interval", "offset"}  # expressions that put a mention on the calendar
_REPORTED = ("ccomp",)


_QUOTES = ('"', "“", "”", "«", "»", "'", "‘")


def _quoted(token: Token) -> bool:
    """True when token sits inside quotation marks of its sentence."""
    marks = [t.i for t in token.sent if t.text in _QUOTES]
    return sum(1 for i in marks if i < token.i) % 2 == 1


def lead_sentence(sents: list[Span], lead: tuple[int, int]) -> Span | None:
    """The first sentence of the lead paragraph (character range `lead`)."""
    for sent in sents:
        if sent.start_char >= lead[0] and sent.start_char < lead[1]:
            return sent
    return None


def news_sentences(sents: list[Span], lead: tuple[int, int], count: int) -> list[Span]:
    """The lead sentence and the `count` sentences after it: where a report tells its news."""
    first = lead_sentence(sents, lead)
    if first is None:
        return []
    i = next(k for k, s in enumerate(sents) if s.start == first.start)
    return sents[i : i + 1 + count]


def present_perfect(sent: Span) -> Token | None:
    """A main verb in the present perfect ("Airbus has confirmed ...", "have signed"): news of
    the report's day anywhere near the top, unless it is a state ("has been", "has had")."""
    if not parsed(sent.doc):
        return None
    root = sent.root
    if (
        root.pos_ != "VERB"
        or root.tag_ != "VBN"
        or root.lower_ in cues()["stative_verbs"]
        or _quoted(root)
    ):
        return None
    aux = {ch.lower_ for ch in root.children if ch.dep_ in ("aux", "auxpass")}
    modal = cues()["future_aux"] | cues()["expected_cues"]
    if not aux & {"has", "have", "'s", "'ve"} or aux & modal:
        return None
    if any(ch.dep_ == "neg" for ch in root.children):
        return None
    return root


def lead_predicate(sent: Span, typed: Callable[[Token], bool] = lambda t: False) -> Token | None:
    """The verb whose event the lead reports, or None when it reports no news of the day."""
    words = [t for t in sent if not t.is_space]
    if not parsed(sent.doc) or not words or words[0].text in _QUOTES:
        return None  # a quotation opening the story is someone's words, not the news
    root = sent.root
    if _quoted(root):
        return None
    c = cues()
    if root.lower_ in c["speech_verbs"]:
        # "X said it had signed ...": the reported clause carries the news, when it is past
        reported = [ch for ch in root.children if ch.dep_ in _REPORTED and ch.pos_ == "VERB"]
        if (
            reported
            and tense_of(reported[0]) == "past"
            and reported[0].lower_ not in c["stative_verbs"]
        ):
            root = reported[0]  # "confirmed that there was a glitch": the confirming is news
    if root.pos_ != "VERB" or root.lower_ in cues()["stative_verbs"]:
        return None
    aux = {ch.lower_ for ch in root.children if ch.dep_ in ("aux", "auxpass")}
    tense = tense_of(root)
    if aux & (c["future_aux"] | c["expected_cues"]) or tense not in ("past", "present"):
        return None
    # "is cutting jobs": the present progressive of a lead is the news under way that day
    progressive = root.tag_ == "VBG" and bool(aux) and aux <= set(c["scheduling_be"])
    if (
        tense == "present"
        and not progressive
        and (root.tag_ not in ("VBZ", "VBP") or aux or not typed(root))
    ):
        return None  # a present lead is news as a known kind of event ("claim the discovery")
    if aux & {"had"}:  # past perfect: before the news, any earlier day
        return None
    if any(ch.dep_ == "neg" for ch in root.children):
        return None
    return root


def lead_undated(
    out: list[EventMention], sent: Span, verb: Token, timexes: list[TimexMention], strict: bool
) -> bool:
    """True when nothing in the sentence dates the news verb, so the report's day may: no date
    of its own clause, and no day left unattached (the parse may have missed that it is the
    verb's: "The council Friday approved"). A dated subordinate clause ("after the storm that
    struck on Sunday") leaves the lead its own day. Further down (strict), any expression of
    time ("all season", "in December") means the sentence is not the day's news."""
    inside = [
        i for i, t in enumerate(timexes) if sent.start_char <= t.start < sent.end_char
        and t.parse.get("relation") != "DCT"
    ]  # fmt: skip
    if strict:  # a length that describes a thing ("a 27-year contract") is no time of the news
        return not [i for i in inside if not _describes_a_thing(sent, timexes[i])]
    here = [m for m in out if m.sent_start == sent.start_char]
    taken = {m.timex for m in here if m.timex is not None}
    days = {i for i in inside if timexes[i].parse.keys() & {"day", "weekday", "day_offset"}}
    if days - taken:
        return False
    doc = sent.doc
    for m in here:
        if m.timex is None:
            continue
        trigger = doc.char_span(m.trigger_start, m.trigger_start + len(m.trigger))
        if trigger is None:
            return False
        date = doc.char_span(timexes[m.timex].start, timexes[m.timex].end)
        if not (_subordinate(trigger.root, verb) or _dated_noun_aside(trigger.root, date, verb)):
            return False
    return True


_NOUN_MODIFIERS = ("compound", "amod", "nummod", "nmod", "poss")


def _dated_noun_aside(noun: Token, date: Span | None, verb: Token) -> bool:
    """An event noun dated by its own modifier inside a prepositional phrase of the news verb
    ("issued a statement on the 2020 elections", "congratulated her on the May 3 vote"): that
    date is the noun's, and the verb keeps the report's day. Not when the noun is the verb's
    own argument ("won Sunday's vote"), whose date is the news."""
    if date is None or noun.pos_ not in ("NOUN", "PROPN") or date.root.head != noun:
        return False
    if date.root.dep_ not in _NOUN_MODIFIERS or verb not in noun.ancestors:
        return False
    t = noun
    while t != verb:
        if t.dep_ == "pobj":
            return True
        t = t.head
    return False


def _describes_a_thing(sent: Span, timex: TimexMention) -> bool:
    span = sent.doc.char_span(timex.start, timex.end)
    return (
        span is not None
        and timex.parse["kind"] not in CALENDAR_KINDS
        and span.root.dep_ in ("amod", "compound", "nmod", "nummod")
    )


def _subordinate(token: Token, verb: Token) -> bool:
    """True when token hangs below verb through a relative, adverbial or noun-phrase link
    ("after the storm that struck on Sunday", "development, begun two years ago, has been
    delayed"), not in verb's own clause, a reported clause or a coordination ("told parliament
    it will vote in May", "met and signed on Monday"): the first clausal link up decides."""
    if token == verb or verb not in token.ancestors or clause_head(token) == verb:
        return False
    t = token
    while t != verb:
        if t.dep_ in ("relcl", "acl", "advcl", "pobj"):
            return True
        if t.dep_ in ("ccomp", "xcomp", "conj", "parataxis"):
            return False
        t = t.head
    return False


def reported_as_news(tok: Token) -> bool:
    """Present perfect or present ("has sent", "is meeting"): the report is of the same day.
    Past perfect and plain past may be any earlier day, so they inherit nothing."""
    head = clause_head(tok)
    aux = {c.lower_ for c in head.children if c.dep_ == "aux"}
    if any(c.dep_ == "mark" and c.lower_ in cues()["future_marks"] for c in head.children):
        return False  # "until the envoy visits": a present after these tells what is ahead
    return tok.tag_ != "VBG" and (
        bool(aux & {"has", "have"})
        and head.tag_ == "VBN"
        or head.tag_ in ("VBZ", "VBP")
        and not aux & {"will", "would"}
    )
