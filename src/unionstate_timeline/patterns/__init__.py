"""Patterns: our knowledge as data files (lexicons, spaCy Matcher patterns) and their loader.

Knowledge lives in those files; code reads them once (cached) and never hard-codes words.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json_data(name: str) -> Any:
    """Parse a JSON data file shipped in the package's patterns/ folder."""
    return json.loads(resources.files(__package__).joinpath(name).read_text("utf-8"))


@cache
def load_jsonl_data(name: str) -> list[dict[str, Any]]:
    """Parse a JSONL data file (one object per line; blank lines and // comments skipped)."""
    text = resources.files(__package__).joinpath(name).read_text("utf-8")
    return [
        json.loads(line)
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("//")
    ]


def dates() -> dict[str, Any]:
    """How pages state their own date and how those cues weigh (patterns/dates.json)."""
    return load_json_data("dates.json")  # type: ignore[no-any-return]


def lexicon() -> dict[str, Any]:
    """The temporal lexicon (patterns/lexicon.json)."""
    return load_json_data("lexicon.json")  # type: ignore[no-any-return]


def months() -> dict[str, int]:
    return lexicon()["months"]  # type: ignore[no-any-return]


def weekdays() -> dict[str, int]:
    return lexicon()["weekdays"]  # type: ignore[no-any-return]


def _word_list(spec: str) -> list[str]:
    """Expand a list spec: "lexicon:key" (lower case), "title:key", "cased:key" (lower, Title,
    UPPER, but never the lower-case forms the lexicon marks ambiguous, like "may")."""
    how, key = spec.split(":", 1)
    words = sorted(lexicon()[key])
    words += [w + "." for w in words if len(w) <= 4]
    if how == "lexicon":
        return words
    if how == "title":
        return [w.title() for w in words]
    ambiguous = set(lexicon().get("ambiguous_lowercase", []))
    lower = [w for w in words if w.rstrip(".") not in ambiguous]
    return lower + [w.title() for w in words] + [w.upper() for w in words]


def _expand(value: Any, lists: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("$") and value[1:] in lists:
        return lists[value[1:]]
    if isinstance(value, dict):
        return {k: _expand(v, lists) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, lists) for v in value]
    return value


@cache
def pattern_lists(name: str) -> dict[str, Any]:
    """The named lists and regular expressions of a JSONL pattern file's header line
    ({"lists": {"NAME": [...] | "regex" | "how:key"}}); a list given as "how:key" is the keys
    of that table in lexicon.json (see `_word_list`), and also defines NAME_LOWER."""
    rows = load_jsonl_data(name)
    lists: dict[str, Any] = {}
    if rows and "lists" in rows[0]:
        for key, spec in rows[0]["lists"].items():
            if isinstance(spec, str) and spec.split(":", 1)[0] in ("lexicon", "title", "cased"):
                lists[key] = _word_list(spec)
                lists[key + "_LOWER"] = _word_list("lexicon:" + spec.split(":", 1)[1])
            else:
                lists[key] = spec
    return lists


def matcher_patterns(name: str) -> list[tuple[str, list[list[dict[str, Any]]]]]:
    """Load Matcher patterns from a JSONL file, expanding "$LIST" references from its header
    (`pattern_lists`). Returns (label, patterns) pairs in file order."""
    rows = load_jsonl_data(name)
    lists = pattern_lists(name)
    if rows and "lists" in rows[0]:
        rows = rows[1:]
    grouped: dict[str, list[list[dict[str, Any]]]] = {}
    for row in rows:
        grouped.setdefault(row["label"], []).append(_expand(row["pattern"], lists))
    return list(grouped.items())
