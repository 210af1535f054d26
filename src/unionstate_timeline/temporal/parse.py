"""Parse the text of a temporal expression into calendar components (no reference date yet).

The grammar is small regular expressions built from the words in patterns/lexicon.json. A parse
is a plain dict so it can be cached, serialized with an extraction and resolved later against
whatever document date the anchor stage settles on.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..patterns import lexicon
from .grammar import rules, spoken_to_digits

Parse = dict[str, Any]


_SPACES = re.compile(r"\s+")
_APPROX_FIRST = {w.split(" ", 1)[0] for w in lexicon()["approx_mods"]}
_DASHES = re.compile(r"\s*[–—-]\s*")


def normalize_text(text: str) -> str:
    """Lower-case, drop brackets and trailing punctuation, one space between words."""
    text = text.replace("[", "").replace("]", "").replace("’", "'")
    text = _SPACES.sub(" ", text).strip(" ,.;:")
    return text.lower()


def _number(word: str | None) -> int | str | None:
    if word is None:
        return None
    if word.isdigit():
        return int(word)
    parts = re.split(r"[- ]", word.lower())
    values = [lexicon()["numbers"].get(p) for p in parts]
    # "twenty-five" adds up; "a dozen", "a hundred" are one number of the lexicon
    if (
        len(values) == 2
        and all(isinstance(v, int) for v in values)
        and parts[0] in lexicon()["tens"]
    ):
        return int(values[0]) + int(values[1])  # type: ignore[arg-type]
    value = lexicon()["numbers"].get(word.lower())
    return value if value is not None else None


def _mod(m: re.Match[str]) -> str | None:
    gd = m.groupdict()
    word = gd.get("mod1") or gd.get("mod2")
    if not word:
        return None
    return str(lexicon()["mods"].get(word.lower(), "MID" if word.lower() == "turn" else None))


def _clock(m: re.Match[str]) -> str | None:
    """ "10:30 p.m." -> "22:30"; noon and midnight by the lexicon; None for no such time."""
    if m["named"]:
        return str(lexicon()["times_of_day"][m["named"].lower()])
    hour = int(m["hour"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
    minute = int(m["minute"] or 0)
    return f"{hour:02d}:{minute:02d}" if hour <= 23 and minute <= 59 else None


def _single(text: str) -> Parse | None:  # noqa: C901 - one branch per grammar rule, flat
    lx = lexicon()
    g = rules()
    if text in lx["refs"]:
        return {"kind": "ref", "value": lx["refs"][text]}
    if text in lx["set_words"]:
        return {"kind": "set", "value": lx["set_words"][text]}
    if text in lx["lone_times"]:  # "noon", "at midday", "by mid-afternoon"
        return {"kind": "time", "clock": lx["times_of_day"][text]}
    for name in ("iso", "dmy_num", "iso_compact"):
        if m := g[name].fullmatch(text):
            return {
                "kind": "date",
                "year": int(m["year"]),
                "month": int(m["month"]),
                "day": int(m["day"]) if m["day"] else None,
            }
    if m := g["mdy_slash"].fullmatch(text):
        a, b = int(m["a"]), int(m["b"])
        month, day = (b, a) if a > 12 else (a, b)
        return {"kind": "date", "year": int(m["year"]), "month": month, "day": day}
    for name in ("mdy", "dmy"):
        if m := g[name].fullmatch(text):
            gd = m.groupdict()
            out: Parse = {
                "kind": "date",
                "year": int(gd["year"]) if gd.get("year") else None,
                "month": lx["months"][m["month"].lower()],
                "day": int(m["day"]),
                "mod": _mod(m),
            }
            if gd.get("weekday"):
                out["weekday"] = lx["weekdays"][gd["weekday"].lower()]
            if gd.get("tod"):
                out["tod"] = lx["times_of_day"][gd["tod"].lower()]
            if gd.get("drel") and not gd.get("year"):
                out["rel"] = lx["relative_words"][gd["drel"].lower()]
            return out
    if m := g["month"].fullmatch(text):
        return {
            "kind": "date",
            "year": int(m["year"]) if m["year"] else None,
            "month": lx["months"][m["month"].lower()],
            "mod": _mod(m),
            # "last June", "this September": a month chosen relative to the reference date
            "rel": lx["relative_words"][m["mrel"].lower()] if m["mrel"] else None,
            # "June last year": the month of a year chosen relative to the reference date
            "year_rel": lx["relative_words"][m["yrel"].lower()] if m["yrel"] else None,
        }
    if m := g["year"].fullmatch(text):
        return {"kind": "date", "year": int(m["year"]), "mod": _mod(m)}
    if m := g["decade"].fullmatch(text):
        digits = m["decade"]
        if len(digits) == 1:
            return {"kind": "date", "decade_short": int(digits), "mod": _mod(m)}
        if len(digits) == 3:
            return {"kind": "date", "decade": int(digits), "mod": _mod(m)}
        return None
    if m := g["decade_word"].fullmatch(text):
        return {"kind": "date", "decade_short": lx["decade_words"][m["dword"]], "mod": _mod(m)}
    if m := g["century"].fullmatch(text):
        n = int(m["cnum"]) if m["cnum"] else lx["centuries"][m["cword"].lower()]
        if not 1 <= n <= 30:
            return None
        return {"kind": "date", "century": n - 1, "mod": _mod(m)}
    if m := g["holiday"].fullmatch(text):
        month, day = (int(x) for x in lx["holidays"][m["holiday"].lower()].split("-"))
        return {
            "kind": "date",
            "year": int(m["year"]) if m["year"] else None,
            "month": month,
            "day": day,
        }
    if m := g["floating"].fullmatch(text):
        month, weekday, nth, first = lx["floating_holidays"][m["holiday"].lower()]
        return {
            "kind": "date",
            "year": int(m["year"]) if m["year"] else None,
            "floating": [month, weekday, nth, first],
            "rel": lx["relative_words"][m["rel"].lower()] if m["rel"] else None,
        }
    if m := g["day_only"].fullmatch(text):
        return {"kind": "date", "day": int(m["day"])}
    if m := g["season"].fullmatch(text) or g["year_season"].fullmatch(text):
        gd = m.groupdict()
        return {
            "kind": "date",
            "year": int(gd["year"]) if gd.get("year") else None,
            "season": lx["seasons"][m["season"].lower()],
            "rel": lx["relative_words"].get((gd.get("rel") or "").lower()),
            "mod": _mod(m),
        }
    if m := g["quarter"].fullmatch(text):
        n = lx["ordinals"][m["ord"].lower()]
        year = m["year"] or m["year0"]
        placed = year or m["rel"] or m["rel0"] or m["ago0"] or " of " in text.lower()
        if m["ord"].lower() == "last" and m["part"].lower() == "quarter" and not placed:
            # "(the) last quarter" with no year to be the last of: the quarter before this one
            return {"kind": "date", "rel_unit": "quarter", "rel": -1}
        # no "rel" when nothing places it: "the fourth quarter" takes its year from the tense
        said = m["rel"] or m["rel0"] or ("this" if placed else None)
        rel = lx["relative_words"].get(said.lower(), 0) if said else None
        return {
            "kind": "date",
            "year": int(year) if year else None,
            m["part"].lower(): n,
            "rel": -1 if m["ago0"] else rel,
        }
    if m := g["year_period"].fullmatch(text):
        year = int(m["year"])
        return {"kind": "date", "rel_unit": "quarter", "rel": 0, "reported": True, "in_year": year}
    if m := g["q_code"].fullmatch(text):
        part = "quarter" if m["part"].lower() == "q" else "half"
        n = int(m["n"])
        if part == "half" and n > 2:
            return None
        return {"kind": "date", "year": int(m["year"]) if m["year"] else None, part: n, "rel": 0}
    if text == "the weekend":  # which one: by the tense of its clause
        return {"kind": "date", "rel_unit": "weekend", "rel": 0, "by_tense": True}
    if g["year_ago"].fullmatch(text):
        return {"kind": "date", "rel_unit": "quarter", "rel": -4, "reported": True}
    if (m := g["the_quarter"].fullmatch(text)) and (m["which"] or text.startswith("the ")):
        if m["unit"] == "period" and not m["which"]:
            return None
        # "the quarter", "the latest quarter" in a report: the quarter it reports on
        which = (m["which"] or "").lower()
        return {"kind": "date", "rel_unit": "quarter", "rel": 0, "reported": which != "current"}
    if m := g["relative"].fullmatch(text):
        return {
            "kind": "date",
            "rel_unit": m["unit"].lower(),
            "rel": lx["relative_words"][m["rel"].lower()],
            "mod": _mod(m),
        }
    if g["the_year"].fullmatch(text):
        return {"kind": "date", "rel_unit": "year", "rel": 0, "report_year": True}
    if (m := g["the_unit"].fullmatch(text)) and _mod(m):
        return {"kind": "date", "rel_unit": m["unit"].lower(), "rel": 0, "mod": _mod(m)}
    if m := g["unit_end"].fullmatch(text):
        return {"kind": "date", "rel_unit": m["unit"].lower(), "rel": 0, "mod": "END"}
    if m := g["day_word"].fullmatch(text):
        word = m["dayword"].lower()
        out = {"kind": "date", "day_offset": lx["day_words"][word]}
        # "this morning", "last night", "tonight": the day word names a part of the day too
        part = m["tod"] or m["tod0"] or lx["day_word_parts"].get(word)
        if part:
            out["tod"] = lx["times_of_day"][part.lower()]
        return out
    if m := g["weekday"].fullmatch(text):
        out = {
            "kind": "date",
            "weekday": lx["weekdays"][m["weekday"].lower()],
            "rel": lx["relative_words"].get((m["rel"] or "").lower()),
        }
        if m["tod"]:
            out["tod"] = lx["times_of_day"][m["tod"].lower()]
        return out
    if m := g["ago"].fullmatch(text):
        amount = _number(m["num"]) if m["num"] else "X"
        if amount == "X" and not m["unit"].lower().endswith("s"):
            return None  # "months ago" is some months; "month ago" no expression
        direction = m["dir"].lower()
        return {
            "kind": "offset",
            "amount": amount,
            "unit": lx["units"][m["unit"].lower()],
            "sign": 1 if direction in ("later", "after") else -1,
            "base": "dct" if direction == "ago" else "previous",
            "mod": lx["approx_mods"][m["approx"].lower()] if m["approx"] else None,
        }
    if m := g["anaphor"].fullmatch(text):
        which = (m["which"] or "same").lower()
        sign = {"same": 0, "next": 1, "following": 1, "previous": -1, "preceding": -1}[which]
        return {
            "kind": "offset",
            "amount": abs(sign),
            "unit": lx["units"][m["unit"].lower()],
            "sign": sign or 1,
            "base": "previous",
            "anaphor": True,
        }
    if m := g["duration_past"].fullmatch(text):
        amount = _number(m["num"]) if m["num"] and not m["low"] else "X"
        amount = amount if m["num"] or m["unit"].lower().endswith("s") else 1
        return {"kind": "duration", "amount": amount, "unit": lx["units"][m["unit"].lower()]}
    if m := g["set"].fullmatch(text):
        amount = _number(m["num"]) if m["num"] else 1
        if m["weekday"]:
            return {
                "kind": "set",
                "value": f"XXXX-WXX-{lx['weekdays'][m['weekday'].lower()] + 1}",
            }
        return {"kind": "set", "value": f"P{amount}{lx['units'][m['unit'].lower()]}"}
    if m := g["set_in_year"].fullmatch(text):
        if m["month"]:
            month = lx["months"][m["month"].lower()]
            tail = f"-{int(m['day']):02d}" if m["day"] else ""
            return {"kind": "set", "value": f"XXXX-{month:02d}{tail}"}
        return {"kind": "set", "value": f"XXXX-{lx['seasons'][m['season'].lower()]}"}
    for name in ("clock_day", "day_clock"):
        if m := g[name].fullmatch(text):
            clock = _clock(m)
            weekday = lx["weekdays"][m["weekday"].lower()]
            return {"kind": "date", "weekday": weekday, "tod": clock} if clock else None
    if m := g["clock_date"].fullmatch(text):
        clock = _clock(m)
        if clock is None:
            return None
        return {
            "kind": "date",
            "year": int(m["year"]) if m["year"] else None,
            "month": lx["months"][m["month"].lower()],
            "day": int(m["day"]),
            "tod": clock,
        }
    if m := g["clock"].fullmatch(text):
        clock = _clock(m)
        return {"kind": "time", "clock": clock} if clock else None
    if (m := g["recent_units"].fullmatch(text)) and m["unit"].endswith("s"):
        return {"kind": "ref", "value": "PAST_REF"}  # "recent years", "recent weeks"
    if m := g["fraction_length"].fullmatch(text):
        out = {"kind": "duration", "amount": lx["fraction_lengths"][m["frac"]], "unit": "Y"}
        if m["approx"]:
            out["mod"] = lx["approx_mods"][m["approx"].lower()]
        return out
    if m := g["duration"].fullmatch(text):
        plural = m["unit"].lower().endswith("s")
        if (m["num"] is None and not plural) or (
            (m["num"] or "").lower() in ("a", "an") and plural
        ):
            return None
        amount = _number(m["num"]) if m["num"] and not m["low"] else "X"
        out = {"kind": "duration", "amount": amount, "unit": lx["units"][m["unit"].lower()]}
        if (m["half"] or m["and_half"]) and isinstance(amount, int):
            out["half"] = True  # "2 1/2 years"
        if m["approx"]:
            out["mod"] = lx["approx_mods"][m["approx"].lower()]
        return out
    return None


_RANGE = re.compile(
    r"(?:(?P<opener>from|between)\s+)?(?P<left>.+?)\s*(?:\s(?P<joiner>to|until|till|through|thru|and)\s|[–—-])"
    r"\s*(?P<right>.+)"
)
_DAY_RANGE = re.compile(
    r"(?:(?P<opener>from|between)\s+)?(?P<month>[a-z]+\.?)\s+(?P<d1>\d{1,2})"
    r"(?:\s*[–—-]\s*|\s+(?P<joiner>to|through|until|till|and)\s+)"
    r"(?P<d2>\d{1,2})(?P<rest>(?:,?\s+\d{4})?)"
)
_YEAR_RANGE = re.compile(r"(?P<y1>\d{4})\s*[–—-]\s*(?P<y2>\d{2}|\d{4})")


def _two_dates(m: re.Match[str]) -> bool:
    """ "May 3 and 10", "2010 and 2012": "and" joins the endpoints of a range only after
    "between"; otherwise it names two dates."""
    return m["joiner"] == "and" and m["opener"] != "between"


def _interval(text: str) -> Parse | None:
    if m := _YEAR_RANGE.fullmatch(text):
        y1 = int(m["y1"])
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
        if y2 <= y1:
            return None
        return {
            "kind": "interval",
            "left": {"kind": "date", "year": y1},
            "right": {"kind": "date", "year": y2},
        }
    if m := _DAY_RANGE.fullmatch(text):
        left = _single(f"{m['month']} {m['d1']}{m['rest']}")
        right = _single(f"{m['month']} {m['d2']}{m['rest']}")
        # "May 3 and 10, 2015" names two days, never the days between them (only "between
        # ... and" does): the expression dates its first day, in the year both days share
        if _two_dates(m):
            return left if left and left["kind"] == "date" else None
        if left and right and left["kind"] == right["kind"] == "date":
            return {"kind": "interval", "left": left, "right": right}
    m = _RANGE.fullmatch(text)
    if not m:
        return None
    if _two_dates(m):
        return None  # "2010 and 2012", "Monday and Friday": two dates, not an interval
    left, right = _single(m["left"]), _single(m["right"])
    if not left or not right or left["kind"] != "date" or right["kind"] != "date":
        return None
    # "September to December 2021": the left side takes the year the right side gives
    if left.get("year") is None and right.get("year") is not None and "month" in left:
        left = {**left, "year": right["year"]}
    return {"kind": "interval", "left": left, "right": right}


def _from_a_date(norm: str) -> Parse | None:
    """ "the day before last Tuesday", "two weeks after March 6": a day counted from a date the
    expression gives itself (not from the document's date or the story's last one)."""
    m = rules()["from_a_date"].fullmatch(norm)
    if m is None or lexicon()["units"][m["unit"].lower()] not in ("D", "W"):
        return None
    if m["num"] is None and m["unit"].lower().endswith("s"):
        return None  # "days after Oct. 12": how many, the text does not say here
    amount = 1 if m["num"] is None else _number(m["num"])
    inner = parse_expression(m["rest"])
    if not isinstance(amount, int) or inner is None or inner["kind"] != "date":
        return None
    return {
        "kind": "offset",
        "amount": amount,
        "unit": lexicon()["units"][m["unit"].lower()],
        "sign": 1 if m["dir"].lower() == "after" else -1,
        "base": "inner",
        "inner": inner,
    }


@lru_cache(maxsize=65536)
def parse_expression(text: str) -> Parse | None:
    """Parse a temporal expression's text; None when it is not one the grammar knows."""
    norm = normalize_text(text)
    if not norm or len(norm) > 80:
        return None
    if (counted := _from_a_date(norm)) is not None:
        return counted
    # "the next two years or so": the length, roughly; "1995 or later": that year or after
    for tail, tail_mod in lexicon()["expression_tails"].items():
        if norm.endswith(" " + tail):
            rough = parse_expression(norm[: -len(tail) - 1])
            kinds = ("duration", "date", "offset") if tail_mod == "APPROX" else ("date",)
            if rough is None or rough["kind"] not in kinds:
                return None
            return {**rough, "mod": rough.get("mod", tail_mod)}
    if "teen " in norm or "thousand" in norm:
        norm = spoken_to_digits(norm)
    first = norm.split(" ", 1)[0]
    # "about five years", "over a week": for a length the leading word is its modifier
    kept = _single(norm) if first in _APPROX_FIRST and norm.count(" ") else None
    norm = _strip_leading(norm)
    if kept and kept["kind"] in ("duration", "offset"):
        result: Parse | None = kept
    else:
        result = _year_range(norm) or _single(norm)
    if result is None:
        text = _DASHES.sub("-", norm) if _YEAR_RANGE.search(norm) else norm
        result = _interval(text)
    return _clean(result) if result is not None else None


def _year_range(text: str) -> Parse | None:
    """A year range written like an ISO month ("2019-20", "2010-11", "2019–2020") is a range
    when the dash is not a plain hyphen, or the second number cannot be a month, or it is the
    next year's last two digits."""
    m = _YEAR_RANGE.fullmatch(text)
    if not m:
        return None
    plain = "-" in text and not ("–" in text or "—" in text or " " in text)
    if plain and len(m["y2"]) == 2:
        y1, n = int(m["y1"]), int(m["y2"])
        if 1 <= n <= 12 and n != (y1 + 1) % 100:
            return None
    return _interval(_DASHES.sub("-", text))


def _clean(parse: Parse) -> Parse:
    return {k: _clean(v) if isinstance(v, dict) else v for k, v in parse.items() if v is not None}


def _strip_leading(text: str) -> str:
    words = sorted(lexicon()["strip_leading"], key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for w in words:
            if text.startswith(w + " ") and w not in ("from",):
                text = text[len(w) + 1 :]
                changed = True
    return text
