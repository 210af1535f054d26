"""`timeline diff`: added, removed, changed (by id and by date + shared citation), equal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sample_timelines import cite, event, small_timeline, sort_events, when
from unionstate_timeline.cli import app
from unionstate_timeline.models import Conflict, DocumentInfo, Event, Timeline
from unionstate_timeline.outputs.diff import dates_compatible, diff, to_json, to_md, to_table
from unionstate_timeline.outputs.export import to_json as timeline_json


@pytest.fixture
def old() -> Timeline:
    return small_timeline()


def _replace(t: Timeline, event_id: str, **changes: object) -> Timeline:
    events = [e.model_copy(update=changes) if e.event_id == event_id else e for e in t.events]
    return t.model_copy(update={"events": sort_events(events)})


def _write(tmp_path: Path, name: str, t: Timeline) -> str:
    path = tmp_path / name
    path.write_text(timeline_json(t), encoding="utf-8")
    return str(path)


def test_diff_equal(old: Timeline) -> None:
    d = diff(old, small_timeline())
    assert d.equal and d.unchanged == len(old.events)
    assert not d.added and not d.removed and not d.changed


def test_diff_added_and_removed(old: Timeline) -> None:
    new_event = event(
        "ev-new",
        "visit",
        "Lukashenko visits Moscow",
        when("2022-03-01", "day", "2022-03-01", "2022-03-01"),
        [cite("d4", 5, "Lukashenko visited Moscow on March 1.")],
    )
    events = [e for e in old.events if e.event_id != "ev-decade"] + [new_event]
    docs = [*old.documents, DocumentInfo(doc_id="d4", path="raw/d4.txt")]
    new = old.model_copy(update={"events": sort_events(events), "documents": docs})
    d = diff(old, new)
    assert [e.event_id for e in d.added] == ["ev-new"]
    assert [e.event_id for e in d.removed] == ["ev-decade"]
    assert d.documents_added == ["d4"] and not d.changed and not d.equal


def test_diff_changed_by_id(old: Timeline) -> None:
    loan = next(e for e in old.events if e.event_id == "ev-loan")
    new = _replace(
        old,
        "ev-loan",
        status="occurred",
        citations=[*loan.citations, cite("d4", 10, "Russia lent Belarus $630 million.")],
        conflicts=[Conflict(field="value", values=["630", "640"], doc_ids=["d3", "d4"])],
    )
    d = diff(old, new)
    assert [c.event_id for c in d.changed] == ["ev-loan"]
    change = d.changed[0]
    assert change.matched_by == "id"
    assert change.kinds == ["status", "citations", "conflicts"]
    assert "status planned → occurred" in change.changes
    assert "1 new citation (d4)" in change.changes
    assert "new conflict on value: 630 vs 640" in change.changes
    assert d.unchanged == len(old.events) - 1


def test_diff_changed_by_date_and_citation(old: Timeline) -> None:
    # the approval gets a day instead of "late 2021", so its stable id changes too
    approve = next(e for e in old.events if e.event_id == "ev-approve")
    sharper = approve.model_copy(update={
        "event_id": "ev-approve-2", "when": when("2021-12-03", "day", "2021-12-03", "2021-12-03"),
    })  # fmt: skip
    events = [sharper if e.event_id == "ev-approve" else e for e in old.events]
    d = diff(old, old.model_copy(update={"events": sort_events(events)}))
    assert not d.added and not d.removed
    (change,) = d.changed
    assert (change.old_event_id, change.event_id) == ("ev-approve", "ev-approve-2")
    assert change.matched_by == "date+citation"
    assert change.changes == ["date made more precise: 2021 (late) → 2021-12-03"]


def test_diff_no_match_without_shared_citation(old: Timeline) -> None:
    approve = next(e for e in old.events if e.event_id == "ev-approve")
    other = approve.model_copy(update={
        "event_id": "ev-approve-2", "when": when("2021-12-03", "day", "2021-12-03", "2021-12-03"),
        "citations": [cite("d9", 0, "Another article.")],
    })  # fmt: skip
    events = [other if e.event_id == "ev-approve" else e for e in old.events]
    d = diff(old, old.model_copy(update={"events": sort_events(events)}))
    assert [e.event_id for e in d.added] == ["ev-approve-2"]
    assert [e.event_id for e in d.removed] == ["ev-approve"]


def test_diff_dates_compatible() -> None:
    year = when("2021", "year", "2021-01-01", "2021-12-31")
    day = when("2021-12-03", "day", "2021-12-03", "2021-12-03")
    other_year = when("2022", "year", "2022-01-01", "2022-12-31")
    nodate = when("XXXX-11-04", "day", None, None)
    assert dates_compatible(year, day) and dates_compatible(day, year)
    assert not dates_compatible(other_year, day)
    assert dates_compatible(nodate, nodate) and not dates_compatible(nodate, day)
    assert dates_compatible(None, None) and not dates_compatible(None, day)


def test_diff_claims(old: Timeline) -> None:
    claims = [c for c in old.claims if c.claim_id != "cl-pct"]
    claims[0] = claims[0].model_copy(update={"attributed_to": "Someone else"})
    d = diff(old, old.model_copy(update={"claims": claims}))
    assert [c.claim_id for c in d.claims_removed] == ["cl-pct"]
    assert [c.claim_id for c in d.claims_changed] == [claims[0].claim_id]
    assert not d.equal


def _changed_pair(old: Timeline) -> Timeline:
    new_event: Event = event(
        "ev-new",
        "trade",
        "Trade grew",
        when("2023", "year", "2023-01-01", "2023-12-31"),
        [cite("d2", 1500, "Bilateral trade rose by 9.2%.")],
    )
    new = _replace(old, "ev-visit", status="occurred")
    return new.model_copy(update={"events": sort_events([*new.events, new_event])})


def test_diff_renderers(old: Timeline) -> None:
    d = diff(old, _changed_pair(old))
    data = json.loads(to_json(d))
    assert data["equal"] is False and data["summary"].startswith("1 added, 0 removed, 1 changed")
    assert [e["event_id"] for e in data["added"]] == ["ev-new"]
    md = to_md(d)
    assert "## Added" in md and "## Changed" in md and "status expected → occurred" in md
    assert "## Removed" not in md
    from rich.console import Console

    console = Console(width=80, record=True, color_system=None)
    console.print(to_table(d))
    text = console.export_text()
    assert "Trade grew" in text and "status expected → occurred" in text


def test_diff_cli_exit_codes(tmp_path: Path, old: Timeline) -> None:
    runner = CliRunner()
    a = _write(tmp_path, "a.json", old)
    b = _write(tmp_path, "b.json", _changed_pair(old))
    same = runner.invoke(app, ["diff", a, a])
    assert same.exit_code == 0 and "no differences" in same.stdout
    for fmt in ("table", "json", "md"):
        result = runner.invoke(app, ["diff", a, b, "-f", fmt])
        assert result.exit_code == 1, (fmt, result.output)
        assert "Trade grew" in result.stdout
    assert json.loads(runner.invoke(app, ["diff", a, b, "-f", "json"]).stdout)["added"]
    missing = runner.invoke(app, ["diff", a, str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "nope.json" in missing.stderr  # usage error, as in build


@pytest.mark.model
def test_diff_fifth_article_adds_exactly_its_events(
    sample_timeline: Timeline, tmp_path: Path
) -> None:
    """A build of four sample articles against all five: only what the fifth brings shows."""
    import shutil

    from unionstate_timeline.pipeline import build

    raw = Path(__file__).resolve().parent.parent / "data" / "raw"
    files = sorted(raw.glob("*.txt"))
    four_dir = tmp_path / "raw"
    four_dir.mkdir()
    for f in files[:-1]:
        shutil.copy(f, four_dir / f.name)
    fifth = files[-1].stem
    d = diff(build([four_dir]), sample_timeline)
    assert d.documents_added == [fifth] and not d.documents_removed
    assert not d.removed
    touched = {
        e.event_id for e in sample_timeline.events if any(c.doc_id == fifth for c in e.citations)
    }
    assert touched
    assert {e.event_id for e in d.added} | {c.event_id for c in d.changed} == touched
    assert all("citations" in c.kinds for c in d.changed)
