"""Usage errors: exit code 2, one line, and nothing started (no Prefect, no spaCy, no
folder created). The under-a-second timing is measured by `make bench`-style runs, not
asserted here; that Prefect and spaCy are never imported is its non-timing proxy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Runs `main()` with argv, then reports the exit code and what was imported.
PROBE = """
import sys
from flows.cli import main
sys.argv = ["newstables", *sys.argv[1:]]
try:
    main()
except SystemExit as e:
    code = e.code
print("RESULT", code, "prefect" in sys.modules, "spacy" in sys.modules)
"""


def _probe(tmp_path: Path, *args: str) -> tuple[int, bool, bool, list[str]]:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    *_, last = done.stdout.strip().splitlines()
    _, code, prefect, spacy = last.split()
    return int(code), prefect == "True", spacy == "True", done.stderr.strip().splitlines()


@pytest.mark.parametrize(("args", "says"), [
    (["run", "missing-folder"], "does not exist"),
    (["run", "--workers", "0", "--out", "o"], "--workers"),
    (["run", "--batch-size", "-3", "--out", "o"], "--batch-size"),
    (["run", "--runner", "spark", "--out", "o"], "--runner"),
    (["run", "--published", "2024-13-01", "--out", "o"], "--published"),
    (["run", "--out", "afile.txt", "."], "is a file"),
    (["run", "--model", "no_such_model_xx", "--out", "o", "."], "not installed"),
    (["serve", "--inbox", "missing", "--interval", "5"], "does not exist"),
    (["serve", "--inbox", "."], "exactly one of --cron or --interval"),
    (["frobnicate"], "No such command"),
])
def test_usage_errors_exit_2_with_one_line_before_anything_starts(tmp_path, args, says):
    (tmp_path / "afile.txt").write_text("x")
    code, prefect, spacy, err = _probe(tmp_path, *args)
    assert code == 2
    assert len(err) == 1 and says in err[0], err
    assert not prefect and not spacy  # nothing heavy was started
    assert not (tmp_path / "o").exists()


def test_version_prints_one_line_and_exits_0(tmp_path):
    code, prefect, _, _ = _probe(tmp_path, "--version")
    assert code == 0 and not prefect


def test_sql_views_count_only_the_current_version_of_an_edited_file(tmp_path):
    import duckdb

    from flows.storage.local import LocalDataset
    from flows.tables.sql import duckdb_views
    from tests.tables.factories import article_batch

    ds = LocalDataset(tmp_path)
    old, new = article_batch("a"), article_batch("b")
    new["articles"] = new["articles"].with_columns(  # the same file, edited later
        source_path=old["articles"]["source_path"],
        processed_at=old["articles"]["processed_at"].dt.offset_by("1d"))
    with ds.lock():
        ds.ensure_tables()  # as every run does first
        ds.publish("b1", old)
        ds.publish("b2", new)
    con = duckdb.connect()
    con.execute(duckdb_views(str(tmp_path)))
    assert con.execute("select count(*) from articles").fetchone() == (2,)
    assert con.execute("select count(*) from articles_current").fetchone() == (1,)
    assert con.execute("select count(*) from sentences_current").fetchone() == (2,)
    assert con.execute("select article_id from articles_current").fetchone() == (
        new["articles"]["article_id"][0],)
    assert con.execute("select count(*) from _quarantine").fetchone() == (0,)
    comment = con.execute("select comment from duckdb_columns() where table_name = "
                          "'entities' and column_name = 'char_end'").fetchone()
    assert comment == ("Character offset just past the mention.",)
