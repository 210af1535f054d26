"""One run of the global stages at one corpus size, in its own process (run by bench.py).

Reads seed extractions (JSONL of DocExtraction, written by bench.py), streams `--docs`
synthetic extractions (benchmarks/synthetic.py) into the build's global path: anchor_corpus,
merge, then the JSON writer to a temporary file, as `pipeline.build` does after extraction
(with `release_for_merge` between anchor and merge, as `pipeline.assemble` does).
Prints one JSON object: ms per document for each stage, and the process's peak RSS (VmHWM),
with the RSS before the first record (imports and seeds) for reference. spaCy is never
imported, so the peak is that of the global path, not of a loaded model.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=Path, required=True)
    ap.add_argument("--docs", type=int, required=True)
    args = ap.parse_args()

    from synthetic import iter_synthetic

    from unionstate_timeline.assemble.merge import merge
    from unionstate_timeline.models import DocExtraction
    from unionstate_timeline.outputs.export import json_chunks, write_atomic
    from unionstate_timeline.pipeline import release_for_merge
    from unionstate_timeline.temporal.anchor import anchor_corpus

    with args.seeds.open(encoding="utf-8") as f:
        seeds = [DocExtraction.model_validate_json(line) for line in f]
    before = peak_mb()
    n = args.docs
    t = time.perf_counter()
    extractions = list(iter_synthetic(seeds, n))
    generate = time.perf_counter() - t
    t = time.perf_counter()
    anchored = anchor_corpus(extractions)
    anchor = time.perf_counter() - t
    release_for_merge(extractions, anchored)  # as pipeline.assemble does in a build
    t = time.perf_counter()
    timeline = merge(extractions, anchored, [])
    merge_s = time.perf_counter() - t
    before_write = peak_mb()
    del extractions, anchored
    t = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="unionstate-bench-") as tmp:
        write_atomic(Path(tmp) / "timeline.json", json_chunks(timeline))
    write = time.perf_counter() - t
    out = {
        "docs": n,
        "events": len(timeline.events),
        "claims": len(timeline.claims),
        "generate_ms_per_doc": round(generate * 1000 / n, 3),
        "anchor_ms_per_doc": round(anchor * 1000 / n, 3),
        "merge_ms_per_doc": round(merge_s * 1000 / n, 3),
        "write_ms_per_doc": round(write * 1000 / n, 3),
        "rss_before_mb": round(before, 1),
        "peak_rss_before_write_mb": round(before_write, 1),
        "peak_rss_mb": round(peak_mb(), 1),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
