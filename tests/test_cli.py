"""The CLI through typer.testing.CliRunner: help texts, build, schema, tag."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from unionstate_timeline.cli import app
from unionstate_timeline.models import Timeline

runner = CliRunner()


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_cli_every_command_has_help_text():
    names = command_names()
    assert {"build", "schema", "tag"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert len(result.output.strip().splitlines()) > 3, name


def test_cli_help_does_not_import_heavy_libraries():
    code = (
        "import sys, unionstate_timeline.cli as c; "
        "print(any(m in sys.modules for m in ('spacy', 'dateparser', 'dask')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_schema_is_json_schema_of_the_contract():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema == Timeline.model_json_schema() or schema["title"] == "Timeline"


def test_cli_build_missing_path_is_reported_not_a_traceback(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "t.json")])
    assert "Traceback" not in result.output
    assert "nope" in result.output


@pytest.mark.model
def test_cli_build_writes_a_valid_timeline(tmp_path):
    from conftest import RAW

    out = tmp_path / "timeline.json"
    result = runner.invoke(app, ["build", str(RAW), "-o", str(out)])
    assert result.exit_code == 0, result.output
    timeline = Timeline.model_validate_json(out.read_text(encoding="utf-8"))
    assert len(timeline.documents) == 5
    assert re.search(r"5 documents read, 0 skipped, \d+ events", result.output)


@pytest.mark.model
def test_cli_build_csv_to_stdout():
    from conftest import RAW

    result = runner.invoke(app, ["build", str(RAW / "000_065e5666339aa224.txt"), "-f", "csv"])
    assert result.exit_code == 0
    assert "1999-12-08" in result.output


@pytest.mark.model
def test_cli_tag_json_offsets_and_values(tmp_path):
    text = (
        "MOSCOW, December 10. /TASS/. Peskov said on Tuesday the talks on December 20 will go on."
    )
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["tag", str(path), "--dct", "2019-12-10"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    for t in found:
        assert text[t["start"] : t["end"]] == t["text"]
    values = {t["text"]: t["value"] for t in found}
    assert values["Tuesday"] == "2019-12-10"
    assert values["December 20"] == "2019-12-20"


@pytest.mark.model
def test_cli_tag_timeml_leaves_the_text_identical(tmp_path):
    text = "Officials met on 4 November & agreed <quietly> to meet again in 2022."
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["tag", str(path), "-f", "timeml"])
    assert result.exit_code == 0
    assert '<TIMEX3 tid="t1" type="DATE" value="XXXX-11-04">4 November</TIMEX3>' in result.output
    import html

    stripped = re.sub(r"</?TIMEX3[^>]*>|</?TimeML>\n?", "", result.output).strip("\n")
    assert html.unescape(stripped) == text


def test_cli_tag_bad_dct_is_a_usage_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("text", encoding="utf-8")
    result = runner.invoke(app, ["tag", str(path), "--dct", "yesterday"])
    assert result.exit_code == 2
