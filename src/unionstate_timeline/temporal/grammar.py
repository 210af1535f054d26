"""The temporal grammar: small regular expressions built from the words in
patterns/lexicon.json, one per kind of expression, and years said in words."""

from __future__ import annotations

import re
from functools import lru_cache

from ..patterns import lexicon


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> dict[str, re.Pattern[str]]:
    """The compiled grammar: one case-blind pattern per kind of expression, by name."""
    lx = lexicon()
    month = rf"(?P<month>{_alt(list(lx['months']))})\.?"
    wd = rf"(?P<weekday>{_alt(list(lx['weekdays']))})\.?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>\d{4})"
    season = rf"(?P<season>{_alt(list(lx['seasons']))})"
    unit = rf"(?P<unit>{_alt(list(lx['units']))})"
    words = _alt(list(lx["numbers"]))
    # "twenty-five", "thirty two": tens and units as one number
    count = rf"\d+|(?:{_alt(list(lx['tens']))})[- ](?:{words})|{words}"
    num = rf"(?P<num>{count})"
    # "two to three weeks", "12 to 18 months": a length between two counts
    low = rf"(?:(?P<low>{count})\s+(?:to|or)\s+)?"
    # "eight trading days": a kind of day, only after a count
    qual = rf"(?:(?:{_alt(list(lx['day_qualifiers']))})\s+(?=days?\b))?"
    rel = rf"(?P<rel>{_alt(list(lx['relative_words']))})"
    # "early", "mid-", "the end of", "by the end of the", "the beginning of"
    mod = (
        r"(?:(?:the\s+)?(?P<mod1>early|mid|late)\s*-?\s*"
        r"|(?:by\s+)?(?:the\s+)?(?P<mod2>end|beginning|start|middle|close|turn)\s+of\s+(?:the\s+)?)?"
    )
    centuries = _alt(list(lx["centuries"]))
    tod = rf"(?:\s+(?P<tod>{_alt(list(lx['times_of_day']))}))?"
    clock = (
        r"(?:(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)"
        rf"|(?P<named>noon|midnight|midday))(?:\s+(?P<zone>{_alt(lx['time_zones'])}))?"
    )
    g = {
        "iso": r"(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?",
        "iso_compact": r"(?P<year>(?:1[5-9]|2\d)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)",
        "dmy_num": r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})",
        "mdy_slash": r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})",
        # "last Oct. 23": the latest such day before the reference, "next June 5" the first after
        "mdy": rf"(?:{wd},?\s+)?{mod}(?:(?P<drel>last|next|this)\s+)?{month}\s+{day}"
        rf"(?:,?\s+{year})?{tod}",
        "dmy": rf"(?:{wd},?\s+)?(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?{tod}",
        "month": rf"{mod}(?:(?P<mrel>{_alt(list(lx['relative_words']))})\s+)?{month}"
        rf"(?:,?\s+(?:of\s+)?{year}|\s+(?P<yrel>this|last|next)\s+year)?",
        "year": rf"{mod}(?:the\s+year\s+|(?:the\s+)?fiscal\s+(?:year\s+)?|fy\s*)?{year}",
        "century": rf"{mod}(?:the\s+)?(?:(?P<cnum>\d{{1,2}})(?:st|nd|rd|th)|(?P<cword>{centuries}))"
        r"\s+century",
        "day_only": r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)",
        "holiday": rf"(?P<holiday>{_alt(list(lx['holidays']))})(?:,?\s+{year})?",
        "floating": r"(?:(?P<rel>last|next|this)\s+)?"
        rf"(?P<holiday>{_alt([k for k in lx['floating_holidays'] if k[0] != '_'])})"
        rf"(?:,?\s+{year})?",
        "decade": rf"{mod}(?:the\s+)?'?(?P<decade>\d{{1,3}})0'?s",
        # "the nineties", "the early sixties": a decade of the century said in words
        "decade_word": rf"{mod}(?:the\s+)?(?P<dword>{_alt(list(lx['decade_words']))})",
        "season": rf"{mod}(?:the\s+)?(?:{rel}\s+)?{season}(?:\s+(?:of\s+)?{year})?",
        "year_season": rf"{year}\s+{season}",
        # "the third quarter", "this year's first half", "the 1988 second quarter", "the
        # year-ago third quarter"
        "quarter": r"(?:the\s+(?:(?P<year0>\d{4})\s+|(?P<ago0>year\s*-\s*(?:ago|earlier))\s+)?"
        r"|(?P<rel0>this|last|next)\s+year'?s\s+)?(?:fiscal\s+)?"
        r"(?P<ord>first|second|third|fourth|last|final|1st|2nd"
        r"|3rd|4th)(?:\s*-\s*|\s+)(?:fiscal\s+)?"
        r"(?P<part>quarter|half)(?:\s+of\s+(?:(?:the\s+)?year|(?P<rel>this|last|next)\s+year"
        r"|(?P<year>\d{4})))?",
        # "the 1988 period": the quarter a report is about, in the year it names
        "year_period": r"the\s+(?P<year>\d{4})\s+(?:quarter|period)",
        "q_code": r"(?P<part>q|h)(?P<n>[1-4])(?:\s+(?P<year>\d{4}))?",
        "the_quarter": rf"(?:the\s+)?(?P<which>{_alt(list(lx['reported_period_words']))})?"
        r"\s*(?P<unit>quarter|period)",
        # "year-earlier results", "the year-ago quarter": the reported quarter, a year before
        "year_ago": r"(?:the\s+(?=.*\s(?:quarter|period)$))?year\s*-\s*(?:ago|earlier|before)"
        r"(?:\s+(?:quarter|period))?",
        "relative": rf"{mod}(?:(?:earlier|later)\s+)?(?:the\s+(?=current\s))?{rel}\s+(?:fiscal\s+)?"
        r"(?P<unit>week|month|year|quarter|decade|century|weekend)",
        "the_unit": rf"{mod}(?P<unit>year|month|week|decade)",
        # "year-end", "by year's end": the end of the year of the report
        "unit_end": r"(?P<unit>year|month)(?:'s)?\s*-?\s*end",
        # "sales for the full year", "the fiscal year": in a report, the year it reports on
        "the_year": r"the\s+(?:full\s+|fiscal\s+)?year",
        # "yesterday afternoon", "mid-afternoon yesterday", "noon today"
        "day_word": rf"(?:(?P<tod0>{_alt(list(lx['times_of_day']))})\s+)?"
        r"(?:(?P<dmod>early|late|earlier|later)\s+)?"
        rf"(?P<dayword>{_alt(list(lx['day_words']))})"
        rf"(?:\s+(?P<tod>{_alt(list(lx['times_of_day']))}))?",
        "weekday": rf"(?:{rel}\s+)?{wd}{tod}",
        # "two years ago", "almost a decade ago": the modifier belongs to the offset
        "ago": rf"(?:(?P<approx>{_alt(list(lx['approx_mods']))})\s+)?(?:{num}\s+)?{unit}\s+"
        r"(?P<dir>ago|earlier|later|before|after)",
        # "the day before last Tuesday", "two weeks after March 6": counted from the date the
        # expression gives itself (`rest`, a date of its own)
        "from_a_date": rf"(?:the\s+|{num}\s+)?{unit}\s+(?P<dir>before|after)\s+(?P<rest>.+)",
        "anaphor": r"(?:(?:earlier|later)\s+(?=that\s))?"
        r"(?:that|the\s+(?P<which>same|next|following|previous|preceding))\s+"
        r"(?P<unit>day|week|month|year)",
        "duration_past": rf"(?:the\s+)?(?P<rel>past|last|next|coming|previous|first)"
        rf"(?:\s+{low}{num})?\s+{unit}",
        "duration": rf"(?:(?P<approx>{_alt(list(lx['approx_mods']))})\s+)?(?:the\s+(?=\w+\s))?"
        rf"(?:{low}{num}(?P<half>\s+1/2)?\s*-?\s*(?:more\s+)?{qual})?{unit}"
        r"(?P<and_half>\s+and\s+a\s+half)?(?:\s*-?\s*(?:long|old))?",
        # "a quarter-century", "half a century": years, by the lexicon's fraction_lengths
        "fraction_length": rf"(?:(?P<approx>{_alt(list(lx['approx_mods']))})\s+)?"
        rf"(?:an?\s+|the\s+)?(?P<frac>{_alt(list(lx['fraction_lengths']))})",
        "recent_units": rf"(?:recent|past)\s+(?P<unit>{_alt(list(lx['units']))})",
        "set": rf"(?:every|each)(?:\s+{num})?\s+(?:{unit}|{wd})",
        # "each July", "every summer": a month or season of every year
        "set_in_year": rf"(?:every|each)\s+(?:{month}(?:\s+{day})?|{season})",
        "clock": clock,
        # "10 p.m. Wednesday", "noon EDT Thursday", "Friday, 9:30 a.m."
        "clock_day": rf"{clock},?\s+(?:on\s+)?{wd}",
        "day_clock": rf"{wd},?\s+{clock}",
        # "5 p.m. EST Nov. 9", "noon, June 3, 2021": a deadline to the hour
        "clock_date": rf"{clock},?\s+(?:on\s+)?{month}\s+{day}(?:,?\s+{year})?",
    }
    return {name: re.compile(pattern, re.IGNORECASE) for name, pattern in g.items()}


