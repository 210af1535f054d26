"""Fuzz load -> build over random Unicode with injected dates, numbers and control characters:
every file ends as a document or a skipped entry with a reason, and the timeline serialises.
A few examples in CI; `make fuzz` runs many more (FUZZ_EXAMPLES)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
PIECES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "March 3, 2020",
            "yesterday",
            "100000000 days ago",
            "9999-12-31",
            "0001-01-01",
            "December 8, 20019",
            "on Friday",
            "June 29-30, 2019. A year later",
            "Q3 2021",
        ]
    ),  # fmt: skip
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["\x00", "\x1b[31m", "\r", "\u202e", "\ufeff", "\ud83d", "\n\n", "\x0c"]),
)
ARTICLE = st.lists(PIECES, min_size=1, max_size=12).map(" ".join)


@pytest.mark.model
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(texts=st.lists(ARTICLE, min_size=1, max_size=3), record=ARTICLE)
def test_hostile_fuzz_load_build(texts: list[str], record: str) -> None:
    from unionstate_timeline.outputs.export import to_json
    from unionstate_timeline.pipeline import BuildStats, build

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, text in enumerate(texts):
            (folder / f"f{i}.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
        (folder / "r.jsonl").write_text(json.dumps({"id": "r", "text": record}) + "\n", "utf-8")
        stats = BuildStats()
        timeline = build([folder], stats=stats)
        json.loads(to_json(timeline))
        seen = {d.doc_id for d in timeline.documents}
        seen |= {Path(p).stem for d in timeline.documents for p in d.also_at}  # identical bytes
        assert {f"f{i}" for i in range(len(texts))} <= seen | {s.doc_id for s in stats.skipped}
        for info in stats.skipped:
            assert info.reason
