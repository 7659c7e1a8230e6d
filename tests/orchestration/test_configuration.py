"""Configuration without side effects, Prefect's public API only, batching: quick checks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from flows.orchestration import prefect_server
from flows.settings import Settings
from tests.conftest import ROOT

#: Imports a user (or Prefect's deployment loader) makes; printed: what they changed.
_IMPORT_PROBE = """
import json, os, sys
from pathlib import Path

def files():
    return sorted(str(p) for d in (Path.cwd(), Path.home()) for p in d.rglob("*"))

# Third-party packages first: what they do at their own import is theirs (polars sets
# _RJEM_MALLOC_CONF; Prefect creates its home, ~/.prefect when PREFECT_HOME is unset).
import polars, prefect  # noqa: F401,E401
env, before = dict(os.environ), files()
import flows.cli  # noqa: F401
import flows.orchestration.flow  # noqa: F401
changed = sorted(k for k in set(env) | set(os.environ) if env.get(k) != os.environ.get(k))
print(json.dumps({"changed": changed, "created": sorted(set(files()) - set(before)),
                  "prefect_in_cwd": Path(".prefect").exists()}))
"""


def test_importing_the_cli_and_the_flow_changes_no_variable_and_creates_no_file(tmp_path):
    cwd, home = tmp_path / "cwd", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PREFECT_", "NEWSTABLES_")) and k != "DO_NOT_TRACK"}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", _IMPORT_PROBE], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got == {"changed": [], "created": [], "prefect_in_cwd": False}


def test_prestart_leaves_a_configured_api_alone(monkeypatch, tmp_path):
    monkeypatch.setattr(prefect_server, "_server", None)
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert prefect_server.prestart() is None
    assert prefect_server._server is None


def test_a_profile_api_url_is_found_without_importing_prefect(monkeypatch, tmp_path):
    (tmp_path / "profiles.toml").write_text(
        'active = "team"\n[profiles.team]\nPREFECT_API_URL = "http://10.0.0.5:4200/api"\n'
        '[profiles.ephemeral]\nPREFECT_SERVER_EPHEMERAL_ENABLED = "true"\n')
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.delenv("PREFECT_PROFILES_PATH", raising=False)
    monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    assert prefect_server._profile_api_url() == "http://10.0.0.5:4200/api"
    monkeypatch.setenv("PREFECT_PROFILE", "ephemeral")
    assert prefect_server._profile_api_url() is None


_PRIVATE_PREFECT = re.compile(
    r"(?:from\s+prefect[\w.]*\s+import\s+(?:\(\s*)?[^\n]*\b_[a-z]\w*"  # from prefect.x import _y
    r"|prefect(?:\.\w+)*\._[a-z]\w*"  # prefect.x._y
    r"|\bself\._(?:max_workers|executor|subprocess_message_queue|resolver_executor"
    r"|forward_subprocess_messages|message_forwarding_thread)\b)")


def test_the_package_uses_only_prefects_public_api():
    """Private names of Prefect change without notice (`_temporary_global_settings_
    context` is gone from its main branch, and its fallback was silent)."""
    hits = [f"{path.relative_to(ROOT)}: {m.group(0)}"
            for path in sorted((ROOT / "flows").rglob("*.py")) + sorted(
                (ROOT / "bench").rglob("*.py"))
            for m in _PRIVATE_PREFECT.finditer(path.read_text(encoding="utf-8"))]
    assert hits == []


def test_batches_run_in_worker_processes_behind_prefects_thread_runner():
    """Each batch is a Prefect task on Prefect's own (public) thread runner, handing its
    articles to the run's worker processes, which the CLI starts before Prefect."""
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows.orchestration import flow as pipeline

    for n in (1, 2, 4):
        runner = pipeline.task_runner(Settings(workers=n))
        assert type(runner) is ThreadPoolTaskRunner  # no subclass reaching into its internals
        assert type(runner.duplicate()) is ThreadPoolTaskRunner  # what the flow engine enters


def test_batches_cover_every_input_once_and_shrink_at_the_end():
    from flows.orchestration import flow as pipeline

    items = [f"a{i:03d}" for i in range(250)]
    runs = pipeline.batches(items, 32, workers=2)
    assert [x for r in runs for x in r] == items  # every input once, in order
    assert [len(r) for r in runs[:5]] == [32] * 5
    assert max(len(r) for r in runs[-4:]) == 8  # the last two full batches, quartered
    assert pipeline.batches(items, 32, workers=1) == [items[i:i + 32] for i in range(0, 250, 32)]
    assert pipeline.batches(items[:40], 32, workers=2) == [items[:32], items[32:40]]


@pytest.mark.parametrize("text", [
    "from prefect.task_runners import _initialize_process_pool_worker",
    "prefect.context._temporary_global_settings_context(x)",
    "adopted = take(self._max_workers)",
])
def test_the_private_api_scan_would_see_the_old_uses(text):
    assert _PRIVATE_PREFECT.search(text)


def test_the_private_api_scan_ignores_public_names():
    assert not _PRIVATE_PREFECT.search(
        "from prefect.task_runners import ProcessPoolTaskRunner\n"
        "prefect.settings.temporary_settings(updates={})\nx._drain()")


def test_the_flow_runner_of_a_deployment_is_public_too():
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows.orchestration import flow as pipeline

    assert type(pipeline.build_tables.task_runner) is ThreadPoolTaskRunner
