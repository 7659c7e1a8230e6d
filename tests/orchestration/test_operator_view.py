"""What an operator sees in Prefect: log lines, names, the state of a run that refused
inputs, artifacts only when there is something to say, inbox hygiene. Read back through
Prefect's client from the session's real API server."""

from __future__ import annotations

import shutil

import pytest

from flows.orchestration import flow as pipeline
from flows.settings import Settings
from flows.storage.local import LocalDataset
from tests.conftest import ARTICLES

pytestmark = pytest.mark.slow  # a Prefect API server and pipeline runs


def _flow_run(client, flow_run_id):
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    run = client.read_flow_run(flow_run_id)
    logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(
        any_=[flow_run_id])))
    return run, [entry.message for entry in logs]


def test_quarantined_run_is_named_logged_and_not_refused_twice(prefect_api, tmp_path):
    import prefect.settings
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    from flows.orchestration.prefect_server import _drain

    inbox, out = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    shutil.copy(ARTICLES / "council_vote.txt", inbox / "council_vote.txt")
    (inbox / "empty.txt").write_bytes(b"")
    with prefect.settings.temporary_settings({prefect.settings.PREFECT_LOGGING_TO_API_ENABLED:
                                              True}):
        first = pipeline.run([str(inbox)], str(out), Settings(workers=1))
        second = pipeline.run([str(inbox)], str(out), Settings(workers=1))
        _drain()
    assert len(first.quarantine) == 1 and first.articles_written == 1
    # the empty file is unchanged: not refused again, counted instead
    assert second.quarantine == [] and second.refused_before == 1 and second.ok
    runs = LocalDataset(out).read("_runs").sort("started_at")
    ids = runs["flow_run_id"].to_list()
    with get_client(sync_client=True) as client:
        run1, logs1 = _flow_run(client, ids[0])
        run2, logs2 = _flow_run(client, ids[1])
        arts2 = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[ids[1]])))
    assert (run1.state.type.value, run1.state.name) == ("COMPLETED", "Quarantined")
    assert (run2.state.type.value, run2.state.name) == ("COMPLETED", "Completed")
    assert run1.name.startswith("newstables ") and run1.name.endswith(", 2 inputs")
    assert any(m.startswith("inputs: 2 found, 2 new, 0 already published")
               for m in logs1), logs1
    assert any(m.startswith("batch 1: 1 articles, ") for m in logs1), logs1
    assert any(" completed_with_quarantine: 1 written" in m for m in logs1), logs1
    assert any("quarantined " in m and "empty" in m for m in logs1)
    assert any("1 refused before and unchanged" in m for m in logs2), logs2
    assert arts2 == []  # nothing new: no artifact overwrites the last run's
    with get_client(sync_client=True) as client:
        tasks = client.read_task_runs()
    assert any(t.name == "batch 1 (2 articles)" for t in tasks), [t.name for t in tasks]
    # a changed file is tried again
    (inbox / "empty.txt").write_text("  \n")
    third = pipeline.run([str(inbox)], str(out), Settings(workers=1))
    assert [q["reason"] for q in third.quarantine] == ["whitespace_only"]


def test_done_folder_receives_published_inputs_only(prefect_api, tmp_path):
    inbox, out, done = tmp_path / "inbox", tmp_path / "data", tmp_path / "done"
    inbox.mkdir()
    shutil.copy(ARTICLES / "council_vote.txt", inbox / "council_vote.txt")
    (inbox / "empty.txt").write_bytes(b"")
    pipeline.run([str(inbox)], str(out), Settings(workers=1, done_dir=done))
    assert sorted(p.name for p in done.iterdir()) == ["council_vote.txt"]
    assert sorted(p.name for p in inbox.iterdir()) == ["empty.txt"]


def test_an_unreadable_input_is_not_refused_again_until_it_changes(prefect_api, tmp_path):
    import os

    inbox, out = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    loop = inbox / "loop.txt"
    loop.symlink_to(loop.name)  # no bytes to hash: remembered by its lstat
    os.mkfifo(inbox / "pipe.txt")
    settings = Settings(workers=1, empty_ok=True)
    first = pipeline.run([str(inbox)], str(out), settings)
    assert sorted(q["reason"] for q in first.quarantine) == ["not_a_file", "symlink_loop"]
    second = pipeline.run([str(inbox)], str(out), settings)
    assert second.quarantine == [] and second.refused_before == 2
    st = (inbox / "pipe.txt").stat()
    os.utime(inbox / "pipe.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    third = pipeline.run([str(inbox)], str(out), settings)
    assert [q["reason"] for q in third.quarantine] == ["not_a_file"]
    assert third.refused_before == 1
