"""The Dask engine gives the same timeline as the single-process build."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionstate_timeline.outputs.export import to_json
from unionstate_timeline.pipeline import build

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"


@pytest.mark.model
@pytest.mark.slow
def test_distributed_local_cluster_is_byte_identical():
    pytest.importorskip("distributed")
    from unionstate_timeline.distributed import build_dask

    seen: list[int] = []
    # partitions of two files, so the work is spread over both workers
    timeline = build_dask([RAW], workers=2, partition_size=2, progress=seen.append)
    assert to_json(timeline) == to_json(build([RAW]))
    assert sum(seen) == len(list(RAW.glob("*.txt")))
