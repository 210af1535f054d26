"""Find temporal expressions in a spaCy Doc: Matcher patterns (patterns/temporal.jsonl) plus the
model's DATE/TIME entities, trimmed to minimal spans, joined into intervals, and kept only when
the temporal grammar can read them.

`TimexDetector` is a spaCy component (`unionstate_timex`); it only annotates: the spans go to
`doc.spans["timex"]`, labelled with their TIMEX3 type.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..patterns import lexicon, matcher_patterns
from .coordination import second_date, to_a_possessive
from .lookalike import a_generic_day, a_quoted_title
from .parse import parse_expression

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

SPANS_KEY = "timex"
KIND_TO_TYPE = {
    "date": "DATE",
    "interval": "DATE",
    "offset": "DATE",
    "ref": "DATE",
    "duration": "DURATION",
    "set": "SET",
    "time": "TIME",
}
_DIGIT = re.compile(r"\d")
_GLUED_DAY = re.compile(r"^(\d{1,2}(?:st|nd|rd|th)?)[./,;:]+\S")
_FRACTION = re.compile(r"^(?:an?\s+)?\w+\s*-\s*quarters?$", re.IGNORECASE)
_PART_ADJECTIVE = re.compile(r"(?:fiscal\s+)?\w+-(?:quarter|half)", re.IGNORECASE)
_TRAILING = {",", ".", ";", ":", "'s", "’s", "-", "–", "(", "["}


WINDOW = 5  # tokens on each side of an anchor word that a pattern may reach


def anchor_words() -> set[str]:
    """Words of the temporal patterns that carry time by themselves (months, units, "today",
    "now"...): every pattern word except those the lexicon says need another word beside them
    (prepositions, numbers, modifiers, the names in holidays, whose "Day" is the anchor)."""
    lx = lexicon()
    function = {
        w.lower()
        # time zones come after a clock time, whose digits anchor the window already
        for key in (
            "strip_leading",
            "interval_joiners",
            "interval_openers",
            "non_anchor_words",
            "time_zones",
        )
        for w in lx.get(key, [])
    }
    function |= set(lx["numbers"]) | set(lx["ordinals"]) | set(lx["relative_words"])
    anchors: set[str] = set()
    # words that carry time although the lexicon lists them as numbers or modifiers: the start
    # of a year said in words ("nineteen ninety"), "past" in "in the past"
    always = set(lx["always_anchor_words"])

    def walk(value: Any, words: set[str]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("LOWER", "TEXT") and isinstance(item, str):
                    words.add(item.lower())
                elif key == "IN" and isinstance(item, list):
                    words.update(w.lower() for w in item if isinstance(w, str))
                else:
                    walk(item, words)
        elif isinstance(value, list):
            for item in value:
                walk(item, words)

    for _, patterns in matcher_patterns("temporal.jsonl"):
        for pattern in patterns:
            words: set[str] = set()
            walk(pattern, words)
            words = {w for w in words if any(c.isalpha() for c in w)}
            content = {w for w in words if w.rstrip(".") not in function or w in always}
            if not content:
                # a pattern made only of function words ("in the past") anchors on its last word
                walk(pattern[-1], content)
            anchors |= content
    return anchors


def _is_length(text: str) -> bool:
    """A length or an offset with its modifier ("about five years", "about five years ago")."""
    parse = parse_expression(text)
    return parse is not None and parse["kind"] in ("duration", "offset") and "mod" in parse


def in_context(span: Span, parse: dict[str, Any]) -> dict[str, Any]:
    """The parse as the words after the span read it: "the year ended June 30" is a year's
    length (ending that day), not the report's calendar year."""
    doc = span.doc
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    if parse.get("report_year") and nxt in ("ended", "ending"):
        return {"kind": "duration", "amount": 1, "unit": "Y"}
    # "will one day be", "hoped he one day follow": a day ahead the text does not name
    if span.text.lower() in lexicon()["unnamed_days_ahead"] and (
        (span.start > 0 and doc[span.start - 1].tag_ == "MD")
        or (nxt and doc[span.end].tag_ == "VB")
    ):
        return {"kind": "ref", "value": "FUTURE_REF"}
    return parse


def timex_type(parse: dict[str, Any]) -> str:
    # a clock time on a day is a TIME, and so is a part of today ("this morning", "last
    # night"); a weekday's part ("Friday night") stays a DATE, as TimeBank mostly types them
    tod = str(parse.get("tod", ""))
    if parse["kind"] == "date" and tod and (":" in tod or "day_offset" in parse):
        return "TIME"
    return KIND_TO_TYPE[parse["kind"]]


