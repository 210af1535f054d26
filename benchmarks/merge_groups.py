"""Why a multi-source gold group of the development data is not one entry: for each group, the
system event each member's sentence sits in (type, date, `merged_on`), or what the system has
in that sentence when the member is not aligned; then the over-merged events.

    PYTHONPATH=$PWD/src .venv/bin/python benchmarks/merge_groups.py --corpus pages

Reads the local copies of the pages (`eval_real.py`'s devdata layout); prints, writes nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_real  # noqa: E402

from unionstate_timeline.evaluation.gold import load_gold  # noqa: E402
from unionstate_timeline.evaluation.score import (  # noqa: E402
    _align,
    _gold_events,
    event_predictions,
    score_merges,
)
from unionstate_timeline.pipeline import build  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devdata", type=Path, default=eval_real.ROOT.parent / "devdata")
    parser.add_argument("--corpus", choices=("pages", "meantime"), default="pages")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp())
    if args.corpus == "pages":
        gold_dir, raw_dir, problems = eval_real._thaw(args.devdata.resolve(), tmp)
        for p in problems:
            print(f"warning: {p}", file=sys.stderr)
    else:
        gold_dir = args.devdata / "meantime" / "annotated"
        raw_dir = eval_real._annotated_part(gold_dir, args.devdata / "meantime" / "raw", tmp / "m")
    gold = load_gold(gold_dir)
    timeline = build([raw_dir])
    score = score_merges(gold, timeline, dated_only=True)
    golds = _gold_events(gold)
    preds = event_predictions(timeline, {g.doc_id for g in gold})
    event_of = {j: preds[i].event for i, j in _align(golds, preds, match_type=False).items()}
    print(f"{score.one_event}/{score.groups} one entry, {score.overmerged_events} over-merged")
    for item in score.items:
        print(f"\n{'one' if item.one_event else 'NOT'} {item.group}: {len(item.event_ids)} events")
        for j, (doc_id, g) in enumerate(golds):
            if g.group != item.group:
                continue
            print(f"  {doc_id} {g.id} {g.type} {g.value} | {g.quote[:100]!r}")
            ev = event_of.get(j)
            if ev is not None:
                when = ev.when.value if ev.when else None
                print(f"    -> {ev.event_id} {ev.type} {when} merged_on={ev.merged_on}")
            else:
                here = [
                    (p.event.type, p.event.when.value if p.event.when else None)
                    for p in preds
                    if p.doc_id == doc_id and p.overlap(g.start, g.end)
                ]
                print(f"    -> not aligned; system events in this sentence: {here}")
    groups: dict[str, set[str]] = {}
    for j, ev in event_of.items():
        doc_id, g = golds[j]
        groups.setdefault(ev.event_id, set()).add(g.group or f"{doc_id}/{g.id}")
    for event_id, held in sorted(groups.items()):
        if len(held) > 1:
            print(f"over-merged: {event_id} holds {sorted(held)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
