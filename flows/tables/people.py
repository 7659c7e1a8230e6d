"""The `people` table: one row per person across the dataset, as a pure function of the data.

Why it is defined here, once: the same function serves three callers that must agree
row for row. The local store keeps `people` up to date from each batch's rows
(`merge_people(old, people_rows(batch))`, in the same atomic version as the batch);
`--reprocess`, `compact` and stores that cannot keep derived files in step (object
stores) compute it from the whole data (`people_rows(all rows)`); and `newstables
validate` recomputes it to catch drift. The incremental path is exact because batches
never share an article (article ids are content hashes and a run skips what is
published), so every count is a sum, the dates a min and max, and the display name a
vote whose per-name tallies the table keeps (`names`, `name_articles`).

Layering: this module reads frames only (no spaCy, no storage), so the storage layer can
import it.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from flows.tables import schema

#: Claim kinds credited to a speaker (assertions are the article's own).
ATTRIBUTED_KINDS = ("direct_quote", "partial_quote", "indirect", "belief")
#: Prefix of every person key, surname-only (`person:~`) keys included.
PERSON_PREFIX = "person:"
#: What `people_rows` reads from each data table; stores read only these columns.
INPUT_COLUMNS: dict[str, list[str]] = {
    "articles": ["article_id", "published", "processed_at"],
    "entities": ["article_id", "cluster_id", "mention_text", "canonical", "entity_key"],
    "claims": ["article_id", "kind", "speaker_key"],
}

_SUMS = ("n_articles", "n_mentions", "n_quotes", "n_direct_quotes", "n_quoted_articles")


def people_rows(entities: pl.DataFrame, claims: pl.DataFrame,
                articles: pl.DataFrame) -> pl.DataFrame:
    """The `people` rows of a set of articles (a batch, or the whole dataset).

    Each name counts once per article that uses it for the key: a mention's name is its
    cluster's canonical name, except a surname-only mention split off a full-name
    cluster because two people of its article share the surname ("Clinton" beside
    Hillary and Bill Clinton): its key is `person:~clinton` and so is its name, its
    own text, never one of the two full names.
    """
    ents = entities.select(INPUT_COLUMNS["entities"]).filter(
        pl.col("entity_key").str.starts_with(PERSON_PREFIX))
    surname_only = pl.col("entity_key").str.starts_with(PERSON_PREFIX + "~")
    ents = ents.with_columns(
        (~surname_only).any().over("article_id", "cluster_id").alias("_full_cluster"))
    ents = ents.with_columns(
        pl.when(surname_only & pl.col("_full_cluster")).then(pl.col("mention_text"))
        .otherwise(pl.col("canonical")).alias("name"))
    seen = articles.select(
        "article_id",
        pl.coalesce(pl.col("published"), pl.col("processed_at").dt.date()).alias("_seen"))
    per_article = ents.select("entity_key", "article_id").unique().join(
        seen, on="article_id", how="left")
    counts = per_article.group_by("entity_key").agg(
        pl.len().alias("n_articles"),
        pl.col("_seen").min().alias("first_seen"),
        pl.col("_seen").max().alias("last_seen"),
    ).join(ents.group_by("entity_key").agg(pl.len().alias("n_mentions")), on="entity_key")
    said = claims.filter(pl.col("kind").is_in(ATTRIBUTED_KINDS)
                         & pl.col("speaker_key").str.starts_with(PERSON_PREFIX))
    quotes = said.group_by(pl.col("speaker_key").alias("entity_key")).agg(
        pl.len().alias("n_quotes"),
        (pl.col("kind") == "direct_quote").sum().alias("n_direct_quotes"),
        pl.col("article_id").n_unique().alias("n_quoted_articles"),
    )
    # Keys quoted but never named cannot occur (speaker_key is a mention's key); a left
    # join keeps the table's rows exactly the keys of entities.
    counts = counts.join(quotes, on="entity_key", how="left")
    tallies = ents.select("entity_key", "article_id", "name").unique().group_by(
        "entity_key", "name").agg(pl.len().alias("n"))
    return _finish(counts, tallies)


def merge_people(old: pl.DataFrame, delta: pl.DataFrame) -> pl.DataFrame:
    """`people` of the union of two sets of articles that share none: old ⊕ delta.

    `people_rows(A ∪ B) == merge_people(people_rows(A), people_rows(B))` whenever A and B
    have no article in common, which is what lets a run update the table from the rows
    it adds. Re-merging a batch already counted would count it twice: the local store
    derives the delta only when it actually adds the batch.
    """
    both = pl.concat([old.select(schema.table("people").names),
                      delta.select(schema.table("people").names)])
    counts = both.group_by("entity_key").agg(
        *(pl.col(c).sum() for c in _SUMS),
        pl.col("first_seen").min(),
        pl.col("last_seen").max(),
    )
    tallies = both.select("entity_key", "names", "name_articles").explode(
        "names", "name_articles").group_by("entity_key", pl.col("names").alias("name")).agg(
        pl.col("name_articles").sum().alias("n"))
    return _finish(counts, tallies)


def _finish(counts: pl.DataFrame, tallies: pl.DataFrame) -> pl.DataFrame:
    """Rows in the declared shape from per-key counts and per-(key, name) article tallies.

    Names are ordered by articles (descending), then length (descending), then
    alphabetically, so `name` (the first) is deterministic whatever the input order.
    """
    decl = schema.table("people")
    ordered = tallies.sort(
        ["entity_key", "n", pl.col("name").str.len_chars(), "name"],
        descending=[False, True, True, False],
    ).group_by("entity_key", maintain_order=True).agg(
        pl.col("name").alias("names"), pl.col("n").alias("name_articles"))
    out = counts.join(ordered, on="entity_key", how="left").with_columns(
        pl.col("names").list.first().alias("name"),
        *(pl.col(c).fill_null(0) for c in ("n_quotes", "n_direct_quotes", "n_quoted_articles")),
    )
    return out.select(decl.names).cast(decl.polars_schema()).sort("entity_key")


def people_of(tables: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """`people_rows` of a mapping of data tables (a batch's, or a whole dataset's)."""
    return people_rows(tables["entities"], tables["claims"], tables["articles"])


def differences(got: pl.DataFrame, want: pl.DataFrame) -> list[str]:
    """Keys whose rows differ between the table and its recomputation, for the report."""
    a = {r["entity_key"]: r for r in got.select(schema.table("people").names).to_dicts()}
    b = {r["entity_key"]: r for r in want.select(schema.table("people").names).to_dicts()}
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
