"""Files this tool wrote (timeline.json, its exports) found among the inputs: they are not
articles, and reading them back would cite the timeline in itself."""

from __future__ import annotations

import re
from typing import Any

OWN = "written by unionstate-timeline (an export, not an article)"
_MARKUP = re.compile(
    r"^\s*<!--\s*generator:\s*unionstate-timeline"
    r"|<meta\s+name=[\"']generator[\"']\s+content=[\"']unionstate-timeline",
    re.IGNORECASE,
)


def written_here(text: str) -> bool:
    """A Markdown or HTML export (its generator marker near the top)."""
    return bool(_MARKUP.search(text[:2000]))


def our_json(data: Any) -> bool:
    """timeline.json (schema_version + events) or the TimelineJS export (generator marker)."""
    if isinstance(data, dict):
        return data.get("generator") == "unionstate-timeline" or (
            "schema_version" in data and "events" in data
        )
    return False


def our_record(rec: Any) -> bool:
    """A line of the events or claims JSONL export: an entry, not an article."""
    return (
        isinstance(rec, dict)
        and "text" not in rec
        and (("event_id" in rec and "citations" in rec) or "claim_id" in rec)
    )
