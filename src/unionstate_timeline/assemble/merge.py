"""Merge stage: event mentions from every document become timeline Events; claims become Claims.

Two mentions are one event when their types agree, their dates are compatible (equal, or one
contains the other at a coarser precision) and their actors and places do not contradict. A
coarse mention joins a finer event only when exactly one such event fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..models import (
    AnchoredDocument,
    Citation,
    Conflict,
    DocExtraction,
    DocumentInfo,
    Event,
    EventMention,
    Timeline,
    When,
)
from ..nlp.names import canonical_people
from ..patterns import load_json_data
from ..temporal.values import PRECISION_RANK as RANK
from .citations import citation, stable_id
from .series import merge_claims

STATUS_ORDER = {"occurred": 0, "cancelled": 1, "planned": 2, "expected": 3}
DERIVED_CONFIDENCE = {"via-meeting": 0.85, "reported-same-day": 0.75, "lead": 0.7}
CONFLICT_DAYS = 7  # two days this close for one signing are a disagreement, not two signings
ONE_OFF_TYPES = {"treaty_signed", "treaty_in_force"}


@dataclass
class _Item:
    mention: EventMention
    when: When | None
    citation: Citation
    published: str | None


@dataclass
class _Cluster:
    """Items of one event. `items` only ever grows, so the derived fields are kept up to date
    incrementally (recomputing them on every comparison made clustering quadratic)."""

    items: list[_Item] = field(default_factory=list)
    _seen: int = 0
    _when: When | None = None
    _actors: set[str] = field(default_factory=set)
    _places: set[str] = field(default_factory=set)
    _docs: set[str] = field(default_factory=set)

    def _sync(self) -> None:
        for i in self.items[self._seen :]:
            w = i.when
            if w is not None and (
                self._when is None
                or (RANK[w.precision], -w.confidence)
                < (RANK[self._when.precision], -self._when.confidence)
            ):
                self._when = w
            self._actors.update(i.mention.actors)
            self._places.update(i.mention.places)
            self._docs.add(i.mention.doc_id)
        self._seen = len(self.items)

    @property
    def when(self) -> When | None:
        """The most precise date of the items (the first one seen among equals)."""
        self._sync()
        return self._when

    @property
    def actors(self) -> set[str]:
        self._sync()
        return self._actors

    @property
    def places(self) -> set[str]:
        self._sync()
        return self._places

    @property
    def doc_ids(self) -> set[str]:
        self._sync()
        return self._docs


def dates_compatible(a: When, b: When) -> bool:
    """Equal values, or one contains the other at a coarser precision. A date whose year is
    unknown (`XXXX-12-08`) matches only the same unknown-year value: which year's December 8 it
    is, no other source can tell."""
    if a.value == b.value:
        return True
    if a.start and b.start and a.end and b.end:
        a_in_b = b.start <= a.start and a.end <= b.end
        b_in_a = a.start <= b.start and b.end <= a.end
        return (a_in_b and RANK[b.precision] > RANK[a.precision]) or (
            b_in_a and RANK[a.precision] > RANK[b.precision]
        )
    return False


def _stem(word: str) -> str:
    return word.lower()[:5]


def _content_words(title: str) -> set[str]:
    return {_stem(w) for w in title.replace("’", "'").split() if len(w) >= 4 and w.isalpha()}


def _same_happening(item: _Item, cluster: _Cluster) -> bool:
    """Two untyped ("other") mentions are one event only when they tell the same happening:
    the same predicate ("struck" / "strikes"), or two content words of their titles in common.
    Otherwise every "other" of one day would fold into one entry."""
    first = cluster.items[0].mention
    if _stem(first.trigger) == _stem(item.mention.trigger):
        return True
    return len(_content_words(first.title) & _content_words(item.mention.title)) >= 2


def _compatible(item: _Item, cluster: _Cluster) -> bool:
    if cluster.items[0].mention.type != item.mention.type:
        return False
    if item.mention.type == "other" and not _same_happening(item, cluster):
        return False
    when = cluster.when
    if when is None or item.when is None or not dates_compatible(item.when, when):
        return False
    actors = set(item.mention.actors)
    if actors and cluster.actors and not actors & cluster.actors:
        return False
    places, there = {_place_key(p) for p in item.mention.places}, _place_keys(cluster)
    return not (places and there and not places & there)


def _place_key(place: str) -> str:
    """ "St. Petersburg" and "St Petersburg" are one place, and a venue is its city (data:
    patterns/places.json, "the Kremlin" is in Moscow)."""
    key = " ".join(place.replace(".", " ").lower().split())
    return str(load_json_data("places.json")["venues"].get(key, key))


def _place_keys(cluster: _Cluster) -> set[str]:
    return {_place_key(p) for p in cluster.places}


def _coarse_fits(item: _Item, cluster: _Cluster) -> bool:
    """A coarser date joins a finer event only from another source that names the same
    actors or place: "in 2021" in one article and "on 9 September 2021" in another."""
    same = (
        cluster.when is not None
        and item.when is not None
        and item.when.precision == cluster.when.precision
    )
    other_doc = item.mention.doc_id not in cluster.doc_ids
    shared = bool(
        set(item.mention.actors) & cluster.actors
        or {_place_key(p) for p in item.mention.places} & _place_keys(cluster)
    )
    # a treaty is signed once: "signed in 1999" is the signing another source dates to the day
    one_off = item.mention.type in ONE_OFF_TYPES and _shared_words(
        item.mention.title, cluster.items[0].mention.title, item.mention.trigger
    )
    # "held talks on Friday, December 20, their second meeting this month": one sentence
    same_sentence = any(
        i.mention.doc_id == item.mention.doc_id and i.mention.sent_start == item.mention.sent_start
        for i in cluster.items
    )
    return same or same_sentence or (other_doc and (shared or one_off))


class _Blocks:
    """Clusters of one type indexed by the months their dates cover, by date value, and by the
    value without its year (what an `XXXX-MM-DD` date can match).

    `dates_compatible` needs equal values, overlapping intervals or a matching X value, so only
    those clusters can fit an item. A cluster is re-indexed when its date changes; the index
    only grows (a superset of the candidates is safe: each is still checked in full).
    """

    def __init__(self) -> None:
        self.loose: list[_Cluster] = []  # dates without a usable start/end
        self.by_month: dict[int, list[_Cluster]] = {}
        self.by_value: dict[str, list[_Cluster]] = {}
        self.by_suffix: dict[tuple[int, str], list[_Cluster]] = {}

    @staticmethod
    def _months(w: When | None) -> range | None:
        """The months the date covers, as year * 12 + month - 1."""
        if w is None or not (w.start and w.end) or w.value.startswith("X"):
            return None
        try:
            first = int(w.start[:4]) * 12 + int(w.start[5:7]) - 1
            last = int(w.end[:4]) * 12 + int(w.end[5:7]) - 1
        except ValueError:
            return None
        return range(first, last + 1)

    def add(self, cluster: _Cluster, w: When | None) -> None:
        months = self._months(w)
        if months is None:
            self.loose.append(cluster)
        else:
            for m in months:
                self.by_month.setdefault(m, []).append(cluster)
        if w is not None:
            self.by_value.setdefault(w.value, []).append(cluster)
            self.by_suffix.setdefault((len(w.value), w.value[4:]), []).append(cluster)

    def candidates(self, w: When | None) -> list[_Cluster]:
        found = {id(c): c for c in self.loose}
        if w is not None:
            found.update((id(c), c) for c in self.by_value.get(w.value, ()))
        months = self._months(w)
        if months is not None:
            for m in months:
                found.update((id(c), c) for c in self.by_month.get(m, ()))
        elif w is not None and w.value.startswith("X"):
            found.update((id(c), c) for c in self.by_suffix.get((len(w.value), w.value[4:]), ()))
        return list(found.values())


def _cluster(items: list[_Item]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    blocks: dict[str, _Blocks] = {}  # only same-type clusters sharing a month can fit
    for item in sorted(
        items,
        key=lambda i: (
            RANK[i.when.precision] if i.when else 99,
            i.mention.doc_id,
            i.citation.start,
        ),
    ):
        block = blocks.setdefault(item.mention.type, _Blocks())
        fits = [
            c for c in block.candidates(item.when) if _compatible(item, c) and _coarse_fits(item, c)
        ]
        if len(fits) == 1:
            before = fits[0].when
            fits[0].items.append(item)
            if fits[0].when is not before:
                block.add(fits[0], fits[0].when)
        else:
            clusters.append(_Cluster([item]))
            block.add(clusters[-1], clusters[-1].when)
    return clusters


def _join_conflicts(clusters: list[_Cluster]) -> list[tuple[_Cluster, list[Conflict]]]:
    """One-off events (a treaty signed) reported on different days by different sources."""
    out: list[tuple[_Cluster, list[Conflict]]] = []
    hosts: dict[str, list[tuple[_Cluster, list[Conflict]]]] = {}  # one-off day-dated, by type
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
                and _same_object(c, host)
            ):
                docs = [host.items[0].mention.doc_id, c.items[0].mention.doc_id]
                conflicts.append(Conflict(field="when", values=[hw.value, w.value], doc_ids=docs))
                host.items.extend(c.items)
                break
        else:
            out.append((c, []))
            hosts.setdefault(type_, []).append(out[-1])
    return out


def _words(text: str) -> set[str]:
    return {w.lower().strip(".,\"'") for w in text.split() if len(w) > 3}


def _shared_words(a: str, b: str, trigger: str) -> bool:
    """Two titles name the same thing: two content words in common besides the trigger
    ("signed the union treaty" / "the Treaty on the Union State was signed")."""
    return len((_words(a) & _words(b)) - _words(trigger)) >= 2


def _titles_overlap(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.5


def _same_object(a: _Cluster, b: _Cluster) -> bool:
    return _titles_overlap(a.items[0].mention.title, b.items[0].mention.title)


def _status(items: list[_Item], when: When | None) -> str:
    for i in items:
        if i.mention.status == "occurred" and (
            when is None or i.published is None or when.start is None or i.published >= when.start
        ):
            return "occurred"
    return min((i.mention.status for i in items), key=lambda s: STATUS_ORDER[s])


def _event(cluster: _Cluster, conflicts: list[Conflict]) -> Event:
    items = sorted(cluster.items, key=lambda i: (i.mention.doc_id, i.citation.start))
    when = cluster.when
    actors = sorted(cluster.actors)
    type_ = items[0].mention.type
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
    citations = sorted({i.citation for i in items}, key=lambda c: (c.doc_id, c.start))
    return Event(
        event_id=stable_id(
            "ev",
            {
                "type": type_,
                "when": when.value if when else None,
                "actors": actors,
                "doc": None if when else items[0].citation.doc_id,
                "at": None if when else items[0].citation.start,
            },
        ),
        type=type_,
        title=best.mention.title,
        when=when,
        status=_status(items, when),  # type: ignore[arg-type]
        actors=actors,
        places=sorted(cluster.places),
        citations=citations,
        confidence=round(min(confidence, 0.99), 3),
        conflicts=conflicts,
    )


def _report_day(a: AnchoredDocument) -> When | None:
    """The day a report is of, for its lead's news: the document's own day, when known."""
    p = a.info.published
    if p is None or p.precision != "day" or p.start is None:
        return None
    confidence = round(p.confidence * DERIVED_CONFIDENCE["lead"], 3)
    return p.model_copy(update={"method": "lead", "confidence": confidence, "text": None})


def _items(x: DocExtraction, a: AnchoredDocument, people: dict[str, str]) -> list[_Item]:
    published = a.info.published.value if a.info.published else None
    last_day = a.info.published.end if a.info.published else None
    items = []
    for m in x.events:
        when = a.whens[m.timex] if m.timex is not None else None
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
        mention = m.model_copy(update=update)
        date_text = when.text if when else None
        items.append(
            _Item(mention, when, citation(x, m.sent_start, m.sent_end, date_text), published)
        )
    dated = [i for i in items if i.when is not None]
    # an undated mention repeats a dated one of its document when their actors agree or it
    # names none ("his message", "the recent meeting in Sochi"); one naming others is kept
    return dated + [
        i
        for i in items
        if i.when is None
        and not any(
            d.mention.type == i.mention.type
            and (set(d.mention.actors) & set(i.mention.actors) or not i.mention.actors)
            for d in dated
        )
    ]


def _undated_dedupe(items: list[_Item]) -> list[_Cluster]:
    seen: dict[tuple[str, str, tuple[str, ...]], _Cluster] = {}
    for i in items:
        key = (i.mention.doc_id, i.mention.type, tuple(i.mention.actors))
        seen.setdefault(key, _Cluster()).items.append(i)
    return list(seen.values())


def merge(
    extractions: Sequence[DocExtraction],
    anchored: Sequence[AnchoredDocument],
    skipped: Sequence[DocumentInfo] = (),
) -> Timeline:
    """Build the Timeline from every document's mentions and anchored dates."""
    people = canonical_people(
        [n for x in extractions for m in x.events for n in m.actors]
        + [c.attributed_to for x in extractions for c in x.claims if c.attributed_to]
    )
    items = [i for x, a in zip(extractions, anchored, strict=True) for i in _items(x, a, people)]
    dated = _cluster([i for i in items if i.when is not None])
    undated = _undated_dedupe([i for i in items if i.when is None])
    events = [_event(c, conflicts) for c, conflicts in _join_conflicts(dated)]
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
