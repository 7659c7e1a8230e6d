"""Servers the tests start and stop themselves, all on 127.0.0.1: an S3 API (moto), a Dask
scheduler with workers, and a persistent Prefect server.

Each is a separate process, started the way a user starts it (its own command line), and
stopped by the fixture that started it; `Service.stop` kills what is left after a grace
period, so a failing test leaves no process behind.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class Service:
    """Processes started for a test; `stop()` ends them (TERM, then KILL)."""

    name: str
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, args: list[str], env: Mapping[str, str] | None = None,
              log: Path | None = None) -> subprocess.Popen[bytes]:
        out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - lives with proc
        proc = subprocess.Popen(args, env={**os.environ, **(env or {})}, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(proc)
        atexit.register(self.stop)  # a test process that dies still ends its servers
        return proc

    def wait_until(self, ready: Callable[[], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            dead = [p.args for p in self.processes if p.poll() is not None]
            if dead:
                raise RuntimeError(f"{self.name}: {dead[0]} exited before it was ready")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} not ready after {timeout:.0f} s")
            time.sleep(0.1)

    def stop(self) -> None:
        """TERM each process group (a dask nanny's worker too), KILL it after 15 s."""
        for p in reversed(self.processes):
            if p.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(p.pid, signal.SIGTERM)
        for p in reversed(self.processes):
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(p.pid, signal.SIGKILL)
                p.wait()

    def all_stopped(self) -> bool:
        return all(p.poll() is not None for p in self.processes)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


@dataclass
class S3:
    """A moto S3 server; `env` is what a client (delta-rs, s3fs, boto3) needs."""

    endpoint: str
    service: Service

    @property
    def env(self) -> dict[str, str]:
        return {"AWS_ENDPOINT_URL": self.endpoint, "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                "AWS_DEFAULT_REGION": "us-east-1", "AWS_ALLOW_HTTP": "true"}

    def bucket(self) -> str:
        """A new, empty bucket; returns its s3:// URL."""
        import boto3

        name = f"nt-{uuid.uuid4().hex[:12]}"
        boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id="testing",
                     aws_secret_access_key="testing",
                     region_name="us-east-1").create_bucket(Bucket=name)
        return f"s3://{name}"

    def upload(self, folder: Path, url: str) -> str:
        """Copy every file of `folder` under `url`; returns `url`."""
        import fsspec

        fs, root = fsspec.core.url_to_fs(url)
        for f in sorted(folder.iterdir()):
            if f.is_file():
                fs.pipe_file(f"{root}/{f.name}", f.read_bytes())
        fs.invalidate_cache()
        return url


@contextlib.contextmanager
def moto_s3(log: Path | None = None) -> Iterator[S3]:
    """`moto_server` on a free port, with the AWS variables pointing at it meanwhile."""
    port = free_port()
    service = Service("moto_server")
    service.start([str(BIN / "moto_server"), "-H", HOST, "-p", str(port)], log=log)
    s3 = S3(f"http://{HOST}:{port}", service)
    saved = {k: os.environ.get(k) for k in s3.env}
    try:
        service.wait_until(lambda: _answers(s3.endpoint), timeout=60)
        os.environ.update(s3.env)
        yield s3
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        service.stop()


@contextlib.contextmanager
def dask_cluster(n_workers: int, env: Mapping[str, str] | None = None,
                 logs: Path | None = None) -> Iterator[str]:
    """`dask scheduler` and `n_workers` × `dask worker` (1 process, 1 thread each)."""
    port, dash = free_port(), free_port()
    service = Service("dask")
    address = f"tcp://{HOST}:{port}"
    try:
        service.start([str(BIN / "dask"), "scheduler", "--host", HOST, "--port", str(port),
                       "--dashboard-address", f"{HOST}:{dash}"], env,
                      logs / "scheduler.log" if logs else None)
        for i in range(n_workers):
            service.start([str(BIN / "dask"), "worker", address, "--host", HOST,
                           "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                           "--name", f"w{i}"], env, logs / f"worker{i}.log" if logs else None)
        service.wait_until(lambda: _workers(address) >= n_workers, timeout=120)
        yield address
    finally:
        service.stop()


def _workers(address: str) -> int:
    from distributed import Client

    try:
        with Client(address, timeout=5) as client:
            return len(client.scheduler_info()["workers"])
    except OSError:
        return 0


@contextlib.contextmanager
def prefect_server(home: Path, log: Path | None = None) -> Iterator[str]:
    """A persistent `prefect server start` (not the temporary one); yields its API URL."""
    port = free_port()
    service = Service("prefect server")
    env = {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "DO_NOT_TRACK": "1", "PREFECT_UI_ENABLED": "false"}
    url = f"http://{HOST}:{port}/api"
    try:
        service.start([str(BIN / "prefect"), "server", "start", "--host", HOST, "--port",
                       str(port), "--analytics-off", "--no-ui"], env, log)
        service.wait_until(lambda: _answers(f"{url}/health"), timeout=180)
        yield url
    finally:
        service.stop()
