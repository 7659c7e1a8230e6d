"""Inbox hygiene without a server: the ids refused inputs are remembered by.

A file whose bytes cannot be read (a symlink loop, a FIFO) has no content hash; it is
keyed by its `lstat` so that, unchanged, it is not refused at every scheduled run."""

from __future__ import annotations

import os

import polars as pl

from flows import inbox


def _quarantine(rows: list[dict[str, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"path": pl.String, "article_id": pl.String})


def test_unreadable_inputs_are_remembered_by_stat_until_they_change(tmp_path):
    loop, fifo, empty = tmp_path / "loop.txt", tmp_path / "pipe.txt", tmp_path / "empty.txt"
    loop.symlink_to(loop.name)  # points at itself: reading it fails with ELOOP
    os.mkfifo(fifo)  # opening it for reading would block: it must never be opened
    empty.write_bytes(b"")
    refused = [{"path": str(p), "article_id": None} for p in (loop, fifo, empty)]
    inbox.identify(refused)
    ids = {r["path"]: r["article_id"] for r in refused}
    assert ids[str(loop)].startswith("stat:") and ids[str(fifo)].startswith("stat:")
    assert ids[str(empty)] == inbox.file_id(str(empty))  # readable: the bytes' SHA-256
    assert len(set(ids.values())) == 3

    before = inbox.RefusedBefore(_quarantine(refused))
    assert all(before.unchanged(str(p)) for p in (loop, fifo, empty))
    assert before.skipped == 3
    assert not before.unchanged(str(tmp_path / "other.txt"))

    st = fifo.stat()  # the FIFO is touched, the loop is replaced by a good link
    os.utime(fifo, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    loop.unlink()
    empty.write_text("now an article")
    loop.symlink_to(empty.name)
    again = inbox.RefusedBefore(_quarantine(refused))
    assert [again.unchanged(str(p)) for p in (loop, fifo, empty)] == [False, False, False]


def test_a_missing_path_has_no_id(tmp_path):
    assert inbox.refusal_id(str(tmp_path / "gone.txt")) is None
    assert inbox.refusal_id(None) is None
