"""Records are frozen: equal sets of given fields are one shared set, and a copy has its own."""

from __future__ import annotations

from unionstate_timeline.models import Citation


def test_records_with_the_same_given_fields_share_one_set() -> None:
    a = Citation(doc_id="a", start=0, end=5, quote="Hello")
    b = Citation(doc_id="b", start=3, end=9, quote="World!")
    assert a.model_fields_set == {"doc_id", "start", "end", "quote"}
    assert a.model_fields_set is b.model_fields_set


def test_a_copy_with_an_update_has_its_own_given_fields() -> None:
    a = Citation(doc_id="a", start=0, end=5, quote="Hello")
    b = a.model_copy(update={"date_text": "today"})
    assert b.model_fields_set == {"doc_id", "start", "end", "quote", "date_text"}
    assert a.model_fields_set == {"doc_id", "start", "end", "quote"}
    assert b.model_dump(exclude_unset=True)["date_text"] == "today"
    assert "date_text" not in a.model_dump(exclude_unset=True)
