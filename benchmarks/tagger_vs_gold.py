"""Compare `pipeline.tag` with the gold timexes in data/annotated (span P/R/F1, value accuracy).

Usage: .venv/bin/python benchmarks/tagger_vs_gold.py [--no-dct] [--model blank] [-v]

With the gold publication date as DCT by default (so the numbers measure the tagger and the
normalizer, not DCT inference); --no-dct lets the tagger infer the date itself.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-dct", action="store_true")
    ap.add_argument("--model", default=None)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    from unionstate_timeline.pipeline import tag

    totals = {"gold": 0, "sys": 0, "strict": 0, "relaxed": 0, "value": 0, "type": 0}
    elapsed = 0.0
    for gold_path in sorted((ROOT / "data" / "annotated").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (ROOT / "data" / "raw" / f"{gold['doc_id']}.txt").read_text(encoding="utf-8")
        dct = None
        if gold.get("published") and not args.no_dct:
            dct = date.fromisoformat(gold["published"]["value"])
        t0 = time.perf_counter()
        system = [t.model_dump() for t in tag(text, dct=dct, model=args.model)]
        elapsed += time.perf_counter() - t0
        g_items = gold["timexes"]
        totals["gold"] += len(g_items)
        totals["sys"] += len(system)
        used: set[int] = set()
        print(f"== {gold['doc_id']} dct={dct}")
        for g in g_items:
            match = next(
                (i for i, s in enumerate(system) if i not in used and _overlap(g, s)), None
            )
            if match is None:
                print(f"  MISS  {g['text']!r:40} {g['type']:8} {g['value']}")
                continue
            used.add(match)
            s = system[match]
            strict = s["start"] == g["start"] and s["end"] == g["end"]
            totals["strict"] += strict
            totals["relaxed"] += 1
            totals["value"] += s["value"] == g["value"]
            totals["type"] += s["type"] == g["type"]
            ok = "ok " if s["value"] == g["value"] else "VAL"
            span = "" if strict else f" span={s['text']!r}"
            if args.verbose or s["value"] != g["value"] or not strict:
                print(f"  {ok}   {g['text']!r:40} gold={g['value']:12} sys={s['value']:12}{span}")
        for i, s in enumerate(system):
            if i not in used:
                print(f"  FP    {s['text']!r:40} {s['type']:8} {s['value']}")

    def prf(hit: int) -> str:
        p = hit / totals["sys"] if totals["sys"] else 0.0
        r = hit / totals["gold"] if totals["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P={p:.3f} R={r:.3f} F1={f:.3f}"

    print()
    print(f"gold={totals['gold']} system={totals['sys']}")
    print(f"strict span   {prf(totals['strict'])}")
    print(f"relaxed span  {prf(totals['relaxed'])}")
    print(f"value (relaxed span + value) {prf(totals['value'])}")
    acc = totals["value"] / totals["relaxed"] if totals["relaxed"] else 0.0
    print(
        f"value accuracy on matched: {acc:.3f}  type accuracy: "
        f"{totals['type'] / max(totals['relaxed'], 1):.3f}"
    )
    print(f"tag time: {elapsed:.2f}s for 5 docs")


if __name__ == "__main__":
    main()
