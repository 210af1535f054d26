"""One decoded text plus its metadata becomes a `Document`: furniture masked, title, dateline,
outlet and header date read off the page."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date

from ..errors import InputError
from ..models import CueKind, DateCue, Document, DocumentInfo
from .dates import metadata_cue, plausible, read_date, text_cues, url_cues
from .page import (
    _SOURCE_LINE,
    _absurd_years,
    canonical_outlet,
    find_dateline,
    find_title,
    mask_furniture,
)


@dataclass(frozen=True)
class ManifestEntry:
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    published_kind: CueKind = "metadata"  # "html" when read off the page's own metadata


MIN_YEAR = 1800  # an earlier publication date is a typo or a placeholder (0001-01-01)


def _published_hint(value: str | None) -> tuple[date | None, str | None]:
    """Check a publication date given beside the text: (the day or None, warning).

    ISO dates and any unambiguous written form are read; 03/04/2021 is refused as ambiguous.
    """
    if not value or not value.strip():
        return None, None
    day, problem = read_date(value)
    if day is None:
        return None, f"published date {value!r} {problem}; ignored"
    if day > date.today():
        return None, f"published date {day.isoformat()} is in the future; ignored"
    if day.year < MIN_YEAR:
        return None, f"published date {day.isoformat()} is before {MIN_YEAR}; ignored"
    return day, None


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
    cues = text_cues(body) + url_cues(meta.url)
    if published is not None and (
        given := metadata_cue(published.isoformat(), meta.published_kind)
    ):
        cues.insert(0, given)
    dateline = find_dateline(body)
    if dateline and not any(c.kind == "dateline" for c in cues):
        cues.append(DateCue(kind="dateline", month=dateline[1], day=dateline[2], year=dateline[3],
                            text=dateline[0]))  # fmt: skip
    cues = [c for c in cues if plausible(c, MIN_YEAR)]
    reason = "; ".join(filter(None, [reason, warning, _absurd_years(body)])) or None
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
        date_cues=cues,
    )


def html_document(
    doc_id: str,
    path: str,
    html: str,
    sha256: str | None,
    meta: ManifestEntry | None,
    reason: str | None = None,
) -> Document:
    """A Document from an HTML page: trafilatura's main text, htmldate's date as a cue.

    The manifest's values win over the page's own; the extracted text is kept in the info.
    """
    from .html import read_html

    meta = meta or ManifestEntry()
    page = read_html(html, meta.url)
    if page is None:
        raise InputError(path, "HTML page with no main text")
    kind: CueKind = meta.published_kind
    published = meta.published
    if not published and page.published:
        published, kind = page.published, "html"
    merged = replace(
        meta,
        url=meta.url or page.url,
        outlet=meta.outlet or page.outlet,
        title=meta.title or page.title,
        published=published,
        published_kind=kind,
    )
    doc = make_document(doc_id, path, page.text, sha256=sha256, meta=merged, reason=reason)
    return doc.model_copy(update={"info": doc.info.model_copy(update={"text": page.text})})
