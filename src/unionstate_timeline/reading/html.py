"""HTML pages: the main text by trafilatura, the publication date by htmldate.

The extracted text (headline first, then the story) is what the document's offsets point
into; the timeline keeps it (`documents[].text`) so every quote can be checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MIN_WORDS = 8
_LOOKS_HTML = re.compile(
    r"^\s*(?:<!doctype html|<html\b|<head\b|<body\b|<(?:p|div|article)\b)", re.I
)


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None


def looks_like_html(text: str) -> bool:
    """True for a page (or a record's text) that is HTML markup rather than plain text."""
    return bool(_LOOKS_HTML.match(text[:500])) or text.count("</p>") >= 2


def read_html(html: str, url: str | None = None) -> Page | None:
    """The page's main text and metadata; None when no main text can be found."""
    import trafilatura
    from htmldate import find_date

    doc: Any = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True,
        deduplicate=True,
    )  # fmt: skip
    body = (doc.text if doc is not None else None) or ""
    if len(body.split()) < MIN_WORDS:  # a menu or a cookie notice is not a story
        return None
    title = (doc.title or "").strip() or None
    text = f"{title}\n\n{body}\n" if title and not body.startswith(title) else body + "\n"
    try:
        # metadata and markup only: a date guessed from the free text is the anchor stage's job
        published = find_date(html, url=url, original_date=True, extensive_search=False,
                              outputformat="%Y-%m-%d")  # fmt: skip
    except Exception:  # htmldate raises on odd markup; a page without a date is still a page
        published = None
    outlet = (doc.sitename or "").strip() or None
    return Page(text, title, published, outlet, url or doc.url)
