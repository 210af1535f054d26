"""Mentions at different precisions across outlets: "in May", "last week", "from 3 to 9 May"
or "in 2021" from one source joins the event another source dates to the day, when the
happening agrees: the finer date lies within the coarser one, the types fit, nothing
contradicts (participants, places), and they share enough evidence (assemble/evidence.py) for
a date that wide. The joined event keeps the finest date. A coarse mention that fits two
different events joins neither: "in May" cannot tell which of two May meetings it is.

Candidates are found through an index of (year, name or figure or lexicon class): only
clusters that share a key and a year are compared, never all pairs of the corpus.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from ..temporal.values import PRECISION_RANK as RANK
from .across import Joiner, contradict
from .clusters import Cluster, stem
from .evidence import Bag, agreement, bag, block_keys, config, generic_types, name_key, needed

DAY = RANK["day"]


def _precision(c: Cluster) -> str:
    """The date's precision; a span of days ("from 3 to 9 May") is an interval."""
    w = c.when
    assert w is not None
    return "interval" if "/" in w.value else w.precision


def _rank(c: Cluster) -> float:
    p = _precision(c)
    return RANK["week"] + 0.5 if p == "interval" else RANK[p]


def _span(c: Cluster) -> tuple[str, str] | None:
    w = c.when
    if w is None or "X" in w.value or not (w.start and w.end):
        return None
    return w.start, w.end


def _years(span: tuple[str, str]) -> range:
    return range(int(span[0][:4]), int(span[1][:4]) + 1)


def _within(fine: tuple[str, str], coarse: tuple[str, str]) -> bool:
    return coarse[0] <= fine[0] and fine[1] <= coarse[1]


def _kinds(c: Cluster) -> set[str]:
    """The cluster's kinds of event more telling than a statement or an untyped verb."""
    return {str(i.mention.type) for i in c.items} - generic_types()


def _typed(c: Cluster) -> bool:
    return bool(_kinds(c))


def _disagree(a: Cluster, b: Cluster, bag_a: Bag, bag_b: Bag) -> bool:
    """Who acted (or where) contradicts: both name parties, none in common, and neither's
    parties are even named in the other's sentences ("Russia" acts in one, the "Russian
    President" in the other: no contradiction)."""
    if not contradict(a, b):
        return False

    def named_in(parties: AbstractSet[str], other: Bag) -> bool:
        told = other.names | other.words
        return any({stem(w) for w in name_key(p).split()} <= told for p in parties)

    a_parties, b_parties = (
        a.actors | a.places | a.organizations,
        b.actors | b.places | b.organizations,
    )
    return not (named_in(a_parties, bag_b) or named_in(b_parties, bag_a))


def _the_one(fits: dict[int, tuple[float, list[str]]]) -> int | None:
    """The event a coarse mention tells: the only one that fits, or one that fits clearly
    better (by `margin`) than any other and names the same happening."""
    if not fits:
        return None
    ranked = sorted(fits.items(), key=lambda kv: (-kv[1][0], kv[0]))
    if len(ranked) == 1:
        return ranked[0][0]
    (best, (score, why)), (_, (second, _)) = ranked[0], ranked[1]
    margin = config()["evidence"]["margin"]
    return best if "trigger" in why and score - second >= margin else None


def join_coarse(clusters: list[Cluster]) -> list[Cluster]:
    """The clusters with each coarse-dated one joined to the one finer event it tells."""
    limit = config()["evidence"]["max_block"]
    spans = [_span(c) for c in clusters]
    bags: dict[int, Bag] = {}
    index: dict[tuple[int, str], list[int]] = {}
    for i, c in enumerate(clusters):
        span = spans[i]
        if span is None or len(_years(span)) > 2:
            continue
        bags[i] = bag(c)
        for y in _years(span):
            for k in block_keys(bags[i]):
                index.setdefault((y, k), []).append(i)
    uf = Joiner(clusters)
    rank = {i: _rank(clusters[i]) for i in bags}  # the clusters do not change until the end
    coarse = sorted((i for i in bags if rank[i] > DAY), key=lambda i: (rank[i], i))
    for i in coarse:
        c, span = clusters[i], spans[i]
        assert span is not None and c.when is not None
        want = needed(_precision(c))
        if want is None:
            continue
        found: set[int] = set()
        for y in _years(span):
            for k in block_keys(bags[i]):
                block = index.get((y, k), ())
                if len(block) <= limit:  # a name every story of the year shares tells nothing
                    found.update(block)
        fits: dict[int, tuple[float, list[str]]] = {}
        told: set[int] = set()
        for j in sorted(found - {i}):
            w, other = clusters[j].when, spans[j]
            if w is None or other is None or not _within(other, span):
                continue
            if rank[j] > rank[i] or (rank[j] == rank[i] and w.value != c.when.value):
                continue
            if not uf.can_join(i, j) or _disagree(c, clusters[j], bags[i], bags[j]):
                continue
            score, why = agreement(bags[i], bags[j])
            if _kinds(c) & _kinds(clusters[j]):  # one kind of event, and not a generic one
                score += config()["evidence"]["weights"]["type"]
                why.append("type")
            generic = not (_typed(c) or _typed(clusters[j]))
            if generic and not {"trigger", "participants"} <= set(why):
                continue  # two generic mentions ("said", "earned") name one happening and party
            if score >= want:
                root = uf.root(j)
                if root not in fits or fits[root][0] < score:
                    fits[root] = (score, why)
                if w.method != "lead":
                    told.add(root)
        if told:  # a day some text gives beats a day only the lead convention infers
            fits = {root: fit for root, fit in fits.items() if root in told}
        if (one := _the_one(fits)) is not None and uf.can_join(i, one):
            uf.join(i, one, {"date", *fits[one][1]})
    return uf.result()
