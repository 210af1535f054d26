"""Shared fixtures: the sample corpus and one build of it (built once per session)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
ANNOTATED = ROOT / "data" / "annotated"

# Tests never write into the user's cache directory.
os.environ.setdefault("UNIONSTATE_CACHE_DIR", str(ROOT / ".pytest_cache" / "timeline-cache"))


@pytest.fixture(scope="session")
def sample_timeline():
    """The timeline of data/raw, built once with the English model."""
    from unionstate_timeline.pipeline import build

    return build([RAW])


@pytest.fixture(scope="session")
def raw_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))}


@pytest.fixture(scope="session")
def blank():  # type: ignore[no-untyped-def]
    """The blank pipeline (tokenizer, sentencizer, our components): no model needed."""
    from unionstate_timeline.nlp.annotate import get_nlp

    return get_nlp("blank")
