"""Matching primitives, and the scores of claims and temporal expressions.

Everything is matched one-to-one within a document: a greedy pass over candidate pairs, best
score first, so each gold item is taken at most once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..models import Citation, Claim, Timeline, Timex
from .gold import GoldDocument
from .models import PRF, Accuracy, ClaimItem, ClaimScore, TimexScore

# --- helpers -------------------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def prf(tp: int, predicted: int, gold: int) -> PRF:
    """Precision/recall/F1 from counts."""
    return PRF(
        tp=tp,
        predicted=predicted,
        gold=gold,
        precision=_ratio(tp, predicted),
        recall=_ratio(tp, gold),
        f1=_ratio(2 * tp, predicted + gold),
    )


def accuracy(correct: int, n: int) -> Accuracy:
    return Accuracy(n=n, correct=correct, accuracy=_ratio(correct, n))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


Candidate = tuple[tuple[int, ...], int, int]  # (score, prediction index, gold index)


def greedy(candidates: list[Candidate]) -> dict[int, int]:
    """One-to-one matching, best score first (ties in input order): prediction -> gold index.

    Where compatibility is an equivalence (same doc, type, value) greedy is also maximum; the
    score only decides *which* gold event a prediction takes (the one its citation overlaps).
    """
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(candidates, key=lambda c: c[0], reverse=True):
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


# --- claims --------------------------------------------------------------------------------------


def _norm(text: str | None) -> str | None:
    return " ".join(text.lower().split()) if text else None


def _claim_predictions(timeline: Timeline, doc_ids: set[str]) -> list[tuple[Claim, Citation]]:
    preds: list[tuple[Claim, Citation]] = []
    for claim in timeline.claims:
        seen: set[str] = set()
        for cite in claim.citations:
            if cite.doc_id in doc_ids and cite.doc_id not in seen:
                seen.add(cite.doc_id)
                preds.append((claim, cite))
    return preds


def score_claims(gold: Sequence[GoldDocument], timeline: Timeline) -> ClaimScore:
    """Claims match on doc + value (relative 1e-9); unit/qualifier agreement on the matches."""
    golds = [(doc.doc_id, c) for doc in gold for c in doc.claims]
    preds = _claim_predictions(timeline, {doc.doc_id for doc in gold})
    cands: list[Candidate] = []
    for i, (claim, cite) in enumerate(preds):
        for j, (doc_id, g) in enumerate(golds):
            if doc_id == cite.doc_id and math.isclose(claim.value, g.value, rel_tol=1e-9):
                same_q = int(_norm(claim.qualifier) == _norm(g.qualifier))
                cands.append(((same_q, overlap((cite.start, cite.end), (g.start, g.end))), i, j))
    pairs = greedy(cands)
    units = sum(_norm(preds[i][0].unit) == _norm(golds[j][1].unit) for i, j in pairs.items())
    quals = sum(
        _norm(preds[i][0].qualifier) == _norm(golds[j][1].qualifier) for i, j in pairs.items()
    )
    hit = set(pairs.values())
    missed = [
        ClaimItem(doc_id=d, id=g.id, value=g.value, unit=g.unit, qualifier=g.qualifier,
                  quote=g.quote)
        for j, (d, g) in enumerate(golds)
        if j not in hit
    ]  # fmt: skip
    false_pos = [
        ClaimItem(doc_id=cite.doc_id, id=c.claim_id, value=c.value, unit=c.unit,
                  qualifier=c.qualifier, quote=cite.quote)
        for i, (c, cite) in enumerate(preds)
        if i not in pairs
    ]  # fmt: skip
    return ClaimScore(
        **prf(len(pairs), len(preds), len(golds)).model_dump(),
        unit_agreement=accuracy(units, len(pairs)),
        qualifier_agreement=accuracy(quals, len(pairs)),
        missed=missed,
        false_positives=false_pos,
    )


# --- temporal expressions ------------------------------------------------------------------------


def score_timexes(
    gold: Sequence[GoldDocument], predicted: Mapping[str, Sequence[Timex]]
) -> TimexScore:
    """Strict (same span) and relaxed (overlapping span) P/R/F1, value accuracy when relaxed."""
    n_pred = n_gold = strict = relaxed = right = 0
    for doc in gold:
        gold_tx, pred_tx = doc.timexes, list(predicted.get(doc.doc_id, []))
        n_pred, n_gold = n_pred + len(pred_tx), n_gold + len(gold_tx)
        cands: list[Candidate] = [
            ((ov, int((p.start, p.end) == (g.start, g.end))), i, j)
            for i, p in enumerate(pred_tx)
            for j, g in enumerate(gold_tx)
            if (ov := overlap((p.start, p.end), (g.start, g.end)))
        ]
        strict += len(greedy([c for c in cands if c[0][1]]))
        pairs = greedy(cands)
        relaxed += len(pairs)
        right += sum(pred_tx[i].value == gold_tx[j].value for i, j in pairs.items())
    return TimexScore(
        strict=prf(strict, n_pred, n_gold),
        relaxed=prf(relaxed, n_pred, n_gold),
        value=accuracy(right, relaxed),
    )
