"""Two outlets that date one happening a day apart: one resolved "on Tuesday" from the next
day's report, or told a night's event by the clock of another time zone ("late on Sunday
local time", "early Monday GMT").

A day apart is joined only on strong evidence, never on the date: different documents; the
same happening named in the lexicon's words (the trigger of one is a happening the other
names); shared names beyond those of every story of the day; an evidence score of at least
`evidence.needed.adjacent_day` (patterns/merging.json); at least one of the two days reached
relatively (a weekday, "yesterday") or told at the edge of a day (a clock time, "night",
"GMT"); not both naming their own, different weekdays with no clock or zone to reconcile
them; and each cluster has exactly one such partner. A document that tells the happening on
both days keeps them apart: it knows them as two. The join is recorded in `merged_on`
("adjacent-day") and the two days as a conflict of the entry.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ..patterns import load_json_data
from .across import Joiner, contradict, types_fit
from .clusters import Cluster
from .evidence import Bag, agreement, bag, config, named_alike

_CLOCK = r"\d{1,2}[:.]\d{2}"  # a clock time: "23:40", "6.10"


@lru_cache(maxsize=1)
def _edge() -> re.Pattern[str]:
    """A clock time or a word for the edge of a day (patterns/merging.json `day_edge_cues`)."""
    words = "|".join(re.escape(w) for w in config()["day_edge_cues"])
    return re.compile(rf"\b(?:{_CLOCK}|{words})\b", re.IGNORECASE)


def _day(c: Cluster) -> date | None:
    w = c.when
    if w is None or w.precision != "day" or len(w.value) != 10 or "X" in w.value:
        return None
    try:
        return date.fromisoformat(w.value)
    except ValueError:
        return None


def _uncertain(c: Cluster) -> bool:
    """The cluster's day may be off by one: reached relatively, or told at a day's edge."""
    for i in c.items:
        if i.when is not None and i.when.method != "explicit":
            return True
        if _edge().search(i.citation.quote):
            return True
    return False


def _weekdays(c: Cluster) -> set[int]:
    """The weekdays the cluster's own date expressions name ("on Tuesday", "Wednesday's")."""
    names = load_json_data("lexicon.json")["weekdays"]
    return {
        names[w]
        for i in c.items
        if i.when is not None and i.when.text
        for w in re.findall(r"[a-z]+", i.when.text.lower())
        if w in names and len(w) > 3  # not "sun", "sat", "wed": words of their own
    }


def _named_apart(a: Cluster, b: Cluster) -> bool:
    """Both outlets name their day's weekday, and the weekdays differ: each means its own day
    (the election on Tuesday, the result early on Wednesday), not one day told off by one."""
    wa, wb = _weekdays(a), _weekdays(b)
    if not wa or not wb or wa & wb:
        return False
    return not any(_clock().search(i.citation.quote) for c in (a, b) for i in c.items)


@lru_cache(maxsize=1)
def _clock() -> re.Pattern[str]:
    """A clock time or a time zone: where two named weekdays may still be one moment."""
    listed = load_json_data("lexicon.json")["time_zones"]
    zones = "|".join(re.escape(z) for z in [*listed, "local time"])
    return re.compile(rf"\b(?:{_CLOCK}|{zones})\b", re.IGNORECASE)


def _candidates(
    clusters: list[Cluster], uf: Joiner, bags: dict[int, Bag], day_a: list[int], day_b: list[int]
) -> list[tuple[int, int, list[str]]]:
    need = float(config()["evidence"]["needed"]["adjacent_day"])
    out = []
    for i in day_a:
        for j in day_b:
            a, b = clusters[i], clusters[j]
            if a.doc_ids & b.doc_ids or not uf.can_join(i, j):
                continue
            if not types_fit(uf.types[uf.root(i)], uf.types[uf.root(j)]) or contradict(a, b):
                continue
            if named_alike(bags[i], bags[j]) != 2 or not (_uncertain(a) or _uncertain(b)):
                continue
            if _named_apart(a, b):
                continue
            score, why = agreement(bags[i], bags[j])
            if score >= need and "participants" in why:
                out.append((i, j, why))
    return out


def _told_both_days(
    clusters: list[Cluster], bags: dict[int, Bag], i: int, other_day: list[int]
) -> bool:
    """Cluster i's documents also tell the same happening on the other day."""
    return any(
        clusters[k].doc_ids & clusters[i].doc_ids and named_alike(bags[i], bags[k]) == 2
        for k in other_day
    )


def join_adjacent(clusters: list[Cluster]) -> list[Cluster]:
    """The clusters with those that tell one happening a day apart, on strong evidence, joined."""
    by_day: dict[date, list[int]] = {}
    for i, c in enumerate(clusters):
        if (d := _day(c)) is not None:
            by_day.setdefault(d, []).append(i)
    uf = Joiner(clusters)
    bags: dict[int, Bag] = {}
    for d in sorted(by_day):
        nxt = by_day.get(d + timedelta(days=1))
        if not nxt:
            continue
        here = by_day[d]
        for i in here + nxt:
            if i not in bags:
                bags[i] = bag(clusters[i])
        found = _candidates(clusters, uf, bags, here, nxt)
        partners: dict[int, int] = {}
        for i, j, _ in found:
            partners[i] = partners.get(i, 0) + 1
            partners[j] = partners.get(j, 0) + 1
        for i, j, why in found:
            if partners[i] != 1 or partners[j] != 1:
                continue  # two candidates a day away: which one it is, nothing tells
            if _told_both_days(clusters, bags, i, nxt) or _told_both_days(clusters, bags, j, here):
                continue
            uf.join(i, j, {"adjacent-day", *why})
    return uf.result()
