"""Robustness: a corpus of bad inputs builds, every bad file is reported once, output is safe."""

from __future__ import annotations

import json
import os
import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from unionstate_timeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
RAW = ROOT / "data" / "raw"
GOOD = ("000_065e5666339aa224", "004_f8ba06bd442cb53f")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

runner = CliRunner()

# doc_id -> reason of every file the bad corpus must report as skipped
SKIPPED = {
    "manifest.jsonl": "malformed manifest: line 2 is not JSON (Expecting value)",
    "articles/line-2": "line 2 is not JSON (Expecting value)",
    "articles/no-text": "line 3 has no 'text' string",
    "articles/line-4": "line 4 has no 'text' string",
    "broken": "not valid JSON (Expecting ',' delimiter at line 1)",
    "empty": "empty file",
    "whitespace_only": "empty file",
    "binary": "binary file (contains NUL bytes)",
    "huge": "too big (25,000,000 bytes; the limit is 20,971,520 bytes, see --max-bytes)",
    "loop": "symlink loop",
    "sub/back": "symlink loop (links to a folder already read)",
    "bad_utf16": "invalid UTF-16 (truncated data)",
}
# doc_id -> reason kept on a document that is read (status "ok")
WARNED = {
    "cp1251": "not UTF-8; decoded as Windows-1251",
    "future_published": "published date 2999-01-01 is in the future; ignored",
    "scraped_page": "published date 'not a date' is not a date; ignored",
}


def bad_corpus(tmp_path: Path) -> Path:
    """tests/data/bad plus the inputs that cannot live in git: binary, huge, links, locked."""
    root = tmp_path / "bad"
    shutil.copytree(BAD, root)
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with (root / "huge.txt").open("wb") as fh:  # sparse: costs no disk, still over the limit
        fh.truncate(25_000_000)
    (root / "utf16.txt").write_bytes(
        b"\xff\xfe"
        + "UTF-16 article\n\nThe ministry said talks would continue.\n".encode("utf-16-le")
    )
    (root / "bad_utf16.txt").write_bytes(b"\xff\xfeA\x00B")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "sub").mkdir()
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    if not IS_ROOT:
        (root / "locked.txt").write_text("You cannot read me.", "utf-8")
        (root / "locked.txt").chmod(0)
    return root


def skipped_reasons() -> dict[str, str]:
    out = dict(SKIPPED)
    if not IS_ROOT:
        out["locked"] = "permission denied"
    return out


