"""Typed data models passed between pipeline stages, and the timeline.json contract.

Every model is frozen and forbids unknown fields, so `timeline schema` documents the contract
exactly and a typo in a downstream file is an error rather than silently ignored data.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "1.0"
ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"  # When.start/end: the days writers compute with

Precision = Literal[
    "day", "week", "month", "season", "quarter", "half", "year", "decade", "century", "unknown"
]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Status = Literal["occurred", "planned", "expected", "cancelled"]
EventType = Literal[
    "treaty_signed",
    "treaty_in_force",
    "meeting",
    "agreement",
    "approval",
    "statement",
    "message",
    "visit",
    "loan",
    "trade",
    "launch",
    "decision",
    "other",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]


# One set of given field names per distinct set, shared by every record that has it (`_Model`)
_GIVEN: dict[frozenset[str], set[str]] = {}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def model_post_init(self, context: Any, /) -> None:
        """Records are frozen, so their set of given fields never changes: they share one set
        per distinct set instead of one each (a set of five names is 728 bytes, more than the
        values of a citation; a large build holds millions of records)."""
        _share_given(self)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copied = super().model_copy(update=update, deep=deep)
        _share_given(copied)
        return copied


def _share_given(record: BaseModel) -> None:
    given = record.__pydantic_fields_set__
    object.__setattr__(
        record, "__pydantic_fields_set__", _GIVEN.setdefault(frozenset(given), given)
    )


# --- temporal values ---


class When(_Model):
    """A place on the calendar: a TIMEX3 value plus the ISO days it covers and how it was found."""

    value: str = Field(
        description="TIMEX3 value: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-H1, YYYY-SP|SU|FA|WI, "
        "YYY (decade), XXXX-MM-DD when the year is unknown, or an interval A/B."
    )
    start: str | None = Field(
        None, pattern=ISO_DAY, description="First ISO day covered (YYYY-MM-DD); null if unknown."
    )
    end: str | None = Field(
        None, pattern=ISO_DAY, description="Last ISO day covered (YYYY-MM-DD); null if unknown."
    )
    precision: Precision = Field(description="Granularity the source text gives.")
    mod: str | None = Field(
        None, description="TIMEX3 modifier kept beside the value: START, MID, END, BEFORE, ..."
    )
    text: str | None = Field(None, description="The temporal expression as written.")
    method: str = Field(description="How the value was reached (explicit, dct+weekday, ...).")
    confidence: float = Field(ge=0.0, le=1.0, description="Confidence in the value, 0..1.")

    @field_validator("start", "end")
    @classmethod
    def _real_day(cls, v: str | None) -> str | None:
        """A day on the calendar (2019-02-30 matches the pattern but is not one)."""
        if v is not None:
            date.fromisoformat(v)  # ValueError -> a validation error naming the field
        return v


class Timex(_Model):
    """A temporal expression found in a text, with offsets into that text."""

    start: int = Field(description="Character offset of the first character.")
    end: int = Field(description="Character offset one past the last character.")
    text: str = Field(description="The expression as written (text[start:end]).")
    type: TimexType = Field(description="TIMEX3 type.")
    value: str = Field(description="TIMEX3 value (X digits where unknown).")
    mod: str | None = Field(None, description="TIMEX3 modifier (START, MID, END, ...).")


# --- documents ---


CueKind = Literal[
    "metadata",
    "html",
    "published",
    "header",
    "title",
    "dateline",
    "byline",
    "updated",
    "url",
    "caption",
]


class DateCue(_Model):
    """One thing a page says about its own date: a header line, a dateline, a URL, metadata.

    Unknown parts stay null (a dateline "LONDON, March 3" has no year). A numeric date whose
    day/month order the text does not settle carries both readings (`month`/`day` and `alt`).
    """

    kind: CueKind = Field(description="Where the cue is: header line, dateline, URL, ...")
    year: int | None = None
    month: int | None = None
    day: int | None = None
    alt: tuple[int, int] | None = Field(
        None, description="The other (month, day) reading of an ambiguous numeric date."
    )
    weekday: int | None = Field(None, description="A weekday written with it (0 = Monday).")
    two_digit_year: bool = Field(False, description="The year was written with two digits.")
    start: int = Field(-1, description="Offset in the text; -1 when not in the text.")
    end: int = -1
    text: str = Field("", description="The cue as written.")


class PublishedCandidate(_Model):
    """One possible publication date with the support the page gives it."""

    value: str = Field(description="ISO day.")
    support: float = Field(description="Sum of the weights of the cues that agree with it.")
    cues: list[str] = Field(description="Kinds of cue behind it (header, dateline, url, ...).")


class DocumentInfo(_Model):
    """One input document as listed in timeline.json."""

    doc_id: str = Field(description="Path relative to the input folder, without extension.")
    path: str = Field(description="Path of the file as given on the command line.")
    sha256: str | None = Field(None, description="SHA-256 of the file's bytes.")
    title: str | None = Field(None, description="Headline, when found.")
    outlet: str | None = Field(None, description="Publisher, when found (TASS, BelTA, ...).")
    url: str | None = Field(None, description="Source URL from a manifest, when given.")
    dateline: str | None = Field(None, description="The dateline as written, when found.")
    published: When | None = Field(None, description="Publication date (DCT), or null if unknown.")
    published_candidates: list[str] = Field(
        default_factory=list,
        description="When the text leaves several publication dates possible: the candidates.",
    )
    published_support: list[PublishedCandidate] = Field(
        default_factory=list,
        description="Every publication date the page's cues allow, with their support, best first.",
    )
    status: Literal["ok", "skipped"] = Field("ok", description="skipped: not read, see reason.")
    reason: str | None = Field(None, description="Why the document was skipped or flagged.")
    also_at: list[str] = Field(
        default_factory=list, description="Other paths with byte-identical content."
    )
    text: str | None = Field(
        None,
        description="For HTML pages: the extracted text that citation offsets point into.",
    )


# --- timeline entries ---


class Citation(_Model):
    """The exact sentence a timeline entry comes from."""

    doc_id: str = Field(description="Document the sentence is in.")
    start: int = Field(description="Character offset of the sentence in the original text.")
    end: int = Field(description="End offset; text[start:end] == quote.")
    quote: str = Field(description="The sentence, verbatim.")
    date_text: str | None = Field(None, description="The temporal expression dating the entry.")


class Conflict(_Model):
    """Two sources that disagree about one field of the same entry."""

    field: str = Field(description="What is disputed: when, value, status, ...")
    values: list[str] = Field(description="The distinct values the sources give.")
    doc_ids: list[str] = Field(description="Documents giving them, in the order of values.")


class Event(_Model):
    """One real-world event, merged across every source that reports it."""

    event_id: str = Field(description="Stable id: hash of type, date value and key actors.")
    type: EventType = Field(description="Event type from the taxonomy.")
    title: str = Field(description="Short readable title.")
    when: When | None = Field(None, description="Date of the event; null when undated.")
    status: Status = Field(description="occurred, planned, expected or cancelled.")
    actors: list[str] = Field(default_factory=list, description="Canonical names of the parties.")
    places: list[str] = Field(default_factory=list, description="Where it happened.")
    citations: list[Citation] = Field(description="Every sentence that reports it.")
    confidence: float = Field(ge=0.0, le=1.0, description="Confidence that the entry is right.")
    conflicts: list[Conflict] = Field(default_factory=list, description="Source disagreements.")
    merged_on: list[str] = Field(
        default_factory=list,
        description="Why its mentions are one event, when there are several: date, "
        "adjacent-day (two sources a day apart, joined on strong evidence; the days are a "
        "conflict), precision (a coarser date of one source joined the finer date of another), "
        "headline (an undated headline joined to the event its lead dates), type, "
        "participants, figures, wording, trigger (the same happening named).",
    )


class Claim(_Model):
    """A numeric claim: a quantity, what it counts, who says so and as of when."""

    claim_id: str = Field(description="Stable id from subject, value, qualifier and as-of date.")
    series: str = Field(description="Claims about the same quantity share a series key.")
    subject: str = Field(description="What is counted, as written (integration roadmaps).")
    value: float = Field(description="The number.")
    unit: str = Field(description="Unit (roadmaps, USD, percent, ...).")
    qualifier: str | None = Field(None, description="total, ready, not agreed, more than, ...")
    attributed_to: str | None = Field(None, description="Who the text says gave the figure.")
    as_of: When | None = Field(None, description="The claim's own date, else the document's.")
    citations: list[Citation] = Field(description="Sentences that state it.")


class Timeline(_Model):
    """The whole timeline.json document."""

    schema_version: str = Field(SCHEMA_VERSION, description="Version of this contract.")
    documents: list[DocumentInfo] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


# --- internal stage models (never written as timeline.json) ------------------------------------


class Document(_Model):
    """A loaded article: its text plus what the loader learned about it."""

    info: DocumentInfo
    text: str = Field(description="The original text, as decoded.")
    body: str = Field(
        description="Same length as text, with page furniture and comments blanked to spaces, "
        "so offsets in body are offsets in text."
    )
    date_cues: list[DateCue] = Field(
        default_factory=list, description="What the page says about its own date, in text order."
    )

    @property
    def published_hint(self) -> str | None:
        """The ISO date given beside the text (manifest, record, page metadata), if any."""
        for c in self.date_cues:
            if c.kind in ("metadata", "html") and c.year and c.month and c.day:
                return f"{c.year:04d}-{c.month:02d}-{c.day:02d}"
        return None

    @property
    def dateline(self) -> tuple[int | None, int | None, int | None]:
        """(month, day, year) of the dateline cue; unknown parts are None."""
        for c in self.date_cues:
            if c.kind == "dateline":
                return c.month, c.day, c.year
        return None, None, None


class TimexMention(_Model):
    """A temporal expression before anchoring: its parse, the tense of its clause, its sentence."""

    start: int
    end: int
    text: str
    type: TimexType
    parse: dict[str, object] = Field(description="Components found by the temporal parser.")
    tense: Literal["past", "present", "future", "near", "none"] = "none"
    speech: bool = Field(False, description="Its clause is a speech verb's: 'said on Sunday'.")
    sent_start: int = 0
    in_lead: bool = False


class EventMention(_Model):
    """One event mention in one sentence, before merging."""

    doc_id: str
    type: EventType
    title: str
    trigger: str
    trigger_start: int = Field(-1, description="Offset of the trigger word.")
    status: Status
    actors: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    organizations: list[str] = Field(
        default_factory=list,
        description="Organisations named in the trigger's clause (companies, clubs, agencies):"
        " two sources naming none in common tell different happenings.",
    )
    agents: list[str] = Field(
        default_factory=list,
        description="The names in the subject of the trigger's clause (who did it): two sources"
        " whose agents have no name in common tell different happenings.",
    )
    timex: int | None = Field(None, description="Index of its TimexMention in the document.")
    date_method: str = "explicit"
    sent_start: int
    sent_end: int
    negated: bool = False


class ClaimMention(_Model):
    """One numeric claim in one sentence, before merging."""

    doc_id: str
    subject: str
    series: str
    value: float
    unit: str
    qualifier: str | None = None
    attributed_to: str | None = None
    timex: int | None = None
    sent_start: int
    sent_end: int


class DocExtraction(_Model):
    """Everything the per-document stages found in one document (the cacheable unit)."""

    doc: Document
    timexes: list[TimexMention] = Field(default_factory=list)
    events: list[EventMention] = Field(default_factory=list)
    claims: list[ClaimMention] = Field(default_factory=list)
    years_past: list[int] = Field(default_factory=list)
    years_future: list[int] = Field(default_factory=list)


class AnchoredDocument(_Model):
    """A document's publication date and every temporal expression placed on the calendar."""

    info: DocumentInfo
    timexes: list[Timex] = Field(default_factory=list, description="Only those with a value.")
    whens: list[When | None] = Field(
        default_factory=list, description="Per TimexMention (same index): its When, or null."
    )
    flags: list[str] = Field(default_factory=list, description="Impossible or absurd dates seen.")


