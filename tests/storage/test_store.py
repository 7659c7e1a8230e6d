"""The dataset folder: all-tables publishing, readers' view, recovery, compaction."""

from __future__ import annotations

import os

import duckdb
import polars as pl
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

from flows.storage import DatasetLocked
from flows.storage.local import LocalDataset
from flows.tables import schema
from tests.tables.factories import article_batch


def test_publish_is_visible_in_every_table_to_every_reader(tmp_path):
    ds = LocalDataset(tmp_path)
    with ds.lock():
        v1 = ds.publish("b1", article_batch("a"))
        v2 = ds.publish("b2", article_batch("b"))
    assert (v1, v2) == (1 + 1, 2 + 1)  # version 1 is the empty layout
    root = str(tmp_path)
    assert pads.dataset(f"{root}/sentences").count_rows() == 4
    assert pl.scan_parquet(f"{root}/articles/**/*.parquet").collect().height == 2
    q = f"select count(*) from read_parquet('{root}/entities/**/*.parquet')"
    assert duckdb.sql(q).fetchall() == [(2,)]
    meta = pq.read_schema(next((tmp_path / "articles").glob("*.parquet"))).metadata
    assert meta[b"newstables.schema_version"] == b"2"
    assert pq.ParquetFile(next((tmp_path / "tokens").glob("*.parquet"))).metadata.row_group(
        0).column(0).compression == "ZSTD"


def test_republishing_the_same_batch_adds_nothing(tmp_path):
    ds = LocalDataset(tmp_path)
    with ds.lock():
        ds.publish("b1", article_batch("a"))
        before = ds.current_version()
        assert ds.publish("b1", article_batch("a")) == before
    assert ds.read("articles").height == 1


def test_crash_before_the_flip_leaves_the_previous_version(tmp_path, monkeypatch):
    ds = LocalDataset(tmp_path)
    with ds.lock():
        ds.publish("b1", article_batch("a"))
    real_replace = os.replace

    def crash_on_flip(src, dst):
        if str(dst).endswith("_snapshots/current"):
            raise KeyboardInterrupt("killed")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_flip)
    with pytest.raises(KeyboardInterrupt), ds.lock():
        ds.publish("b2", article_batch("b"))
    monkeypatch.setattr(os, "replace", real_replace)
    assert ds.read("articles").height == 1  # readers never saw b2
    with ds.lock():
        removed = ds.recover()
    assert removed  # the unpublished version and the temp link are gone
    assert sorted(p.name for p in (tmp_path / "_snapshots").iterdir()) == [
        "current", "v00000001", "v00000002"]


def test_second_writer_is_refused_with_a_clear_message(tmp_path):
    ds = LocalDataset(tmp_path)
    other = LocalDataset(tmp_path)
    waited = []
    with ds.lock(), pytest.raises(DatasetLocked, match="being written by another"), \
            other.lock(timeout=0.2, on_wait=lambda: waited.append(True)):
        pass
    assert waited == [True]


def test_compaction_keeps_rows_and_merges_files(tmp_path):
    ds = LocalDataset(tmp_path)
    with ds.lock():
        for i, ch in enumerate("abcdef"):
            ds.publish(f"b{i}", article_batch(ch))
        before = {n: ds.read(n).sort(schema.table(n).primary_key) for n in schema.DATA_TABLES}
        counts = ds.compact()
    assert counts["sentences"] == (6, 1)
    for n in schema.DATA_TABLES:
        after = ds.read(n).sort(schema.table(n).primary_key)
        assert after.equals(before[n]), n
    assert len(list((tmp_path / "sentences").glob("*.parquet"))) == 1
