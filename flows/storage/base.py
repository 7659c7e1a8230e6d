"""What every store offers: one typed protocol, its declared capabilities, shared helpers.

Why a protocol and not a base class: the flow and the CLI must depend on what a store
*does* (publish a checked batch, read a table, …), never on how one store does it, so
that each backend (local snapshot folders, Delta Lake tables) only has to satisfy
this interface. The
interface is kept narrow on purpose: every method here is one the flow, the CLI or
`newstables validate` calls.

Why declared capabilities: stores differ in what they can promise. A local folder can
swap a whole version of every table atomically and can be locked; Delta tables on an
object store commit one table at a time, without a lock, but take concurrent writers.
Callers read `Dataset.capabilities` *before* any work starts, so a request
a store cannot honour (`--reprocess`, `compact`) is refused at once with one clear
line (`Unsupported`), instead of failing after a whole run's work.

This module imports no backend, and the backends import only this module from
`flows.storage`, so there is no import cycle between them.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import IO, Any, Literal, Protocol, TypeAlias, runtime_checkable

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from flows.tables import people, schema

#: A table or log file as a store names it: a `Path` for local folders, a URL-less
#: path string for fsspec stores. Pass it back to the same store (`schema_of`).
FileRef: TypeAlias = str | os.PathLike[str]
#: The file size `compact` aims at when the caller does not say.
COMPACT_TARGET_BYTES = 128 * 1024 * 1024
CapabilityName = Literal["atomic_versions", "reprocess", "compact", "lock", "derived_tables",
                         "concurrent_writers"]


class DatasetLocked(RuntimeError):
    """Another run holds the dataset's lock."""


class IncompatibleDataset(Exception):
    """The dataset was written with another schema version of a table; raised before any
    work, so an old dataset is never mixed with rows of the new layout."""


class Unsupported(Exception):
    """The store cannot do what was asked; raised before any work is done.

    The CLI turns it into exit code 2 (a usage error: the same command on a store with
    the capability would work).
    """


@dataclass(frozen=True)
class Capabilities:
    """What one backend can promise. Declared per backend class, checked by callers.

    Attributes:
        backend: what the store is, for messages ("local snapshot folder").
        atomic_versions: every reader, plain Parquet globbing included, sees a published
            batch in all tables at once or not at all. Without it, only readers that go
            through the store (`read`, `table_files`, `newstables files`) are protected.
        reprocess: `replace_articles` swaps old rows for new ones in one atomic step.
        compact: `compact` rewrites each table's files in one atomic step.
        lock: `lock()` keeps a second writer out. Without it `lock()` excludes nobody
            (it warns instead): one writer per dataset must then be ensured outside,
            e.g. a single deployment with a Prefect concurrency limit of 1, unless the
            store declares `concurrent_writers`.
        derived_tables: the store keeps the files of `schema.DERIVED_TABLES` (`people`)
            itself, updated from each batch's rows in the same atomic step as the batch,
            so a crash can neither skip nor repeat an update. Without it no derived file
            is written: `read` computes the table from the data tables on every call
            (`flows.tables.people.people_rows`), which costs a read of their key columns.
        concurrent_writers: several writers may publish to the dataset at once, without a
            lock, and no row is lost or doubled (Delta Lake: conditional-PUT commits and
            application transaction ids).
    """

    backend: str
    atomic_versions: bool
    reprocess: bool
    compact: bool
    lock: bool
    derived_tables: bool = False
    concurrent_writers: bool = False


#: What each capability lets a store do, completing "… cannot <this>".
_ABILITY: dict[str, str] = {
    "atomic_versions": "publish a batch to every table at once for every reader",
    "reprocess": "replace published articles in one atomic step",
    "compact": "rewrite its files in one atomic step",
    "lock": "keep a second writer out",
    "derived_tables": "keep derived tables (people) in the same atomic step as their batch",
    "concurrent_writers": "take several writers at once",
}


