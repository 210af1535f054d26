"""Events on any subject: a date attached through the parse dates its predicate; the lead's
news takes the report's day. Texts are written for the tests."""

from __future__ import annotations

import pytest

from unionstate_timeline.pipeline import build

pytestmark = pytest.mark.model

HEADER = "Storm season\n\nPublished: Tuesday, March 9, 2021\n\n"


def write(tmp_path, body: str, header: str = HEADER) -> None:
    (tmp_path / "a.txt").write_text(header + body + "\n", encoding="utf-8")


def built(tmp_path, body: str, header: str = HEADER):  # type: ignore[no-untyped-def]
    write(tmp_path, body, header)
    return build([tmp_path])


def events(tmp_path, body: str, header: str = HEADER) -> list[tuple[str | None, str, str]]:
    timeline = built(tmp_path, body, header)
    return [
        (e.when.value if e.when else None, e.when.method if e.when else "", e.citations[0].quote)
        for e in timeline.events
    ]


def dated(found: list[tuple[str | None, str, str]]) -> set[str | None]:
    return {v for v, _, _ in found if v}


def test_extract_predicates_event_noun_modifier_but_not_a_thing(tmp_path) -> None:
    body = (
        "Engineers rebuilt the harbour wall, which the 1994 earthquake destroyed completely "
        "along with the old lighthouse and most of the piers. The council also spent the 2019 "
        "budget surplus on new street lights for the town centre and its suburbs."
    )
    assert "1994" in dated(events(tmp_path, body))
    assert "2019" not in dated(events(tmp_path, body))


def test_extract_predicates_a_comparison_baseline_dates_nothing(tmp_path) -> None:
    body = (
        "Ticket sales at the national museum rose sharply over the winter months, the museum "
        "said. Visitors will pay the same price next year as they did in 2020, it added."
    )
    assert "2020" not in dated(events(tmp_path, body))


def test_extract_predicates_a_date_as_object_dates_nothing(tmp_path) -> None:
    body = (
        "Crowds filled the main square of the capital on Friday to mark "
        "Independence Day with music, speeches and a parade through the old town streets."
    )
    found = events(tmp_path, body)
    assert not any("mark" in q and v and v.startswith("XXXX") for v, _, q in found)


def test_extract_predicates_lead_convention(tmp_path) -> None:
    body = (
        "Voters in the island republic have approved a new constitution that limits the "
        "president to two terms, according to results released by the electoral commission."
    )
    found = events(tmp_path, body)
    assert ("2021-03-09", "lead") in {(v, m) for v, m, _ in found}


@pytest.mark.parametrize(
    ("body", "news"),
    [
        (
            "The regional airline is cutting three hundred jobs at its maintenance base, "
            "the second round of layoffs at the carrier.",
            True,
        ),
        (
            "Fishermen along the northern coast are protesting against the new catch quotas "
            "set by the fisheries ministry.",
            True,
        ),
        (
            "The city is going to build a second bridge over the wide river that divides its "
            "old and new districts.",
            False,
        ),
        (
            "The ferry company is expected to raise its fares for the summer season on all "
            "of its routes to the islands.",
            False,
        ),
    ],
)
def test_extract_predicates_a_progressive_lead_is_the_news_under_way(
    tmp_path, body: str, news: bool
) -> None:
    found = events(tmp_path, body)
    assert (("2021-03-09", "lead") in {(v, m) for v, m, _ in found}) is news


def test_extract_predicates_no_lead_date_without_a_day(tmp_path) -> None:
    body = (
        "Voters in the island republic have approved a new constitution that limits the "
        "president to two terms, according to results released by the electoral commission."
    )
    found = events(tmp_path, body, header="Storm season\n\n")
    assert not any(m == "lead" for _, m, _ in found)


def test_extract_predicates_a_lead_state_is_not_news(tmp_path) -> None:
    # "has become an issue" tells a state, not the day's happening: the report's day goes to
    # the officials' saying at most, never to the state (whose title would be the flooding)
    body = (
        "The flooding of the lower town, which ruined hundreds of homes, has become an issue in "
        "the mayoral race, say local campaign officials."
    )
    leads = [e for e in built(tmp_path, body).events if e.when and e.when.method == "lead"]
    assert all(e.type == "statement" and "flooding" not in e.title.lower() for e in leads)


def test_extract_predicates_lead_quote_or_plan_is_not_news(tmp_path) -> None:
    body = (
        "The government will hold a referendum on the new constitution later in the spring, "
        "the prime minister told parliament in a long speech on the economy and reforms."
    )
    assert not any(m == "lead" for _, m, _ in events(tmp_path, body))


