"""Small hand-built timelines for the show/export/diff tests (no pipeline, no spaCy model).

They cover every shape an export must handle: day, month, season with a modifier, year, decade,
an A/B interval, a year-less XXXX value, an undated event, every status, a conflict, and quotes
with commas, quotes, pipes, newlines and HTML.
"""

from __future__ import annotations

from unionstate_timeline.models import (
    Citation,
    Claim,
    Conflict,
    DocumentInfo,
    Event,
    Timeline,
    When,
)

PRECISION_ORDER = ["century", "decade", "year", "half", "quarter", "season", "month", "week", "day"]


def when(value: str, precision: str, start: str | None, end: str | None, **kw: object) -> When:
    return When(
        value=value,
        start=start,
        end=end,
        precision=precision,
        method="explicit",
        confidence=kw.pop("confidence", 1.0),
        **kw,
    )  # type: ignore[arg-type]


def cite(doc: str, start: int, quote: str, date_text: str | None = None) -> Citation:
    return Citation(
        doc_id=doc, start=start, end=start + len(quote), quote=quote, date_text=date_text
    )


def event(
    event_id: str, type_: str, title: str, w: When | None, citations: list[Citation], **kw: object
) -> Event:
    return Event(
        event_id=event_id,
        type=type_,
        title=title,
        when=w,  # type: ignore[arg-type]
        status=kw.pop("status", "occurred"),
        citations=citations,
        confidence=kw.pop("confidence", 0.9),
        **kw,
    )  # type: ignore[arg-type]


def sort_events(events: list[Event]) -> list[Event]:
    """The contract's order: by start (unknown last), coarser precision first, then id."""

    def key(e: Event) -> tuple[bool, str, int, str]:
        start = e.when.start if e.when else None
        prec = e.when.precision if e.when else "unknown"
        rank = PRECISION_ORDER.index(prec) if prec in PRECISION_ORDER else len(PRECISION_ORDER)
        return (start is None, start or "", rank, e.event_id)

    return sorted(events, key=key)


TRICKY = 'He said: "31 roadmaps, | 20 ready" <b>&amp;</b> </script><script>alert(1)</script>\nok.'


def small_timeline() -> Timeline:
    docs = [
        DocumentInfo(
            doc_id="d1",
            path="raw/d1.txt",
            title="Putin congratulates Lukashenko",
            outlet="TASS",
            published=when("2019-12-08", "day", "2019-12-08", "2019-12-08"),
        ),
        DocumentInfo(doc_id="d2", path="raw/d2.txt", title=None, outlet=None),
        DocumentInfo(doc_id="d3", path="raw/d3.txt", title="Kremlin talks", outlet="Meduza"),
    ]
    events = [
        event(
            "ev-treaty",
            "treaty_signed",
            "Union State Treaty signed",
            when("1999-12-08", "day", "1999-12-08", "1999-12-08", text="December 8, 1999"),
            [
                cite("d1", 100, "The presidents signed the Treaty on December 8, 1999."),
                cite("d2", 40, "The treaty, signed on December 8, 1999, set up the Union State."),
            ],
            actors=["Russia", "Belarus"],
            confidence=0.99,
        ),
        event(
            "ev-decade",
            "other",
            "Talks on integration began",
            when("199", "decade", "1990-01-01", "1999-12-31"),
            [cite("d2", 300, "Integration talks began in the 1990s.")],
        ),
        event(
            "ev-sochi",
            "meeting",
            "Putin and Lukashenko meet in Sochi",
            when("2019-12", "month", "2019-12-01", "2019-12-31"),
            [
                cite("d1", 500, "Putin and Lukashenko met in Sochi."),
                cite("d3", 20, "The leaders met in Sochi on December 8."),
            ],
            actors=["Vladimir Putin", "Alexander Lukashenko"],
            places=["Sochi"],
            conflicts=[
                Conflict(field="when", values=["2019-12-07", "2019-12-08"], doc_ids=["d1", "d3"])
            ],
        ),
        event(
            "ev-cancel",
            "meeting",
            "Meeting on December 20",
            when("2019-12-20", "day", "2019-12-20", "2019-12-20"),
            [cite("d3", 200, TRICKY)],
            status="cancelled",
            actors=["Vladimir Putin", "Alexander Lukashenko"],
        ),
        event(
            "ev-approve",
            "approval",
            "Union programmes to be approved",
            when("2021", "year", "2021-01-01", "2021-12-31", mod="END"),
            [cite("d3", 400, "The programmes will be approved by the end of the year.")],
            status="planned",
            actors=["Supreme State Council"],
        ),
        event(
            "ev-visit",
            "visit",
            "Putin to visit Minsk",
            when("2021-FA", "season", "2021-09-01", "2021-11-30", mod="END"),
            [cite("d3", 600, "Putin will likely visit Minsk in the late fall.")],
            status="expected",
            actors=["Vladimir Putin"],
            places=["Minsk"],
        ),
        event(
            "ev-loan",
            "loan",
            "Russian loans to Belarus",
            when("2021-09/2022-12", "month", "2021-09-01", "2022-12-31"),
            [
                cite(
                    "d3", 700, "Russia will lend $630 million from September 2021 to December 2022."
                )
            ],
            status="planned",
            actors=["Russia", "Belarus"],
        ),
        event(
            "ev-council",
            "meeting",
            "Supreme State Council session",
            when("XXXX-11-04", "day", None, None),
            [cite("d2", 10, "At a session of the Supreme State Council on 4 November ...")],
        ),
        event(
            "ev-undated",
            "agreement",
            "Agreement on taxation",
            None,
            [cite("d2", 900, "Countries agreed on common principles of taxation.")],
        ),
    ]
    claims = [
        Claim(
            claim_id="cl-8",
            series="integration-roadmaps",
            subject="integration roadmaps",
            value=8,
            unit="roadmaps",
            qualifier="not agreed",
            attributed_to="Vladimir Semashko",
            as_of=when("2019-12-10", "day", "2019-12-10", "2019-12-10"),
            citations=[cite("d3", 1000, "The parties have not coordinated eight of 31 roadmaps.")],
        ),
        Claim(
            claim_id="cl-31",
            series="integration-roadmaps",
            subject="integration roadmaps",
            value=31,
            unit="roadmaps",
            qualifier="total",
            as_of=when("2019-12-08", "day", "2019-12-08", "2019-12-08"),
            citations=[cite("d1", 1200, "The program includes 31 roadmaps.")],
        ),
        Claim(
            claim_id="cl-usd",
            series="loans",
            subject="Russian loans to Belarus",
            value=630_000_000,
            unit="USD",
            qualifier="around",
            attributed_to="Vladimir Putin",
            as_of=when("2021-09/2022-12", "month", "2021-09-01", "2022-12-31"),
            citations=[cite("d3", 700, "Russia will lend $630 million.")],
        ),
        Claim(
            claim_id="cl-pct",
            series="trade-growth",
            subject="bilateral trade growth",
            value=9.2,
            unit="percent",
            qualifier="growth",
            as_of=None,
            citations=[cite("d2", 1500, "Bilateral trade rose by 9.2%.")],
        ),
    ]
    return Timeline(documents=docs, events=sort_events(events), claims=claims)
