"""Dates joined by a word: which coordinated words are dates of their own ("in 1994 and 1997")
and which "X to Y" is no range ("a revision Friday to December's figures")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..patterns import lexicon, pattern_lists

if TYPE_CHECKING:
    from spacy.tokens import Span


@lru_cache(maxsize=1)
def _year() -> re.Pattern[str]:
    """A year as the temporal patterns read one (their YEAR_RE)."""
    return re.compile(pattern_lists("temporal.jsonl")["YEAR_RE"])


def second_date(span: Span) -> bool:
    """The span opens with a coordinator (lexicon date_coordinators) after a year or a month:
    "in 1994 and 1997", "in May or June" name two dates, and the coordinator is no part of
    the second. Not after "between" (one range), nor before a plural noun ("1300 and 2000
    troops" counts troops)."""
    lx = lexicon()
    doc, start = span.doc, span.start
    if len(span) < 2 or start == 0 or span[0].lower_ not in lx["date_coordinators"]:
        return False
    prev = doc[start - 1]
    if span.end < len(doc) and doc[span.end].tag_ == "NNS":
        return False
    if start > 1 and doc[start - 2].lower_ in lx["interval_openers"]:
        return False  # "between 2001 and 2006": one range
    return bool(_year().match(prev.text)) or prev.lower_.rstrip(".") in lx["months"]


def to_a_possessive(span: Span) -> bool:
    """ "a revision Friday to December's figures": with no opener ("from", "between"), a
    joiner before a possessive date joins the day of a change to the date of what changed;
    the span is no range, and both dates stay expressions of their own."""
    lx = lexicon()
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in ("'s", "’s"):
        return False
    opened = span.start > 0 and doc[span.start - 1].lower_ in lx["interval_openers"]
    return not opened and any(t.lower_ in lx["interval_joiners"] for t in span[1:-1])
