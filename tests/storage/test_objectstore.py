"""Output to an fsspec URL (memory:// here, s3:// in production): commit markers."""

from __future__ import annotations

import fsspec
import polars as pl
import pytest

from flows.orchestration import flow as pipeline
from flows.settings import Settings
from flows.storage import Unsupported, open_dataset
from flows.storage.remote import NoLockWarning, RemoteDataset
from flows.tables import validate
from tests.conftest import ARTICLES, SEED

pytestmark = pytest.mark.slow  # starts a Prefect API server


def test_run_to_an_object_store_url(prefect_api, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / SEED.name).write_bytes(SEED.read_bytes())
    (inbox / "council_vote.txt").write_bytes((ARTICLES / "council_vote.txt").read_bytes())
    url = "memory://newstables-test/data"
    with pytest.warns(NoLockWarning):  # the writer is told that no lock keeps others out
        summary = pipeline.run([str(inbox)], url, Settings(workers=1, batch_size=1))
    assert summary.ok and summary.articles_written == 2
    ds = open_dataset(url)
    assert isinstance(ds, RemoteDataset)
    assert validate.validate_dataset(url).ok
    claims = ds.read("claims")
    assert (claims.filter(pl.col("kind") == "direct_quote")["speaker_canonical"]
            == "Xi Jinping").sum() == 4
    assert len(ds.table_files("sentences")) == 2  # one file per batch, both committed

    # A crash between the table files and the commit marker leaves files no reader of
    # the dataset counts, and the next run removes them.
    fs = fsspec.filesystem("memory")
    stray = "/newstables-test/data/sentences/part-deadbeef.parquet"
    fs.pipe_file(stray, fs.cat_file(ds.table_files("sentences")[0]))
    assert len(ds.table_files("sentences")) == 2
    with pytest.warns(NoLockWarning):
        again = pipeline.run([str(inbox)], url, Settings(workers=1))
    assert again.articles_written == 0 and not fs.exists(stray)
    with pytest.raises(Unsupported, match="compact refused"):
        ds.compact()