class TimexDetector:
    """spaCy component: sets doc.spans["timex"] to the temporal expressions of the doc."""

    def __init__(self, nlp: Language, name: str = "unionstate_timex", use_entities: bool = True):
        from .gated import GatedMatcher

        self.name = name
        self.use_entities = use_entities
        self.anchors = anchor_words()
        self.matcher = GatedMatcher(
            nlp.vocab, matcher_patterns("temporal.jsonl"), frozenset(self.anchors)
        )
        lx = lexicon()
        self.strip_leading = {w for w in lx["strip_leading"] if " " not in w} | {"the"}
        self.joiners = set(lx["interval_joiners"])
        self.openers = set(lx["interval_openers"])
        self.months = set(lx["months"])
        self.lone = set(lx["lone_abbreviations"])
        self.noun_refs = set(lx["after_a_noun_ref"])
        self.of_ref = set(lx["noun_ref_not_before"])
        self.approx_kept = set(lx["approx_in_span"])
        self.approx_before_article = set(lx["approx_in_span_before_article"])
        self.approx_dates = set(lx["approx_before_dates"])
        self.rel = set(lx["relative_words"])
        self.age_words = set(lx["age_words"])
        self.age_owners = set(lx["age_owners"])
        self.ref_not_before = set(lx["ref_not_before"])
        self.ref_not_after = set(lx["ref_not_after"])
        self.quantity_words = set(lx["quantity_words"])
        self.set_adjectives = set(lx["set_adjectives"])
        self.report_year_not_before = set(lx["report_year_not_before"])

    def __call__(self, doc: Doc) -> Doc:
        from spacy.util import filter_spans

        self._split_glued_days(doc)
        candidates = [
            doc[a + s : a + e] for a, b in self._windows(doc) for _, s, e in self.matcher(doc[a:b])
        ]
        if self.use_entities and doc.has_annotation("ENT_IOB"):
            candidates += [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
        spans = []
        for span in candidates:
            trimmed = self._between(self._trim(span))
            # only spans the grammar reads compete for the longest match, so an unreadable
            # model entity ("an hours") never hides a readable one inside it ("hours")
            parse = parse_expression(trimmed.text) if trimmed is not None else None
            if trimmed is not None and parse is not None and not to_a_possessive(trimmed):
                spans.append(trimmed)
                spans += self._counted_from(trimmed)
        spans = filter_spans(spans)
        spans = [self._hedged(self._or_so(span)) for span in self._join_intervals(doc, spans)]
        out = []
        for span in spans:
            parse = parse_expression(span.text)
            if parse is None or self._not_timex(span, parse):
                continue
            parse = in_context(span, parse)
            span.label_ = timex_type(parse)
            out.append(span)
        doc.spans[SPANS_KEY] = out
        return doc

    def _not_timex(self, span: Span, parse: dict[str, Any]) -> bool:
        """Spans the grammar reads that are no temporal expression in context: an age ("a
        6-year-old", "52 years old"), an abbreviation standing alone ("Sun" the company, "Wed"),
        a set word used as an adjective ("a quarterly dividend"), "soon" in "as soon as"."""
        doc = span.doc
        after = [t.lower_ for t in doc[span.end : span.end + 2]]
        if a_quoted_title(span) or a_generic_day(span, parse):
            return True
        # "52 years old", "30 to 40 years old": an age, whatever the count
        counted = isinstance(parse.get("amount"), int) or span[0].like_num
        if parse["kind"] == "duration" and counted:
            last = span[-1].lower_
            if last in self.age_words or after[:1] == ["old"] or after[:2] == ["-", "old"]:
                return True
        if self._is_rate(span, parse):
            return True
        # "in his 30s", "their early twenties": a decade of someone's life, not of the calendar
        owner = doc[span.start - 1].lower_ if span.start else ""
        if "decade_short" in parse and owner in self.age_owners:
            return True
        if parse.get("report_year") and after[:1] and after[0] in self.report_year_not_before:
            return True  # "the year before", "the year when he left"
        if parse.get("report_year") and any(t.text == "Year" for t in span):
            return True  # a name's year: "Player of the Year"
        # "three-quarters of the troops": a fraction
        if parse.get("unit") == "Q" and _FRACTION.match(span.text) and after[:1] == ["of"]:
            return True
        if span[-1].lower_ == "quarter" and self._quarter_of_something(span):
            return True
        if len(span) == 1 and span[0].lower_ in self.lone and after[:1] != ["."]:
            return True
        before = doc[span.start - 1].lower_ if span.start else ""
        if parse["kind"] == "ref" and span[-1].lower_ in self.noun_refs and after[:1]:
            # "the future organization": an adjective (an unknown part of speech counts as
            # one); "the future of the town": its fate, not a time
            word = doc[span.end]
            modified = word.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "") and not word.is_punct
            if modified or word.lower_ in self.of_ref:
                return True
        if parse["kind"] == "ref" and len(span) == 1:
            # "as soon as", "soon after": a conjunction, not a time of its own
            if before in self.ref_not_after or after[:1] and after[0] in self.ref_not_before:
                return True
            # "a previously announced plan": the adverb dates the adjective, not an event
            if span[0].head.dep_ == "amod" and span[0].head.i > span[0].i:
                return True
        if parse["kind"] == "set" and len(span) == 1 and span[0].dep_ == "amod":
            # "a quarterly dividend" names a kind of payment; "his daily life", "a weekly
            # address" keep their frequency, as TimeML corpora mark them
            return span[0].lower_ not in self.set_adjectives
        return len(span) == 1 and span[0].tag_ == "MD"  # "May" the modal verb

    @staticmethod
    def _quarter_of_something(span: Span) -> bool:
        """ "the last quarter century", "the last quarter of the game": a quarter of something
        other than a year ("of 1989", "of fiscal 1989", "of this year" stay quarters)."""
        doc = span.doc
        nxt = list(doc[span.end : span.end + 4])
        if nxt[:1] and nxt[0].lower_ in ("century", "centuries"):
            return True
        if not nxt or nxt[0].lower_ != "of":
            return False
        yearish = {"year", "fiscal", "this", "last", "next"}
        return not any(t.like_num or t.lower_ in yearish for t in nxt[1:])

    def _is_rate(self, span: Span, parse: dict[str, Any]) -> bool:
        """ "$2 million a year", "four flights a week": "a year" divides a quantity (a rate),
        it is no length of time."""
        if parse["kind"] != "duration" or parse.get("amount") != 1 or len(span) != 2:
            return False
        if span[0].lower_ not in ("a", "an", "per") or span.start == 0:
            return False
        before = span.doc[span.start - 1]
        return before.like_num or before.tag_ == "NNS" or before.lower_ in self.quantity_words

    @staticmethod
    def _between(span: Span | None) -> Span | None:
        """ "between May 3 and 10": a range only with its opener, which then stays in the
        span; without it "May 3 and 10" names two days and does not parse."""
        if span is None or span.start == 0 or span.doc[span.start - 1].lower_ != "between":
            return span
        if not any(t.lower_ == "and" for t in span) or parse_expression(span.text) is not None:
            return span
        return span.doc[span.start - 1 : span.end]

    def _counted_from(self, span: Span) -> list[Span]:
        """ "the day before last Tuesday", "two weeks after March 6": the date with the count
        before it, when the grammar reads them as one day counted from that date."""
        doc = span.doc
        # a cheap test before the grammar's (temporal/grammar.py "from_a_date") on every date
        if span.start == 0 or doc[span.start - 1].lower_ not in ("before", "after"):
            return []
        for k in (3, 2):
            start = span.start - k
            if start < 0 or any(t.is_sent_start for t in doc[start + 1 : span.start + 1]):
                continue
            longer = self._trim(doc[start : span.end])
            parse = parse_expression(longer.text) if longer is not None else None
            if longer is not None and parse is not None and parse.get("base") == "inner":
                return [longer]
        return []

    @staticmethod
    def _or_so(span: Span) -> Span:
        """ "a year or so", "1995 or later", "2030 and beyond": the hedge or the open end
        belongs to the expression (lexicon "expression_tails")."""
        doc = span.doc
        after = " ".join(t.lower_ for t in doc[span.end : span.end + 2])
        if after in lexicon()["expression_tails"]:
            longer = doc[span.start : span.end + 2]
            if parse_expression(longer.text) is not None:
                return longer
        return span

    def _hedged(self, span: Span) -> Span:
        """ "around Nov. 1", "around 7:15 p.m.": the hedge before a day or a clock time belongs
        to the expression (lexicon "approx_before_dates"), as TimeML marks it."""
        doc = span.doc
        if span.start == 0 or doc[span.start - 1].lower_ not in self.approx_dates:
            return span
        if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"):
            return span  # "get around Monday's ruling": the date is the ruling's
        parse = parse_expression(span.text)
        if parse is None or parse["kind"] not in ("date", "time"):
            return span
        return doc[span.start - 1 : span.end]

    def _windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Stretches of the doc around the words every temporal expression contains (a digit,
        a month, a unit, "now", ...): the Matcher runs on these, not on every token."""
        windows: list[tuple[int, int]] = []
        for token in doc:
            if token.lower_ in self.anchors or _DIGIT.search(token.text):
                a, b = max(token.i - WINDOW, 0), min(token.i + WINDOW + 1, len(doc))
                if windows and a <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], b)
                else:
                    windows.append((a, b))
        return windows

    def _split_glued_days(self, doc: Doc) -> None:
        """Split a day number glued to what follows it after a month name, as in the dateline
        "December 10./TASS/." (one token "10./TASS/."), so "December 10" can be a span."""
        glued = []
        months = self.months
        for token in doc[:-1]:
            if token.lower_.rstrip(".") in months:  # the month first: most tokens are none
                following = doc[token.i + 1]
                m = _GLUED_DAY.match(following.text)
                if m:
                    glued.append((following, m.end(1)))
        if not glued:
            return
        with doc.retokenize() as retokenizer:
            for token, cut in glued:
                head = token.head if token.head.i != token.i else (token, 0)
                retokenizer.split(
                    token, [token.text[:cut], token.text[cut:]], heads=[head, (token, 0)]
                )

    def _trim(self, span: Span) -> Span | None:
        start, end = span.start, span.end
        doc = span.doc
        while start < end:
            word = doc[start].lower_
            nxt = doc[start + 1] if start + 1 < end else None
            # "the 1999 treaty" -> "1999", but "the 1988 third quarter" stays whole
            year_next = nxt is not None and nxt.is_digit and len(nxt.text) == 4
            keep_the = word == "the" and nxt is not None and (not year_next or end - start > 2)
            # "the third-quarter loss": the article goes with the noun the adjective dates
            if keep_the and _PART_ADJECTIVE.fullmatch(doc[start + 1 : end].text):
                keep_the = False
            # "about five years": the word is the length's modifier; "earlier this week"
            # stays whole, as TimeML corpora mostly mark it
            # "over an hour" is a length's modifier and inside the span; "about five years":
            # TimeML corpora mostly leave "about" out
            approx = word in self.approx_kept and _is_length(doc[start:end].text)
            # "over an hour" is more than an hour; "over three years", during them
            if word in self.approx_before_article and (
                nxt is None or nxt.lower_ not in ("a", "an")
            ):
                approx = False
            if word in self.strip_leading and not keep_the and not approx:
                start += 1
            elif second_date(doc[start:end]):
                start += 1
            elif doc[start].is_space:
                start += 1
            else:
                break
        while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].is_space):
            end -= 1
        if end > start and doc[end - 1].text == "]" and "[" not in doc[start:end].text:
            end -= 1
        if start >= end:
            return None
        return doc[start:end]

    def _join_intervals(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "from September 2021 to December 2022" -> one interval span (without "from")."""
        out: list[Span] = []
        i = 0
        while i < len(spans):
            span = spans[i]
            if i + 1 < len(spans):
                nxt = spans[i + 1]
                between = doc[span.end : nxt.start]
                opened = span.start > 0 and doc[span.start - 1].lower_ in self.openers
                dash = len(between) == 1 and between[0].text in ("-", "–", "—")
                word = len(between) == 1 and between[0].lower_ in self.joiners
                same_sentence = not any(t.is_sent_start for t in doc[span.start + 1 : nxt.end])
                if (dash or (word and opened)) and same_sentence:
                    joined = doc[span.start : nxt.end]
                    # the opener decides what "and" joins: "between May 3 and 10" is a range
                    said = doc[span.start - 1 : nxt.end] if opened else joined
                    parse = parse_expression(said.text)
                    if parse is not None and parse["kind"] == "interval":
                        out.append(said if between[0].lower_ == "and" else joined)
                        i += 2
                        continue
            out.append(span)
            i += 1
        return out


