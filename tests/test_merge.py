"""Merge stage on hand-made mentions: what is one event, what is not, stable ids."""

from __future__ import annotations

import random

from unionstate_timeline.assemble.merge import dates_compatible, merge
from unionstate_timeline.models import AnchoredDocument, DocExtraction, EventMention, When
from unionstate_timeline.reading.document import make_document
from unionstate_timeline.temporal.values import precision_of, span_of


def when(value: str) -> When:
    start, end = span_of(value)
    return When(
        value=value,
        start=start,
        end=end,
        precision=precision_of(value),
        method="explicit",
        confidence=1.0,
    )


def doc_with(doc_id: str, events: list[tuple[str, str | None, list[str]]]):
    """One document whose sentence i reports events[i] = (type, date value, actors)."""
    sentences = [f"Sentence number {i} reports an event." for i in range(len(events))]
    text = " ".join(sentences)
    document = make_document(doc_id, f"{doc_id}.txt", text)
    mentions, whens, pos = [], [], 0
    for i, (type_, value, actors) in enumerate(events):
        s = sentences[i]
        mentions.append(
            EventMention(
                doc_id=doc_id,
                type=type_,
                title=f"{type_} {i}",
                trigger="x",
                status="occurred",
                actors=actors,
                timex=len(whens) if value else None,
                sent_start=pos,
                sent_end=pos + len(s),
            )
        )
        if value:
            whens.append(when(value))
        pos += len(s) + 1
    return (
        DocExtraction(doc=document, events=mentions),
        AnchoredDocument(info=document.info, whens=whens),
    )


def build(*docs):
    return merge([d[0] for d in docs], [d[1] for d in docs])


def test_merge_dates_compatible_rules():
    assert dates_compatible(when("1999-12-08"), when("1999-12-08"))
    assert dates_compatible(when("1999"), when("1999-12-08"))
    assert not dates_compatible(when("XXXX-12-08"), when("1999-12-08"))
    assert dates_compatible(when("XXXX-12-08"), when("XXXX-12-08"))
    assert not dates_compatible(when("1999-12-07"), when("1999-12-08"))
    assert not dates_compatible(when("2000"), when("1999-12-08"))


def test_merge_same_event_in_three_documents_is_one_entry():
    tl = build(
        doc_with("a", [("treaty_signed", "1999-12-08", ["Russia"])]),
        doc_with("b", [("treaty_signed", "1999-12-08", [])]),
        doc_with("c", [("treaty_signed", "1999-12-08", ["Russia", "Belarus"])]),
    )
    assert len(tl.events) == 1
    assert [c.doc_id for c in tl.events[0].citations] == ["a", "b", "c"]
    assert tl.events[0].actors == ["Belarus", "Russia"]


def test_merge_contradicting_actors_stay_apart():
    tl = build(
        doc_with("a", [("statement", "2019-12-10", ["Dmitry Peskov"])]),
        doc_with("b", [("statement", "2019-12-10", ["Alexander Lukashenko"])]),
    )
    assert len(tl.events) == 2


def test_merge_coarse_date_in_the_same_document_is_another_event():
    tl = build(doc_with("a", [("meeting", "2021-09-09", []), ("meeting", "2021", [])]))
    assert sorted(e.when.value for e in tl.events) == ["2021", "2021-09-09"]


def test_merge_coarse_date_from_another_source_with_shared_actor_joins():
    tl = build(
        doc_with("a", [("meeting", "2021-09-09", ["Vladimir Putin"])]),
        doc_with("b", [("meeting", "2021", ["Vladimir Putin"])]),
    )
    assert len(tl.events) == 1 and tl.events[0].when.value == "2021-09-09"


def test_merge_ambiguous_coarse_date_joins_nothing():
    tl = build(
        doc_with(
            "a",
            [
                ("meeting", "2019-12-07", ["Vladimir Putin"]),
                ("meeting", "2019-12-20", ["Vladimir Putin"]),
            ],
        ),
        doc_with("b", [("meeting", "2019", ["Vladimir Putin"])]),
    )
    assert len(tl.events) == 3


