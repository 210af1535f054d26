"""Hostile cache entries and output targets: an entry that is not what its key names, or not a
file at all, is a miss; an output never replaces a device or an input. Texts written for tests."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unionstate_timeline.cache import ExtractionCache
from unionstate_timeline.cli import app
from unionstate_timeline.models import DocExtraction
from unionstate_timeline.reading.document import make_document

runner = CliRunner()


def _extraction(doc_id: str, text: str) -> DocExtraction:
    return DocExtraction(doc=make_document(doc_id, f"{doc_id}.txt", text), years_past=[2020])


@pytest.fixture
def cache(tmp_path: Path) -> ExtractionCache:
    return ExtractionCache(tmp_path / "cache", model="blank")


def _entry(cache: ExtractionCache, x: DocExtraction) -> Path:
    return cache._entry(cache.key(x.doc))


def test_hostile_cache_swapped_entries_are_misses(cache: ExtractionCache) -> None:
    a, b = _extraction("a", "First text, 2019."), _extraction("b", "Second text, 2020.")
    cache.put(a)
    cache.put(b)
    ea, eb = _entry(cache, a), _entry(cache, b)
    da, db = ea.read_bytes(), eb.read_bytes()
    ea.write_bytes(db)  # valid entries, each in the other's place
    eb.write_bytes(da)
    assert cache.get(a.doc) is None and cache.get(b.doc) is None
    assert cache.find(a.doc.info) is None
    cache.put(a)
    assert cache.get(a.doc) == a


def test_hostile_cache_altered_entry_is_a_miss(cache: ExtractionCache) -> None:
    a = _extraction("a", "First text, 2019.")
    cache.put(a)
    entry = _entry(cache, a)
    entry.write_bytes(entry.read_bytes().replace(b"[2020]", b"[2021]"))  # still valid JSON
    assert cache.get(a.doc) is None


def test_hostile_cache_fifo_entry_does_not_block(cache: ExtractionCache) -> None:
    a = _extraction("a", "First text, 2019.")
    entry = _entry(cache, a)
    entry.parent.mkdir(parents=True)
    os.mkfifo(entry)
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(cache.get(a.doc)), daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert not reader.is_alive(), "reading a FIFO cache entry blocked"
    assert found == [None]
    cache.put(a)  # the FIFO is replaced by a real entry
    assert stat.S_ISREG(entry.stat().st_mode) and cache.get(a.doc) == a


def test_hostile_output_over_the_input_manifest_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The port reopened on April 2, 2021.\n", "utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,title\na.txt,Port\n", "utf-8")
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(manifest)])
    assert result.exit_code == 2
    assert "refusing to overwrite" in result.output
    assert manifest.read_text("utf-8") == "file,title\na.txt,Port\n"


def test_hostile_output_to_a_fifo_writes_through_it(tmp_path: Path) -> None:
    from unionstate_timeline.outputs.export import write_atomic

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join(timeout=5)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_hostile_output_to_a_device_keeps_the_device(tmp_path: Path) -> None:
    from unionstate_timeline.errors import OutputError
    from unionstate_timeline.outputs.export import write_atomic

    null, full = tmp_path / "null", tmp_path / "full"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null and /dev/full are
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    write_atomic(null, "nothing\n")
    assert stat.S_ISCHR(null.stat().st_mode)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(full, "nothing\n")
    assert stat.S_ISCHR(full.stat().st_mode)
