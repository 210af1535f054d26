"""What a page says about its own date: header date lines, labelled lines ("Posted: ..."),
bylines, datelines and URLs become `DateCue`s. Weighing them is the anchor stage's work.

One grammar of date forms (month names from patterns/lexicon.json, labels from
patterns/dates.json) is matched in the page's header zone: the lines above the story and the
opening of its first paragraph. A date on a line counts only when the rest of the line is a
label, a time, a place, a byline or other short furniture, never when it sits in prose.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from ..models import CueKind, DateCue
from ..patterns import dates as date_patterns
from ..patterns import lexicon

_TIME = r"\d{1,2}(?:[:.]\d{2}){1,2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?"
_PROSE_END = (".", "!", "?", '"', "”", "’", "'")
_BULLETS = ("•", "·", " | ")
PROSE_OPENING = 240  # a dateline or an inline release line sits in a paragraph's opening


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _grammar() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    mon = rf"(?P<mon>{_alt(list(lex['months']))})\.?"
    wd = rf"(?:(?P<wd>{_alt(list(lex['weekdays']))})\.?,?\s+)?"
    day = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    y4 = r"(?P<y4>1[89]\d\d|20\d\d)"
    y2 = r"(?:'|’)?(?P<y2>\d\d)"
    forms = [
        rf"{wd}{day}\s+(?:of\s+)?{mon},?\s+{y4}",
        rf"{wd}{mon}\s+{day},?\s+(?:{y4}|{y2}\b)",
        r"(?P<iy>1[89]\d\d|20\d\d)(?P<isep>[-/.])(?P<im>0?[1-9]|1[0-2])(?P=isep)"
        r"(?P<id>[12]\d|3[01]|0?[1-9])(?![\d])",
        r"(?<![\d.])(?P<na>\d{1,2})(?P<nsep>[./-])(?P<nb>\d{1,2})(?P=nsep)"
        r"(?P<ny>1[89]\d\d|20\d\d|\d\d)(?![\d.]\d)",
        rf"{wd}{mon}\s+{day}(?![\d,]*\s*\d)",
        rf"{wd}{day}\s+(?:of\s+)?{mon}(?!\s*,?\s*\d)",
        rf"{mon},?\s+{y4}",
    ]
    # each alternative gets its own group names: rename with a suffix per form
    parts = []
    for i, f in enumerate(forms):
        parts.append(
            "(?:"
            + re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{i}>", f)
            .replace("(?P=isep)", f"(?P=isep_{i})")
            .replace("(?P=nsep)", f"(?P=nsep_{i})")
            + ")"
        )
    date_re = re.compile(r"(?<![\w/])(?:" + "|".join(parts) + r")(?![\w/])", re.IGNORECASE)
    cfg = date_patterns()
    labels = re.compile(
        rf"(?P<pub>{_alt(cfg['published_labels'])})|(?P<upd>{_alt(cfg['updated_labels'])})",
        re.IGNORECASE,
    )
    time_re = re.compile(_TIME, re.IGNORECASE)
    url_re = re.compile(
        r"(?<!\d)(?P<y>19\d\d|20\d\d)(?P<s>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=s)(?P<d>0[1-9]|[12]\d|3[01])"
        r"(?!\d)|/(?P<y2>19\d\d|20\d\d)/(?P<m2>0?[1-9]|1[0-2])/(?!\d)"
    )
    return date_re, labels, time_re, url_re


def _fields(m: re.Match[str]) -> dict[str, str]:
    return {k.rsplit("_", 1)[0]: v for k, v in m.groupdict().items() if v is not None}


def _year(y4: str | None, y2: str | None) -> tuple[int | None, bool]:
    if y4:
        return int(y4), False
    if y2 is None:
        return None, False
    n = int(y2)
    return (2000 + n if n < date_patterns()["two_digit_year_pivot"] else 1900 + n), True


def _parts(m: re.Match[str]) -> dict[str, Any] | None:
    """(year, month, day, alt, weekday, two-digit) of one date match; None if impossible."""
    f, lex = _fields(m), lexicon()
    weekday = lex["weekdays"].get(f["wd"].lower().rstrip(".")) if "wd" in f else None
    if "iy" in f:
        return {"year": int(f["iy"]), "month": int(f["im"]), "day": int(f["id"]),
                "weekday": None, "two_digit_year": False}  # fmt: skip
    if "na" in f:
        a, b = int(f["na"]), int(f["nb"])
        ny = f["ny"]
        year, two = _year(ny if len(ny) == 4 else None, ny if len(ny) == 2 else None)
        readings = [(mo, d) for mo, d in ((a, b), (b, a)) if 1 <= mo <= 12 and 1 <= d <= 31]
        if not readings:
            return None
        out: dict[str, Any] = {"year": year, "month": readings[0][0], "day": readings[0][1],
                               "weekday": None, "two_digit_year": two}  # fmt: skip
        if len(readings) == 2 and a != b:
            out["alt"] = readings[1]
        return out
    month = lex["months"].get(f["mon"].lower().rstrip("."))
    if month is None:
        return None
    year, two = _year(f.get("y4"), f.get("y2"))
    day = int(f["day"]) if "day" in f else None
    return {"year": year, "month": month, "day": day, "weekday": weekday, "two_digit_year": two}


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        out.append((pos, raw.rstrip("\r\n")))
        pos += len(raw)
    return out


def _is_prose(line: str) -> bool:
    """A paragraph of the story: many words, in sentences; not a list of linked headlines."""
    words = line.split()
    if sum(line.count(b) for b in _BULLETS) >= 2:
        return False
    return len(words) >= 25 or (len(words) >= 12 and line.rstrip().endswith(_PROSE_END))


def header_zone(text: str) -> list[tuple[int, str, int, bool]]:
    """(offset, line, paragraphs of prose above it, is it prose) for the top of the page.

    A prose line is cut to its opening (PROSE_OPENING characters): a dateline or an inline
    release line sits there, a date further on is the story's own. After two prose paragraphs
    the story has begun.
    """
    cfg = date_patterns()
    out: list[tuple[int, str, int, bool]] = []
    prose = 0
    for start, line in _lines(text[: cfg["max_header_chars"] * 2]):
        if not line.strip():
            continue
        if _is_prose(line):
            out.append((start, line[:PROSE_OPENING], prose, True))
            prose += 1
            if prose >= 2:
                break
        else:
            out.append((start, line, prose, False))
        if len(out) >= cfg["max_header_lines"] or start > cfg["max_header_chars"]:
            break
    return out


_DATELINE_BEFORE = re.compile(
    r"^\s*(?:[-–—•]\s*)?(?P<place>[A-Z][A-Z.'’ -]{1,30}[A-Z.])(?:,\s*[A-Z][\w.'’ ]{1,30}?)?"
    r"\s*(?:\([^()]{1,30}\)\s*)?[,(]?\s*$"
)
_DATELINE_AFTER = re.compile(r"^\s*\)?\s*(?:\([^()]{1,30}\)\s*)?[./]?\s*(?:--?|[–—:]|/|\()")


_TITLE_END = re.compile(r"^\s*[.)]?\s*$")
_SET_OFF = re.compile(r"(?:^|[:|•·—–(\[]|\s-)\s*$")


def _kind(  # noqa: C901 - one test per cue form, flat
    line: str, m: re.Match[str], before: str, prose: int, is_prose: bool, full: bool
) -> CueKind | None:
    """What one date on a header line is, from the words around it; None when it is prose.

    `prose` is the number of prose paragraphs above the line: a headline (nothing above) or a
    line below a caption or standfirst counts only as a bare date line.
    """
    _, labels, time_re, _ = _grammar()
    cfg = date_patterns()
    tail = before.rstrip(" :|-–—,(\t").lower()
    label = None
    for lm in labels.finditer(tail):
        # in a paragraph a label opens the line or follows a separator ("For immediate release:
        # ..."); after a word it is the story's verb ("the figures released May 5 show")
        opened = not is_prose or _SET_OFF.search(tail[: lm.start()])
        if opened and tail[lm.end() :].strip(" :|-–—,.(") in ("", "on", "at"):
            label = "updated" if lm.group("upd") else "published"
    if label:
        return label  # type: ignore[return-value]
    if _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(line[m.end() :]):
        return "dateline"
    if is_prose:
        return None  # a date inside a paragraph is the story's
    date_re = _grammar()[0]
    rest = date_re.sub(" ", line[: m.start()] + " " + line[m.end() :])
    rest = labels.sub(" ", time_re.sub(" ", rest.lower()))
    words = [w for w in re.split(r"[\s|,;()\[\]]+", rest) if w]
    filler = set(cfg["filler"])
    others = [w for w in words if w.strip(".:-–—•·") and w not in filler]
    if words and words[0] in cfg["byline_words"] and len(others) <= cfg["max_other_words"] + 4:
        return "byline"
    lead = before.split()
    if len(lead) > 1 and lead[-1].lower() in cfg["title_prepositions"]:
        return None  # "Earthquake of 17 January 1995" titles the story, it does not date it
    limit = cfg["max_other_words"] if prose == 0 else 3
    if len(others) <= limit:
        return "header"
    # "Press release: Talks with the mayor: 19 June 2017": a full date set off at a title's end
    set_off = _TITLE_END.match(line[m.end() :]) and re.search(r"[:|–—-]\s*$", before)
    return "title" if full and set_off else None


def _cue(kind: CueKind, parts: dict[str, Any], start: int, end: int, text: str) -> DateCue:
    return DateCue(kind=kind, start=start, end=end, text=text, **parts)


def text_cues(text: str) -> list[DateCue]:
    """The date cues of a page's header zone, in text order."""
    date_re, _, _, _ = _grammar()
    cues: list[DateCue] = []
    for start, line, prose, is_prose in header_zone(text):
        prev_end = 0
        for m in date_re.finditer(line):
            parts = _parts(m)
            before = line[prev_end : m.start()]
            prev_end = m.end()
            if parts is None or (parts["day"] is None and parts["year"] is None):
                continue
            full = parts["year"] is not None and parts["day"] is not None
            kind = _kind(line, m, before, prose, is_prose, full)
            if kind is not None:
                cues.append(_cue(kind, parts, start + m.start(), start + m.end(), m.group(0)))
    return cues


