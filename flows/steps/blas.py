"""The BLAS a spaCy model's layers multiply with: its own module so that the bench's
stock-spaCy ceiling can load a model the same way without importing the pipeline."""

from __future__ import annotations

import contextlib

import threadpoolctl
from thinc.api import use_ops


def backend(numpy_blas: bool = True) -> contextlib.AbstractContextManager[object]:
    """thinc's CPU backend for the layers of a model loaded in this block.

    thinc multiplies matrices with BLIS by default. Its `NumpyOps(use_blis=False)` (a
    public switch) hands them to numpy's BLAS instead, OpenBLAS in numpy's wheels, which
    is 3-4 times faster on this machine's AVX-512 cores for the model's shapes (a
    (4,000 x 288) by (288 x 288) product: 30.6 ms with BLIS, 8.0 ms with OpenBLAS on
    one thread) and cut the whole model's CPU by ~26-32 % on 100 long articles. The
    parsers' step loops still use BLIS (thinc's compiled `CBlas`), and so does their small
    output layer, which spaCy builds with the default backend.

    The annotations were identical on 109,694 tokens of long news (tag, dependency,
    head, entity, lemma, sentence start; `tests/steps/test_nlp_blas.py` keeps a
    check): a different summation order moves a float in its last bits, which almost
    never turns an argmax. numpy's BLAS is held to one thread per process
    (`threadpoolctl`): the run's parallelism is its worker processes, one per core, and
    threads on top of them only contend for the same cores.
    """
    if not numpy_blas:
        return contextlib.nullcontext()
    threadpoolctl.threadpool_limits(1, user_api="blas")
    return use_ops("numpy", use_blis=False)
