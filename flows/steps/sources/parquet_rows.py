"""Parquet: one article per row, columns named as for JSON Lines.

Read batch by batch with pyarrow (only the mapped columns), so memory holds one batch
of rows, never the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pyarrow.parquet as pq

from flows.steps import ingest, remote_inputs
from flows.steps.sources import Record, record_from_fields

#: Rows per pyarrow batch: articles are kilobytes, so a batch is a few MB at most.
BATCH_ROWS = 256


def read(path: str, columns: Mapping[str, str], max_bytes: int
         ) -> Iterator[Record | ingest.Rejected]:
    """Every row: a Record, or a Rejected with ``row:N`` (0-based) and the reason."""
    try:
        pf = pq.ParquetFile(remote_inputs.open_binary(path) if remote_inputs.is_url(path)
                            else path)
    except Exception as exc:  # not a Parquet file, or a damaged footer
        yield ingest.Rejected(path, "invalid_record",
                              f"not a readable Parquet file: {type(exc).__name__}: {exc}")
        return
    wanted = [c for c in dict.fromkeys(columns.values()) if c in pf.schema_arrow.names]
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=wanted):
            for row in batch.to_pylist():
                yield record_from_fields(path, f"row:{n}", row, columns, max_bytes)
                n += 1
    except Exception as exc:  # a damaged page: the rows before it went through
        yield ingest.Rejected(path, "invalid_record", f"stopped reading: "
                              f"{type(exc).__name__}: {exc}", f"row:{n}")
