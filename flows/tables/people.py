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

Identity across articles for one-word names (`resolved_key`): an article that names a
person by one word only gives `person:~trump`, which no article-level step can tie to a
full name. Here, with the whole dataset in view, a `~` key is attached to the full-name
key it can only mean: the one full-name key of the dataset whose one-word forms
(`short_forms`: its surname, and any single word articles use for it, "xi" for Xi
Jinping) include the word, unless an article named the two side by side and kept them
apart (`kept_apart`: then the article itself found the word ambiguous, and attaching
would merge two people of one article). Two or more such full names (Donald and Ivanka
Trump) leave the `~` key on its own (`candidate_keys` lists them). The attachment is a
function of the whole table, recomputed after every merge from `short_forms` and
`kept_apart`, which merge as unions: so a new article that brings a second full name
with the surname withdraws an attachment, and the incremental path still equals the
recomputation.

Layering: this module reads frames only (no spaCy, no storage), so the storage layer can
import it; it folds names with `flows.steps.kb.fold` (a pure string function, the one the
keys were folded with).
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from flows.steps.kb import fold
from flows.tables import schema

#: Claim kinds credited to a speaker (assertions are the article's own).
ATTRIBUTED_KINDS = ("direct_quote", "partial_quote", "indirect", "belief")
#: Prefix of every person key, surname-only (`person:~`) keys included.
PERSON_PREFIX = "person:"
#: Prefix of the key of a person an article names by one word only.
ONE_WORD_PREFIX = PERSON_PREFIX + "~"
#: Generational suffixes passed over when taking a full name's surname ("Donald Trump Jr.").
NAME_SUFFIXES = ("jr", "sr", "ii", "iii", "iv")
#: Trailing possessive of a mention ("Xi's"), removed before folding.
_POSSESSIVE = r"(?:'s|’s|'|’)$"
#: What `people_rows` reads from each data table; stores read only these columns.
INPUT_COLUMNS: dict[str, list[str]] = {
    "articles": ["article_id", "published", "processed_at"],
    "entities": ["article_id", "cluster_id", "mention_text", "canonical", "entity_key"],
    "claims": ["article_id", "kind", "speaker_key"],
}

_SUMS = ("n_articles", "n_mentions", "n_quotes", "n_direct_quotes", "n_quoted_articles")
#: Per-key word lists that merge as unions (the state the attachment is computed from).
_UNIONS = ("short_forms", "kept_apart")


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
    counts = counts.join(_short_forms(ents), on="entity_key", how="left").join(
        _kept_apart(ents), on="entity_key", how="left")
    tallies = ents.select("entity_key", "article_id", "name").unique().group_by(
        "entity_key", "name").agg(pl.len().alias("n"))
    return _finish(counts, tallies)


def _key_words(key: pl.Expr, prefix: str) -> pl.Expr:
    return key.str.strip_prefix(prefix).str.split(" ")


def _short_forms(ents: pl.DataFrame) -> pl.DataFrame:
    """Per full-name key, the single words that name the person: the surname (the last
    word, generational suffixes passed over) and the first or last word of the key when
    a mention of it uses that word alone, titles aside ("Xi", "President Xi", "Xi's" in a
    Xi Jinping cluster give "xi", the surname of a name written surname first). Middle
    words are not taken even when used alone: on the regression corpora they were label
    errors ("Space" in a "Masten Space Systems" the model tagged PERSON)."""
    full = ents.filter(~pl.col("entity_key").str.starts_with(ONE_WORD_PREFIX)).with_columns(
        _key_words(pl.col("entity_key"), PERSON_PREFIX).alias("_words"))
    surname = full.select("entity_key", pl.col("_words").list.eval(
        pl.element().filter(~pl.element().is_in(NAME_SUFFIXES))).list.last().alias("form"))
    texts = full.select(pl.col("mention_text").unique())
    folded = texts.with_columns(pl.col("mention_text").str.replace(_POSSESSIVE, "").map_elements(
        lambda t: fold(t).split(), return_dtype=pl.List(pl.String)).alias("_said"))
    used = full.join(folded, on="mention_text").with_columns(
        pl.col("_said").list.set_intersection(pl.col("_words")).alias("_hits"))
    word = pl.col("_hits").list.first()
    alone = used.filter((pl.col("_hits").list.len() == 1)
                        & (word == pl.col("_said").list.last())
                        & ((word == pl.col("_words").list.first())
                           | (word == pl.col("_words").list.last())))
    alone = alone.select("entity_key", pl.col("_hits").list.first().alias("form"))
    return pl.concat([surname, alone]).drop_nulls().unique().group_by("entity_key").agg(
        pl.col("form").sort().alias("short_forms"))


