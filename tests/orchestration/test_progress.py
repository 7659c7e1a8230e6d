"""The CLI's progress hook moves per article, not per batch: workers (threads or
processes) tick a per-run file the flow polls (flows/progress.py).

Text: GUM news articles (Wikinews, CC BY 2.5; eval/data/gum_news_sbd.jsonl)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from flows import progress
from flows.orchestration import flow as pipeline
from flows.settings import Settings

pytestmark = pytest.mark.slow  # pipeline runs against the session's Prefect server
ROOT = Path(__file__).resolve().parents[2]


def _inbox(folder: Path, n: int) -> Path:
    folder.mkdir()
    lines = (ROOT / "eval" / "data" / "gum_news_sbd.jsonl").read_text("utf-8").splitlines()
    for line in lines[:n]:
        doc = json.loads(line)
        (folder / f"{doc['doc_id']}.txt").write_text(
            "\n".join(doc["text"].split("\n")[:8]), encoding="utf-8")
    return folder


def _run(inbox: Path, out: Path, settings: Settings) -> tuple[list[tuple[int, int]], object]:
    seen: list[tuple[int, int]] = []
    pipeline.set_progress_hook(lambda done, total: seen.append((done, total)))
    try:
        summary = pipeline.run([str(inbox)], str(out), settings)
    finally:
        pipeline.set_progress_hook(None)
    return seen, summary


def test_progress_moves_per_article_within_a_batch(prefect_api, tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "POLL_SECONDS", 0.01)
    made: list[progress.TickFile] = []
    create = progress.TickFile.create
    monkeypatch.setattr(progress.TickFile, "create",
                        classmethod(lambda cls: made.append(create()) or made[-1]))
    # One batch of 4 in the flow's own process (a thread): any count between 0 and 4
    # was reported while that batch ran.
    seen, summary = _run(_inbox(tmp_path / "one", 4), tmp_path / "d1",
                         Settings(workers=1, batch_size=4))
    assert summary.batches == 1 and summary.articles_written == 4
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    assert {d for d, _ in seen} & {1, 2, 3}, seen
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)  # never goes back

    # Two process workers, two batches of 3: batch ends alone would show 3 and 6.
    seen, summary = _run(_inbox(tmp_path / "two", 6), tmp_path / "d2", Settings(workers=2))
    assert summary.batches == 2 and summary.articles_written == 6
    assert seen[-1] == (6, 6)
    assert {d for d, _ in seen} & {1, 2, 4, 5}, seen
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(made) == 2 and not any(Path(t.path).exists() for t in made)  # removed


def test_tick_files_are_counted_and_removed(tmp_path):
    ticks = progress.TickFile.create()
    counts: list[int] = []
    poller = progress.Poller(ticks, counts.append, every=0.01).start()
    ticks()
    ticks(2)
    deadline = time.monotonic() + 10
    while (not counts or counts[-1] < 3) and time.monotonic() < deadline:
        time.sleep(0.01)
    poller.stop()
    assert counts[-1] == 3 and ticks.count() == 0
    assert not Path(ticks.path).exists()
