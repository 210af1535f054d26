"""What a news page says about itself, apart from the story: furniture to blank (menus,
captions, reader comments), the dateline, the headline, a "Published on" line, the outlet."""

from __future__ import annotations

import re
from functools import lru_cache

from ..patterns import load_json_data


@lru_cache(maxsize=1)
def _furniture() -> tuple[list[re.Pattern[str]], re.Pattern[str], list[re.Pattern[str]]]:
    data = load_json_data("furniture.json")
    lines = [re.compile(p, re.IGNORECASE) for p in data["lines"]]
    caption = re.compile(re.escape(data["caption_before"]))
    comments = [re.compile(p, re.IGNORECASE) for p in data["comments_start"]]
    return lines, caption, comments


@lru_cache(maxsize=1)
def _caption_sentences() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in load_json_data("furniture.json")["caption_sentences"]]


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append((pos, pos + len(body), body))
        pos += len(raw)
    return out


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\n\r":
            chars[i] = " "


def mask_furniture(text: str) -> str:
    """Return text with furniture lines, photo captions and reader comments blanked to spaces."""
    furniture, caption, comments = _furniture()
    chars = list(text)
    lines = _lines(text)
    seen_prose = False
    for i, (start, end, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if seen_prose and any(p.fullmatch(stripped) for p in comments):
            _blank(chars, start, len(text))
            break
        if any(p.fullmatch(stripped) for p in furniture):
            _blank(chars, start, end)
            # photo captions: the unpunctuated lines just above a credit line ("© ...")
            if caption.match(stripped):
                j, first = i - 1, max(i - _CAPTION_MAX_LINES, 0)
                while j >= first and lines[j][2].strip()[-1:] not in ("", *'.!?"”'):
                    _blank(chars, lines[j][0], lines[j][1])
                    j -= 1
            continue
        lead = len(line) - len(line.lstrip())
        for p in _caption_sentences():  # a caption run into the text after it
            if m := p.match(stripped):
                _blank(chars, start + lead, start + lead + m.end())
                break
        if len(stripped) > 120 and stripped[-1] in '.!?"”':
            seen_prose = True
    return "".join(chars)


_CAPTION_MAX_LINES = 2  # a caption and its credited copy; a third line up is the standfirst

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.' -]{1,40}?)[,.]\s+"
    r"(?:(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>[A-Z][a-z]{2,8})\.?)"
    r"(?:,?\s+(?P<year>\d{4}))?\s*(?:[.,]\s*)*"
    r"(?:[/(]\s*(?P<outlet>[A-Za-z][\w. -]{1,30}?)\s*[/)])?",
    re.MULTILINE,
)
_PROSE = re.compile(r"^[^\n]{100,}[.!?\"”][ \t]*$", re.MULTILINE)
_OUTLET_AFTER = re.compile(r"\s*[-–—]\s*(?P<outlet>[A-Z][\w.]*\w)")
_SOURCE_LINE = re.compile(r"^\s*Source\s*:\s*(?P<outlet>.{2,40}?)\s*$", re.MULTILINE)


def canonical_outlet(name: str) -> str:
    """Map an outlet as written to its canonical name (data: patterns/outlets.json)."""
    aliases = load_json_data("outlets.json")["aliases"]
    return str(aliases.get(name.strip().lower(), name.strip()))


def find_dateline(text: str) -> tuple[str, int, int, int | None, str | None] | None:
    """Find a dateline ("MOSCOW, December 8. /TASS/"): (as written, month, day, year, outlet)."""
    from ..patterns import months

    for m in _DATELINE.finditer(text[:4000]):
        if _PROSE.search(text, 0, m.start()):
            return None  # a dateline opens the story; "NATO, March 3 ..." in the body is none
        month = months().get((m.group("month") or m.group("month2")).lower())
        day = int(m.group("day") or m.group("day2"))
        if month is None or not 1 <= day <= 31:
            continue
        outlet = m.group("outlet")
        if outlet is None:
            after = _OUTLET_AFTER.match(text, m.end())
            outlet = after.group("outlet") if after else None
        year = int(m.group("year")) if m.group("year") else None
        return m.group(0).strip(), month, day, year, canonical_outlet(outlet) if outlet else None
    return None


def strip_dateline(text: str) -> str:
    """Text without a leading dateline ("MINSK, 4 November (BelTA) - ...")."""
    if m := _DATELINE.match(text):
        return text[m.end() :].lstrip(" -–—.")
    return text


def find_title(body: str) -> str | None:
    """The headline: the first non-blank line of the cleaned text, when it reads like one."""
    for _, _, line in _lines(body):
        stripped = line.strip()
        if stripped:
            if len(stripped) <= 200 and not _DATELINE.match(stripped):
                return stripped
            return None
    return None


_ABSURD_YEAR = re.compile(r"\b(?:[Yy]ear|[A-Z][a-z]{2,8}\.? \d{1,2},?)\s+(\d{5,})\b")


def _absurd_years(text: str) -> str | None:
    found = sorted({m.group(0) for m in _ABSURD_YEAR.finditer(text)})
    return "impossible years: " + "; ".join(repr(f) for f in found[:5]) if found else None
