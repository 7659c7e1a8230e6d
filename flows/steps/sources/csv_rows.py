"""CSV with a header row: one article per data row, columns named as for JSON Lines.

Read in binary and decoded line by line with ``surrogateescape``, so one row with bytes
that are not UTF-8 is quarantined as ``undecodable`` and the rows after it still go
through (a text-mode reader would stop the file at the first bad byte). Quoted fields may
span lines; the csv module's field size limit is raised to the article size limit.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator, Mapping

from flows.steps import ingest, remote_inputs
from flows.steps.sources import Record, record_from_fields


def _lines(path: str) -> Iterator[str]:
    with remote_inputs.open_binary(path) as fh:
        first = True
        for raw in fh:
            if first and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            first = False
            yield raw.decode("utf-8", "surrogateescape")


def _bad_bytes(row: Mapping[str, str | None]) -> str | None:
    for name, value in row.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                byte = ord(value[exc.start]) - 0xDC00
                return f"invalid UTF-8 byte 0x{byte:02x} in column {name!r}"
    return None


def read(path: str, columns: Mapping[str, str], max_bytes: int
         ) -> Iterator[Record | ingest.Rejected]:
    """Every data row: a Record, or a Rejected with ``row:N`` (0-based) and the reason."""
    csv.field_size_limit(max(max_bytes + 1, min(sys.maxsize, 2**31 - 1) // 2))
    reader = csv.DictReader(_lines(path))
    n = -1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            n += 1
            yield ingest.Rejected(path, "invalid_record", f"unreadable CSV row: {exc}",
                                  f"row:{n}")
            continue
        n += 1
        where = f"row:{n}"
        if None in row:  # more fields than the header
            yield ingest.Rejected(path, "invalid_record",
                                  f"{len(row[None]) + len(reader.fieldnames or [])} fields; "  # type: ignore[index]
                                  f"the header has {len(reader.fieldnames or [])}", where)
            continue
        bad = _bad_bytes(row)
        if bad:
            yield ingest.Rejected(path, "undecodable", bad, where)
            continue
        yield record_from_fields(path, where, row, columns, max_bytes)
