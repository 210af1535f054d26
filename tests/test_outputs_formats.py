"""Export writers (issues 16 and 18): CSV columns and the citations CSV, --bom, formula
injection, SQLite, links, the generator marker, TimelineJS escaping, and writers that never
crash on what the schema accepts. Timelines are built by hand here.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from pydantic import ValidationError

from sample_timelines import cite, event, small_timeline, when
from unionstate_timeline.models import DocumentInfo, Timeline, When
from unionstate_timeline.outputs import export
from unionstate_timeline.outputs.csvs import CITATION_COLUMNS, citations_csv, neutralise, to_csv
from unionstate_timeline.outputs.export import TEXT_FORMATS, render

URL = "https://example.org/news/1?a=1&b=(2)"
LONG_TITLE = "The parliaments of both states ratified " + "the long-awaited agreement " * 12


def _with_sources() -> Timeline:
    """The small timeline, with a URL on one document and a long event title."""
    base = small_timeline()
    docs = [d.model_copy(update={"url": URL}) if d.doc_id == "d1" else d for d in base.documents]
    long = event(
        "ev-long",
        "approval",
        LONG_TITLE,
        when("2019", "year", "2019-01-01", "2019-12-31", mod="END"),
        [cite("d1", 5, '=HYPERLINK("http://evil")'), cite("d3", 9, "@SUM(A1)")],
    )
    return base.model_copy(update={"documents": docs, "events": [*base.events, long]})


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def test_outputs_csv_has_mod_sources_and_whole_titles():
    rows = {r["event_id"]: r for r in _rows(to_csv(_with_sources()))}
    assert rows["ev-long"]["mod"] == "END" and rows["ev-long"]["title"] == LONG_TITLE
    assert rows["ev-treaty"]["outlets"] == "TASS"
    assert rows["ev-treaty"]["urls"] == URL
    assert rows["ev-sochi"]["titles"] == "Putin congratulates Lukashenko | Kremlin talks"


def test_outputs_citations_csv_one_row_per_event_and_citation():
    tl = _with_sources()
    text = citations_csv(tl, raw=True)
    assert tuple(next(csv.reader(io.StringIO(text)))) == CITATION_COLUMNS
    rows = _rows(text)
    assert len(rows) == sum(len(e.citations) for e in tl.events)
    treaty = [r for r in rows if r["event_id"] == "ev-treaty"]
    assert [r["doc_id"] for r in treaty] == ["d1", "d2"]
    first = treaty[0]
    assert (first["outlet"], first["url"], first["published"]) == ("TASS", URL, "2019-12-08")
    quote = tl.events[1].citations[0]
    assert (first["quote"], first["start"], first["end"]) == (
        quote.quote, str(quote.start), str(quote.end),
    )  # fmt: skip
    tricky = [r for r in rows if r["event_id"] == "ev-cancel"][0]
    assert "\n" in tricky["quote"]  # verbatim: text[start:end] == quote


def test_outputs_csv_bom_only_when_asked():
    tl = small_timeline()
    assert not render(tl, export.Format.csv).startswith("\ufeff")
    for table in ("events", "claims", "citations"):
        text = render(tl, export.Format.csv, table=table, bom=True)
        assert text.startswith("\ufeffevent_id" if table != "claims" else "\ufeffclaim_id")


@pytest.mark.parametrize("cell", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_outputs_csv_formula_cells_are_neutralised(cell: str):
    assert neutralise(cell) == "'" + cell


def test_outputs_csv_numbers_and_plain_text_are_untouched():
    for cell in ("-12", "-0.5", "31", "Putin", "", "1999-12-08"):
        assert neutralise(cell) == cell


def test_outputs_csv_injection_in_every_table_and_raw_option():
    tl = _with_sources()
    rows = _rows(citations_csv(tl))
    quotes = {r["quote"] for r in rows if r["event_id"] == "ev-long"}
    assert quotes == {'\'=HYPERLINK("http://evil")', "'@SUM(A1)"}
    events = {r["event_id"]: r for r in _rows(to_csv(tl))}
    assert events["ev-long"]["quotes"].startswith("'=")
    raw = _rows(render(tl, export.Format.csv, table="citations", raw_cells=True))
    assert {r["quote"] for r in raw if r["event_id"] == "ev-long"} == {
        '=HYPERLINK("http://evil")', "@SUM(A1)",
    }  # fmt: skip


def test_outputs_sqlite_tables_keys_and_full_text(tmp_path: Path):
    from unionstate_timeline.outputs.sqlite import write_sqlite

    tl = _with_sources()
    target = tmp_path / "timeline.db"
    write_sqlite(tl, target)
    db = sqlite3.connect(target)
    tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
    assert {"documents", "events", "citations", "claims", "citations_fts"} <= tables
    n_cites = sum(len(e.citations) for e in tl.events) + sum(len(c.citations) for c in tl.claims)
    assert db.execute("select count(*) from citations").fetchone()[0] == n_cites
    assert db.execute("select count(*) from events").fetchone()[0] == len(tl.events)
    pk = [r[1] for r in db.execute("pragma table_info(events)") if r[5]]
    assert pk == ["event_id"]
    fks = {(r[3], r[2]) for r in db.execute("pragma foreign_key_list(citations)")}
    assert {("event_id", "events"), ("doc_id", "documents"), ("claim_id", "claims")} <= fks
    hits = db.execute(
        "select c.event_id from citations c join citations_fts f on f.rowid = c.id "
        "where citations_fts match 'Sochi' order by c.event_id"
    ).fetchall()
    assert {h[0] for h in hits} == {"ev-sochi"}
    url = db.execute("select url from documents where doc_id = 'd1'").fetchone()[0]
    assert url == URL
    db.close()
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.db"]  # no temp files left


def test_outputs_md_and_html_citations_link_to_the_url():
    tl = _with_sources()
    md = export.to_md(tl)
    assert "](<https://example.org/news/1?a=1&b=%282%29>)" in md
    page = export.to_html(tl)
    assert 'href="https://example.org/news/1?a=1&amp;b=(2)"' in page
    js = json.loads(export.to_timelinejs(tl))
    assert any("href=" in e["text"]["text"] for e in js["events"])


def test_outputs_only_http_urls_become_links():
    base = small_timeline()
    docs = [d.model_copy(update={"url": "javascript:alert(1)"}) for d in base.documents]
    tl = base.model_copy(update={"documents": docs})
    assert "javascript:" not in export.to_md(tl)
    assert "javascript:" not in export.to_html(tl).split('id="event-data"')[0]
    assert "javascript:" not in export.to_timelinejs(tl)


def test_outputs_exports_carry_the_generator_marker():
    tl = small_timeline()
    assert export.to_md(tl).startswith(export.GENERATOR_COMMENT + "\n")
    assert f'<meta name="generator" content="{export.GENERATOR}">' in export.to_html(tl)
    assert json.loads(export.to_timelinejs(tl))["generator"] == export.GENERATOR


def test_outputs_timelinejs_escapes_what_it_renders_as_html():
    base = small_timeline()
    xss = event(
        "ev-xss",
        "meeting",
        "Talks <img src=x onerror=alert(1)> & more",
        when("2019-12-09", "day", "2019-12-09", "2019-12-09"),
        [cite("d1", 0, "<script>alert(2)</script>")],
    )
    tl = base.model_copy(update={"events": [*base.events, xss]})
    doc = json.loads(export.to_timelinejs(tl))
    entry = next(e for e in doc["events"] if e["unique_id"] == "ev-xss")
    assert entry["text"]["headline"] == "Talks &lt;img src=x onerror=alert(1)&gt; &amp; more"
    assert "<script>" not in entry["text"]["text"] and "<img" not in json.dumps(doc)


@pytest.mark.parametrize("bad", ["2019-02", "abcd", "2019-02-30", "20191208", "99999-01-01"])
def test_outputs_schema_wants_iso_days_for_start_and_end(bad: str):
    with pytest.raises(ValidationError):
        When(value="2019", start=bad, end="2019-12-31", precision="year", method="m", confidence=1)
    with pytest.raises(ValidationError):
        When(value="2019", start="2019-01-01", end=bad, precision="year", method="m", confidence=1)


def _edge_timeline() -> Timeline:
    """Hand-edited but schema-valid: the calendar's ends, swapped days, odd values."""
    events = [
        event("ev-end", "meeting", "At the end of time",
              when("9999-12-31", "day", "9999-12-31", "9999-12-31"), [cite("d1", 0, "x")]),
        event("ev-begin", "meeting", "At the start",
              when("0001-01-01", "day", "0001-01-01", "0001-01-01"), [cite("d1", 0, "y")]),
        event("ev-swap", "visit", "Swapped", when("2020", "year", "2020-12-31", "2020-01-01"),
              [cite("d1", 0, "z")]),
        event("ev-odd", "trade", "Odd value", when("abc/", "week", "2021-01-04", "2021-01-10"),
              [cite("nobody", 0, "w")]),
        event("ev-iv", "loan", "Open interval", when("2021/XXXX", "year", "2021-01-01",
              "9999-12-31"), [cite("d1", 0, "v")]),
        event("ev-dec", "other", "A decade to the end", when("999", "century", "9990-01-01",
              "9999-12-31"), [cite("d1", 0, "u")]),
    ]  # fmt: skip
    docs = [DocumentInfo(doc_id="d1", path="d1.txt", url="not a url", outlet="=cmd")]
    return Timeline(documents=docs, events=events)


def test_outputs_writers_never_crash_on_what_the_schema_accepts(tmp_path: Path):
    from unionstate_timeline.outputs.show import render_table
    from unionstate_timeline.outputs.sqlite import write_sqlite

    tl = Timeline.model_validate_json(export.to_json(_edge_timeline()))
    for fmt in TEXT_FORMATS:
        assert render(tl, fmt), fmt
    assert render(tl, export.Format.csv, table="citations")
    write_sqlite(tl, tmp_path / "edge.db")
    from rich.console import Console

    Console(file=io.StringIO(), width=80).print(render_table(tl))
