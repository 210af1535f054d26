"""One entry per happening across outlets, and never one entry for two happenings. Articles
are written for the tests; each outlet tells the story in its own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionstate_timeline.pipeline import build

pytestmark = pytest.mark.model

HEADER = "{title}\n\nPublished: Wednesday, March 10, 2021\n\n"


def _write(folder: Path, name: str, title: str, body: str) -> None:
    (folder / f"{name}.txt").write_text(HEADER.format(title=title) + body + "\n", "utf-8")


def test_assemble_across_one_quake_told_by_two_outlets(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "wire",
        "Quake shakes Ardenport",
        "A strong earthquake shook the port city of Ardenport on Tuesday, toppling "
        "old warehouses along the harbour and cutting power to thousands of homes.",
    )
    _write(tmp_path, "paper", "Ardenport counts the damage",
           "The quake that hit Ardenport on March 9, 2021, destroyed dozens of warehouses "
           "near the harbour, the city's mayor said in a statement on Wednesday.")  # fmt: skip
    timeline = build([tmp_path])
    quake = [e for e in timeline.events if e.when and e.when.value == "2021-03-09"]
    assert len(quake) == 1 and {c.doc_id for c in quake[0].citations} == {"wire", "paper"}


def test_assemble_across_two_happenings_of_one_day_stay_apart(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "one",
        "Quake in Ardenport",
        "A strong earthquake shook the port city of Ardenport on Tuesday, toppling "
        "old warehouses along the harbour and cutting power to thousands of homes.",
    )
    _write(tmp_path, "two", "Floods in Belmont",
           "Heavy rain flooded the river valley around Belmont on Tuesday, forcing hundreds "
           "of families to leave their homes as the water rose through the night.")  # fmt: skip
    timeline = build([tmp_path])
    day = [e for e in timeline.events if e.when and e.when.value == "2021-03-09"]
    assert len(day) == 2


def test_assemble_across_two_speakers_of_one_day_stay_apart(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "one",
        "Mayor on the budget",
        "Mayor Jane Holt said on Tuesday that the city would balance its budget without "
        "raising taxes on homes or businesses this year.",
    )
    _write(tmp_path, "two", "Union on the strike",
           "Union leader Omar Castell said on Tuesday that bus drivers would walk out unless "
           "the city raised their wages before the summer holidays.")  # fmt: skip
    timeline = build([tmp_path])
    said = [e for e in timeline.events if e.type == "statement" and e.when
            and e.when.value == "2021-03-09"]  # fmt: skip
    assert len(said) == 2