@pytest.mark.parametrize(
    ("body", "header", "expected"),
    [
        pytest.param(
            (
                "A powerful storm hit the northern coast on Saturday, officials said in a "
                "statement issued by the coastal authority this week."
            ),
            HEADER,
            "2021-03-06",
            id="any_verb_with_a_date",
        ),
        pytest.param(
            (
                "The two coaches shook hands before the final whistle, their first encounter in "
                "years. The last time the two clubs played each other was on May 2, 2015, in "
                "the cup."
            ),
            HEADER,
            "2015-05-02",
            id="copula_names_the_clause",
        ),
        pytest.param(
            (
                "The home side was held to a goalless draw at the national stadium in front of a "
                "crowd of forty thousand. The team might have clinched the league on Sunday by "
                "beating its rivals."
            ),
            HEADER,
            "2021-03-07",
            id="modal_perfect_looks_back",
        ),
        pytest.param(
            (
                "The museum reopened its east wing after a long renovation of the old galleries. "
                "The collection was moved to the new storage rooms in May, the director said."
            ),
            "Museum\n\nPublished: December 1, 2020\n\n",
            "2020-05",
            id="may_the_month_is_not_the_modal",
        ),
        pytest.param(
            (
                "The rowing club lost only twice all year, with a university crew beating it in "
                "spring and a harbour team proving to be too quick on the river in November."
            ),
            "Rowing\n\nPublished: April 20, 2021\n\n",
            "2020-11",
            id="infinitival_copula_takes_the_governing_verb_and_its_past",
        ),
    ],
)
def test_extract_predicates_dates_the_predicate(tmp_path, body: str, header: str, expected) -> None:
    assert expected in dated(events(tmp_path, body, header=header))


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            "The regional assembly Monday formally adopted a budget for roads and schools.",
            id="wire_style_bare_day_after_the_subject",
        ),
        pytest.param(
            "Fishermen from the northern villages on Monday blocked the port with their boats.",
            id="day_phrase_between_subject_and_verb",
        ),
    ],
)
def test_extract_predicates_a_day_before_the_verb_dates_it(tmp_path, body: str) -> None:
    found = events(tmp_path, body)
    assert "2021-03-08" in dated(found)
    assert not any(m == "lead" for _, m, _ in found)  # the day the text gives, not the report's


def test_extract_predicates_an_intention_keeps_its_own_time(tmp_path) -> None:
    # only a raising verb ("proved to be") hands its past down to the infinitive it governs;
    # a wish or plan in the past ("wanted to reopen in November") may lie either side of it
    body = (
        "The harbour authority wanted to reopen the western pier to ferries in November, "
        "after repairs to the sea wall."
    )
    found = events(tmp_path, body, header="Harbour\n\nPublished: April 20, 2021\n\n")
    assert "2020-11" not in dated(found)


def test_extract_predicates_a_date_inside_the_speaker_dates_no_saying(tmp_path) -> None:
    body = (
        "It was the worst flood in the valley, said the hydrologist, and the highest one "
        "since a storm in 1978."
    )
    timeline = built(tmp_path, body)
    assert not [
        e for e in timeline.events if e.type == "statement" and e.when and e.when.value == "1978"
    ]


def test_extract_predicates_lead_keeps_its_day_beside_a_dated_subordinate(tmp_path) -> None:
    body = (
        "Volunteers from the fishing villages have cleared the beach after a storm that struck "
        "the coast on Saturday."
    )
    found = events(tmp_path, body)
    assert ("2021-03-09", "lead") in {(v, m) for v, m, _ in found}
    assert "2021-03-06" in dated(found)


def test_extract_predicates_lead_keeps_its_day_beside_a_dated_noun_phrase(tmp_path) -> None:
    body = (
        "The head of the provincial assembly has issued a statement on the outcome of the "
        "2020 local elections in the mountain districts."
    )
    found = events(tmp_path, body)
    assert ("2021-03-09", "lead") in {(v, m) for v, m, _ in found}
    assert "2020" in dated(found)


def test_extract_predicates_no_lead_day_when_the_dated_noun_is_the_news(tmp_path) -> None:
    body = (
        "The governing party of the small island republic won Sunday's parliamentary vote by a "
        "wide margin over its three main rivals."
    )
    found = events(tmp_path, body)
    assert not any(m == "lead" for _, m, _ in found)


def test_extract_predicates_no_lead_day_beside_a_day_nobody_took(tmp_path) -> None:
    # a day the parse leaves unattached may be the news verb's own: abstain
    body = (
        "The harbour authority of the northern province, Friday, reopened the old channel to "
        "small ships and ferries."
    )
    found = events(tmp_path, body)
    assert not any(m == "lead" for _, m, _ in found)


def test_extract_predicates_no_lead_day_further_down_beside_any_time(tmp_path) -> None:
    body = (
        "Storms have flooded three coastal towns, officials said. The river has risen every "
        "day this month, with the worst levels recorded in the south in February."
    )
    found = events(tmp_path, body)
    assert not any(m == "lead" and "every day" in q for v, m, q in found)


def test_extract_predicates_a_length_describing_a_thing_keeps_the_news(tmp_path) -> None:
    body = (
        "The port authority said traffic was back to normal after the storm on the coast. "
        "The city has signed a 30-year lease with a shipping company for the eastern docks."
    )
    found = events(tmp_path, body)
    assert any(m == "lead" and "30-year lease" in q for _, m, q in found)


def test_extract_predicates_a_when_clause_on_a_date_happened_then(tmp_path) -> None:
    body = (
        "The river rose to its highest level since 1962, when floods destroyed the old bridge "
        "and most of the mills along the valley."
    )
    found = events(tmp_path, body)
    assert "1962" in dated(found)


