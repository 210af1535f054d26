"""Golden file: the whole timeline of data/raw, reviewed by hand.

Regenerate only on purpose, after reviewing the difference:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

GOLDEN = Path(__file__).parent / "golden" / "sample_timeline.json"


def _canonical(timeline) -> str:
    data = timeline.model_dump(mode="json")
    for doc in data["documents"]:
        doc["path"] = Path(doc["path"]).name  # independent of where the repo is checked out
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def test_golden_sample_timeline(sample_timeline):
    actual = _canonical(sample_timeline)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                "golden",
                "actual",
                n=2,
            )
        )
        pytest.fail(f"timeline differs from {GOLDEN.name}:\n{diff[:6000]}")
