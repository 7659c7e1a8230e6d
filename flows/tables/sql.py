"""`newstables sql DIR`: DuckDB views over a dataset, with the declared descriptions.

Why views printed as SQL rather than an `is_current` column: a column would have to be
rewritten in every older file each time a file changes (a new version of an article
makes the old one not current), which breaks the write-once snapshot files. A view
computes it when read, so it is always right, costs nothing to keep, and any DuckDB
user can paste it (`newstables sql data | duckdb` or `.read`).

For each table there is a view of every row (`claims`) and, for the article-level
tables, a view of the current version of each input file only (`claims_current`): an
edited file is a second article version (a new `article_id`), and counting both doubles
every count. The current version of a `source_path` is its most recently processed
article; `previous_article_id` links the versions. Column descriptions from `schemas/`
become `COMMENT ON COLUMN`, so `DESCRIBE` and `duckdb_columns()` show them.
"""

from __future__ import annotations

from flows.tables import schema

#: The view of the current article versions, which the other `_current` views join.
_CURRENT_ARTICLES = """\
CREATE OR REPLACE VIEW articles_current AS
SELECT * FROM articles
QUALIFY row_number() OVER (PARTITION BY source_path
                           ORDER BY processed_at DESC, article_id) = 1;"""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _source(location: str, name: str) -> str:
    root = location.rstrip("/")
    pattern = f"{root}/{name}/*.parquet"
    return f"read_parquet({_quote(pattern)}, union_by_name = true)"


def duckdb_views(location: str) -> str:
    """The SQL script: one view per declared table, `_current` views, column comments."""
    decls = schema.load_declarations()
    out = [f"-- newstables views over {location}; paste into DuckDB or run with .read"]
    for name in (*schema.DATA_TABLES, *schema.DERIVED_TABLES, *schema.LOG_TABLES):
        d = decls[name]
        out.append(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM {_source(location, name)};")
        out.append(f"COMMENT ON VIEW {name} IS {_quote(d.description)};")
        for c in d.columns:
            out.append(f"COMMENT ON COLUMN {name}.{c.name} IS {_quote(c.description)};")
    out.append(_CURRENT_ARTICLES)
    out.append("COMMENT ON VIEW articles_current IS "
               "'The most recently processed version of each input file (source_path).';")
    for name in schema.DATA_TABLES:
        if name == "articles":
            continue
        out.append(f"CREATE OR REPLACE VIEW {name}_current AS SELECT t.* FROM {name} t "
                   f"SEMI JOIN articles_current a ON t.article_id = a.article_id;")
        out.append(f"COMMENT ON VIEW {name}_current IS "
                   f"{_quote(f'Rows of {name} for the current version of each input file.')};")
    return "\n".join(out) + "\n"
