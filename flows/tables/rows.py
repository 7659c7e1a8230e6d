"""Table rows built from the declarations, not from hand-copied field lists.

Why: the columns of a table are declared once, in `schemas/*.yaml`. Copying them
again into code (one dict key per column, per table) means a column added, renamed
or dropped in a declaration or in a record (`Mention`, `Claim`) is silently missed
or silently null. Here every declared column is filled by name, from the record
field of the same name or from a value given explicitly (`article_id`, an ordinal),
and a column with no source, or with two, is an error at the first row built.

Record fields that are not declared columns are ignored: records may carry
diagnostics (`Claim.speaker_start`, …) that are not part of any table.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from flows.tables.schema import TableDecl

Source = Literal["field", "fixed", "per_record"]


class ColumnSourceError(ValueError):
    """A declared column has no source, or more than one, or a given value is undeclared."""


def record_fields(record_type: type) -> frozenset[str]:
    """Field names of a dataclass or NamedTuple record type."""
    if dataclasses.is_dataclass(record_type):
        return frozenset(f.name for f in dataclasses.fields(record_type))
    named = getattr(record_type, "_fields", None)  # NamedTuple
    if isinstance(named, tuple):
        return frozenset(named)
    raise TypeError(f"{record_type.__name__} is not a record type (dataclass or NamedTuple)")


@functools.cache
def _plan(
    table: str,
    columns: tuple[str, ...],
    record_type: type,
    fixed: frozenset[str],
    per_record: frozenset[str],
) -> tuple[tuple[str, Source], ...]:
    """Where each declared column comes from; checked once per table and call shape."""
    fields = record_fields(record_type)
    undeclared = (fixed | per_record) - set(columns)
    if undeclared:
        raise ColumnSourceError(f"{table}: values given for undeclared columns "
                                f"{sorted(undeclared)}")
    candidates: tuple[tuple[Source, frozenset[str]], ...] = (
        ("field", fields), ("fixed", fixed), ("per_record", per_record))
    plan: list[tuple[str, Source]] = []
    for name in columns:
        sources = [source for source, names in candidates if name in names]
        if not sources:
            raise ColumnSourceError(f"{table}.{name}: no source: not a field of "
                                    f"{record_type.__name__} and not given")
        if len(sources) > 1:
            raise ColumnSourceError(f"{table}.{name}: two sources ({' and '.join(sources)}); "
                                    "give it one")
        plan.append((name, sources[0]))
    return tuple(plan)


def build_rows(
    decl: TableDecl,
    record_type: type,
    records: Sequence[Any],
    *,
    fixed: Mapping[str, Any] | None = None,
    per_record: Mapping[str, Sequence[Any]] | None = None,
) -> list[dict[str, Any]]:
    """One row per record, with exactly the declared columns, in declared order.

    Each column is the record's field of the same name, or `fixed[name]` (the same
    value in every row, e.g. the article id), or `per_record[name][i]` (one value per
    record, e.g. an ordinal). `record_type` is needed, and checked, even when
    `records` is empty, so an article without claims fails the same way as one with.
    List columns get a fresh list per row, so a row never shares a record's list.
    """
    fixed = fixed or {}
    per_record = per_record or {}
    plan = _plan(decl.table, tuple(decl.names), record_type, frozenset(fixed),
                 frozenset(per_record))
    n = len(records)
    lists = {c.name for c in decl.columns if c.type.startswith("list<")}
    columns: list[list[Any]] = []
    for name, source in plan:
        if source == "field":
            values = [getattr(r, name) for r in records]
        elif source == "fixed":
            values = [fixed[name]] * n
        else:
            values = list(per_record[name])
            if len(values) != n:
                raise ColumnSourceError(f"{decl.table}.{name}: {len(values)} values for "
                                        f"{n} records")
        if name in lists:
            values = [None if v is None else list(v) for v in values]
        columns.append(values)
    names = [name for name, _ in plan]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def build_row(decl: TableDecl, values: Mapping[str, Any]) -> dict[str, Any]:
    """One row from explicit values, which must be exactly the declared columns.

    For rows that draw on many sources (the articles row: raw file, parsed text,
    cleaning, counts): a missing column would otherwise become a silent null.
    """
    missing = [c for c in decl.names if c not in values]
    extra = sorted(set(values) - set(decl.names))
    if missing or extra:
        raise ColumnSourceError(f"{decl.table}: missing columns {missing}, undeclared {extra}")
    return {c: values[c] for c in decl.names}


def span_columns(records: Sequence[Any], text_column: str) -> dict[str, list[Any]]:
    """The span columns of rows from records' `start`, `end` and `text` fields.

    The tables name them `char_start`, `char_end` and a text column of their own
    (`mention_text`, …): no SQL reserved word (`end`), no collision when tables are
    joined. The records keep their short names, which the claims engine reads
    everywhere. Pass the result as `per_record` to `build_rows`.
    """
    return {"char_start": [r.start for r in records], "char_end": [r.end for r in records],
            text_column: [r.text for r in records]}
