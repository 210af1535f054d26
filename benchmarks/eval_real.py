"""`make eval-real`: score the build on real development data, beside the naive baseline.

The development pages are third-party text, so the repository holds only their URLs and the
gold facts we wrote (`data/dev/pages.jsonl`: offsets, values, groups, and the SHA-256 of the
text the offsets refer to). This script puts the gold back together with a local copy of the
pages and runs `timeline eval` on it. MEANTIME (airbus + apple) and TimeBank/AQUAINT gold is
derived from the corpora themselves by `benchmarks/devdata/convert.py`.

Local layout (default ../devdata, or DEVDATA=...):

    pages/raw/<id>.txt          the page text as collected (see data/dev/README.md)
    meantime/raw, meantime/annotated
    tbaq/raw, tbaq/annotated

Usage:
    python benchmarks/eval_real.py [--devdata DIR] [--corpus pages meantime tbaq] [--json OUT]
    python benchmarks/eval_real.py freeze --devdata DIR   # local gold -> data/dev/pages.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "data" / "dev"
FROZEN = DEV / "pages.jsonl"
TEXT_FIELDS = {"timexes": ("text",), "events": ("quote",), "claims": ("quote",)}
CORPORA = ("pages", "meantime", "tbaq")
HOW_TO_GET = """\
{what} is not here ({path}).
  pages:    collect the pages listed in data/dev/pages.jsonl (url) into {devdata}/pages/raw/<id>.txt
            as data/dev/README.md describes; the SHA-256 in each record checks the copy.
  meantime, tbaq: clone https://github.com/qiangning/StructTempRel-EMNLP17 and run
            python benchmarks/devdata/convert.py --src <clone> --out {devdata}
"""


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_QUOTED = re.compile(r"(?:^|(?<=[\s(\[]))['‘\"“]([^\"“”\n]{12,}?)['’\"”](?=[\s.,;:)\]]|$)")


def _unquote(note: str) -> str:
    """A note with the page's words it quotes (12 characters or more) left out."""
    return _QUOTED.sub("[quote]", note)


