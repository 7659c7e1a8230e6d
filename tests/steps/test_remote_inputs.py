"""Inputs given as fsspec URLs: listed and read by the local rules (fsspec's in-process
`memory://` here; `tests/system/test_object_store.py` reads from a real S3 server)."""

from __future__ import annotations

import uuid

import fsspec

from flows.steps import ingest, remote_inputs
from tests.conftest import SEED


def _bucket() -> str:
    root = f"memory:///inputs-{uuid.uuid4().hex[:8]}"  # as fsspec spells its URLs
    fs = fsspec.filesystem("memory")
    base = root.removeprefix("memory://")
    fs.pipe_file(f"{base}/inbox/b.txt", SEED.read_bytes())
    fs.pipe_file(f"{base}/inbox/a.html", b"<html><body><p>x</p></body></html>")
    fs.pipe_file(f"{base}/inbox/notes.md", b"not an article")
    fs.pipe_file(f"{base}/inbox/_out/c.txt", b"our own output")
    fs.pipe_file(f"{base}/inbox/sub/d.txt", b"")
    return root


def test_urls_folders_and_globs_are_listed_by_the_local_rules():
    root = _bucket()
    files, rejected = ingest.discover([f"{root}/inbox/"])
    assert files == [f"{root}/inbox/a.html", f"{root}/inbox/b.txt", f"{root}/inbox/sub/d.txt"]
    assert not rejected
    files, _ = ingest.discover([f"{root}/inbox/*.txt"])
    assert files == [f"{root}/inbox/b.txt"]
    files, rejected = ingest.discover([f"{root}/missing/", f"{root}/inbox/*.json"])
    assert files == []
    assert [(r.path, r.reason) for r in rejected] == [
        (f"{root}/missing/", "not_found"), (f"{root}/inbox/*.json", "no_articles")]
    assert remote_inputs.is_url("s3://b/x") and not remote_inputs.is_url("file:///x")
    assert not remote_inputs.is_url("folder/a.txt")


def test_a_url_is_read_with_the_checks_of_a_file():
    root = _bucket()
    got = ingest.read_article(f"{root}/inbox/b.txt", 10_000_000)
    assert isinstance(got, ingest.RawArticle)
    assert got.path == f"{root}/inbox/b.txt" and got.raw == SEED.read_bytes()
    assert ingest.read_article(f"{root}/inbox/sub/d.txt", 1000).reason == "empty"
    big = ingest.read_article(f"{root}/inbox/b.txt", 10)
    assert big.reason == "too_large" and "limit is 10 bytes" in big.detail
    assert ingest.read_article(f"{root}/inbox/gone.txt", 1000).reason == "not_found"
