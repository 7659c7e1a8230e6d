"""The `people` table and `claims.speaker_key`: identity across articles, kept incrementally.

Real text: short articles written for these tests (`people_articles/`: the same Donald
Trump as "Donald Trump" in one and "Mr. Trump … Donald Trump" in another, Hillary and
Bill Clinton in a third; "Trump" alone in a fourth, Eric Trump in a fifth, "Xi" alone in a
sixth, and Hillary Clinton beside Clinton Morrison with a "Clinton said" in a seventh),
plus the seed and `tests/articles/`. Batches are
made by `flows.batch.process_batch` and published through the stores' public API, the
path the flow takes, without a Prefect server.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest

from flows.batch import BatchResult, process_batch
from flows.settings import Settings
from flows.storage import Dataset, checksums, open_dataset
from flows.storage.local import LocalDataset, write_parquet
from flows.tables import people, schema, validate
from tests.conftest import ARTICLES, SEED

HERE = Path(__file__).resolve().parent / "people_articles"
RALLY, TARIFFS, CLINTONS = (str(HERE / n) for n in
                            ("trump_rally.txt", "trump_tariffs.txt", "two_clintons.txt"))
#: One-word "Trump", Eric Trump, one-word "Xi", "Clinton" beside two full Clinton names.
APPEAL, ERIC, XI, MORRISON = (str(HERE / n) for n in (
    "trump_appeal.txt", "eric_trump.txt", "xi_visit.txt", "clinton_morrison.txt"))
OTHERS = [str(SEED), *(str(p) for p in sorted(ARTICLES.glob("*.txt")))]
NEW = [APPEAL, ERIC, XI, MORRISON]


@pytest.fixture(scope="module")
def batches() -> dict[str, BatchResult]:
    """One batch per article, and one batch of all of them (same rows, other grouping)."""
    settings = Settings(workers=1)
    got = {p: process_batch([p], settings, "r")
           for p in (RALLY, TARIFFS, CLINTONS, *NEW, *OTHERS)}
    got["all"] = process_batch([RALLY, TARIFFS, CLINTONS, *OTHERS], settings, "r")
    for p, result in got.items():
        assert not result.quarantine, (p, result.quarantine)
    return got


def _publish(root: Path | str, results: list[BatchResult], format: str = "auto") -> Dataset:
    ds = open_dataset(root, format)  # type: ignore[arg-type]
    with ds.lock():
        for r in results:
            ds.publish(r.batch_id, r.tables)
    return ds


def _row(df: pl.DataFrame, key: str) -> dict:
    [row] = df.filter(pl.col("entity_key") == key).to_dicts()
    return row


def _people(batches: dict[str, BatchResult], paths: list[str]) -> pl.DataFrame:
    """`people_rows` of the articles at `paths`, processed one batch each."""
    return people.people_of({t: pl.concat([batches[p].tables[t] for p in paths])
                             for t in people.INPUT_COLUMNS})


#: The README's "who is quoted most across the dataset", as the README prints it.
_README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
MOST_QUOTED = _README.split('most_quoted = duckdb.sql("""', 1)[1].split('""")', 1)[0]


def test_speaker_key_is_the_entity_key_of_the_speakers_mention(batches):
    tables = batches["all"].tables
    claims = tables["claims"].filter(pl.col("speaker_entity_id").is_not_null())
    joined = claims.join(tables["entities"], left_on=["article_id", "speaker_entity_id"],
                         right_on=["article_id", "entity_id"])
    assert joined.height == claims.height > 10
    assert joined["speaker_key"].eq_missing(joined["entity_key"]).all()
    assert tables["claims"].filter(pl.col("speaker_entity_id").is_null())[
        "speaker_key"].is_null().all()  # "critics", "importers": no entity, no key
    seed_quotes = tables["claims"].filter((pl.col("kind") == "direct_quote")
                                          & (pl.col("speaker_canonical") == "Xi Jinping"))
    assert seed_quotes["speaker_key"].to_list() == ["person:xi jinping"] * 4


def test_a_speaker_key_that_is_not_the_mentions_key_is_refused(batches):
    tables = dict(batches[RALLY].tables)
    tables["claims"] = tables["claims"].with_columns(
        pl.when(pl.col("speaker_key").is_not_null()).then(pl.lit("person:someone else"))
        .otherwise(None).alias("speaker_key"))
    rules = {v.rule for v in schema.check_tables(tables)}
    assert ("(article_id, speaker_entity_id, speaker_key) references "
            "entities(article_id, entity_id, entity_key)") in rules


def test_same_person_in_two_articles_is_one_row_with_their_quotes(batches):
    rows = people.people_of(batches["all"].tables)
    trump = _row(rows, "person:donald trump")
    assert trump["name"] == "Donald Trump" and trump["names"] == ["Donald Trump"]
    assert trump["n_articles"] == 2 and trump["name_articles"] == [2]
    assert trump["n_mentions"] == 7  # "Donald Trump" ×2 and "Trump" ×2; "Mr. Trump", …
    claims = batches["all"].tables["claims"]
    said = claims.filter(pl.col("speaker_key") == "person:donald trump")
    assert trump["n_quotes"] == said.filter(
        pl.col("kind").is_in(people.ATTRIBUTED_KINDS)).height >= 4
    assert trump["n_direct_quotes"] == 2  # one quoted passage in each article
    assert trump["n_quoted_articles"] == 2
    assert (str(trump["first_seen"]), str(trump["last_seen"])) == ("2024-03-05", "2024-03-06")
    xi = _row(rows, "person:xi jinping")
    assert xi["n_direct_quotes"] == 4 and xi["n_quotes"] >= 4
    assert rows["entity_key"].str.starts_with("person:").all()
    assert rows["entity_key"].is_unique().all()


def test_two_people_sharing_a_surname_are_never_merged(batches):
    rows = people.people_of(batches[CLINTONS].tables)
    hillary, bill = _row(rows, "person:hillary clinton"), _row(rows, "person:bill clinton")
    assert hillary["names"] == ["Hillary Clinton"] and bill["names"] == ["Bill Clinton"]
    assert (hillary["n_quotes"], bill["n_quotes"]) == (1, 1)
    # "Clinton said" could be either: a row of its own, named by its own text.
    clinton = _row(rows, "person:~clinton")
    assert clinton["name"] == "Clinton" and clinton["n_direct_quotes"] == 1
    assert not rows.filter(pl.col("names").list.len() > 1).height


def test_name_is_the_most_used_then_longest_then_alphabetical():
    def rows(key: str, names: list[str], counts: list[int]) -> pl.DataFrame:
        decl = schema.table("people")
        return decl.frame([{"entity_key": key, "name": names[0], "names": names,
                            "name_articles": counts, "n_articles": sum(counts),
                            "n_mentions": sum(counts), "n_quotes": 0, "n_direct_quotes": 0,
                            "n_quoted_articles": 0, "first_seen": None, "last_seen": None,
                            "short_forms": ["b"], "kept_apart": [], "candidate_keys": [],
                            "resolved_key": key}])

    old = rows("person:a b", ["A. B", "A B"], [1, 1])
    merged = people.merge_people(old, rows("person:a b", ["A B"], [1]))
    assert merged["names"].to_list() == [["A B", "A. B"]] and merged["name"][0] == "A B"
    tie = people.merge_people(rows("person:a b", ["Al B"], [1]), rows("person:a b", ["Ab B"], [1]))
    assert tie["names"].to_list() == [["Ab B", "Al B"]]  # same count, same length: a-z
    longer = people.merge_people(rows("person:a b", ["A B"], [1]),
                                 rows("person:a b", ["Al B"], [1]))
    assert longer["name"][0] == "Al B"


def test_incremental_runs_equal_one_run_and_the_recomputation(batches, tmp_path):
    one = _publish(tmp_path / "one", [batches["all"]])
    # Run A, then run B with new files, then C.
    inc = _publish(tmp_path / "inc", [batches[RALLY], batches[OTHERS[0]]])
    assert _row(inc.read("people"), "person:donald trump")["n_articles"] == 1
    _publish(tmp_path / "inc", [batches[TARIFFS], batches[CLINTONS]])
    _publish(tmp_path / "inc", [batches[p] for p in OTHERS[1:]])
    want = one.read("people")
    got = inc.read("people")
    assert got.equals(want)
    assert want.equals(people.people_of({t: one.read(t) for t in schema.DATA_TABLES}))
    assert _row(got, "person:donald trump")["n_articles"] == 2
    assert validate.validate_dataset(tmp_path / "inc").ok
    # one file of people per version, replacing the previous version's
    assert len(inc.table_files("people")) == 1


def test_republishing_a_batch_does_not_count_it_twice(batches, tmp_path):
    ds = _publish(tmp_path, [batches[RALLY], batches[TARIFFS]])
    before = ds.read("people")
    with ds.lock():
        ds.publish(batches[RALLY].batch_id, batches[RALLY].tables)
    assert ds.read("people").equals(before)
    assert _row(before, "person:donald trump")["n_articles"] == 2


def test_reprocess_and_compact_recompute_the_same_table(batches, tmp_path):
    ds = _publish(tmp_path, [batches[p] for p in (RALLY, TARIFFS, CLINTONS, *OTHERS)])
    want = ds.read("people")
    assert isinstance(ds, LocalDataset)
    redo = batches[TARIFFS]
    with ds.lock():
        ds.replace_articles({n: [(f"part-redo-{redo.batch_id}.parquet", redo.tables[n])]
                             for n in schema.DATA_TABLES},
                            set(redo.tables["articles"]["article_id"]))
    assert ds.read("people").equals(want)
    with ds.lock():
        ds.compact()
    assert ds.read("people").equals(want)
    assert validate.validate_dataset(tmp_path).ok


def test_a_crash_before_the_flip_leaves_people_as_the_batches(batches, tmp_path, monkeypatch):
    ds = _publish(tmp_path, [batches[RALLY]])
    before = ds.read("people")
    real_replace = os.replace

    def crash_on_flip(src, dst):
        if str(dst).endswith("_snapshots/current"):
            raise KeyboardInterrupt("killed")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_flip)
    with pytest.raises(KeyboardInterrupt), ds.lock():
        ds.publish(batches[TARIFFS].batch_id, batches[TARIFFS].tables)
    monkeypatch.setattr(os, "replace", real_replace)
    assert ds.read("people").equals(before)  # not counted: the batch is not there either
    with ds.lock():
        ds.recover()
        ds.publish(batches[TARIFFS].batch_id, batches[TARIFFS].tables)
    assert _row(ds.read("people"), "person:donald trump")["n_articles"] == 2
    assert validate.validate_dataset(tmp_path).ok


def test_validate_catches_a_people_table_that_drifted(batches, tmp_path):
    ds = _publish(tmp_path, [batches[RALLY], batches[TARIFFS]])
    assert isinstance(ds, LocalDataset)
    [f] = ds.table_files("people")
    drifted = ds.read("people").with_columns(pl.col("n_quotes") + 1,
                                             pl.col("n_direct_quotes") + 1)
    write_parquet(drifted, schema.table("people"), f)
    # As a bug of the incremental update would write it: with its checksum recorded.
    checksums.record_checksums(ds.version_dir(ds.current_version()), None)
    report = validate.validate_dataset(tmp_path)
    assert not report.ok
    assert any("equals people_rows(entities, claims, articles)" in line
               and "person:donald trump" in line for line in report.lines), report.lines


def test_a_dataset_from_before_people_gets_it_at_its_next_publish(batches, tmp_path):
    ds = _publish(tmp_path, [batches[RALLY]])
    assert isinstance(ds, LocalDataset)
    shutil.rmtree(ds.version_dir(ds.current_version()) / "people")  # as older versions
    with ds.lock():
        ds.publish(batches[TARIFFS].batch_id, batches[TARIFFS].tables)
    assert _row(ds.read("people"), "person:donald trump")["n_articles"] == 2
    assert validate.validate_dataset(tmp_path).ok


def test_delta_tables_compute_people_on_read(batches, tmp_path):
    url = str(tmp_path / "delta")
    delta = _publish(url, [batches[RALLY], batches[TARIFFS], batches[CLINTONS]], "delta")
    local = _publish(tmp_path / "snap", [batches[RALLY], batches[TARIFFS], batches[CLINTONS]])
    assert not delta.capabilities.derived_tables and local.capabilities.derived_tables
    assert delta.read("people").equals(local.read("people"))
    assert delta.table_files("people") == []  # nothing derived is stored
    assert not (tmp_path / "delta" / "people").exists()
    report = validate.validate_dataset(url)
    assert report.ok and any(line.startswith("people: 5 rows") for line in report.lines)


def _most_quoted(rows: pl.DataFrame | Path) -> list[dict]:
    """The README's query on a frame of `people` rows, or on a local dataset folder."""
    source = "read_parquet('data/people/*.parquet')"
    assert source in MOST_QUOTED
    if isinstance(rows, Path):
        return duckdb.sql(MOST_QUOTED.replace("'data/", f"'{rows.as_posix()}/")).pl().to_dicts()
    people_rows = rows  # noqa: F841 (DuckDB reads the frame by its name)
    return duckdb.sql(MOST_QUOTED.replace(source, "people_rows")).pl().to_dicts()


