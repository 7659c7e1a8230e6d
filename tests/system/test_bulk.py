"""Bulk inputs through the real flow: records in, bad records quarantined with their
locator, incremental runs over a grown file, the language decision and its option.

Text: GUM news articles (Wikinews, CC BY 2.5; eval/data/gum_news_sbd.jsonl), and an
Italian paragraph written for these tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from flows.orchestration import flow as pipeline
from flows.settings import Settings, plan
from flows.steps import sources
from flows.storage.local import LocalDataset
from flows.tables import validate

ROOT = Path(__file__).resolve().parents[2]
GUM = [json.loads(line) for line in
       (ROOT / "eval" / "data" / "gum_news_sbd.jsonl").read_text(encoding="utf-8").splitlines()]
ITALIAN = ("Il presidente della Regione ha annunciato ieri un nuovo piano per le scuole. "
           "Secondo il comunicato, i fondi saranno distribuiti entro la fine dell'anno ai "
           "comuni più piccoli, che da tempo chiedono aiuti per ristrutturare gli edifici.")


def _line(i: int, **extra: str) -> str:
    text = "\n".join(GUM[i]["text"].split("\n")[:4])  # the first paragraphs: a lean test
    return json.dumps({"text": text, "id": GUM[i]["doc_id"], **extra})


def test_json_lines_run_quarantine_incremental_and_language(tmp_path: Path,
                                                            prefect_api: object) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    dump = inbox / "dump.jsonl"
    dump.write_text("\n".join([
        _line(0, url="https://en.wikinews.org/a", published="2010-06-03"),
        '{"text": "broken',
        json.dumps({"text": ITALIAN, "id": "it-1"}),
        _line(1),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "data"
    first = pipeline.run([str(inbox)], str(out), Settings(workers=1))
    assert first.articles_written == 2
    reasons = {(q["locator"], q["reason"]) for q in first.quarantine}
    assert reasons == {("line:2", "invalid_record"), ("line:3", "unsupported_language")}
    assert all(q["path"] == str(dump) for q in first.quarantine)
    arts = LocalDataset(out).read("articles").sort("source_locator")
    assert arts["source_locator"].to_list() == ["line:1", "line:4"]
    assert arts["source_path"].unique().to_list() == [str(dump)]
    assert arts["language"].to_list() == ["en", "en"]
    row = arts.row(0, named=True)
    assert row["url"] == "https://en.wikinews.org/a" and row["record_id"] == GUM[0]["doc_id"]
    assert str(row["published"]) == "2010-06-03" and row["published_from"] == "record"

    # The file grows: only the appended record is new.
    with dump.open("a", encoding="utf-8") as fh:
        fh.write(_line(2) + "\n")
    second = pipeline.run([str(inbox)], str(out), Settings(workers=1))
    assert second.articles_written == 1 and second.articles_skipped == 2
    # The Italian article goes through when asked to.
    third = pipeline.run([str(inbox)], str(out), Settings(workers=1, any_language=True))
    assert third.articles_written == 1
    arts = LocalDataset(out).read("articles")
    assert arts.filter(pl.col("record_id") == "it-1")["language"].item() == "it"
    assert arts.height == 4 and arts["article_id"].is_unique().all()
    assert validate.validate_dataset(out).ok
    q = LocalDataset(out).read("_quarantine")
    assert {"line:2", "line:3"} <= set(q["locator"].drop_nulls().to_list())


def test_a_malformed_column_mapping_is_a_usage_error(tmp_path: Path) -> None:
    got = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(tmp_path), "--out",
                          str(tmp_path / "o"), "--column", "body"],
                         capture_output=True, text=True, timeout=60)
    assert got.returncode == 2 and "FIELD=NAME" in got.stderr


@pytest.mark.slow  # two runs, one with two worker processes
def test_json_lines_through_two_workers_equals_one_worker(tmp_path: Path,
                                                          prefect_api: object) -> None:
    from tests.regression.snapshot import normalise

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # Each record also carries its whole article under a key no field reads (dumps carry
    # extra columns): the file's size makes the run plan two workers (~4 KB a record).
    (inbox / "dump.jsonl").write_text("\n".join(
        [_line(i, full_text=GUM[i]["text"]) for i in range(6)] + ['{"text": 3}']) + "\n",
        encoding="utf-8")
    one = pipeline.run([str(inbox)], str(tmp_path / "one"), Settings(workers=1))
    two = pipeline.run([str(inbox)], str(tmp_path / "two"), Settings(workers=2))
    # more batches than one: the run planned two process workers (flows.settings.plan)
    assert two.batches >= 2 and plan(sources.estimate_records(str(inbox / "dump.jsonl")),
                                     Settings(workers=2)).workers == 2
    assert one.articles_written == two.articles_written == 6
    assert [q["locator"] for q in two.quarantine] == ["line:7"]
    a, b = normalise(tmp_path / "one", inbox), normalise(tmp_path / "two", inbox)
    assert set(a) == set(b)
    for name in a:
        assert a[name].equals(b[name]), name
    assert a["articles"]["source_locator"].sort().to_list() == [f"line:{i}" for i in range(1, 7)]
