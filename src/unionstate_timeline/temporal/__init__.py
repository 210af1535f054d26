"""The temporal engine: detect (spaCy), parse (grammar), resolve (calendar), DCT inference."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Timex


def tag(text: str, dct: date | None = None, *, model: str | None = None) -> list[Timex]:
    """The temporal expressions of one text, with character offsets and TIMEX3 values.

    Without `dct`, the document date is inferred from the text (dateline, weekdays, years) as in
    a build; expressions that cannot be anchored keep X digits.
    """
    from ..annotate import get_nlp
    from ..extract import extract_timexes
    from ..load import make_document
    from .anchor import anchor_document

    doc = make_document("input", "input", text)
    spacy_doc = get_nlp(model)(doc.body)
    mentions = extract_timexes(spacy_doc)
    anchored = anchor_document(doc, mentions, dct=dct)
    return anchored.timexes
