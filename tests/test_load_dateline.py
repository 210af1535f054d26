import pytest

from unionstate_timeline.load import find_dateline


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