def _kept_apart(ents: pl.DataFrame) -> pl.DataFrame:
    """Per `~` key, the full-name keys holding its words that an article names beside it.

    Such an article had both at hand and did not resolve the one word to the full name
    (because it fitted two people, "Clinton" beside Hillary and Bill Clinton): the
    dataset never attaches the `~` key to them.
    """
    keys = ents.select("article_id", "entity_key").unique()
    one_word = pl.col("entity_key").str.starts_with(ONE_WORD_PREFIX)
    tilde = keys.filter(one_word).with_columns(
        pl.col("entity_key").str.strip_prefix(ONE_WORD_PREFIX).alias("_phrase"))
    full = keys.filter(~one_word).select(
        "article_id", pl.col("entity_key").alias("_full"),
        pl.concat_str(pl.lit(" "), pl.col("entity_key").str.strip_prefix(PERSON_PREFIX),
                      pl.lit(" ")).alias("_padded"))
    both = tilde.join(full, on="article_id").filter(pl.col("_padded").str.contains(
        pl.concat_str(pl.lit(" "), pl.col("_phrase"), pl.lit(" ")), literal=True))
    return both.group_by("entity_key").agg(pl.col("_full").unique().sort().alias("kept_apart"))


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
        *(pl.col(c).explode().drop_nulls().unique().sort() for c in _UNIONS),
    )
    tallies = both.select("entity_key", "names", "name_articles").explode(
        "names", "name_articles").group_by("entity_key", pl.col("names").alias("name")).agg(
        pl.col("name_articles").sum().alias("n"))
    return _finish(counts, tallies)


def _finish(counts: pl.DataFrame, tallies: pl.DataFrame) -> pl.DataFrame:
    """Rows in the declared shape from per-key counts and per-(key, name) article tallies.

    Names are ordered by articles (descending), then length (descending), then
    alphabetically, so `name` (the first) is deterministic whatever the input order.
    The attachment of `~` keys (`candidate_keys`, `resolved_key`) is computed last, from
    the whole set of keys.
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
        *(pl.col(c).fill_null([]).cast(pl.List(pl.String)) for c in _UNIONS),
    )
    return _attach(out).select(decl.names).cast(decl.polars_schema()).sort("entity_key")


def _attach(rows: pl.DataFrame) -> pl.DataFrame:
    """`candidate_keys` and `resolved_key` of every row, from the whole table.

    A `~` key's candidates are the full-name keys whose `short_forms` hold its word; it
    resolves to the candidate when there is exactly one and no article kept the two
    apart. Every other key resolves to itself.
    """
    one_word = pl.col("entity_key").str.starts_with(ONE_WORD_PREFIX)
    forms = rows.filter(~one_word).select(
        pl.col("entity_key").alias("_candidate"), pl.col("short_forms").alias("_form")
    ).explode("_form").drop_nulls()
    candidates = rows.filter(one_word).select(
        "entity_key", pl.col("entity_key").str.strip_prefix(ONE_WORD_PREFIX).alias("_form")
    ).join(forms, on="_form").group_by("entity_key").agg(
        pl.col("_candidate").unique().sort().alias("candidate_keys"))
    out = rows.join(candidates, on="entity_key", how="left").with_columns(
        pl.col("candidate_keys").fill_null([]).cast(pl.List(pl.String)))
    only = pl.col("candidate_keys").list.first()
    attached = ((pl.col("candidate_keys").list.len() == 1)
                & ~pl.col("kept_apart").list.contains(only))
    return out.with_columns(
        pl.when(attached).then(only).otherwise(pl.col("entity_key")).alias("resolved_key"))


def people_of(tables: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """`people_rows` of a mapping of data tables (a batch's, or a whole dataset's)."""
    return people_rows(tables["entities"], tables["claims"], tables["articles"])


def differences(got: pl.DataFrame, want: pl.DataFrame) -> list[str]:
    """Keys whose rows differ between the table and its recomputation, for the report."""
    a = {r["entity_key"]: r for r in got.select(schema.table("people").names).to_dicts()}
    b = {r["entity_key"]: r for r in want.select(schema.table("people").names).to_dicts()}
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
