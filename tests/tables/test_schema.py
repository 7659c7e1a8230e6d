"""Declarations → Arrow schema and checks; broken tables are refused with a precise report."""

from __future__ import annotations

import polars as pl

from flows.tables import schema
from tests.tables.factories import tiny_batch


def test_a_consistent_batch_passes():
    assert schema.check_tables(tiny_batch()) == []


def test_arrow_schema_carries_version_and_descriptions():
    arrow = schema.table("entities").arrow_schema()
    assert arrow.metadata[b"newstables.schema_version"] == b"3"
    assert arrow.field("canonical").metadata[b"description"].startswith(b"Name of the")
    assert str(arrow.field("latitude").type) == "double"
    assert arrow.field("kb_id").nullable and not arrow.field("label").nullable
    assert str(arrow.field("label").type) == "dictionary<values=string, indices=int32, ordered=0>"


def test_span_that_does_not_match_the_body_is_refused():
    batch = tiny_batch()
    batch["sentences"] = batch["sentences"].with_columns(
        pl.when(pl.col("sentence_id") == 1).then(pl.lit(11)).otherwise(pl.col("char_start"))
        .cast(pl.Int32).alias("char_start")
    )
    [v] = schema.check_tables(batch)
    assert v.table == "sentences" and v.column == "sentence_text"
    assert v.rule == "articles.body[char_start:char_end] == sentence_text" and v.n_rows == 1


def test_unknown_label_and_dangling_reference_are_each_named():
    batch = tiny_batch()
    ent = batch["entities"]
    batch["entities"] = pl.concat([
        ent.with_columns(pl.lit("CELEBRITY").alias("label")),
        ent.with_columns(pl.lit(7, dtype=pl.Int32).alias("sentence_id"),
                         pl.lit(5, dtype=pl.Int32).alias("entity_id")),
    ])
    got = {(v.table, v.column, v.rule, v.n_rows) for v in schema.check_tables(batch)}
    assert {(t, c, n) for t, c, _, n in got} == {("entities", "label", 1),
                                                 ("entities", "sentence_id", 1)}
    rules = {r for *_, r, _ in got}
    assert "(article_id, sentence_id) references sentences(article_id, sentence_id)" in rules
    assert any(r.startswith("isin(") for r in rules)


def test_wrong_dtype_is_refused():
    batch = tiny_batch()
    batch["sentences"] = batch["sentences"].with_columns(pl.col("char_start").cast(pl.Float64))
    violations = schema.check_tables(batch)
    assert any(v.table == "sentences" and v.column == "char_start" for v in violations)


def test_data_dictionary_lists_every_contract_column():
    text = schema.data_dictionary("claims")
    for col in ("kind", "content_start", "speaker_canonical", "addressee", "according_to"):
        assert f"| {col} |" in text


def test_duplicate_primary_key_is_refused():
    batch = tiny_batch()
    batch["sentences"] = pl.concat([batch["sentences"], batch["sentences"].head(1)])
    violations = schema.check_tables(batch)
    assert [v.rule for v in violations if v.table == "sentences"] == [
        "multiple_fields_uniqueness"
    ]


def _broken(table: str, change) -> tuple[schema.TableDecl, pl.DataFrame]:
    return schema.table(table), change(tiny_batch()[table])


#: One breach of each kind of declared rule, on the tiny batch's tables.
BREACHES = {
    "null where none is allowed": ("sentences", lambda df: df.with_columns(
        pl.lit(None, dtype=pl.String).alias("sentence_text"))),
    "value not allowed": ("articles", lambda df: df.with_columns(
        pl.lit("pdf").alias("content_type"))),
    "below the minimum": ("articles", lambda df: df.with_columns(
        pl.lit(0, dtype=pl.Int64).alias("n_bytes"))),
    "above the maximum": ("entities", lambda df: df.with_columns(
        pl.lit(91.0).alias("latitude"))),
    "pattern not matched": ("articles", lambda df: df.with_columns(
        pl.lit("A" * 64).alias("article_id"))),
    "duplicate key": ("sentences", lambda df: pl.concat([df, df.head(1)])),
    "wrong dtype": ("sentences", lambda df: df.with_columns(pl.col("char_start").cast(pl.Int64))),
    "extra column": ("sentences", lambda df: df.with_columns(pl.lit(1).alias("extra"))),
    "missing column": ("sentences", lambda df: df.drop("sentence_text")),
}


def test_the_quick_check_passes_a_valid_batch():
    for name, df in tiny_batch().items():
        assert schema.table(name).quick_pass(df), name


def test_the_quick_check_never_passes_what_pandera_refuses():
    """Every kind of breach is caught by the one-query check and then reported by pandera."""
    for what, (table, change) in BREACHES.items():
        decl, df = _broken(table, change)
        assert not decl.quick_pass(df), what
        assert schema.check_table(decl, df), what  # the report still comes from pandera


def test_the_quick_check_is_stricter_about_nan():
    decl, df = _broken("entities", lambda df: df.with_columns(pl.lit(float("nan")).alias(
        "latitude")))
    assert not decl.quick_pass(df)
