"""The data structures of merging: one mention with its date and citation (`Item`), a growing
group of them (`Cluster`), and the index that finds the clusters a date can join (`Blocks`)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from ..models import Citation, EventMention, When
from ..patterns import load_json_data
from ..temporal.values import PRECISION_RANK as RANK

T = TypeVar("T")


@dataclass
class Item:
    mention: EventMention
    when: When | None
    citation: Citation
    published: str | None
    source: str = ""  # the document's content hash: names it whatever its file is called
    headline: bool = False  # an undated headline joined to the event its lead dates
    # `item_names`, kept: every comparison of a busy day asks again
    names: frozenset[str] | None = field(default=None, repr=False, compare=False)


_NOTHING: frozenset[str] = frozenset()  # shared by every cluster that names no one


def _grow(have: AbstractSet[T], new: Iterable[T]) -> AbstractSet[T]:
    """`have` with `new` added. Most clusters are one mention naming no organisation: their
    empty fields share one frozenset, and a first set of names is the item's own, until a
    second item adds to it (a large corpus holds hundreds of thousands of clusters)."""
    if isinstance(have, set):
        have.update(new)
        return have
    if not have:
        return new if isinstance(new, frozenset) else (frozenset(new) or have)
    grown = set(have)
    grown.update(new)
    return grown if len(grown) > len(have) else have


@dataclass(slots=True)
class Cluster:
    """Items of one event. `items` only ever grows, so the derived fields are kept up to date
    incrementally (recomputing them on every comparison made clustering quadratic)."""

    items: list[Item] = field(default_factory=list)
    merged_on: set[str] = field(default_factory=set)  # why other sources' mentions joined it
    _seen: int = 0
    _when: When | None = None
    _actors: AbstractSet[str] = _NOTHING
    _places: AbstractSet[str] = _NOTHING
    _place_keys: AbstractSet[str] = _NOTHING
    _orgs: AbstractSet[str] = _NOTHING
    _agents: AbstractSet[str] = _NOTHING
    _names: AbstractSet[str] = _NOTHING
    _docs: AbstractSet[str] = _NOTHING
    _sents: AbstractSet[tuple[str, int]] = frozenset()
    # the evidence of its citations (evidence.bag) and how many items it was taken from: each
    # joining stage asks for it again, and a cluster that did not grow has the same evidence
    evidence: tuple[int, object] | None = field(default=None, repr=False)

    def _sync(self) -> None:
        if self._seen == len(self.items):
            return
        for i in self.items[self._seen :]:
            w = i.when
            if w is not None and (
                self._when is None
                or (RANK[w.precision], -w.confidence)
                < (RANK[self._when.precision], -self._when.confidence)
            ):
                self._when = w
            m = i.mention
            self._actors = _grow(self._actors, m.actors)
            self._places = _grow(self._places, m.places)
            self._place_keys = _grow(self._place_keys, {place_key(p) for p in m.places})
            self._orgs = _grow(self._orgs, m.organizations)
            self._agents = _grow(self._agents, m.agents)
            self._names = _grow(self._names, item_names(i))
            self._docs = _grow(self._docs, (m.doc_id,))
            self._sents = _grow(self._sents, ((m.doc_id, m.sent_start),))
        self._seen = len(self.items)

    @property
    def when(self) -> When | None:
        """The most precise date of the items (the first one seen among equals)."""
        self._sync()
        return self._when

    @property
    def actors(self) -> AbstractSet[str]:
        self._sync()
        return self._actors

    @property
    def places(self) -> AbstractSet[str]:
        self._sync()
        return self._places

    @property
    def place_keys(self) -> AbstractSet[str]:
        """The places as `place_key` reads them, for every comparison of places."""
        self._sync()
        return self._place_keys

    @property
    def organizations(self) -> AbstractSet[str]:
        self._sync()
        return self._orgs

    @property
    def agents(self) -> AbstractSet[str]:
        """The names of who did it, in the subjects of the items' clauses."""
        self._sync()
        return self._agents

    @property
    def names(self) -> AbstractSet[str]:
        """The stems of the names the items' sentences give (`item_names`)."""
        self._sync()
        return self._names

    @property
    def doc_ids(self) -> AbstractSet[str]:
        self._sync()
        return self._docs

    @property
    def sentences(self) -> AbstractSet[tuple[str, int]]:
        """(doc_id, sentence start) of every item."""
        self._sync()
        return self._sents


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:\s*(?:%|percent|billion|million))?")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The words that are evidence of nothing (patterns/merging.json)."""
    return frozenset(load_json_data("merging.json")["stopwords"])