@lru_cache(maxsize=1)
def _spoken_year() -> re.Pattern[str]:
    """ "nineteen ninety-six", "two thousand and one": a year said in words, as transcripts of
    broadcasts write it."""
    lx = lexicon()["numbers"]
    units = [w for w, n in lx.items() if isinstance(n, int) and 1 <= n <= 9 and " " not in w]
    units = [w for w in units if w not in ("a", "an")]
    teens = [w for w, n in lx.items() if isinstance(n, int) and 10 <= n <= 19]
    tens = list(lexicon()["tens"])
    century = r"(?P<century>eighteen|nineteen|twenty)"
    rest = rf"(?P<tens>{_alt(tens)})(?:[- ](?P<unit>{_alt(units)}))?|(?P<teen>{_alt(teens)})"
    millennium = rf"two thousand(?:(?: and)? (?P<munit>{_alt(units + teens)}))?"
    return re.compile(rf"\b(?:{century} (?:{rest})|{millennium})\b")


def spoken_to_digits(text: str) -> str:
    numbers = lexicon()["numbers"]

    def digits(m: re.Match[str]) -> str:
        if m["century"]:
            low = numbers[m["teen"]] if m["teen"] else lexicon()["tens"][m["tens"]]
            low += numbers[m["unit"]] if m["unit"] else 0
            return str(numbers[m["century"]] * 100 + low)
        return str(2000 + (numbers[m["munit"]] if m["munit"] else 0))

    return _spoken_year().sub(digits, text)
