"""Actor names: one canonical form per person, within a document and across the corpus.

"Lukashenko", "Alexander Lukashenko", "Aleksandr Lukashenko", "Lukashenka" and the typo
"Lukkashenko" are one person: surnames that agree up to one edit (for names of 6+ letters) are
the same, and the most frequent full form (first name + surname) names them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_STRIP = "'’s\" ,.-"


def entity_name(ent: Span) -> str:
    """An entity's text without a leading article or trailing possessive."""
    words = ent.text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    text = " ".join(words)
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip(_STRIP[3:]) or ent.text


def _close(a: str, b: str) -> bool:
    """Equal, or one edit apart when both are long enough for a typo to be told from a name."""
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _keys(surname: str) -> set[str]:
    """Blocking keys: two surnames `_close` calls one share a key (the surname itself, or it
    with one letter left out), so grouping looks up a few keys instead of every group."""
    if len(surname) < 6:
        return {surname}  # a short name is only ever equal to another
    return {surname} | {surname[:i] + surname[i + 1 :] for i in range(len(surname))}


def canonical_people(names: Iterable[str]) -> dict[str, str]:
    """Map every person name to its canonical form."""
    counts = Counter(n for n in names if n.strip())
    # "Belarus Alexander Lukashenko" (a title the model took in) is "Alexander Lukashenko"
    alias: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: -len(n.split())):
        words = name.split()
        for k in range(1, len(words) - 1):
            suffix = " ".join(words[k:])
            if suffix in counts:
                alias[name] = suffix
                counts[suffix] += counts.pop(name)
                break
    groups: list[list[str]] = []
    # blocking: a group is found through its surname's keys, never by scanning every group
    index: dict[str, list[int]] = {}
    for name in sorted(counts, key=lambda n: (-len(n.split()), -counts[n], n)):
        words = name.split()
        surname = words[-1].lower()
        first = words[0].lower() if len(words) > 1 else None
        candidates = sorted({g for key in _keys(surname) for g in index.get(key, ())})
        for g in candidates:  # the first group formed, as a scan in order would find
            rep = groups[g][0].split()
            if _close(rep[-1].lower(), surname) and (
                first is None or len(rep) == 1 or rep[0][0].lower() == first[0]
            ):
                groups[g].append(name)
                break
        else:
            groups.append([name])
            for key in _keys(surname):
                index.setdefault(key, []).append(len(groups) - 1)
    out: dict[str, str] = {}
    for group in groups:
        full = [n for n in group if len(n.split()) > 1] or group
        best = max(full, key=lambda n: (counts[n], n.split()[0] != n.split()[-1], n))
        for n in group:
            out[n] = best
    for name, target in alias.items():
        while target in alias:
            target = alias[target]
        out[name] = out[target]
    return out


def doc_people(doc: Doc) -> dict[str, str]:
    """Canonical names of the PERSON entities of one document (computed once per Doc)."""
    people = doc.user_data.get("unionstate_people")
    if people is None:
        people = canonical_people(entity_name(e) for e in doc.ents if e.label_ == "PERSON")
        doc.user_data["unionstate_people"] = people
    return people  # type: ignore[no-any-return]
