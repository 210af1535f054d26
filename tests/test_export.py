"""Export writers: each format round-trips or validates, and output is deterministic."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sample_timelines import TRICKY, small_timeline
from unionstate_timeline.cli import app
from unionstate_timeline.errors import ContractError, OutputError
from unionstate_timeline.models import Event, Timeline
from unionstate_timeline.outputs import export
from unionstate_timeline.outputs.export import EVENT_COLUMNS, Format, read_timeline, write_atomic


@pytest.fixture
def timeline() -> Timeline:
    return small_timeline()


@pytest.fixture
def timeline_file(tmp_path: Path, timeline: Timeline) -> Path:
    path = tmp_path / "timeline.json"
    path.write_text(export.to_json(timeline), encoding="utf-8")
    return path


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- formats -----------------------------------------------------------------------------------


def test_export_every_format_is_deterministic(timeline: Timeline) -> None:
    copy = Timeline.model_validate_json(export.to_json(timeline))
    for fmt in export.TEXT_FORMATS:
        assert export.render(timeline, fmt) == export.render(copy, fmt), fmt


def test_export_json_round_trips(timeline: Timeline) -> None:
    text = export.to_json(timeline)
    assert text.endswith("}\n")
    assert Timeline.model_validate_json(text) == timeline


def test_export_csv_one_row_per_event(timeline: Timeline) -> None:
    text = export.to_csv(timeline)
    reader = csv.reader(io.StringIO(text, newline=""))
    assert tuple(next(reader)) == EVENT_COLUMNS
    rows = _rows(text)
    assert [r["event_id"] for r in rows] == [e.event_id for e in timeline.events]


def test_export_csv_cells(timeline: Timeline) -> None:
    rows = {r["event_id"]: r for r in _rows(export.to_csv(timeline))}
    treaty = rows["ev-treaty"]
    assert (treaty["date"], treaty["precision"], treaty["start"]) == (
        "1999-12-08",
        "day",
        "1999-12-08",
    )
    assert treaty["actors"] == "Russia | Belarus"
    assert treaty["sources"] == "2" and treaty["doc_ids"] == "d1 | d2"
    assert treaty["quotes"].count(" | ") == 1
    assert rows["ev-sochi"]["conflicts"] == "when: 2019-12-07 (d1) vs 2019-12-08 (d3)"
    assert rows["ev-undated"]["date"] == "" and rows["ev-undated"]["start"] == ""
    # commas, quotes and newlines survive csv quoting; whitespace is folded to one line
    assert rows["ev-cancel"]["quotes"] == " ".join(TRICKY.split())


def test_export_claims_csv_one_row_per_claim(timeline: Timeline) -> None:
    rows = _rows(export.claims_csv(timeline))
    assert [r["claim_id"] for r in rows] == [c.claim_id for c in timeline.claims]
    by_id = {r["claim_id"]: r for r in rows}
    assert by_id["cl-usd"]["value"] == "630000000" and by_id["cl-pct"]["value"] == "9.2"
    assert by_id["cl-pct"]["as_of"] == ""


def test_export_jsonl_lines_parse(timeline: Timeline) -> None:
    lines = export.to_jsonl(timeline).splitlines()
    assert len(lines) == len(timeline.events)
    assert [Event.model_validate_json(line) for line in lines] == timeline.events
    assert len(export.claims_jsonl(timeline).splitlines()) == len(timeline.claims)


def test_export_md_grouped_by_year_undated_last(timeline: Timeline) -> None:
    text = export.to_md(timeline)
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings == ["1990", "1999", "2019", "2021", "Undated", "Claims"]
    section_2021 = text.split("## 2021")[1].split("## Undated")[0]
    assert "Putin to visit Minsk" in section_2021 and "2021 (fall, late)" in section_2021
    undated = text.split("## Undated")[1].split("## Claims")[0]
    assert "XXXX-11-04" in undated and "Agreement on taxation" in undated
    assert "\\<script\\>" in text and "<script>" not in text  # raw HTML is escaped
    claims = text.split("## Claims")[1]
    assert claims.index("| 2019-12-08 | 31 |") < claims.index("| 2019-12-10 | 8 |")


def _valid_tl_date(d: dict[str, int]) -> None:
    assert set(d) <= {"year", "month", "day"} and isinstance(d["year"], int)
    date(d["year"], d.get("month", 1), d.get("day", 1))  # raises if not a real date
    assert "day" not in d or "month" in d


def test_export_timelinejs_dates_valid(timeline: Timeline) -> None:
    doc = json.loads(export.to_timelinejs(timeline))
    events = {e["unique_id"]: e for e in doc["events"]}
    dated = [e.event_id for e in timeline.events if e.when is not None and e.when.start]
    assert list(events) == dated  # year-less and undated events cannot be placed
    for e in doc["events"]:
        _valid_tl_date(e["start_date"])
        if "end_date" in e:
            _valid_tl_date(e["end_date"])
        assert e["text"]["headline"] and "<blockquote>" in e["text"]["text"]
    assert events["ev-treaty"]["start_date"] == {"year": 1999, "month": 12, "day": 8}
    assert "end_date" not in events["ev-treaty"]
    assert events["ev-sochi"]["start_date"] == {"year": 2019, "month": 12}
    assert events["ev-approve"]["start_date"] == {"year": 2021}
    assert events["ev-loan"]["start_date"] == {"year": 2021, "month": 9}
    assert events["ev-loan"]["end_date"] == {"year": 2022, "month": 12}
    assert events["ev-visit"]["end_date"] == {"year": 2021, "month": 11}
    assert events["ev-decade"]["start_date"] == {"year": 1990}
    assert events["ev-decade"]["end_date"] == {"year": 1999}
    assert "&lt;script&gt;" in events["ev-cancel"]["text"]["text"]


def test_export_html_is_self_contained(timeline: Timeline) -> None:
    page = export.to_html(timeline)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(http" not in page
    assert page.count('class="event-mark') == len(timeline.events)
    ids = re.findall(r'class="event-mark[^"]*" data-event-id="([^"]+)"', page)
    assert sorted(ids) == sorted(e.event_id for e in timeline.events)
    # the quote's </script> cannot end the inline scripts early
    assert page.count("</script>") == 2
    assert "<script>alert" not in page


def test_export_html_title_names_the_page_escaped(timeline: Timeline) -> None:
    page = export.to_html(timeline, title='Talks <i>&</i> "treaties"\n 2019')
    shown = "Talks &lt;i&gt;&amp;&lt;/i&gt; &quot;treaties&quot; 2019"
    assert f"<title>{shown}</title>" in page and f"<h1>{shown}</h1>" in page
    assert "<i>&</i>" not in page
    assert "<title>Timeline</title>" in export.to_html(timeline)  # the default name
    with pytest.raises(ValueError, match="--title"):
        export.render(timeline, Format.md, title="x")


def test_export_cli_title_only_for_html(timeline_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    page = tmp_path / "p.html"
    result = runner.invoke(app, ["export", str(timeline_file), "-o", str(page), "--title", "Q&A"])
    assert result.exit_code == 0, result.output
    assert "<h1>Q&amp;A</h1>" in page.read_text(encoding="utf-8")
    result = runner.invoke(app, ["export", str(timeline_file), "-f", "csv", "--title", "x"])
    assert result.exit_code == 2 and result.stderr.startswith("error: --title")


def test_export_html_one_toggle_per_type_present_and_a_search_box(timeline: Timeline) -> None:
    page = export.to_html(timeline)
    toggles = re.findall(r'class="type-toggle" checked value="([^"]+)"', page)
    assert toggles == sorted({e.type for e in timeline.events})
    assert page.count('<input type="search" id="search"') == 1
    items = re.findall(r'<li class="event-item[^"]*" id="item-[^"]+" data-event-id="([^"]+)"', page)
    assert sorted(items) == sorted(e.event_id for e in timeline.events)
    data = json.loads(re.search(r'id="event-data">(.*?)</script>', page).group(1))
    assert {i: d["t"] for i, d in data.items()} == {e.event_id: e.type for e in timeline.events}


def test_export_html_marks_show_precision_and_status(timeline: Timeline) -> None:
    page = export.to_html(timeline)
    marks = dict(re.findall(r'class="(event-mark[^"]*)" data-event-id="([^"]+)"', page))
    by_id = {v: k.split() for k, v in marks.items()}
    assert "p-point" in by_id["ev-treaty"] and "st-occurred" in by_id["ev-treaty"]
    assert "p-span" in by_id["ev-sochi"] and "p-span" in by_id["ev-approve"]
    assert "p-span" in by_id["ev-loan"] and "st-planned" in by_id["ev-loan"]
    assert "st-expected" in by_id["ev-visit"] and "st-cancelled" in by_id["ev-cancel"]
    assert "chip" in by_id["ev-council"] and "chip" in by_id["ev-undated"]


def test_export_html_span_width_follows_dates(timeline: Timeline) -> None:
    page = export.to_html(timeline)

    def width(event_id: str) -> float:
        m = re.search(
            rf'data-event-id="{event_id}"[^>]*><span class="shape" '
            r'style="width:([\d.]+)px"',
            page,
        )
        assert m, event_id
        return float(m.group(1))

    assert width("ev-approve") > width("ev-visit") > width("ev-treaty")


def test_export_empty_timeline() -> None:
    empty = Timeline()
    for fmt in export.TEXT_FORMATS:
        text = export.render(empty, fmt)
        assert text == "" if fmt is Format.jsonl else text.endswith("\n"), fmt
    assert export.to_csv(empty).splitlines() == [",".join(EVENT_COLUMNS)]


# --- files -------------------------------------------------------------------------------------


def test_export_write_atomic_replaces_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_atomic(target, "one\n")
    assert target.read_text() == "one\n"
    os.chmod(target, 0o640)
    write_atomic(target, "two\n")
    assert target.read_text() == "two\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temp file left


def test_export_write_atomic_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="nowhere"):
        write_atomic(tmp_path / "nowhere" / "out.csv", "x")


def test_export_read_timeline_errors(tmp_path: Path) -> None:
    cases = {
        "missing.json": None,
        "bad.json": b"{not json",
        "latin1.json": '{"events": [], "x": "caf\xe9"}'.encode("latin-1"),
        "list.json": b"[]",
        "invalid.json": b'{"events": [{"event_id": "e"}]}',
        "future.json": b'{"schema_version": "2.0", "events": []}',
    }
    for name, content in cases.items():
        path = tmp_path / name
        if content is not None:
            path.write_bytes(content)
        with pytest.raises(ContractError, match=re.escape(name)):
            read_timeline(path)
    with pytest.raises(ContractError, match="folder"):
        read_timeline(tmp_path)


def test_export_read_timeline_accepts_own_output(timeline_file: Path, timeline: Timeline) -> None:
    assert read_timeline(timeline_file) == timeline


# --- CLI ---------------------------------------------------------------------------------------


def test_export_cli_stdout_and_file(timeline_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", str(timeline_file), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert len(_rows(result.stdout)) == 9
    out = tmp_path / "claims.csv"
    result = runner.invoke(
        app, ["export", str(timeline_file), "-f", "csv", "--claims", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(_rows(out.read_text(encoding="utf-8"))) == 4
    for fmt in ("jsonl", "md", "html", "timelinejs", "json"):
        result = runner.invoke(app, ["export", str(timeline_file), "-f", fmt])
        assert result.exit_code == 0 and result.stdout, fmt


def test_export_cli_errors(timeline_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", str(timeline_file), "-f", "html", "--claims"])
    assert result.exit_code == 2
    bad = tmp_path / "broken.json"
    bad.write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["export", str(bad), "-f", "csv"])
    assert result.exit_code == 3
    assert "broken.json" in result.stderr and "not JSON" in result.stderr
    result = runner.invoke(app, ["export", str(timeline_file), "-o", str(tmp_path / "no" / "x")])
    assert result.exit_code == 5


def test_export_json_in_pieces_is_the_same_bytes() -> None:
    from unionstate_timeline.models import Timeline
    from unionstate_timeline.outputs.export import json_chunks, to_json

    for timeline in (small_timeline(), Timeline()):
        whole = timeline.model_dump_json(indent=2) + "\n"
        assert to_json(timeline) == whole
        pieces = list(json_chunks(timeline))
        assert "".join(pieces) == whole
        if timeline.events:  # one piece per event: the text is never built whole
            assert len(pieces) > len(timeline.events)


def test_export_write_atomic_takes_pieces(tmp_path: Path) -> None:
    from unionstate_timeline.outputs.export import write_atomic

    write_atomic(tmp_path / "t.json", iter(["{", '"a": 1', "}\n"]))
    assert (tmp_path / "t.json").read_text(encoding="utf-8") == '{"a": 1}\n'