@runtime_checkable
class Dataset(Protocol):
    """One dataset (all tables of one output) in some store; what the flow and CLI use.

    Mutating methods (`recover`, `publish`, `replace_articles`, `compact`, `append_log`,
    `write_report`) must run inside `lock()`. Table names are those of
    `schema.DATA_TABLES` (published in batches), `schema.DERIVED_TABLES` (a function of
    the data tables: maintained by the store or computed on read, see
    `Capabilities.derived_tables`) and `schema.LOG_TABLES` (appended).
    """

    #: Where the dataset is, as given to `open_dataset` (for messages).
    location: str
    #: What this store can promise; see `Capabilities`.
    capabilities: Capabilities

    def exists(self) -> bool:
        """A dataset has been started here (possibly still empty)."""
        ...

    def lock(
        self, timeout: float = 0, on_wait: Callable[[], object] | None = None
    ) -> AbstractContextManager[None]:
        """Hold the writer lock for the block; `on_wait` is called once if another run has it.

        Raises `DatasetLocked` after `timeout` seconds. Excludes nobody when
        `capabilities.lock` is False.
        """
        ...

    def ensure_tables(self) -> None:
        """Make every declared table readable (empty, with its schema) before the first rows."""
        ...

    def recover(self) -> list[str]:
        """Remove what a crashed writer left behind; returns what was removed."""
        ...

    def publish(self, batch_id: str, tables: Mapping[str, pl.DataFrame]) -> int:
        """Publish one checked batch to every data table; a known batch id adds nothing.

        A store with `capabilities.derived_tables` updates the derived tables from the
        batch's rows in the same atomic step.
        """
        ...

    def replace_articles(
        self, tables: Mapping[str, Sequence[tuple[str, pl.DataFrame]]], article_ids: set[str]
    ) -> int:
        """Publish (file name, rows) per table and drop the old rows of `article_ids`."""
        ...

    def compact(self, target_bytes: int = COMPACT_TARGET_BYTES) -> dict[str, tuple[int, int]]:
        """Merge each table's files into ~`target_bytes` files: table → (before, after)."""
        ...

    def read(self, name: str, columns: list[str] | None = None) -> pl.DataFrame:
        """A table as one frame (empty with the declared schema when there is nothing)."""
        ...

    def table_files(self, name: str) -> Sequence[FileRef]:
        """The published files of a data table, the only ones a reader should open."""
        ...

    def log_files(self, name: str) -> Sequence[FileRef]:
        """The files of a log table (`_quarantine`, `_runs`)."""
        ...

    def schema_of(self, file: FileRef) -> pa.Schema:
        """The Arrow schema (with the declaration's metadata) of one of this store's files."""
        ...

    def known_articles(self) -> dict[str, str]:
        """article_id → source_path of everything published."""
        ...

    def latest_versions(self) -> dict[str, str]:
        """source_path → article_id of its most recently processed version."""
        ...

    def append_log(self, name: str, file_stem: str, rows: list[dict[str, Any]]) -> FileRef | None:
        """Append checked rows to a log table as one new file (None when no rows)."""
        ...

    def write_report(self, run_id: str, batch_id: str, report: dict[str, Any]) -> FileRef:
        """Store a refused batch's report (JSON) beside the quarantine table."""
        ...


def require(dataset: Dataset, capability: CapabilityName, action: str) -> None:
    """Refuse `action` unless `dataset` declares `capability`; call before any work."""
    if capability not in _ABILITY:  # a typo must not pass on stores that can do all
        raise ValueError(f"unknown capability {capability!r}")
    if not getattr(dataset.capabilities, capability):
        raise refusal(dataset, capability, action)


def refusal(dataset: Dataset, capability: CapabilityName, action: str) -> Unsupported:
    """The one-line refusal of `action` on a store without `capability`.

    e.g. "--reprocess refused: memory://x (fsspec object store) cannot replace
    published articles in one atomic step".
    """
    return Unsupported(f"{action} refused: {dataset.location} "
                       f"({dataset.capabilities.backend}) cannot {_ABILITY[capability]}")


