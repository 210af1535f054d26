"""Event ids across builds: the earliest source names an event, and a base timeline's ids are
carried over by shared citations (texts are the sample corpus, unchanged)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unionstate_timeline.assemble.ids import carry_ids
from unionstate_timeline.models import Citation, Event, Timeline, When
from unionstate_timeline.pipeline import build

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"


def _event(event_id: str, cites: list[tuple[str, int]], value: str = "2020-01-02") -> Event:
    return Event(
        event_id=event_id, type="meeting", title="t", status="occurred",
        when=When(value=value, start=value, end=value, precision="day", method="explicit",
                  confidence=1.0),
        citations=[Citation(doc_id=d, start=s, end=s + 1, quote="x") for d, s in cites],
        confidence=0.9,
    )  # fmt: skip


def test_assemble_ids_carried_by_shared_citations() -> None:
    base = Timeline(events=[_event("ev-old", [("a", 0)]), _event("ev-gone", [("b", 5)])])
    new = Timeline(events=[_event("ev-new", [("a", 0), ("c", 9)]), _event("ev-x", [("d", 1)])])
    out = carry_ids(new, base)
    assert [e.event_id for e in out.events] == ["ev-old", "ev-x"]


def test_assemble_ids_a_base_id_goes_to_one_event() -> None:
    base = Timeline(events=[_event("ev-old", [("a", 0), ("a", 10)])])
    new = Timeline(events=[_event("ev-1", [("a", 0)]), _event("ev-2", [("a", 10), ("b", 3)])])
    ids = [e.event_id for e in carry_ids(new, base).events]
    assert ids.count("ev-old") == 1 and len(set(ids)) == 2


@pytest.mark.model
def test_assemble_ids_three_then_five_keep_every_id(tmp_path: Path) -> None:
    names = sorted(p.name for p in RAW.glob("*.txt"))
    three, five = tmp_path / "three", tmp_path / "five"
    three.mkdir()
    five.mkdir()
    for name in names[:3]:
        shutil.copy(RAW / name, three / name)
    for name in names:
        shutil.copy(RAW / name, five / name)
    first = build([three])
    second = build([five])
    ids = {e.event_id for e in second.events}
    lost = [e for e in first.events if e.event_id not in ids]
    assert not lost, [(e.type, e.when and e.when.value, e.title) for e in lost]


@pytest.mark.model
def test_assemble_near_copies_give_no_more_entries_than_the_originals(tmp_path: Path) -> None:
    names = sorted(RAW.glob("*.txt"))
    for i in range(10):  # each sample twice, with a footer of its own: syndicated copies
        text = names[i % 5].read_text(encoding="utf-8")
        (tmp_path / f"copy{i:02d}.txt").write_text(text + f"\nArchive item {i}.\n", "utf-8")
    originals = build([RAW])
    copies = build([tmp_path])
    assert len(copies.events) == len(originals.events)
    assert sum(e.when is None for e in copies.events) == sum(
        e.when is None for e in originals.events
    )


@pytest.mark.model
def test_assemble_ids_from_an_earlier_build_through_the_cli(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from unionstate_timeline.cli import app

    runner = CliRunner()
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(RAW / sorted(p.name for p in RAW.glob("*.txt"))[0], folder / "a.txt")
    old = tmp_path / "old.json"
    assert runner.invoke(app, ["build", str(folder), "-o", str(old), "--no-cache"]).exit_code == 0
    earlier = json.loads(old.read_text())
    renamed = {e["event_id"]: f"ev-user-{k}" for k, e in enumerate(earlier["events"])}
    for e in earlier["events"]:  # ids a user keyed notes on, whatever their origin
        e["event_id"] = renamed[e["event_id"]]
    old.write_text(json.dumps(earlier), "utf-8")
    new = tmp_path / "new.json"
    args = ["build", str(folder), "-o", str(new), "--no-cache", "--ids-from", str(old)]
    assert runner.invoke(app, args).exit_code == 0
    assert {e["event_id"] for e in json.loads(new.read_text())["events"]} == set(renamed.values())