def url_cues(url: str | None) -> list[DateCue]:
    """A date in a URL's path (/2016/04/18/, -20160418-, /2016/04/): day or month precision."""
    if not url:
        return []
    _, _, _, url_re = _grammar()
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    for m in url_re.finditer(path):
        if m.group("y"):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            try:
                date(y, mo, d)
            except ValueError:
                continue
            return [DateCue(kind="url", year=y, month=mo, day=d, text=m.group(0))]
        return [DateCue(kind="url", year=int(m.group("y2")), month=int(m.group("m2")),
                        text=m.group(0))]  # fmt: skip
    return []


def metadata_cue(value: str, kind: CueKind = "metadata") -> DateCue | None:
    """A publication date given beside the text (manifest, JSONL record, HTML metadata)."""
    try:
        day = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
    return DateCue(kind=kind, year=day.year, month=day.month, day=day.day, text=value.strip())


def plausible(cue: DateCue, min_year: int) -> bool:
    """A cue naming a real day (or month, or year) between min_year and today."""
    if cue.year is not None and cue.year < min_year:
        return False
    if cue.year is None or cue.month is None:
        return cue.year is None or cue.year <= date.today().year
    try:
        day = date(cue.year, cue.month, cue.day or 1)
    except ValueError:
        return False
    return day <= date.today()


def read_date(value: str) -> tuple[date | None, str]:
    """One date written in any unambiguous form ("2021-03-04", "2021-03-04T10:00:00Z",
    "March 4, 2021", "4 Mar 2021", "04.03.2021" only when the order is settled)."""
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]), ""
    except ValueError:
        pass
    date_re = _grammar()[0]
    m = date_re.search(text)
    if m is None or text[: m.start()].strip(" ,") and not text[: m.start()].strip().isalpha():
        return None, "is not a date"
    parts = _parts(m)
    if parts is None or parts["year"] is None or parts["day"] is None:
        return None, "is not a whole date"
    if parts.get("alt"):
        return None, "is ambiguous (day and month could be swapped)"
    try:
        return date(parts["year"], parts["month"], parts["day"]), ""
    except ValueError:
        return None, "is not a real date"