def register() -> None:
    """Register the package's spaCy components (idempotent)."""
    from spacy.language import Language

    if "unionstate_timex" in Language.factories:
        return

    @Language.factory(
        "unionstate_timex",
        assigns=["doc.spans"],
        default_config={"use_entities": True},
    )
    def make_timex_detector(nlp: Language, name: str, use_entities: bool) -> TimexDetector:
        return TimexDetector(nlp, name, use_entities)

    @Language.component("unionstate_paragraphs", assigns=["token.is_sent_start"])
    def paragraph_breaks(doc: Doc) -> Doc:
        """Start a sentence after every line break, so headlines never join the next paragraph.

        Set as one array: each `Token.is_sent_start = ...` re-scans the whole Doc (quadratic)."""
        import numpy
        from spacy.attrs import SENT_START

        if len(doc) == 0:
            return doc
        starts = doc.to_array([SENT_START])
        not_start = numpy.uint64(2**64 - 1)  # -1 in spaCy's uint64 arrays
        for token in doc[:-1]:
            if "\n" in token.text or "\n" in token.whitespace_:
                starts[token.i + 1] = 1
                # and the parser may not end that sentence after its first word
                nxt = token.i + 2
                if nxt < len(doc) and not doc[nxt].is_space and "\n" not in doc[token.i + 1].text:
                    starts[nxt] = not_start
        doc.from_array([SENT_START], starts)  # type: ignore[arg-type]  # stubs say float
        return doc
