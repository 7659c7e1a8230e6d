"""Reading one input file so that nothing about it can hang or crash a run, and naming it.

Why a module of its own: between discovery and reading, a file can be replaced by a FIFO
(an `open` would block forever while the run holds the dataset lock), grow, shrink or be
swapped for another file. So a file is opened once, without blocking
(`O_NONBLOCK`: a FIFO opens at once), and every decision is taken on that open
descriptor (`fstat`), never on the name again: not a regular file, larger than the limit,
or a size that changed while it was read, each becomes a refusal with a reason.

Names: a POSIX file name is bytes. A name that is not UTF-8 (`caf\\xe9.txt`) comes into
Python with surrogate escapes, which no Parquet string, JSON or terminal accepts.
`path_text` is the one form every table stores (`articles.source_path`,
`_quarantine.path`): the absolute path (`os.path.abspath`: not resolved, symlinks kept)
with each byte that is not UTF-8 written as a backslash escape (`caf\\xe9.txt`, Python's
`backslashreplace`). Valid UTF-8 names are unchanged. `shown` is the form printed on a
terminal: control characters (terminal escape sequences) escaped too.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path


def path_text(path: str | os.PathLike[str], absolute: bool = True) -> str:
    """The stored form of a path: absolute, non-UTF-8 bytes as `\\xNN` escapes."""
    raw = os.fspath(path)
    scheme, sep, _ = raw.partition("://")
    if sep and scheme not in ("", "file") and "/" not in scheme:
        return raw  # an object-store URL is already one form everywhere
    if absolute and raw:
        raw = os.path.abspath(raw)
    return os.fsencode(raw).decode("utf-8", "backslashreplace")


def shown(text: str) -> str:
    """Text safe to print: surrogates and control characters (ESC, CR, …) escaped."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:  # a surrogate escape of a non-UTF-8 byte
            out.append(f"\\x{code - 0xDC00:02x}" if code >= 0xDC80 else f"\\u{code:04x}")
        elif code < 0x20 or 0x7F <= code < 0xA0:
            out.append(repr(ch)[1:-1])
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class ReadFailure(Exception):
    """Why the bytes of a file could not be taken: (reason, detail) for `Rejected`."""

    reason: str
    detail: str


def _mode(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def _open_regular(path: str | os.PathLike[str]) -> tuple[int, os.stat_result]:
    """One descriptor on a regular file and its `fstat` (the caller closes it); raises
    `ReadFailure` otherwise.

    Never blocks: `O_NONBLOCK` opens a FIFO at once, and its type is then refused from
    `fstat` (opening a FIFO without it waits for a writer forever). A plain function, not
    a context manager: `ReadFailure` is frozen, and a generator re-raising it would have to
    set its `__traceback__`.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket
            raise ReadFailure("not_a_file", "is a socket") from None
        raise
    try:
        st = os.fstat(fd)
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise ReadFailure("not_a_file", f"is {_mode(st.st_mode)}")
    return fd, st


def sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a regular file's bytes, streamed (any size); raises like `read_bytes`."""
    h = hashlib.sha256()
    fd, _ = _open_regular(path)
    try:
        while chunk := os.read(fd, 1 << 20):
            h.update(chunk)
    finally:
        os.close(fd)
    return h.hexdigest()


def read_bytes(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of a regular file, read through one descriptor; raises `ReadFailure`.

    Never blocks (`_open_regular`). The size is checked before and after reading: a file that
    changed while it was read is refused (`changed_while_read`) rather than taken
    half-written.
    """
    fd, before = _open_regular(path)
    try:
        if before.st_size > max_bytes:
            raise ReadFailure("too_large",
                              f"file is {before.st_size} bytes; limit is {max_bytes} bytes")
        chunks = []
        got = 0
        while got <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        raw = b"".join(chunks)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if len(raw) > max_bytes:
        raise ReadFailure("too_large",
                          f"file grew past the limit of {max_bytes} bytes while being read")
    if len(raw) != before.st_size or after.st_size != before.st_size \
            or after.st_mtime_ns != before.st_mtime_ns:
        raise ReadFailure("changed_while_read",
                          f"size {before.st_size} → {after.st_size} bytes while being read "
                          f"({len(raw)} read): still being written? it is taken next run")
    return raw


def settled(files: list[Path], seconds: float, now: float | None = None) -> list[Path]:
    """The files not modified in the last `seconds`: the others may still be written.

    For served inboxes (`serve`): a file copied in while a run starts is left for the
    next run instead of being published half-written. A file that cannot be stat-ed is
    kept: reading it gives the reason.
    """
    if seconds <= 0:
        return files
    now = time.time() if now is None else now
    kept = []
    for f in files:
        try:
            if now - os.stat(f).st_mtime < seconds:
                continue
        except OSError:
            pass
        kept.append(f)
    return kept