@lru_cache(maxsize=4096)  # every comparison of places asks again
def place_key(place: str) -> str:
    """ "St. Petersburg" and "St Petersburg" are one place, and a venue is its city (data:
    patterns/places.json, "the Kremlin" is in Moscow)."""
    key = " ".join(place.replace(".", " ").lower().split())
    return str(load_json_data("places.json")["venues"].get(key, key))


def a_name(word: str, position: int, syn: dict[str, str]) -> bool:
    return word[0].isupper() and position > 0 and word.lower() not in syn


@lru_cache(maxsize=16384)  # a busy day compares the same sentences many times
def quote_evidence(
    quote: str, date_text: str | None
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(word stems or lexicon classes, name stems, figures) of one sentence without its date."""
    words: set[str] = set()
    names: set[str] = set()
    numbers: set[str] = set()
    if date_text:
        quote = quote.replace(date_text, " ")
    for m in _NUMBER.finditer(quote):
        figure = m.group(0).replace(",", "").replace(" ", "")
        # a year is a date, not a figure; a lone digit ("iPhone 4", "number 2") is no figure
        if not re.fullmatch(r"(1[89]|20)\d\d|\d", figure):
            numbers.add(figure)
    for n, m in enumerate(_WORD.finditer(quote)):
        told = _word_evidence(m.group(0))
        if told is not None:
            if told[0] and n > 0:
                names.add(told[1])
            else:
                words.add(told[2])
    return frozenset(words), frozenset(names), frozenset(numbers)


@lru_cache(maxsize=65536)  # a corpus repeats its vocabulary: one reading per distinct word
def _word_evidence(word: str) -> tuple[bool, str, str] | None:
    """What a word of a sentence is evidence of: None (a stopword or a short word), else
    (capitalised and no lexicon word, so a name past the sentence's first word; its stem as a
    name; its lexicon class or stem as a word)."""
    w = word.rstrip("'-")
    lower = w.lower()
    if lower in stopwords() or len(w) < 3:
        return None
    syn = synonyms()
    return a_name(w, 1, syn), stem(lower), syn.get(lower, stem(w))


def item_names(item: Item) -> frozenset[str]:
    """The names of the item's sentence (its capitalised words past the first, tagged or not,
    without its date) with its mention's people and places (stems; "the Kremlin" names
    Moscow)."""
    if item.names is None:
        m = item.mention
        parties = [*m.actors, *(place_key(p) for p in m.places)]
        words = {stem(w) for p in parties for w in p.lower().split()}
        item.names = quote_evidence(item.citation.quote, item.citation.date_text)[1] | words
    return item.names


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


def stem(word: str) -> str:
    """The first five letters, lower-case; one shared string per stem (a large corpus holds
    millions of them in its evidence sets, from a vocabulary of some thousands)."""
    return sys.intern(word.lower()[:5])


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Word -> its class ("quake", "temblor" -> earthquake; "hit", "struck" -> strike): outlets
    and sentences name one happening in different words (patterns/merging.json)."""
    data = load_json_data("merging.json")["synonyms"]
    return {w: key for key, words in data.items() for w in words}


@lru_cache(maxsize=1)
def lexicon_classes() -> frozenset[str]:
    """The classes of the lexicon (the keys of `synonyms`' values), built once."""
    return frozenset(synonyms().values())


def word_class(word: str) -> str:
    return synonyms().get(word.lower(), stem(word))


@lru_cache(maxsize=8192)
def content_words(title: str) -> frozenset[str]:
    """Stems of the common words of a title; names (capitalised words) are left out, since
    one outlet's story names the same companies and places in all its events."""
    words = title.replace("’", "'").split()
    return frozenset(
        stem(w)
        for n, w in enumerate(words)
        if len(w) >= 4 and w.isalpha() and (n == 0 or not w[0].isupper())
    )


