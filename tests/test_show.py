"""`timeline show`: date labels, filters, claims as series, an 80-column layout."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from sample_timelines import small_timeline, when
from unionstate_timeline.cli import app
from unionstate_timeline.models import Timeline
from unionstate_timeline.outputs.export import to_json
from unionstate_timeline.outputs.present import date_label
from unionstate_timeline.outputs.show import filter_events, parse_bound, render_table


@pytest.fixture
def timeline() -> Timeline:
    return small_timeline()


@pytest.fixture
def timeline_file(tmp_path: Path, timeline: Timeline) -> Path:
    path = tmp_path / "timeline.json"
    path.write_text(to_json(timeline), encoding="utf-8")
    return path


def _render(renderable: object, width: int = 80) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "precision", "mod", "label"),
    [
        ("1999-12-08", "day", None, "1999-12-08"),
        ("2021-09", "month", None, "2021-09"),
        ("2021-FA", "season", "END", "2021 (fall, late)"),
        ("2021-SU", "season", None, "2021 (summer)"),
        ("2021", "year", "END", "2021 (late)"),
        ("2021-Q3", "quarter", None, "2021-Q3"),
        ("199", "decade", None, "1990s"),
        ("XXXX-11-04", "day", None, "XXXX-11-04"),
        ("2021-09/2022-12", "month", None, "2021-09 – 2022-12"),
    ],
)
def test_show_date_label(value: str, precision: str, mod: str | None, label: str) -> None:
    assert date_label(when(value, precision, None, None, mod=mod)) == label


def test_show_date_label_undated() -> None:
    assert date_label(None) == "undated"


def test_show_parse_bound() -> None:
    assert parse_bound("2021", end=False) == date(2021, 1, 1)
    assert parse_bound("2021", end=True) == date(2021, 12, 31)
    assert parse_bound("2020-02", end=True) == date(2020, 2, 29)
    assert parse_bound("2021-12", end=True) == date(2021, 12, 31)
    assert parse_bound("2021-09-09", end=False) == date(2021, 9, 9)
    for bad in ("21", "2021-13", "yesterday", "2021-02-30"):
        with pytest.raises(ValueError, match="not a date"):
            parse_bound(bad, end=False)


def test_show_filters(timeline: Timeline) -> None:
    def ids(**kw: object) -> list[str]:
        return [e.event_id for e in filter_events(timeline.events, **kw)]  # type: ignore[arg-type]

    assert len(ids()) == len(timeline.events)
    # a span overlapping the range counts; undated never matches a date filter
    assert ids(date_from=date(2021, 10, 1)) == ["ev-approve", "ev-visit", "ev-loan"]
    assert ids(date_to=date(1995, 1, 1)) == ["ev-decade"]
    assert ids(types=["meeting"]) == ["ev-sochi", "ev-cancel", "ev-council"]
    assert ids(actor="lukash") == ["ev-sochi", "ev-cancel"]
    assert ids(min_sources=2) == ["ev-treaty", "ev-sochi"]


def test_show_table_fits_80_columns(timeline: Timeline) -> None:
    text = _render(render_table(timeline), width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    for needle in (
        "1999-12-08",
        "2021 (fall,",
        "XXXX-11-04",
        "undated",
        "Src",
        "treaty",
        "cancelled",
        "actors: Vladimir Putin",
        "⚠ conflict",
    ):
        assert needle in text, needle


def test_show_wide_terminal_has_actor_column(timeline: Timeline) -> None:
    text = _render(render_table(timeline), width=140)
    assert "Actors" in text and "actors:" not in text


def test_show_claims_as_series_by_as_of(timeline: Timeline) -> None:
    text = _render(render_table(timeline), width=100)
    assert "integration roadmaps (integration-roadmaps)" in text
    series = text.split("integration-roadmaps")[1]
    assert series.index("2019-12-08") < series.index("2019-12-10")
    assert "630,000,000" in text
    assert "integration roadmaps" not in _render(render_table(timeline, types=["meeting"]))


def test_show_cli(timeline_file: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["show", str(timeline_file), "--from", "2021", "--to", "2021-12"])
    assert result.exit_code == 0, result.output
    assert "Putin to visit Minsk" in result.stdout
    assert "Union State Treaty signed" not in result.stdout
    result = runner.invoke(
        app,
        [
            "show",
            str(timeline_file),
            "--type",
            "meeting",
            "--type",
            "visit",
            "--actor",
            "putin",
            "--min-sources",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Putin to visit Minsk" in result.stdout and "Sochi" in result.stdout


def test_show_cli_bad_options(timeline_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["show", str(timeline_file), "--from", "soon"]).exit_code == 2
    assert runner.invoke(app, ["show", str(timeline_file), "--type", "party"]).exit_code == 2
    assert runner.invoke(app, ["show", str(timeline_file), "--min-sources", "0"]).exit_code == 2
    # a path that does not exist is a usage error (2) in every command, as in `build`
    result = runner.invoke(app, ["show", str(tmp_path / "gone.json")])
    assert result.exit_code == 2 and "gone.json" in result.stderr
