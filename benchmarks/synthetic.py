"""Synthetic extraction results at any scale, for the global stages (anchor + merge) alone.

Seeds: the real extractions of a small generated corpus (benchmarks/corpus.py), taken from the
extraction cache when present (spaCy is loaded only on the first run). Each synthetic document
is a seed copy with its own doc_id and sha256, its years shifted (every parsed year, date cue
and "years told" moves together, so the copy stays self-consistent), months and days varied,
actors drawn from a pool that grows with the corpus, some event types changed, and a share of
its words (never a date) replaced by made-up words of the same length, so copies are not
syndicated duplicates of one another. Deterministic for a given seed and size.
"""

from __future__ import annotations

import random
import string
import tempfile
from pathlib import Path

from corpus import make_corpus

SEED_DOCS = 60
YEAR_SHIFT = 12  # copies spread over +-12 years around the seed's own
WORD_SHARE = 0.3  # of the words of 4+ letters, replaced in each copy
TYPES = ["meeting", "agreement", "approval", "statement", "loan", "trade", "visit"]


def seed_extractions(n: int = SEED_DOCS) -> list:
    """The extractions of n generated documents (cached across runs)."""
    from unionstate_timeline.cache import ExtractionCache
    from unionstate_timeline.models import Document
    from unionstate_timeline.pipeline import extract_documents
    from unionstate_timeline.reading.load import iter_documents

    with tempfile.TemporaryDirectory(prefix="unionstate-seeds-") as tmp:
        folder = Path(tmp) / "seeds"
        make_corpus(folder, n, seed=11)
        docs = [d for d in iter_documents([folder]) if isinstance(d, Document)]
        return list(extract_documents(docs, cache=ExtractionCache()))


def _word(rng: random.Random, length: int) -> str:
    return "".join(rng.choices(string.ascii_lowercase, k=length))


def _scramble(text: str, keep: list[tuple[int, int]], rng: random.Random) -> str:
    """text with a share of its long words replaced by made-up ones (same length, same case
    of the first letter), outside the `keep` spans; offsets do not move."""
    out = list(text)
    i, n = 0, len(text)
    kept = sorted(keep)
    k = 0
    while i < n:
        if not text[i].isalpha():
            i += 1
            continue
        j = i
        while j < n and text[j].isalpha():
            j += 1
        while k < len(kept) and kept[k][1] <= i:
            k += 1
        inside = k < len(kept) and kept[k][0] < j
        if j - i >= 4 and not inside and rng.random() < WORD_SHARE:
            w = _word(rng, j - i)
            out[i:j] = w.capitalize() if text[i].isupper() else w
        i = j
    return "".join(out)


def _shift_parse(parse: dict, shift: int, month_map: dict[int, int], day_shift: int) -> dict:
    p = dict(parse)
    if isinstance(p.get("year"), int):
        p["year"] += shift
    if isinstance(p.get("month"), int) and p["month"] in month_map:
        p["month"] = month_map[p["month"]]
    if isinstance(p.get("day"), int) and "weekday" not in p:
        p["day"] = min(max(p["day"] + day_shift, 1), 28) if p["day"] <= 28 else p["day"]
    return p


def synthetic_extraction(seed, index: int, rng: random.Random, people: list[str]):
    """One perturbed copy of a seed extraction, as document `index` of the corpus."""
    doc = seed.doc
    shift = rng.randint(-YEAR_SHIFT, YEAR_SHIFT)
    months = list(range(1, 13))
    month_map = dict(zip(months, rng.sample(months, 12), strict=True)) if rng.random() < 0.5 else {}
    day_shift = rng.randint(-3, 3)
    keep = [(t.start, t.end) for t in seed.timexes]
    text = _scramble(doc.text, keep, rng)
    body = text if doc.body == doc.text else _scramble(doc.body, [], rng)
    doc_id = f"{index:06d}_{rng.getrandbits(40):010x}"
    info = doc.info.model_copy(
        update={"doc_id": doc_id, "path": f"synthetic/{doc_id}.txt", "sha256": f"{index:064x}"}
    )
    cues = [
        c.model_copy(update={"year": c.year + shift}) if c.year is not None else c
        for c in doc.date_cues
    ]
    new_doc = doc.model_copy(update={"info": info, "text": text, "body": body, "date_cues": cues})
    timexes = [
        t.model_copy(update={"parse": _shift_parse(t.parse, shift, month_map, day_shift)})
        for t in seed.timexes
    ]
    names = sorted({a for m in seed.events for a in m.actors})
    rename = {a: rng.choice(people) for a in names if rng.random() < 0.7}
    events = [
        m.model_copy(
            update={
                "doc_id": doc_id,
                "actors": [rename.get(a, a) for a in m.actors],
                "type": rng.choice(TYPES) if rng.random() < 0.2 else m.type,
            }
        )
        for m in seed.events
    ]
    claims = [
        c.model_copy(
            update={
                "doc_id": doc_id,
                "value": c.value + rng.randint(0, 3),
                "attributed_to": rename.get(c.attributed_to, c.attributed_to)
                if c.attributed_to
                else None,
            }
        )
        for c in seed.claims
    ]
    return seed.model_copy(
        update={
            "doc": new_doc,
            "timexes": timexes,
            "events": events,
            "claims": claims,
            "years_past": [y + shift for y in seed.years_past],
            "years_future": [y + shift for y in seed.years_future],
        }
    )


def people_pool(n_docs: int, rng: random.Random) -> list[str]:
    """Made-up people, about one per five documents (a corpus of more sources names more)."""
    out = []
    for _ in range(max(n_docs // 5, 20)):
        first = rng.choice(string.ascii_uppercase) + _word(rng, rng.randint(3, 6))
        last = rng.choice(string.ascii_uppercase) + _word(rng, rng.randint(5, 9))
        out.append(f"{first} {last}")
    return out


def iter_synthetic(seeds: list, n_docs: int, *, seed: int = 3):
    """n_docs synthetic extractions, streamed (one alive at a time unless kept)."""
    rng = random.Random(seed)
    people = people_pool(n_docs, rng)
    for i in range(n_docs):
        yield synthetic_extraction(seeds[i % len(seeds)], i, rng, people)