_NOT_ALNUM = re.compile(r"[\W_]+")  # what str.isalnum() rejects


@lru_cache(maxsize=65536)
def wording(quote: str) -> str:
    """A sentence's words, lower-case, without punctuation: what two copies of it share."""
    return " ".join(_NOT_ALNUM.sub(" ", quote).lower().split())


def classes(mention: EventMention) -> tuple[set[str], set[str]]:
    """(class of the trigger, classes of the lexicon words of the title): what a mention names
    ("struck" -> strike; "the quake struck" -> earthquake, strike)."""
    syn = synonyms()
    words = {syn[k] for w in mention.title.split() if (k := w.lower().strip(".,;:'\"")) in syn}
    return {word_class(mention.trigger)}, words | {word_class(mention.trigger)}


def _class_meets(a: EventMention, b: EventMention) -> bool:
    """The trigger of one is a happening the other names ("the March 2 storm" / "a storm
    struck"), in the lexicon's classes (not bare stems)."""
    (core_a, all_a), (core_b, all_b) = classes(a), classes(b)
    known = lexicon_classes()
    return bool(((core_a & all_b) | (core_b & all_a)) & known)


def same_happening(item: Item, cluster: Cluster) -> bool:
    """Two untyped ("other") mentions are one event only when they tell the same happening:
    the same predicate ("struck" / "strikes") and, above a day, a name in common; or two
    common words of their titles. Otherwise every "other" of one day would fold into one."""
    first = cluster.items[0].mention
    if wording(item.citation.quote) == wording(cluster.items[0].citation.quote):
        return True  # a copy of the same sentence (syndicated or republished)
    coarse = item.when is not None and item.when.precision not in ("day", "week")
    if not coarse and item.mention.doc_id == first.doc_id and _class_meets(item.mention, first):
        return True  # one report: "the March 2 storm" and "the storm hit on March 2"
    if item.mention.doc_id not in cluster.doc_ids:
        # another report's "fell on Friday" is its own happening unless both name a party of it
        # (a busy day holds many stocks that fell, many who condemned); other evidence across
        # reports is weighed when clusters are joined across outlets (assemble/across.py)
        return word_class(first.trigger) == word_class(item.mention.trigger) and parties_meet(
            item.mention, cluster
        )
    if word_class(first.trigger) == word_class(item.mention.trigger):
        return True
    if coarse and item.mention.doc_id != first.doc_id:
        return False  # two reports' "net income rose" of one quarter: wording alone tells nothing
    return len(content_words(first.title) & content_words(item.mention.title)) >= 2


def parties_meet(mention: EventMention, cluster: Cluster) -> bool:
    """The mention names a person, place or organisation the cluster's mentions name (places
    as `place_key` reads them, like every other place comparison of the merge)."""
    return bool(
        set(mention.actors) & cluster.actors
        or {place_key(p) for p in mention.places} & {place_key(p) for p in cluster.places}
        or {o.lower() for o in mention.organizations} & {o.lower() for o in cluster.organizations}
    )