def freeze(devdata: Path) -> int:
    """Strip third-party text from the local page gold and write data/dev/pages.jsonl."""
    meta: dict[str, dict[str, Any]] = {}
    for path in sorted((devdata / "pages").glob("*_pages.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                meta[rec["id"]] = rec
    rows = []
    for gold_path in sorted((devdata / "pages" / "annotated").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (devdata / "pages" / "raw" / f"{gold['doc_id']}.txt").read_text(encoding="utf-8")
        for key, fields in TEXT_FIELDS.items():
            for item in gold[key]:
                for f in fields:
                    assert text[item["start"] : item["end"]] == item[f], (gold_path, item)
                if key == "events":  # the date phrase as an offset into the quote
                    at = item["quote"].find(item["date_text"]) if item["date_text"] else -1
                    item["date_text"] = [at, at + len(item["date_text"])] if at >= 0 else None
                for f in fields:
                    del item[f]
        # the annotators' notes quote the page; only our words stay in the repository
        gold["published_note"] = _unquote(gold["published_note"])
        for item in gold["events"]:
            item["note"] = _unquote(item["note"]) if item["note"] else item["note"]
        info = meta.get(gold["doc_id"], {})
        rows.append(
            {
                "id": gold["doc_id"],
                "url": info.get("url"),
                "outlet": info.get("outlet"),
                "subject": info.get("subject"),
                "true_published": info.get("true_published"),
                "stated_in_text": info.get("stated_in_text"),
                "date_cue": info.get("date_cue"),
                "sha256": _sha(text),
                "gold": gold,
            }
        )
    FROZEN.parent.mkdir(parents=True, exist_ok=True)
    FROZEN.write_text(
        "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows), "utf-8"
    )
    print(f"wrote {len(rows)} pages to {FROZEN.relative_to(ROOT)}")
    return 0


def _thaw(devdata: Path, out: Path) -> tuple[Path, Path, list[str]]:
    """Gold with its text put back from the local pages; (gold dir, raw dir, problems)."""
    raw = devdata / "pages" / "raw"
    gold_dir = out / "pages-gold"
    gold_dir.mkdir(parents=True)
    problems = []
    for line in FROZEN.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        path = raw / f"{rec['id']}.txt"
        if not path.is_file():
            problems.append(f"{rec['id']}: missing ({rec['url']})")
            continue
        text = path.read_text(encoding="utf-8")
        if _sha(text) != rec["sha256"]:
            problems.append(f"{rec['id']}: text differs from the annotated copy; skipped")
            continue
        gold = rec["gold"]
        for key, fields in TEXT_FIELDS.items():
            for item in gold[key]:
                for f in fields:
                    item[f] = text[item["start"] : item["end"]]
                if key == "events":
                    at = item["date_text"]
                    item["date_text"] = item["quote"][at[0] : at[1]] if at else ""
        (gold_dir / f"{rec['id']}.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    return gold_dir, raw, problems


def _annotated_part(gold_dir: Path, raw_dir: Path, out: Path) -> Path:
    """MEANTIME annotates only the first sentences of each article: score the text up to the
    end of the sentence holding the last annotation, so what it leaves unannotated is not
    counted as false positives."""
    out.mkdir(parents=True)
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (raw_dir / f"{gold['doc_id']}.txt").read_text(encoding="utf-8")
        last = max([x["end"] for x in gold["timexes"] + gold["events"]] + [0])
        stop = min((i for i in (text.find(". ", last), text.find("\n", last)) if i >= 0),
                   default=len(text))  # fmt: skip
        (out / f"{gold['doc_id']}.txt").write_text(text[: stop + 1] + "\n", "utf-8")
    return out


def _with_groups(gold_dir: Path, overlay: Path, out: Path) -> Path:
    """A copy of `gold_dir` whose events carry the cross-document groups of `overlay` (JSONL of
    {"group", "members": [[doc_id, event id], ...]}): gold facts written for this project
    (TimeBank + AQUAINT has none of its own)."""
    members: dict[tuple[str, str], str] = {}
    for line in overlay.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            for doc_id, event_id in row["members"]:
                members[(doc_id, event_id)] = row["group"]
    out.mkdir(parents=True)
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for event in gold["events"]:
            event["group"] = members.get((gold["doc_id"], event["id"]), event.get("group"))
        (out / path.name).write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    return out


def _published_breakdown(report: dict[str, Any], system: str) -> dict[str, int]:
    p = report[system]["published"]
    keys = ("n", "correct", "stated", "found", "wrong_days", "left_open")
    return {k: p[k] for k in keys}


def _run_eval(gold_dir: Path, raw_dir: Path, label: str, cache: Path) -> dict[str, Any]:
    timeline = ROOT / ".venv" / "bin" / "timeline"
    exe = str(timeline) if timeline.exists() else "timeline"
    cmd = [exe, "eval", str(gold_dir), "--raw", str(raw_dir)]
    env = {"UNIONSTATE_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin", "HOME": str(cache)}
    env["PYTHONPATH"] = str(ROOT / "src")  # this checkout's code, also from a worktree
    subprocess.run(cmd, check=True, env=env)  # the tables, for a reader
    out = subprocess.run([*cmd, "-f", "json"], check=True, env=env, capture_output=True)
    report: dict[str, Any] = json.loads(out.stdout)
    report["label"] = label
    return report


def _merged(m: dict[str, Any] | None) -> str:
    if not m:
        return "n/a"
    if not m["groups"]:  # TimeBank: entries holding two documents' gold events are unjudged
        return (
            f"no cross-document gold: {m['overmerged_events']} entries hold gold events of 2+ "
            "documents (`timeline eval` lists them: one happening told twice, or an over-merge)"
        )
    return f"{m['one_event']}/{m['groups']} one entry, {m['overmerged_events']} over-merged"


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    def f1(s: dict[str, Any] | None) -> str:
        if not s:
            return "n/a"
        ratios = "/".join(
            "-" if s[k] is None else f"{s[k]:.2f}" for k in ("precision", "recall", "f1")
        )
        if "tp" not in s:
            return ratios
        return f"{ratios} (tp {s['tp']} of {s['predicted']} predicted, {s['gold']} gold)"

    rows = {}
    for system in ("project", "baseline"):
        s = report[system]
        rows[system] = {
            "published": _published_breakdown(report, system),
            "events date only P/R/F1": f1(s.get("events_date_only")),
            "dated citations the text supports": (
                f"{s['supported_dates']['correct']}/{s['supported_dates']['n']}"
                f" = {s['supported_dates']['accuracy']}"
                if s.get("supported_dates")
                else "n/a"
            ),
            "timex strict P/R/F1": f1(s["timexes"]["strict"]),
            "timex value acc": s["timexes"]["value"]["accuracy"],
            "merged groups": _merged(s.get("merges")),
            "multi-source dated groups": _merged(s.get("merges_dated")),
        }
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="run", choices=("run", "freeze"))
    parser.add_argument("--devdata", type=Path, default=ROOT.parent / "devdata")
    parser.add_argument("--corpus", nargs="*", default=list(CORPORA), choices=CORPORA)
    parser.add_argument("--json", type=Path, help="write the summaries here")
    args = parser.parse_args(argv)
    devdata = args.devdata.resolve()
    if args.command == "freeze":
        return freeze(devdata)
    summaries: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out, cache = Path(tmp), Path(tmp) / "cache"
        for corpus in args.corpus:
            if corpus == "pages":
                if not (devdata / "pages" / "raw").is_dir():
                    print(HOW_TO_GET.format(what="pages", path=devdata / "pages", devdata=devdata))
                    continue
                gold_dir, raw_dir, problems = _thaw(devdata, out)
                for p in problems:
                    print(f"warning: {p}", file=sys.stderr)
                if not any(gold_dir.glob("*.json")):  # every page missing or changed
                    print(HOW_TO_GET.format(what="pages", path=devdata / "pages", devdata=devdata))
                    continue
            else:
                gold_dir, raw_dir = devdata / corpus / "annotated", devdata / corpus / "raw"
                if not gold_dir.is_dir():
                    print(HOW_TO_GET.format(what=corpus, path=gold_dir, devdata=devdata))
                    continue
                if corpus == "meantime":
                    raw_dir = _annotated_part(gold_dir, raw_dir, out / "meantime-raw")
                overlay = DEV / f"{corpus}_groups.jsonl"
                if overlay.is_file():
                    gold_dir = _with_groups(gold_dir, overlay, out / f"{corpus}-gold")
            summaries[corpus] = _summary(_run_eval(gold_dir, raw_dir, corpus, cache))
    print(json.dumps(summaries, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)  # bench-results/ is not in a clone
        args.json.write_text(json.dumps(summaries, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
