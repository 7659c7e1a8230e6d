"""Inbox hygiene: refused files are not refused again until they change; done folder.

Why: a scheduled run over an inbox sees every file left there at every tick. A file
refused once (empty, binary, undecodable, …) and left in place would be refused again
every interval, filling `_quarantine` with the same row ~1,440 times a day. A refused
file is identified by its path and the SHA-256 of its bytes (the `article_id` column of
its `_quarantine` row): while both are the same, it is skipped and counted; once the
file changes (or is replaced) it is tried again. A file whose bytes cannot be read (a
symlink loop, a FIFO, a file without read permission) has no content hash; it is keyed
instead by what `lstat` says of it (`stat_id`: type, size, modification and change
times, inode, link target), so it too is reported once and tried again when any of those
changes (a permission fixed with `chmod` changes the change time).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from flows.steps import safe_read


def file_id(path: str | None) -> str | None:
    """SHA-256 of the file's bytes, or None when there is no readable regular file (a FIFO
    is never opened for reading: `safe_read` opens without blocking and checks the type)."""
    if not path:
        return None
    try:
        return safe_read.sha256(path)
    except (OSError, ValueError, safe_read.ReadFailure):
        return None


def stat_id(path: str | None) -> str | None:
    """`stat:` and a digest of the entry's `lstat` (type, size, mtime, ctime, inode, link
    target): the identity of a file that exists but whose bytes cannot be read."""
    if not path:
        return None
    try:
        st = os.lstat(path)
        target = os.readlink(path) if stat.S_ISLNK(st.st_mode) else ""
    except (OSError, ValueError):
        return None
    key = f"{st.st_mode}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{target}"
    return "stat:" + hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def refusal_id(path: str | None) -> str | None:
    """The id a refused input is remembered by: the SHA-256 of its bytes when it is a
    regular file that can be read (never opened otherwise: opening a FIFO blocks), else
    its `stat_id`; None when nothing is there."""
    if not path:
        return None
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        regular = False
    return (file_id(path) if regular else None) or stat_id(path)


class RefusedBefore:
    """The (path, bytes) pairs earlier runs refused, asked once per input."""

    def __init__(self, quarantine: pl.DataFrame) -> None:
        rows = quarantine.drop_nulls(["path", "article_id"])
        self._pairs = set(zip(rows["path"].to_list(), rows["article_id"].to_list(),
                              strict=True))
        self._paths = {p for p, _ in self._pairs}
        self.skipped = 0
        self.paths_skipped: set[str] = set()

    def unchanged(self, path: str | None) -> bool:
        """True (and counted) when `path` was refused before with the same bytes (or,
        for a file that cannot be read, the same `stat_id`)."""
        if not path:
            return False
        key = safe_read.path_text(path)  # the form _quarantine stores
        if key not in self._paths:
            return False
        if (key, refusal_id(path)) in self._pairs:
            self.skipped += 1
            self.paths_skipped.add(key)
            return True
        return False


def identify(quarantine: list[dict[str, Any]]) -> None:
    """Give every refused input file its id (`refusal_id`), so the next run can skip it."""
    for q in quarantine:
        if q.get("article_id") is None and q.get("path"):
            q["article_id"] = refusal_id(q["path"])


def move_done(inputs: Sequence[str], handled: Sequence[str],
              done_dir: str | os.PathLike[str]) -> list[Path]:
    """Move `handled` files (published, or already in the dataset) into `done_dir`,
    keeping their path below the input folder that holds them; refused files stay."""
    roots = [Path(i).resolve() for i in inputs if Path(i).is_dir()]
    moved = []
    for path in map(Path, handled):
        root = next((r for r in roots if path.is_relative_to(r)), None)
        target = Path(done_dir) / (path.relative_to(root) if root else path.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            shutil.move(str(path), target)
            moved.append(target)
    return moved
