"""`flows.idset.IdSet`, the flow's set of the ids seen in a run, answers as a set of
the ids does, in 8 bytes an id."""

from __future__ import annotations

import hashlib
import random

from flows.idset import IdSet


def _ids(n: int, salt: str) -> list[str]:
    return [hashlib.sha256(f"{salt}{i}".encode()).hexdigest() for i in range(n)]


def test_same_answers_as_a_set_across_merges():
    added, absent = _ids(50_000, "a"), _ids(5_000, "b")
    edge = ["0" * 64, "f" * 64, "8" + "0" * 63, "7" + "f" * 63]  # the 64-bit range's ends
    ids = IdSet()
    reference: set[str] = set()
    rng = random.Random(7)
    for i, x in enumerate([*added, *edge]):
        ids.add(x)
        reference.add(x)
        if i % 997 == 0:  # checked while the buffer fills and after merges
            probe = rng.choice(added[: i + 1])
            assert probe in ids
            assert rng.choice(absent) not in ids
    assert all(x in ids for x in added) and all(x in ids for x in edge)
    assert not any(x in ids for x in absent)
    assert ids.add(added[0]) is False  # adding again changes nothing
    assert ids.add(absent[0]) is True and absent[0] in ids
    reference.add(absent[0])
    assert len(ids) == len(reference) == 50_005
    assert len(ids._chunks) <= 4  # merged: log2(50,000 / 8,192) + 1 arrays at most
    assert 8 * 40_000 <= ids.nbytes <= 8 * 50_004  # 8 bytes an id
    assert "not-hex" not in ids
    ids.add("not-hex")
    assert "not-hex" in ids and "not-hex2" not in ids