def test_merge_ids_are_stable_and_order_free():
    docs = [
        doc_with(n, [("meeting", f"2019-12-0{i + 1}", ["X Y"]), ("approval", "2020", [])])
        for i, n in enumerate("abcd")
    ]
    first = build(*docs)
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    assert build(*shuffled) == first
    more = build(*docs, doc_with("e", [("loan", "2021", [])]))
    assert {e.event_id for e in first.events} <= {e.event_id for e in more.events}


def test_merge_conflicting_days_for_one_signing_are_recorded():
    tl = build(
        doc_with("a", [("treaty_signed", "1999-12-08", [])]),
        doc_with("b", [("treaty_signed", "1999-12-09", [])]),
    )
    assert len(tl.events) == 1
    conflict = tl.events[0].conflicts[0]
    assert conflict.field == "when" and conflict.values == ["1999-12-08", "1999-12-09"]
    assert conflict.doc_ids == ["a", "b"]


def test_merge_signings_far_apart_are_two_treaties_not_a_conflict():
    tl = build(
        doc_with("a", [("treaty_signed", "1999-12-08", [])]),
        doc_with("b", [("treaty_signed", "1999-01-26", [])]),
    )
    assert len(tl.events) == 2 and not any(e.conflicts for e in tl.events)


def test_merge_different_meetings_on_near_days_are_not_conflicts():
    tl = build(
        doc_with("a", [("meeting", "2019-12-07", [])]),
        doc_with("b", [("meeting", "2019-12-08", [])]),
    )
    assert len(tl.events) == 2 and not any(e.conflicts for e in tl.events)


def test_merge_undated_events_come_last():
    tl = build(doc_with("a", [("visit", None, ["X Y"]), ("meeting", "2019", [])]))
    assert [e.when is None for e in tl.events] == [False, True]


def test_merge_planned_then_held_is_one_event_that_occurred():
    planned_x, planned_a = doc_with("a", [("meeting", "2019-12-20", ["Vladimir Putin"])])
    held_x, held_a = doc_with("b", [("meeting", "2019-12-20", ["Vladimir Putin"])])
    planned_x = planned_x.model_copy(
        update={"events": [planned_x.events[0].model_copy(update={"status": "planned"})]}
    )
    planned_a = planned_a.model_copy(
        update={"info": planned_a.info.model_copy(update={"published": when("2019-12-08")})}
    )
    held_a = held_a.model_copy(
        update={"info": held_a.info.model_copy(update={"published": when("2019-12-21")})}
    )
    tl = merge([planned_x, held_x], [planned_a, held_a])
    assert len(tl.events) == 1
    assert tl.events[0].status == "occurred"
    assert [c.doc_id for c in tl.events[0].citations] == ["a", "b"]


def test_merge_report_dated_before_the_event_keeps_it_planned():
    x, a = doc_with("a", [("meeting", "2019-12-20", [])])
    a = a.model_copy(update={"info": a.info.model_copy(update={"published": when("2019-12-08")})})
    assert merge([x], [a]).events[0].status == "planned"


def test_merge_a_venue_is_in_its_city():
    tl = build(
        doc_with("a", [("meeting", "2021-09-09", [])]),
        doc_with("b", [("meeting", "2021-09-09", [])]),
    )
    assert len(tl.events) == 1  # no places: one event
    from unionstate_timeline.assemble.fits import place_key as _place_key

    assert _place_key("the Kremlin") == _place_key("Moscow") == "moscow"
    assert _place_key("St. Petersburg") == _place_key("St Petersburg")


def test_merge_one_sentence_two_dates_of_one_event():
    x, a = doc_with("a", [("meeting", "2019-12-20", [])])
    m = x.events[0]
    x = x.model_copy(update={"events": [m, m.model_copy(update={"timex": 1})]})
    a = a.model_copy(update={"whens": [when("2019-12-20"), when("2019-12")]})
    tl = merge([x], [a])
    assert [e.when.value for e in tl.events] == ["2019-12-20"]


