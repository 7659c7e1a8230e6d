"""JSON Lines (``.jsonl``, ``.jsonl.gz``): one JSON object per line, one article each.

Read line by line in binary, each line bounded by ``max_bytes`` (a longer one is skipped
to its end without being held), so memory stays one record whatever the file's size.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from flows.steps import ingest, remote_inputs
from flows.steps.sources import Record, record_from_fields


def _open(path: str) -> BinaryIO:
    raw = remote_inputs.open_binary(path)
    if path.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def _drain(fh: BinaryIO) -> None:
    """Skip the rest of an over-long line in bounded chunks."""
    while chunk := fh.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return


def read(path: str, columns: Mapping[str, str], max_bytes: int
         ) -> Iterator[Record | ingest.Rejected]:
    """Every line: a Record, or a Rejected with ``line:N`` and the reason."""
    # Room for the JSON syntax and escapes around a field of max_bytes.
    limit = 2 * max_bytes + 1024
    with _open(path) as fh:
        n = 0
        while True:
            try:
                line = fh.readline(limit + 1)
            except (OSError, EOFError) as exc:  # e.g. a truncated or corrupt gzip stream
                yield ingest.Rejected(path, "unreadable", f"stopped reading after line {n}: "
                                      f"{type(exc).__name__}: {exc}", f"line:{n + 1}")
                return
            if not line:
                return
            n += 1
            where = f"line:{n}"
            if len(line) > limit and not line.endswith(b"\n"):
                _drain(fh)
                yield ingest.Rejected(path, "too_large",
                                      f"line is over {limit} bytes (limit {max_bytes} bytes "
                                      "of text)", where)
                continue
            if not line.strip():
                continue
            try:
                decoded = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield ingest.Rejected(path, "undecodable", f"invalid UTF-8 byte "
                                      f"0x{line[exc.start]:02x} at column {exc.start + 1}",
                                      where)
                continue
            try:
                obj = json.loads(decoded)
            except json.JSONDecodeError as exc:
                yield ingest.Rejected(path, "invalid_record", f"invalid JSON: {exc}", where)
                continue
            if not isinstance(obj, dict):
                yield ingest.Rejected(path, "invalid_record",
                                      f"a JSON {type(obj).__name__}, not an object", where)
                continue
            yield record_from_fields(path, where, obj, columns, max_bytes)