# --- diff between two timelines (`timeline diff`) ----------------------------------------------


class EventChange(_Model):
    """One event present in both timelines whose content changed."""

    event_id: str = Field(description="Id in the new timeline.")
    old_event_id: str = Field(description="Id in the old timeline (differs when matched by date).")
    matched_by: Literal["id", "date+citation"] = Field(description="How the two were paired.")
    kinds: list[str] = Field(
        description="What changed: date, citations, status, conflicts, title, type, actors, ..."
    )
    changes: list[str] = Field(description="Each change described for a reader.")
    old: Event
    new: Event


class TimelineDiff(_Model):
    """What a new build added to, changed in and removed from an old one."""

    added: list[Event] = Field(default_factory=list, description="Events only in the new one.")
    removed: list[Event] = Field(default_factory=list, description="Events only in the old one.")
    changed: list[EventChange] = Field(default_factory=list)
    unchanged: int = Field(0, description="Events equal in both.")
    claims_added: list[Claim] = Field(default_factory=list)
    claims_removed: list[Claim] = Field(default_factory=list)
    claims_changed: list[Claim] = Field(
        default_factory=list, description="Claims with the same id and new content (new version)."
    )
    documents_added: list[str] = Field(default_factory=list, description="New doc_ids.")
    documents_removed: list[str] = Field(default_factory=list, description="Dropped doc_ids.")

    @property
    def equal(self) -> bool:
        """True when nothing was added, removed or changed."""
        return not (
            self.added
            or self.removed
            or self.changed
            or self.claims_added
            or self.claims_removed
            or self.claims_changed
            or self.documents_added
            or self.documents_removed
        )
