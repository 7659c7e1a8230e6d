"""`newstables validate DIR`: the whole dataset against the declarations, again.

Batches are checked before they are published; this re-check is for what happened
after (a hand-edited file, a copy from elsewhere, a newer schema) and for CI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flows.storage import open_dataset
from flows.tables import schema


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    violations: list[schema.Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations and not any(line.startswith("ERROR") for line in self.lines)


def validate_dataset(directory: str | Path) -> Report:
    """Check every data table and log table; report per table and per rule."""
    report = Report()
    dataset = open_dataset(directory)
    if not dataset.exists():
        report.lines.append(
            f"ERROR {directory}: no articles table here (is it a newstables dataset?)")
        return report
    tables = {}
    for name in (*schema.DATA_TABLES, *schema.LOG_TABLES):
        try:
            tables[name] = dataset.read(name)
        except Exception as exc:  # unreadable or foreign file: say which and why
            report.lines.append(f"ERROR {name}: cannot be read: {exc}")
            continue
        is_data = name in schema.DATA_TABLES
        for f in dataset.table_files(name) if is_data else dataset.log_files(name):
            meta = dataset.schema_of(f).metadata or {}
            version = meta.get(b"newstables.schema_version", b"?").decode()
            if version != str(schema.table(name).version):
                report.lines.append(
                    f"ERROR {name}: {Path(str(f)).name} has schema version {version}, "
                    f"declared {schema.table(name).version}"
                )
    report.violations = schema.check_tables(tables)
    for name, df in tables.items():
        mine = [v for v in report.violations if v.table == name]
        status = "ok" if not mine else f"{len(mine)} rule(s) broken"
        report.lines.append(f"{name}: {df.height:,} rows: {status}")
        for v in mine:
            report.lines.append(f"  - {v}")
    report.lines.append("valid" if report.ok else "INVALID")
    return report