def test_merge_two_reports_of_one_quarter_told_in_like_words_stay_apart():
    # two companies' results of one quarter: a coarse date and common words are no evidence
    def one(doc_id: str, title: str, trigger: str):
        document = make_document(doc_id, f"{doc_id}.txt", title + ".")
        mention = EventMention(
            doc_id=doc_id, type="other", title=title, trigger=trigger, status="occurred",
            actors=[], timex=0, sent_start=0, sent_end=len(title) + 1,
        )  # fmt: skip
        return (
            DocExtraction(doc=document, events=[mention]),
            AnchoredDocument(info=document.info, whens=[when("2019-Q3")]),
        )

    tl = build(
        one("a", "Quarterly net income rose sharply on higher sales", "rose"),
        one("b", "Net income fell sharply on weaker sales", "fell"),
    )
    assert len(tl.events) == 2


def _with_orgs(doc, orgs: list[str]):
    extraction, anchored = doc
    events = [m.model_copy(update={"organizations": orgs}) for m in extraction.events]
    return extraction.model_copy(update={"events": events}), anchored


def test_merge_two_companies_approvals_of_one_day_stay_apart():
    tl = build(
        _with_orgs(doc_with("a", [("approval", "1989-11-02", [])]), ["Pacific Harbour Corp."]),
        _with_orgs(doc_with("b", [("approval", "1989-11-02", [])]), ["Montalto S.p.A."]),
        doc_with("c", [("approval", "1989-11-02", [])]),  # names none: may join one, not both
    )
    assert not [e for e in tl.events if {"a", "b"} <= {c.doc_id for c in e.citations}]


def test_merge_one_company_under_two_names_is_one_entry():
    tl = build(
        _with_orgs(doc_with("a", [("approval", "1989-11-02", [])]), ["Northwind Corp."]),
        _with_orgs(doc_with("b", [("approval", "1989-11-02", [])]), ["Northwind"]),
    )
    assert len(tl.events) == 1


def test_merge_an_organization_and_its_acronym_are_one_party():
    tl = build(
        _with_orgs(doc_with("a", [("approval", "1989-11-02", [])]), ["NATO"]),
        _with_orgs(
            doc_with("b", [("approval", "1989-11-02", [])]), ["North Atlantic Treaty Organization"]
        ),
    )
    assert len(tl.events) == 1


def _with(doc, **fields):
    extraction, anchored = doc
    events = [m.model_copy(update=fields) for m in extraction.events]
    return extraction.model_copy(update={"events": events}), anchored


def test_merge_two_reports_whose_agents_differ_stay_apart():
    # two outlets, one day, one kind of event, each naming who did it: two happenings
    tl = build(
        _with(doc_with("a", [("agreement", "2023-05-12", [])]), agents=["Harrow Mining Ltd."]),
        _with(doc_with("b", [("agreement", "2023-05-12", [])]), agents=["Castlemere Foods"]),
    )
    assert len(tl.events) == 2


def test_merge_a_country_agrees_with_its_adjective_as_an_agent():
    tl = build(
        _with(doc_with("a", [("agreement", "2023-05-12", [])]), agents=["Norway", "Iceland"]),
        _with(
            doc_with("b", [("agreement", "2023-05-12", [])]),
            agents=["Norwegian Prime Minister Anna Berg", "Icelandic"],
        ),
    )
    assert len(tl.events) == 1


def test_merge_untyped_events_of_two_reports_need_a_party_in_common():
    # "shares fell" in two reports of one day: a busy day holds many falls
    def one(doc_id: str, title: str, orgs: list[str]):
        document = make_document(doc_id, f"{doc_id}.txt", title + ".")
        mention = EventMention(
            doc_id=doc_id, type="other", title=title, trigger="fell", status="occurred",
            actors=[], organizations=orgs, timex=0, sent_start=0, sent_end=len(title) + 1,
        )  # fmt: skip
        return (
            DocExtraction(doc=document, events=[mention]),
            AnchoredDocument(info=document.info, whens=[when("2023-05-12")]),
        )

    apart = build(
        # the model tagged neither company: the capitalised names of the sentences still differ
        one("a", "Shares of Harrow Mining fell 40 cents in heavy trading", []),
        one("b", "Shares of Castlemere Foods fell 12 cents in heavy trading", []),
    )
    assert len(apart.events) == 2
    together = build(
        one("a", "Shares of Harrow fell 40 cents in heavy trading", ["Harrow"]),
        one("b", "Harrow's stock fell sharply", ["Harrow"]),
    )
    assert len(together.events) == 1


