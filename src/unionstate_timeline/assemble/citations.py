"""Provenance helpers: citations into the original text, and stable ids from content."""

from __future__ import annotations

import hashlib
import json

from ..models import Citation, DocExtraction


def stable_id(prefix: str, payload: object) -> str:
    """Hash of sorted-key compact JSON: the same content gives the same id in every build."""
    raw = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{prefix}-{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:10]}"


def citation(x: DocExtraction, start: int, end: int, date_text: str | None) -> Citation:
    """The sentence [start, end) of a document as a citation, without leading blanks or the
    dateline the sentence may begin with."""
    text = x.doc.text
    while start < end and text[start].isspace():
        start += 1
    dateline = x.doc.info.dateline
    if dateline and text.startswith(dateline, start):  # the quote is the sentence, not the slug
        start += len(dateline)
        while start < end and text[start] in " .-–—\t":
            start += 1
    return Citation(
        doc_id=x.doc.info.doc_id, start=start, end=end, quote=text[start:end], date_text=date_text
    )
