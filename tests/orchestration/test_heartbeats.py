"""A run against a standing server still sends its flow-run heartbeat, now from the flow
body (`flows/orchestration/heartbeats.py`), read back from the session's real server."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from flows.orchestration import flow as pipeline
from flows.orchestration import heartbeats
from flows.settings import Settings
from flows.storage.local import LocalDataset
from tests.conftest import ARTICLES

pytestmark = pytest.mark.slow  # a Prefect API server and a pipeline run


def _heartbeat_events(api: str, flow_run_id: str, want: int) -> list[dict]:
    """The run's heartbeat events once the server has persisted `want` of them."""
    body = {"filter": {"event": {"name": [heartbeats.EVENT]},
                       "resource": {"id": [f"prefect.flow-run.{flow_run_id}"]}},
            "limit": 50}
    events: list[dict] = []
    for _ in range(150):  # the event persister writes in batches
        events = httpx.post(f"{api}/events/filter", json=body, timeout=10).json()["events"]
        if len(events) >= want:
            break
        time.sleep(0.2)
    return events


def test_a_run_sends_one_heartbeat_about_itself(prefect_api, tmp_path, monkeypatch):
    import prefect.events

    senders = []
    emit = prefect.events.emit_event

    def recorded(*args, **kwargs):
        if kwargs.get("event") == heartbeats.EVENT:
            senders.append(threading.current_thread().name)
        return emit(*args, **kwargs)

    monkeypatch.setattr(prefect.events, "emit_event", recorded)
    out = tmp_path / "data"
    summary = pipeline.run([str(ARTICLES / "council_vote.txt")], str(out), Settings(workers=1))
    assert summary.articles_written == 1
    assert senders == ["newstables-heartbeat"]  # sent by the body's thread, not the engine
    flow_run_id = LocalDataset(out).read("_runs")["flow_run_id"][0]
    events = _heartbeat_events(prefect_api, flow_run_id, 1)
    # One: the run takes seconds and the interval is Prefect's default of 180 s; a second
    # event would mean Prefect's engine beat as well.
    assert len(events) == 1, events
    event = events[0]
    assert event["resource"]["prefect.resource.id"] == f"prefect.flow-run.{flow_run_id}"
    assert event["resource"]["prefect.resource.name"].startswith("newstables ")
    flows = [r for r in event["related"] if r["prefect.resource.role"] == "flow"]
    assert [r["prefect.resource.name"] for r in flows] == ["newstables-build"]
    assert not [t for t in threading.enumerate() if t.name == "newstables-heartbeat"]


def test_inside_own_prefects_heartbeat_is_off_and_the_body_has_the_interval(prefect_api):
    import prefect.settings
    from prefect import flow

    seen = {}

    @flow
    def probe() -> None:
        seen["prefect"] = prefect.settings.get_current_settings().flows.heartbeat_frequency
        with heartbeats.beating():
            seen["ours"] = [t.name for t in threading.enumerate()
                            if t.name == "newstables-heartbeat"]

    with prefect.settings.temporary_settings(
            updates={prefect.settings.PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 45}):
        with heartbeats.own():
            probe()
        assert heartbeats._SECONDS.get() is None  # handed over only inside own()
    assert seen == {"prefect": None, "ours": ["newstables-heartbeat"]}
    assert not [t for t in threading.enumerate() if t.name == "newstables-heartbeat"]
