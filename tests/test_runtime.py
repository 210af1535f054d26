import gc

import pytest

from unionstate_timeline.runtime import collector_paused


def test_collector_paused_restores_the_collector_even_after_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("boom")
    assert gc.isenabled()


def test_collector_paused_leaves_a_collector_paused_by_the_caller_paused():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
