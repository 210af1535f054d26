"""Words that read as temporal expressions but, in context, name something else: a show's
quoted title ("This Week"), a day that stands for an age ("today's youth")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..patterns import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span

_QUOTES = {'"', "“", "”", "«", "»", "``", "`", "''"}  # and the Penn Treebank's quote marks
TITLE_WORDS = 8  # the longest quoted title read as a name


def a_quoted_title(span: Span) -> bool:
    """ "This Week," on ABC, NBC's "Today" show: the expression is, or is in, a short quoted
    title written in title case, the name of a show or a book, not a time."""
    doc = span.doc
    sent = span.sent
    opening = next(
        (t.i for t in reversed(doc[max(sent.start, span.start - TITLE_WORDS) : span.start])
         if t.text in _QUOTES),
        None,
    )  # fmt: skip
    closing = next(
        (t.i for t in doc[span.end : min(sent.end, span.end + TITLE_WORDS)] if t.text in _QUOTES),
        None,
    )
    if opening is None or closing is None:
        return False
    words = [t for t in doc[opening + 1 : closing] if t.is_alpha]
    if not words or not words[0].is_title:
        return False
    small = set(lexicon()["title_small_words"])  # "Meet the Press": a title's lower-case words
    return all(t.is_title or t.is_upper or t.text in small for t in words)


def a_generic_day(span: Span, parse: dict[str, Any]) -> bool:
    """ "today's youth", "the world of tomorrow": today or tomorrow as the present or future
    age of a kind of thing (lexicon "generic_day_nouns"), not the day of the report."""
    if parse["kind"] != "date" or parse.get("day_offset") not in (0, 1) or "tod" in parse:
        return False
    doc = span.doc
    nouns = set(lexicon()["generic_day_nouns"])
    after = [t.lower_ for t in doc[span.end : span.end + 3]]
    if after[:1] in (["'s"], ["’s"]):
        # "today's young people": the noun after any adjectives
        return any(w in nouns for w in after[1:3])
    before = [t.lower_ for t in doc[max(span.start - 3, 0) : span.start]]
    return before[-1:] == ["of"] and any(w in nouns for w in before[:-1])