def test_a_one_word_name_counts_as_the_one_full_name_with_that_surname(batches):
    rows = _people(batches, [RALLY, TARIFFS, APPEAL])
    trump, alone = _row(rows, "person:donald trump"), _row(rows, "person:~trump")
    assert trump["short_forms"] == ["trump"] and trump["resolved_key"] == "person:donald trump"
    # "Trump said …", "… Trump told supporters": its own row, counted as Donald Trump.
    assert (alone["n_articles"], alone["n_quotes"], alone["n_direct_quotes"]) == (1, 2, 1)
    assert alone["candidate_keys"] == ["person:donald trump"] and alone["kept_apart"] == []
    assert alone["resolved_key"] == "person:donald trump"
    tables = {t: pl.concat([batches[p].tables[t] for p in (RALLY, TARIFFS, APPEAL)])
              for t in schema.DATA_TABLES}
    assert schema.check_tables({**tables, "people": rows}) == []
    # The analyst's query: one line for Donald Trump, with the one-word article's quotes.
    first = _most_quoted(rows)[0]
    assert first["name"] == "Donald Trump"
    assert first["keys"] == ["person:donald trump", "person:~trump"]
    assert (first["n_quotes"], first["n_direct_quotes"], first["n_articles"]) == (
        trump["n_quotes"] + 2, 3, 3)
    assert (str(first["first_seen"]), str(first["last_seen"])) == ("2024-03-05", "2024-03-08")


