"""A headline tells the news its lead dates: "Port authority launches ferry line" above "The
port authority launched a ferry line on Monday". The headline's mention has no date of its own;
it joins the lead's dated event of the same document when they tell one happening, so the
headline's sentence is a citation of that event instead of an undated entry (or of nothing).

The lead event is the dated mention of the first sentence after the headline that carries any
mention; it is joined only when it is the one dated mention there that tells the headline's
happening: the types fit, their parties do not contradict, and the trigger of one is a
happening the other names ("merge" / "acquire"), or their titles share a content word or a name.
"""

from __future__ import annotations

from .across import types_fit
from .clusters import Item, classes, content_words, synonyms, wording


def _names(item: Item) -> set[str]:
    return {n.lower() for n in item.mention.actors + item.mention.places}


def _tells_same(head: Item, lead: Item) -> bool:
    a, b = head.mention, lead.mention
    if not types_fit({str(a.type)}, {str(b.type)}):
        return False
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return False  # two parties: two happenings
    (core_a, all_a), (core_b, all_b) = classes(a), classes(b)
    known = set(synonyms().values())
    if ((core_a & all_b) | (core_b & all_a)) & known:
        return True
    return bool(content_words(a.title) & content_words(b.title) or _names(head) & _names(lead))


def headline_links(items: list[Item], title: str | None) -> dict[int, Item]:
    """id of each undated headline item -> the lead item it joins."""
    if not title or not wording(title):
        return {}
    key = wording(title)
    out: dict[int, Item] = {}
    for head in items:
        if head.when is not None or wording(head.citation.quote) != key:
            continue
        after = [i for i in items if i.mention.sent_start > head.mention.sent_start]
        if not after:
            continue
        first = min(i.mention.sent_start for i in after)
        lead = [
            i
            for i in after
            if i.mention.sent_start == first and i.when is not None and _tells_same(head, i)
        ]
        if len(lead) == 1:
            out[id(head)] = lead[0]
    return out