class Blocks:
    """Clusters of one type indexed by the first month their dates cover (with the keys that let a
    date of another precision join: an actor, a place, the sentence), and by date value.

    `dates_compatible` needs equal values or one date within the other, and a date of another
    precision joins only through a shared actor or place or its own sentence (`_coarse_fits`
    in merge.py), so only clusters sharing a month *and* such a key can fit an item, besides
    those of its very value. Without `keyed` (one-off types, which join on their titles) a
    month holds every cluster. An item's keys are added as it joins; a cluster is re-indexed
    when its date changes; the index only grows (a superset of the candidates is safe: each is
    still checked in full).

    Clusters of one value are also found by actor and as naming none, so an item naming actors
    (who must share one with a cluster that names any) is compared with those only.

    With `limit`, a date coarser than a day looks past a block of more than `limit` clusters (a
    year's clusters of one type, a month's at one place: in a large corpus, sharing that tells
    nothing, and a coarse date that fits several joins none), and past more than `limit`
    candidates in all (counted with repeats), except its own document's clusters.
    """

    def __init__(self, *, keyed: bool = True, limit: int | None = None) -> None:
        self.keyed = keyed
        self.limit = limit if keyed else None
        self.loose: list[Cluster] = []  # dates with a start and end but no usable months
        self.by_month: dict[tuple[int, object, int], list[Cluster]] = {}
        self.by_value: dict[tuple[object, ...], list[Cluster]] = {}
        self.by_doc: dict[str, list[Cluster]] = {}  # for a date past a full block
        self._seen: set[tuple[int, object]] = set()

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

    def _put(self, table: dict, key: object, cluster: Cluster) -> None:
        if (id(cluster), key) not in self._seen:
            self._seen.add((id(cluster), key))
            table.setdefault(key, []).append(cluster)

    def add(self, cluster: Cluster, w: When | None, keys: Iterable[object]) -> None:
        """Index cluster under date w and the given keys (all of its keys when its date is
        new, the joining item's otherwise)."""
        if w is None:
            return  # an undated cluster fits nothing
        self._put(self.by_value, ("=", w.value), cluster)
        for k in keys if self.keyed else ():
            if isinstance(k, tuple) and k[0] == "s":  # by document, past a full block
                self._put(self.by_value, ("=", w.value, k[1]), cluster)
                self._put(self.by_doc, k[1], cluster)
            elif isinstance(k, tuple) and k[0] == "a":  # by actor, for items naming actors
                self._put(self.by_value, ("=", w.value, "a", k[1]), cluster)
        if self.keyed and not cluster.actors:
            self._put(self.by_value, ("=", w.value, "a0"), cluster)
        months = self._months(w)
        if months is None:
            # a date with no start or end (XXXX-12-08) matches only its own value: by_value
            # finds it, and keeping it out of `loose` keeps every lookup from scanning it
            if w.start and w.end and (id(cluster), "loose") not in self._seen:
                self._seen.add((id(cluster), "loose"))
                self.loose.append(cluster)
            return
        # under its first month only: a cluster is looked up by coarser dates, which fit it
        # only when they contain it, so they cover its first month (a year is one entry, not 12)
        rank = RANK[w.precision]
        for k in list(keys) if self.keyed else [None]:
            self._put(self.by_month, (months[0], k, rank), cluster)

    def candidates(self, w: When | None, keys: Iterable[object]) -> list[Cluster]:
        found = {id(c): c for c in self.loose}
        if w is None:
            return list(found.values())
        keys = list(keys) if self.keyed else [None]
        limit = self.limit if RANK[w.precision] > RANK["day"] else None
        docs = {k[1] for k in keys if isinstance(k, tuple) and k[0] == "s"}
        same = self.by_value.get(("=", w.value), [])
        actors = [k[1] for k in keys if isinstance(k, tuple) and k[0] == "a"]
        if actors:  # `_compatible` wants an actor in common when both name actors
            tags: list[tuple[str, ...]] = [("a0",), *(("a", a) for a in actors)]
            same = [c for t in tags for c in self.by_value.get(("=", w.value, *t), ())]
        if limit is not None and len(same) > limit:
            same = [c for d in docs for c in self.by_value.get(("=", w.value, d), ())]
        found.update((id(c), c) for c in same)
        months = self._months(w)
        # items come finest first, so every cluster is as fine as w or finer; one of w's own
        # precision fits only with w's very value (by_value): only finer ones are looked up
        finer = [r for r in sorted(set(RANK.values())) if r < RANK[w.precision]]
        blocks: list[list[Cluster]] = []
        if months is not None and finer:
            blocks = [b for m in months for k in keys for r in finer
                      if (b := self.by_month.get((m, k, r)))]  # fmt: skip
        if limit is not None:
            blocks = [b for b in blocks if len(b) <= limit]
            if len(found) + sum(map(len, blocks)) > limit:  # counted with repeats: a bound
                own = {id(c): c for d in docs for c in self.by_doc.get(d, ())}
                return list(own.values())  # a superset of its own document's candidates
        for block in blocks:
            found.update((id(c), c) for c in block)
        return list(found.values())


def on_the_calendar(when: When | None) -> When | None:
    """An event is on a day: "last night" (2001-01-11TNI) puts it on 2001-01-11 (the text of the
    expression keeps the part of the day)."""
    if when is None or "T" not in when.value or when.precision != "day":
        return when
    return when.model_copy(update={"value": when.value.split("T")[0]})
