import pytest

from unionstate_timeline.reading.page import find_dateline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MOSCOW, December 8. /TASS/. Russian President", (12, 8, None, "TASS")),
        ("MOSCOW, December 10./TASS/. There are", (12, 10, None, "TASS")),
        ("MINSK, Nov 4 - PrimePress. Belarus", (11, 4, None, "PrimePress")),
        ("MINSK, 4 November (BelTA) - Belarus", (11, 4, None, "BelTA")),
        ("MOSCOW, Dec 8 (Reuters) - Putin said", (12, 8, None, "Reuters")),
        ("KYIV, March 3, 2022 /Ukrinform/. X", (3, 3, 2022, "Ukrinform")),
        ("MOSCOW, December 8. Russian President", (12, 8, None, None)),
    ],
)
def test_load_dateline_forms(text, expected):
    found = find_dateline(text)
    assert found is not None and found[1:] == expected


@pytest.mark.parametrize("text", ["Moscow, the capital, is big.", "MOSCOW, Foo 8. /TASS/", ""])
def test_load_no_dateline(text):
    assert find_dateline(text) is None


def test_load_a_caps_phrase_in_the_body_is_no_dateline():
    body = (
        "Title\n\n"
        + "The alliance was founded long ago, and many countries joined it later. " * 2
        + "\nNATO, March 3 was the date."
    )
    assert find_dateline(body) is None


def test_load_repeated_doc_ids_keep_their_suffix(tmp_path):
    from unionstate_timeline.reading.load import iter_documents

    (tmp_path / "a.txt").write_text("One article about talks.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Another article about a summit.", encoding="utf-8")
    ids = sorted(d.info.doc_id for d in iter_documents([tmp_path]) if hasattr(d, "info"))
    assert ids == ["a", "a.txt"]


def test_load_text_too_long_for_the_parser_is_skipped(tmp_path):
    from unionstate_timeline.reading.load import MAX_CHARS, iter_documents

    (tmp_path / "big.txt").write_text("word " * (MAX_CHARS // 5 + 10), encoding="utf-8")
    (skipped,) = list(iter_documents([tmp_path]))
    assert skipped.status == "skipped" and "too long for the parser" in skipped.reason
