"""TempEval-3 Task A (temporal expressions) on a folder of TimeML files.

The figures are those of the official TE3 script (UzZaman et al. 2013), micro-averaged over all
documents, the creation-time TIMEX3 excluded:

- strict P/R/F1: system and gold timex have the same extent;
- relaxed P/R/F1: the extents overlap (matched one-to-one, largest overlap first);
- type and value accuracy: on the relaxed matches;
- type F1 and value F1 ("attribute F1"): relaxed F1 x attribute accuracy, which is the share of
  gold timexes found with the right attribute combined with the share of system timexes right.

Extents are compared in characters after the text's surrounding whitespace is dropped, so a
tokenization difference never counts; the official script compares tokens.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from ..models import Timex
from ..outputs.timeml import timeml_timexes
from .baseline import run_baseline, timing
from .models import TempEvalScore, TimemlReport, TimexDisagreement, Timing
from .spans import Candidate, accuracy, greedy, overlap, prf
from .timeml import TimemlDocument, TimemlTimex, read_timeml_dir

NOTES = [
    "TempEval-3 Task A: strict and relaxed extent P/R/F1, micro-averaged; type and value "
    "accuracy on relaxed matches; type/value F1 = relaxed F1 x accuracy",
    "the creation-time TIMEX3 is the DCT given to the tagger, not a timex to find",
    "extents compared in characters, whitespace-trimmed, matched one-to-one",
    "the system's timexes as `timeline tag -f timeml` writes them: intervals as two endpoints",
    "published reference (TE3 platinum test, not this data): HeidelTime strict F1 81.34, "
    "relaxed F1 90.30, value F1 77.61",
]


class _Tx(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


def _extent(t: _Tx) -> tuple[int, int]:
    """(start, end) without the whitespace at either edge of the text."""
    lead = len(t.text) - len(t.text.lstrip())
    trail = len(t.text) - len(t.text.rstrip())
    return t.start + lead, t.end - trail


def _f1_times(f1: float | None, acc: float | None) -> float | None:
    return None if f1 is None or acc is None else round(f1 * acc, 4)


def _item(doc_id: str, kind: str, g: _Tx | None, p: _Tx | None) -> TimexDisagreement:
    at = g if g is not None else p
    assert at is not None
    return TimexDisagreement(
        doc_id=doc_id,
        kind=kind,  # type: ignore[arg-type]
        start=at.start,
        gold_text=g.text if g else None,
        gold_type=g.type if g else None,
        gold_value=g.value if g else None,
        system_text=p.text if p else None,
        system_type=p.type if p else None,
        system_value=p.value if p else None,
    )


def score_tempeval(
    system: str,
    gold: Sequence[TimemlDocument],
    predicted: Mapping[str, Sequence[_Tx]],
    tagger: Timing | None = None,
) -> TempEvalScore:
    """The TE3 Task A figures of one system's timexes against the gold documents."""
    n_pred = n_gold = strict = relaxed = types = values = 0
    items: list[TimexDisagreement] = []
    for doc in gold:
        golds: list[_Tx] = list(doc.timexes)
        preds: list[_Tx] = list(predicted.get(doc.doc_id, []))
        n_pred, n_gold = n_pred + len(preds), n_gold + len(golds)
        ge, pe = [_extent(g) for g in golds], [_extent(p) for p in preds]
        cands: list[Candidate] = [
            ((int(pe[i] == ge[j]), ov), i, j)
            for i in range(len(preds))
            for j in range(len(golds))
            if (ov := overlap(pe[i], ge[j]))
        ]
        strict += len(greedy([c for c in cands if c[0][0]]))
        pairs = greedy(cands)
        relaxed += len(pairs)
        for i, j in sorted(pairs.items(), key=lambda ij: ij[1]):
            p, g = preds[i], golds[j]
            types += p.type == g.type
            values += p.value == g.value
            if pe[i] != ge[j]:
                items.append(_item(doc.doc_id, "span", g, p))
            elif p.type != g.type:
                items.append(_item(doc.doc_id, "type", g, p))
            elif p.value != g.value:
                items.append(_item(doc.doc_id, "value", g, p))
        matched = set(pairs.values())
        items += [
            _item(doc.doc_id, "missed", g, None) for j, g in enumerate(golds) if j not in matched
        ]
        items += [
            _item(doc.doc_id, "spurious", None, p) for i, p in enumerate(preds) if i not in pairs
        ]
    rel = prf(relaxed, n_pred, n_gold)
    type_acc, value_acc = accuracy(types, relaxed), accuracy(values, relaxed)
    return TempEvalScore(
        system=system,
        strict=prf(strict, n_pred, n_gold),
        relaxed=rel,
        type=type_acc,
        value=value_acc,
        type_f1=_f1_times(rel.f1, type_acc.accuracy),
        value_f1=_f1_times(rel.f1, value_acc.accuracy),
        tagger=tagger or Timing(docs=len(gold), seconds=0.0, docs_per_second=None),
        disagreements=sorted(items, key=lambda d: (d.doc_id, d.start)),
    )


def _tag_all(
    docs: Sequence[TimemlDocument], model: str | None
) -> tuple[dict[str, list[Timex]], Timing]:
    from ..pipeline import tag

    tag("Warm-up on 1 January 2000.", model=model)  # loads the spaCy model
    started = time.perf_counter()
    # scored as `timeline tag -f timeml` writes them: an interval is its two endpoints
    found = {d.doc_id: timeml_timexes(tag(d.text, _reference(d), model=model)) for d in docs}
    return found, timing(len(docs), time.perf_counter() - started)


def _reference(doc: TimemlDocument) -> date | None:
    return doc.dct_date


def evaluate_timeml(
    directory: str | Path, *, model: str | None = None, baseline: bool = True
) -> TimemlReport:
    """Tag every TimeML file of a folder (its creation time as DCT) and score it, beside the
    dateparser baseline unless baseline=False."""
    docs = read_timeml_dir(directory)
    ours, our_time = _tag_all(docs, model)
    base = None
    if baseline:
        run = run_baseline({d.doc_id: d.text for d in docs})
        base = score_tempeval("baseline", docs, run.timexes, run.timing)
    return TimemlReport(
        timeml_dir=str(directory),
        documents=len(docs),
        gold_timexes=sum(len(d.timexes) for d in docs),
        notes=NOTES,
        project=score_tempeval("project", docs, ours, our_time),
        baseline=base,
    )


__all__ = ["TimemlTimex", "evaluate_timeml", "score_tempeval"]
