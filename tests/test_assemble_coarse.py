"""One happening told at different precisions by different outlets ("in March" / "on March
9"), and the cases where a coarse date must join nothing. Articles are written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionstate_timeline.assemble.evidence import name_key, names_agree
from unionstate_timeline.pipeline import build

HEADER = "{title}\n\nPublished: {published}\n\n"


def _write(folder: Path, name: str, title: str, body: str, published: str) -> None:
    text = HEADER.format(title=title, published=published) + body + "\n"
    (folder / f"{name}.txt").write_text(text, "utf-8")


def test_assemble_coarse_names_agree_without_legal_forms_and_titles() -> None:
    assert name_key("the Northwind Corp.") == name_key("Northwind") == "northwind"
    assert names_agree({"Northwind Corp"}, {"Northwind"})
    assert names_agree({"Northwind"}, {"Northwind Energy"})
    assert not names_agree({"Northwind"}, {"Southgate Holdings"})


@pytest.mark.model
def test_assemble_coarse_month_mention_joins_the_day_of_another_outlet(tmp_path: Path) -> None:
    _write(tmp_path, "daily", "Ferry line opens",
           "The new ferry line between Ardenport and Kelso Island opened on March 9, 2021, "
           "carrying 340 passengers on its first crossing, the operator Bluewave said.",
           "Wednesday, March 10, 2021")  # fmt: skip
    _write(tmp_path, "monthly", "A busy spring on the water",
           "Bluewave opened its ferry line between Ardenport and Kelso Island in March 2021, "
           "and 340 passengers made the first crossing.",
           "Thursday, April 15, 2021")  # fmt: skip
    timeline = build([tmp_path])
    opened = [e for e in timeline.events if {c.doc_id for c in e.citations} >= {"daily", "monthly"}]
    assert len(opened) == 1
    assert opened[0].when is not None and opened[0].when.value == "2021-03-09"  # the finest
    assert "date" in opened[0].merged_on and "participants" in opened[0].merged_on


@pytest.mark.model
def test_assemble_coarse_month_mention_fitting_two_events_joins_neither(tmp_path: Path) -> None:
    _write(tmp_path, "daily", "Two council sessions",
           "The Ardenport city council met on March 2, 2021, to debate the harbour budget. "
           "The Ardenport city council met again on March 23, 2021, to vote on school repairs.",
           "Wednesday, March 24, 2021")  # fmt: skip
    _write(tmp_path, "review", "The council's month",
           "The Ardenport city council met in March 2021 to discuss the town's finances.",
           "Thursday, April 15, 2021")  # fmt: skip
    timeline = build([tmp_path])
    review = [e for e in timeline.events if any(c.doc_id == "review" for c in e.citations)]
    assert review and all({c.doc_id for c in e.citations} == {"review"} for e in review)


@pytest.mark.model
def test_assemble_coarse_year_mention_of_another_happening_stays_apart(tmp_path: Path) -> None:
    _write(tmp_path, "daily", "Bridge reopens",
           "The Kelso bridge reopened to traffic on June 4, 2020, after repairs, the Ardenport "
           "roads office said.",
           "Friday, June 5, 2020")  # fmt: skip
    _write(tmp_path, "yearly", "Floods of the year",
           "Floods closed the Kelso bridge in 2020, and the Ardenport roads office said the "
           "river rose higher than ever recorded.",
           "Monday, January 11, 2021")  # fmt: skip
    timeline = build([tmp_path])
    joined = [e for e in timeline.events if {c.doc_id for c in e.citations} >= {"daily", "yearly"}]
    assert joined == []


@pytest.mark.model
def test_assemble_coarse_month_mention_prefers_a_day_a_text_gives(tmp_path: Path) -> None:
    _write(tmp_path, "daily", "Ferry line opens",
           "Bluewave has opened its ferry line between Ardenport and Kelso Island, carrying "
           "340 passengers on the first crossing, the operator said.",
           "Wednesday, March 10, 2021")  # fmt: skip
    _write(tmp_path, "weekly", "Ferry news",
           "Bluewave opened its ferry line between Ardenport and Kelso Island on March 9, "
           "2021, and 340 passengers made the first crossing.",
           "Friday, March 12, 2021")  # fmt: skip
    _write(tmp_path, "monthly", "A busy spring on the water",
           "Bluewave opened its ferry line between Ardenport and Kelso Island in March 2021, "
           "and 340 passengers made the first crossing.",
           "Thursday, April 15, 2021")  # fmt: skip
    timeline = build([tmp_path])
    monthly = [e for e in timeline.events if any(c.doc_id == "monthly" for c in e.citations)]
    assert monthly and monthly[0].when is not None
    assert monthly[0].when.value == "2021-03-09"  # the day a text gives, not the lead's day


def test_assemble_coarse_organizations_agree_with_their_short_names() -> None:
    from unionstate_timeline.assemble.evidence import organizations_agree

    assert organizations_agree({"NATO"}, {"the North Atlantic Treaty Organization"})
    assert organizations_agree({"the Fed"}, {"the Federal Reserve"})
    assert organizations_agree({"GM"}, {"General Motors Corp."})
    assert not organizations_agree({"Northwind Corp."}, {"Southgate Holdings"})


def test_assemble_coarse_two_reports_generic_mentions_need_a_party_in_common() -> None:
    from unionstate_timeline.assemble.clusters import Cluster, Item
    from unionstate_timeline.assemble.coarse import join_coarse
    from unionstate_timeline.models import Citation, EventMention, When

    def told(doc: str, value: str, start: str, end: str, precision: str, quote: str) -> Cluster:
        m = EventMention(doc_id=doc, type="other", title=quote, trigger="earned",
                         status="occurred", sent_start=0, sent_end=len(quote))  # fmt: skip
        w = When(value=value, start=start, end=end, precision=precision, method="t",
                 confidence=1.0)  # fmt: skip
        cite = Citation(doc_id=doc, start=0, end=len(quote), quote=quote, date_text=None)
        return Cluster([Item(m, w, cite, value, doc)])

    # two chains of hardware stores, each "the company" of its own report
    day = told("wire", "2021-10-20", "2021-10-20", "2021-10-20", "day",
               "The company earned more from paint, lumber, garden tools and kitchen fittings "
               "as home repairs boomed across the country.")  # fmt: skip
    quarter = told("weekly", "2021-Q4", "2021-10-01", "2021-12-31", "quarter",
                   "The company earned more from paint, lumber, garden tools and kitchen "
                   "fittings as home repairs boomed.")  # fmt: skip
    assert len(join_coarse([day, quarter])) == 2
