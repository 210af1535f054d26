"""The report of `timeline eval`: what `evaluate.score_system` returns for each system.

`-f json` prints `EvalReport` with sorted keys; the field names here are that output's contract.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Report(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PRF(_Report):
    """Counts with precision, recall and F1; a ratio is null when its denominator is 0."""

    tp: int = Field(description="True positives (one-to-one matches).")
    predicted: int = Field(description="System items scored.")
    gold: int = Field(description="Gold items.")
    precision: float | None = Field(description="tp / predicted.")
    recall: float | None = Field(description="tp / gold.")
    f1: float | None = Field(description="2 tp / (predicted + gold).")


class Accuracy(_Report):
    """How many of n compared items were right."""

    n: int = Field(description="Items compared.")
    correct: int = Field(description="Items that agree with the gold.")
    accuracy: float | None = Field(description="correct / n; null when n is 0.")


class PublishedItem(_Report):
    doc_id: str = Field(description="Article.")
    gold: str | None = Field(description="Gold publication date value, or null.")
    predicted: str | None = Field(description="System publication date value, or null.")
    correct: bool = Field(description="Equal values (null == null is right).")


class PublishedScore(Accuracy):
    """Publication-date accuracy over every gold document.

    A partial value (the year, or XXXX-12-08) where the gold is null counts as right: the text
    does not fix the day, and the system did not claim one.
    """

    stated: int = Field(0, description="Documents whose text fixes the date (gold not null).")
    found: int = Field(0, description="Of those, how many the system dated exactly.")
    wrong_days: int = Field(0, description="Full days given that differ from the gold or that "
                            "the text does not support (gold null).")  # fmt: skip
    left_open: int = Field(0, description="Documents given no day (null or a partial value).")
    items: list[PublishedItem] = Field(description="One row per gold document.")


class EventItem(_Report):
    """A missed gold event or a false-positive system event, with where to look."""

    doc_id: str = Field(description="Article.")
    id: str = Field(description="Gold event id (misses) or system event_id (false positives).")
    type: str = Field(description="Event type.")
    value: str | None = Field(description="TIMEX3 value of its date.")
    start: int = Field(description="Offset of the quote in the article.")
    end: int = Field(description="End offset of the quote.")
    quote: str = Field(description="The sentence (gold quote or the system's citation).")
    hint: str = Field(description="What the other side has in this sentence.")


class EventScore(_Report):
    scores: PRF
    missed: list[EventItem]
    false_positives: list[EventItem]


class DateError(_Report):
    """A system event aligned with a gold event (same sentence) but dated differently."""

    doc_id: str
    gold_id: str
    event_id: str
    type: str = Field(description="Gold event type.")
    gold_value: str
    predicted_value: str
    quote: str = Field(description="Gold quote.")


class EventDates(Accuracy):
    """Date-value accuracy on events aligned by doc + overlapping quote (+ type when typed)."""

    wrong: list[DateError] = Field(description="Every aligned pair whose values differ.")


class SupportedDates(Accuracy):
    """Dated citations whose date the cited text supports: a gold timex inside the citation has
    the event's value, a gold event of that sentence has it, or (lead convention) it is the
    gold publication date. Counts what is wrong, not what the gold happens to list."""

    unsupported: list[EventItem] = Field(
        description="Every dated citation the text does not support."
    )


class ClaimItem(_Report):
    doc_id: str
    id: str = Field(description="Gold claim id (misses) or system claim_id (false positives).")
    value: float
    unit: str
    qualifier: str | None
    quote: str


class ClaimScore(PRF):
    """Claims matched on doc + value; unit and qualifier agreement on the matches."""

    unit_agreement: Accuracy
    qualifier_agreement: Accuracy
    missed: list[ClaimItem]
    false_positives: list[ClaimItem]


class MergeGroup(_Report):
    group: str = Field(description="Gold group slug.")
    members: int = Field(description="Gold events in the group.")
    matched: int = Field(
        description="Members aligned with a system event (doc + type + overlapping citation)."
    )
    event_ids: list[str] = Field(
        description="Distinct system events the matched members landed in."
    )
    one_event: bool = Field(description="At least 2 members matched, all in one system event.")
    complete: bool = Field(description="one_event and every member matched.")


class OvermergedEvent(_Report):
    event_id: str = Field(description="The system event.")
    gold: list[str] = Field(
        description="The real-world events it holds: gold groups, or doc_id/event id where the "
        "gold has no group (a corpus without cross-document gold: read them to tell one "
        "happening told twice from an over-merge)."
    )
    quotes: list[str] = Field(description="The cited sentences of those gold events.")


class MergeScore(_Report):
    groups: int = Field(description="Gold groups (cross-article events).")
    one_event: int = Field(description="Groups whose matched members form exactly one event.")
    complete: int = Field(description="Groups fully matched and merged into one event.")
    split: int = Field(description="Groups whose matched members landed in 2+ system events.")
    overmerged_events: int = Field(
        description="System events holding gold events of 2+ different real-world events."
    )
    items: list[MergeGroup]
    overmerged: list[OvermergedEvent] = Field(
        default_factory=list, description="The overmerged_events, each with what it holds."
    )


class TimexScore(_Report):
    strict: PRF = Field(description="Exact span matches.")
    relaxed: PRF = Field(description="Overlapping span matches.")
    value: Accuracy = Field(description="Value accuracy on the relaxed matches.")


class Timing(_Report):
    """Wall-clock time of one tagger over the gold documents (after an untimed warm-up)."""

    docs: int = Field(description="Documents tagged.")
    seconds: float = Field(description="Seconds, rounded to milliseconds.")
    docs_per_second: float | None = Field(description="docs / seconds.")


class SystemReport(_Report):
    """Every score of one system."""

    system: str = Field(description="project or baseline.")
    notes: list[str] = Field(description="How this row was computed.")
    event_match: Literal["type+date", "date"] = Field(
        description="Criterion of missed_events / false_positive_events."
    )
    published: PublishedScore
    events: PRF | None = Field(description="doc + type + date value; null for the baseline.")
    events_date_only: PRF = Field(description="doc + date value, type ignored.")
    event_dates: EventDates
    supported_dates: SupportedDates | None = Field(
        None, description="Precision of dated citations against what the text supports."
    )
    undated_events: int = Field(description="System events without a date (not scored).")
    claims: ClaimScore
    merges: MergeScore | None = Field(description="Null when the system does not merge.")
    merges_dated: MergeScore | None = Field(
        None,
        description="The same over group members whose gold value is a known date, in "
        "groups dated by two or more sources (what one timeline entry can hold).",
    )
    timexes: TimexScore
    tagger: Timing = Field(description="Time spent tagging temporal expressions.")
    build_seconds: float | None = Field(description="Time spent building the timeline.")
    missed_events: list[EventItem]
    false_positive_events: list[EventItem]


class GoldCounts(_Report):
    documents: int = Field(description="Gold documents.")
    published: int = Field(description="Documents whose gold publication date is not null.")
    events: int
    claims: int
    timexes: int
    groups: int = Field(description="Cross-article event groups.")


class EvalReport(_Report):
    """The whole output of `timeline eval`."""

    report_version: str = Field("1", description="Version of this report's shape.")
    gold_dir: str
    raw_dir: str
    timeline: str | None = Field(description="Timeline file read, or null when built from raw_dir.")
    gold: GoldCounts
    project: SystemReport
    baseline: SystemReport


# --- TempEval-3 Task A on TimeML files -----------------------------------------------------------


class TimexDisagreement(_Report):
    """One place where the system and the TimeML gold differ."""

    doc_id: str
    kind: Literal["missed", "spurious", "span", "type", "value"] = Field(
        description="missed: no system timex overlaps; spurious: no gold one does; span: "
        "overlapping but not the same extent; type/value: the same extent, other attribute."
    )
    start: int = Field(description="Offset of the gold timex (of the system one if spurious).")
    gold_text: str | None = None
    gold_type: str | None = None
    gold_value: str | None = None
    system_text: str | None = None
    system_type: str | None = None
    system_value: str | None = None


class TempEvalScore(_Report):
    """TempEval-3 Task A figures of one system, micro-averaged over the documents."""

    system: str = Field(description="project or baseline.")
    strict: PRF = Field(description="Same extent.")
    relaxed: PRF = Field(description="Overlapping extent, one-to-one.")
    type: Accuracy = Field(description="Type accuracy on the relaxed matches.")
    value: Accuracy = Field(description="Value accuracy on the relaxed matches.")
    type_f1: float | None = Field(description="Relaxed F1 x type accuracy (the TE3 attribute F1).")
    value_f1: float | None = Field(
        description="Relaxed F1 x value accuracy (the TE3 attribute F1)."
    )
    tagger: Timing
    disagreements: list[TimexDisagreement]


class TimemlReport(_Report):
    """The output of `timeline eval --timeml DIR`."""

    report_version: str = Field("1", description="Version of this report's shape.")
    timeml_dir: str
    documents: int
    gold_timexes: int = Field(description="Gold TIMEX3s, the creation time excluded.")
    notes: list[str]
    project: TempEvalScore
    baseline: TempEvalScore | None = Field(description="Null when run with --no-baseline.")