def test_a_resolved_key_that_is_no_person_of_the_table_is_refused(batches):
    rows = _people(batches, [RALLY, APPEAL]).with_columns(
        pl.when(pl.col("entity_key") == "person:~trump").then(pl.lit("person:donald j trump"))
        .otherwise(pl.col("resolved_key")).alias("resolved_key"))
    rules = {v.rule for v in schema.check_tables({"people": rows})}
    assert "(resolved_key) references people(entity_key)" in rules


def test_a_second_full_name_with_the_surname_withdraws_the_attachment(batches, tmp_path):
    ds = _publish(tmp_path / "snap", [batches[RALLY], batches[APPEAL]])
    assert _row(ds.read("people"), "person:~trump")["resolved_key"] == "person:donald trump"
    _publish(tmp_path / "snap", [batches[ERIC]])  # a later run brings Eric Trump
    got = ds.read("people")
    alone = _row(got, "person:~trump")
    assert alone["candidate_keys"] == ["person:donald trump", "person:eric trump"]
    assert alone["resolved_key"] == "person:~trump"  # ambiguous: on its own again
    assert got.equals(_people(batches, [RALLY, APPEAL, ERIC]))
    assert validate.validate_dataset(tmp_path / "snap").ok
    assert sorted(r["keys"] for r in _most_quoted(tmp_path / "snap")) == [
        ["person:donald trump"], ["person:eric trump"], ["person:~trump"]]
    delta = _publish(str(tmp_path / "delta"), [batches[RALLY], batches[APPEAL], batches[ERIC]],
                     "delta")
    assert delta.read("people").equals(got)


