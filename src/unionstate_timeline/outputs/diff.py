"""`timeline diff`: what a new build added to, changed in and removed from an old one.

Events are paired by stable id first. An event whose id changed (its date became more precise,
its actors changed) is paired second by the same type, a compatible date (equal, or one span
inside the other) and at least one shared citation (same document, overlapping offsets).
"""

from __future__ import annotations

import json
from typing import Literal

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..models import Citation, Claim, Event, EventChange, Timeline, TimelineDiff, When
from ..temporal.values import PRECISION_RANK
from .present import date_label, number, type_label

# --- matching ----------------------------------------------------------------------------------


def _contains(outer: When, inner: When) -> bool:
    if None in (outer.start, outer.end, inner.start, inner.end):
        return False
    return outer.start <= inner.start and inner.end <= outer.end  # type: ignore[operator]


def dates_compatible(a: When | None, b: When | None) -> bool:
    """Same value, or the days of one lie within the other's."""
    if a is None or b is None:
        return a is None and b is None
    return a.value == b.value or _contains(a, b) or _contains(b, a)


def _overlap(a: Citation, b: Citation) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def shared_citations(a: Event, b: Event) -> int:
    """How many of b's citations overlap one of a's."""
    return sum(any(_overlap(x, y) for x in a.citations) for y in b.citations)


MatchedBy = Literal["id", "date+citation"]


def _pair(old: list[Event], new: list[Event]) -> list[tuple[Event, Event, MatchedBy]]:
    old_ids = {e.event_id: e for e in old}
    pairs: list[tuple[Event, Event, MatchedBy]] = [
        (old_ids[e.event_id], e, "id") for e in new if e.event_id in old_ids
    ]
    taken_old = {e.event_id for e in new if e.event_id in old_ids}
    taken_new = set(taken_old)
    for n in new:
        if n.event_id in taken_new:
            continue
        candidates = [
            (shared_citations(o, n), o.when == n.when, o) for o in old
            if o.event_id not in taken_old and o.type == n.type and dates_compatible(o.when, n.when)
        ]  # fmt: skip
        # most shared citations, then the exact same date; ties keep the old file's order
        best = max((c for c in candidates if c[0] > 0), key=lambda c: (c[0], c[1]), default=None)
        if best is not None:
            taken_old.add(best[2].event_id)
            taken_new.add(n.event_id)
            pairs.append((best[2], n, "date+citation"))
    return pairs


# --- describing a change -----------------------------------------------------------------------


def _date_change(a: When | None, b: When | None) -> str | None:
    if a == b:
        return None
    if a is None or b is None:
        return f"date {'added' if a is None else 'removed'}: {date_label(a)} → {date_label(b)}"
    if a.value == b.value and a.mod == b.mod:
        return f"date evidence changed ({a.method} {a.confidence:g} → {b.method} {b.confidence:g})"
    ra, rb = PRECISION_RANK.get(a.precision, 9), PRECISION_RANK.get(b.precision, 9)
    if (_contains(a, b) and rb < ra) or (a.start is None and b.start is not None):
        what = "made more precise"
    elif _contains(b, a) and ra < rb:
        what = "made less precise"
    else:
        what = "changed"
    return f"date {what}: {date_label(a)} → {date_label(b)}"


def _key(c: Citation) -> tuple[str, int, int]:
    return (c.doc_id, c.start, c.end)


def _list_change(name: str, a: list[str], b: list[str]) -> str | None:
    plus = [x for x in b if x not in a]
    minus = [x for x in a if x not in b]
    if not plus and not minus:
        return None
    parts = ([f"+{', '.join(plus)}"] if plus else []) + ([f"-{', '.join(minus)}"] if minus else [])
    return f"{name} {' '.join(parts)}"


