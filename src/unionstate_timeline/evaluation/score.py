"""Score a timeline against the gold annotations: pure functions over (gold documents, Timeline).

Nothing here reads files, runs a model or looks at the clock; `eval_run.evaluate` does that and
calls `score_system` once per system (this project, the dateparser baseline).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ..assemble.clusters import wording
from ..models import Citation, Event, Timeline, Timex
from ..temporal.values import PRECISION_RANK, precision_of, span_of
from .gold import GoldDocument, GoldEvent
from .models import (
    DateError,
    EventDates,
    EventItem,
    EventScore,
    MergeGroup,
    MergeScore,
    OvermergedEvent,
    PublishedItem,
    PublishedScore,
    SupportedDates,
    SystemReport,
    Timing,
)
from .spans import Candidate, accuracy, greedy, overlap, prf, score_claims, score_timexes


class _Pred(NamedTuple):
    """One (system event, cited document) pair."""

    event: Event
    doc_id: str
    cite: Citation
    spans: tuple[tuple[int, int], ...]

    def overlap(self, start: int, end: int) -> int:
        return max(overlap(s, (start, end)) for s in self.spans)

    def label(self) -> str:
        return f"{self.event.type} {self.event.when.value if self.event.when else 'undated'}"


def event_predictions(timeline: Timeline, doc_ids: set[str]) -> list[_Pred]:
    """Every (event, cited gold document) pair, dated or not, in timeline order."""
    preds: list[_Pred] = []
    for ev in timeline.events:
        by_doc: dict[str, list[Citation]] = {}
        for cite in ev.citations:
            if cite.doc_id in doc_ids:
                by_doc.setdefault(cite.doc_id, []).append(cite)
        for doc_id, cites in by_doc.items():
            preds.append(_Pred(ev, doc_id, cites[0], tuple((c.start, c.end) for c in cites)))
    return preds


def _dates_as_gold(p: _Pred, g: GoldEvent) -> bool:
    """The entry's date is what the gold says of this mention: the gold's value; or a value
    inside the gold's coarser one when the entry is a cross-precision join (`merged_on` has
    "precision") and the cited sentence's own date expression is not the one that gave the
    entry its date. The gold judges the mention's own date ("in December 2019"); the finer
    day came from another source's mention of the happening (whether that join was right is
    the merge score's question)."""
    when = p.event.when
    if when is None:
        return False
    if when.value == g.value:
        return True
    if "precision" not in p.event.merged_on or "/" in g.value or "X" in g.value:
        return False
    (lo, hi), (start, end) = span_of(g.value), span_of(when.value)
    coarser = PRECISION_RANK[precision_of(g.value)] > PRECISION_RANK[when.precision]
    if not (coarser and lo and hi and start and end):
        return False
    own = [c for c in p.event.citations if c.doc_id == p.doc_id and overlap(
        (c.start, c.end), (g.start, g.end))]  # fmt: skip
    told_coarser = any(c.date_text != when.text for c in own)
    return told_coarser and lo <= start and end <= hi


def _gold_events(gold: Sequence[GoldDocument]) -> list[tuple[str, GoldEvent]]:
    return [(doc.doc_id, ev) for doc in gold for ev in doc.events]


def _match_events(
    golds: list[tuple[str, GoldEvent]], preds: list[_Pred], *, match_type: bool
) -> dict[int, int]:
    """Dated predictions to gold events with the same doc, date value (and type)."""
    cands: list[Candidate] = []
    for i, p in enumerate(preds):
        for j, (doc_id, g) in enumerate(golds):
            if doc_id != p.doc_id or not _dates_as_gold(p, g):
                continue
            if not match_type or p.event.type == g.type:
                cands.append(((p.overlap(g.start, g.end), 0), i, j))
    return greedy(cands)


# --- publication dates ---------------------------------------------------------------------------


def _is_day(value: str | None) -> bool:
    return value is not None and len(value) == 10 and "X" not in value


