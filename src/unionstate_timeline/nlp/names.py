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


def canonical_people(names: Iterable[str]) -> dict[str, str]:
    """Map every person name to its canonical form."""
    counts = Counter(n for n in names if n)
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
    for name in sorted(counts, key=lambda n: (-len(n.split()), -counts[n], n)):
        surname = name.split()[-1].lower()
        first = name.split()[0].lower() if len(name.split()) > 1 else None
        for group in groups:
            rep = group[0].split()
            if _close(rep[-1].lower(), surname) and (
                first is None or len(rep) == 1 or rep[0][0].lower() == first[0]
            ):
                group.append(name)
                break
        else:
            groups.append([name])
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
    """Canonical names of the PERSON entities of one document."""
    return canonical_people(entity_name(e) for e in doc.ents if e.label_ == "PERSON")
