"""Hostile inputs for the global stages (anchor, merge): one expression or document that cannot
be placed on the calendar costs only itself, never the batch. Texts are written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unionstate_timeline.cli import app
from unionstate_timeline.models import TimexMention
from unionstate_timeline.temporal.anchor import resolve_all
from unionstate_timeline.temporal.parse import parse_expression as parse

runner = CliRunner()

RANGE_THEN_ANAPHOR = (
    "Fair in Lyon\n\nThe trade fair was held in Lyon on June 29-30, 2019. "
    "A year later the organisers met again in Nice.\n"
)
GOOD = "Talks in Oslo\n\nThe ministers met in Oslo on March 3, 2020, officials said.\n"


def _mention(text: str, start: int = 0) -> TimexMention:
    return TimexMention(
        start=start, end=start + len(text), text=text, type="DATE", parse=parse(text) or {}
    )


@pytest.mark.model
def test_hostile_range_then_year_later_builds(tmp_path: Path) -> None:
    (tmp_path / "fair.txt").write_text(RANGE_THEN_ANAPHOR, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "t.json"
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    values = {e["when"]["value"] for e in json.loads(out.read_text())["events"] if e["when"]}
    assert "2020" in values  # "a year later" from the range's first day
    assert "2020-03-03" in values


def test_hostile_anaphor_after_an_interval_resolves() -> None:
    whens, flags = resolve_all(
        [_mention("June 29-30, 2019"), _mention("a year later", 30)], dct=None
    )
    assert not flags
    assert whens[1] is not None and whens[1].value == "2020"


@pytest.mark.parametrize("text", ["100000000 days ago", "10000000 days later"])
def test_hostile_offsets_off_the_calendar_are_flagged(text: str) -> None:
    from datetime import date

    first = _mention("March 3, 2020")
    whens, flags = resolve_all([first, _mention(text, 20)], dct=date(2020, 3, 4))
    assert whens[0] is not None and whens[0].value == "2020-03-03"
    assert whens[1] is None  # never a wrapped or clipped date


_TWO_DATES_ONE_SENTENCE = """
from unionstate_timeline.assemble.clusters import Cluster, Item
from unionstate_timeline.assemble.merge import _event
from unionstate_timeline.models import Citation, EventMention, When
quote = "On Monday, June 7, the boards met, their third meeting this month."
def item(text):
    when = When(value="2021-06-07", start="2021-06-07", end="2021-06-07", precision="day",
                text=text, method="explicit", confidence=1.0)
    mention = EventMention(doc_id="d", type="meeting", title="The boards met", trigger="met",
                           status="occurred", sent_start=0, sent_end=len(quote))
    cite = Citation(doc_id="d", start=0, end=len(quote), quote=quote, date_text=text)
    return Item(mention, when, cite, None, "d")
for texts in (["Monday, June 7", "this month"], ["this month", "Monday, June 7"]):
    print([c.date_text for c in _event(Cluster([item(t) for t in texts]), []).citations])
"""


def test_hostile_citations_of_one_sentence_have_one_order() -> None:
    """Two dates in one sentence give two citations of it: their order is the same in every
    run (never the order of a set of strings, which changes with the hash seed)."""
    import os
    import subprocess
    import sys

    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _TWO_DATES_ONE_SENTENCE], env=env,
                              capture_output=True, text=True, check=True)  # fmt: skip
        outputs.add(done.stdout)
    assert outputs == {"['Monday, June 7', 'this month']\n" * 2}
