"""Titles say who did what, from the parse: the clause from its subject on, never a fronted
adverbial or a bare participle. Texts are written for the tests."""

from __future__ import annotations

import pytest

from unionstate_timeline.pipeline import build

pytestmark = pytest.mark.model

HEADER = "Harbour news\n\nPublished: Tuesday, March 9, 2021\n\n"


def titles(tmp_path, body: str) -> list[str]:
    (tmp_path / "a.txt").write_text(HEADER + body + "\n", encoding="utf-8")
    return [e.title for e in build([tmp_path]).events]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "After long talks in the port city, the two unions signed a wage deal on Monday.",
            "The two unions signed a wage deal",
            id="fronted_phrase_dropped",
        ),
        pytest.param(
            "Rescuers reached the village that a landslide buried on Sunday.",
            "A landslide buried",
            id="relative_clause_keeps_its_own_subject",
        ),
        pytest.param(
            "The harbour, which flooded on Sunday, reopened to ferries this week.",
            "The harbour flooded",
            id="relative_pronoun_takes_its_noun",
        ),
        pytest.param(
            "Ten years after the 2011 floods, the town finished its new river wall.",
            "The floods",
            id="a_fronted_happening_is_its_noun_phrase",
        ),
        pytest.param(
            "Officials praised the new bridge opened by the mayor on Saturday.",
            "The new bridge opened by the mayor",
            id="participle_takes_its_noun",
        ),
        pytest.param(
            "Shareholders of the ferry company responded coolly to Monday's announcement.",
            "Shareholders of the ferry company responded coolly to the announcement",
            id="a_possessive_date_leaves_the",
        ),
        pytest.param(
            "Ferry traffic rose 4% in February, the smallest gain in a year, the port said.",
            "Ferry traffic rose 4%, the smallest gain in a year",
            id="the_comma_after_a_date_stays_when_words_precede_it",
        ),
        pytest.param(
            "The harbour board, on Monday, approved the new ferry timetable.",
            "The harbour board approved the new ferry timetable",
            id="a_date_between_two_commas_leaves_both",
        ),
        pytest.param(
            "On Monday, the harbour board approved the new ferry timetable.",
            "The harbour board approved the new ferry timetable",
            id="a_fronted_date_leaves_with_its_comma",
        ),
    ],
)
def test_titles_say_who_did_what(tmp_path, body: str, expected: str) -> None:
    assert any(t.startswith(expected) for t in titles(tmp_path, body)), titles(tmp_path, body)


def test_titles_are_whole_in_the_data(tmp_path) -> None:
    body = (
        "The regional council of the northern province approved a long-delayed plan to rebuild "
        "the old stone harbour wall, the fish market and the ferry terminal on Monday."
    )
    found = titles(tmp_path, body)
    assert any(t.endswith("the fish market and the ferry terminal") for t in found), found


def test_titles_a_recurring_month_is_no_date_of_the_event(tmp_path) -> None:
    body = "Fishermen sail each July from the old harbour to the northern banks, the port said."
    (tmp_path / "a.txt").write_text(HEADER + body + "\n", encoding="utf-8")
    events = build([tmp_path]).events
    assert not [e for e in events if e.when is not None and e.when.value.endswith("-07")]
