"""Inputs on object stores: fsspec URLs and globs (`s3://bucket/inbox/*.txt`, `s3://bucket/pages/`).

Why: on a cluster the workers run on other machines, so input paths must be names every
worker can open itself; an object-store URL is one. Discovery here follows the local
rules of `ingest.discover` (suffix filter, names starting with "." or "_" skipped inside
folders, a deterministic order) and hands back the URLs themselves; `ingest` reads them
with the same checks as local files (size before reading, bounded read, decoding).

fsspec resolves the scheme to its file system (`s3fs` for `s3://`, which is a
dependency; `gcsfs`, `adlfs` when installed); credentials and endpoints come from the
usual environment (`AWS_*`, `AWS_ENDPOINT_URL`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import BinaryIO

import fsspec

_GLOB = set("*?[")


def is_url(path: str | os.PathLike[str]) -> bool:
    """An fsspec URL other than a local `file://` one."""
    text = os.fspath(path)
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme not in ("", "file") and scheme.isascii() and "/" not in scheme


def discover(url: str, keep: Callable[[str], bool],
             hidden: Callable[[str], bool]) -> tuple[list[str], str | None]:
    """The article URLs under `url` (a file, a folder or a glob), sorted, and why none.

    Returns (urls, None), or ([], reason detail) when nothing is there: the second item is
    "not_found" for a missing object or folder, else the reason is left to the caller.
    """
    fs, path = fsspec.core.url_to_fs(url)
    if _GLOB & set(path):
        found = sorted(p for p in fs.glob(path) if fs.isfile(p))
        return [fs.unstrip_protocol(p) for p in found if keep(p)], None
    if fs.isfile(path):
        return [url], None
    if not fs.isdir(path):
        return [], "not_found"
    found = []
    for p in sorted(fs.find(path)):
        inside = p[len(path.rstrip("/")) + 1:].split("/")
        if not any(hidden(part) for part in inside) and keep(p):
            found.append(fs.unstrip_protocol(p))
    return found, None


def size(url: str) -> int:
    """Bytes of the object at `url` (FileNotFoundError when there is none)."""
    fs, path = fsspec.core.url_to_fs(url)
    return int(fs.size(path))


def read_bytes(url: str, limit: int) -> bytes:
    """At most `limit` bytes of the object: bounded even if it grew since `size`."""
    with fsspec.open(url, "rb") as fh:
        return fh.read(limit)


def open_binary(path: str) -> BinaryIO:
    """A bulk file for streaming, local or on an object store (read in chunks either way)."""
    if is_url(path):
        return fsspec.open(path, "rb").open()  # type: ignore[no-any-return]
    return open(path, "rb")
