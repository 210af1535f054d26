"""One entry per real-world event across outlets: clusters from different documents that tell
the same happening in different words ("a strong storm hit Westport" / "a gale
battered the port of Westport") are joined.

Joined only when every one of these holds: the documents are different; the dates are the same
known day (or month); the types can name one happening (patterns/merging.json families, or one
of them untyped); and the citations share names and content words. Joining never puts two
mentions of one document into one entry, so one report's two events stay two; except when a
third source tells both as its one happening in the lexicon's words (one report that names its
storm twice, in two sentences of one day), also when that source is already in the cluster of
one of them (its own mentions, not the report's, must tell the other's happening).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from itertools import combinations

from .clusters import Cluster
from .evidence import (
    Bag,
    agents_differ,
    bag,
    block_keys,
    config,
    generic_types,
    named_alike,
    names_agree,
    organizations_agree,
)
from .evidence import name_key as _name_key


def _families() -> list[set[str]]:
    return [set(f) for f in config()["families"]]


def types_fit(a: set[str], b: set[str]) -> bool:
    if a & b or "other" in a or "other" in b:
        return True
    return any(a & f and b & f for f in _families())


def _common_names(bags: Iterable[Bag]) -> frozenset[str]:
    """Names most stories of a busy day share ("New York", "Stock Exchange"): not evidence."""
    counts: Counter[str] = Counter()
    n = 0
    for b in bags:
        counts.update(b.names)
        n += 1
    if n < 4:
        return frozenset()
    return frozenset(name for name, c in counts.items() if c > n / 2)


def contradict(a: Cluster, b: Cluster) -> bool:
    """Both name who acted (or where, or the organisations involved) and none in common: two
    happenings."""
    return bool(
        (a.actors and b.actors and not names_agree(a.actors, b.actors))
        or organizations_differ(a.organizations, b.organizations)
        or agents_differ(a.agents, b.agents)
        or (
            a.places
            and b.places
            and not {_name_key(p) for p in a.places} & {_name_key(p) for p in b.places}
        )
    )


def organizations_differ(a: AbstractSet[str], b: AbstractSet[str]) -> bool:
    """Both name organisations that act in the happening, none in common: two companies'
    approvals, two clubs' wins."""
    return bool(a and b and not organizations_agree(a, b))


def _key(cluster: Cluster) -> str | None:
    w = cluster.when
    if w is None or w.precision not in config()["joinable_precisions"] or "X" in w.value:
        return None  # a year is too coarse, an unknown year may be any year
    return w.value


def _score(a: Bag, b: Bag, common: frozenset[str], *, strong: bool = False) -> float | None:
    cfg = config()
    words = len(a.words & b.words)
    shared = (a.names & b.names) - common
    names = len(shared)
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        # each gives its own figures: "earned $4 million" twice is two happenings unless a
        # name is shared, and a party's when they name any ("closed at $42" and "closed at
        # $17.50" in one market's trading are two companies' shares)
        parties = a.parties | b.parties
        if not shared or parties and not shared & parties:
            return None
    union = len(a.words | b.words) or 1
    jaccard = words / union
    enough_words = words >= cfg["min_shared_words"] or jaccard >= cfg["min_jaccard"]
    if names >= cfg["min_shared_names"] and enough_words:
        return names + words + jaccard
    named_apart = names == 0 and bool(a.names - common) and bool(b.names - common)
    if (
        not named_apart  # both name someone or something, nothing in common: two happenings
        and words >= cfg["min_shared_words_without_names"]
        and jaccard >= cfg["min_jaccard_without_names"]
    ):
        return words + jaccard
    if strong and (a.words & b.words) - (a.every & b.every):
        return words + jaccard  # the same lexicon happening on the same day, and a word more
    return None


def _why(a: Bag, b: Bag, common: frozenset[str], alike: int) -> set[str]:
    why = {"date", "type"}
    if (a.names & b.names) - common:
        why.add("participants")
    if a.words & b.words:
        why.add("wording")
    if alike == 2:
        why.add("trigger")
    return why


def _told_by_another(host: Cluster, other: Cluster, other_bag: Bag, common: frozenset[str]) -> bool:
    """The host already holds a third source (a document `other` is not from) whose own
    mentions tell other's happening in the lexicon's words, with a word more."""
    third = [i for i in host.items if i.mention.doc_id not in other.doc_ids]
    if not third:
        return False
    told = bag(Cluster(third))
    return (
        named_alike(told, other_bag) == 2
        and _score(told, other_bag, common, strong=True) is not None
    )


