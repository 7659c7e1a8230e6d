"""Checksums in each version's manifest: a damaged file never passes as valid (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows.storage import checksums
from flows.storage.integrity import Damaged
from flows.storage.local import LocalDataset
from flows.tables import validate
from tests.tables.factories import article_batch


def _dataset(root: Path, batches: str = "ab") -> LocalDataset:
    ds = LocalDataset(root)
    with ds.lock():
        for c in batches:
            ds.publish(f"b{c}", article_batch(c))
    return ds


def _manifest(ds: LocalDataset) -> dict[str, str]:
    version = ds.version_dir(ds.current_version())
    return json.loads((version / checksums.MANIFEST).read_text())["files"]


def _on_disk(ds: LocalDataset) -> dict[str, str]:
    version = ds.version_dir(ds.current_version())
    return {p.relative_to(version).as_posix(): checksums.digest(p)
            for p in version.glob("*/*.parquet")}


def _silent_flip(path: Path) -> None:
    """Flip one bit of `source_path` ("x.txt" -> "y.txt") where Parquet still reads the
    file without error: the damage that used to pass as valid."""
    raw = path.read_bytes()
    before = pq.read_table(path)
    for at in (i for i in range(len(raw)) if raw.startswith(b"x.txt", i)):
        flipped = bytearray(raw)
        flipped[at] ^= 1
        path.write_bytes(bytes(flipped))
        try:
            after = pq.read_table(path)
        except Exception:
            continue
        if "y.txt" in after.column("source_path").to_pylist() and not after.equals(before):
            return
    raise AssertionError("no silent single-bit flip found")


def test_every_publish_records_each_file_and_compact_and_reprocess_keep_it_exact(tmp_path):
    ds = _dataset(tmp_path)
    assert _manifest(ds) == _on_disk(ds)
    assert "articles/part-bb.parquet" in _manifest(ds)
    with ds.lock():
        ds.replace_articles({"articles": [("part-new.parquet", article_batch("c")["articles"])]},
                            {"a" * 64})
    assert _manifest(ds) == _on_disk(ds)
    with ds.lock():
        ds.compact()
    assert _manifest(ds) == _on_disk(ds)
    assert validate.validate_dataset(tmp_path).ok


def test_a_silent_bit_flip_fails_validate_refuses_reads_and_compact_and_is_repaired(tmp_path):
    ds = _dataset(tmp_path)
    damaged = ds.version_dir(ds.current_version()) / "articles" / "part-bb.parquet"
    _silent_flip(damaged)
    report = validate.validate_dataset(tmp_path)
    assert not report.ok
    errors = [line for line in report.lines if line.startswith("ERROR")]
    assert len(errors) == 1 and "articles/part-bb.parquet" in errors[0], report.lines
    assert "does not match the checksum" in errors[0]
    fresh = LocalDataset(tmp_path)
    with pytest.raises(Damaged, match=r"part-bb\.parquet.*newstables repair"):
        fresh.read("articles")  # what a run reads first
    fresh.read("tokens")  # the other tables' files are intact
    with pytest.raises(Damaged, match=r"part-bb\.parquet"), fresh.lock():
        fresh.compact()
    with fresh.lock():
        done = fresh.drop_damaged()
    assert any("part-bb" in line for line in done)
    assert validate.validate_dataset(tmp_path).ok
    for table in ("articles", "sentences", "entities"):  # batch b left every table
        assert set(fresh.read(table)["article_id"]) == {"a" * 64}


def test_files_not_written_by_newstables_or_missing_fail_validate(tmp_path):
    ds = _dataset(tmp_path)
    version = ds.version_dir(ds.current_version())
    (version / "tokens" / "part-bb.parquet").unlink()
    (version / "claims" / "planted.parquet").write_bytes(
        (version / "claims" / "part-ba.parquet").read_bytes())
    errors = [line for line in validate.validate_dataset(tmp_path).lines
              if line.startswith("ERROR")]
    assert any("tokens/part-bb.parquet" in e and "missing" in e for e in errors), errors
    assert any("claims/planted.parquet" in e and "not written by newstables" in e
               for e in errors), errors


def test_a_compacted_damaged_file_cannot_be_dropped_alone(tmp_path):
    ds = _dataset(tmp_path)
    with ds.lock():
        ds.compact()
    merged = next((ds.version_dir(ds.current_version()) / "articles").glob("compact-*"))
    _silent_flip(merged)
    with pytest.raises(Damaged, match="many batches"), ds.lock():
        ds.drop_damaged()


def test_a_dataset_from_before_checksums_is_valid_with_a_note_and_gains_them(tmp_path):
    ds = _dataset(tmp_path)
    (ds.version_dir(ds.current_version()) / checksums.MANIFEST).unlink()
    report = validate.validate_dataset(tmp_path)
    assert report.ok
    assert any(line.startswith("note:") and "before newstables recorded checksums" in line
               for line in report.lines)
    with ds.lock():
        ds.publish("bc", article_batch("c"))
    assert _manifest(ds) == _on_disk(ds)
    assert not any(line.startswith("note:") for line in validate.validate_dataset(tmp_path).lines)
