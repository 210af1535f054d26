"""One folder holding every hostile input of the reliability probe beside good articles: the
build exits 0, names each bad input with its reason, keeps the good articles' events exactly as
a build of them alone gives, and every writer and `show` take the result. Texts are written
for this test."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unionstate_timeline.cli import app
from unionstate_timeline.reading.load import MAX_CHARS

runner = CliRunner()

GOOD = {
    "good_port": "Harbour works\n\nThe port of Tromso reopened on April 2, 2021, the mayor said. "
    "Ferry companies signed new contracts with the town on April 5, 2021.\n",
    "good_bridge": "Bridge vote\n\nThe county council approved the new bridge on June 14, 2022. "
    "Work will start in September 2022, the council said on June 15, 2022.\n",
}
SCRIPT = "<img src=x onerror=alert(1)>"


def _record(**fields: object) -> str:
    return json.dumps(fields)


def _hostile(root: Path) -> dict[str, str]:
    """Write every hostile input; returns doc_id -> a fragment of the reason it must carry
    (skipped inputs, and documents that are read with a warning)."""
    (root / "range_anaphor.txt").write_text(
        "Fair in Lyon\n\nThe fair was held in Lyon on June 29-30, 2019. "
        "A year later the organisers met again in Nice.\n", "utf-8")  # fmt: skip
    (root / os.fsdecode(b"odd\xffname.txt")).write_text("Odd name\n\nNothing dated here.\n")
    (root / "offsets.txt").write_text(
        "Far away\n\nIt began 100000000 days ago and ends 10000000 days later.\n", "utf-8"
    )
    (root / "dateline_9999.txt").write_text(
        "OSLO, December 31, 9999 /NTB/.\n\nThe ferry left yesterday.\n", "utf-8"
    )
    (root / "published_0001.txt").write_text(
        "Published on January 1, 0001\n\nThe ferry returns tomorrow.\n", "utf-8"
    )
    (root / "numbers.txt").write_text(
        "Odd numbers\n\nThe plan was approved on December 8, 20019. Another came on December 8, "
        "99999999999999999999999. The guild was founded 5000 years ago. It owes "
        + "4" * 400 + " kroner.\n", "utf-8")  # fmt: skip
    (root / "blank.txt").write_text("\u00a0\u3000\u200b\n", "utf-8")
    (root / "stray.txt").write_bytes(b"Stray byte\n\nThe depot opened." + b" \xff\n")
    (root / "short_lines.txt").write_text("Port news\n" * 5000, "utf-8")
    (root / "escapes\x1b[31m.txt").write_text(
        "Colours\n\nThe \x1b]0;title\x07 museum \x1b[2J closed on 3 March 2018.\n", "utf-8"
    )
    (root / "injection.txt").write_text(
        f"Scripts\n\nThe library {SCRIPT} shut on 9 May 2017.\n\n=HYPERLINK(\"x\") "
        "The archive moved on 10 May 2017.\n", "utf-8")  # fmt: skip
    (root / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/b'>Back</a></nav></body></html>", "utf-8"
    )
    (root / "manifest.csv").write_text(
        'file,title,published\nrange_anaphor.txt,"Never closed\noffsets.txt,Far,0001-01-01\n',
        "utf-8",
    )
    (root / "feed.jsonl").write_text(
        "\n".join([
            _record(id="huge", text="lorem " * (MAX_CHARS // 6 + 10)),
            '{"id": "cut", "text": "Cut \\ud83d emoji in the harbour log."}',
            '{"id": "digits", "n": ' + "7" * 5000 + ', "text": "Digits."}',
            _record(id="twice", text="First of two records with one id."),
            _record(id="twice", text="Second of two records with one id."),
            _record(id="menu", text="<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        ]) + "\n", "utf-8")  # fmt: skip
    return {
        "feed/huge": "too long for the parser",
        "feed/cut": "surrogate",
        "feed/line-3": "line 3 is not JSON (a number too long to read)",
        "feed/twice~5": "repeats an earlier record",
        "feed/menu": "line 6: HTML page with no main text",
        "odd\ufffdname": "not valid UTF-8",
        "blank": "empty file",
        "stray": "invalid UTF-8 byte(s) replaced",
        "menu": "HTML page with no main text",
        "manifest.csv": "unbalanced quote on line 2",
        "offsets": "ignored",  # the manifest's year 0001
        "numbers": "impossible years",
    }


def _events_citing(timeline: dict, doc_ids: set[str]) -> list[tuple]:
    out = []
    for e in timeline["events"]:
        cites = [c for c in e["citations"] if c["doc_id"] in doc_ids]
        if cites:
            out.append((e["event_id"], e["type"], e["title"], e["when"], e["status"], cites))
    return sorted(out, key=str)


@pytest.mark.model
def test_hostile_whole_folder_builds_names_each_input_and_keeps_good_events(
    tmp_path: Path,
) -> None:
    alone, mixed = tmp_path / "alone", tmp_path / "mixed"
    alone.mkdir()
    mixed.mkdir()
    for name, text in GOOD.items():
        (alone / f"{name}.txt").write_text(text, "utf-8")
        (mixed / f"{name}.txt").write_text(text, "utf-8")
    expected = _hostile(mixed)
    out, ref = tmp_path / "mixed.json", tmp_path / "alone.json"
    result = runner.invoke(app, ["build", str(mixed), "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "\x1b" not in result.output
    assert runner.invoke(app, ["build", str(alone), "-o", str(ref), "--no-cache"]).exit_code == 0
    timeline = json.loads(out.read_text("utf-8"))
    docs = {d["doc_id"]: d for d in timeline["documents"]}
    for doc_id, fragment in expected.items():
        assert fragment in (docs[doc_id]["reason"] or ""), (doc_id, docs[doc_id]["reason"])
    printed = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    skipped = [d for d in docs.values() if d["status"] == "skipped"]
    assert len(printed) == len(skipped)  # each skipped input named once, with its reason
    for d in skipped:
        assert any(line.endswith(d["reason"]) for line in printed), d
    values = {e["when"]["value"] for e in timeline["events"] if e["when"]}
    assert "2020" in values  # "a year later" from the range
    assert not {v for v in values if v.startswith(("20019", "9999", "0001", "-"))}
    assert _events_citing(timeline, set(GOOD)) == _events_citing(
        json.loads(ref.read_text("utf-8")), set(GOOD)
    )
    shown = runner.invoke(app, ["show", str(out)])
    assert shown.exit_code == 0 and "\x1b" not in shown.output
    for fmt in ("csv", "jsonl", "md", "html", "timelinejs"):
        written = runner.invoke(app, ["export", str(out), "-f", fmt])
        assert written.exit_code == 0, (fmt, written.output)
        if fmt in ("html", "timelinejs"):  # rendered as HTML: the markup is escaped
            assert SCRIPT not in written.output, fmt
        if fmt == "csv":
            assert ',"=HYPERLINK' not in written.output and ",=HYPERLINK" not in written.output
