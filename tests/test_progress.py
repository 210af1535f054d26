"""Build progress: stage lines and count lines off a terminal, a bar on one, none with -q."""

from __future__ import annotations

import io

import pytest
from typer.testing import CliRunner

from unionstate_timeline.cli import app
from unionstate_timeline.progress import (
    ANCHORING,
    ANNOTATING,
    MODEL,
    LineProgress,
    Progress,
    eta_seconds,
)

runner = CliRunner()


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_eta_from_the_rate_so_far():
    assert eta_seconds(10, 100, 5.0) == 45.0
    assert eta_seconds(0, 100, 5.0) is None  # no rate yet
    assert eta_seconds(100, 100, 5.0) is None  # done
    assert eta_seconds(10, None, 5.0) is None  # no total


def test_progress_lines_one_per_stage_and_counts_at_intervals():
    out, clock = io.StringIO(), Clock()
    p = LineProgress(out, every=10.0, clock=clock)
    p.stage(MODEL)
    p.total(100)
    clock.now += 3
    p.stage(ANNOTATING)
    for _ in range(40):  # 40 documents in 4 s: one line at most every 10 s
        clock.now += 0.1
        p.advance()
    clock.now += 8
    p.advance()  # 12 s into the stage, 10 s after the stage line: a count line
    for _ in range(59):
        p.advance()  # the last one completes the count: a line however soon
    p.stage(ANCHORING)
    assert out.getvalue().splitlines() == [
        "loading model…",
        "annotating…",
        "annotated 41/100 documents (12.0 s, ETA 17 s)",
        "annotated 100/100 documents (12.0 s)",
        "anchoring…",
    ]


def test_progress_quiet_reporter_writes_nothing(capsys):
    with Progress() as p:
        p.stage(MODEL)
        p.total(3)
        p.advance(3)
    assert capsys.readouterr() == ("", "")


def _build(tmp_path, *extra: str):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ministers met in the capital on 4 March 2021 and signed a trade agreement.\n",
        encoding="utf-8",
    )
    out = tmp_path / "t.json"
    args = ["build", str(folder), "-o", str(out), "--no-cache", *extra]
    return runner.invoke(app, args)


@pytest.mark.model
def test_progress_cli_off_a_terminal_plain_lines_on_stderr(tmp_path):
    result = _build(tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    for stage in ["reading files…", "loading model…", "anchoring…", "merging…", "writing…"]:
        assert stage in lines, lines
    assert any(line.startswith("annotated 1/1 documents (") for line in lines), lines
    assert "\x1b" not in result.stderr  # no bar, no colour codes
    assert lines[-1].startswith("1 document read, 0 skipped")
    assert result.stdout == ""


@pytest.mark.model
def test_progress_cli_quiet_gives_no_progress(tmp_path):
    result = _build(tmp_path, "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [result.stderr.strip()]  # the summary line alone
    assert result.stderr.startswith("1 document read, 0 skipped")