def _citation_changes(a: Event, b: Event) -> list[str]:
    old = {_key(c) for c in a.citations}
    new = {_key(c) for c in b.citations}
    out = []
    if added := [c for c in b.citations if _key(c) not in old]:
        docs = ", ".join(dict.fromkeys(c.doc_id for c in added))
        out.append(f"{len(added)} new citation{'s' * (len(added) != 1)} ({docs})")
    if dropped := [c for c in a.citations if _key(c) not in new]:
        docs = ", ".join(dict.fromkeys(c.doc_id for c in dropped))
        out.append(f"{len(dropped)} citation{'s' * (len(dropped) != 1)} dropped ({docs})")
    if not out and a.citations != b.citations:
        out.append("citation details changed")
    return out


def _conflict_changes(a: Event, b: Event) -> list[str]:
    old = {(c.field, tuple(c.values)) for c in a.conflicts}
    new = {(c.field, tuple(c.values)) for c in b.conflicts}
    out = [f"new conflict on {f}: {' vs '.join(v)}" for f, v in sorted(new - old)]
    out += [f"conflict resolved on {f}: {' vs '.join(v)}" for f, v in sorted(old - new)]
    return out


def describe(a: Event, b: Event) -> list[tuple[str, str]]:
    """(kind, description) for every difference between two versions of one event."""
    out: list[tuple[str, str]] = []
    if d := _date_change(a.when, b.when):
        out.append(("date", d))
    if a.status != b.status:
        out.append(("status", f"status {a.status} → {b.status}"))
    out += [("citations", d) for d in _citation_changes(a, b)]
    out += [("conflicts", d) for d in _conflict_changes(a, b)]
    if a.type != b.type:
        out.append(("type", f"type {type_label(a.type)} → {type_label(b.type)}"))
    if a.title != b.title:
        out.append(("title", f"title “{a.title}” → “{b.title}”"))
    for name in ("actors", "places"):
        if d := _list_change(name, getattr(a, name), getattr(b, name)):
            out.append((name, d))
    if a.confidence != b.confidence:
        out.append(("confidence", f"confidence {a.confidence:g} → {b.confidence:g}"))
    if not out and a != b:
        out.append(("other", "details changed"))
    return out


def diff(old: Timeline, new: Timeline) -> TimelineDiff:
    """Events added, removed and changed from old to new (plus claims and documents)."""
    pairs = _pair(old.events, new.events)
    paired_old = {o.event_id for o, _, _ in pairs}
    paired_new = {n.event_id for _, n, _ in pairs}
    changed = []
    for o, n, how in pairs:
        found = describe(o, n)
        if found:
            changed.append(EventChange(
                event_id=n.event_id, old_event_id=o.event_id, matched_by=how,
                kinds=list(dict.fromkeys(k for k, _ in found)), changes=[d for _, d in found],
                old=o, new=n,
            ))  # fmt: skip
    order = {e.event_id: i for i, e in enumerate(new.events)}
    changed.sort(key=lambda c: order[c.event_id])
    old_claims = {c.claim_id: c for c in old.claims}
    new_claims = {c.claim_id: c for c in new.claims}
    old_docs = [d.doc_id for d in old.documents]
    new_docs = [d.doc_id for d in new.documents]
    return TimelineDiff(
        added=[e for e in new.events if e.event_id not in paired_new],
        removed=[e for e in old.events if e.event_id not in paired_old],
        changed=changed,
        unchanged=len(pairs) - len(changed),
        claims_added=[c for k, c in new_claims.items() if k not in old_claims],
        claims_removed=[c for k, c in old_claims.items() if k not in new_claims],
        claims_changed=[c for k, c in new_claims.items() if k in old_claims and old_claims[k] != c],
        documents_added=[d for d in new_docs if d not in old_docs],
        documents_removed=[d for d in old_docs if d not in new_docs],
    )


# --- renderers ---------------------------------------------------------------------------------


