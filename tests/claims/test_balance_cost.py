"""`balance` looks at two passages per span, however many quotes the span covers.

Why: on one unpunctuated sentence full of `said "` (bench.adversarial `open_quotes`) every
cue balanced a span over the whole sentence and walked all its passages: claims were
quadratic there although the call counts of `tests/steps/test_linear_time.py` grew
linearly (the walk is a loop, not calls). The cost counted here is ranges looked at.
"""

from __future__ import annotations

import random

from flows.claims.passages import Quotes, balance


class _Counted(tuple):  # type: ignore[type-arg]
    looked = 0

    def __getitem__(self, k):  # type: ignore[no-untyped-def]
        _Counted.looked += 1
        return super().__getitem__(k)


def _quotes(n: int) -> Quotes:
    """n disjoint quoted ranges of 10 characters, 5 apart: [0,10), [15,25), …"""
    ranges = _Counted((15 * k, 15 * k + 10) for k in range(n))
    return Quotes(passages=(), tok_pass=(), mark_chars=frozenset(), close_marks=frozenset(),
                  passage_by_close={}, ranges=ranges,
                  range_los=tuple(lo for lo, _ in ranges), range_his=tuple(hi for _, hi in ranges),
                  disjoint=True)


def _scan(ranges: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[int, int]:
    for lo, hi in ranges:
        if (lo < start < hi or lo < end < hi) and not (hi <= start or lo >= end):
            start, end = min(start, lo), max(end, hi)
    return start, end


def test_a_span_over_many_quotes_looks_at_two_of_them():
    looked = []
    for n in (1_000, 2_000):
        quotes = _quotes(n)
        _Counted.looked = 0
        assert balance(quotes, 3, 15 * n - 8) == (0, 15 * n - 5)  # cuts the first and last
        looked.append(_Counted.looked)
    assert looked == [2, 2]


def test_balance_agrees_with_a_scan_of_every_passage():
    quotes = _quotes(60)
    plain = tuple(tuple(r) for r in tuple.__iter__(quotes.ranges))
    rng = random.Random(14)
    for _ in range(3_000):
        start = rng.randrange(0, 900)
        end = rng.randrange(start, 905)
        assert balance(quotes, start, end) == _scan(plain, start, end), (start, end)