class Joiner:
    """Union-find over clusters that keeps, for each root, its documents, types and the
    reasons of its joins."""

    def __init__(self, clusters: list[Cluster]) -> None:
        self.clusters = clusters
        self.parent = list(range(len(clusters)))
        self.docs = [set(c.doc_ids) for c in clusters]
        self.types: list[set[str]] = [{str(i.mention.type) for i in c.items} for c in clusters]
        self.why: list[set[str]] = [set(c.merged_on) for c in clusters]
        # the organisations the joined clusters name, so a chain of joins never links two
        # companies' happenings through a member that names none
        self.orgs: list[set[str]] = [set(c.organizations) for c in clusters]
        self.agents: list[set[str]] = [set(c.agents) for c in clusters]

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def can_join(self, i: int, j: int, *, same_doc: bool = False) -> bool:
        ri, rj = self.root(i), self.root(j)
        if ri == rj or not types_fit(self.types[ri], self.types[rj]):
            return False
        if not same_doc and (
            organizations_differ(self.orgs[ri], self.orgs[rj])
            or agents_differ(self.agents[ri], self.agents[rj])
        ):
            return False
        return same_doc or not self.docs[ri] & self.docs[rj]

    def join(self, i: int, j: int, why: set[str]) -> None:
        ri, rj = sorted((self.root(i), self.root(j)))
        self.parent[rj] = ri
        self.docs[ri] |= self.docs[rj]
        self.types[ri] |= self.types[rj]
        self.why[ri] |= self.why[rj] | why
        self.orgs[ri] |= self.orgs[rj]
        self.agents[ri] |= self.agents[rj]

    def result(self) -> list[Cluster]:
        out: dict[int, Cluster] = {}
        for i, c in enumerate(self.clusters):
            r = self.root(i)
            if r in out:
                out[r].items.extend(c.items)
            else:
                out[r] = Cluster(list(c.items)) if r != i else c
        for r, c in out.items():
            c.merged_on = set(self.why[r])
        return [out[r] for r in sorted(out)]


def _alike_pairs(
    members: list[int], bags: dict[int, Bag], common: frozenset[str]
) -> list[tuple[int, int]]:
    """The pairs of a day's clusters whose words name a happening in common (named_alike > 0:
    some lexicon class or trigger class of one is one of the other's, and each cluster's
    trigger classes are among its own), in the order of `combinations(members, 2)`. A busy day
    no longer compares every pair: only those sharing such a class. A day or month holding
    more clusters than `max_block` (a month of a large corpus) pairs only those that also share
    a name, figure or trigger class few of them have, as the blocks of `join_coarse`: "a
    meeting" shared by hundreds of a month's clusters tells nothing."""
    if len(members) <= 8:
        return list(combinations(members, 2))
    limit = config()["evidence"]["max_block"]
    by_key: dict[str, list[int]] = {}
    if len(members) <= limit:
        for i in members:
            for k in bags[i].every:
                by_key.setdefault(k, []).append(i)
        found = {p for group in by_key.values() for p in combinations(group, 2)}
    else:
        for i in members:
            for k in block_keys(bags[i]) - common:
                by_key.setdefault(k, []).append(i)
        found = {
            p
            for group in by_key.values()
            if len(group) <= limit
            for p in combinations(group, 2)
            if bags[p[0]].every & bags[p[1]].every
        }
    order = {m: n for n, m in enumerate(members)}
    return sorted(found, key=lambda p: (order[p[0]], order[p[1]]))


def join_across(clusters: list[Cluster]) -> list[Cluster]:
    """The clusters with those that tell one happening from several documents joined."""
    by_day: dict[str, list[int]] = {}
    for i, c in enumerate(clusters):
        if (k := _key(c)) is not None:
            by_day.setdefault(k, []).append(i)
    uf = Joiner(clusters)
    docs = uf.docs[:]  # each cluster's own documents
    for members in by_day.values():
        if len(members) < 2:
            continue
        bags = {i: bag(clusters[i]) for i in members}
        common = _common_names(bags.values())
        pairs = []
        strong: dict[int, set[int]] = {}  # cross-document links by the lexicon's happening
        inside = []  # two clusters of one document that may tell one happening
        for i, j in _alike_pairs(members, bags, common):
            if not types_fit(uf.types[i], uf.types[j]):
                continue
            alike = named_alike(bags[i], bags[j])
            if not alike or contradict(clusters[i], clusters[j]):
                continue  # "shares fell" and "the quake struck": not one happening
            if uf.types[i] | uf.types[j] <= generic_types() and not (
                (bags[i].names & bags[j].names) - common
            ):
                continue  # two reports' "shares closed at", "said": one when they name a party
            if (s := _score(bags[i], bags[j], common, strong=alike == 2)) is None:
                continue
            if docs[i] & docs[j]:
                if alike == 2:
                    inside.append((i, j))
                continue
            pairs.append((-s, i, j, _why(bags[i], bags[j], common, alike)))
            if alike == 2:
                strong.setdefault(i, set()).add(j)
                strong.setdefault(j, set()).add(i)
        for _, i, j, why in sorted(pairs, key=lambda p: p[:3]):
            if uf.can_join(i, j):
                uf.join(i, j, why)
        for i, j in inside:  # a third source tells both as its happening: one event
            third = strong.get(i, set()) & strong.get(j, set())
            told = _told_by_another(clusters[i], clusters[j], bags[j], common) or (
                _told_by_another(clusters[j], clusters[i], bags[i], common)
            )
            if (third or told) and uf.can_join(i, j, same_doc=True):
                uf.join(i, j, {"date", "trigger"})
    return uf.result()
