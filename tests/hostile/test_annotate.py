"""Annotation safety net and document sizes: one text spaCy refuses costs only that document,
Ctrl-C with several processes exits 130, and annotation time grows linearly with the text."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from unionstate_timeline.models import Document
from unionstate_timeline.nlp.annotate import annotate
from unionstate_timeline.reading.document import make_document

OK = "Harbour works\n\nThe port of Tromso reopened on April 2, 2021, the mayor said.\n"
# texts no loader lets through, built by hand: a lone surrogate, and one over nlp.max_length
REFUSED = ["The port \ud83d reopened.", "word " * 250_000]


def _blank():  # type: ignore[no-untyped-def]
    """A tokenizer-only pipeline with our paragraph component."""
    import spacy

    from unionstate_timeline.temporal.detect import register

    register()
    nlp = spacy.blank("en")
    nlp.add_pipe("unionstate_paragraphs")
    return nlp


@pytest.mark.parametrize("n_process", [1, 2])
def test_hostile_annotate_isolates_each_text(
    n_process: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from unionstate_timeline.nlp import annotate as module

    monkeypatch.setattr(module, "get_nlp", lambda model=None: _blank())
    out = list(annotate([OK, *REFUSED, OK], batch_size=1, n_process=n_process))
    kinds = [type(x).__name__ for x in out]
    assert kinds[0] == kinds[3] == "Doc"
    assert all(isinstance(x, Exception) for x in out[1:3])


@pytest.mark.model
@pytest.mark.parametrize("workers", [1, 2])
def test_hostile_pipeline_skips_only_the_refused_document(workers: int) -> None:
    from unionstate_timeline.pipeline import extract_documents

    texts = [OK, *REFUSED, OK, OK.replace("2021", "2022")]
    docs = [make_document(f"d{i}", f"d{i}.txt", t) for i, t in enumerate(texts)]
    failed: list[tuple[Document, Exception]] = []
    done = list(
        extract_documents(
            docs, workers=workers, batch_size=1, on_error=lambda d, e: failed.append((d, e))
        )
    )
    assert [x.doc.info.doc_id for x in done] == ["d0", "d3", "d4"]
    assert ["2022" in x.doc.text for x in done] == [False, False, True]
    assert all(x.events and x.timexes for x in done)
    assert [d.info.doc_id for d, _ in failed] == ["d1", "d2"]
    assert all(str(e) for _, e in failed), failed  # a reason to report, from a worker too


def _timed(nlp, text: str) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        nlp(text)
        best = min(best, time.perf_counter() - started)
    return best


def test_hostile_short_lines_annotate_in_linear_time() -> None:
    nlp = _blank()
    nlp.max_length = 10**7
    line = "Port news\n"
    base = _timed(nlp, line * 5_000)
    double, quadruple = _timed(nlp, line * 10_000), _timed(nlp, line * 20_000)
    assert double <= 2.5 * base + 0.05, (base, double)
    assert quadruple <= 5 * base + 0.1, (base, quadruple)


def test_hostile_load_scales_linearly(tmp_path: Path) -> None:
    from unionstate_timeline.reading.load import iter_documents

    def timed(lines: int) -> float:
        path = tmp_path / f"{lines}.txt"
        path.write_text("Port news on April 2, 2021.\n" * lines, "utf-8")
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            list(iter_documents([path]))
            best = min(best, time.perf_counter() - started)
        return best

    base = timed(8_000)
    assert timed(16_000) <= 2.5 * base + 0.05, base
    assert timed(32_000) <= 5 * base + 0.1, base


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc")
def test_hostile_interrupt_with_two_workers_exits_130(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3000):
        (folder / f"a{i}.txt").write_text(OK.replace("2021", str(1000 + i)), "utf-8")
    command = [sys.executable, "-m", "unionstate_timeline", "build", str(folder), "--workers",
               "2", "--no-cache", "-o", str(tmp_path / "t.json")]  # fmt: skip
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)  # the spaCy workers are running
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err
    assert not (tmp_path / "t.json").exists()
