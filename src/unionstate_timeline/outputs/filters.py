"""The filters `show` and `export` share: date range, type, actor, sources, document, text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .present import doc_ids, source_count

if TYPE_CHECKING:
    from ..models import Citation, Claim, Event, Timeline, When


def parse_bound(text: str, *, end: bool) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD as the first (or, with end=True, last) day it names."""
    parts = text.strip().split("-")
    try:
        nums = [int(p) for p in parts]
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(nums[0], 12, 31) if end else date(nums[0], 1, 1)
        if len(parts) == 2 and len(parts[0]) == 4:
            first = date(nums[0], nums[1], 1)
            if not end:
                return first
            if nums[1] == 12:
                return date(nums[0], 12, 31)
            return date.fromordinal(date(nums[0], nums[1] + 1, 1).toordinal() - 1)
        if len(parts) == 3:
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")


def normalise_type(name: str) -> str:
    """A type as shown ("treaty signed") or as stored (treaty_signed) -> treaty_signed."""
    return "_".join(name.strip().casefold().replace("-", " ").split())


def overlaps(when: When | None, lo: date | None, hi: date | None) -> bool:
    """True when the days the value covers meet [lo, hi]; undated never does."""
    if lo is None and hi is None:
        return True
    if when is None or when.start is None or when.end is None:
        return False
    return (lo is None or when.end >= lo.isoformat()) and (
        hi is None or when.start <= hi.isoformat()
    )


@dataclass(frozen=True)
class Filters:
    """What to keep; every filter given must pass. Strings match case-insensitively as parts."""

    date_from: date | None = None
    date_to: date | None = None
    types: Sequence[str] | None = None
    actor: str | None = None
    min_sources: int = 1
    doc: str | None = None  # a doc_id (or part of it), or an outlet
    text: str | None = None  # in the title or any quote

    @property
    def active(self) -> bool:
        return self != Filters()

    def _cites(self, citations: list[Citation], outlets: dict[str, str]) -> bool:
        if self.doc is None:
            return True
        needle = self.doc.casefold()
        return any(
            needle in c.doc_id.casefold() or needle == outlets.get(c.doc_id, "").casefold()
            for c in citations
        )

    def _says(self, title: str, citations: list[Citation]) -> bool:
        if self.text is None:
            return True
        needle = self.text.casefold()
        return needle in title.casefold() or any(needle in c.quote.casefold() for c in citations)

    def events(self, events: Iterable[Event], outlets: dict[str, str] | None = None) -> list[Event]:
        needle = self.actor.casefold() if self.actor else None
        kinds = {normalise_type(t) for t in self.types or []}
        outlets = outlets or {}
        return [
            e for e in events
            if overlaps(e.when, self.date_from, self.date_to)
            and (not kinds or e.type in kinds)
            and (needle is None or any(needle in a.casefold() for a in e.actors))
            and source_count(e) >= self.min_sources
            and self._cites(e.citations, outlets)
            and self._says(e.title, e.citations)
        ]  # fmt: skip

    def claims(self, claims: Iterable[Claim], outlets: dict[str, str] | None = None) -> list[Claim]:
        """Claims follow the date, actor (who is quoted), source, document and text filters; a
        type filter is about events, so it keeps no claim."""
        if self.types:
            return []
        needle = self.actor.casefold() if self.actor else None
        outlets = outlets or {}
        return [
            c for c in claims
            if overlaps(c.as_of, self.date_from, self.date_to)
            and (needle is None or needle in (c.attributed_to or "").casefold())
            and len(doc_ids(c.citations)) >= self.min_sources
            and self._cites(c.citations, outlets)
            and self._says(c.subject, c.citations)
        ]  # fmt: skip

    def apply(self, timeline: Timeline) -> Timeline:
        """The timeline with only the entries that pass (documents kept, for their sources)."""
        if not self.active:
            return timeline
        outlets = {d.doc_id: d.outlet for d in timeline.documents if d.outlet}
        return timeline.model_copy(
            update={
                "events": self.events(timeline.events, outlets),
                "claims": self.claims(timeline.claims, outlets),
            }
        )
