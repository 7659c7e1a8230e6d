"""Bulk inputs: files holding many articles, one per record, read as a stream.

One module per format (``jsonl``, ``csv_rows``, ``parquet_rows``, ``warc``), each a
generator of :class:`Record` (a good record) or :class:`~flows.steps.ingest.Rejected` (a
bad one, with its locator and reason), never holding more than one record (CSV, JSON
Lines, WARC) or one Parquet batch in memory, so peak memory does not grow with the file
(``make bench``: the ``bulk`` section). The flow streams a file once to find the records
not yet published (by content id) and hands those records to the workers; a worker turns
each into a :class:`~flows.steps.ingest.RawArticle` with :func:`to_article` (decoding,
HTML extraction), the same checks a single file gets.

Fields of a record (``text`` or ``html`` required; the rest optional), and the column or
key each is read from by default: ``text``, ``html``, ``url``, ``title``, ``published``
(an ISO date, ``YYYY-MM-DD`` first), ``id``. ``--column FIELD=NAME`` maps another name.
WARC files hold HTTP responses instead: every ``response`` record whose payload is HTML is
an article, its ``WARC-Target-URI`` the ``url``.

``article_id`` is the SHA-256 of the record's content: for JSON Lines, CSV and Parquet
the canonical JSON of its fields (sorted keys, present fields only), so one article
reads to one id from any of the three; for WARC the HTTP payload as sent, the id the
same page saved as an ``.html`` file gets. The locator says where the record is:
``line:N`` (JSON Lines, 1-based, as editors count), ``row:N`` (CSV and Parquet, 0-based
data rows, as ``df[N]`` in Polars or pandas) or ``offset:N`` (WARC: the record's byte
offset in the file, compressed or not, as ``warcio index`` prints it).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flows.steps import ingest
from flows.steps.source_formats import BULK_SUFFIXES, format_of
from flows.steps.webpage import PageMeta

__all__ = ["BULK_SUFFIXES", "FIELDS", "Record", "estimate_records", "format_of",
           "iter_records", "record_from_fields", "to_article"]

#: The fields of a record; by default each is read from the column or key of its name.
FIELDS: tuple[str, ...] = ("text", "html", "url", "title", "published", "id")


@dataclass(frozen=True)
class Record:
    """One article of a bulk file, as read: small enough to send to a worker."""

    path: str
    locator: str
    article_id: str
    content: bytes  # the text or html field (UTF-8), or a WARC payload as sent
    html: bool
    meta: PageMeta = field(default_factory=PageMeta)
    record_id: str | None = None


def columns_map(columns: Mapping[str, str] | None) -> dict[str, str]:
    """Field → column name: the defaults (each field's own name) with the user's mapping."""
    unknown = set(columns or {}) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}; "
                         f"fields are {', '.join(FIELDS)}")
    return {f: (columns or {}).get(f, f) for f in FIELDS}


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


def _published(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def record_from_fields(path: str, locator: str, row: Mapping[str, Any],
                       columns: Mapping[str, str], max_bytes: int) -> Record | ingest.Rejected:
    """A JSON Lines object or a CSV/Parquet row as a :class:`Record`, or why it is not one."""
    values = {f: row.get(columns[f]) for f in FIELDS}
    body = next(((f, v) for f in ("text", "html") if isinstance(v := values[f], str)
                 and v.strip()), None)
    if body is None:
        named = " or ".join(repr(columns[f]) for f in ("text", "html"))
        return ingest.Rejected(path, "no_text", f"record has no {named} with text", locator)
    kind, content = body
    data = content.encode("utf-8", "surrogateescape")
    if len(data) > max_bytes:
        return ingest.Rejected(path, "too_large",
                               f"{kind} is {len(data)} bytes; limit is {max_bytes} bytes",
                               locator)
    present = {f: _as_text(v) for f, v in values.items() if v is not None}
    canonical = json.dumps(present, sort_keys=True, ensure_ascii=False)
    article_id = hashlib.sha256(canonical.encode("utf-8", "surrogateescape")).hexdigest()
    title = _as_text(values["title"])
    if kind == "text" and title and not content.lstrip().startswith(title.strip()):
        data = f"{title.strip()}\n\n".encode() + data  # the ingest layout: headline first
    meta = PageMeta(title=title, url=_as_text(values["url"]),
                    published=_published(values["published"]))
    return Record(path, locator, article_id, data, kind == "html", meta,
                  _as_text(values["id"]))


def iter_records(path: str, columns: Mapping[str, str] | None = None,
                 max_bytes: int = ingest.DEFAULT_MAX_BYTES
                 ) -> Iterator[Record | ingest.Rejected]:
    """Stream the records of one bulk file; a file that cannot be read is one Rejected."""
    mod = format_of(path)
    if mod is None:
        raise ValueError(f"{path}: not a bulk input ({', '.join(BULK_SUFFIXES)})")
    reader = importlib.import_module(f"flows.steps.sources.{mod}")
    try:
        yield from reader.read(path, columns_map(columns), max_bytes)
    except OSError as exc:
        yield ingest.Rejected(path, "unreadable", f"{type(exc).__name__}: {exc}")


def to_article(record: Record) -> ingest.RawArticle | ingest.Rejected:
    """The record's article, through the same decoding and extraction as a single file."""
    return ingest.article_from_bytes(
        record.path, record.content, record.html, locator=record.locator,
        article_id=record.article_id, meta=record.meta, record_id=record.record_id)


def estimate_records(path: str) -> int:
    """A cheap guess of a bulk file's record count, to size batches and workers."""
    from flows.steps import remote_inputs

    try:
        size = remote_inputs.size(path) if remote_inputs.is_url(path) else os.path.getsize(path)
        return max(1, size // 4000)
    except OSError:
        return 1
