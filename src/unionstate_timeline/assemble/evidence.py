"""What two clusters of different sources have in common, as evidence that they tell one
happening: names (normalised: "Northwind Corp." is "Northwind"), numbers ("$4.2 billion",
"17 programmes"), content words and the lexicon classes of their triggers. The weights and the
evidence each width of date needs live in patterns/merging.json (`evidence`).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..patterns import load_json_data
from .clusters import Cluster, classes, lexicon_classes, quote_evidence, stem


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    return load_json_data("merging.json")  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def generic_types() -> frozenset[str]:
    """Types so common that one day holds many different ones: a day alone does not make them
    one (`generic_types`)."""
    return frozenset(config()["generic_types"])


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """A name as sources agree on it: lower case, without punctuation, a leading article,
    titles or a company's legal form ("the Northwind Corp." -> "northwind")."""
    drop = set(config()["name_affixes"])
    words = [w for w in re.split(r"[\s.,'’]+", name.lower()) if w and w not in drop]
    return " ".join(words)


def names_agree(a: AbstractSet[str], b: AbstractSet[str]) -> bool:
    """Some name of one is a name of the other, or a part of it ("Northwind" / "Northwind
    Energy"): the same party."""
    ka = {name_key(n) for n in a} - {""}
    kb = {name_key(n) for n in b} - {""}
    if ka & kb:
        return True
    wa = {w for k in ka for w in k.split()}
    wb = {w for k in kb for w in k.split()}
    return any(set(k.split()) <= wb for k in ka) or any(set(k.split()) <= wa for k in kb)


_LINKS = {"of", "the", "and", "for", "de", "&"}


def _short_for(short: str, full: str) -> bool:
    """One word that abbreviates a longer name: its initials ("NATO", "GM") or its clipped
    first word ("the Fed" for the Federal Reserve)."""
    words = full.split()
    if " " in short or len(words) < 2:
        return False
    initials = "".join(w[0] for w in words if w not in _LINKS)
    return short == initials or (len(short) >= 3 and words[0].startswith(short))


def organizations_agree(a: AbstractSet[str], b: AbstractSet[str]) -> bool:
    """names_agree, or one's name abbreviates the other's ("IBM" / "International Business
    Machines", "the Fed" / "the Federal Reserve")."""
    if names_agree(a, b):
        return True
    ka = {name_key(n) for n in a} - {""}
    kb = {name_key(n) for n in b} - {""}
    return any(_short_for(x, y) or _short_for(y, x) for x in ka for y in kb)


def agents_differ(a: AbstractSet[str], b: AbstractSet[str]) -> bool:
    """Both name who did it and no name is of both (`organizations_agree`); a one-word name
    agrees with a name holding a word of its stem ("Russia" / "the Russian President")."""
    if not a or not b or organizations_agree(a, b):
        return False
    ka = {name_key(n) for n in a} - {""}
    kb = {name_key(n) for n in b} - {""}
    words_a = {stem(w) for k in ka for w in k.split()}
    words_b = {stem(w) for k in kb for w in k.split()}
    one_a = {stem(k) for k in ka if " " not in k}
    one_b = {stem(k) for k in kb if " " not in k}
    return not (one_a & words_b or one_b & words_a)


@dataclass(frozen=True)
class Bag:
    words: frozenset[str]  # stems (or lexicon classes) of the common words
    names: frozenset[str]  # stems of the capitalised words and the actors and places
    numbers: frozenset[str]  # figures the sentences give, besides their dates
    core: frozenset[str]  # classes of the triggers
    every: frozenset[str]  # classes of every lexicon word of the titles and the triggers
    # stems of the words of the people, organisations and places the mentions name
    parties: frozenset[str] = frozenset()


def bag(cluster: Cluster) -> Bag:
    """The evidence of every citation of the cluster, without the date words. Kept on the
    cluster; when it grows, only the new items are read (every part of a bag is a union over
    the items, so the old bag is part of the new one)."""
    kept = cluster.evidence
    seen = kept[0] if kept is not None else 0
    if kept is not None and seen == len(cluster.items):
        return kept[1]  # type: ignore[return-value]
    old = kept[1] if kept is not None else None
    found = _bag(cluster, seen, old)  # type: ignore[arg-type]
    cluster.evidence = (len(cluster.items), found)
    return found


def _bag(cluster: Cluster, seen: int, old: Bag | None) -> Bag:
    words: set[str] = set(old.words) if old else set()
    numbers: set[str] = set(old.numbers) if old else set()
    names = {stem(w) for n in cluster.actors | cluster.places for w in name_key(n).split()}
    core: set[str] = set(old.core) if old else set()
    every: set[str] = set(old.every) if old else set()
    if old:
        names |= old.names
    for item in cluster.items[seen:]:
        w, n, f = quote_evidence(item.citation.quote, item.citation.date_text)
        words |= w
        names |= n
        numbers |= f
        c, a = classes(item.mention)
        core |= c
        every |= a
    named = cluster.actors | cluster.organizations | cluster.agents | cluster.places
    parties = {stem(w) for n in named for w in name_key(n).split()}
    return Bag(
        frozenset(words),
        frozenset(names),
        frozenset(numbers),
        frozenset(core),
        frozenset(every),
        frozenset(parties),
    )


def block_keys(b: Bag) -> set[str]:
    """What indexes a cluster for its comparisons: its names, figures ("#") and the lexicon
    classes of its triggers ("@"); a key that too many clusters share tells nothing
    (`max_block`)."""
    return set(b.names) | {f"#{n}" for n in b.numbers} | {f"@{k}" for k in b.core & b.every}


def named_alike(a: Bag, b: Bag) -> int:
    """0: no word names both happenings; 1: they share a word; 2: the trigger of one is a
    lexicon happening the other names (the date was attached to that very word)."""
    if ((a.core & b.every) | (b.core & a.every)) & lexicon_classes():
        return 2
    return 1 if a.every & b.every else 0


def agreement(a: Bag, b: Bag, common: frozenset[str] = frozenset()) -> tuple[float, list[str]]:
    """A weighted count of what the two share, and which kinds of evidence they share
    (participants, figures, wording, trigger): the `merged_on` of a join."""
    w = config()["evidence"]["weights"]
    names = len((a.names & b.names) - common)
    numbers = len(a.numbers & b.numbers)
    words = len(a.words & b.words)
    jaccard = words / (len(a.words | b.words) or 1)
    alike = named_alike(a, b)
    score = (
        w["name"] * names
        + w["number"] * numbers
        + w["word"] * words
        + w["jaccard"] * jaccard
        + w["alike"] * alike
    )
    why = [k for k, n in (("participants", names), ("figures", numbers), ("wording", words),
                          ("trigger", alike)) if n]  # fmt: skip
    return score, why


def needed(precision: str) -> float | None:
    """The evidence a join needs when the coarser date has this precision (None: never)."""
    value = config()["evidence"]["needed"].get(precision)
    return None if value is None else float(value)
