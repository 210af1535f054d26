"""The numpy-BLAS ops: the same products as thinc's, on one thread, in every model layer."""

from __future__ import annotations

import numpy
import pytest

from unionstate_timeline.nlp.blas import _blas_ops


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
def test_blas_gemm_equals_thinc_gemm(trans1, trans2):
    from thinc.api import NumpyOps

    rng = numpy.random.default_rng(7)
    x = rng.random((5, 4) if not trans1 else (4, 5), dtype="float32")
    y = rng.random((4, 3) if not trans2 else (3, 4), dtype="float32")
    stock = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    ours = _blas_ops().gemm(x, y, trans1=trans1, trans2=trans2)
    assert ours.dtype == numpy.float32 and ours.shape == (5, 3)
    numpy.testing.assert_allclose(ours, stock, rtol=1e-5)


def test_blas_gemm_writes_into_out():
    x = numpy.ones((2, 3), dtype="float32")
    out = numpy.zeros((2, 2), dtype="float32")
    got = _blas_ops().gemm(x, x, out=out, trans2=True)
    assert got is out
    assert out.tolist() == [[3.0, 3.0], [3.0, 3.0]]


def test_blas_gemm_runs_on_one_thread_and_restores_the_setting(monkeypatch):
    from threadpoolctl import ThreadpoolController

    def threads():
        return [
            lib.num_threads
            for lib in ThreadpoolController().select(user_api="blas").lib_controllers
        ]

    before, seen, real = threads(), [], numpy.matmul

    def probe(*args, **kwargs):
        seen.extend(threads())
        return real(*args, **kwargs)

    monkeypatch.setattr(numpy, "matmul", probe)
    _blas_ops().gemm(numpy.ones((2, 2), dtype="float32"), numpy.ones((2, 2), dtype="float32"))
    assert seen and set(seen) == {1}
    assert threads() == before


@pytest.mark.model
def test_tuned_pipeline_layers_use_blas_and_stock_does_not():
    from unionstate_timeline.nlp.annotate import get_nlp

    def ops_names(nlp):
        return {
            layer.ops.name
            for _, component in nlp.pipeline
            if hasattr(getattr(component, "model", None), "walk")
            for layer in component.model.walk()
        }

    assert ops_names(get_nlp()) == {"unionstate_blas"}
    assert "unionstate_blas" not in ops_names(get_nlp(tuned=False))
