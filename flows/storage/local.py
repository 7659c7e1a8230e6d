"""The dataset on disk: atomic, all-tables-at-once publishing of Parquet folders.

Layout of an output folder DIR::

    DIR/articles -> _snapshots/current/articles      (one symlink per data table)
    DIR/_snapshots/current -> v00000007              (swapped atomically by rename)
    DIR/_snapshots/v00000007/<table>/part-*.parquet  (files hard-linked between versions)
    DIR/_snapshots/v00000007/_manifest.json          (SHA-256 of each file: checksums.py)
    DIR/_quarantine/part-<run>.parquet, reports/     (refused inputs, appended per run)
    DIR/_runs/part-<run>.parquet                     (one row per run)
    DIR/.lock                                        (one writer at a time)

Why: readers open `DIR/<table>` with any Parquet reader and must never see half a
batch, nor a batch in one table but not yet in another. Every publish builds a
complete new version directory (hard links make that cheap) and then flips one
symlink with `os.replace`, the one operation POSIX makes atomic. A crash before the
flip leaves only an unreferenced directory, removed by the next writer; after the
flip the batch is in every table. Nothing is ever rewritten in place.

Derived tables (`people`) live in the same versions: each version holds one file of
`people` that accounts for exactly the batches of that version. `publish` reads the
previous version's file, adds the batch's own rows (`people.merge_people`) and writes
the result into the new version it is building, so the update commits with the flip
that commits the batch, or not at all. A crash can neither skip it nor apply it twice,
and a batch already published is a no-op before anything is derived.
`replace_articles` and `compact` recompute it from the rows of the version they build.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from flows import faults
from flows.storage.base import (
    COMPACT_TARGET_BYTES,
    ArticleIndex,
    Capabilities,
    DatasetLocked,
    FileRef,
    encode_parquet,
    log_frame,
)
from flows.storage.checksums import (
    NOT_RECORDED,
    bad_files,
    batch_of,
    check_files,
    record_checksums,
    recorded_checksums,
)
from flows.storage.integrity import Damaged, problems, refuse_if_damaged
from flows.tables import people, schema

SNAPSHOTS = "_snapshots"
CURRENT = "current"
#: Old versions kept for readers that resolved `current` just before a flip.
KEEP_VERSIONS = 3
#: The file an empty table holds: zero rows with the declared schema, so that a reader's
#: `read_parquet('DIR/claims/*.parquet')` works on a new dataset; dropped with the first rows.
EMPTY_FILE = "part-empty.parquet"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_parquet(df: pl.DataFrame, decl: schema.TableDecl, path: Path) -> None:
    """Write with the declared Arrow schema (types, descriptions, version) and zstd.

    The file is written under a temporary name and renamed, so a file that exists
    under its final name is always complete.
    """
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    encode_parquet(df, decl, str(tmp))
    faults.checkpoint(f"written {decl.table}")
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    faults.checkpoint(f"renamed {decl.table}")


class LocalDataset(ArticleIndex):
    """One output folder; every mutating method must run under `lock()`."""

    capabilities = Capabilities(backend="local snapshot folder", atomic_versions=True,
                                reprocess=True, compact=True, lock=True,
                                derived_tables=True)

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.location = str(self.root)
        self.snapshots = self.root / SNAPSHOTS

    # -- locking ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(
        self, timeout: float = 0, on_wait: Callable[[], object] | None = None
    ) -> Iterator[None]:
        """Exclusive writer lock; `on_wait` is told once when another run holds it."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.root / ".lock")
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if on_wait is not None:
                on_wait()
            try:
                lock.acquire(timeout=timeout)
            except Timeout as exc:
                raise DatasetLocked(
                    f"{self.root} is being written by another newstables run "
                    f"(lock {self.root / '.lock'} held for more than {timeout:.0f} s)"
                ) from exc
        try:
            yield
        finally:
            lock.release()

    # -- versions --------------------------------------------------------------------------
    def exists(self) -> bool:
        """A dataset has been started here (possibly still empty)."""
        return (self.snapshots / CURRENT).is_symlink()

    def current_version(self) -> int:
        link = self.snapshots / CURRENT
        if not link.is_symlink():
            return 0
        return int(os.readlink(link).lstrip("v"))

    def version_dir(self, version: int) -> Path:
        return self.snapshots / f"v{version:08d}"

    def recover(self) -> list[str]:
        """Remove what a crashed writer left: unpublished versions and temp files.

        Safe only under the lock. Returns what was removed, for the run log. A damaged
        dataset (`integrity.problems`) is refused first: with `current` unreadable no
        version may be deleted.
        """
        removed: list[str] = []
        if not self.snapshots.exists():
            return removed
        refuse_if_damaged(self.root)
        current = self.current_version()
        for child in self.snapshots.iterdir():
            name = child.name
            if name.startswith(".tmp") or (name.startswith("v") and int(name[1:]) > current):
                shutil.rmtree(child, ignore_errors=True)
                removed.append(name)
            elif name.startswith(f"{CURRENT}.") and child.is_symlink():
                child.unlink()
                removed.append(name)
        for log in ("_quarantine", "_runs"):
            for tmp in (self.root / log).glob(".*.tmp"):
                tmp.unlink()
                removed.append(str(tmp.relative_to(self.root)))
        return removed

    def ensure_tables(self) -> None:
        """Every declared table exists from the first run, empty but with its schema:
        the data and derived tables as an empty first version, `_quarantine` and `_runs`
        as one empty file each (dropped when their first rows come)."""
        self._ensure_layout()
        for name in schema.LOG_TABLES:
            folder = self.root / name
            folder.mkdir(parents=True, exist_ok=True)
            if not any(folder.glob("*.parquet")):
                write_parquet(schema.table(name).empty(), schema.table(name), folder / EMPTY_FILE)

    def _ensure_layout(self) -> None:
        refuse_if_damaged(self.root)  # every writer: publish, replace, compact
        self.snapshots.mkdir(parents=True, exist_ok=True)
        if self.current_version() == 0:
            self._publish_version(0, {})
        for name in (*schema.DATA_TABLES, *schema.DERIVED_TABLES):
            link = self.root / name
            if not link.is_symlink():
                if link.exists():
                    raise RuntimeError(f"{link} exists and is not a newstables table link")
                tmp = self.root / f".{name}.{uuid.uuid4().hex[:8]}"
                tmp.symlink_to(Path(SNAPSHOTS) / CURRENT / name, target_is_directory=True)
                os.replace(tmp, link)

    def _publish_version(
        self,
        base: int,
        new_files: Mapping[str, Sequence[tuple[str, pl.DataFrame]]],
        keep: Mapping[str, list[Path]] | None = None,
        derived: Mapping[str, pl.DataFrame] | None = None,
    ) -> int:
        """Build version base+1 from new files plus kept ones, then flip `current` to it.

        `keep` names the files of `base` to carry over per data table (all when None).
        `derived` gives the whole content of each derived table in the new version (one
        file; none of `base`'s is carried over); a derived table not given is empty.
        """
        version = base + 1
        staging = self.snapshots / f".tmp-v{version:08d}-{uuid.uuid4().hex[:8]}"
        decls = schema.load_declarations()
        for name in schema.DATA_TABLES:
            out = staging / name
            out.mkdir(parents=True)
            if base:
                kept = (sorted((self.version_dir(base) / name).glob("*.parquet"))
                        if keep is None else keep.get(name, []))
                for f in kept:
                    if f.name != EMPTY_FILE:
                        os.link(f, out / f.name)
                faults.checkpoint(f"linked {name}")
            for file_name, df in new_files.get(name, []):
                write_parquet(df, decls[name], out / file_name)
            if not any(out.glob("*.parquet")):
                write_parquet(decls[name].empty(), decls[name], out / EMPTY_FILE)
            _fsync_dir(out)
        for name in schema.DERIVED_TABLES:
            out = staging / name
            out.mkdir(parents=True)
            df = (derived or {}).get(name)
            if df is not None and df.height:
                _check_derived(name, df)
                write_parquet(df, decls[name], out / f"part-{_frame_digest(df)}.parquet")
            else:
                write_parquet(decls[name].empty(), decls[name], out / EMPTY_FILE)
            _fsync_dir(out)
        record_checksums(staging, recorded_checksums(self.version_dir(base)) if base else None)
        _fsync_dir(staging)
        final = self.version_dir(version)
        faults.checkpoint("staged version")
        os.replace(staging, final)
        faults.checkpoint("renamed version")
        tmp_link = self.snapshots / f"{CURRENT}.{uuid.uuid4().hex[:8]}"
        tmp_link.symlink_to(final.name, target_is_directory=True)
        faults.checkpoint("linked version")
        os.replace(tmp_link, self.snapshots / CURRENT)  # the commit point
        faults.checkpoint("flipped current")
        _fsync_dir(self.snapshots)
        self._gc(version)
        faults.checkpoint("collected old versions")
        return version

    def _gc(self, current: int) -> None:
        if problems(self.root):  # never delete versions while current is unreadable
            return
        for child in self.snapshots.iterdir():
            if child.name.startswith("v") and int(child.name[1:]) <= current - KEEP_VERSIONS:
                shutil.rmtree(child, ignore_errors=True)

    # -- reading ---------------------------------------------------------------------------
    def table_files(self, name: str) -> list[Path]:
        version = self.current_version()
        if version == 0:
            return []
        return sorted((self.version_dir(version) / name).glob("*.parquet"))

    def _read_files(self, files: Sequence[FileRef], columns: list[str] | None) -> pl.DataFrame:
        """Files of a version are checked against their recorded checksums first."""
        versioned = [Path(f) for f in files if Path(f).parent.parent.parent == self.snapshots]
        if versioned:
            check_files(versioned[0].parent.parent, versioned)
        arrow = ds.dataset([str(f) for f in files], format="parquet").to_table(columns=columns)
        return pl.from_arrow(arrow)  # type: ignore[return-value]

    # -- writing ---------------------------------------------------------------------------
    def publish(self, batch_id: str, tables: Mapping[str, pl.DataFrame]) -> int:
        """Publish one checked batch to every table at once; returns the new version.

        Re-publishing a batch id that is already present replaces nothing and adds
        nothing: file names are derived from content, so a repeated batch is a no-op.
        """
        self._ensure_layout()
        base = self.current_version()
        file_name = f"part-{batch_id}.parquet"
        if (self.version_dir(base) / "articles" / file_name).exists():
            return base  # before anything is derived: a batch is never counted twice
        new_files = {name: [(file_name, tables[name])] for name in schema.DATA_TABLES}
        return self._publish_version(base, new_files,
                                     derived={"people": self._people_after(base, tables)})

    def _people_after(self, base: int, batch: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
        """`people` of version `base` plus `batch`: old ⊕ the batch's own rows.

        A version written before `people` existed has no folder for it, and one written by
        an older layout of `people` has a file of another schema version (it is derived, so
        nothing is lost); then (once) the table is computed from all of `base`'s rows and
        the batch's.
        """
        delta = people.people_of({t: batch[t] for t in people.INPUT_COLUMNS})
        folder = self.version_dir(base) / "people"
        files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
        if folder.is_dir() and all(self._current_layout(f) for f in files):
            old = self._read_files(files, None) if files else schema.table("people").empty()
            return people.merge_people(old, delta)
        return people.people_of({
            t: pl.concat([self.read(t, cols), batch[t].select(cols)])
            for t, cols in people.INPUT_COLUMNS.items()})

    def _current_layout(self, file: Path) -> bool:
        """The file was written with the declared schema version of `people`."""
        meta = self.schema_of(file).metadata or {}
        want = str(schema.table("people").version).encode()
        return meta.get(b"newstables.schema_version") == want

    def replace_all(self, tables: Mapping[str, Sequence[tuple[str, pl.DataFrame]]]) -> int:
        """Swap in a whole new content for every table (compaction); `people` recomputed."""
        self._ensure_layout()
        inputs = {}
        for name, cols in people.INPUT_COLUMNS.items():
            parts = [df.select(cols) for _, df in tables.get(name, [])]
            inputs[name] = pl.concat(parts) if parts else schema.table(name).empty().select(cols)
        return self._publish_version(self.current_version(), tables, keep={},
                                     derived={"people": people.people_of(inputs)})

    def replace_articles(
        self, tables: Mapping[str, Sequence[tuple[str, pl.DataFrame]]], article_ids: set[str]
    ) -> int:
        """Publish new rows for `article_ids` and drop their old rows, in one version.

        Used by `--reprocess`: files that hold none of the ids are carried over as they
        are; the others are rewritten without those articles' rows.
        """
        self._ensure_layout()
        base = self.current_version()
        keep: dict[str, list[Path]] = {}
        new_files = {name: list(tables.get(name, [])) for name in schema.DATA_TABLES}
        ids = sorted(article_ids)
        check_files(self.version_dir(base))  # every file is read below
        for name in schema.DATA_TABLES:
            keep[name] = []
            for f in self.table_files(name):
                df = schema.table(name).conform(pl.read_parquet(f))
                hit = df["article_id"].is_in(ids)
                if not hit.any():
                    keep[name].append(f)
                elif not hit.all():
                    rest = df.filter(~hit)
                    new_files[name].append((f"{f.stem}-{_frame_digest(rest)}.parquet", rest))
        return self._publish_version(base, new_files, keep=keep,
                                     derived={"people": self._people_from(new_files, keep)})

    def _people_from(self, new_files: Mapping[str, Sequence[tuple[str, pl.DataFrame]]],
                     keep: Mapping[str, list[Path]]) -> pl.DataFrame:
        """`people` of the version being built from `new_files` plus the `keep` files."""
        inputs = {}
        for name, cols in people.INPUT_COLUMNS.items():
            parts = [df.select(cols) for _, df in new_files.get(name, [])]
            if keep.get(name):
                parts.insert(0, schema.table(name).conform(self._read_files(keep[name], cols)))
            inputs[name] = pl.concat(parts) if parts else schema.table(name).empty().select(cols)
        return people.people_of(inputs)

    def drop_damaged(self) -> list[str]:
        """A new version without the batches whose files fail their checksum.

        Each damaged batch file is dropped with every other file of its batch, in every
        table, so the tables stay consistent; the next run of its inputs processes those
        articles again. `people` and empty placeholders are rebuilt. A damaged file
        written by `compact` holds many batches: refused (`Damaged`). Returns what was done.
        """
        if not self.exists():
            return []
        self._ensure_layout()
        base = self.current_version()
        bad = bad_files(self.version_dir(base))
        batches = set()
        for key in bad:
            table, name = key.split("/", 1)
            if table in schema.DERIVED_TABLES or name == EMPTY_FILE \
                    or bad[key] == NOT_RECORDED:
                continue  # rebuilt below, or not ours: left out of the new version
            batch = batch_of(key)
            if batch is None:
                raise Damaged(f"{self.root}: {key} {bad[key]} and holds rows of many batches "
                              "(written by compact); run the inputs again into a new folder")
            batches.add(batch)
        if not bad:
            return []
        keep = {n: [f for f in self.table_files(n) if f.name != EMPTY_FILE
                    and f"{n}/{f.name}" not in bad and batch_of(f.name) not in batches]
                for n in schema.DATA_TABLES}
        version = self._publish_version(base, {}, keep=keep,
                                        derived={"people": self._people_from({}, keep)})
        return [f"dropped {key} ({bad[key]})" for key in sorted(bad)] + [
            f"version v{version:08d} holds every other file; batches dropped from every "
            f"table: {', '.join(sorted(batches)) or 'none'} (run their inputs again)"]

    def schema_of(self, file: FileRef) -> pa.Schema:
        return pq.read_schema(file)

    def log_files(self, name: str) -> list[Path]:
        return sorted((self.root / name).glob("*.parquet"))

    def append_log(self, name: str, file_stem: str, rows: list[dict[str, Any]]) -> Path | None:
        """Append rows to `_quarantine` or `_runs` as one new, atomically renamed file."""
        if not rows:
            return None
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{file_stem}.parquet"
        write_parquet(log_frame(name, rows), schema.table(name), path)
        (folder / EMPTY_FILE).unlink(missing_ok=True)
        return path

    def write_report(self, run_id: str, batch_id: str, report: dict[str, Any]) -> Path:
        """A refused batch's report (rules, rows) as JSON beside the quarantine table."""
        folder = self.root / "_quarantine" / "reports" / run_id
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{batch_id}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        os.replace(tmp, path)
        return path

    def compact(self, target_bytes: int = COMPACT_TARGET_BYTES) -> dict[str, tuple[int, int]]:
        """Merge each table's files into files of about `target_bytes`; same rows after.

        Returns table → (files before, files after).
        """
        self._ensure_layout()
        plan: dict[str, list[tuple[str, pl.DataFrame]]] = {}
        counts: dict[str, tuple[int, int]] = {}
        for name in schema.DATA_TABLES:
            files = self.table_files(name)
            df = self.read(name)
            size = sum(f.stat().st_size for f in files)
            n_out = max(1, -(-size // target_bytes)) if df.height else 0
            rows_per = -(-df.height // n_out) if n_out else 0
            parts = []
            for i in range(n_out):
                chunk = df.slice(i * rows_per, rows_per)
                digest = _frame_digest(chunk)
                parts.append((f"compact-{digest}.parquet", chunk))
            plan[name] = parts
            counts[name] = (len(files), len(parts))
        self.replace_all(plan)
        for name in schema.LOG_TABLES:
            counts[name] = self._compact_log(name)
        return counts

    def _compact_log(self, name: str) -> tuple[int, int]:
        """Merge a log table's per-run files into one (a served dataset gains a `_runs`
        file per interval, ~1,440 a day). The merged file is renamed into place before
        the old ones are removed: a reader in between sees rows twice, never none; the
        log tables live outside the snapshot versions, which only the data tables need."""
        files = self.log_files(name)
        if len(files) <= 1:
            return len(files), len(files)
        df = self.read(name)
        path = self.root / name / f"part-compact-{_frame_digest(df)}.parquet"
        write_parquet(df, schema.table(name), path)
        for f in files:
            if f != path:
                f.unlink()
        _fsync_dir(self.root / name)
        return len(files), 1


def _check_derived(name: str, df: pl.DataFrame) -> None:
    """A derived table is checked like a batch before it is written: a bug in its function
    must stop the publish (nothing is committed) rather than reach readers."""
    violations = schema.check_tables({name: df})
    if violations:
        raise ValueError(f"derived table {name} breaks its declaration: {violations[0]}")


def _frame_digest(df: pl.DataFrame) -> str:
    """Name compacted files after their content, so compaction is repeatable."""
    h = df.hash_rows(seed=0).sum()
    return f"{h:016x}"[:16] + f"-{df.height}"


#: The class's name before the storage protocol, kept so that code written against it
#: (tests/orchestration and tests/system, which other branches edit now) keeps working.