def test_a_surname_first_name_attaches_by_the_word_articles_use_alone(batches):
    rows = _people(batches, [str(SEED), XI])
    xi = _row(rows, "person:xi jinping")
    assert xi["short_forms"] == ["jinping", "xi"]  # "Xi" alone in the seed's Xi Jinping
    assert _row(rows, "person:~xi")["resolved_key"] == "person:xi jinping"
    assert _row(_people(batches, [XI]), "person:~xi")["resolved_key"] == "person:~xi"


def test_two_people_of_one_article_are_never_merged_across_the_dataset(batches):
    # "Clinton said" beside Hillary Clinton and Clinton Morrison: the article keeps it
    # apart from both, and the dataset does not attach it to Hillary Clinton, the only
    # full name whose surname is Clinton.
    rows = _people(batches, [MORRISON, RALLY])
    clinton = _row(rows, "person:~clinton")
    assert clinton["kept_apart"] == ["person:clinton morrison", "person:hillary clinton"]
    assert clinton["candidate_keys"] == ["person:hillary clinton"]
    assert clinton["resolved_key"] == "person:~clinton" and clinton["n_direct_quotes"] == 1
    # Hillary and Bill Clinton: ambiguous in the dataset too.
    both = _row(_people(batches, [CLINTONS, MORRISON]), "person:~clinton")
    assert both["candidate_keys"] == ["person:bill clinton", "person:hillary clinton"]
    assert both["resolved_key"] == "person:~clinton"
    # Whatever the dataset, two keys of one article never resolve to one person.
    paths = [RALLY, TARIFFS, CLINTONS, *NEW, *OTHERS]
    rows = _people(batches, paths)
    ents = pl.concat([batches[p].tables["entities"] for p in paths]).filter(
        pl.col("entity_key").str.starts_with("person:")).select(
        "article_id", "entity_key").unique().join(
        rows.select("entity_key", "resolved_key"), on="entity_key")
    per_article = ents.group_by("article_id", "resolved_key").agg(pl.len().alias("keys"))
    assert per_article["keys"].max() == 1
    attached = set(rows.filter(pl.col("resolved_key") != pl.col("entity_key"))["entity_key"])
    assert "person:~xi" in attached and "person:~trump" not in attached  # Eric Trump


def test_an_older_people_layout_is_recomputed_at_the_next_publish(batches, tmp_path):
    ds = _publish(tmp_path, [batches[RALLY], batches[APPEAL]])
    assert isinstance(ds, LocalDataset)
    [f] = ds.table_files("people")
    old = pq.read_table(f).drop_columns(["short_forms", "kept_apart", "candidate_keys",
                                         "resolved_key"])
    pq.write_table(old.replace_schema_metadata({"newstables.schema_version": "1"}), f)
    with ds.lock():
        ds.publish(batches[TARIFFS].batch_id, batches[TARIFFS].tables)
    assert ds.read("people").equals(_people(batches, [RALLY, APPEAL, TARIFFS]))
    assert validate.validate_dataset(tmp_path).ok
