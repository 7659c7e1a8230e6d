"""Which files are bulk inputs (one article per record), by name; no imports, no I/O.

Kept apart from the readers so that :mod:`flows.steps.ingest` can list these suffixes
without importing them (and they import ingest).
"""

from __future__ import annotations

#: Suffix → reader module name (flows/steps/sources/<name>.py). Compound suffixes first.
FORMATS: dict[str, str] = {
    ".jsonl.gz": "jsonl",
    ".jsonl": "jsonl",
    ".csv": "csv_rows",
    ".parquet": "parquet_rows",
    ".warc.gz": "warc",
    ".warc": "warc",
}
BULK_SUFFIXES: tuple[str, ...] = tuple(FORMATS)


def format_of(path: str) -> str | None:
    """The reader module of a bulk file, or None for an ordinary article file."""
    name = path.lower()
    return next((mod for suffix, mod in FORMATS.items() if name.endswith(suffix)), None)
