"""TimeML reading and the TempEval-3 Task A scorer, and `timeline eval --timeml`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unionstate_timeline.cli import app
from unionstate_timeline.errors import InputError
from unionstate_timeline.evaluation.tempeval import score_tempeval
from unionstate_timeline.evaluation.timeml import TimemlTimex, parse_timeml, read_timeml_dir
from unionstate_timeline.models import Timex

FIXTURE = Path(__file__).parent / "data" / "timeml"


def _tx(start: int, end: int, text: str, type_: str = "DATE", value: str = "2003") -> Timex:
    return Timex(start=start, end=end, text=text, type=type_, value=value)  # type: ignore[arg-type]


def test_timeml_reader_offsets_point_into_the_plain_text():
    doc = read_timeml_dir(FIXTURE)[0]
    assert doc.doc_id == "tiny"
    assert doc.dct == "2003-05-14" and str(doc.dct_date) == "2003-05-14"
    assert "<" not in doc.text and "met on Monday" in doc.text
    assert [doc.text[t.start : t.end] for t in doc.timexes] == [
        "Monday",
        "next month",
        "three years",
    ]
    assert [t.value for t in doc.timexes] == ["2003-05-12", "2003-06", "P3Y"]


def test_timeml_reader_leaves_the_creation_time_out_of_the_timexes():
    doc = parse_timeml(
        '<TimeML><TEXT>On <TIMEX3 tid="t0" type="DATE" value="1999-01-02" '
        'functionInDocument="CREATION_TIME">Jan 2</TIMEX3> it rained.</TEXT></TimeML>'
    )
    assert doc.dct == "1999-01-02" and doc.timexes == []
    assert doc.text == "On Jan 2 it rained."


def test_timeml_reader_reports_a_broken_file(tmp_path):
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>oops</TimeML>", encoding="utf-8")
    with pytest.raises(InputError):
        read_timeml_dir(tmp_path)


def test_tempeval_scores_strict_relaxed_and_attribute_f1():
    gold_doc = parse_timeml(
        "<TimeML><TEXT>"
        '<TIMEX3 tid="t1" type="DATE" value="2003-W20">this week</TIMEX3> and '
        '<TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3> and '
        '<TIMEX3 tid="t3" type="DATE" value="2001">2001</TIMEX3>'
        "</TEXT></TimeML>",
        "d",
    )
    text = gold_doc.text
    system = [
        _tx(0, 9, "this week", value="2003-W20"),  # exact, right value
        _tx(10, 22, "and two days", "DURATION", "P3D"),  # overlapping, wrong value
        _tx(text.index(" and 2001"), text.index(" and 2001") + 4, " and", value="X"),  # spurious
    ]
    s = score_tempeval("project", [gold_doc], {"d": system})
    assert (s.strict.tp, s.strict.predicted, s.strict.gold) == (1, 3, 3)
    assert s.relaxed.tp == 2 and s.relaxed.f1 == pytest.approx(2 / 3, abs=1e-4)
    assert s.type.accuracy == 1.0 and s.value.accuracy == 0.5
    assert s.value_f1 == pytest.approx(round(s.relaxed.f1 * 0.5, 4))
    kinds = sorted(d.kind for d in s.disagreements)
    assert kinds == ["missed", "span", "spurious"]


def test_tempeval_gold_timex_is_taken_once():
    gold_doc = parse_timeml(
        '<TimeML><TEXT><TIMEX3 type="DATE" value="2003">2003</TIMEX3></TEXT></TimeML>'
    )
    gold = TimemlTimex(0, 4, "2003", "DATE", "2003")
    assert gold_doc.timexes[0] == TimemlTimex(0, 4, "2003", "DATE", "2003", "", None) == gold
    s = score_tempeval("x", [gold_doc], {"doc": [_tx(0, 4, "2003"), _tx(0, 2, "20")]})
    assert s.relaxed.tp == 1 and s.relaxed.predicted == 2


@pytest.mark.model
def test_cli_eval_timeml_scores_the_fixture():
    result = CliRunner().invoke(
        app, ["eval", "--timeml", str(FIXTURE), "--no-baseline", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 1 and report["gold_timexes"] == 3
    assert report["baseline"] is None
    project = report["project"]
    assert project["strict"]["gold"] == 3
    assert project["relaxed"]["tp"] == 3 and project["value"]["correct"] == 3


def test_cli_eval_needs_a_gold_dir_or_timeml():
    result = CliRunner().invoke(app, ["eval"])
    assert result.exit_code == 2
