"""Merge stage: event mentions from every document become timeline Events; claims become Claims.

Two mentions are one event when their types agree, their dates are compatible (equal, or one
contains the other at a coarser precision) and their actors and places do not contradict. A
coarse mention joins a finer event only when exactly one such event fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..models import (
    AnchoredDocument,
    Conflict,
    DocExtraction,
    DocumentInfo,
    Event,
    Timeline,
    When,
)
from ..nlp.names import canonical_people
from ..runtime import collector_paused
from ..temporal.values import PRECISION_RANK as RANK
from .across import join_across, organizations_differ
from .adjacent import join_adjacent
from .citations import citation, stable_id
from .clusters import (
    Blocks,
    Cluster,
    Item,
    dates_compatible,
    on_the_calendar,
    parties_meet,
    same_happening,
    wording,
)
from .coarse import join_coarse
from .evidence import agents_differ, config, generic_types
from .fits import ONE_OFF_TYPES, coarse_fits, place_key, same_object
from .headline import headline_links
from .series import merge_claims

STATUS_ORDER = {"occurred": 0, "cancelled": 1, "planned": 2, "expected": 3}
DERIVED_CONFIDENCE = {"via-meeting": 0.85, "reported-same-day": 0.75, "lead": 0.7}
CONFLICT_DAYS = 7  # two days this close for one signing are a disagreement, not two signings


def _compatible(item: Item, cluster: Cluster) -> bool:
    if cluster.items[0].mention.type != item.mention.type:
        return False
    if item.mention.type in generic_types() and not same_happening(item, cluster):
        return False  # a busy day holds many untyped happenings and many statements
    when = cluster.when
    if when is None or item.when is None or not dates_compatible(item.when, when):
        return False
    actors = set(item.mention.actors)
    if actors and cluster.actors and not actors & cluster.actors:
        return False
    places, there = {place_key(p) for p in item.mention.places}, cluster.place_keys
    if places and there and not places & there:
        return False
    # another source naming other organisations tells another happening (one report's own
    # sentences may name different ones for one event)
    if item.mention.doc_id in cluster.doc_ids:
        return True
    coarse = RANK[item.when.precision] > RANK["month"] and item.when.value == when.value
    if coarse and not (
        parties_meet(item.mention, cluster)
        or wording(item.citation.quote) == wording(cluster.items[0].citation.quote)
    ):
        return False  # two reports' "approved in 2015": a year holds many, one names whose
    return not (
        organizations_differ(set(item.mention.organizations), cluster.organizations)
        or agents_differ(set(item.mention.agents), cluster.agents)
    )


def _keyed(item: Item, place_kinds: tuple[str, ...]) -> set[object]:
    """The item's actors ("a"), its places under each of `place_kinds`, and its sentence ("s"):
    what lets a date of another precision join a cluster (`coarse_fits`)."""
    m = item.mention
    places = {place_key(p) for p in m.places}
    return (
        {("a", a) for a in m.actors}
        | {(kind, p) for kind in place_kinds for p in places}
        | {("s", m.doc_id, m.sent_start)}
    )


def _keys(item: Item, actorless: bool) -> set[object]:
    """The keys a cluster is found under once the item is in it (`Blocks`); while the cluster
    names no actor, its places once more as places of nobody ("p0")."""
    return _keyed(item, ("p", "p0") if actorless else ("p",))


def _lookup(item: Item) -> set[object]:
    """The keys of the clusters the item may join: `_compatible` wants an actor in common when
    both name actors, so an item naming actors looks for their clusters and for the places of
    clusters that name none; other items for their places; any item for its sentence."""
    return _keyed(item, ("p0",) if item.mention.actors else ("p",))


def _cluster_keys(cluster: Cluster) -> set[object]:
    actorless = not cluster.actors
    return set().union(*(_keys(i, actorless) for i in cluster.items))


def _cluster(items: list[Item]) -> list[Cluster]:
    clusters: list[Cluster] = []
    blocks: dict[str, Blocks] = {}  # only same-type clusters sharing a month and a key can fit
    for item in sorted(
        items,
        key=lambda i: (
            RANK[i.when.precision] if i.when else 99,
            i.mention.doc_id,
            i.citation.start,
        ),
    ):
        type_ = item.mention.type
        block = blocks.get(type_) or blocks.setdefault(
            type_, Blocks(keyed=type_ not in ONE_OFF_TYPES, limit=config()["evidence"]["max_block"])
        )
        fits = []
        for c in block.candidates(item.when, _lookup(item)):
            if _compatible(item, c) and coarse_fits(item, c):
                fits.append(c)
                if len(fits) == 2:  # two fit: the item joins neither, whichever else fits
                    break
        if len(fits) == 1:
            before = fits[0].when
            fits[0].items.append(item)
            if fits[0].when is not before:
                block.add(fits[0], fits[0].when, _cluster_keys(fits[0]))
            else:
                block.add(fits[0], fits[0].when, _keys(item, not fits[0].actors))
        else:
            clusters.append(Cluster([item]))
            block.add(clusters[-1], clusters[-1].when, _keys(item, not item.mention.actors))
    return clusters


def _join_conflicts(clusters: list[Cluster]) -> list[tuple[Cluster, list[Conflict]]]:
    """One-off events (a treaty signed) reported on different days by different sources."""
    out: list[tuple[Cluster, list[Conflict]]] = []
    hosts: dict[str, list[tuple[Cluster, list[Conflict]]]] = {}  # one-off day-dated, by type
    for c in clusters:
        w = c.when
        type_ = c.items[0].mention.type
        if w is None or w.precision != "day" or type_ not in ONE_OFF_TYPES:
            out.append((c, []))
            continue
        for host, conflicts in hosts.get(type_, []):
            hw = host.when
            if (
                hw is not None
                and hw.precision == "day"
                and w.start
                and hw.start
                and abs((date.fromisoformat(w.start) - date.fromisoformat(hw.start)).days)
                <= CONFLICT_DAYS
                and not c.doc_ids & host.doc_ids
                and same_object(c, host)
            ):
                docs = [host.items[0].mention.doc_id, c.items[0].mention.doc_id]
                conflicts.append(Conflict(field="when", values=[hw.value, w.value], doc_ids=docs))
                host.items.extend(c.items)
                break
        else:
            out.append((c, []))
            hosts.setdefault(type_, []).append(out[-1])
    return out


def _status(items: list[Item], when: When | None) -> str:
    for i in items:
        if i.mention.status == "occurred" and (
            when is None or i.published is None or when.start is None or i.published >= when.start
        ):
            return "occurred"
    return min((i.mention.status for i in items), key=lambda s: STATUS_ORDER[s])


def _identity(items: list[Item]) -> dict[str, object]:
    """What names an event for good: its earliest source mention (by the source's date, then
    its id), not the type, date or actors that later sources may refine. Tomorrow's build,
    with more sources, keeps the id as long as no earlier report of it arrives."""
    first = min(
        [i for i in items if not i.headline] or items,  # a headline joins, it names nothing
        key=lambda i: (i.published is None, i.published or "", i.source, i.citation.start),
    )
    m = first.mention
    trigger = [m.trigger_start, m.trigger]
    return {"doc": first.source, "at": first.citation.start, "trigger": trigger,
            "date": first.citation.date_text}  # fmt: skip


def _event(cluster: Cluster, conflicts: list[Conflict]) -> Event:
    items = sorted(cluster.items, key=lambda i: (i.mention.doc_id, i.citation.start))
    when = cluster.when
    actors = sorted(cluster.actors)
    typed: list[str] = [i.mention.type for i in items if i.mention.type != "other"]
    type_ = max(dict.fromkeys(typed), key=typed.count) if typed else str(items[0].mention.type)
    best = min(
        items,
        key=lambda i: (
            RANK[i.when.precision] if i.when else 99,
            i.mention.doc_id,
            i.citation.start,
        ),
    )
    sources = {i.mention.doc_id for i in items}
    base = max((i.when.confidence if i.when else 0.5) for i in items)
    confidence = 1 - (1 - base * 0.9) ** len(sources)
    # a total order: two citations of one sentence (two dates in it) never follow set order
    citations = sorted(
        {i.citation for i in items}, key=lambda c: (c.doc_id, c.start, c.end, c.date_text or "")
    )
    return Event(
        event_id=stable_id("ev", _identity(items)),
        type=type_,
        title=best.mention.title,
        when=when,
        status=_status(items, when),  # type: ignore[arg-type]
        actors=actors,
        places=sorted(cluster.places),
        citations=citations,
        confidence=round(min(confidence, 0.99), 3),
        conflicts=conflicts,
        merged_on=_merged_on(cluster, items, conflicts),
    )


def _merged_on(cluster: Cluster, items: list[Item], conflicts: list[Conflict]) -> list[str]:
    """Why several mentions are one event: the reasons of the joins across sources, and what
    joined them within a source (compatible dates, one type, shared parties)."""
    if len(items) < 2:
        return []
    why = set(cluster.merged_on)
    told = [i for i in items if not i.headline]
    if len(told) > 1 and all(i.when for i in told) and not conflicts and "adjacent-day" not in why:
        why.add("date")
    when = cluster.when
    if when is not None and not conflicts and any(_coarser(i.when, when) for i in items):
        why.add("precision")  # a coarser date of the happening ("in 2021") joined its day
    if len({i.mention.type for i in items}) == 1:
        why.add("type")
    actors = [set(i.mention.actors) for i in items if i.mention.actors]
    if len(actors) > 1 and set.intersection(*actors):
        why.add("participants")
    order = ("date", "adjacent-day", "precision", "headline", "type", "participants", "figures",
             "wording", "trigger")  # fmt: skip
    return [w for w in order if w in why]


def _day_apart(cluster: Cluster) -> list[Conflict]:
    """The two days of sources joined a day apart (assemble/adjacent.py): a disagreement."""
    if "adjacent-day" not in cluster.merged_on:
        return []
    first: dict[str, str] = {}
    for i in sorted(cluster.items, key=lambda i: (i.mention.doc_id, i.citation.start)):
        if i.when is not None and i.when.precision == "day":
            first.setdefault(i.when.value, i.mention.doc_id)
    if len(first) < 2:
        return []
    values = sorted(first)
    return [Conflict(field="when", values=values, doc_ids=[first[v] for v in values])]


def _coarser(mention: When | None, event: When) -> bool:
    """The mention's own date is coarser than the event's and contains it."""
    return (
        mention is not None
        and RANK[mention.precision] > RANK[event.precision]
        and dates_compatible(mention, event)
    )


def _report_day(a: AnchoredDocument) -> When | None:
    """The day a report is of, for its lead's news: the document's own day, when known."""
    p = a.info.published
    if p is None or p.precision != "day" or p.start is None:
        return None
    confidence = round(p.confidence * DERIVED_CONFIDENCE["lead"], 3)
    return p.model_copy(update={"method": "lead", "confidence": confidence, "text": None})


def _items(
    x: DocExtraction, a: AnchoredDocument, people: dict[str, str], heads: dict[int, list[Item]]
) -> list[Item]:
    """The document's items; an undated headline that its lead dates goes to `heads` (id of
    the lead item -> the headline items), not to the list."""
    published = a.info.published.value if a.info.published else None
    last_day = a.info.published.end if a.info.published else None
    items = []
    for m in x.events:
        when = on_the_calendar(a.whens[m.timex]) if m.timex is not None else None
        if m.date_method == "lead":
            when = _report_day(a)
            if when is None and m.type == "other":
                continue  # the lead's news with no day to put it on, and no kind: nothing to show
        if when is not None and m.date_method not in ("explicit", "lead"):
            when = when.model_copy(
                update={
                    "method": f"{when.method}+{m.date_method}",
                    "confidence": round(when.confidence * DERIVED_CONFIDENCE[m.date_method], 3),
                }
            )
        update: dict[str, object] = {"actors": sorted({people.get(n, n) for n in m.actors})}
        if m.status == "occurred" and when and when.start and last_day and when.start > last_day:
            update["status"] = "planned"  # dated after the report: it cannot have happened yet
        # a copy only when something changes: one per mention held to the end of the merge
        changed = update["actors"] != m.actors or "status" in update
        mention = m.model_copy(update=update) if changed else m
        date_text = when.text if when else None
        cite = citation(x, m.sent_start, m.sent_end, date_text)
        items.append(Item(mention, when, cite, published, a.info.sha256 or m.doc_id))
    links = headline_links(items, x.doc.info.title)
    for i in items:
        if id(i) in links:
            i.headline = True
            heads.setdefault(id(links[id(i)]), []).append(i)
    items = [i for i in items if id(i) not in links]
    dated = [i for i in items if i.when is not None]
    # an undated mention repeats a dated one of its document when their actors agree or it
    # names none ("his message", "the recent meeting in Sochi"); one naming others is kept.
    # The actors of the dated mentions of each type, gathered once: linear in the document
    actors_of: dict[str, set[str]] = {}
    for d in dated:
        actors_of.setdefault(d.mention.type, set()).update(d.mention.actors)
    return dated + [
        i
        for i in items
        if i.when is None
        and not (
            i.mention.type in actors_of
            and (not i.mention.actors or actors_of[i.mention.type] & set(i.mention.actors))
        )
    ]


def _undated_dedupe(items: list[Item], dated: list[Cluster]) -> list[Cluster]:
    """Undated mentions: one per document, type and actors; across documents one per wording
    (a syndicated copy repeats the sentence), and none beside a dated event that cites the same
    sentence elsewhere. They never multiply with every copy of a story."""
    seen: dict[tuple[str, str, tuple[str, ...]], Cluster] = {}
    for i in items:
        key = (i.mention.doc_id, i.mention.type, tuple(i.mention.actors))
        seen.setdefault(key, Cluster()).items.append(i)
    by_quote: dict[tuple[str, str], list[Cluster]] = {}
    for c in dated:
        for i in c.items:
            by_quote.setdefault((i.mention.type, wording(i.citation.quote)), []).append(c)
    out: list[Cluster] = []
    for c in seen.values():
        keys = sorted({(i.mention.type, wording(i.citation.quote)) for i in c.items})
        homes = [h for k in keys for h in by_quote.get(k, []) if not h.doc_ids & c.doc_ids]
        if homes:
            homes[0].items.extend(c.items)  # the copy's sentence is told (or dated) elsewhere
            homes[0].merged_on.add("wording")
            continue
        for k in keys:
            by_quote.setdefault(k, []).append(c)
        out.append(c)
    return out


def merge(
    extractions: Sequence[DocExtraction],
    anchored: Sequence[AnchoredDocument],
    skipped: Sequence[DocumentInfo] = (),
) -> Timeline:
    """Build the Timeline from every document's mentions and anchored dates."""
    with collector_paused():
        return _merge(extractions, anchored, skipped)


