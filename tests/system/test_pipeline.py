"""End to end through the Prefect flow: seed + two other layouts, two worker processes."""

from __future__ import annotations

import shutil
import subprocess
import sys

import polars as pl
import pytest

from flows.orchestration import flow as pipeline
from flows.settings import Settings
from flows.tables import schema, validate
from tests.conftest import ARTICLES, SEED

pytestmark = pytest.mark.slow  # starts API servers and worker processes

BOILERPLATE = ["(Except for the headline", "Post a Comment", "Comments", "NDTV"]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, prefect_api):
    inbox = tmp_path_factory.mktemp("inbox")
    shutil.copy(SEED, inbox / SEED.name)
    for f in ARTICLES.glob("*.txt"):
        shutil.copy(f, inbox / f.name)
    out = tmp_path_factory.mktemp("out") / "data"
    summary = pipeline.run([str(inbox)], str(out), Settings(workers=2, batch_size=1))
    return inbox, out, summary


def _table(out, name: str) -> pl.DataFrame:
    return pl.read_parquet(f"{out}/{name}/**/*.parquet")


def _seed_id(out) -> str:
    arts = _table(out, "articles")
    return arts.filter(pl.col("source_path").str.ends_with(SEED.name))["article_id"].item()


def test_run_writes_every_table_and_they_validate(dataset):
    _, out, summary = dataset
    assert summary.ok and summary.articles_written == 3 and summary.batches == 3
    assert summary.rows["articles"] == 3 and summary.rows["tokens"] > 500
    report = validate.validate_dataset(out)
    assert report.ok, report.lines


def test_seed_has_fifteen_body_sentences_and_no_boilerplate(dataset):
    _, out, _ = dataset
    aid = _seed_id(out)
    sents = _table(out, "sentences").filter(pl.col("article_id") == aid)
    assert sents.height == 15
    assert sents["section"].unique().to_list() == ["body"]
    ents = _table(out, "entities").filter(pl.col("article_id") == aid)
    claims = _table(out, "claims").filter(pl.col("article_id") == aid)
    for needle in BOILERPLATE:
        assert not sents["sentence_text"].str.contains(needle, literal=True).any(), needle
        assert not ents["mention_text"].str.contains(needle, literal=True).any(), needle
        assert not claims["content"].str.contains(needle, literal=True).any(), needle
    art = _table(out, "articles").filter(pl.col("article_id") == aid).row(0, named=True)
    assert art["publisher"] == "NDTV" and art["syndicated"] is True
    assert art["removed_boilerplate"][1:] == ["Comments", "Post a Comment"]
    assert art["n_sentences"] == 15 and art["model"].endswith("-3.8.0")


def test_xi_four_direct_quotes_resolve_to_xi_jinping(dataset):
    _, out, _ = dataset
    aid = _seed_id(out)
    quotes = _table(out, "claims").filter(
        (pl.col("article_id") == aid) & (pl.col("kind") == "direct_quote")
    ).sort("content_start")
    assert quotes.height == 4
    assert quotes["speaker_canonical"].to_list() == ["Xi Jinping"] * 4
    assert quotes["content"][0].startswith("China will continue to unswervingly promote")
    assert quotes["content"][3].startswith("We should join hands")
    ents = _table(out, "entities").filter(pl.col("article_id") == aid)
    speaker_ids = set(quotes["speaker_entity_id"].to_list())
    assert set(ents.filter(pl.col("entity_id").is_in(list(speaker_ids)))["canonical"]) == {
        "Xi Jinping"}


def test_short_names_and_acronyms_resolve(dataset):
    _, out, _ = dataset
    ents = _table(out, "entities").filter(pl.col("article_id") == _seed_id(out))
    canon = dict(zip(ents["mention_text"], ents["canonical"], strict=False))
    assert canon["Xi"] == "Xi Jinping"
    assert canon["Rahmon"] == "Emomali Rahmon"
    assert canon["SCO"] == "Shanghai Cooperation Organisation"


def test_multi_paragraph_curly_quote_article(dataset):
    _, out, _ = dataset
    arts = _table(out, "articles")
    aid = arts.filter(pl.col("source_path").str.ends_with("harbour_bridge.txt"))[
        "article_id"].item()
    quotes = _table(out, "claims").filter(
        (pl.col("article_id") == aid) & (pl.col("kind") == "direct_quote"))
    assert quotes.height >= 3
    assert set(quotes["speaker_canonical"].to_list()) == {"Michael Wood"}
    sents = _table(out, "sentences").filter(pl.col("article_id") == aid)
    assert sents["section"][0] == "headline"


def test_second_run_writes_nothing(dataset):
    inbox, out, _ = dataset
    again = pipeline.run([str(inbox)], str(out), Settings(workers=1))
    assert again.articles_written == 0 and again.articles_skipped == 3
    assert _table(out, "articles").height == 3


def test_cli_validate_and_schema(dataset):
    _, out, _ = dataset
    exe = [sys.executable, "-m", "flows.cli"]
    ok = subprocess.run([*exe, "validate", str(out)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "valid" in ok.stderr.splitlines()[-1]
    sch = subprocess.run([*exe, "schema", "claims"], capture_output=True, text=True)
    assert sch.returncode == 0 and "| speaker_canonical |" in sch.stdout


def test_readme_query_snippets_run_on_the_output(dataset, tmp_path, monkeypatch):
    import re

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks, "the README has no python snippet"
    _, out, _ = dataset
    (tmp_path / "data").symlink_to(out, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), scope)
    assert scope["top"]["speaker_canonical"][0] == "Xi Jinping"
    assert scope["top"]["quotes"][0] >= 4
    assert "Xi Jinping" in scope["mentions"]["canonical"].to_list()
    assert scope["most_quoted"]["name"][0] == "Xi Jinping"
    assert scope["most_quoted"]["n_direct_quotes"][0] == 4
    assert scope["by_key"]["speaker_key"][0] == "person:xi jinping"
    assert scope["by_key"]["quotes"][0] == scope["most_quoted"]["n_quotes"][0]


RUN_COLUMNS = {"processed_at", "run_id"}


def test_the_cli_writes_the_same_tables_as_an_in_process_run(dataset, tmp_path):
    """The CLI exports its server's URL before Prefect is imported and its workers load
    the model in their initializer; the run above is in-process, after Prefect was
    imported, on the session's server. Same inputs, same rows."""
    inbox, out, _ = dataset
    cli_out = tmp_path / "cli"
    done = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(inbox), "--out",
                           str(cli_out), "--workers", "2", "--batch-size", "1"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    for name in ("articles", "sentences", "tokens", "entities", "entity_summary", "claims"):
        want, got = _table(out, name), _table(cli_out, name)
        key = list(schema.table(name).primary_key)
        drop = [c for c in want.columns if c in RUN_COLUMNS]
        assert got.drop(drop).sort(key).equals(want.drop(drop).sort(key)), name

