"""TimeML output: the text with inline <TIMEX3> tags, otherwise unchanged."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from ..models import Timex


def to_timeml(text: str, timexes: Sequence[Timex]) -> str:
    """Wrap each expression in a TIMEX3 tag (tid, type, value, mod); the rest is escaped text."""
    out, pos = ["<TimeML>\n"], 0
    for n, t in enumerate(sorted(timexes, key=lambda t: t.start), 1):
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