def score_published(gold: Sequence[GoldDocument], timeline: Timeline) -> PublishedScore:
    """Publication-date accuracy; a document missing from the timeline counts as null."""
    found = {d.doc_id: d.published.value if d.published else None for d in timeline.documents}
    items = []
    for doc in gold:
        want = doc.published.value if doc.published else None
        got = found.get(doc.doc_id)
        ok = want == got or (want is None and not _is_day(got))
        items.append(PublishedItem(doc_id=doc.doc_id, gold=want, predicted=got, correct=ok))
    return PublishedScore(
        **accuracy(sum(item.correct for item in items), len(items)).model_dump(),
        stated=sum(i.gold is not None for i in items),
        found=sum(i.gold is not None and i.predicted == i.gold for i in items),
        wrong_days=sum(_is_day(i.predicted) and i.predicted != i.gold for i in items),
        left_open=sum(not _is_day(i.predicted) for i in items),
        items=items,
    )


# --- events --------------------------------------------------------------------------------------


def _gold_hint(p: _Pred, golds: list[tuple[str, GoldEvent]]) -> str:
    here = [g for d, g in golds if d == p.doc_id and p.overlap(g.start, g.end)]
    if not here:
        return "no gold event in this sentence"
    return "gold here: " + "; ".join(f"{g.id} {g.type} {g.value}" for g in here)


def _system_hint(doc_id: str, g: GoldEvent, preds: list[_Pred], taken: dict[int, str]) -> str:
    here = [
        p.label() + (f" (matched {taken[id(p)]})" if id(p) in taken else "")
        for p in preds
        if p.doc_id == doc_id and p.overlap(g.start, g.end)
    ]
    if not here:
        return "no system event cites this sentence"
    return "system here: " + "; ".join(here)


def score_events(
    gold: Sequence[GoldDocument], timeline: Timeline, *, match_type: bool = True
) -> EventScore:
    """Event P/R/F1 over dated (event, cited doc) pairs, with every miss and false positive."""
    golds = _gold_events(gold)
    every = event_predictions(timeline, {doc.doc_id for doc in gold})
    preds = [p for p in every if p.event.when is not None]
    pairs = _match_events(golds, preds, match_type=match_type)
    hit = set(pairs.values())
    taken = {id(preds[i]): golds[j][1].id for i, j in pairs.items()}
    missed = [
        EventItem(
            doc_id=d, id=g.id, type=g.type, value=g.value, start=g.start, end=g.end,
            quote=g.quote, hint=_system_hint(d, g, every, taken),
        )
        for j, (d, g) in enumerate(golds)
        if j not in hit
    ]  # fmt: skip
    false_pos = [
        EventItem(
            doc_id=p.doc_id, id=p.event.event_id, type=p.event.type,
            value=p.event.when.value if p.event.when else None, start=p.cite.start,
            end=p.cite.end, quote=p.cite.quote, hint=_gold_hint(p, golds),
        )
        for i, p in enumerate(preds)
        if i not in pairs
    ]  # fmt: skip
    return EventScore(
        scores=prf(len(pairs), len(preds), len(golds)), missed=missed, false_positives=false_pos
    )


def _align(
    golds: list[tuple[str, GoldEvent]], preds: list[_Pred], *, match_type: bool
) -> dict[int, int]:
    """Dated predictions to gold events of the same doc (and type) whose quote their citation
    overlaps, whatever the date; a prediction with the gold's value, then its type, is preferred."""
    cands: list[Candidate] = []
    for i, p in enumerate(preds):
        for j, (doc_id, g) in enumerate(golds):
            ov = p.overlap(g.start, g.end) if doc_id == p.doc_id else 0
            if ov and p.event.when and (not match_type or p.event.type == g.type):
                same_value, same_type = _dates_as_gold(p, g), p.event.type == g.type
                cands.append(((int(same_value), int(same_type), ov), i, j))
    return greedy(cands)


