"""`make bench`: end-to-end throughput against the bare spaCy floor and a naive dateparser pass.

Prints one table and writes bench-results/latest.json (and bench-results/<commit>.json).

What is measured, all on the same generated corpus (benchmarks/corpus.py):
- end to end: `pipeline.build([folder])` (load, annotate, extract, anchor, merge), no cache;
- floor: `nlp.pipe` of the stock spaCy model components the build runs (tok2vec, tagger,
  parser, attribute_ruler, ner; the lemmatizer is excluded by the build), i.e. the build's
  pipeline with our two components (unionstate_paragraphs, unionstate_timex) disabled, the
  model's own attribute_ruler instead of its memoized copy (nlp/attributes.py) and thinc's
  stock matrix products instead of numpy's BLAS (nlp/blas.py): `get_nlp(tuned=False)`;
- search_dates: `dateparser.search.search_dates(text, languages=["en"])` over a sample of
  texts, extrapolated to the whole corpus (it is slow);
- workers: extract_documents with n_process 1 and 2 on a subset;
- peak RSS of this process, RSS growth during the end-to-end build (streaming check);
- `timeline --help` wall time in a subprocess, best of 5.
The model is loaded once before any timing, so no figure includes model load time.

Section `global` (benchmarks/bench_global.py, one subprocess per size, spaCy never loaded):
anchor, merge and write of synthetic extraction records (benchmarks/synthetic.py: the real
extractions of a small generated corpus, copied with other ids, years, days, actors, types and
words) at 1k, 5k, 10k and 20k documents: ms per document per stage, the 20k/1k ratio, and the
peak RSS of that process (the global path of a build, after extraction).

Section `real`, when a dev-data folder is present (`--devdata`, default ../devdata: pages/raw,
meantime/raw, tbaq/raw): the build, the floor and search_dates on that real text.

`--only e2e,global,real` runs some sections; their figures replace those keys in --out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, make_corpus  # noqa: E402

OURS = ("unionstate_paragraphs", "unionstate_timex")
TARGETS = {"vs_floor": 1.0, "vs_search_dates": 1.0, "help_seconds": 0.3}
SECTIONS = ("e2e", "global", "real")
GLOBAL_SIZES = (1000, 5000, 10000, 20000)
FLAT = 1.5  # ms per document at 20k within this factor of 1k
RSS_LIMIT_MB = 1024  # at 10k documents


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc), else peak RSS."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_rss_mb()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def rate(n_docs: int, n_words: int, seconds: float) -> dict[str, float]:
    return {
        "seconds": round(seconds, 3),
        "docs_per_s": round(n_docs / seconds, 2),
        "words_per_s": round(n_words / seconds, 1),
    }


def help_time() -> float:
    exe = Path(sys.executable).with_name("timeline")
    cmd = (
        [str(exe), "--help"]
        if exe.exists()
        else [sys.executable, "-m", "unionstate_timeline", "--help"]
    )
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="corpus size (default 1000)")
    ap.add_argument("--sample", type=int, default=100, help="texts for search_dates")
    ap.add_argument("--scaling-docs", type=int, default=200, help="subset for --workers 1/2")
    ap.add_argument("--out", type=Path, default=ROOT / "bench-results" / "latest.json")
    ap.add_argument(
        "--only", default=",".join(SECTIONS), help=f"sections to run, of {','.join(SECTIONS)}"
    )
    ap.add_argument(
        "--global-sizes",
        default=",".join(map(str, GLOBAL_SIZES)),
        help="corpus sizes of the global section",
    )
    ap.add_argument("--devdata", type=Path, default=ROOT.parent / "devdata")
    ap.add_argument("--real-sample", type=int, default=60, help="real texts for search_dates")
    args = ap.parse_args()
    only = [x for x in args.only.split(",") if x]
    if unknown := set(only) - set(SECTIONS):
        ap.error(f"unknown section(s): {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    results: dict[str, object] = {}
    if len(only) < len(SECTIONS) and args.out.exists():  # a partial run updates the last one
        results = json.loads(args.out.read_text())
    results.update(
        {
            "commit": git_commit(),
            "python": platform.python_version(),
            "cpu": cpu_model(),
            "cores": os.cpu_count(),
        }
    )
    if "e2e" in only:
        bench_e2e(args, results)
    if "global" in only:
        results["global"] = bench_global([int(n) for n in args.global_sizes.split(",")])
    if "real" in only:
        results["real"] = bench_real(args.devdata, args.real_sample)
    results["sections"] = only
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2) + "\n"
    args.out.write_text(text)
    (args.out.parent / f"{results['commit']}.json").write_text(text)
    print(f"written {args.out}")


def bench_global(sizes: list[int]) -> dict[str, object]:
    """anchor + merge + write of synthetic extraction records, one subprocess per size."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="unionstate-bench-") as tmp:
        seeds = Path(tmp) / "seeds.jsonl"
        # a subprocess: the seeds' extraction (a miss of the cache) may load spaCy
        code = (
            "import sys; sys.path.insert(0, sys.argv[2]); from synthetic import seed_extractions"
            "\nwith open(sys.argv[1], 'w', encoding='utf-8') as f:"
            "\n    for x in seed_extractions(): f.write(x.model_dump_json() + '\\n')"
        )
        subprocess.run(
            [sys.executable, "-c", code, str(seeds), str(Path(__file__).parent)], check=True
        )
        for n in sizes:
            out = subprocess.run(
                [sys.executable, str(Path(__file__).with_name("bench_global.py")),
                 "--seeds", str(seeds), "--docs", str(n)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"global, {n} docs: {rows[-1]}", flush=True)
    by = {r["docs"]: r for r in rows}
    out: dict[str, object] = {"rows": rows}
    lo, hi = min(by), max(by)
    if lo != hi:
        for stage in ("anchor", "merge"):
            key = f"{stage}_ms_per_doc"
            out[f"{stage}_ratio_{hi}_{lo}"] = round(by[hi][key] / by[lo][key], 2)
        both = [(by[n]["anchor_ms_per_doc"] + by[n]["merge_ms_per_doc"]) for n in (lo, hi)]
        out[f"anchor_merge_ratio_{hi}_{lo}"] = round(both[1] / both[0], 2)
    return out


def bench_real(devdata: Path, sample_size: int) -> dict[str, object] | None:
    """Build, floor and search_dates on the real dev texts, when they are present."""
    folders = [devdata / "pages" / "raw", devdata / "meantime" / "raw", devdata / "tbaq" / "raw"]
    folders = [f for f in folders if f.is_dir() and any(f.glob("*.txt"))]
    if not folders:
        print(f"real text: no dev data under {devdata}, skipped", flush=True)
        return None
    from unionstate_timeline.models import Document
    from unionstate_timeline.nlp.annotate import get_nlp
    from unionstate_timeline.pipeline import BuildStats, build
    from unionstate_timeline.reading.load import iter_documents

    docs = [d for d in iter_documents(folders) if isinstance(d, Document)]
    texts = [d.body for d in docs]
    n_docs, n_words = len(docs), sum(len(d.text.split()) for d in docs)
    print(f"real text: {n_docs} docs, {n_words:,} words from {[str(f) for f in folders]}")
    nlp = get_nlp()
    list(nlp.pipe(texts[:8]))  # warm-up: no figure includes model load time
    stats = BuildStats()
    t = time.perf_counter()
    build(folders, stats=stats)
    ours = rate(n_docs, n_words, time.perf_counter() - t) | {"events": stats.events}
    floor = time_floor(texts)
    sd = time_search_dates(texts, sample_size)
    out = {
        "folders": [str(f) for f in folders],
        "docs": n_docs,
        "words": n_words,
        "build": ours,
        "floor_nlp_pipe": floor,
        "search_dates": sd,
        "ratio_vs_floor": round(ours["words_per_s"] / floor["words_per_s"], 3),
        "ratio_vs_search_dates": round(ours["words_per_s"] / sd["words_per_s"], 2),
    }
    print(f"real text: {out}", flush=True)
    return out


def time_floor(texts: list[str], words: int | None = None) -> dict[str, float]:
    """The bare stock pipeline (what the build runs, without our components) over texts;
    `words` counts the corpus as the build's rate does (default: the texts' words)."""
    from unionstate_timeline.nlp.annotate import get_nlp

    stock = get_nlp(tuned=False)
    list(stock.pipe(texts[:8]))  # warm-up
    t = time.perf_counter()
    with stock.select_pipes(disable=list(OURS)):
        for _ in stock.pipe(texts, batch_size=32):
            pass
    seconds = time.perf_counter() - t
    return rate(
        len(texts), words if words is not None else sum(len(x.split()) for x in texts), seconds
    )


def time_search_dates(texts: list[str], sample_size: int) -> dict[str, object]:
    """dateparser's search_dates over an evenly spread sample, extrapolated to all texts."""
    from dateparser.search import search_dates

    step = max(len(texts) // max(sample_size, 1), 1)
    sample = texts[::step][:sample_size]
    n_docs = len(texts)
    search_dates("warm up on 8 December 1999", languages=["en"])
    t = time.perf_counter()
    found = sum(len(search_dates(x, languages=["en"]) or []) for x in sample)
    seconds = (time.perf_counter() - t) * n_docs / len(sample)
    words = sum(len(x.split()) for x in sample) * n_docs / len(sample)
    return rate(n_docs, int(words), seconds) | {
        "sample_docs": len(sample),
        "extrapolated": len(sample) < n_docs,
        "dates_found_in_sample": found,
    }


def bench_e2e(args: argparse.Namespace, results: dict[str, object]) -> None:
    """The generated corpus: build, floor, search_dates, workers, --help, RSS."""
    from unionstate_timeline.models import Document
    from unionstate_timeline.nlp.annotate import get_nlp
    from unionstate_timeline.pipeline import BuildStats, build, extract_documents
    from unionstate_timeline.reading.load import iter_documents

    with tempfile.TemporaryDirectory(prefix="unionstate-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        make_corpus(folder, args.docs)
        docs = [d for d in iter_documents([folder]) if isinstance(d, Document)]
        texts = [d.body for d in docs]
        n_docs, n_words = len(docs), sum(len(d.text.split()) for d in docs)
        results.update(docs=n_docs, words=n_words)
        print(
            f"corpus: {n_docs} docs, {n_words:,} words; cpu: {results['cpu']} x{results['cores']}",
            flush=True,
        )

        t = time.perf_counter()
        nlp = get_nlp()
        list(nlp.pipe(texts[:8]))  # warm-up
        results["model_load_seconds"] = round(time.perf_counter() - t, 2)
        results["components"] = [p for p in nlp.pipe_names if p not in OURS]

        # end to end, sampling RSS as documents stream through
        rss_before, samples, done = rss_mb(), [], [0]

        def tick(n: int) -> None:
            done[0] += n
            if done[0] % max(n_docs // 4, 1) == 0:
                samples.append((done[0], round(rss_mb(), 1)))

        stats = BuildStats()
        t = time.perf_counter()
        build([folder], progress=tick, stats=stats)
        e2e = rate(n_docs, n_words, time.perf_counter() - t)
        results["end_to_end"] = e2e | {"events": stats.events, "claims": stats.claims}
        results["rss_during_build_mb"] = {"before": round(rss_before, 1), "samples": samples}
        print(f"end to end: {e2e}", flush=True)

        results["peak_rss_build_mb"] = round(peak_rss_mb(), 1)
        floor = time_floor(texts, n_words)
        results["floor_nlp_pipe"] = floor
        print(f"floor (nlp.pipe): {floor}", flush=True)

        from dateparser.search import search_dates

        sample = texts[: args.sample]
        search_dates("warm up on 8 December 1999", languages=["en"])
        t = time.perf_counter()
        found = sum(len(search_dates(x, languages=["en"]) or []) for x in sample)
        sd_seconds = (time.perf_counter() - t) * n_docs / len(sample)
        sd_words = sum(len(x.split()) for x in sample) * n_docs / len(sample)
        sd = rate(n_docs, int(sd_words), sd_seconds) | {
            "sample_docs": len(sample),
            "extrapolated": len(sample) < n_docs,
            "dates_found_in_sample": found,
        }
        results["search_dates"] = sd
        print(f"search_dates (sample of {len(sample)}, extrapolated): {sd}", flush=True)

        subset = docs[: args.scaling_docs]
        sub_words = sum(len(d.text.split()) for d in subset)
        scaling = {}
        for workers in (1, 2):
            t = time.perf_counter()
            for _ in extract_documents(subset, workers=workers):
                pass
            scaling[str(workers)] = rate(len(subset), sub_words, time.perf_counter() - t)
        scaling["speedup"] = round(scaling["1"]["seconds"] / scaling["2"]["seconds"], 2)
        results["workers"] = scaling
        print(f"workers (extract, {len(subset)} docs): {scaling}", flush=True)

    results["help_seconds"] = round(help_time(), 3)
    results["peak_rss_mb"] = round(peak_rss_mb(), 1)
    results["ratio_vs_floor"] = round(e2e["words_per_s"] / floor["words_per_s"], 3)
    results["ratio_vs_search_dates"] = round(e2e["words_per_s"] / sd["words_per_s"], 2)


def report(r: dict) -> None:
    if "e2e" in r["sections"]:
        report_e2e(r)
    if "global" in r["sections"]:
        report_global(r["global"])
    if "real" in r["sections"] and r.get("real"):
        report_real(r["real"])
    print(f"bench wall time           {r['bench_seconds']:.0f}s")


def row(name: str, m: dict) -> str:
    return f"{name:<28}{m['docs_per_s']:>10.1f}{m['words_per_s']:>14,.0f}{m['seconds']:>10.1f}"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report_global(g: dict) -> None:
    print()
    print(f"{'global stages (synthetic)':<28}{'anchor ms/doc':>14}{'merge ms/doc':>14}"
          f"{'write ms/doc':>14}{'peak RSS MB':>13}")  # fmt: skip
    for x in g["rows"]:
        print(f"{x['docs']:>8} docs{'':<15}{x['anchor_ms_per_doc']:>14.2f}"
              f"{x['merge_ms_per_doc']:>14.2f}{x['write_ms_per_doc']:>14.2f}"
              f"{x['peak_rss_mb']:>13.0f}")  # fmt: skip
    for k, v in g.items():
        if "ratio" in k:
            print(f"{k:<34}{v:.2f}x  (target <= {FLAT}x: {verdict(v <= FLAT)})")
    at = {x["docs"]: x["peak_rss_mb"] for x in g["rows"]}
    if 10000 in at:
        ok = at[10000] <= RSS_LIMIT_MB
        print(f"peak RSS at 10k docs              {at[10000]:.0f} MB (target <= "
              f"{RSS_LIMIT_MB} MB: {verdict(ok)})")  # fmt: skip


def report_real(x: dict) -> None:
    print()
    print(f"real text: {x['docs']} docs, {x['words']:,} words ({', '.join(x['folders'])})")
    print(f"{'':<28}{'docs/s':>10}{'words/s':>14}{'seconds':>10}")
    print(row("build", x["build"]))
    print(row("floor (bare nlp.pipe)", x["floor_nlp_pipe"]))
    print(row(f"search_dates (~{x['search_dates']['sample_docs']} docs)", x["search_dates"]))
    print(f"build / floor {x['ratio_vs_floor']:.2f}x, build / search_dates "
          f"{x['ratio_vs_search_dates']:.2f}x")  # fmt: skip


def report_e2e(r: dict) -> None:
    print()
    print(f"{'':<28}{'docs/s':>10}{'words/s':>14}{'seconds':>10}")
    print(row("end to end (build)", r["end_to_end"]))
    print(row("floor (bare nlp.pipe)", r["floor_nlp_pipe"]))
    print(row(f"search_dates (~{r['search_dates']['sample_docs']} docs)", r["search_dates"]))
    print(row("extract, --workers 1", r["workers"]["1"]))
    print(row("extract, --workers 2", r["workers"]["2"]))

    print()
    print(
        f"end to end / floor        {r['ratio_vs_floor']:.2f}x  (target >= "
        f"{TARGETS['vs_floor']}x: {verdict(r['ratio_vs_floor'] >= TARGETS['vs_floor'])})"
    )
    print(
        f"end to end / search_dates {r['ratio_vs_search_dates']:.2f}x  (target >= "
        f"{TARGETS['vs_search_dates']}x: "
        f"{verdict(r['ratio_vs_search_dates'] >= TARGETS['vs_search_dates'])})"
    )
    print(
        f"timeline --help           {r['help_seconds']:.3f}s  (target < "
        f"{TARGETS['help_seconds']}s: {verdict(r['help_seconds'] < TARGETS['help_seconds'])})"
    )
    print(f"--workers 2 speedup       {r['workers']['speedup']:.2f}x on {r['cores']} cores")
    samples = r["rss_during_build_mb"]["samples"]
    print(
        f"peak RSS                  {r['peak_rss_mb']:.0f} MB (the build alone "
        f"{r['peak_rss_build_mb']:.0f} MB); RSS during build (docs, MB): {samples}"
    )


if __name__ == "__main__":
    main()