@pytest.mark.model
def test_robustness_bad_corpus_builds_and_lists_every_skipped_file(tmp_path: Path):
    root = bad_corpus(tmp_path)
    out = tmp_path / "timeline.json"
    result = runner.invoke(app, ["build", str(root), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    timeline = json.loads(out.read_text("utf-8"))
    docs = {d["doc_id"]: d for d in timeline["documents"]}
    expected = skipped_reasons()
    skipped = {k: d["reason"] for k, d in docs.items() if d["status"] == "skipped"}
    assert skipped == expected
    lines = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    assert len(lines) == len(expected)  # each bad file reported once
    for doc_id, reason in expected.items():
        assert any(line.endswith(f": {reason}") for line in lines), (doc_id, reason)
    for doc_id, reason in WARNED.items():
        assert docs[doc_id]["status"] == "ok" and docs[doc_id]["reason"] == reason
    # exact duplicate kept once, with the other path recorded
    assert "copy_of_000" not in docs
    assert docs[GOOD[0]]["also_at"] == [str(root / "copy_of_000.txt")]
    assert docs["utf16"]["status"] == "ok" and docs["utf8_bom"]["status"] == "ok"
    # impossible dates flagged, not placed on the timeline
    reason = docs["impossible_dates"]["reason"]
    assert "impossible years: 'year 20019'" in reason
    assert "'31 February 2019'" in reason
    whens = {e["when"]["value"] for e in timeline["events"] if e["when"]}
    assert not any(v.startswith(("2019-02-31", "20019")) for v in whens)
    # warnings are listed with --verbose
    verbose = runner.invoke(app, ["build", str(root), "-o", str(out), "--verbose"])
    assert verbose.exit_code == 0
    for reason in WARNED.values():
        assert reason in verbose.output
    strict = runner.invoke(app, ["build", str(root), "-o", str(tmp_path / "s.json"), "--strict"])
    assert strict.exit_code == 3
    assert (tmp_path / "s.json").exists()


def _events_citing(timeline: dict, doc_ids: set[str]) -> dict[str, tuple]:
    out = {}
    for e in timeline["events"]:
        cites = sorted(
            (c["doc_id"], c["start"], c["end"]) for c in e["citations"] if c["doc_id"] in doc_ids
        )
        if cites:
            out[e["event_id"]] = (e["type"], e["when"], e["status"], cites)
    return out


@pytest.mark.model
def test_robustness_good_articles_give_the_same_events_as_alone(tmp_path: Path):
    from unionstate_timeline.pipeline import build

    root = bad_corpus(tmp_path)
    alone = tmp_path / "alone"
    alone.mkdir()
    for name in GOOD:
        shutil.copy(RAW / f"{name}.txt", alone / f"{name}.txt")
    with_bad = build([root]).model_dump(mode="json")
    on_their_own = build([alone]).model_dump(mode="json")
    assert _events_citing(with_bad, set(GOOD)) == _events_citing(on_their_own, set(GOOD))


@pytest.mark.model
def test_robustness_internal_error_skips_one_document(tmp_path: Path, monkeypatch):
    import unionstate_timeline.extract.document as extract_module

    real = extract_module.extract

    def flaky(doc, spacy_doc):
        if doc.info.doc_id.startswith("002"):
            raise ValueError("boom")
        return real(doc, spacy_doc)

    monkeypatch.setattr(extract_module, "extract", flaky)
    out = tmp_path / "t.json"
    # no cache: a cached extraction would not run the failing extractor at all
    result = runner.invoke(app, ["build", str(RAW), "-o", str(out), "--verbose", "--no-cache"])
    assert result.exit_code == 0, result.output
    docs = {d["doc_id"]: d for d in json.loads(out.read_text("utf-8"))["documents"]}
    assert docs["002_484c683cf57c04f4"]["status"] == "skipped"
    assert docs["002_484c683cf57c04f4"]["reason"] == "internal error: ValueError: boom"
    assert sum(d["status"] == "ok" for d in docs.values()) == 4
    assert "Traceback" in result.output  # --verbose shows the details
    quiet = runner.invoke(app, ["build", str(RAW), "-o", str(out), "--no-cache"])
    assert "Traceback" not in quiet.output


# --- output safety (no model: these fail before or instead of the build) -------------------------


def test_robustness_refuses_to_overwrite_an_input(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("An article.", "utf-8")
    for target in (article, tmp_path / "a.txt"):
        result = runner.invoke(app, ["build", str(tmp_path), "-o", str(target)])
        assert result.exit_code == 2
        assert "refusing to overwrite it" in result.output
    result = runner.invoke(app, ["build", str(article), "-o", str(article)])
    assert result.exit_code == 2
    assert article.read_text("utf-8") == "An article."


def test_robustness_missing_input_is_a_usage_error(tmp_path: Path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


@pytest.mark.parametrize("where", ["missing/t.json", "."])
def test_robustness_unwritable_output_exit_5(tmp_path: Path, where: str):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("An article.", "utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "-o", str(tmp_path / where)])
    assert result.exit_code == 5
    assert result.output.startswith("error: ")
    assert "Traceback" not in result.output


def test_robustness_no_readable_article_exit_3(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", "utf-8")
    out = tmp_path / "out" / "t.json"
    out.parent.mkdir()
    result = runner.invoke(app, ["build", str(tmp_path / "empty.txt"), "-o", str(out)])
    assert result.exit_code == 3
    assert "no readable articles" in result.output
    assert not out.exists()


def _fake_build(exc: BaseException):
    def run(*args, **kwargs):
        raise exc

    return run


def test_robustness_interrupted_build_leaves_previous_output(tmp_path: Path, monkeypatch):
    import unionstate_timeline.pipeline as pipeline

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("An article.", "utf-8")
    out = tmp_path / "t.json"
    out.write_text("previous", "utf-8")
    monkeypatch.setattr(pipeline, "build", _fake_build(KeyboardInterrupt()))
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_text("utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "t.json"]


def test_robustness_failed_write_leaves_previous_output(tmp_path: Path, monkeypatch):
    from unionstate_timeline.outputs.export import write_atomic

    out = tmp_path / "t.json"
    out.write_text("previous", "utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    from unionstate_timeline.errors import OutputError

    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(out, "new content")
    assert out.read_text("utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]


# --- merge order independence --------------------------------------------------------------------


@lru_cache(maxsize=1)
def _raw_extractions() -> tuple:
    from unionstate_timeline.models import Document
    from unionstate_timeline.pipeline import assemble, extract_documents
    from unionstate_timeline.reading.load import iter_documents

    docs = [d for d in iter_documents([RAW]) if isinstance(d, Document)]
    extractions = tuple(extract_documents(docs))
    return extractions, assemble(extractions, []).model_dump_json()


@pytest.mark.model
@settings(max_examples=20, deadline=None)
@given(st.randoms(use_true_random=False))
def test_robustness_merge_order_independent(rnd):
    from unionstate_timeline.pipeline import assemble

    extractions, reference = _raw_extractions()
    shuffled = list(extractions)
    rnd.shuffle(shuffled)
    assert assemble(shuffled, []).model_dump_json() == reference


def _name_independent(timeline: dict, rename: dict[str, str]) -> dict:
    """The build with doc ids mapped back; dated events, documents and claims only.

    Titles and undated events are left out: merge breaks ties between equally good mentions
    by doc_id, so those can change when files are renamed (same names -> same output still).
    """
    text = json.dumps(timeline, sort_keys=True)
    for new, old in rename.items():
        text = text.replace(new, old)
    data = json.loads(text)
    for doc in data["documents"]:
        doc["path"] = Path(doc["path"]).name
    for entry in data["events"] + data["claims"]:  # citations are listed in doc_id order
        entry["citations"].sort(key=lambda c: json.dumps(c, sort_keys=True))
        for c in entry.get("conflicts", []):
            c["doc_ids"].sort()
            c["values"].sort()
    events = sorted(
        json.dumps({k: v for k, v in e.items() if k != "title"}, sort_keys=True)
        for e in data["events"]
        if e["when"]
    )
    return {
        "documents": sorted(data["documents"], key=lambda d: d["doc_id"]),
        "events": events,
        "claims": data["claims"],
    }


@pytest.mark.model
def test_robustness_file_names_do_not_change_dated_events(tmp_path: Path):
    from unionstate_timeline.pipeline import build

    names = sorted(p.stem for p in RAW.glob("*.txt"))
    runs = []
    for order in (names, names[::-1]):
        folder = tmp_path / f"run{len(runs)}"
        folder.mkdir()
        rename = {}
        for rank, name in enumerate(order):
            new = f"{chr(ord('a') + rank)}{name[3:]}"  # "000_065e..." -> "e_065e...": new order
            shutil.copy(RAW / f"{name}.txt", folder / f"{new}.txt")
            rename[new] = name
        runs.append(_name_independent(build([folder]).model_dump(mode="json"), rename))
    assert runs[0] == runs[1]
