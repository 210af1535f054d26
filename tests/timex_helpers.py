"""Helpers the temporal tests share: the spans the blank pipeline tags, a resolved value."""

from __future__ import annotations

from datetime import date
from typing import Any


def span_texts(nlp: Any, text: str) -> list[str]:
    """The texts of the temporal expressions `nlp` tags in `text`."""
    doc = nlp(text)  # the spans need their Doc alive
    return [s.text for s in doc.spans["timex"]]


def resolved_value(text: str, dct: str, tense: str = "none") -> str | None:
    """The TIMEX3 value of one expression said on `dct` in `tense` (always a legal one)."""
    from unionstate_timeline.temporal.parse import parse_expression
    from unionstate_timeline.temporal.resolve import resolve
    from unionstate_timeline.temporal.values import is_valid_value

    parse = parse_expression(text)
    assert parse is not None, text
    found = resolve(parse, date.fromisoformat(dct), tense)
    if found is not None:
        assert is_valid_value(found.value), found.value
    return found.value if found else None