def score_event_dates(
    gold: Sequence[GoldDocument], timeline: Timeline, *, match_type: bool = True
) -> EventDates:
    """Date-value accuracy on events aligned by doc + overlapping quote (+ type)."""
    golds = _gold_events(gold)
    preds = event_predictions(timeline, {d.doc_id for d in gold})
    pairs = _align(golds, preds, match_type=match_type)
    wrong = []
    for i, j in sorted(pairs.items(), key=lambda ij: ij[1]):
        p, (doc_id, g) = preds[i], golds[j]
        got = p.event.when.value if p.event.when else ""
        if not _dates_as_gold(p, g):
            wrong.append(
                DateError(
                    doc_id=doc_id, gold_id=g.id, event_id=p.event.event_id, type=g.type,
                    gold_value=g.value, predicted_value=got, quote=g.quote,
                )
            )  # fmt: skip
    return EventDates(**accuracy(len(pairs) - len(wrong), len(pairs)).model_dump(), wrong=wrong)


def count_undated(gold: Sequence[GoldDocument], timeline: Timeline) -> int:
    """System events without a date that cite a gold document (reported, not scored)."""
    preds = event_predictions(timeline, {doc.doc_id for doc in gold})
    return len({p.event.event_id for p in preds if p.event.when is None})


# --- merges --------------------------------------------------------------------------------------


def score_merges(
    gold: Sequence[GoldDocument], timeline: Timeline, *, dated_only: bool = False
) -> MergeScore:
    """For each gold group: did its matched members land in exactly one system event?

    Members are matched by doc + overlapping citation (not type: whether the same happening ended
    as one entry is a question apart from its label), not on the date
    value: a group's articles may date it differently (2021 vs XXXX-11-04), one event has one date.
    """
    golds = _gold_events(gold)
    preds = event_predictions(timeline, {d.doc_id for d in gold})
    event_of = {
        j: preds[i].event.event_id for i, j in _align(golds, preds, match_type=False).items()
    }
    members: dict[str, list[int]] = {}
    for j, (_, g) in enumerate(golds):
        # a member the text dates only partly (XXXX-04-16, a weekday) cannot be placed, so it
        # cannot join a dated entry: the groups are of the sources that date the event
        if g.group and not (dated_only and "X" in g.value):
            members.setdefault(g.group, []).append(j)
    if dated_only:  # the multi-source events: two or more sources that date them
        docs_of = {k: {golds[j][0] for j in v} for k, v in members.items()}
        members = {k: v for k, v in members.items() if len(docs_of[k]) >= 2}
    items = []
    for group, idx in sorted(members.items()):
        ids = sorted({event_of[j] for j in idx if j in event_of})
        matched = sum(j in event_of for j in idx)
        one = matched >= 2 and len(ids) == 1
        items.append(
            MergeGroup(
                group=group, members=len(idx), matched=matched, event_ids=ids, one_event=one,
                complete=one and matched == len(idx),
            )
        )  # fmt: skip
    identities: dict[str, dict[str, str]] = {}
    when_of = {p.event.event_id: p.event.when for p in preds}
    for j, event_id in sorted(event_of.items()):
        doc_id, g = golds[j]
        when = when_of[event_id]
        if when is not None and not (
            compatible(when.value, g.value) or compatible(g.value, when.value)
        ):
            continue  # the entry cites the sentence for another of its happenings
        identities.setdefault(event_id, {}).setdefault(g.group or f"{doc_id}/{g.id}", g.quote)
    over = [
        OvermergedEvent(event_id=e, gold=list(held), quotes=list(held.values()))
        for e, held in sorted(identities.items())
        if len(held) > 1
    ]
    return MergeScore(
        groups=len(items),
        one_event=sum(i.one_event for i in items),
        complete=sum(i.complete for i in items),
        split=sum(len(i.event_ids) > 1 for i in items),
        overmerged_events=len(over),
        items=items,
        overmerged=over,
    )


# --- one system ----------------------------------------------------------------------------------


_WEEK = re.compile(r"^(\d{4})-W(\d)$")
_DECADE = re.compile(r"^(\d{3})X$")


