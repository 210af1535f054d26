"""Interpreter settings for the stages that build many long-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block.

    The global stages allocate hundreds of thousands of records that all stay alive until the
    timeline is written; each full collection walks every one of them, so with the collector
    on, a stage's time per document grows with the corpus. The records hold no reference
    cycles (reference counting frees what they drop), so nothing waits for the collector.
    Nested use and an already paused collector are left as they are.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
