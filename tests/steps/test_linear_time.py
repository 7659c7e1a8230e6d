"""Every regex-heavy step grows linearly on hostile text: counted costs, never timings.

The counted cost is the number of Python function calls (builtins included) a step makes,
from `cProfile`: deterministic, and it grows with the loops (a scan from every quote
mark, a pairwise comparison) that made claims quadratic. Doubling the input must no more
than about double it. CPython's regex engine counts nothing it does, so for the
backtracking of one regex (segment's runs of `.`, `?`, `!`) the test runs an input
whose quadratic cost would be hours (200,000 marks: 20,000 took 11 s) under a generous
alarm (`_bounded`): a hang guard, not a timing. The curves with seconds are
`python -m bench.adversarial` (make bench-adversarial).
"""

from __future__ import annotations

import cProfile
import pstats
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from bench.adversarial import SHAPES
from flows.steps import clean, dates, parse, segment


def calls(step: Callable[[], Any]) -> int:
    profile = cProfile.Profile()
    profile.enable()
    step()
    profile.disable()
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined]


@contextmanager
def _bounded(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: SIGALRM interrupts even a long regex search."""
    def hung(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: not linear")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _growth(step: Callable[[str], Any], shape: str, n: int) -> float:
    small = calls(lambda: step(SHAPES[shape](n)))
    large = calls(lambda: step(SHAPES[shape](2 * n)))
    return large / max(small, 1)


@pytest.mark.parametrize("shape", ["dots", "questions", "bangs", "mixed_terminals"])
def test_segment_on_200k_terminal_marks_ends(shape):
    text = SHAPES[shape](200_000)
    with _bounded(60):
        spans = segment.sentence_spans(text)
    assert spans == [(0, len(text))]  # one unsplittable sentence, found at once


@pytest.mark.parametrize("shape", ["dots", "spaced_dots", "open_quotes", "long_line"])
@pytest.mark.parametrize("step", [segment.sentence_spans, parse.parse,
                                  lambda t: clean.clean(parse.parse(t)),
                                  lambda t: dates.normalise_date(t, None)],
                         ids=["segment", "parse", "clean", "dates"])
def test_doubling_the_input_at_most_doubles_the_calls(step, shape):
    with _bounded(120):
        assert _growth(step, shape, 20_000) < 2.2


@pytest.fixture(scope="module")
def claims_of():
    from bench.adversarial import claims_runner

    return claims_runner()


@pytest.mark.parametrize("shape", ["open_quotes", "open_single", "curly_opens"])
def test_claims_calls_grow_linearly_in_unbalanced_quote_marks(claims_of, shape):
    # 4,000 unbalanced marks took 17.7 s before: a scan from each mark for its closer
    small = calls(claims_of(SHAPES[shape](13 * 1000)))
    large = calls(claims_of(SHAPES[shape](13 * 2000)))
    assert large / small < 2.2, (small, large)
