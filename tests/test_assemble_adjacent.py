"""One happening that two outlets date a day apart (a night's event told by two clocks, a
weekday resolved from the next day's report), and the cases that must stay two entries.
Articles are written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionstate_timeline.assemble.adjacent import join_adjacent
from unionstate_timeline.assemble.clusters import Cluster, Item
from unionstate_timeline.models import Citation, EventMention, When
from unionstate_timeline.pipeline import build

HEADER = "{title}\n\nPublished: {published}\n\n"


def _write(folder: Path, name: str, title: str, body: str, published: str) -> None:
    text = HEADER.format(title=title, published=published) + body + "\n"
    (folder / f"{name}.txt").write_text(text, "utf-8")


def _shared(timeline, *docs: str):
    return [e for e in timeline.events if {c.doc_id for c in e.citations} >= set(docs)]


@pytest.mark.model
def test_assemble_adjacent_night_event_told_by_two_clocks_is_one(tmp_path: Path) -> None:
    _write(tmp_path, "local", "Quake shakes Varno coast",
           "A magnitude 6.4 earthquake struck the Varno coast near Lisk at 23:40 local time on "
           "March 3, 2022, the Varno seismic office said.",
           "Friday, March 4, 2022")  # fmt: skip
    _write(tmp_path, "wire", "Strong tremor off Varno",
           "A 6.4 magnitude quake hit near Lisk on the Varno coast early on March 4, 2022 GMT, "
           "the Varno seismic office reported.",
           "Friday, March 4, 2022")  # fmt: skip
    timeline = build([tmp_path])
    joined = _shared(timeline, "local", "wire")
    assert len(joined) == 1
    ev = joined[0]
    assert "adjacent-day" in ev.merged_on
    assert [c.values for c in ev.conflicts if c.field == "when"] == [["2022-03-03", "2022-03-04"]]


@pytest.mark.model
def test_assemble_adjacent_two_days_without_strong_evidence_stay_apart(tmp_path: Path) -> None:
    # the same kind of happening on consecutive days, told with explicit days and no clock:
    # nothing says one outlet's day is off
    _write(tmp_path, "north", "Quake in Lisk",
           "A magnitude 5.1 earthquake struck Lisk on March 3, 2022, the seismic office said.",
           "Friday, March 4, 2022")  # fmt: skip
    _write(tmp_path, "south", "Quake in Lisk",
           "A magnitude 4.2 earthquake struck Lisk on March 4, 2022, the seismic office said.",
           "Saturday, March 5, 2022")  # fmt: skip
    timeline = build([tmp_path])
    assert _shared(timeline, "north", "south") == []


def _cluster(doc: str, day: str, quote: str, method: str = "explicit") -> Cluster:
    mention = EventMention(doc_id=doc, type="other", title=quote, trigger="struck",
                           status="occurred", sent_start=0, sent_end=len(quote))  # fmt: skip
    when = When(value=day, start=day, end=day, precision="day", method=method, confidence=1.0)
    cite = Citation(doc_id=doc, start=0, end=len(quote), quote=quote, date_text=day)
    return Cluster([Item(mention, when, cite, day, doc)])


QUAKE = "A magnitude 5.9 earthquake struck Lisk on the Varno coast at 22:15, {who} said."
MORNING = "A magnitude 5.9 quake struck Lisk on the Varno coast at 04:15 GMT, {who} said."


def test_assemble_adjacent_one_partner_a_day_away_joins() -> None:
    evening = _cluster("office", "2022-03-03", QUAKE.format(who="the seismic office"))
    morning = _cluster("wire", "2022-03-04", MORNING.format(who="the seismic office"))
    joined = join_adjacent([evening, morning])
    assert len(joined) == 1 and "adjacent-day" in joined[0].merged_on


def test_assemble_adjacent_a_night_event_with_two_candidates_joins_neither() -> None:
    # two reports of the evening before (kept apart here), and the next morning's report that
    # could be either: it joins neither, and they are not joined through it
    office = _cluster("office", "2022-03-03", QUAKE.format(who="the seismic office"))
    institute = _cluster("institute", "2022-03-03", QUAKE.format(who="the geology institute"))
    morning = _cluster("wire", "2022-03-04", MORNING.format(who="the seismic office"))
    assert len(join_adjacent([office, institute, morning])) == 3


def test_assemble_adjacent_a_report_of_both_days_keeps_them_apart() -> None:
    # the wire itself tells a quake on each day: the other outlet's evening quake is not its
    # morning one
    office = _cluster("office", "2022-03-03", QUAKE.format(who="the seismic office"))
    first = _cluster("wire", "2022-03-03", QUAKE.format(who="the observatory"))
    second = _cluster("wire", "2022-03-04", MORNING.format(who="the observatory"))
    joined = join_adjacent([office, first, second])
    assert not any("adjacent-day" in c.merged_on for c in joined)


@pytest.mark.model
def test_assemble_adjacent_two_named_weekdays_are_two_days(tmp_path: Path) -> None:
    # the vote on one named day, its result early on the next: each outlet means its own day
    _write(tmp_path, "vote", "Mayor Orsen wins",
           "Mayor Dana Orsen defeated her rival Pim Kale in Sunday's city election, the "
           "Lisk electoral office said.",
           "Monday, March 7, 2022")  # fmt: skip
    _write(tmp_path, "count", "Orsen declared winner",
           "Mayor Dana Orsen won the city election against Pim Kale early on Monday, the Lisk "
           "electoral office said.",
           "Monday, March 7, 2022")  # fmt: skip
    timeline = build([tmp_path])
    assert not any("adjacent-day" in e.merged_on for e in _shared(timeline, "vote", "count"))