def test_extract_predicates_a_confirmation_of_a_state_is_the_news(tmp_path) -> None:
    body = (
        "The water company has confirmed that there was a chemical leak at its treatment plant "
        "near the river, after residents complained of the smell."
    )
    assert ("2021-03-09", "lead") in {(v, m) for v, m, _ in events(tmp_path, body)}


def test_extract_predicates_a_date_deep_in_the_reported_clause_leaves_the_lead_its_day(
    tmp_path,
) -> None:
    body = (
        "The ferry operator has announced that work on the new terminal, which began three years "
        "ago, is far behind schedule because of a shortage of steel."
    )
    assert ("2021-03-09", "lead") in {(v, m) for v, m, _ in events(tmp_path, body)}


def test_extract_predicates_a_present_lead_of_a_known_kind_is_the_day_s_news(tmp_path) -> None:
    body = (
        "Astronomers at the mountain observatory announce the discovery of a faint comet moving "
        "towards the inner solar system, in a paper released by their institute."
    )
    assert ("2021-03-09", "lead") in {(v, m) for v, m, _ in events(tmp_path, body)}


def test_extract_predicates_a_present_stance_is_no_news(tmp_path) -> None:
    body = (
        "The mayor of the coastal town warmly values the progress the two harbour companies "
        "have made on the joint ferry service over the past years."
    )
    assert not any(m == "lead" for _, m, _ in events(tmp_path, body))


def test_extract_predicates_a_reporting_word_used_as_a_noun_is_no_statement() -> None:
    from unionstate_timeline.pipeline import extract_documents
    from unionstate_timeline.reading.document import make_document

    text = (
        HEADER + "Flood insurance claims in the state rose sharply in 2019, the insurers found.\n"
    )
    (x,) = extract_documents([make_document("a", "a.txt", text)])
    words = {m.trigger.lower() for m in x.events if m.type == "statement"}
    assert not words & {"claims", "state"}


def test_extract_predicates_a_weekday_parsed_as_an_object_dates_the_verb(tmp_path) -> None:
    body = (
        "Two hikers were named Thursday in a notice sent by the park office to rangers "
        "across the valley, after a week of searching the northern trails."
    )
    found = events(tmp_path, body)
    assert any(v == "2021-03-04" and "named" in q for v, _, q in found)


def test_extract_predicates_a_fronted_reporting_period_dates_the_results(tmp_path) -> None:
    body = (
        "The bakery chain opened four new shops this winter. For 2019, the chain earned "
        "$2.1 million on sales of $40 million, its owners told the local paper."
    )
    assert "2019" in dated(events(tmp_path, body))
    plan = "The chain budgeted $3 million for 2022, its owners told the local paper."
    assert "2022" not in dated(events(tmp_path, plan))


def test_extract_predicates_through_a_date_is_an_end_not_a_time(tmp_path) -> None:
    body = (
        "The island ferry subsidy runs through 2026 under the new budget, and the winter "
        "timetable lasted through March, the harbour office said in its yearly report."
    )
    assert not dated(events(tmp_path, body)) & {"2026", "2021-03"}


def _extraction(tmp_path, body: str):
    """The one document's extraction, through the pipeline's own extract stage."""
    from unionstate_timeline.models import Document
    from unionstate_timeline.pipeline import extract_documents
    from unionstate_timeline.reading.load import iter_documents

    write(tmp_path, body)
    docs = [d for d in iter_documents([tmp_path]) if isinstance(d, Document)]
    [extraction] = list(extract_documents(docs))
    return extraction


def test_extract_predicates_organizations_are_the_clause_s_arguments(tmp_path) -> None:
    body = (
        "Microsoft Corp. agreed on Monday to buy LinkedIn Corp. in a deal advised by "
        "Morgan Stanley."
    )
    extraction = _extraction(tmp_path, body)
    orgs = {o for m in extraction.events for o in m.organizations}
    assert "Microsoft Corp" in orgs or "Microsoft Corp." in orgs
    assert not {o for o in orgs if "Morgan" in o}  # an adjunct's bank is no party


def test_extract_predicates_a_period_s_bounds_are_no_event(tmp_path) -> None:
    body = (
        "The ferry company reported record ticket sales for the quarter ended Feb. 28, "
        "its chief executive told shareholders at the annual meeting in the port city."
    )
    assert "2021-02-28" not in dated(events(tmp_path, body))


def test_extract_predicates_agents_are_the_names_of_who_did_it(tmp_path) -> None:
    body = (
        "Harrow Mining Ltd. said on Tuesday that it agreed to sell its copper unit. "
        "The sale was approved on Wednesday by the Westmark Group board."
    )
    extraction = _extraction(tmp_path, body)
    agents = {m.trigger: m.agents for m in extraction.events}
    # a pronoun subject of a reported clause stands for the speaker
    assert any("Harrow" in a for a in agents.get("agreed", agents.get("said", [])))
    assert any("Westmark" in a for a in agents["approved"])  # a passive's "by" agent
