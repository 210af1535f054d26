"""An undated headline joins the event its lead dates, when both tell one happening; a headline
of something else stays apart. Articles are written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionstate_timeline.pipeline import build

LEAD = (
    "The Ardenport port authority launched a new ferry line to Kelso Island on Monday, carrying "
    "340 passengers on the first crossing, a spokeswoman for the authority told reporters."
)


def _write(folder: Path, name: str, title: str) -> None:
    text = f"{title}\n\nPublished: Tuesday, March 9, 2021\n\n{LEAD}\n"
    (folder / f"{name}.txt").write_text(text, "utf-8")


@pytest.mark.model
def test_assemble_headline_joins_the_event_its_lead_dates(tmp_path: Path) -> None:
    _write(tmp_path, "port", "Port authority launches ferry line to Kelso")
    timeline = build([tmp_path])
    launched = [e for e in timeline.events if e.when and e.when.value == "2021-03-08"]
    assert len(launched) == 1
    quotes = [c.quote for c in launched[0].citations]
    assert quotes[0] == "Port authority launches ferry line to Kelso" and len(quotes) == 2
    assert "headline" in launched[0].merged_on
    assert all(e.when is not None for e in timeline.events)  # no undated copy of the headline


@pytest.mark.model
def test_assemble_headline_of_another_happening_stays_apart(tmp_path: Path) -> None:
    _write(tmp_path, "council", "Council approves harbour budget")
    timeline = build([tmp_path])
    headline = [e for e in timeline.events if e.citations[0].quote.startswith("Council")]
    assert len(headline) == 1 and headline[0].when is None
    assert all("headline" not in e.merged_on for e in timeline.events)
