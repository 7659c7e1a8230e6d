"""`newstables validate DIR`: the whole dataset against the declarations, again.

Batches are checked before they are published; this re-check is for what happened
after (a hand-edited file, a copy from elsewhere, a newer schema) and for CI.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from flows.storage import open_dataset
from flows.tables import people, schema


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    violations: list[schema.Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations and not any(line.startswith("ERROR") for line in self.lines)


def validate_dataset(directory: str | Path) -> Report:
    """Check every data, derived and log table; report per table and per rule.

    A derived table (`people`) is checked against its declaration like any other, and
    also against its definition: it must equal `people_rows` recomputed from the data
    tables, so an incremental update that drifted is caught.
    """
    report = Report()
    dataset = open_dataset(directory)
    if not dataset.exists() and not (Path(str(directory)) / "_snapshots").is_dir():
        report.lines.append(
            f"ERROR {directory}: no articles table here (is it a newstables dataset?)")
        return report
    if isinstance(directory, str | Path) and "://" not in str(directory):
        from flows.storage import integrity

        damage = integrity.problems(directory)
        for line in damage:
            report.lines.append(f"ERROR {line}")
        if damage:
            report.lines.append(f"INVALID: run `newstables repair {directory}`")
            return report
        if _checksums(Path(directory), report):
            return report
    tables = {}
    for name in (*schema.DATA_TABLES, *schema.DERIVED_TABLES, *schema.LOG_TABLES):
        try:
            tables[name] = dataset.read(name)
        except Exception as exc:  # unreadable or foreign file: say which and why
            report.lines.append(f"ERROR {name}: cannot be read: {exc}")
            continue
        is_log = name in schema.LOG_TABLES
        for f in dataset.log_files(name) if is_log else dataset.table_files(name):
            meta = dataset.schema_of(f).metadata or {}
            version = meta.get(b"newstables.schema_version", b"?").decode()
            if version != str(schema.table(name).version):
                report.lines.append(
                    f"ERROR {name}: {Path(str(f)).name} has schema version {version}, "
                    f"declared {schema.table(name).version}"
                )
    report.violations = schema.check_tables(tables)
    if "people" in tables and all(t in tables for t in people.INPUT_COLUMNS):
        report.violations += _people_drift(tables)
    for name, df in tables.items():
        mine = [v for v in report.violations if v.table == name]
        status = "ok" if not mine else f"{len(mine)} rule(s) broken"
        report.lines.append(f"{name}: {df.height:,} rows: {status}")
        for v in mine:
            report.lines.append(f"  - {v}")
    report.lines.append("valid" if report.ok else "INVALID")
    return report


def _checksums(directory: Path, report: Report) -> bool:
    """Every file of the current local version against the checksums recorded when it
    was published (flows/storage/checksums.py); True when one does not match."""
    from flows.storage import checksums
    from flows.storage.integrity import Damaged

    link = directory / "_snapshots" / "current"
    if not link.is_symlink():
        return False
    version_dir = link.parent / os.readlink(link)
    try:
        if checksums.recorded_checksums(version_dir) is None:
            report.lines.append(f"note: version {version_dir.name} was written before "
                                "newstables recorded checksums; the next publish "
                                "(a run with new inputs, or compact) records them")
            return False
        bad = checksums.mismatches(version_dir)
    except Damaged as exc:  # an unreadable manifest
        bad = [str(exc)]
    for line in bad:
        report.lines.append(f"ERROR {line}")
    if bad:
        report.lines.append(f"INVALID: run `newstables repair {directory}`")
    return bool(bad)


def _people_drift(tables: dict[str, pl.DataFrame]) -> list[schema.Violation]:
    """`people` must equal its definition recomputed from the data tables now."""
    want = people.people_of(tables)
    keys = people.differences(tables["people"], want)
    if not keys:
        return []
    return [schema.Violation("people", None,
                             "equals people_rows(entities, claims, articles)", len(keys),
                             [f"entity_key {k!r}" for k in keys[:5]])]