def test_merge_sentences_naming_different_things_are_two_statements_of_a_day():
    def one(doc_id: str, quote: str):
        document = make_document(doc_id, f"{doc_id}.txt", quote)
        mention = EventMention(
            doc_id=doc_id, type="statement", title=quote, trigger="said", status="occurred",
            actors=[], timex=0, sent_start=0, sent_end=len(quote),
        )  # fmt: skip
        return (
            DocExtraction(doc=document, events=[mention]),
            AnchoredDocument(info=document.info, whens=[when("2023-05-12")]),
        )

    tl = build(
        one("a", "The board of Harrow Mining said it plans to close two common share classes."),
        one("b", "The board of Castlemere Foods said it plans to issue common share warrants."),
    )
    assert len(tl.events) == 2


def test_merge_a_year_joins_a_week_that_straddles_two_months():
    # the index files a cluster under its first month only; a coarser date still finds it
    tl = build(
        doc_with("a", [("meeting", "2021-W48", ["Irena Voss"])]),  # Nov 29 - Dec 5
        doc_with("b", [("meeting", "2021", ["Irena Voss"])]),
    )
    assert len(tl.events) == 1 and tl.events[0].when.value == "2021-W48"


def test_merge_a_month_naming_someone_joins_a_day_at_its_place_naming_no_one():
    tl = build(
        _with(doc_with("a", [("meeting", "2021-09-09", [])]), places=["Lisk"]),
        _with(doc_with("b", [("meeting", "2021-09", ["Irena Voss"])]), places=["Lisk"]),
    )
    assert len(tl.events) == 1 and tl.events[0].when.value == "2021-09-09"


def _one_cluster(doc: str, value: str):
    from unionstate_timeline.assemble.clusters import Cluster, Item
    from unionstate_timeline.models import Citation

    m = EventMention(
        doc_id=doc, type="meeting", title="t", trigger="met", status="occurred",
        sent_start=0, sent_end=3,
    )  # fmt: skip
    cite = Citation(doc_id=doc, start=0, end=3, quote="met")
    return Cluster([Item(m, when(value), cite, None)])


def test_merge_a_coarse_date_past_a_full_block_looks_only_at_its_own_document():
    from unionstate_timeline.assemble.clusters import Blocks

    def filled(limit):
        blocks = Blocks(limit=limit)
        for doc in "abc":
            c = _one_cluster(doc, "2015")
            blocks.add(c, c.when, [("s", doc, 0)])
        return blocks

    mine = [("s", "b", 40)]
    assert len(filled(None).candidates(when("2015"), mine)) == 3
    assert len(filled(3).candidates(when("2015"), mine)) == 3
    found = filled(2).candidates(when("2015"), mine)
    assert [c.items[0].mention.doc_id for c in found] == ["b"]


def test_merge_a_day_is_compared_with_every_cluster_of_its_day_however_many():
    from unionstate_timeline.assemble.clusters import Blocks

    blocks = Blocks(limit=2)
    for doc in "abcd":
        c = _one_cluster(doc, "2015-03-02")
        blocks.add(c, c.when, [("s", doc, 0)])
    assert len(blocks.candidates(when("2015-03-02"), [("s", "e", 0)])) == 4


def test_merge_a_coarse_date_with_too_many_candidates_in_all_keeps_to_its_document():
    from unionstate_timeline.assemble.clusters import Blocks

    def filled(limit):
        blocks = Blocks(limit=limit)
        for n, doc in enumerate("abcd"):  # four days of one year, each in its own month's block
            c = _one_cluster(doc, f"2015-0{n + 1}-02")
            blocks.add(c, c.when, [("s", doc, 0), ("a", "Irena Voss")])
        return blocks

    lookup = [("s", "c", 9), ("a", "Irena Voss")]
    assert len(filled(4).candidates(when("2015"), lookup)) == 4
    found = filled(3).candidates(when("2015"), lookup)
    assert [c.items[0].mention.doc_id for c in found] == ["c"]


