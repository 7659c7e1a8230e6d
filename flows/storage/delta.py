"""Datasets as Delta Lake tables (delta-rs, the `deltalake` package): object stores and,
on request, local folders.

Layout of a dataset URL (`s3://bucket/prefix`, `gs://…`, `az://…`, or a folder)::

    URL/<table>/_delta_log/…           one Delta table per data and log table
    URL/<table>/part-*.parquet         files written by delta-rs
    URL/_reports/<run>/<batch>.json    refused batches' reports

Why Delta: object stores have no rename, symlink or lock, so the local store's design
(flip one symlink) cannot work there. A Delta table commits by writing the next log
entry with a conditional PUT (if-none-match), which S3, GCS and Azure all offer: two
writers can never both commit the same version, so concurrent writers need no lock file
(and no `AWS_S3_ALLOW_UNSAFE_RENAME`). Every Delta reader (Spark, Trino, DuckDB,
Polars' `scan_delta`, pandas through `DeltaTable`) sees whole commits only.

Consistency across tables (Delta has no multi-table transaction), kept by commit order:

* a batch commits its child tables first (sentences, tokens, entities, entity_summary,
  claims), one commit each, and `articles` last. An article is in the dataset once its
  `articles` row is committed; `read` (hence `validate`, `people` and the pipeline)
  joins every child table through `articles`, so a batch whose `articles` commit has not
  happened (in flight, or killed) is invisible to it. A plain reader of a child Delta
  table should do the same (join on `article_id`).
* every commit of a batch carries the application transaction id
  `newstables-batch:<batch id>` (Delta `txn` action; batch ids are content hashes). A
  table that already holds it skips the batch, so a retried batch is a no-op, and two
  writers committing the same batch at once collide in delta-rs's conflict check
  ("concurrent transaction"): the loser finds the batch committed and moves on.
* the `articles` commit also carries `newstables-article:<article id>` for each of its
  articles, so two writers that put one article in *different* batches collide there
  too. The loser drops the articles the winner committed, rewrites its own child rows of
  them (a predicate overwrite leaves exactly one copy: rows of one article are the same
  whoever computes them) and commits the rest.
* a writer killed between its child commits and its `articles` commit leaves child rows
  of articles that are not in `articles`. `recover()` lists those articles per table;
  when a later batch carries one of them again (a re-run processes it, since it is not
  in `articles`), that table's commit is a predicate overwrite of those articles
  instead of an append, so no row is doubled whatever the new batch holds.
* the same kill while *another* writer, already past its `recover()`, publishes one of
  those articles leaves that article's child rows twice (the other writer appended).
  The next run's `recover()` finds each primary key stored twice and rewrites those
  articles' rows with one copy; until then `validate` fails on the doubled keys.

Metadata: every column's description and the table's schema version travel in the
Delta schema's field metadata, which delta-rs also writes into each Parquet file's
Arrow schema (it keeps field metadata, not schema-level metadata, so the table-level
keys are repeated on each field; `schema_of` lifts them back). The Delta table's own
name and description are the declaration's.

Maintenance: `compact` is delta-rs's optimize (small files merged, a `data_change=false`
commit that never conflicts with appends) followed by a vacuum with the retention in
`VACUUM_RETENTION_HOURS` (7 days, Delta's default): files that no version of the last
7 days references are deleted, so time travel and readers that started before a compaction
keep working for a week. Nothing else ever deletes data files.

`people` is computed on read (`derived_tables=False`), from the committed rows of
`entities`, `claims` and `articles`: a stored `people` table would be one more table that
every batch of every writer rewrites (a merge on the same keys), so concurrent writers
would conflict on every batch, and no commit could tie it atomically to the batch's own
tables.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import fsspec
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
from deltalake import (
    CommitProperties,
    DeltaTable,
    Transaction,
    WriterProperties,
    write_deltalake,
)
from deltalake.exceptions import CommitFailedError, TableNotFoundError

from flows import faults
from flows.storage.base import (
    COMPACT_TARGET_BYTES,
    ArticleIndex,
    Capabilities,
    FileRef,
    log_frame,
)
from flows.tables import schema

#: Data tables in commit order: children first, `articles` (the commit point) last.
COMMIT_ORDER = (*[t for t in schema.DATA_TABLES if t != "articles"], "articles")
CHILD_TABLES = COMMIT_ORDER[:-1]
#: Vacuum policy of `compact`: delete unreferenced files older than this (Delta's default).
VACUUM_RETENTION_HOURS = 168
#: Field-metadata keys that carry the table-level declaration into every Parquet file.
TABLE_KEYS = ("newstables.table", "newstables.schema_version")
#: The compression every store uses (`base.encode_parquet`).
WRITER = WriterProperties(compression="ZSTD")
#: How often the `articles` commit is retried after losing a race to another writer.
MAX_CONFLICT_RETRIES = 20


def batch_app_id(batch_id: str) -> str:
    return f"newstables-batch:{batch_id}"


def article_app_id(article_id: str) -> str:
    return f"newstables-article:{article_id}"


def delta_schema(decl: schema.TableDecl) -> pa.Schema:
    """The declaration's Arrow schema with the table-level keys on every field."""
    arrow = decl.arrow_schema()
    meta = {k: arrow.metadata[k.encode()].decode() for k in TABLE_KEYS}
    return pa.schema([f.with_metadata({**(f.metadata or {}), **meta}) for f in arrow])


