"""One entry per real-world event across outlets: clusters from different documents that tell
the same happening in different words ("a strong storm hit Westport" / "a gale
battered the port of Westport") are joined.

Joined only when every one of these holds: the documents are different; the dates are the same
known day (or month); the types can name one happening (patterns/merging.json families, or one
of them untyped); and the citations share names and content words. Joining never puts two
mentions of one document into one entry, so one report's two events stay two.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations
from typing import Any

from ..patterns import load_json_data
from .clusters import Cluster, classes, stem, synonyms

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    return load_json_data("merging.json")  # type: ignore[no-any-return]


def _families() -> list[set[str]]:
    return [set(f) for f in _config()["families"]]


def _types_fit(a: set[str], b: set[str]) -> bool:
    if a & b or "other" in a or "other" in b:
        return True
    return any(a & f and b & f for f in _families())


def _bag(cluster: Cluster) -> tuple[set[str], set[str]]:
    """(content stems, names) of every citation of the cluster, without the date words."""
    stop = set(_config()["stopwords"])
    words: set[str] = set()
    names = {n.lower() for n in cluster.actors | cluster.places}
    for item in cluster.items:
        quote = item.citation.quote
        if item.citation.date_text:
            quote = quote.replace(item.citation.date_text, " ")
        for n, m in enumerate(_WORD.finditer(quote)):
            w = m.group(0)
            if w.lower() in stop or len(w) < 3:
                continue
            if w[0].isupper() and n > 0:
                names.add(w.lower())
            else:
                words.add(synonyms().get(w.lower(), stem(w)))
    return words, {stem(n) for n in names}


def _triggers(cluster: Cluster) -> tuple[set[str], set[str]]:
    """(classes of the triggers, classes of every lexicon word of the titles): the words that
    name the happening ("quake", "struck" -> earthquake, strike)."""
    core: set[str] = set()
    every: set[str] = set()
    for item in cluster.items:
        c, a = classes(item.mention)
        core |= c
        every |= a
    return core, every


def _named_alike(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> int:
    """0: no word names both happenings; 1: they share a word; 2: the trigger of one is a
    lexicon happening the other names (the date was attached to that very word)."""
    if ((a[0] & b[1]) | (b[0] & a[1])) & set(synonyms().values()):
        return 2
    return 1 if a[1] & b[1] else 0


def _common_names(bags: Iterable[tuple[set[str], set[str]]]) -> set[str]:
    """Names most stories of a busy day share ("New York", "Stock Exchange"): not evidence."""
    counts: Counter[str] = Counter()
    n = 0
    for _, names in bags:
        counts.update(names)
        n += 1
    if n < 4:
        return set()
    return {name for name, c in counts.items() if c > n / 2}


def _contradict(a: Cluster, b: Cluster) -> bool:
    """Both name who acted (or where) and none in common: two happenings."""
    return bool(
        (a.actors and b.actors and not a.actors & b.actors)
        or (
            a.places
            and b.places
            and not {p.lower() for p in a.places} & {p.lower() for p in b.places}
        )
    )


def _key(cluster: Cluster) -> str | None:
    w = cluster.when
    if w is None or w.precision not in _config()["joinable_precisions"] or "X" in w.value:
        return None  # a year is too coarse, an unknown year may be any year
    return w.value


def _score(
    a: tuple[set[str], set[str]], b: tuple[set[str], set[str]], *, strong: bool = False
) -> float | None:
    cfg = _config()
    words = len(a[0] & b[0])
    names = len(a[1] & b[1])
    union = len(a[0] | b[0]) or 1
    jaccard = words / union
    enough_words = words >= cfg["min_shared_words"] or jaccard >= cfg["min_jaccard"]
    if names >= cfg["min_shared_names"] and enough_words:
        return names + words + jaccard
    if (
        words >= cfg["min_shared_words_without_names"]
        and jaccard >= cfg["min_jaccard_without_names"]
    ):
        return words + jaccard
    if strong and words >= 1:  # the same lexicon happening on the same day, and a word more
        return words + jaccard
    return None


def join_across(clusters: list[Cluster]) -> list[Cluster]:
    """The clusters with those that tell one happening from several documents joined."""
    by_day: dict[str, list[int]] = {}
    for i, c in enumerate(clusters):
        if (k := _key(c)) is not None:
            by_day.setdefault(k, []).append(i)
    parent = list(range(len(clusters)))
    docs = [set(c.doc_ids) for c in clusters]
    types: list[set[str]] = [{str(i.mention.type) for i in c.items} for c in clusters]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in by_day.values():
        if len(members) < 2:
            continue
        bags = {i: _bag(clusters[i]) for i in members}
        common = _common_names(bags.values())
        bags = {i: (w, n - common) for i, (w, n) in bags.items()}
        heads = {i: _triggers(clusters[i]) for i in members}
        pairs = []
        for i, j in combinations(members, 2):
            if docs[i] & docs[j] or not _types_fit(types[i], types[j]):
                continue
            alike = _named_alike(heads[i], heads[j])
            if not alike or _contradict(clusters[i], clusters[j]):
                continue  # "shares fell" and "the quake struck": not one happening
            if (s := _score(bags[i], bags[j], strong=alike == 2)) is not None:
                pairs.append((-s, i, j))
        for _, i, j in sorted(pairs):
            ri, rj = root(i), root(j)
            if ri == rj or docs[ri] & docs[rj] or not _types_fit(types[ri], types[rj]):
                continue
            parent[rj] = ri
            docs[ri] |= docs[rj]
            types[ri] |= types[rj]
    out: dict[int, Cluster] = {}
    for i, c in enumerate(clusters):
        r = root(i)
        if r in out:
            out[r].items.extend(c.items)
        else:
            out[r] = Cluster(list(c.items)) if r != i else c
    return [out[r] for r in sorted(out)]
