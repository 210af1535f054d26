"""The tool's own outputs inside the input folder are skipped, named, never read as articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unionstate_timeline.cli import app

runner = CliRunner()
ARTICLE = (
    "Harbour bridge opens\n\nPublished: May 14, 2019\n\nThe mayors of the two harbour towns met "
    "at the bridge on May 13, 2019, to sign a maintenance agreement, the council said.\n"
)


@pytest.mark.model
def test_reading_own_outputs_are_skipped_with_their_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bridge.txt").write_text(ARTICLE, "utf-8")
    first = tmp_path / "first.json"
    assert runner.invoke(app, ["build", str(folder), "-o", str(first)]).exit_code == 0
    for fmt, name in (("md", "t.md"), ("html", "t.html"), ("jsonl", "t.jsonl")):
        out = folder / name
        result = runner.invoke(app, ["export", str(first), "-f", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
    (folder / "timeline.json").write_text(first.read_text(), "utf-8")
    second = tmp_path / "second.json"
    result = runner.invoke(app, ["build", str(folder), "-o", str(second)])
    assert result.exit_code == 0, result.output
    docs = {d["doc_id"]: d for d in json.loads(second.read_text())["documents"]}
    assert docs["bridge"]["status"] == "ok"
    for name in ("t", "timeline"):
        assert docs[name]["status"] == "skipped"
        assert docs[name]["reason"] == "written by unionstate-timeline (an export, not an article)"
    events = json.loads(second.read_text())["events"]
    assert {c["doc_id"] for e in events for c in e["citations"]} == {"bridge"}
