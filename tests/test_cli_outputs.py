"""The CLI of the output commands (issues 16 and 18): formats from -o, one-line usage errors,
the summary line, --version, filters on export, the event detail view, closed stdout, deep
nesting and terminal escapes. Every timeline here is built by hand; nothing needs the model.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sample_timelines import cite, event, small_timeline, when
from unionstate_timeline.cli import app
from unionstate_timeline.models import DocumentInfo, Timeline
from unionstate_timeline.outputs.export import to_json

runner = CliRunner()


@pytest.fixture
def timeline_file(tmp_path: Path) -> Path:
    path = tmp_path / "timeline.json"
    path.write_text(to_json(small_timeline()), encoding="utf-8")
    return path


def _run(*args: str | Path) -> object:
    return runner.invoke(app, [str(a) for a in args])


# --- bug 4: the format from -o's extension -----------------------------------------------------


def test_cli_export_format_follows_the_output_extension(timeline_file: Path, tmp_path: Path):
    target = tmp_path / "events.csv"
    result = _run("export", timeline_file, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("event_id,")
    page = tmp_path / "page.html"
    assert _run("export", timeline_file, "-o", page).exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_export_warns_when_format_and_extension_disagree(timeline_file: Path, tmp_path: Path):
    target = tmp_path / "events.json"
    result = _run("export", timeline_file, "-f", "csv", "-o", target)
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "json" in result.stderr
    assert target.read_text(encoding="utf-8").startswith("event_id,")  # -f wins
    js = _run("export", timeline_file, "-f", "timelinejs", "-o", tmp_path / "tl.json")
    assert "warning" not in js.stderr  # a TimelineJS file is JSON


# --- bug 5: one error line, the same exit code for the same fault ------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["export", "{file}", "-f", "xml"],
        ["show", "{file}", "--type", "party"],
        ["show", "{file}", "--from", "soon"],
        ["build", "{file}", "--no-such-option"],
        ["export", "{file}", "--min-sources", "0"],
        ["no-such-command"],
    ],
)
def test_cli_usage_error_is_one_error_line(timeline_file: Path, args: list[str]):
    result = _run(*(a.replace("{file}", str(timeline_file)) for a in args))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Value error" not in result.stderr and "╭" not in result.stderr


def test_cli_same_exit_code_for_the_same_fault(timeline_file: Path, tmp_path: Path):
    folder = tmp_path / "out"
    folder.mkdir()
    # -o naming a folder: an output error (5) in export as in build
    assert _run("export", timeline_file, "-o", folder).exit_code == 5
    # a missing input: a usage error (2) in every command, as in build
    missing = tmp_path / "gone.json"
    for args in (["show", missing], ["export", missing], ["diff", timeline_file, missing]):
        result = _run(*args)
        assert result.exit_code == 2 and "gone.json" in result.stderr, args


def test_cli_version():
    from importlib.metadata import version

    result = _run("--version")
    assert result.exit_code == 0
    assert version("unionstate-timeline") in result.stdout


# --- bug 6: the summary line -------------------------------------------------------------------


def test_cli_build_summary_line_is_singular_and_unwrapped(tmp_path: Path):
    from unionstate_timeline.cli.build import summary_line
    from unionstate_timeline.pipeline import BuildStats

    stats = BuildStats()
    stats.documents, stats.events, stats.claims = 1, 1, 0
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 6, "timeline.json")
    line = summary_line(stats, deep)
    assert line.startswith("1 document read, 0 skipped, 1 event, 0 claims")
    assert str(deep) in line and "\n" not in line


def test_cli_build_summary_does_not_wrap_when_not_a_terminal(tmp_path: Path, monkeypatch):
    """Through the command: a build of one (stubbed) article into a long path prints one line."""
    import unionstate_timeline.pipeline as pipeline

    def fake_build(paths, *, stats, **kw):  # type: ignore[no-untyped-def]
        stats.documents, stats.events = 1, 1
        return small_timeline()

    monkeypatch.setattr(pipeline, "build", fake_build)
    article = tmp_path / "a.txt"
    article.write_text("Putin met Lukashenko on 8 December 2019.", encoding="utf-8")
    out = tmp_path.joinpath(*["a-rather-long-folder-name"] * 4)
    out.mkdir(parents=True)
    target = out / "timeline.json"
    result = _run("build", article, "-o", target, "--no-cache")
    assert result.exit_code == 0, result.output
    summary = [ln for ln in result.stderr.splitlines() if "read," in ln]
    assert len(summary) == 1 and summary[0].endswith(f"-> {target}"), result.stderr
    assert summary[0].startswith("1 document read")


def test_cli_build_format_from_output_extension(tmp_path: Path, monkeypatch):
    import unionstate_timeline.pipeline as pipeline

    monkeypatch.setattr(pipeline, "build", lambda paths, *, stats, **kw: _one_doc(stats))
    article = tmp_path / "a.txt"
    article.write_text("Some article text.", encoding="utf-8")
    target = tmp_path / "t.csv"
    assert _run("build", article, "-o", target, "--no-cache").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("event_id,")
    wrong = _run("build", article, "-f", "csv", "-o", tmp_path / "t.json", "--no-cache")
    assert "warning:" in wrong.stderr


def _one_doc(stats: object) -> Timeline:
    stats.documents = 1  # type: ignore[attr-defined]
    return small_timeline()


# --- filters on export, and show's detail view --------------------------------------------------


def test_cli_export_takes_the_show_filters(timeline_file: Path):
    result = _run("export", timeline_file, "-f", "jsonl", "--type", "treaty signed")
    assert [json.loads(x)["event_id"] for x in result.stdout.splitlines()] == ["ev-treaty"]
    result = _run("export", timeline_file, "-f", "jsonl", "--from", "2021", "--to", "2021-12")
    ids = {json.loads(x)["event_id"] for x in result.stdout.splitlines()}
    assert ids == {"ev-approve", "ev-visit", "ev-loan"}
    result = _run("export", timeline_file, "-f", "jsonl", "--doc", "Meduza", "--text", "sochi")
    assert [json.loads(x)["event_id"] for x in result.stdout.splitlines()] == ["ev-sochi"]
    result = _run("export", timeline_file, "--claims", "--actor", "Semashko")
    assert result.stdout.count("\n") == 2  # header + the one claim he gave


def test_cli_show_accepts_type_names_as_shown(timeline_file: Path):
    result = _run("show", timeline_file, "--type", "treaty signed")
    assert result.exit_code == 0 and "Union State Treaty signed" in result.stdout
    assert "Sochi" not in result.stdout


def test_cli_show_event_detail_lists_every_quote(timeline_file: Path):
    result = _run("show", timeline_file, "ev-sochi")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Putin and Lukashenko met in Sochi." in out
    assert "The leaders met in Sochi on December 8." in out
    assert "TASS" in out and "Meduza" in out and "Places Sochi" in out
    missing = _run("show", timeline_file, "ev-nope")
    assert missing.exit_code == 3 and missing.stderr.startswith("error:")


# --- issue 18: hostile timelines and output targets ---------------------------------------------


def test_cli_deeply_nested_timeline_is_an_error_line(tmp_path: Path):
    deep = tmp_path / "deep.json"
    deep.write_text('{"events": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    for args in (["show", deep], ["export", deep], ["diff", deep, deep]):
        result = _run(*args)
        assert result.exit_code == 3, (args, result.output)
        assert result.stderr.startswith("error:") and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["export {f} -f csv", "show {f}", "diff {f} {f} -f json"])
def test_cli_closed_stdout_is_an_error_line(timeline_file: Path, command: str):
    code = "from unionstate_timeline.cli import main; main()"
    args = command.format(f=f'"{timeline_file}"')
    proc = subprocess.run(
        f'"{sys.executable}" -c "{code}" {args} >&-',
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 5 and proc.stderr.startswith("error:"), proc.stderr


_ESC = "\x1b]0;owned\x07\x1b[31m"


def _hostile_timeline() -> Timeline:
    base = small_timeline()
    docs = [*base.documents, DocumentInfo(doc_id="evil" + _ESC, path="x" + _ESC, outlet=_ESC)]
    bad = event(
        "ev-esc",
        "meeting",
        "Talks" + _ESC + " held",
        when("2019-12-09", "day", "2019-12-09", "2019-12-09"),
        [cite("evil" + _ESC, 0, "They met." + _ESC)],
        actors=["A" + _ESC],
    )
    return base.model_copy(update={"documents": docs, "events": [*base.events, bad]})


def test_cli_show_and_diff_strip_terminal_escapes(timeline_file: Path, tmp_path: Path):
    evil = tmp_path / "evil.json"
    evil.write_text(to_json(_hostile_timeline()), encoding="utf-8")
    for args in (
        ["show", evil],
        ["show", evil, "ev-esc"],
        ["diff", timeline_file, evil],
        ["diff", timeline_file, evil, "-f", "md"],
    ):
        result = _run(*args)
        assert "Talks" in result.stdout, args
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, args


def test_cli_printed_file_names_have_no_escapes(timeline_file: Path, tmp_path: Path):
    result = _run("export", timeline_file, "-o", tmp_path / ("x\x1b]0;t\x07.csv"))
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
