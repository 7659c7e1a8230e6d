"""WARC (``.warc``, ``.warc.gz``): every HTTP response holding HTML is an article.

Read with warcio's streaming ``ArchiveIterator`` (one record at a time). Requests,
metadata and responses that are not HTML (images, scripts) are not articles and are
passed over silently; a response over the size limit, or one warcio cannot read, is
quarantined with its offset.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from flows.steps import ingest, remote_inputs
from flows.steps.sources import Record
from flows.steps.webpage import PageMeta


def _is_html(record: object) -> bool:
    headers = getattr(record, "http_headers", None)
    ctype = (headers.get_header("Content-Type") or "") if headers is not None else ""
    return "html" in ctype.lower()


def read(path: str, columns: Mapping[str, str], max_bytes: int
         ) -> Iterator[Record | ingest.Rejected]:
    """Every HTML response: a Record, or a Rejected with ``offset:N`` and the reason."""
    del columns  # WARC records have fixed headers, nothing to map
    with remote_inputs.open_binary(path) as fh:
        it = ArchiveIterator(fh)
        offset = 0
        try:
            for rec in it:
                if rec.rec_type != "response" or not _is_html(rec):
                    continue
                # The payload first: asking for the offset before reading it skips the
                # record's content (warcio reads to the record's end to know it).
                payload = rec.content_stream().read(max_bytes + 1)
                offset = it.get_record_offset()
                where = f"offset:{offset}"
                if len(payload) > max_bytes:
                    yield ingest.Rejected(path, "too_large", f"payload is over the limit of "
                                          f"{max_bytes} bytes", where)
                    continue
                if not payload.strip():
                    yield ingest.Rejected(path, "no_text", "empty HTML response", where)
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                yield Record(path, where, hashlib.sha256(payload).hexdigest(), payload,
                             True, PageMeta(url=url),
                             rec.rec_headers.get_header("WARC-Record-ID"))
        except ArchiveLoadFailed as exc:
            yield ingest.Rejected(path, "invalid_record", f"unreadable WARC record: {exc}",
                                  f"offset:{offset}")