def _in_list(column: str, values: Sequence[str]) -> str:
    """A delta-rs SQL predicate `column IN (...)`; ids are hex, quotes are escaped anyway."""
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values))
    return f"{column} IN ({quoted})"


def _is_txn_conflict(exc: CommitFailedError) -> bool:
    """Another writer committed one of this commit's application transaction ids."""
    return "Concurrent transaction" in str(exc)


class DeltaDataset(ArticleIndex):
    """The `flows.storage.Dataset` protocol on Delta tables; safe for concurrent writers."""

    capabilities = Capabilities(backend="Delta Lake tables", atomic_versions=False,
                                reprocess=True, compact=True, lock=False,
                                derived_tables=False, concurrent_writers=True)

    def __init__(self, url: str | os.PathLike[str]) -> None:
        self.location = os.fspath(url)
        self.url = self.location.rstrip("/")
        if "://" not in self.url:  # a local folder: delta-rs and fsspec want it absolute
            self.url = os.path.abspath(self.url)
        #: article ids of `recover()`'s leftover child rows, per child table.
        self._orphans: dict[str, set[str]] = {}

    # -- tables -----------------------------------------------------------------------------
    def uri(self, name: str) -> str:
        return f"{self.url}/{name}"

    def table(self, name: str) -> DeltaTable | None:
        """The table's latest version, or None before its first commit."""
        try:
            return DeltaTable(self.uri(name))
        except TableNotFoundError:
            return None

    def _create(self, name: str) -> DeltaTable:
        decl = schema.table(name)
        try:
            # No retry at a later version: a second creator must fail, not re-commit
            # the metadata under writers that already hold version 0.
            DeltaTable.create(self.uri(name), delta_schema(decl), mode="ignore",
                              name=name, description=decl.description,
                              commit_properties=CommitProperties(max_commit_retries=0))
        except Exception:  # another writer created it first: its version 0 stands
            if self.table(name) is None:
                raise
        table = self.table(name)
        assert table is not None
        return table

    def exists(self) -> bool:
        return DeltaTable.is_deltatable(self.uri("articles"))

    def ensure_tables(self) -> None:
        """Create every declared table (version 0: its schema, no rows) before the first rows,
        so readers of a fresh dataset find each one. Creation is idempotent across writers."""
        for name in (*schema.DATA_TABLES, *schema.LOG_TABLES):
            if name not in schema.DERIVED_TABLES and self.table(name) is None:
                self._create(name)

    @contextlib.contextmanager
    def lock(
        self, timeout: float = 0, on_wait: Callable[[], object] | None = None
    ) -> Iterator[None]:
        """Excludes nobody, and need not: commits are conditional PUTs (see the module)."""
        yield

    def recover(self) -> list[str]:
        """Find what killed writers left in the child tables, at the start of a run.

        * Rows of articles that are not in `articles` (a writer killed between its child
          commits and its `articles` commit): nothing is deleted, since they may be
          another writer's batch in flight; they are replaced, not doubled, when a batch
          carries their article again (`publish`).
        * Rows of a *published* article stored twice: a writer killed after its child
          commits while another writer, past its own `recover()`, published the same
          article (the second copy was appended, not swapped). Found by a primary key
          that occurs twice; the article's rows are rewritten with one copy
          (`_keep_one_copy`). `validate` fails on such a dataset until then.
        """
        known = set(self.known_articles())
        self._orphans = {}
        found = []
        for name in CHILD_TABLES:
            key = list(schema.table(name).primary_key)
            keys = self._raw(name, key)
            ids = set(keys["article_id"].unique().to_list())
            if ids - known:
                self._orphans[name] = ids - known
                found += [f"{name}: rows of {len(ids - known)} uncommitted article(s)"]
            doubled = sorted(set(keys.filter(keys.is_duplicated())["article_id"].to_list())
                             & known)
            if doubled:
                self._keep_one_copy(name, doubled)
                found += [f"{name}: rows of {len(doubled)} published article(s) were "
                          "stored twice (a writer killed beside another); one copy kept"]
        return found

    def _keep_one_copy(self, name: str, article_ids: Sequence[str]) -> None:
        """Rewrite these articles' rows of one table with each primary key once.

        The copies are equal (an article's rows are the same whoever computes them), so
        which one is kept does not matter; the rewrite is a predicate overwrite of just
        these articles, retried like any overwrite if another writer commits meanwhile.
        """
        table = self.table(name)
        assert table is not None
        rows = pl.from_arrow(table.to_pyarrow_table(
            filters=[("article_id", "in", list(article_ids))]))
        key = list(schema.table(name).primary_key)
        one = rows.unique(subset=key, keep="first", maintain_order=True)  # type: ignore[union-attr]
        self._commit(name, one, [], replace=article_ids, table=table)

    # -- reading ----------------------------------------------------------------------------
    def _raw(self, name: str, columns: list[str] | None = None) -> pl.DataFrame:
        """Every committed row of one Delta table, without the join through `articles`."""
        table = self.table(name)
        if table is None:
            df = schema.table(name).empty()
            return df.select(columns) if columns else df
        return pl.from_arrow(table.to_pyarrow_table(columns=columns))  # type: ignore[return-value]

    def read(self, name: str, columns: list[str] | None = None) -> pl.DataFrame:
        """A table as one frame; child tables only with rows of committed articles."""
        if name in schema.DERIVED_TABLES:
            df = self.derive(name)
            return df.select(columns) if columns else df
        if name not in CHILD_TABLES:
            return self._raw(name, columns)
        cols = columns if columns is None or "article_id" in columns else [*columns,
                                                                         "article_id"]
        df = self._raw(name, cols)
        ids = self._raw("articles", ["article_id"])
        df = df.join(ids, on="article_id", how="semi")
        return df.select(columns) if columns else df

    def table_files(self, name: str) -> list[str]:
        table = self.table(name) if name not in schema.DERIVED_TABLES else None
        return sorted(table.file_uris()) if table is not None else []

    def log_files(self, name: str) -> list[str]:
        return self.table_files(name)

    def _read_files(self, files: Sequence[FileRef], columns: list[str] | None) -> pl.DataFrame:
        frames = []
        for f in files:
            with fsspec.open(os.fspath(f), "rb") as fh:
                frames.append(pl.from_arrow(pq.read_table(fh, columns=columns)))
        return pl.concat(frames)  # type: ignore[type-var,return-value]

    def schema_of(self, file: FileRef) -> pa.Schema:
        """The file's Arrow schema, with the table-level keys its fields carry lifted back."""
        with fsspec.open(os.fspath(file), "rb") as fh:
            arrow = pq.read_schema(fh)
        meta = dict(arrow.metadata or {})
        for f in arrow:
            for key, value in (f.metadata or {}).items():
                if key.decode() in TABLE_KEYS:
                    meta.setdefault(key, value)
        return arrow.with_metadata(meta)

    # -- writing ----------------------------------------------------------------------------
    def _arrow(self, name: str, df: pl.DataFrame) -> pa.Table:
        decl = schema.table(name)
        return df.select(decl.names).to_arrow().cast(delta_schema(decl))

    def _commit(self, name: str, df: pl.DataFrame, app_ids: Sequence[str],
                replace: Sequence[str] = (), table: DeltaTable | None = None,
                redo: bool = True) -> None:
        """One commit: append `df`, or (with `replace`) swap the rows of those article ids
        for `df`'s, carrying the application transaction ids `app_ids`. Without `redo`
        every failed commit is the caller's to judge."""
        faults.checkpoint(f"writing {name}")
        props = CommitProperties(app_transactions=[Transaction(a, 1) for a in app_ids])
        target = table or self.table(name) or self._create(name)
        mode, predicate = "append", None
        if replace:  # delta-rs wants every new row inside the predicate: the ids of both
            mode = "overwrite"
            predicate = _in_list("article_id", sorted(set(replace) | set(df["article_id"])))
        for attempt in range(MAX_CONFLICT_RETRIES):
            try:
                write_deltalake(target, self._arrow(name, df), mode=mode,  # type: ignore[arg-type]
                                predicate=predicate, commit_properties=props,
                                writer_properties=WRITER)
                break
            except CommitFailedError as exc:
                # Nothing was committed. An overwrite reads what it replaces, so another
                # writer's commit in between can conflict with it, as can a second
                # creation of the table: read the table again and redo. A transaction id
                # conflict is the caller's to judge.
                if not redo or _is_txn_conflict(exc) or attempt == MAX_CONFLICT_RETRIES - 1:
                    raise
                target = self.table(name)  # type: ignore[assignment]
        faults.checkpoint(f"committed {name}")

    def publish(self, batch_id: str, tables: Mapping[str, pl.DataFrame]) -> int:
        """Commit one checked batch: child tables first, `articles` last (see the module).

        Returns the `articles` table's version after the batch.
        """
        app = batch_app_id(batch_id)
        articles = self.table("articles") or self._create("articles")
        if articles.transaction_version(app) is not None:
            return articles.version()  # a retried batch: already committed
        known = set(pl.from_arrow(articles.to_pyarrow_table(columns=["article_id"]))
                    ["article_id"].to_list())  # type: ignore[index]
        ids = set(tables["articles"]["article_id"].to_list()) - known
        if not ids:
            return articles.version()  # every article is in, through another batch
        rows = {n: tables[n].filter(pl.col("article_id").is_in(sorted(ids)))
                for n in COMMIT_ORDER}
        for name in CHILD_TABLES:
            table = self.table(name) or self._create(name)
            if table.transaction_version(app) is not None:
                continue  # committed before a crash: not again
            replace = sorted(self._orphans.get(name, set()) & ids)
            try:
                self._commit(name, rows[name], [app], replace, table)
            except CommitFailedError as exc:
                table = self.table(name)
                if not (_is_txn_conflict(exc) and table and table.transaction_version(app)):
                    raise  # not the same batch committed by another writer
        return self._commit_articles(app, rows, articles)

    def _commit_articles(self, app: str, rows: Mapping[str, pl.DataFrame],
                         articles: DeltaTable) -> int:
        """The commit point of a batch; retried after a race (see the module)."""
        ids = set(rows["articles"]["article_id"].to_list())
        for _ in range(MAX_CONFLICT_RETRIES):
            try:
                self._commit("articles", rows["articles"].filter(pl.col("article_id").is_in(
                    sorted(ids))), [app, *map(article_app_id, sorted(ids))], table=articles,
                    redo=False)
                return articles.version() + 1
            except CommitFailedError:
                pass  # judged below, on the table as it is now
            articles = self.table("articles")  # type: ignore[assignment]
            if articles.transaction_version(app) is not None:
                return articles.version()  # the same batch, committed by another writer
            won = {a for a in ids if articles.transaction_version(article_app_id(a))}
            for name in CHILD_TABLES:  # our copy of their rows: keep one
                if won:
                    self._commit(name, rows[name].filter(pl.col("article_id").is_in(
                        sorted(won))), [], replace=sorted(won))
            ids -= won
            if not ids:
                return articles.version()
        raise RuntimeError(f"{self.uri('articles')}: gave up after {MAX_CONFLICT_RETRIES} "
                           "commit conflicts with other writers")

    def replace_articles(
        self, tables: Mapping[str, Sequence[tuple[str, pl.DataFrame]]], article_ids: set[str]
    ) -> int:
        """`--reprocess`: one predicate overwrite per table, children first, articles last."""
        ids = sorted(article_ids)
        for name in COMMIT_ORDER:
            parts = [df for _, df in tables.get(name, [])]
            df = pl.concat(parts) if parts else schema.table(name).empty()
            if ids:
                self._commit(name, df, [], replace=ids)
            elif df.height:
                self._commit(name, df, [])
        articles = self.table("articles")
        return articles.version() if articles else 0

    def compact(self, target_bytes: int = COMPACT_TARGET_BYTES) -> dict[str, tuple[int, int]]:
        """Optimize every table, then vacuum by the policy (`VACUUM_RETENTION_HOURS`)."""
        counts = {}
        for name in (*schema.DATA_TABLES, *schema.LOG_TABLES):
            table = self.table(name)
            if table is None:
                continue
            before = len(table.file_uris())
            table.optimize.compact(target_size=target_bytes, writer_properties=WRITER)
            faults.checkpoint(f"optimized {name}")
            table.update_incremental()
            counts[name] = (before, len(table.file_uris()))
            self.vacuum(name, VACUUM_RETENTION_HOURS)
        return counts

    def vacuum(self, name: str, retention_hours: int) -> list[str]:
        """Delete files of `name` that no version of the last `retention_hours` uses."""
        table = self.table(name)
        if table is None:
            return []
        return table.vacuum(retention_hours=retention_hours, dry_run=False,
                            enforce_retention_duration=retention_hours >= VACUUM_RETENTION_HOURS)

    def append_log(self, name: str, file_stem: str, rows: list[dict[str, Any]]) -> str | None:
        """Append checked rows to `_quarantine` or `_runs`; `file_stem` (the run id) is
        the transaction id, so a run's log rows are committed once."""
        if not rows:
            return None
        app = f"newstables-log:{file_stem}"
        table = self.table(name) or self._create(name)
        if table.transaction_version(app) is None:
            self._commit(name, log_frame(name, rows), [app], table=table)
        return self.uri(name)

    def write_report(self, run_id: str, batch_id: str, report: dict[str, Any]) -> str:
        """A refused batch's report (JSON), one object written in one PUT."""
        path = f"{self.url}/_reports/{run_id}/{batch_id}.json"
        fs, inner = fsspec.core.url_to_fs(path)
        fs.makedirs(os.path.dirname(inner), exist_ok=True)
        fs.pipe_file(inner, json.dumps(report, indent=2, default=str).encode())
        return path