def summary(d: TimelineDiff) -> str:
    """One line: +added -removed ~changed =unchanged, plus claims and documents."""
    if d.equal:
        return f"no differences ({d.unchanged} events equal)"
    parts = [
        f"{len(d.added)} added",
        f"{len(d.removed)} removed",
        f"{len(d.changed)} changed",
        f"{d.unchanged} unchanged events",
    ]
    claims = (len(d.claims_added), len(d.claims_removed), len(d.claims_changed))
    if any(claims):
        parts.append("claims +{} -{} ~{}".format(*claims))
    if d.documents_added or d.documents_removed:
        parts.append(f"documents +{len(d.documents_added)} -{len(d.documents_removed)}")
    return ", ".join(parts)


def to_json(d: TimelineDiff) -> str:
    """The diff as JSON (the TimelineDiff model plus `equal` and `summary`), trailing newline."""
    data = {"equal": d.equal, "summary": summary(d), **d.model_dump(mode="json")}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _md_line(text: str) -> str:
    text = " ".join(text.split())
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def _md_event(e: Event) -> str:
    return f"- **{_md_line(date_label(e.when))}** · {type_label(e.type)} · {_md_line(e.title)}"


def to_md(d: TimelineDiff) -> str:
    """The diff as Markdown sections: Added, Changed, Removed, then claims and documents."""
    lines = ["# Timeline diff", "", _md_line(summary(d)), ""]
    if d.added:
        lines += ["## Added", "", *[_md_event(e) for e in d.added], ""]
    if d.changed:
        lines += ["## Changed", ""]
        for c in d.changed:
            lines.append(_md_event(c.new))
            lines += [f"  - {_md_line(x)}" for x in c.changes]
        lines.append("")
    if d.removed:
        lines += ["## Removed", "", *[_md_event(e) for e in d.removed], ""]
    for title, claims in (
        ("Claims added", d.claims_added),
        ("Claims removed", d.claims_removed),
        ("Claims changed", d.claims_changed),
    ):
        if claims:
            lines += [f"## {title}", ""]
            lines += [
                f"- {_md_line(c.subject)}: {number(c.value)} {_md_line(c.unit)}"
                f" ({_md_line(date_label(c.as_of))})"
                for c in claims
            ]
            lines.append("")
    for title, docs in (
        ("Documents added", d.documents_added),
        ("Documents removed", d.documents_removed),
    ):
        if docs:
            lines += [f"## {title}", "", *[f"- {_md_line(x)}" for x in docs], ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _claim_text(c: Claim) -> str:
    return f"{c.subject} {number(c.value, grouped=True)} {c.unit} ({date_label(c.as_of)})"


def to_table(d: TimelineDiff) -> RenderableType:
    """Rich table: one row per added (+), changed (~) and removed (-) event."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("", no_wrap=True, width=1)
    table.add_column("Date", min_width=10, max_width=11)
    table.add_column("Type", max_width=10)
    table.add_column("Event", ratio=1, min_width=24)
    for e in d.added:
        table.add_row(
            Text("+", "bold green"), date_label(e.when), type_label(e.type), Text(e.title, "green")
        )
    for c in d.changed:
        text = Text(c.new.title)
        for x in c.changes:
            text.append(f"\n• {x}", style="yellow")
        table.add_row(
            Text("~", "bold yellow"), date_label(c.new.when), type_label(c.new.type), text
        )
    for e in d.removed:
        table.add_row(
            Text("-", "bold red"), date_label(e.when), type_label(e.type), Text(e.title, "red")
        )
    extra = [f"claim added: {_claim_text(c)}" for c in d.claims_added]
    extra += [f"claim removed: {_claim_text(c)}" for c in d.claims_removed]
    extra += [f"claim changed: {_claim_text(c)}" for c in d.claims_changed]
    extra += [f"document added: {x}" for x in d.documents_added]
    extra += [f"document removed: {x}" for x in d.documents_removed]
    if not (d.added or d.changed or d.removed):
        return Group(Text(summary(d), style="bold"), *[Text(x) for x in extra])
    return Group(Text(summary(d), style="bold"), table, *[Text(x) for x in extra])
