"""A compact set of hex content ids (SHA-256), for the ids a run has seen.

Why not a Python `set` of the hex strings: a bulk run remembers the id of every record
it has read, to catch the same record twice in one run, and a set of 64-character
strings costs ~160 bytes a record (peak RSS of `python -m bench.bulk` grew 14 % from
20,000 to 200,000 records). Here an id is kept as its first 8 bytes (a 64-bit integer)
in sorted NumPy arrays: 8 bytes a record.

Layout (a small log-structured merge): recent ids in a Python set of at most 8,192;
when it is full it becomes a sorted array, and arrays of similar size are merged (sorted
in place), so there are at most log2(n / 8,192) + 1 arrays, a lookup is that many binary
searches, and a merge never holds more than one extra copy of the ids it merges.

Two different ids share their first 64 bits with probability n² / 2^65 (2e-9 for
200,000 ids in one run). When that happens the second is taken for a repeat and left
for the next run, which checks against the dataset's full ids: deferred, never lost.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np

_BUFFER = 8192


def _key(article_id: str) -> int:
    """The id's first 64 bits; an id that is not hex is hashed first."""
    try:
        if len(article_id) >= 16:
            return int(article_id[:16], 16)
    except ValueError:
        pass
    digest = hashlib.sha256(article_id.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big")


class IdSet:
    """`in` and `add` for hex ids, 8 bytes each; the same answers as a set of the ids
    for ids that differ in their first 16 hex digits (content hashes do, see above)."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._chunks: list[np.ndarray] = []  # sorted uint64 arrays, largest first
        self._recent: set[int] = set()
        for i in ids:
            self.add(i)

    def _has(self, key: int) -> bool:
        if key in self._recent:
            return True
        if not self._chunks:
            return False
        k = np.uint64(key)  # a NumPy scalar: searchsorted with a Python int is ~50x slower
        for arr in self._chunks:
            i = int(arr.searchsorted(k))
            if i < len(arr) and arr[i] == k:
                return True
        return False

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self._has(_key(article_id))

    def add(self, article_id: str) -> bool:
        """Add the id; True when it was not there yet (one lookup for test-and-add)."""
        key = _key(article_id)
        if self._has(key):
            return False
        self._recent.add(key)
        if len(self._recent) >= _BUFFER:
            self._flush()
        return True

    def _flush(self) -> None:
        arr = np.fromiter(self._recent, dtype=np.uint64, count=len(self._recent))
        self._recent = set()
        arr.sort()
        while self._chunks and len(self._chunks[-1]) <= len(arr):  # a binary counter
            arr = np.concatenate([self._chunks.pop(), arr])
            arr.sort(kind="stable")  # in place; two sorted runs: a linear merge (timsort)
        self._chunks.append(arr)

    def __len__(self) -> int:
        return sum(len(a) for a in self._chunks) + len(self._recent)

    @property
    def nbytes(self) -> int:
        """Bytes held by the sorted arrays (the recent buffer holds at most 8,192 ids)."""
        return sum(int(a.nbytes) for a in self._chunks)
