"""Tables without traps: names a SQL user can type, the generated dictionary, encodings."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest

from flows.storage import IncompatibleDataset, check_schema_versions
from flows.storage.local import LocalDataset
from flows.tables import schema
from tests.tables.factories import article_batch

ROOT = Path(__file__).resolve().parents[2]

#: Spark SQL's ANSI reserved words (Spark 3.5 docs, "ANSI Compliance"); DuckDB's own
#: list, which follows PostgreSQL's grammar, is read from DuckDB itself below.
SPARK_RESERVED = {
    "all", "and", "any", "as", "authorization", "both", "case", "cast", "check", "collate",
    "column", "constraint", "create", "cross", "current", "current_date", "current_time",
    "current_timestamp", "current_user", "distinct", "else", "end", "escape", "except",
    "false", "fetch", "filter", "for", "foreign", "from", "full", "grant", "group",
    "having", "in", "inner", "intersect", "into", "is", "join", "lateral", "leading",
    "left", "natural", "not", "null", "offset", "on", "only", "or", "order", "outer",
    "overlaps", "primary", "references", "right", "select", "session_user", "some",
    "table", "then", "time", "to", "trailing", "union", "unique", "unknown", "user",
    "using", "when", "where", "with",
}
#: PostgreSQL's reserved key words (appendix C of its manual) that DuckDB does not reserve.
POSTGRES_RESERVED = {"analyse", "analyze", "array", "asymmetric", "current_catalog",
                     "current_role", "current_schema", "deferrable", "do", "initially",
                     "limit", "localtime", "localtimestamp", "placing", "returning",
                     "symmetric", "variadic", "window", "default", "desc", "asc"}


def test_no_column_is_a_reserved_word_of_duckdb_postgres_or_spark():
    duck = {r[0] for r in duckdb.sql(
        "select keyword_name from duckdb_keywords() where keyword_category = 'reserved'"
    ).fetchall()}
    assert "end" in duck  # the list is the real one
    reserved = duck | SPARK_RESERVED | POSTGRES_RESERVED
    bad = [(d.table, c.name) for d in schema.load_declarations().values()
           for c in d.columns if c.name.lower() in reserved]
    assert bad == []


def test_joined_tables_share_only_their_key_columns():
    """sentences, tokens, entities and claims are joined on (article_id, sentence_id): no
    other column may appear in two of them (no `text` beside `text`) but the offsets,
    which mean the same in every table (`char_start`, `char_end` into articles.body)."""
    names = {t: set(schema.table(t).names) for t in ("sentences", "tokens", "entities", "claims")}
    tables = list(names)
    for i, a in enumerate(tables):
        for b in tables[i + 1:]:
            assert names[a] & names[b] <= {"article_id", "sentence_id", "char_start", "char_end"}, (
                a, b)


def test_data_dictionary_file_is_up_to_date():
    doc = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert doc == schema.data_dictionary() + "\n", (
        "docs/data-dictionary.md is stale: run `newstables schema > docs/data-dictionary.md`")


def test_categorical_columns_are_dictionary_encoded_and_read_back_as_declared(tmp_path):
    ds = LocalDataset(tmp_path)
    with ds.lock():
        ds.publish("b1", article_batch("a"))
    f = next((tmp_path / "entities").glob("*.parquet"))
    arrow = pq.read_table(f)
    assert str(arrow.schema.field("label").type).startswith("dictionary<values=string")
    assert str(arrow.schema.field("mention_text").type) == "string"
    assert pl.read_parquet(f)["label"].dtype == pl.Categorical
    assert ds.read("entities")["label"].to_list() == ["PERSON"]  # declared String again


def test_every_table_exists_empty_with_its_schema_before_any_row(tmp_path):
    ds = LocalDataset(tmp_path)
    with ds.lock():
        ds.ensure_tables()
    for name in (*schema.DATA_TABLES, *schema.DERIVED_TABLES, *schema.LOG_TABLES):
        rel = duckdb.sql(f"select * from read_parquet('{tmp_path}/{name}/*.parquet')")
        assert rel.columns == schema.table(name).names, name
        assert rel.fetchall() == [], name


def test_compact_merges_the_log_tables_too(tmp_path):
    ds = LocalDataset(tmp_path)
    with ds.lock():
        ds.ensure_tables()
        ds.publish("b1", article_batch("a"))
        for i in range(3):
            ds.append_log("_runs", f"r{i}", [_run_row(f"r{i}")])
        counts = ds.compact()
    assert counts["_runs"] == (3, 1) and counts["_quarantine"] == (1, 1)
    assert sorted(ds.read("_runs")["run_id"]) == ["r0", "r1", "r2"]


def test_an_older_dataset_is_refused_with_one_clear_line(tmp_path):
    ds = LocalDataset(tmp_path)
    with ds.lock():
        ds.publish("b1", article_batch("a"))
    f = next((tmp_path / "entities").glob("*.parquet"))
    table = pq.read_table(f)
    meta = {**table.schema.metadata, b"newstables.schema_version": b"2"}
    pq.write_table(table.replace_schema_metadata(meta), f)
    with pytest.raises(IncompatibleDataset, match=r"schema version 2 of table entities; "
                                                   r"this newstables writes version 3"):
        check_schema_versions(ds)


def _run_row(run_id: str) -> dict:
    from datetime import UTC, datetime

    now = datetime(2024, 1, 1, tzinfo=UTC)
    return {"run_id": run_id, "started_at": now, "ended_at": now, "status": "completed",
            "inputs_seen": 1, "articles_written": 1, "articles_skipped": 0, "quarantined": 0,
            "pipeline_version": "t", "model": "m", "flow_run_id": None}
