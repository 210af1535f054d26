"""A synthetic benchmark corpus: the sample articles replicated with varied ids, datelines,
years and names, plus template articles. Deterministic for a given seed."""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CITIES = ["MOSCOW", "MINSK", "SOCHI", "ST. PETERSBURG", "BREST", "GRODNO", "SMOLENSK"]
PLACES = ["Sochi", "Minsk", "Moscow", "St. Petersburg", "Brest", "Grodno", "Valaam", "Kazan"]
OUTLETS = ["TASS", "BelTA", "Interfax", "RIA Novosti"]
# (as in the sample articles, a stand-in of the same shape)
NAMES = [
    ("Dmitry Peskov", "Yuri Ushakov"),
    ("Vladimir Semashko", "Igor Petrishenko"),
    ("Sergei Rumas", "Roman Golovchenko"),
    ("Dmitry Peskov", "Maria Zakharova"),
]
SUBJECTS = ["integration roadmaps", "union programmes", "joint projects", "trade agreements"]
EVENTS = [
    "Presidents {a} and {b} met in {place} on {date} to discuss the integration roadmaps.",
    "The Supreme State Council of the Union State will meet in {place} on {date}, {a} said.",
    "{a} and {b} signed an agreement on a common energy market on {date} in {place}.",
    "The Council of Ministers of the Union State approved the budget for {year} on {date}.",
    "Talks between {a} and {b} scheduled for {date} in {place} were postponed until {month2}.",
    "Russia extended a loan of ${n} million to Belarus on {date}, the finance ministry said.",
    "Trade between the two countries grew by {pct} percent in {year}, {a} told reporters.",
    "{a} said on {weekday} that {n2} of the {total} roadmaps were ready and {rest} were not "
    "agreed.",
    "In the summer of {year} the sides agreed to launch {n2} union programmes by {month2} {year2}.",
    "The treaty, signed on December 8, 1999, entered into force on January 26, 2000.",
    "From September {year} to December {year2} the working groups met {n2} times in {place}.",
    "{a} will visit {place} early next week, {b} told journalists on {weekday}.",
]
FILLER = [
    "The sides discussed the state of bilateral relations and prospects for cooperation.",
    "Experts say the integration process has slowed down over the past years.",
    "The Kremlin press service did not give further details.",
    "Both countries are members of the Eurasian Economic Union and the CSTO.",
    "Analysts expect the question of energy prices to remain on the agenda.",
]
YEAR = re.compile(r"\b(199\d|20[0-2]\d)\b")
DATELINE = re.compile(
    r"^([A-Z][A-Z. ]+), (January|February|March|April|May|June|July|August|"
    r"September|October|November|December) (\d{1,2})",
    re.MULTILINE,
)


def vary_sample(text: str, rng: random.Random) -> str:
    """A sample article with its dateline, years and secondary names changed."""
    shift = rng.randint(-3, 3)
    text = YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    text = DATELINE.sub(
        lambda m: f"{rng.choice(CITIES)}, {rng.choice(MONTHS)} {rng.randint(1, 28)}", text, count=1
    )
    old, new = rng.choice(NAMES)
    text = text.replace(old.split()[-1], new.split()[-1])
    # a closing paragraph from the templates keeps every copy distinct
    return text.rstrip("\n") + "\n\n" + " ".join(template_article(rng).split("\n\n")[-2:])


def template_article(rng: random.Random) -> str:
    """A synthetic news article built from sentence templates."""
    year = rng.randint(1999, 2024)
    month, day = rng.randrange(12), rng.randint(1, 28)
    a, b = rng.choice(NAMES)
    lines = [
        f"{rng.choice(['Putin', 'Lukashenko', a.split()[-1]])} on "
        f"{rng.choice(SUBJECTS)}: talks in {rng.choice(PLACES)}",
        "",
        f"{rng.choice(CITIES)}, {MONTHS[month]} {day}, {year}. /{rng.choice(OUTLETS)}/. "
        f"{FILLER[0]}",
    ]
    for _ in range(rng.randint(6, 14)):
        total = rng.randint(20, 40)
        n2 = rng.randint(1, total - 1)
        fields = {
            "a": rng.choice([a, "Vladimir Putin", "Alexander Lukashenko"]),
            "b": rng.choice([b, "Alexander Lukashenko", "Mikhail Mishustin"]),
            "place": rng.choice(PLACES),
            "year": year,
            "year2": year + rng.randint(0, 2),
            "date": rng.choice(
                [
                    f"{MONTHS[rng.randrange(12)]} {rng.randint(1, 28)}",
                    f"{MONTHS[rng.randrange(12)]} {rng.randint(1, 28)}, {year}",
                    rng.choice(WEEKDAYS),
                    "last week",
                    "the end of the year",
                ]
            ),
            "month2": rng.choice(MONTHS),
            "weekday": rng.choice(WEEKDAYS),
            "n": rng.randint(100, 1500),
            "pct": rng.randint(1, 30),
            "n2": n2,
            "total": total,
            "rest": total - n2,
        }
        lines.append(rng.choice(EVENTS).format(**fields) + " " + rng.choice(FILLER))
    return "\n\n".join(lines) + "\n"


def make_corpus(folder: Path, n: int, *, seed: int = 7, sample_share: float = 0.5) -> list[Path]:
    """Write n articles into folder: about `sample_share` varied samples, the rest templates."""
    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        if rng.random() < sample_share:
            text = vary_sample(samples[i % len(samples)], rng)
        else:
            text = template_article(rng)
        path = folder / f"{i:05d}_{rng.getrandbits(48):012x}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
