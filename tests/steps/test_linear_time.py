"""Every regex-heavy step grows linearly on hostile text: counted costs, never timings.

The counted cost is the number of Python function calls (builtins included) a step makes,
from `cProfile`: deterministic, and it grows with the loops (a scan from every quote
mark, a pairwise comparison) that made claims quadratic. Doubling the input must no more
than about double it. CPython's regex engine counts nothing it does, so for the
backtracking of one regex (segment's runs of `.`, `?`, `!`) the test runs an input
whose quadratic cost would be hours (200,000 marks: 20,000 took 11 s) under a generous
alarm (`tests/guards.time_limit`): a hang guard, not a timing. The curves with seconds are
`python -m bench.adversarial` (make bench-adversarial).
"""

from __future__ import annotations

import ast
import cProfile
import pstats
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import flows.claims
from bench.adversarial import SHAPES
from flows.steps import clean, dates, parse, segment
from tests.guards import time_limit


def calls(step: Callable[[], Any]) -> int:
    profile = cProfile.Profile()
    profile.enable()
    step()
    profile.disable()
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined]


def _growth(step: Callable[[str], Any], shape: str, n: int) -> float:
    small = calls(lambda: step(SHAPES[shape](n)))
    large = calls(lambda: step(SHAPES[shape](2 * n)))
    return large / max(small, 1)


@pytest.mark.parametrize("shape", ["dots", "questions", "bangs", "mixed_terminals"])
def test_segment_on_200k_terminal_marks_ends(shape):
    text = SHAPES[shape](200_000)
    with time_limit(60):
        spans = segment.sentence_spans(text)
    assert spans == [(0, len(text))]  # one unsplittable sentence, found at once


@pytest.mark.parametrize("shape", ["dots", "spaced_dots", "open_quotes", "long_line"])
@pytest.mark.parametrize("step", [segment.sentence_spans, parse.parse,
                                  lambda t: clean.clean(parse.parse(t)),
                                  lambda t: dates.normalise_date(t, None)],
                         ids=["segment", "parse", "clean", "dates"])
def test_doubling_the_input_at_most_doubles_the_calls(step, shape):
    with time_limit(120):
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


#: spaCy accessors that scan a token's whole subtree (or a span) in C on every access,
#: where `calls` cannot see it: `children`, `lefts`, `rights` and `subtree` walk from a
#: token's left to its right edge, `conjuncts` over `rights`, `Span.root` over the span.
HIDDEN_SCANS = {"children", "lefts", "rights", "subtree", "conjuncts", "root"}


def test_claims_reads_the_parse_only_through_indexes_calls_can_count():
    # The call counts above stayed exactly linear on `He said "yes ` * n while its time
    # went 0.15/0.49/2.45 s at 10/20/40 KB (issue 14): every cue asked spaCy for its
    # children, a C scan of its subtree, here the rest of the sentence. Through the
    # per-Doc indexes (docindex.children/subtree, ArticleView.sent_roots) every step the
    # engine takes is a Python call the counted tests see. view.py builds the indexes,
    # asking each sentence for its root once.
    found = []
    for path in sorted(Path(flows.claims.__file__).parent.rglob("*.py")):
        if path.name == "view.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in HIDDEN_SCANS:
                found.append(f"{path.name}:{node.lineno} .{node.attr}")
    assert found == []

