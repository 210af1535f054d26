"""One decoded text plus its metadata becomes a `Document`: furniture masked, title, dateline,
outlet and header date read off the page."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from ..models import Document, DocumentInfo
from .page import (
    _SOURCE_LINE,
    _absurd_years,
    canonical_outlet,
    find_dateline,
    find_published_line,
    find_title,
    mask_furniture,
)


@dataclass(frozen=True)
class ManifestEntry:
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None


def _published_hint(value: str | None) -> tuple[str | None, str | None]:
    """Check a publication date given by a manifest or record: (ISO date or None, warning)."""
    if not value:
        return None, None
    try:
        day = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None, f"published date {value!r} is not an ISO date; ignored"
    if day > date.today():
        return None, f"published date {day.isoformat()} is in the future; ignored"
    return day.isoformat(), None


# Years the temporal tagger cannot read at all ("the year 20019", "December 8, 20019") are not
# placed on the timeline anyway; flagging them here tells the user why a date is missing.
def make_document(
    doc_id: str,
    path: str,
    text: str,
    *,
    sha256: str | None = None,
    meta: ManifestEntry | None = None,
    reason: str | None = None,
) -> Document:
    """Build a Document from decoded text and whatever metadata came with it."""
    meta = meta or ManifestEntry()
    published, warning = _published_hint(meta.published)
    body = mask_furniture(text)
    source = "manifest"
    if published is None and (published := find_published_line(body)):
        source = "header"
    reason = "; ".join(filter(None, [reason, warning, _absurd_years(body)])) or None
    dateline = find_dateline(body)
    outlet = meta.outlet
    if outlet is None and dateline and dateline[4]:
        outlet = dateline[4]
    if outlet is None:
        line = _SOURCE_LINE.search(text)
        outlet = canonical_outlet(line.group("outlet")) if line else None
    info = DocumentInfo(
        doc_id=doc_id,
        path=path,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8", errors="replace")).hexdigest(),
        title=meta.title or find_title(body),
        outlet=outlet,
        url=meta.url,
        dateline=dateline[0] if dateline else None,
        reason=reason,
    )
    return Document(
        info=info,
        text=text,
        body=body,
        published_hint=published,
        published_source=source,
        dateline_month=dateline[1] if dateline else None,
        dateline_day=dateline[2] if dateline else None,
        dateline_year=dateline[3] if dateline else None,
    )
