"""A spaCy Matcher split by what each pattern needs, so a stretch of text runs only the patterns
it can match.

The temporal patterns are many, and most start with optional words and test tokens with regular
expressions; one Matcher tries every pattern at every token. Each pattern here goes to a group
keyed by one of its mandatory tokens (those without "OP"), a word from a list (`LOWER`/`TEXT`,
an exact word or "IN") or a regular expression: the rarest, i.e. a list of time words (months,
units, "today") before a regular expression, before a list holding function words ("the",
"of"). A group runs on a stretch only when some token there meets its key, which every match
of its patterns requires. The matches are those of one Matcher holding every pattern, as long
as the patterns test tokens alone (no sentence starts or other context a stretch could cut),
which is what the temporal and trigger patterns do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

# one condition a stretch must meet: ("words", lower-case words) or ("regex", attr, pattern)
Need = tuple[Any, ...]


def _need(token: dict[str, Any]) -> Need | None:
    """What a mandatory token spec requires of some token, or None (no usable test)."""
    for attr in ("LOWER", "TEXT"):
        spec = token.get(attr)
        if isinstance(spec, str):
            return ("words", frozenset({spec.lower()}))
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return ("words", frozenset(str(w).lower() for w in spec["IN"]))
        if isinstance(spec, dict) and set(spec) == {"REGEX"}:
            return ("regex", attr, spec["REGEX"])
    return None


def needs(pattern: Sequence[dict[str, Any]]) -> list[Need]:
    """The conditions every match of the pattern meets, in a canonical order."""
    found = {n for t in pattern if "OP" not in t and (n := _need(t)) is not None}
    return sorted(found, key=repr)


def _longest(pattern: Sequence[dict[str, Any]]) -> int | None:
    """The most tokens a match of the pattern can span; None when unbounded ("+", "*")."""
    total = 0
    for t in pattern:
        op = str(t.get("OP", "1"))
        if op in ("1", "?", "!"):  # "!" takes a token that does not match
            total += 1
        elif m := re.fullmatch(r"\{(\d*)(,?)(\d*)\}", op):  # {n}, {n,m}, {,m}; {n,} unbounded
            if m[2] and not m[3]:
                return None
            total += int(m[3] or m[1])
        else:
            return None
    return total


def key_need(pattern: Sequence[dict[str, Any]], rare: frozenset[str]) -> Need | None:
    """The pattern's rarest condition (see the module's doc); None when it has none. Without
    a list of `rare` words, a list is rare when it holds no English stop word."""
    from spacy.lang.en.stop_words import STOP_WORDS

    def rank(n: Need) -> int:
        if n[0] == "words":
            return 0 if (n[1] <= rare if rare else n[1].isdisjoint(STOP_WORDS)) else 2
        return 1

    found = needs(pattern)
    return min(found, key=rank) if found else None


class GatedMatcher:
    """Matcher patterns in groups that share their mandatory tokens; call it on a Span."""

    def __init__(
        self,
        vocab: Vocab,
        patterns: Sequence[tuple[str, list[list[dict[str, Any]]]]],
        rare: frozenset[str] = frozenset(),
    ):
        """`rare`: words that carry time by themselves; a list made of them is a good key."""
        from spacy.matcher import Matcher

        grouped: dict[Need | None, list[tuple[str, list[dict[str, Any]]]]] = {}
        for label, group in patterns:
            for pattern in group:
                grouped.setdefault(key_need(pattern, rare), []).append((label, pattern))
        self.groups: list[tuple[Need | None, Matcher]] = []
        self.reach: list[int | None] = []  # the longest match of each group (None: unbounded)
        for key, members in grouped.items():
            matcher = Matcher(vocab, validate=True)
            for label, pattern in members:
                matcher.add(label, [pattern])
            self.groups.append((key, matcher))
            reach = [_longest(p) for _, p in members]
            self.reach.append(None if None in reach else max(r for r in reach if r is not None))
        self._by_word: dict[str, list[int]] = {}  # word -> the groups it keys
        self._by_regex: list[tuple[str, Callable[[str], object], int]] = []
        self._always: list[int] = []
        self._hits: dict[str, tuple[int, ...]] = {}  # token text -> regex groups it meets
        for i, (n, _) in enumerate(self.groups):
            if n is None:
                self._always.append(i)
            elif n[0] == "words":
                for w in n[1]:
                    self._by_word.setdefault(w, []).append(i)
            else:
                self._by_regex.append((n[1], re.compile(n[2]).search, i))

    def __call__(self, span: Span) -> list[tuple[int, int, int]]:
        """(match_id, start, end) of every match in span, offsets relative to it, sorted."""
        active = set(self._always)
        for t in span:
            active.update(self._by_word.get(t.lower_, ()))
            if self._by_regex:
                active.update(self._regex_groups(t.text))
        found: list[tuple[int, int, int]] = []
        for i in sorted(active):
            found += self.groups[i][1](span)
        return sorted(set(found), key=lambda m: (m[1], m[2], m[0]))

    def _regex_groups(self, text: str) -> tuple[int, ...]:
        """The groups whose regular expression a token of this text meets (remembered)."""
        found = self._hits.get(text)
        if found is None:
            lower = text.lower()
            found = tuple(
                i
                for attr, search, i in self._by_regex
                if search(lower if attr == "LOWER" else text)
            )
            if len(self._hits) >= 100_000:
                self._hits.clear()
            self._hits[text] = found
        return found

    def near_keys(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every match in a whole Doc, each group run only on the stretches around the tokens
        that meet its key (as far as its longest pattern reaches either side)."""
        found: list[tuple[int, int, int]] = []
        lowers = [t.lower_ for t in doc]
        at: dict[int, list[int]] = {}  # group -> indices of the tokens meeting its key
        for i, w in enumerate(lowers):
            if w in self._by_word:
                for g in self._by_word[w]:
                    at.setdefault(g, []).append(i)
        if self._by_regex:
            for i, t in enumerate(doc):
                for g in self._regex_groups(t.text):
                    at.setdefault(g, []).append(i)
        for g, (_, matcher) in enumerate(self.groups):
            reach = self.reach[g]
            if g in self._always or reach is None:
                found += matcher(doc) if g in self._always or at.get(g) else []
                continue
            stretches: list[tuple[int, int]] = []
            for i in at.get(g, ()):
                a, b = max(i - reach + 1, 0), min(i + reach, len(doc))
                if stretches and a <= stretches[-1][1]:
                    stretches[-1] = (stretches[-1][0], b)
                else:
                    stretches.append((a, b))
            for a, b in stretches:
                found += [(m, a + s, a + e) for m, s, e in matcher(doc[a:b])]
        return sorted(set(found), key=lambda m: (m[1], m[2], m[0]))
