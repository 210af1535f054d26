"""Where the HTML page puts each mark: an axis over the years with events, lanes for labels.

Marks are placed in Python (pixels, deterministic) so the page needs no layout library and
reads the same with scripts off. Years with no event are collapsed into a narrow break, so a
1999 treaty and a 2021 summit share one axis without 20 empty years between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import Event
from .present import is_interval

GAP_PX = 36  # width of a collapsed run of empty years
CHART_PX = 1200  # target width shared out among the shown years
YEAR_MIN_PX, YEAR_MAX_PX = 64.0, 900.0
LANE_PX = 26
LABEL_MAX_PX = 240
CHAR_PX = 6.6  # average width of a 12px sans-serif character, for packing labels
# Long spans (a decade, 1918-1920) should not force every year between them onto the axis.
FILL_YEARS_UP_TO = 3


@dataclass(frozen=True)
class Placed:
    event: Event
    x0: float
    x1: float
    lane: int
    label_left: bool = False  # near the right edge the label goes before the mark


class Axis:
    """Piecewise-linear map from days to pixels over the years that have events.

    Each shown year has its own width (busy years get more room); runs of empty years between
    them collapse into a GAP_PX break.
    """

    def __init__(self, widths: dict[int, float]) -> None:
        self.years: dict[int, tuple[float, float]] = {}  # year -> (x of Jan 1, width)
        self.gaps: list[tuple[int, int, float]] = []  # (first hidden year, last, x of gap)
        x = GAP_PX / 2
        prev: int | None = None
        for y in sorted(widths):
            if prev is not None and y != prev + 1:
                self.gaps.append((prev + 1, y - 1, x))
                x += GAP_PX
            self.years[y] = (x, widths[y])
            x += widths[y]
            prev = y
        self.first, self.last = min(widths), max(widths)
        self.width = x + GAP_PX / 2

    def x(self, day: date, *, end: bool = False) -> float:
        """Pixel of the start of day (of its end when end=True)."""
        if day.year in self.years:
            x0, width = self.years[day.year]
            year_start = date(day.year, 1, 1)
            days = (date(day.year, 12, 31) - year_start).days + 1  # no year 10000 to subtract
            return x0 + width * ((day - year_start).days + (1 if end else 0)) / days
        for first, last, x0 in self.gaps:
            if first <= day.year <= last:
                return x0 + GAP_PX * (day.year - first + 0.5) / (last - first + 1)
        return 0.0 if day.year < self.first else self.width


def _days(e: Event) -> tuple[date, date] | None:
    if e.when is None or e.when.start is None or e.when.end is None:
        return None
    try:
        a, b = date.fromisoformat(e.when.start), date.fromisoformat(e.when.end)
        return (a, b) if a <= b else (b, a)  # a hand-edited file may have them swapped
    except ValueError:
        return None


def _year_widths(spans: list[tuple[date, date]]) -> dict[int, float]:
    """Width of each shown year: a share of CHART_PX by its number of events, within bounds."""
    weight: dict[int, int] = {}
    for a, b in spans:
        if b.year - a.year <= FILL_YEARS_UP_TO:
            for y in range(a.year, b.year + 1):
                weight.setdefault(y, 1)
        else:
            weight.setdefault(a.year, 1)
            weight.setdefault(b.year, 1)
        if a.year == b.year:
            weight[a.year] += 1
    # Quiet years get YEAR_MIN_PX; the rest of CHART_PX is shared by weight among busy years.
    quiet: set[int] = set()
    while True:
        room = CHART_PX - YEAR_MIN_PX * len(quiet)
        total = sum(w for y, w in weight.items() if y not in quiet)
        share = {y: room * w / total for y, w in weight.items() if y not in quiet}
        newly = {y for y, px in share.items() if px < YEAR_MIN_PX}
        if not newly or len(quiet | newly) == len(weight):
            break
        quiet |= newly
    return {
        y: YEAR_MIN_PX if y in quiet else max(YEAR_MIN_PX, min(YEAR_MAX_PX, share[y]))
        for y in weight
    }


def is_point(e: Event) -> bool:
    return e.when is not None and e.when.precision == "day" and not is_interval(e.when)


def layout(events: list[Event]) -> tuple[Axis | None, list[Placed], list[Event]]:
    """Axis, placed marks (lane-packed so labels never overlap), and the undated events."""
    dated = [(e, d) for e in events if (d := _days(e)) is not None]
    undated = [e for e in events if _days(e) is None]
    if not dated:
        return None, [], undated
    axis = Axis(_year_widths([d for _, d in dated]))
    lanes_end: list[float] = []
    placed = []
    items = sorted(
        ((axis.x(a), axis.x(b, end=True), e) for e, (a, b) in dated), key=lambda t: t[0]
    )  # stable: ties keep the timeline's order
    for x0, x1, e in items:
        if is_point(e):
            x0, x1 = x0 - 6, x0 + 6
        x1 = max(x1, x0 + 4)
        label = 8 + min(LABEL_MAX_PX, CHAR_PX * len(e.title)) + 10
        left = x1 + label > axis.width
        begin, reach = (x0 - label, x1 + 4) if left else (x0, x1 + label)
        lane = next((i for i, end in enumerate(lanes_end) if end <= begin), len(lanes_end))
        if lane == len(lanes_end):
            lanes_end.append(reach)
        lanes_end[lane] = reach
        placed.append(Placed(e, x0, x1, lane, left))
    return axis, placed, undated
