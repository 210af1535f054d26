"""TimeML output: the text with inline <TIMEX3> tags, otherwise unchanged.

An interval ("2009-2010", "from May to July 2021") is one expression inside the pipeline, with
the value `A/B`, which is no TIMEX3 value: TimeML marks each endpoint as a TIMEX3 of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from ..models import Timex
from ..temporal.values import is_valid_value

# the word or else the dash between the endpoints of an interval's text
_JOINERS = (
    re.compile(r"\s+(?:to|until|till|through|thru|and)\s+", re.IGNORECASE),
    re.compile(r"\s*[–—-]\s*"),
)
_OPENER = re.compile(r"^(?:from|between)\s+", re.IGNORECASE)


def _endpoints(t: Timex) -> list[Timex]:
    """The two endpoints of an interval timex, each with its own text, offsets and value; []
    when the text does not split in two around one joiner."""
    left_value, _, right_value = t.value.partition("/")
    joint = next((found[0] for j in _JOINERS if len(found := list(j.finditer(t.text))) == 1), None)
    if joint is None:
        return []
    opener = _OPENER.match(t.text)
    a = opener.end() if opener else 0
    left_text, right_text = t.text[a : joint.start()], t.text[joint.end() :]
    if not left_text.strip() or not right_text.strip():
        return []
    return [
        Timex(start=t.start + a, end=t.start + joint.start(), text=left_text, type=t.type,
              value=left_value),
        Timex(start=t.start + joint.end(), end=t.end, text=right_text, type=t.type,
              value=right_value),
    ]  # fmt: skip


def timeml_timexes(timexes: Sequence[Timex]) -> list[Timex]:
    """The timexes as TimeML has them: intervals as their two endpoints, and only legal values
    (an interval whose text does not split around one joiner is left out)."""
    out: list[Timex] = []
    for t in sorted(timexes, key=lambda t: (t.start, t.end)):
        parts = _endpoints(t) if "/" in t.value else [t]
        out.extend(p for p in parts if is_valid_value(p.value) and "/" not in p.value)
    return out


def to_timeml(text: str, timexes: Sequence[Timex]) -> str:
    """Wrap each expression in a TIMEX3 tag (tid, type, value, mod); the rest is escaped text."""
    out, pos = ["<TimeML>\n"], 0
    for n, t in enumerate(timeml_timexes(timexes), 1):
        if t.start < pos:
            continue
        out.append(escape(text[pos : t.start]))
        mod = f" mod={quoteattr(t.mod)}" if t.mod else ""
        out.append(
            f'<TIMEX3 tid="t{n}" type="{t.type}" value={quoteattr(t.value)}{mod}>'
            f"{escape(t.text)}</TIMEX3>"
        )
        pos = t.end
    out.append(escape(text[pos:]))
    out.append("\n</TimeML>\n")
    return "".join(out)
