"""Delta Lake tables (flows/storage/delta.py): transaction ids, commit order, concurrent
writers, metadata, optimize and vacuum; on a local folder and on a real S3 server (moto).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

from flows.storage import open_dataset
from flows.storage.delta import (
    CHILD_TABLES,
    COMMIT_ORDER,
    DeltaDataset,
    article_app_id,
    batch_app_id,
)
from flows.tables import schema, validate
from tests.tables.factories import article_batch


def _batch(*chars: str) -> dict[str, pl.DataFrame]:
    """One batch holding the articles named by `chars` (each the factory's article)."""
    parts = [article_batch(c) for c in chars]
    return {n: pl.concat([p[n] for p in parts]) for n in schema.DATA_TABLES}


def _delta(path: Path | str) -> DeltaDataset:
    ds = open_dataset(path, "delta")
    assert isinstance(ds, DeltaDataset)
    return ds


def _counts(ds: DeltaDataset) -> dict[str, list[tuple[str, int]]]:
    """Rows per article in every data table, as stored (no join through articles)."""
    return {n: sorted(ds._raw(n, ["article_id"]).group_by("article_id").len().rows())
            for n in schema.DATA_TABLES}


@contextlib.contextmanager
def _killed_before_articles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Inside the block a writer dies after its child commits, before `articles`."""
    commit = DeltaDataset._commit

    def crash_at_articles(self, name, *args, **kwargs):
        if name == "articles":
            raise KeyboardInterrupt("killed before the articles commit")
        return commit(self, name, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(DeltaDataset, "_commit", crash_at_articles)
        yield


def test_commit_order_is_children_first_articles_last():
    assert COMMIT_ORDER[-1] == "articles" and set(CHILD_TABLES) == set(
        schema.DATA_TABLES) - {"articles"}


def test_a_retried_batch_is_a_no_op_by_its_transaction_id(tmp_path):
    ds = _delta(tmp_path)
    ds.publish("b1", _batch("a", "b"))
    versions = {n: ds.table(n).version() for n in schema.DATA_TABLES}
    for name in schema.DATA_TABLES:  # every table's commit carries the batch's id
        assert ds.table(name).transaction_version(batch_app_id("b1")) == 1
    assert ds.table("articles").transaction_version(article_app_id("a" * 64)) == 1
    ds.publish("b1", _batch("a", "b"))
    assert {n: ds.table(n).version() for n in schema.DATA_TABLES} == versions
    ds.publish("b2", _batch("b"))  # another batch, an article already in: nothing added
    assert {n: ds.table(n).version() for n in schema.DATA_TABLES} == versions
    assert ds.read("sentences").height == 4


def test_readers_join_through_articles_and_a_crashed_batch_is_never_doubled(
        tmp_path, monkeypatch):
    """A writer killed after its child commits, before `articles`: the rows it left are
    invisible, and a re-run that batches the article differently replaces them."""
    ds = _delta(tmp_path)
    ds.publish("b1", _batch("a"))
    with _killed_before_articles(monkeypatch), pytest.raises(KeyboardInterrupt):
        ds.publish("b2", _batch("b"))
    assert ds._raw("sentences").height == 4  # b's child rows are stored …
    assert ds.read("sentences").height == 2  # … but no reader through the store sees them
    assert sorted(ds.known_articles()) == ["a" * 64]
    assert validate.validate_dataset(tmp_path).ok

    again = _delta(tmp_path)  # the next run
    assert again.recover() == [f"{n}: rows of 1 uncommitted article(s)"
                               for n in ("sentences", "entities", "entity_summary")]
    again.publish("b3", _batch("b", "c"))  # b again, in a batch of another composition
    counts = _counts(again)
    fresh = _delta(tmp_path / "clean")
    fresh.publish("x", _batch("a", "b", "c"))
    assert counts == _counts(fresh)
    assert again.read("sentences").height == 6


def test_a_kill_beside_another_writer_doubles_rows_until_the_next_run_keeps_one_copy(
        tmp_path, monkeypatch):
    """Writer Y is past its `recover()` when writer X, killed before its `articles`
    commit, leaves child rows of article b; Y then publishes b by appending. The doubled
    rows fail `validate`, and the next run's `recover()` keeps one copy of each."""
    ds = _delta(tmp_path)
    ds.publish("b1", _batch("a"))
    y = _delta(tmp_path)
    y.recover()  # Y starts: nothing to recover yet
    with _killed_before_articles(monkeypatch), pytest.raises(KeyboardInterrupt):
        _delta(tmp_path).publish("x1", _batch("b"))  # X is killed
    y.publish("y1", _batch("b", "c"))  # Y does not know X's rows: it appends b's again
    reference = _delta(tmp_path / "one-writer")
    reference.publish("all", _batch("a", "b", "c"))
    doubled = _counts(_delta(tmp_path))
    assert doubled["sentences"] != _counts(reference)["sentences"]  # the race happened
    assert not validate.validate_dataset(tmp_path).ok  # and is not taken for valid

    nxt = _delta(tmp_path)  # the next run
    lines = nxt.recover()
    assert any("stored twice" in line and line.startswith("sentences") for line in lines)
    assert _counts(nxt) == _counts(reference)
    assert validate.validate_dataset(tmp_path).ok
    assert _delta(tmp_path).recover() == []  # nothing left to do


def test_concurrent_writers_lose_and_double_nothing(tmp_path):
    """Four writers at once, each with its own batching of overlapping articles."""
    plans = [[("w0a", "ab"), ("w0b", "cd")], [("w1a", "bc"), ("w1b", "de")],
             [("w2a", "abcde")], [("w3a", "e"), ("w3b", "a"), ("w3c", "f")]]
    errors: list[BaseException] = []

    def writer(plan):
        try:
            ds = _delta(tmp_path)
            with ds.lock():  # excludes nobody: that is the point
                ds.recover()
                for batch_id, chars in plan:
                    ds.publish(batch_id, _batch(*chars))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(p,)) for p in plans]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    reference = _delta(tmp_path / "one-writer")
    reference.publish("all", _batch(*"abcdef"))
    assert _counts(_delta(tmp_path)) == _counts(reference)
    assert validate.validate_dataset(tmp_path).ok


