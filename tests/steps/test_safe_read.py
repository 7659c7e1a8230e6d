"""Reading an input can neither hang nor crash: FIFOs, files changing under the reader, names."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from flows.steps import ingest, safe_read
from tests.conftest import SEED

LIMIT = 1_000_000


@pytest.fixture
def alarm():
    """A hang fails the test instead of blocking the suite forever."""
    def hung(*_: object) -> None:
        raise TimeoutError("blocked")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_a_file_replaced_by_a_fifo_after_discovery_is_refused_without_blocking(tmp_path, alarm):
    f = tmp_path / "article.txt"
    f.write_text(SEED.read_text())
    files, _ = ingest.discover([str(tmp_path)])
    assert files == [f]
    f.unlink()
    os.mkfifo(f)  # nobody ever writes to it: opening it for reading used to block
    got = ingest.read_article(f, LIMIT)
    assert isinstance(got, ingest.Rejected)
    assert (got.reason, got.detail) == ("not_a_file", "is a FIFO (named pipe)")


def test_a_file_growing_while_read_is_refused(tmp_path, monkeypatch):
    f = tmp_path / "growing.txt"
    f.write_text("The council met on Tuesday.\n" * 100)
    real_read = os.read
    appended = []

    def read_and_append(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        if not appended:  # the writer is still copying the file in
            appended.append(True)
            with open(f, "a") as more:
                more.write("More text.\n")
        return chunk

    monkeypatch.setattr(os, "read", read_and_append)
    got = ingest.read_article(f, LIMIT)
    assert isinstance(got, ingest.Rejected) and got.reason == "changed_while_read"
    assert "2800 →" in got.detail


def test_a_non_utf8_name_is_stored_with_backslash_escapes(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")  # a surrogate escape inside Python
    (tmp_path / name).write_text(SEED.read_text())
    got = ingest.read_article(tmp_path / name, LIMIT)
    assert isinstance(got, ingest.RawArticle)
    assert got.path.endswith("caf\\xe9.txt")
    got.path.encode("utf-8")  # what a Parquet string needs
    assert safe_read.path_text("rel/été.txt") == os.path.abspath("rel/été.txt")  # UTF-8 kept


def test_names_are_printed_escaped():
    assert safe_read.shown("a\x1b[31mred\x1b[0m\r.txt") == "a\\x1b[31mred\\x1b[0m\\r.txt"
    assert safe_read.shown(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"


def test_served_inboxes_leave_files_still_being_written_for_the_next_run(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("x")
    new.write_text("x")
    os.utime(old, (time.time() - 60, time.time() - 60))
    assert safe_read.settled([old, new], 5.0) == [old]
    assert safe_read.settled([old, new], 0.0) == [old, new]


def test_read_bytes_takes_what_it_read_once(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"abc")
    assert safe_read.read_bytes(f, 10) == b"abc"
    with pytest.raises(safe_read.ReadFailure, match="limit"):
        safe_read.read_bytes(f, 2)
