"""Incremental builds: the per-document extraction cache and `build --base`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unionstate_timeline.cache import ExtractionCache, pipeline_version
from unionstate_timeline.cli import app
from unionstate_timeline.errors import IncrementalError
from unionstate_timeline.outputs.export import to_json
from unionstate_timeline.pipeline import BuildStats, build

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def reference() -> str:
    return to_json(build([RAW]))


def _count_annotate(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the texts sent to spaCy."""
    from unionstate_timeline.nlp import annotate as module

    calls: list[int] = []
    real = module.annotate

    def counting(texts, **kwargs):
        def counted():
            for text in texts:
                calls.append(1)
                yield text

        return real(counted(), **kwargs)

    monkeypatch.setattr(module, "annotate", counting)
    return calls


def test_cache_second_build_annotates_nothing_and_is_identical(tmp_path, reference, monkeypatch):
    first = to_json(build([RAW], cache=ExtractionCache(tmp_path)))
    calls = _count_annotate(monkeypatch)
    stats = BuildStats()
    second = to_json(build([RAW], cache=ExtractionCache(tmp_path), stats=stats))
    assert first == reference
    assert second == reference
    assert calls == []
    assert stats.cached == len(list(RAW.glob("*.txt")))


def test_cache_partial_hits_keep_input_order(tmp_path, reference, monkeypatch):
    cache = ExtractionCache(tmp_path)
    build([RAW], cache=cache)
    entries = sorted(cache.dir.glob("??/*.json"))
    for entry in entries[1::2]:
        entry.unlink()
    calls = _count_annotate(monkeypatch)
    again = ExtractionCache(tmp_path)
    assert to_json(build([RAW], cache=again)) == reference
    assert len(calls) == len(entries[1::2]) == again.misses


def test_cache_writes_no_temp_files_and_keys_by_version(tmp_path):
    cache = ExtractionCache(tmp_path)
    build([RAW], cache=cache)
    assert cache.dir.name == pipeline_version()
    assert not list(tmp_path.rglob("*.tmp"))
    assert len(list(cache.dir.glob("??/*.json"))) == len(list(RAW.glob("*.txt")))


def test_cache_survives_a_moved_folder(tmp_path, monkeypatch):
    moved = tmp_path / "moved"
    shutil.copytree(RAW, moved)
    build([RAW], cache=ExtractionCache(tmp_path / "cache"))
    calls = _count_annotate(monkeypatch)
    timeline = build([moved], cache=ExtractionCache(tmp_path / "cache"))
    assert calls == []
    assert all(d.path.startswith(str(moved)) for d in timeline.documents)


def test_cache_cli_base_adds_a_new_batch(tmp_path, reference):
    four, fifth = tmp_path / "four", tmp_path / "fifth"
    four.mkdir()
    fifth.mkdir()
    files = sorted(RAW.glob("*.txt"))
    for f in files[:-1]:
        shutil.copy(f, four)
    shutil.copy(files[-1], fifth)
    runner = CliRunner()
    cache = ["--cache", str(tmp_path / "cache")]
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    result = runner.invoke(app, ["build", str(four), "-o", str(old), *cache])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["build", str(fifth), "--base", str(old), "-o", str(new), *cache])
    assert result.exit_code == 0, result.output
    text = new.read_text(encoding="utf-8")
    for folder in (four, fifth):
        text = text.replace(str(folder), str(RAW))
    assert text == reference


def test_cache_base_needs_cached_documents(tmp_path):
    base = build([RAW])
    with pytest.raises(IncrementalError, match="not in the cache"):
        build([], cache=ExtractionCache(tmp_path), base=base)
    with pytest.raises(IncrementalError, match="needs the extraction cache"):
        build([], base=base)


def test_cache_cli_no_cache_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("UNIONSTATE_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, ["build", str(RAW), "--no-cache", "-o", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "cache").exists()


ARTICLE_A = (
    "Ministers of two neighbouring states met in the capital on Tuesday and agreed a new "
    "customs plan. The plan will take effect in March 2021, officials said.\n"
)
ARTICLE_B = "Parliament approved the joint budget on 14 May 2020 after a long debate.\n"


def test_cache_base_takes_its_own_folders_metadata_not_anothers(tmp_path):
    """Two folders hold one byte-identical article; only one has a manifest. An incremental
    build on the plain folder's timeline must not pick up the other folder's metadata."""
    plain, listed, extra = tmp_path / "plain", tmp_path / "listed", tmp_path / "extra"
    for folder in (plain, listed, extra):
        folder.mkdir()
    (plain / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (listed / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (listed / "manifest.csv").write_text(
        "file,published,outlet\na.txt,2020-11-17,Some Wire\n", encoding="utf-8"
    )
    (extra / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    shared = tmp_path / "cache"
    old = build([plain], cache=ExtractionCache(shared))
    build([listed], cache=ExtractionCache(shared))  # the later build of the other folder
    incremental = build([extra], cache=ExtractionCache(shared), base=old)
    full = build([plain, extra], cache=ExtractionCache(shared))
    assert to_json(incremental) == to_json(full)
    assert [d.outlet for d in incremental.documents if d.doc_id == "a"] == [None]


def test_cache_base_refuses_another_copys_metadata(tmp_path):
    """A base document under a path the cache never saw is matched only when the metadata agree."""
    plain, listed = tmp_path / "plain", tmp_path / "listed"
    for folder in (plain, listed):
        folder.mkdir()
        (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (listed / "manifest.csv").write_text("file,outlet\na.txt,Some Wire\n", encoding="utf-8")
    shared = tmp_path / "cache"
    old = build([plain], cache=ExtractionCache(shared))
    build([listed], cache=ExtractionCache(shared))
    elsewhere = [d.model_copy(update={"path": "/gone/a.txt"}) for d in old.documents]
    moved = old.model_copy(update={"documents": elsewhere})
    with pytest.raises(IncrementalError, match="not in the cache"):
        build([], cache=ExtractionCache(shared), base=moved)
    listed_old = build([listed], cache=ExtractionCache(shared))
    elsewhere = [d.model_copy(update={"path": "/gone/a.txt"}) for d in listed_old.documents]
    again = build(
        [],
        cache=ExtractionCache(shared),
        base=listed_old.model_copy(update={"documents": elsewhere}),
    )
    assert [d.outlet for d in again.documents] == ["Some Wire"]
