"""Small presentation helpers shared by show, export and diff: date labels, ranks, counts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # models (pydantic) load only when used, so --help stays fast
    from ..models import Citation, Claim, Event, Timeline, When

# ESC/CSI/OSC sequences and the other C0/C1 controls a terminal acts on (tab and newline kept).
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def safe(text: str) -> str:
    """Text with terminal control sequences removed, so an article or a file name cannot drive
    the terminal (retitle it, hide text, plant hyperlinks) when printed."""
    return _CONTROL.sub("", text)


def _cleaned(value: object) -> object:
    if isinstance(value, str):
        return safe(value)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    return value


def for_terminal(timeline: Timeline) -> Timeline:
    """A copy of the timeline with every string made safe to print (for show and diff only:
    the quotes no longer match their offsets if they held control characters)."""
    return type(timeline).model_validate(_cleaned(timeline.model_dump()))


_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "fall", "WI": "winter"}
_MOD_NAMES = {
    "START": "early",
    "MID": "mid",
    "END": "late",
    "BEFORE": "before",
    "AFTER": "after",
    "ON_OR_BEFORE": "by",
    "ON_OR_AFTER": "from",
    "APPROX": "about",
    "LESS_THAN": "less than",
    "MORE_THAN": "more than",
    "EQUAL_OR_LESS": "at most",
    "EQUAL_OR_MORE": "at least",
}
_SEASON_VALUE = re.compile(r"(\d{4}|XXXX)-(SP|SU|FA|WI)")


def _part_label(value: str) -> tuple[str, str | None]:
    """Label of one TIMEX3 value (no interval) and the name of its season, if it is one."""
    value = value.split("T", 1)[0]
    if m := _SEASON_VALUE.fullmatch(value):
        return m.group(1), _SEASON_NAMES[m.group(2)]
    if len(value) == 3 and value.isdigit():
        return f"{value}0s", None
    if len(value) == 2 and value.isdigit():
        return f"{value}00s", None
    return value, None


def date_label(when: When | None) -> str:
    """The date as precisely as the source gives it: 1999-12-08, 2021-09, 2021 (fall, late)."""
    if when is None:
        return "undated"
    if "/" in when.value:
        left, right = when.value.split("/", 1)
        return f"{_labelled(*_part_label(left), None)} – {_labelled(*_part_label(right), None)}"
    base, season = _part_label(when.value)
    return _labelled(base, season, when.mod)


def _labelled(base: str, season: str | None, mod: str | None) -> str:
    notes = [n for n in (season, _MOD_NAMES.get(mod or "", (mod or "").lower() or None)) if n]
    return f"{base} ({', '.join(notes)})" if notes else base


def is_interval(when: When | None) -> bool:
    """True for A/B interval values (from September 2021 to December 2022)."""
    return when is not None and "/" in when.value


def is_dated(when: When | None) -> bool:
    """True when the value sits on the calendar (known first and last day)."""
    return when is not None and when.start is not None and when.end is not None


def doc_ids(citations: list[Citation]) -> list[str]:
    """Distinct documents among citations, in first-cited order."""
    return list(dict.fromkeys(c.doc_id for c in citations))


def source_count(event: Event) -> int:
    """Number of distinct documents that report the event."""
    return len(doc_ids(event.citations))


def type_label(event_type: str) -> str:
    """treaty_signed -> treaty signed."""
    return event_type.replace("_", " ")


def number(value: float, *, grouped: bool = False) -> str:
    """31.0 -> 31, 9.2 -> 9.2 (grouped: 630000000.0 -> 630,000,000): as an analyst writes them."""
    if float(value).is_integer():
        return f"{int(value):,}" if grouped else str(int(value))
    return f"{value:,}" if grouped else repr(float(value))


def year_of(when: When | None) -> str | None:
    """The calendar year the entry starts in, or None when undated."""
    return when.start[:4] if is_dated(when) and when is not None and when.start else None


def series_of(claims: list[Claim]) -> dict[str, list[Claim]]:
    """Claims grouped by series (in first-seen order), each ordered by as-of date."""
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        groups.setdefault(c.series, []).append(c)
    return {k: sorted(v, key=_as_of_key) for k, v in groups.items()}


def _as_of_key(c: Claim) -> tuple[bool, str, str]:
    start = c.as_of.start if c.as_of is not None else None
    return (start is None, start or "", c.claim_id)
