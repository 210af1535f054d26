"""Ids that survive new batches: an event of a new build takes the id of the base timeline's
event it shares citations with, so notes, joins and diffs keyed on ids keep working when new
sources join an event (or its type or date is refined)."""

from __future__ import annotations

from ..models import Event, Timeline


def carry_ids(timeline: Timeline, base: Timeline) -> Timeline:
    """The timeline with each event renamed to the base event it shares most citations with.

    Each base id goes to one event only (the one sharing most citations, then the first in
    timeline order); an event sharing none keeps its own id, unless that id is taken.
    """
    owners: dict[tuple[str, int], list[Event]] = {}
    for ev in base.events:
        for c in ev.citations:
            owners.setdefault((c.doc_id, c.start), []).append(ev)
    # (-shared citations, -same type and date, event index, base id): one sentence can cite
    # two events ("talks ... and an agreement"), which their type and date tell apart
    claims: list[tuple[int, int, int, str]] = []
    for k, ev in enumerate(timeline.events):
        counts: dict[str, int] = {}
        alike: dict[str, int] = {}
        for c in ev.citations:
            for prior in owners.get((c.doc_id, c.start), []):
                counts[prior.event_id] = counts.get(prior.event_id, 0) + 1
                alike[prior.event_id] = int(prior.type == ev.type) + int(prior.when == ev.when)
        claims += [(-n, -alike[i], k, i) for i, n in counts.items()]
    renamed: dict[int, str] = {}
    taken: set[str] = set()
    for _, _, k, old in sorted(claims):
        if k not in renamed and old not in taken:
            renamed[k] = old
            taken.add(old)
    events: list[Event] = []
    for k, ev in enumerate(timeline.events):
        new = renamed.get(k)
        if new is None:
            new = ev.event_id if ev.event_id not in taken else f"{ev.event_id}-{k}"
            taken.add(new)
        events.append(ev if new == ev.event_id else ev.model_copy(update={"event_id": new}))
    return timeline.model_copy(update={"events": events})
