"""One entry per happening across outlets, and never one entry for two happenings. Articles
are written for the tests; each outlet tells the story in its own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionstate_timeline.assemble.across import join_across
from unionstate_timeline.assemble.clusters import Cluster, Item
from unionstate_timeline.models import Citation, EventMention, When
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


def _item(doc: str, at: int, trigger: str, quote: str) -> Item:
    mention = EventMention(doc_id=doc, type="other", title=quote, trigger=trigger,
                           status="occurred", sent_start=at, sent_end=at + len(quote))  # fmt: skip
    day = "2023-04-06"
    when = When(value=day, start=day, end=day, precision="day", method="t", confidence=1.0)
    cite = Citation(doc_id=doc, start=at, end=at + len(quote), quote=quote, date_text="Thursday")
    return Item(mention, when, cite, day, doc)


VOTED = "Arland voters yesterday voted to leave the old customs league."
RESULTS = "The results of the Arland vote Thursday will hurt the customs league."


def test_assemble_across_a_third_source_inside_a_cluster_joins_one_reports_two_mentions() -> None:
    # the report tells the vote twice, once in a cluster another outlet's vote already joined:
    # that outlet tells both as its one happening
    other = _item(
        "wire", 0, "voted", "Voters in Arland voted Thursday to leave the customs league."
    )
    joined = Cluster([other, _item("daily", 0, "voted", VOTED)])
    second = Cluster([_item("daily", 200, "hurt", RESULTS)])
    out = join_across([joined, second])
    assert len(out) == 1 and {i.mention.doc_id for i in out[0].items} == {"wire", "daily"}


def test_assemble_across_one_reports_two_mentions_without_a_third_source_stay_two() -> None:
    first = Cluster([_item("daily", 0, "voted", VOTED)])
    second = Cluster([_item("daily", 200, "hurt", RESULTS)])
    assert len(join_across([first, second])) == 2


def test_across_a_crowded_month_pairs_only_clusters_sharing_a_rare_key() -> None:
    from unionstate_timeline.assemble.across import _alike_pairs
    from unionstate_timeline.assemble.evidence import Bag, config

    limit = config()["evidence"]["max_block"]
    many = limit + 5

    def bag(*names: str) -> Bag:
        f = frozenset
        return Bag(f({"talks"}), f(names), f(), f({"meeting"}), f({"meeting"}))

    # every cluster of the month is a meeting; only clusters 0 and 1 name the same party
    bags = {i: bag(f"party{i}") for i in range(many)}
    bags[1] = bag("party0")
    pairs = _alike_pairs(list(range(many)), bags, frozenset())
    assert pairs == [(0, 1)]
    few = list(range(9))  # a day of a few clusters: every pair sharing a class
    assert len(_alike_pairs(few, bags, frozenset())) == 36


def test_assemble_across_two_reports_untyped_happenings_need_a_party_in_common() -> None:
    # two stocks that closed on one day, each report naming no company the other names
    wire = Cluster([_item("wire", 0, "closed", "Shares of the brewer closed at $23.10 in heavy "
                          "trading on the exchange.")])  # fmt: skip
    daily = Cluster([_item("daily", 0, "closed", "In heavy trading on the exchange its shares "
                           "closed at $7.45, down 30 cents.")])  # fmt: skip
    assert len(join_across([wire, daily])) == 2


def test_assemble_across_figures_of_their_own_and_no_name_in_common_are_two_happenings() -> None:
    from unionstate_timeline.assemble.across import _score
    from unionstate_timeline.assemble.evidence import Bag

    f = frozenset
    one = Bag(f({"earn", "sale", "quarter"}), f(), f({"480million"}), f({"earn"}), f({"earn"}))
    two = Bag(f({"earn", "sale", "quarter"}), f(), f({"822million"}), f({"earn"}), f({"earn"}))
    assert _score(one, two, f()) is None
    named = Bag(one.words, f({"northw"}), one.numbers, one.core, one.every)
    assert _score(named, Bag(two.words, f({"northw"}), two.numbers, two.core, two.every), f())


def test_assemble_across_figures_of_their_own_need_a_party_in_common_when_parties_are_named():
    from unionstate_timeline.assemble.across import _score
    from unionstate_timeline.assemble.evidence import Bag

    f = frozenset
    words, core = f({"share", "close", "trade", "cent"}), f({"close"})
    # two companies' shares, each closing at its own price in one market's trading: the
    # market's name is shared, no company is
    brewer = Bag(words, f({"harbor", "market", "brewer"}), f({"42"}), core, core, f({"brewer"}))
    miller = Bag(words, f({"harbor", "market", "miller"}), f({"17.5"}), core, core, f({"miller"}))
    assert _score(brewer, miller, f()) is None
    # one company's shares told twice with other figures: the company is shared
    again = Bag(words, f({"harbor", "market", "brewer"}), f({"41.75"}), core, core, f({"brewer"}))
    assert _score(brewer, again, f()) is not None


def test_assemble_across_the_lexicon_happening_alone_is_not_a_word_more() -> None:
    from unionstate_timeline.assemble.across import _score
    from unionstate_timeline.assemble.evidence import Bag

    f = frozenset
    one = Bag(f({"merge", "bank"}), f(), f(), f({"merge"}), f({"merge"}))
    two = Bag(f({"merge", "insurer"}), f(), f(), f({"merge"}), f({"merge"}))
    assert _score(one, two, f(), strong=True) is None  # "bought" / "takeover": only the kind
    three = Bag(f({"merge", "bank", "lender"}), f(), f(), f({"merge"}), f({"merge"}))
    assert _score(one, three, f(), strong=True) is not None


def test_assemble_a_grown_cluster_has_the_bag_of_all_its_items() -> None:
    from unionstate_timeline.assemble.evidence import bag

    first = _item("wire", 0, "voted", "Voters in Arland voted Thursday to leave the league.")
    second = _item("daily", 0, "hurt", "The results of the Kelso vote will hurt the league.")
    grown = Cluster([first])
    bag(grown)  # kept on the cluster
    grown.items.append(second)
    assert bag(grown) == bag(Cluster([first, second]))
