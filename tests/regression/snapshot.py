"""Row-for-row regression check of every table on the shared corpora.

A refactor is proven by identical output. This script writes the corpora the team
measures on (the seed, the 24 GUM news articles, the 16 claims-gold articles and the
181 `html_aeb` pages) into a folder, runs the real command (`newstables run`) on them,
and either saves the normalised tables (`save`) or compares them, row for row, with the
saved ones (`check`). Only what differs between two identical runs is left out: run
ids and timestamps, and the folder the corpora were written to (paths are made
relative to it).

    python tests/regression/snapshot.py save     # after a deliberate change of output
    python tests/regression/snapshot.py check    # exit 1 and a diff summary on any change

`tests/test_regression.py` runs `check` in `make test`. The saved tables live in
`tests/regression/golden/` (zstd Parquet, sorted by each table's key).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
DATA = ROOT / "eval" / "data"

#: Tables compared, with the columns that order their rows.
TABLES: dict[str, list[str]] = {
    "articles": ["article_id"],
    "sentences": ["article_id", "sentence_id"],
    "tokens": ["article_id", "token_id"],
    "entities": ["article_id", "entity_id"],
    "entity_summary": ["article_id", "cluster_id"],
    "claims": ["article_id", "claim_id"],
    "people": ["entity_key"],
    "_quarantine": ["path", "stage", "reason"],
}
#: Columns that differ between two runs of the same code on the same inputs.
VOLATILE = {"run_id", "processed_at", "quarantined_at", "pipeline_version"}
#: Claims-gold articles in the corpus (all 47 since the tables were re-saved for issue 10;
#: the refactor of issue 9 was proven on the 16 version-1 articles). A corpus that grows
#: changes the row counts without any change of code: re-save, and say so in the commit.
CLAIMS_ARTICLES = "*.txt"
#: Columns holding a path under the corpus folder.
PATHS = {"source_path", "path"}
#: `people` dates that fall back to the day an article was processed (no published
#: date): compared as this sentinel, else the check fails whenever the calendar day
#: differs from the day the tables were saved.
RUN_DAY_COLUMNS = ("first_seen", "last_seen")
RUN_DAY = date(1970, 1, 1)


def build_corpora(dest: Path) -> list[Path]:
    """Write the four corpora under `dest`; returns the input folders."""
    folders = {name: dest / name for name in ("seeds", "gum", "claims", "html_aeb")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(f, folders["seeds"] / f.name)
    with (DATA / "gum_news_sbd.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            (folders["gum"] / f"{rec['doc_id']}.txt").write_text(rec["text"] + "\n",
                                                                 encoding="utf-8")
    for f in sorted((ROOT / "eval" / "claims" / "articles").glob(CLAIMS_ARTICLES)):
        shutil.copy(f, folders["claims"] / f.name)
    for f in sorted((DATA / "html_aeb" / "html").glob("*.html.gz")):
        (folders["html_aeb"] / f.name.removesuffix(".gz")).write_bytes(
            gzip.decompress(f.read_bytes()))
    return list(folders.values())


def run(inputs: list[Path], out: Path) -> None:
    """The real command, with two workers, as a user runs it."""
    exe = Path(sys.executable).parent / "newstables"
    proc = subprocess.run([str(exe), "run", *map(str, inputs), "--out", str(out),
                           "--workers", "2"], capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):  # 1: something was quarantined, which is compared
        raise RuntimeError(f"newstables run failed ({proc.returncode}):\n{proc.stderr[-4000:]}")


def normalise(out: Path, corpus_root: Path) -> dict[str, pl.DataFrame]:
    """Each table without volatile columns, paths relative to the corpora, rows sorted."""
    root = str(corpus_root.resolve()) + os.sep
    tables: dict[str, pl.DataFrame] = {}
    run_days = pl.read_parquet(out / "articles").get_column("processed_at").dt.date().unique()
    for name, key in TABLES.items():
        files = sorted((out / name).glob("*.parquet"))
        df = pl.concat([pl.read_parquet(f) for f in files]) if files else pl.DataFrame()
        df = df.drop([c for c in df.columns if c in VOLATILE])
        if name == "people":
            df = df.with_columns(
                pl.when(pl.col(c).is_in(run_days.implode())).then(pl.lit(RUN_DAY))
                .otherwise(pl.col(c)).alias(c) for c in RUN_DAY_COLUMNS)
        # dictionary-encoded columns are compared by value, as strings
        df = df.with_columns(pl.col(pl.Categorical).cast(pl.String))
        for c in PATHS & set(df.columns):
            df = df.with_columns(pl.col(c).str.replace(root, "", literal=True))
        tables[name] = df.sort(key) if df.height else df
    return tables


def produce(keep: Path | None = None) -> dict[str, pl.DataFrame]:
    """Build the corpora, run the pipeline, return the normalised tables."""
    with tempfile.TemporaryDirectory(prefix="newstables-regression-") as tmp:
        base = keep or Path(tmp)
        corpora = base / "corpora"
        out = base / "out"
        run(build_corpora(corpora), out)
        return normalise(out, corpora)


def save(tables: dict[str, pl.DataFrame]) -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, df in tables.items():
        df.write_parquet(GOLDEN / f"{name}.parquet", compression="zstd",
                         compression_level=19)


def compare(tables: dict[str, pl.DataFrame]) -> list[str]:
    """One line per difference found (empty: identical, row for row)."""
    problems: list[str] = []
    for name in TABLES:
        want = pl.read_parquet(GOLDEN / f"{name}.parquet")
        got = tables[name]
        if want.columns != got.columns:
            problems.append(f"{name}: columns {got.columns} != saved {want.columns}")
            continue
        if want.height != got.height:
            problems.append(f"{name}: {got.height} rows != saved {want.height}")
        if want.height and got.height:
            try:
                joined_equal = got.equals(want.cast(got.schema))
            except Exception as exc:  # a dtype change the cast cannot bridge
                problems.append(f"{name}: cannot compare ({exc})")
                continue
            if not joined_equal:
                only_new = got.join(want, on=got.columns, how="anti", nulls_equal=True)
                only_old = want.join(got, on=got.columns, how="anti", nulls_equal=True)
                problems.append(f"{name}: {only_new.height} rows only in the new output, "
                                f"{only_old.height} only in the saved one; first new: "
                                f"{only_new.head(1).to_dicts()}; first saved: "
                                f"{only_old.head(1).to_dicts()}")
    return problems


def counts() -> dict[str, int]:
    return {name: pl.read_parquet(GOLDEN / f"{name}.parquet").height for name in TABLES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "check", "counts"])
    parser.add_argument("--keep", type=Path, help="Keep the corpora and output here.")
    args = parser.parse_args()
    if args.action == "counts":
        print(json.dumps(counts(), indent=2))
        return 0
    tables = produce(args.keep)
    if args.action == "save":
        save(tables)
        print(json.dumps({n: df.height for n, df in tables.items()}, indent=2))
        return 0
    problems = compare(tables)
    for p in problems:
        print(p)
    print("identical" if not problems else f"{len(problems)} table(s) differ")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