def _notation(value: str) -> str:
    """One TimeML notation for what annotators write two ways: "1960s" as 196 or 196X, the
    second week as W02 or W2."""
    value = _DECADE.sub(r"\1", value)
    return _WEEK.sub(r"\1-W0\2", value)


def compatible(ours: str, gold: str) -> bool:
    """Our value says nothing the gold contradicts: equal, X digits where the gold has digits
    (XXXX-08-05 for 2020-08-05), or a coarser period containing it (1988 for 1988-Q3, a day for
    an evening of that day)."""
    ours, gold = _notation(ours), _notation(gold)
    if ours == gold:
        return True
    if len(ours) == len(gold) and all(a == b or a == "X" for a, b in zip(ours, gold, strict=True)):
        return True
    if "X" in ours:
        return False
    return (len(ours) in (4, 7) and gold.startswith(ours + "-")) or (
        len(ours) == 10 and gold.startswith(ours + "T")
    )


def score_supported(gold: Sequence[GoldDocument], timeline: Timeline) -> SupportedDates:
    """Of every dated (event, citation) pair in a gold document, how many the text supports
    (a compatible value among the gold timexes and events the citation overlaps). A headline
    joined to the event its lead dates claims no date of its own and is not counted."""
    by_doc = {d.doc_id: d for d in gold}
    titles = {d.doc_id: d.title for d in timeline.documents if d.title}
    n = right = 0
    bad: list[EventItem] = []
    for ev in timeline.events:
        if ev.when is None:
            continue
        for cite in ev.citations:
            doc = by_doc.get(cite.doc_id)
            if doc is None:
                continue
            if (
                "headline" in ev.merged_on
                and cite.date_text is None
                and (wording(cite.quote) == wording(titles.get(cite.doc_id) or ""))
            ):
                continue
            n += 1
            span = (cite.start, cite.end)
            values = {t.value for t in doc.timexes if overlap((t.start, t.end), span) > 0}
            values |= {e.value for e in doc.events if overlap((e.start, e.end), span) > 0}
            if doc.published is not None and ev.when.method.startswith("lead"):
                values.add(doc.published.value)  # the report's own day, by the lead convention
            if any(compatible(ev.when.value, v) for v in values):
                right += 1
            else:
                hint = "no gold timex or event here has it"
                bad.append(EventItem(doc_id=cite.doc_id, id=ev.event_id, type=ev.type,
                                     value=ev.when.value, quote=cite.quote, start=cite.start,
                                     end=cite.end, hint=hint))  # fmt: skip
    return SupportedDates(**accuracy(right, n).model_dump(), unsupported=bad)


def score_system(
    system: str,
    gold: Sequence[GoldDocument],
    timeline: Timeline,
    timexes: Mapping[str, Sequence[Timex]],
    *,
    typed: bool,
    tagger: Timing,
    build_seconds: float | None = None,
    notes: Sequence[str] = (),
) -> SystemReport:
    """All scores of one system. `typed=False` (the baseline) ignores event types and merges."""
    primary = score_events(gold, timeline, match_type=typed)
    date_only = score_events(gold, timeline, match_type=False) if typed else primary
    return SystemReport(
        system=system,
        notes=list(notes),
        event_match="type+date" if typed else "date",
        published=score_published(gold, timeline),
        events=primary.scores if typed else None,
        events_date_only=date_only.scores,
        event_dates=score_event_dates(gold, timeline, match_type=typed),
        supported_dates=score_supported(gold, timeline),
        undated_events=count_undated(gold, timeline),
        claims=score_claims(gold, timeline),
        merges=score_merges(gold, timeline) if typed else None,
        merges_dated=score_merges(gold, timeline, dated_only=True) if typed else None,
        timexes=score_timexes(gold, timexes),
        tagger=tagger,
        build_seconds=build_seconds,
        missed_events=primary.missed,
        false_positive_events=primary.false_positives,
    )
