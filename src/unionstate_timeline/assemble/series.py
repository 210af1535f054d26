"""Numeric claims across documents: the same figure told twice is one Claim, and claims about
the same quantity share a series key, ordered by their as-of date."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import AnchoredDocument, Citation, Claim, ClaimMention, DocExtraction, When
from .citations import citation, stable_id
from .clusters import on_the_calendar


def merge_claims(
    extractions: Sequence[DocExtraction],
    anchored: Sequence[AnchoredDocument],
    people: dict[str, str],
) -> list[Claim]:
    """One Claim per (series, value, qualifier, as-of date) with every sentence stating it;
    sorted so each series reads in as-of order."""
    groups: dict[str, list[tuple[ClaimMention, When | None, Citation]]] = {}
    for x, a in zip(extractions, anchored, strict=True):
        for c in x.claims:
            as_of = on_the_calendar(a.whens[c.timex] if c.timex is not None else a.info.published)
            key = stable_id(
                "cl",
                {
                    "series": c.series,
                    "value": c.value,
                    "qualifier": c.qualifier,
                    "as_of": as_of.value if as_of else None,
                },
            )
            groups.setdefault(key, []).append(
                (c, as_of, citation(x, c.sent_start, c.sent_end, None))
            )
    claims = []
    for key, members in groups.items():
        c, as_of, _ = members[0]
        claims.append(
            Claim(
                claim_id=key,
                series=c.series,
                subject=c.subject,
                value=c.value,
                unit=c.unit,
                qualifier=c.qualifier,
                attributed_to=people.get(c.attributed_to, c.attributed_to)
                if c.attributed_to
                else None,
                as_of=as_of,
                citations=sorted({m[2] for m in members}, key=lambda z: (z.doc_id, z.start)),
            )
        )
    return sorted(
        claims,
        key=lambda c: (c.series, c.as_of.start or "" if c.as_of else "~", c.value, c.claim_id),
    )