def check_schema_versions(dataset: Dataset) -> None:
    """Refuse a dataset whose files were written with another schema version.

    Version 2 of the layout renamed the span columns (`start`/`end`/`text` became
    `char_start`/`char_end` and `sentence_text`/`token_text`/`mention_text`),
    dictionary-encoded the categorical columns and added `kb_name`; rows of both layouts
    in one table would break every reader. One file per table is read (its footer only):
    a table is written by one version of newstables at a time, so its first file says.
    """
    for name in (*schema.DATA_TABLES, *schema.LOG_TABLES):
        files = dataset.log_files(name) if name in schema.LOG_TABLES else dataset.table_files(name)
        if not files:
            continue
        meta = dataset.schema_of(files[0]).metadata or {}
        found = meta.get(b"newstables.schema_version", b"?").decode()
        want = schema.table(name).version
        if found != str(want):
            raise IncompatibleDataset(
                f"{dataset.location} was written with schema version {found} of table {name}; "
                f"this newstables writes version {want}: run the inputs again into a new "
                f"folder (--out), or use the newstables that wrote it")


def encode_parquet(df: pl.DataFrame, decl: schema.TableDecl, sink: str | IO[bytes]) -> None:
    """Write `df` as Parquet with the declared Arrow schema (types, descriptions, version).

    Every store writes through this, so a table's files are the same bytes-for-schema
    whichever store holds them: zstd, with statistics for readers' predicate pushdown.
    """
    arrow = df.select(decl.names).to_arrow().cast(decl.arrow_schema())
    pq.write_table(arrow, sink, compression="zstd", write_statistics=True)


def log_frame(name: str, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Rows for `_quarantine`/`_runs`, checked like any table before they are written."""
    df = schema.table(name).frame(rows)
    violations = schema.check_tables({name: df})
    if violations:
        raise ValueError(f"{name} rows break the schema: {violations[0]}")
    return df


class ArticleIndex(ABC):
    """The read side every store shares, given how it lists and reads its files.

    Why a mixin: `read`, `known_articles` and `latest_versions` are the same questions
    on every store (what is in the articles table); only listing and reading files
    differ.
    """

    @abstractmethod
    def table_files(self, name: str) -> Sequence[FileRef]: ...

    @abstractmethod
    def log_files(self, name: str) -> Sequence[FileRef]: ...

    @abstractmethod
    def _read_files(self, files: Sequence[FileRef], columns: list[str] | None) -> pl.DataFrame:
        ...

    capabilities: Capabilities

    def read(self, name: str, columns: list[str] | None = None) -> pl.DataFrame:
        """A table as one frame (empty with the declared schema when there is nothing).

        A derived table of a store that does not keep its files is computed here, from
        the data tables as they are now.
        """
        if name in schema.DERIVED_TABLES and not self.capabilities.derived_tables:
            df = self.derive(name)
            return df.select(columns) if columns else df
        files = self.log_files(name) if name in schema.LOG_TABLES else self.table_files(name)
        if not files:
            df = schema.table(name).empty()
            return df.select(columns) if columns else df
        return schema.table(name).conform(self._read_files(files, columns))

    def derive(self, name: str) -> pl.DataFrame:
        """A derived table computed from the whole of the data tables (their needed columns)."""
        if name != "people":
            raise ValueError(f"{name} is not a derived table")
        return people.people_of(self._data_inputs())

    def _data_inputs(self) -> dict[str, pl.DataFrame]:
        return {t: self.read(t, cols) for t, cols in people.INPUT_COLUMNS.items()}

    def known_articles(self) -> dict[str, str]:
        """article_id → source_path of everything published, for incremental runs."""
        df = self.read("articles", ["article_id", "source_path"])
        return dict(zip(df["article_id"].to_list(), df["source_path"].to_list(), strict=True))

    def latest_versions(self) -> dict[str, str]:
        """source_path → article_id of its most recently processed version."""
        df = self.read("articles", ["article_id", "source_path", "processed_at"])
        latest = df.sort("processed_at").group_by("source_path").agg(pl.col("article_id").last())
        return dict(zip(latest["source_path"].to_list(), latest["article_id"].to_list(),
                        strict=True))