def test_descriptions_and_schema_version_in_delta_and_parquet_metadata(tmp_path):
    ds = _delta(tmp_path)
    ds.publish("b1", _batch("a"))
    decl = schema.table("sentences")
    table = DeltaTable(ds.uri("sentences"))
    field = next(f for f in table.schema().fields if f.name == "sentence_text")
    want = next(c for c in schema.table("sentences").columns if c.name == "sentence_text")
    assert field.metadata["description"] == want.description
    assert field.metadata["newstables.schema_version"] == str(decl.version)
    assert table.metadata().name == "sentences"
    assert table.metadata().description == schema.table("sentences").description
    parquet = pq.read_schema(table.file_uris()[0])
    assert parquet.field("sentence_text").metadata[b"description"] == want.description.encode()
    assert ds.schema_of(table.file_uris()[0]).metadata[b"newstables.table"] == b"sentences"


def test_compact_is_optimize_and_vacuum_keeps_a_week(tmp_path):
    ds = _delta(tmp_path)
    for i, c in enumerate("abc"):
        ds.publish(f"b{i}", _batch(c))
    before = {n: ds.read(n).sort(schema.table(n).primary_key) for n in schema.DATA_TABLES}
    files_on_disk = len(list((tmp_path / "sentences").glob("*.parquet")))
    counts = ds.compact()
    assert counts["sentences"] == (3, 1) and counts["articles"] == (3, 1)
    for n, df in before.items():
        assert ds.read(n).sort(schema.table(n).primary_key).equals(df), n
    # the policy: files replaced less than a week ago stay, for readers of older versions
    assert len(list((tmp_path / "sentences").glob("*.parquet"))) == files_on_disk + 1
    assert DeltaTable(ds.uri("sentences"), version=1).to_pyarrow_table().num_rows == 2
    removed = ds.vacuum("sentences", retention_hours=0)  # what the policy does a week later
    assert len(removed) == 3
    assert len(list((tmp_path / "sentences").glob("*.parquet"))) == 1
    assert validate.validate_dataset(tmp_path).ok


def test_reprocess_is_a_predicate_overwrite(tmp_path):
    ds = _delta(tmp_path)
    ds.publish("b1", _batch("a", "b"))
    new = _batch("b")
    new["articles"] = new["articles"].with_columns(pl.lit("again").alias("run_id"))
    ds.replace_articles({n: [("f", new[n])] for n in schema.DATA_TABLES}, {"b" * 64})
    articles = ds.read("articles").sort("article_id")
    assert articles["run_id"].to_list() == ["r", "again"]
    assert _counts(ds) == _counts(_publish_fresh(tmp_path / "fresh", "ab"))
    assert "overwrite" in DeltaTable(ds.uri("articles")).history(1)[0]["operationParameters"][
        "mode"].lower()


def _publish_fresh(path: Path, chars: str) -> DeltaDataset:
    ds = _delta(path)
    ds.publish("fresh", _batch(*chars))
    return ds


@pytest.mark.slow  # starts an S3 server
def test_on_s3_polars_and_duckdb_read_the_tables(s3):
    url = f"{s3.bucket()}/data"
    ds = _delta(url)
    ds.publish("b1", _batch("a", "b"))
    ds.publish("b2", _batch("c"))
    assert validate.validate_dataset(url).ok
    uri = ds.uri("sentences")
    assert uri.startswith("s3://")
    got = pl.scan_delta(uri).select(pl.len()).collect().item()
    assert got == 6
    dataset = DeltaTable(uri).to_pyarrow_dataset()  # noqa: F841 - read by name in DuckDB
    [(n,)] = duckdb.sql("select count(distinct article_id) from dataset").fetchall()
    assert n == 3
    assert all(f.startswith("s3://") for f in ds.table_files("articles"))