def test_merge_a_date_naming_someone_meets_only_clusters_of_that_day_naming_them_or_no_one():
    from unionstate_timeline.assemble.clusters import Blocks

    blocks = Blocks()
    for doc, actor in (("a", "Irena Voss"), ("b", "Tomas Brel"), ("c", None)):
        c = _one_cluster(doc, "2015-03-02")
        if actor:
            c.items[0].mention = c.items[0].mention.model_copy(update={"actors": [actor]})
        keys = [("s", doc, 0)] + ([("a", actor)] if actor else [])
        blocks.add(c, c.when, keys)
    found = blocks.candidates(when("2015-03-02"), [("s", "d", 0), ("a", "Irena Voss")])
    assert sorted(c.items[0].mention.doc_id for c in found) == ["a", "c"]
    assert len(blocks.candidates(when("2015-03-02"), [("s", "d", 0)])) == 3


def test_merge_a_coarse_date_counts_a_cluster_once_per_key_it_is_found_under():
    from unionstate_timeline.assemble.clusters import Blocks

    blocks = Blocks(limit=3)
    for n, doc in enumerate("ab"):  # each found under its actor and its place: four entries
        c = _one_cluster(doc, f"2015-0{n + 1}-02")
        blocks.add(c, c.when, [("s", doc, 0), ("a", "Irena Voss"), ("p", "lindau")])
    lookup = [("s", "b", 9), ("a", "Irena Voss"), ("p", "lindau")]
    assert [c.items[0].mention.doc_id for c in blocks.candidates(when("2015"), lookup)] == ["b"]
    assert len(blocks.candidates(when("2015"), lookup[:2])) == 2


def test_merge_runs_with_the_cyclic_collector_paused_and_gives_it_back():
    import gc

    from unionstate_timeline.assemble import merge as merging

    seen = []
    real = merging._merge
    merging._merge = lambda *a: seen.append(gc.isenabled()) or real(*a)
    try:
        assert gc.isenabled()
        merging.merge([], [])
    finally:
        merging._merge = real
    assert seen == [False] and gc.isenabled()


def test_merge_two_reports_statements_of_one_day_naming_no_one_stay_apart():
    from unionstate_timeline.assemble.clusters import Item
    from unionstate_timeline.assemble.merge import _cluster
    from unionstate_timeline.models import Citation, EventMention

    def said(doc, quote):
        m = EventMention(doc_id=doc, type="statement", title=quote, trigger="said",
                         status="occurred", sent_start=0, sent_end=len(quote))  # fmt: skip
        cite = Citation(doc_id=doc, start=0, end=len(quote), quote=quote, date_text="Friday")
        return Item(m, when("2015-03-06"), cite, "2015-03-06", doc)

    items = [said("a", "The company said Friday that its losses had narrowed."),
             said("b", "The company said Friday that it would buy back shares.")]  # fmt: skip
    assert len(_cluster(items)) == 2


def test_merge_two_reports_of_a_year_naming_no_party_in_common_stay_apart():
    from unionstate_timeline.assemble.clusters import Item
    from unionstate_timeline.assemble.merge import _cluster
    from unionstate_timeline.models import Citation, EventMention

    def approved(doc, quote, actors=()):
        m = EventMention(doc_id=doc, type="approval", title=quote, trigger="approved",
                         status="occurred", sent_start=0, sent_end=len(quote),
                         actors=list(actors))  # fmt: skip
        cite = Citation(doc_id=doc, start=0, end=len(quote), quote=quote, date_text="in 2015")
        return Item(m, when("2015"), cite, "2015", doc)

    apart = [approved("a", "The board approved a buyback plan in 2015."),
             approved("b", "Voters approved the new school levy in 2015.")]  # fmt: skip
    assert len(_cluster(apart)) == 2
    named = [approved("a", "The board approved a buyback plan in 2015.", ["Irena Voss"]),
             approved("b", "Irena Voss's plan was approved in 2015.", ["Irena Voss"])]  # fmt: skip
    assert len(_cluster(named)) == 1
