"""Datasets on object stores (s3://, gs://, az://, memory://…) through fsspec.

Object stores have no rename and no symlink, so the local design (flip one symlink
to publish a whole version) cannot be used. What they do have is an atomic PUT of a
single object. So here a batch is published by writing its table files and then one
small commit marker, `_commits/<batch>.json`; a batch without its marker does not
exist. `Dataset.read`, `newstables validate` and `newstables files` list only
committed files. Plain glob readers (DuckDB, Polars, Spark on `…/TABLE/*.parquet`)
can see the files of a batch that is being written, or that a crash left behind,
until the next run removes them (`recover`). Use `newstables files URL TABLE` to get
the committed file list when that matters.

Declared in `RemoteDataset.capabilities`: no `atomic_versions` (see above), no
`reprocess` and no `compact` (both need an atomic swap of many files; callers refuse
them before any work), and no `lock`: object stores have no lock primitive, so
`lock()` excludes nobody and warns (`NoLockWarning`). Run one writer per dataset (for
example one deployment with a Prefect concurrency limit of 1): a second writer's
`recover()` would delete the first one's files that are not committed yet.

Nor `derived_tables`: a derived table (`people`) is one file that every batch replaces,
and without an atomic swap of several objects a crash could leave it out of step with
the batches (a batch committed but not counted, or counted but not committed). So no
derived file is written here: `read("people")` computes the table from the committed
data tables each time (`flows.tables.people.people_rows`), which `newstables validate`
checks like any table. The Delta Lake backend (next) will keep it in its transactions.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

import fsspec
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from flows import faults
from flows.storage.base import (
    COMPACT_TARGET_BYTES,
    ArticleIndex,
    Capabilities,
    FileRef,
    encode_parquet,
    log_frame,
    refusal,
)
from flows.tables import schema

COMMITS = "_commits"


class NoLockWarning(UserWarning):
    """A writer took a lock that excludes nobody (the store has no lock primitive)."""


class RemoteDataset(ArticleIndex):
    """The `flows.storage.Dataset` protocol on any fsspec file system, by commit markers."""

    capabilities = Capabilities(backend="fsspec object store", atomic_versions=False,
                                reprocess=False, compact=False, lock=False,
                                derived_tables=False)

    def __init__(self, url: str) -> None:
        self.url = url
        self.location = url
        self.fs, self.root = fsspec.core.url_to_fs(url)

    def _path(self, *parts: str) -> str:
        return str(PurePosixPath(self.root, *parts))

    def exists(self) -> bool:
        return bool(self.fs.exists(self.root))

    @contextlib.contextmanager
    def lock(
        self, timeout: float = 0, on_wait: Callable[[], object] | None = None
    ) -> Iterator[None]:
        """Excludes nobody (`capabilities.lock` is False), and says so with a warning.

        Object stores have no lock primitive; one writer per dataset must be ensured
        outside. The block still runs, so a single writer works as it always did.
        """
        warnings.warn(f"{self.url}: object stores have no lock; this run does not keep "
                      "other writers out (run one writer per dataset)", NoLockWarning,
                      stacklevel=3)
        yield

    def _committed(self) -> set[str]:
        folder = self._path(COMMITS)
        if not self.fs.exists(folder):
            return set()
        return {PurePosixPath(p).stem for p in self.fs.ls(folder, detail=False)
                if p.endswith(".json")}

    def recover(self) -> list[str]:
        """Delete table files whose batch never got its commit marker."""
        committed = self._committed()
        removed = []
        for name in schema.DATA_TABLES:
            for path in self._listing(name):
                batch = PurePosixPath(path).stem.removeprefix("part-")
                if batch not in committed:
                    self.fs.rm(path)
                    removed.append(path)
        return removed

    def _listing(self, name: str) -> list[str]:
        folder = self._path(name)
        if not self.fs.exists(folder):
            return []
        return sorted(p for p in self.fs.ls(folder, detail=False) if p.endswith(".parquet"))

    def table_files(self, name: str) -> list[str]:
        committed = self._committed()
        return [p for p in self._listing(name)
                if PurePosixPath(p).stem.removeprefix("part-") in committed]

    def schema_of(self, file: FileRef) -> pa.Schema:
        with self.fs.open(os.fspath(file), "rb") as fh:
            return pq.read_schema(fh)

    def log_files(self, name: str) -> list[str]:
        return self._listing(name)

    def _read_files(self, files: Sequence[FileRef], columns: list[str] | None) -> pl.DataFrame:
        frames = []
        for f in files:
            with self.fs.open(os.fspath(f), "rb") as fh:
                frames.append(pl.from_arrow(pq.read_table(fh, columns=columns)))
        return pl.concat(frames)  # type: ignore[type-var,return-value]

    def _put_parquet(self, df: pl.DataFrame, decl: schema.TableDecl, path: str) -> None:
        buf = io.BytesIO()
        encode_parquet(df, decl, buf)
        self.fs.pipe_file(path, buf.getvalue())  # one PUT: the object is whole or absent
        faults.checkpoint(f"written {decl.table}")

    def publish(self, batch_id: str, tables: Mapping[str, pl.DataFrame]) -> int:
        if batch_id in self._committed():
            return len(self._committed())
        decls = schema.load_declarations()
        for name in schema.DATA_TABLES:
            self._put_parquet(tables[name], decls[name],
                              self._path(name, f"part-{batch_id}.parquet"))
        marker = {"batch_id": batch_id,
                  "rows": {n: tables[n].height for n in schema.DATA_TABLES}}
        self.fs.pipe_file(self._path(COMMITS, f"{batch_id}.json"),
                          json.dumps(marker).encode())  # the commit point
        faults.checkpoint("committed batch")
        return len(self._committed())

    def replace_articles(
        self, tables: Mapping[str, Sequence[tuple[str, pl.DataFrame]]], article_ids: set[str]
    ) -> int:
        """Unsupported; callers check `capabilities.reprocess` before doing any work."""
        raise refusal(self, "reprocess", "--reprocess")

    def ensure_tables(self) -> None:
        """Nothing to write: a table of an object store is the set of committed batches'
        files, and `read` answers an empty frame with the declared schema before the first."""

    def compact(self, target_bytes: int = COMPACT_TARGET_BYTES) -> dict[str, tuple[int, int]]:
        """Unsupported; callers check `capabilities.compact` before doing any work."""
        raise refusal(self, "compact", "compact")

    def append_log(self, name: str, file_stem: str, rows: list[dict[str, Any]]) -> str | None:
        if not rows:
            return None
        path = self._path(name, f"part-{file_stem}.parquet")
        self._put_parquet(log_frame(name, rows), schema.table(name), path)
        return path

    def write_report(self, run_id: str, batch_id: str, report: dict[str, Any]) -> str:
        path = self._path("_quarantine", "reports", run_id, f"{batch_id}.json")
        self.fs.pipe_file(path, json.dumps(report, indent=2, default=str).encode())
        return path
