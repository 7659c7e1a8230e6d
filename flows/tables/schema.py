"""Table declarations from `schemas/*.yaml`, and every check built from them.

The YAML files are the single source of truth: this module turns them into Arrow
schemas (for writing Parquet), Polars dtypes (for building frames), pandera schemas
(for per-table checks) and the cross-table rules (keys, references, spans into the
article body). Nothing here knows about Prefect or about where files live.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl
import pyarrow as pa_arrow
import yaml

if TYPE_CHECKING:  # imported where a table fails its quick check (0.2 s per process)
    import pandera.polars as pa

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Tables that make up one published batch, in the order they are written and checked.
DATA_TABLES = ("articles", "sentences", "tokens", "entities", "entity_summary", "claims")
#: Bookkeeping tables, appended to by every run.
LOG_TABLES = ("_quarantine", "_runs")
#: Tables that are a function of the data tables (`flows/tables/people.py`), kept up to
#: date from each batch's rows in the same version as the batch, never published alone.
DERIVED_TABLES = ("people",)

_ARROW_TYPES: dict[str, pa_arrow.DataType] = {
    "string": pa_arrow.string(),
    "bool": pa_arrow.bool_(),
    "int32": pa_arrow.int32(),
    "int64": pa_arrow.int64(),
    "float64": pa_arrow.float64(),
    "date": pa_arrow.date32(),
    "timestamp": pa_arrow.timestamp("us", tz="UTC"),
    "list<string>": pa_arrow.list_(pa_arrow.string()),
    "list<int32>": pa_arrow.list_(pa_arrow.int32()),
}
_POLARS_TYPES: dict[str, pl.DataType] = {
    "string": pl.String(),
    "bool": pl.Boolean(),
    "int32": pl.Int32(),
    "int64": pl.Int64(),
    "float64": pl.Float64(),
    "date": pl.Date(),
    "timestamp": pl.Datetime("us", "UTC"),
    "list<string>": pl.List(pl.String()),
    "list<int32>": pl.List(pl.Int32()),
}


def schemas_dir() -> Path:
    """Find the declarations both in a source checkout and in an installed wheel."""
    here = Path(__file__).resolve().parent.parent  # flows/
    for candidate in (here / "_schemas", here.parent / "schemas"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("schemas/ not found next to the flows package")


@dataclass(frozen=True)
class ColumnDecl:
    name: str
    type: str
    nullable: bool
    description: str
    allowed: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    #: Few distinct values (labels, kinds, tags): stored dictionary-encoded, so Arrow,
    #: pandas and Polars readers get a categorical/dictionary column and files shrink.
    categorical: bool = False

    @property
    def arrow_type(self) -> pa_arrow.DataType:
        if self.categorical:
            return pa_arrow.dictionary(pa_arrow.int32(), _ARROW_TYPES[self.type])
        return _ARROW_TYPES[self.type]


@dataclass(frozen=True)
class TableDecl:
    table: str
    version: int
    description: str
    primary_key: tuple[str, ...]
    columns: tuple[ColumnDecl, ...]
    foreign_keys: tuple[Mapping[str, Any], ...] = ()
    spans: tuple[Mapping[str, str], ...] = ()
    row_rules: tuple[Mapping[str, Any], ...] = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def arrow_schema(self) -> pa_arrow.Schema:
        """Arrow schema with descriptions and the schema version in the metadata."""
        fields = [
            pa_arrow.field(
                c.name,
                c.arrow_type,
                nullable=c.nullable,
                metadata={"description": c.description},
            )
            for c in self.columns
        ]
        meta = {
            "newstables.table": self.table,
            "newstables.schema_version": str(self.version),
            "newstables.description": self.description,
            "newstables.primary_key": json.dumps(list(self.primary_key)),
            "newstables.columns": json.dumps({c.name: c.description for c in self.columns}),
        }
        return pa_arrow.schema(fields, metadata=meta)

    def polars_schema(self) -> dict[str, pl.DataType]:
        return {c.name: _POLARS_TYPES[c.type] for c in self.columns}

    def conform(self, df: pl.DataFrame) -> pl.DataFrame:
        """A frame read from Parquet with the declared Polars dtypes: dictionary-encoded
        columns come back from Arrow as Categorical, and every check and join in this
        package works on the declared plain strings."""
        cats = [c.name for c in self.columns
                if c.categorical and c.name in df.columns and df.schema[c.name] != pl.String]
        return df.with_columns(pl.col(cats).cast(pl.String)) if cats else df

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema())

    def frame(self, rows: list[dict[str, Any]] | dict[str, list[Any]]) -> pl.DataFrame:
        """Build a frame with exactly the declared columns and dtypes (extra keys are an error).

        `rows` is a list of row dicts, or a dict of equal-length column lists (what the
        tokens table is built as, being ten times longer than the rest).
        """
        schema = self.polars_schema()
        if isinstance(rows, dict):
            extra = set(rows) - set(schema)
            if extra:
                raise ValueError(f"{self.table}: undeclared columns {sorted(extra)}")
            if not rows or not len(next(iter(rows.values()))):
                return self.empty()
            return pl.DataFrame({c: rows[c] for c in schema}, schema=schema, strict=False)
        if not rows:
            return self.empty()
        return pl.DataFrame(rows, schema=schema, orient="row", strict=False)

    @functools.cached_property
    def pandera(self) -> pa.DataFrameSchema:
        import pandera.polars as pa

        columns = {}
        for c in self.columns:
            checks = []
            if c.allowed is not None:
                checks.append(pa.Check.isin(list(c.allowed)))
            if c.min is not None:
                checks.append(pa.Check.ge(c.min))
            if c.max is not None:
                checks.append(pa.Check.le(c.max))
            if c.pattern is not None:
                checks.append(pa.Check.str_matches(c.pattern))
            columns[c.name] = pa.Column(
                _POLARS_TYPES[c.type], checks=checks, nullable=c.nullable, required=True
            )
        return pa.DataFrameSchema(
            columns,
            strict=True,
            unique=list(self.primary_key) or None,
            name=self.table,
        )

    @functools.cached_property
    def quick_checks(self) -> list[pl.Expr]:
        """The pandera schema's checks as one-row aggregates, each True when it holds.

        `quick_pass` evaluates them in a single `select`; see there for why. Each is as
        strict as pandera's own or stricter (NaN anywhere in a float column fails, as
        does a null in a key), never looser.
        """
        out: list[pl.Expr] = []
        for c in self.columns:
            col = pl.col(c.name)
            if not c.nullable:
                out.append(col.is_not_null().all())
            if c.type == "float64":
                out.append(col.is_nan().any().not_())
            if c.allowed is not None:
                out.append(col.is_in(list(c.allowed)).fill_null(True).all())
            if c.min is not None:
                out.append(col.ge(c.min).fill_null(True).all())
            if c.max is not None:
                out.append(col.le(c.max).fill_null(True).all())
            if c.pattern is not None:
                pattern = c.pattern if c.pattern.startswith("^") else f"^{c.pattern}"
                out.append(col.str.contains(pattern).fill_null(True).all())
        if self.primary_key:
            keys = [pl.col(k) for k in self.primary_key]
            out.append(pl.any_horizontal(*[k.is_null() for k in keys]).any().not_())
            out.append(pl.struct(keys).is_duplicated().any().not_())
        return [check.alias(f"check_{i}") for i, check in enumerate(out)]

    def quick_pass(self, df: pl.DataFrame) -> bool:
        """True only if pandera would find nothing wrong with `df`.

        pandera runs every check as its own query (about 370 `collect`s for a batch's six
        tables): 0.15 s of CPU per 32-article batch of long news, 3.5 % of the batch
        (`bench`, in-process split). A valid batch, the usual case, is settled here with
        one `select` per table; anything this finds goes to pandera, whose report
        (`check_table`) is the one users see. Being stricter than pandera costs only
        that detour, never a verdict.
        """
        declared = self.polars_schema()
        if df.columns != list(declared) or any(
                df.schema[name] != dtype for name, dtype in declared.items()):
            return False
        if not self.quick_checks or not df.height:
            return True
        return all(df.select(self.quick_checks).row(0))


@functools.cache
def load_declarations(directory: str | None = None) -> dict[str, TableDecl]:
    """Read every `*.yaml` declaration; cached because it is read on every batch."""
    root = Path(directory) if directory else schemas_dir()
    out: dict[str, TableDecl] = {}
    for path in sorted(root.glob("*.yaml")):
        # libyaml's safe loader when PyYAML was built with it: the same objects, 9x less
        # CPU (0.046 -> 0.005 s for the declarations, read in every process of a run).
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
        cols = tuple(
            ColumnDecl(
                name=c["name"],
                type=c["type"],
                nullable=bool(c["nullable"]),
                description=c["description"],
                allowed=tuple(c["allowed"]) if "allowed" in c else None,
                min=c.get("min"),
                max=c.get("max"),
                pattern=c.get("pattern"),
                categorical=bool(c.get("categorical", False)),
            )
            for c in raw["columns"]
        )
        for c in cols:
            if c.type not in _ARROW_TYPES:
                raise ValueError(f"{path.name}: column {c.name}: unknown type {c.type!r}")
        decl = TableDecl(
            table=raw["table"],
            version=int(raw["version"]),
            description=raw["description"],
            primary_key=tuple(raw.get("primary_key", [])),
            columns=cols,
            foreign_keys=tuple(raw.get("foreign_keys", [])),
            spans=tuple(raw.get("spans", [])),
            row_rules=tuple(raw.get("row_rules", [])),
        )
        out[decl.table] = decl
    return out


def table(name: str) -> TableDecl:
    return load_declarations()[name]


@dataclass
class Violation:
    """One broken rule: enough to find the rows and fix the code that made them."""

    table: str
    column: str | None
    rule: str
    n_rows: int
    examples: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        col = f".{self.column}" if self.column else ""
        ex = "; ".join(self.examples[:3])
        return f"{self.table}{col}: {self.rule} ({self.n_rows} rows) e.g. {ex}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "column": self.column,
            "rule": self.rule,
            "n_rows": self.n_rows,
            "examples": self.examples[:10],
        }


def check_table(decl: TableDecl, df: pl.DataFrame) -> list[Violation]:
    """Per-table checks through pandera: dtypes, nullability, allowed values, ranges, keys."""
    if decl.quick_pass(df):
        return []
    from pandera.errors import SchemaError, SchemaErrors

    try:
        decl.pandera.validate(df, lazy=True)
    except SchemaErrors as exc:
        fc = exc.failure_cases
        out = []
        for (column, check), grp in fc.group_by(["column", "check"], maintain_order=True):
            examples = [
                f"row {r['index']}: {str(r['failure_case'])[:120]!r}"
                for r in grp.head(5).to_dicts()
            ]
            out.append(Violation(decl.table, column, str(check), grp.height, examples))
        return out
    except SchemaError as exc:  # raised for structural problems even in lazy mode
        return [Violation(decl.table, None, "schema", df.height, [str(exc)[:300]])]
    return []


def _row_rule_violations(decl: TableDecl, df: pl.DataFrame) -> list[Violation]:
    out = []
    for rule in decl.row_rules:
        left, right = pl.col(rule["left"]), pl.col(rule["right"])
        ok = left < right if rule.get("strict") else left <= right
        bad = df.filter(~ok.fill_null(True))
        if bad.height:
            op = "<" if rule.get("strict") else "<="
            examples = [str(r) for r in bad.select(rule["left"], rule["right"]).head(3).to_dicts()]
            out.append(
                Violation(decl.table, rule["left"], f"{rule['left']} {op} {rule['right']}",
                          bad.height, examples)
            )
    return out


def _span_violations(
    decl: TableDecl, df: pl.DataFrame, bodies: pl.DataFrame
) -> list[Violation]:
    """`body[start:end] == text`: the promise that makes every offset usable."""
    out = []
    for span in decl.spans:
        start, end, text = span["start"], span["end"], span["text"]
        joined = df.select("article_id", start, end, text).join(
            bodies, on="article_id", how="left"
        )
        sliced = pl.col("body").str.slice(pl.col(start), pl.col(end) - pl.col(start))
        bad = joined.filter(pl.col("body").is_null() | (sliced != pl.col(text)).fill_null(True))
        if bad.height:
            examples = [
                f"{r['article_id'][:12]} [{r[start]}:{r[end]}] {r[text]!r}"
                for r in bad.head(3).to_dicts()
            ]
            out.append(
                Violation(decl.table, text, f"articles.body[{start}:{end}] == {text}",
                          bad.height, examples)
            )
    return out


def _reference_violations(
    decl: TableDecl, df: pl.DataFrame, tables: Mapping[str, pl.DataFrame]
) -> list[Violation]:
    out = []
    for fk in decl.foreign_keys:
        cols, ref_cols = list(fk["columns"]), list(fk["ref_columns"])
        target = tables.get(fk["table"])
        if target is None:
            continue
        keys = target.select([pl.col(r).alias(c) for c, r in zip(cols, ref_cols, strict=True)])
        probe = df.select(cols).drop_nulls()
        missing = probe.join(keys.unique(), on=cols, how="anti")
        if missing.height:
            rule = f"({', '.join(cols)}) references {fk['table']}({', '.join(ref_cols)})"
            examples = [str(r) for r in missing.head(3).to_dicts()]
            out.append(Violation(decl.table, cols[-1], rule, missing.height, examples))
    return out


def check_tables(tables: Mapping[str, pl.DataFrame]) -> list[Violation]:
    """Check a set of tables that belong together (a batch, or a whole dataset).

    References are resolved inside the given set, so a batch must carry every row its
    rows point to — which is what makes publishing it on its own safe.
    """
    decls = load_declarations()
    violations: list[Violation] = []
    for name, df in tables.items():
        decl = decls[name]
        violations += check_table(decl, df)
    if any(v.rule in {"column_in_dataframe", "dtype", "schema"} for v in violations):
        return violations  # cross-table rules need the declared columns
    bodies = tables["articles"].select("article_id", "body") if "articles" in tables else None
    for name, df in tables.items():
        decl = decls[name]
        violations += _row_rule_violations(decl, df)
        if bodies is not None:
            violations += _span_violations(decl, df, bodies)
        violations += _reference_violations(decl, df, tables)
    return violations


def data_dictionary(name: str | None = None) -> str:
    """Markdown data dictionary, for `newstables schema` and the README."""
    decls = load_declarations()
    names = [name] if name else [*DATA_TABLES, *DERIVED_TABLES, *LOG_TABLES]
    lines: list[str] = []
    if name is None:  # the whole dictionary is also docs/data-dictionary.md
        lines.append("# Data dictionary\n")
        lines.append("Generated from `schemas/*.yaml` by `newstables schema > "
                     "docs/data-dictionary.md`; `tests/tables/test_dictionary.py` fails when "
                     "this file is out of date. Dictionary-encoded columns are read as "
                     "categoricals (pandas, Polars) or dictionary arrays (Arrow); DuckDB reads "
                     "them as VARCHAR.\n")
    for n in names:
        d = decls[n]
        lines.append(f"## {d.table} (schema version {d.version})\n")
        lines.append(f"{d.description}\n")
        lines.append(f"Primary key: {', '.join(d.primary_key)}\n")
        lines.append("| column | type | null | description |")
        lines.append("|---|---|---|---|")
        for c in d.columns:
            extra = []
            if c.allowed:
                extra.append("one of " + ", ".join(c.allowed))
            if c.min is not None:
                extra.append(f">= {c.min}")
            if c.max is not None:
                extra.append(f"<= {c.max}")
            if c.categorical:
                extra.append("dictionary-encoded")
            desc = c.description + (f" ({'; '.join(extra)})" if extra else "")
            lines.append(f"| {c.name} | {c.type} | {'yes' if c.nullable else 'no'} | {desc} |")
        for fk in d.foreign_keys:
            lines.append(
                f"\nReferences: ({', '.join(fk['columns'])}) → {fk['table']}"
                f"({', '.join(fk['ref_columns'])})"
            )
        for s in d.spans:
            lines.append(f"\nSpan rule: articles.body[{s['start']}:{s['end']}] == {s['text']}")
        lines.append("")
    return "\n".join(lines)