def _merge(
    extractions: Sequence[DocExtraction],
    anchored: Sequence[AnchoredDocument],
    skipped: Sequence[DocumentInfo],
) -> Timeline:
    people = canonical_people(
        [n for x in extractions for m in x.events for n in m.actors]
        + [c.attributed_to for x in extractions for c in x.claims if c.attributed_to]
    )
    heads: dict[int, list[Item]] = {}
    items = [
        i for x, a in zip(extractions, anchored, strict=True) for i in _items(x, a, people, heads)
    ]
    dated = _cluster([i for i in items if i.when is not None])
    dated = join_coarse(join_adjacent(join_across(dated)))
    for c in dated:  # each headline joins the event of the lead that dates it
        found = [h for i in c.items for h in heads.get(id(i), [])]
        if found:
            c.items.extend(found)
            c.merged_on.add("headline")
    undated = _undated_dedupe([i for i in items if i.when is None], dated)
    events = [_event(c, conflicts or _day_apart(c)) for c, conflicts in _join_conflicts(dated)]
    events += [_event(c, []) for c in undated]
    events.sort(
        key=lambda e: (
            e.when is None,
            e.when.start or "9999" if e.when else "",
            -RANK[e.when.precision] if e.when else 0,
            e.event_id,
        )
    )
    documents = sorted([a.info for a in anchored] + list(skipped), key=lambda d: d.doc_id)
    return Timeline(
        documents=documents, events=events, claims=merge_claims(extractions, anchored, people)
    )
