"""Mentions grouped by the sentence that holds them: one bisect per mention, so a stage that
walks sentences never rescans every mention of the document for each sentence."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def by_sentence(
    starts: list[int], ends: list[int], items: Iterable[tuple[int, T]]
) -> list[list[T]]:
    """For each sentence k (half-open range starts[k]..ends[k], sorted, not overlapping), the
    items whose offset lies in it, in their input order; items outside every sentence are left
    out. Offsets are token or character offsets, as long as both sides use the same."""
    out: list[list[T]] = [[] for _ in starts]
    for offset, item in items:
        k = bisect_right(starts, offset) - 1
        if k >= 0 and offset < ends[k]:
            out[k].append(item)
    return out
