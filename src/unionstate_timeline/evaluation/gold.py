"""Gold annotations (data/annotated/*.json): their models, loading, and offset checks.

The format is described in data/annotated/README.md. Offsets are Python `str` offsets into the
article's text, so `text[start:end]` is the timex text or the event/claim quote.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import InputError
from ..models import EventType, Status, TimexType

GoldPrecision = Literal[
    "day",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
    "interval",
    "unknown",
]


class _Gold(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Span(_Gold):
    start: int = Field(ge=0, description="Offset of the first character in the article text.")
    end: int = Field(ge=0, description="Offset one past the last character.")

    @model_validator(mode="after")
    def _ordered(self) -> _Span:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class GoldPublished(_Gold):
    """The publication date (DCT) the text fixes."""

    value: str = Field(description="TIMEX3 value of the publication date, e.g. 2019-12-08.")
    precision: GoldPrecision = Field(description="Granularity of the value.")


class GoldTimex(_Span):
    """One temporal expression in the article, with its TIMEX3 value."""

    text: str = Field(description="The expression as written; equals text[start:end].")
    type: TimexType = Field(description="TIMEX3 type: DATE, TIME, DURATION or SET.")
    value: str = Field(description="TIMEX3 value resolved against the DCT (X digits if unknown).")


class GoldEvent(_Span):
    """One dated event an analyst would put on the timeline."""

    id: str = Field(description="e1, e2, ... in text order.")
    type: EventType = Field(description="Event type from the taxonomy.")
    value: str = Field(description="TIMEX3 value of the event's date.")
    precision: GoldPrecision = Field(description="Granularity of the value.")
    status: Status = Field(description="occurred, planned, expected or cancelled.")
    actors: list[str] = Field(description="Canonical names of the parties.")
    places: list[str] = Field(description="Places named for the event, in the text's words.")
    quote: str = Field(description="The full sentence; equals text[start:end].")
    date_text: str = Field(description="The gold timex inside the quote that dates the event.")
    group: str | None = Field(description="Slug shared by the same event in other articles.")
    note: str | None = Field(description="Annotator's explanation, when needed.")


class GoldClaim(_Span):
    """One numeric claim."""

    id: str = Field(description="c1, c2, ... in text order.")
    subject: str = Field(description="What is counted.")
    value: float = Field(description="The number (lower bound of a range).")
    unit: str = Field(description="Unit: roadmaps, USD, percent, ...")
    qualifier: str | None = Field(description="total, ready, more than, the range text, ...")
    attributed_to: str | None = Field(description="Who the text says gave the figure.")
    as_of: str | None = Field(description="TIMEX3 value of the claim's own date, else the DCT.")
    quote: str = Field(description="The full sentence; equals text[start:end].")
    series: str | None = Field(description="Slug shared by claims about the same quantity.")


class GoldDocument(_Gold):
    """The gold annotation of one article (data/annotated/<doc_id>.json)."""

    doc_id: str = Field(description="Id of the article: data/raw/<doc_id>.txt.")
    published: GoldPublished | None = Field(description="Publication date, or null if unfixed.")
    published_note: str = Field(description="How the text fixes the date, or why it does not.")
    timexes: list[GoldTimex] = Field(description="Every temporal expression, sorted by start.")
    events: list[GoldEvent] = Field(description="Dated events, in text order.")
    claims: list[GoldClaim] = Field(description="Numeric claims, in text order.")

    @model_validator(mode="after")
    def _unique_ids(self) -> GoldDocument:
        for kind, ids in (
            ("event", [e.id for e in self.events]),
            ("claim", [c.id for c in self.claims]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"duplicate {kind} ids: {', '.join(dupes)}")
        return self


def _validation_reason(exc: ValidationError) -> str:
    errors = exc.errors()
    parts = [
        f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}" for err in errors[:3]
    ]
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return "not a valid gold file: " + "; ".join(parts) + more


def load_gold_file(path: Path) -> GoldDocument:
    """Read and validate one gold file; its doc_id must be the file's stem."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(
            str(path), f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    try:
        doc = GoldDocument.model_validate(data)
    except ValidationError as exc:
        raise InputError(str(path), _validation_reason(exc)) from exc
    if doc.doc_id != path.stem:
        raise InputError(str(path), f"doc_id {doc.doc_id!r} does not match the file name")
    return doc


def load_gold(directory: str | Path) -> list[GoldDocument]:
    """Every `*.json` gold file in `directory`, sorted by doc_id."""
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError(str(folder), "not a directory of gold annotations")
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise InputError(str(folder), "contains no *.json gold files")
    return [load_gold_file(p) for p in paths]


def span_problems(doc: GoldDocument, text: str) -> list[str]:
    """Every gold span whose text is not at its stated offsets in `text` (empty if all fit)."""
    problems: list[str] = []
    spans: list[tuple[str, int, int, str]] = [
        (f"timex {t.text!r}", t.start, t.end, t.text) for t in doc.timexes
    ]
    spans += [(f"event {e.id}", e.start, e.end, e.quote) for e in doc.events]
    spans += [(f"claim {c.id}", c.start, c.end, c.quote) for c in doc.claims]
    for label, start, end, expected in spans:
        if text[start:end] != expected:
            problems.append(f"{label} at {start}:{end} is {text[start:end][:60]!r} in the text")
    for e in doc.events:
        if e.date_text not in e.quote:
            problems.append(f"event {e.id}: date_text {e.date_text!r} is not in its quote")
    return problems
