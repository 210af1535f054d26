"""Whether an item fits a cluster of its type in the first clustering: across sources, one day
alone makes no happening; the two must name a party, a place or a thing in common, and a
source naming others (people, organisations, the names of its sentence) tells another one.
"""

from __future__ import annotations

from functools import lru_cache

from .clusters import Cluster, Item, item_names, place_key, stopwords, word_class
from .evidence import generic_types, organizations_agree

ONE_OFF_TYPES = {"treaty_signed", "treaty_in_force"}


def coarse_fits(item: Item, cluster: Cluster) -> bool:
    """A coarser date joins a finer event only from another source that names the same
    actors or place: "in 2021" in one article and "on 9 September 2021" in another."""
    same = (
        cluster.when is not None
        and item.when is not None
        and item.when.precision == cluster.when.precision
    )
    other_doc = item.mention.doc_id not in cluster.doc_ids
    orgs = set(item.mention.organizations)
    shared = bool(
        set(item.mention.actors) & cluster.actors
        or {place_key(p) for p in item.mention.places} & cluster.place_keys
        or (orgs and cluster.organizations and organizations_agree(orgs, cluster.organizations))
    )
    # a treaty is signed once: "signed in 1999" is the signing another source dates to the day
    one_off = item.mention.type in ONE_OFF_TYPES and _shared_words(
        item.mention.title, cluster.items[0].mention.title, item.mention.trigger
    )
    # "held talks on Friday, December 20, their second meeting this month": one sentence
    same_sentence = (item.mention.doc_id, item.mention.sent_start) in cluster.sentences
    generic = item.mention.type in generic_types()
    if same and other_doc and generic and not (shared or _told_alike(item, cluster)):
        return False  # two sources' statements of one day are one only if they tell one thing
    if same and other_doc and (_parties_differ(item, cluster) or _named_apart(item, cluster)):
        return False  # both name who or where, nobody in common: two companies' deals that day
    return same or same_sentence or (other_doc and (shared or one_off))


def _parties_differ(item: Item, cluster: Cluster) -> bool:
    """Both name the people, organisations or places of their happening, none in common."""
    m = item.mention
    mine = {*m.actors, *m.organizations, *(place_key(p) for p in m.places)}
    there = {*cluster.actors, *cluster.organizations, *cluster.place_keys}
    return bool(mine and there and not organizations_agree(mine, there))


def _named_apart(item: Item, cluster: Cluster) -> bool:
    """Both sentences name someone or something (capitalised words, tagged or not), and no
    name is in both."""
    mine = item_names(item)
    there = cluster.names
    return bool(mine and there and not mine & there)


def _told_alike(item: Item, cluster: Cluster) -> bool:
    """A mention from another source tells the cluster's happening: predicates of one class
    ("hit" / "struck") and a word of their sentences in common, or two words of their titles."""
    first = cluster.items[0]
    if _shared_words(item.mention.title, first.mention.title, item.mention.trigger):
        return True
    if word_class(item.mention.trigger) != word_class(first.mention.trigger):
        return False
    shared = _words(item.citation.quote) & _words(first.citation.quote)
    shared -= _words(item.mention.trigger) | _words(first.mention.trigger) | stopwords()
    return len(shared) >= 2


@lru_cache(maxsize=8192)  # every comparison of a busy day tokenises the same sentences again
def _words(text: str) -> frozenset[str]:
    return frozenset({w.lower().strip(".,\"'") for w in text.split() if len(w) > 3})


def _shared_words(a: str, b: str, trigger: str) -> bool:
    """Two titles name the same thing: two content words in common besides the trigger
    ("signed the union treaty" / "the Treaty on the Union State was signed")."""
    return len((_words(a) & _words(b)) - _words(trigger)) >= 2


def _titles_overlap(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.5


def same_object(a: Cluster, b: Cluster) -> bool:
    return _titles_overlap(a.items[0].mention.title, b.items[0].mention.title)
