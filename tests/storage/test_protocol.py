"""The storage protocol: both backends satisfy it, declare capabilities, and are chosen by URL.

What is pinned here is the contract the flow and the CLI rely on: a request a store
cannot honour is refused before any work, in one line; nothing above `flows.storage`
needs to know which backend it has; and the backends do not import each other.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.orchestration import flow as pipeline
from flows.settings import Settings
from flows.steps import ingest
from flows.storage import (
    Capabilities,
    Dataset,
    DatasetLocked,
    Unsupported,
    base,
    open_dataset,
    require,
)
from flows.storage.delta import DeltaDataset
from flows.storage.local import LocalDataset
from flows.tables import schema
from tests.tables.factories import article_batch

#: Structural conformance, checked by a type checker (mypy, pyright) rather than at run time.
BACKENDS: tuple[type[Dataset], ...] = (LocalDataset, DeltaDataset)
STORAGE = Path(base.__file__).resolve().parent
ROOT = STORAGE.parent.parent


#: A store that can do nothing it need not: what callers must refuse on.
BARE = Capabilities(backend="bare store", atomic_versions=False, reprocess=False,
                    compact=False, lock=False)


@pytest.fixture(params=["snapshot", "delta"])
def dataset(request, tmp_path) -> Dataset:
    return open_dataset(tmp_path / "data", request.param)


def _protocol_methods() -> list[str]:
    return sorted(n for n, v in vars(Dataset).items()
                  if callable(v) and not n.startswith("_"))


def test_both_backends_satisfy_the_protocol(dataset):
    assert isinstance(dataset, Dataset)
    assert isinstance(dataset.capabilities, Capabilities)
    assert isinstance(dataset.location, str)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("method", _protocol_methods())
def test_every_method_has_the_protocols_parameters(backend, method):
    """`isinstance` only checks names; callers also rely on parameter names and defaults."""
    def params(fn):
        return [(p.name, p.kind, p.default) for p in inspect.signature(fn).parameters.values()]

    assert params(getattr(backend, method)) == params(getattr(Dataset, method))


def test_the_protocol_is_what_the_callers_use():
    """Every dataset method the flow, the CLI and `validate` call is in the protocol."""
    protocol = set(_protocol_methods())
    used: set[str] = set()
    callers = [ROOT / "flows" / "orchestration" / "flow.py", ROOT / "flows" / "cli.py",
               ROOT / "flows" / "tables" / "validate.py"]
    for path in callers:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in {"dataset", "ds"}):
                used.add(node.attr)
    assert used and used - {"capabilities", "location"} <= protocol


def test_capabilities_are_declared_and_frozen():
    local, delta = LocalDataset.capabilities, DeltaDataset.capabilities
    assert (local.atomic_versions, local.reprocess, local.compact, local.lock,
            local.concurrent_writers) == (True, True, True, True, False)
    assert (delta.atomic_versions, delta.reprocess, delta.compact, delta.lock,
            delta.concurrent_writers) == (False, True, True, False, True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        delta.lock = True  # type: ignore[misc]


def test_require_refuses_in_one_line_naming_store_and_missing_ability(tmp_path):
    delta = open_dataset(tmp_path / "d", "delta")
    with pytest.raises(Unsupported) as refused:
        require(delta, "lock", "--exclusive")
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"--exclusive refused: {tmp_path / 'd'}")
    assert "Delta Lake tables" in message and "keep a second writer out" in message
    for capability in ("atomic_versions", "reprocess", "compact", "lock"):
        require(open_dataset(tmp_path), capability, "x")  # the local store can do all
    for capability in ("reprocess", "compact", "concurrent_writers"):
        require(delta, capability, "x")
    with pytest.raises(ValueError, match="unknown capability"):
        require(delta, "time_travel", "x")  # type: ignore[arg-type]
    assert not delta.exists()  # refused without writing anything


def test_a_store_with_a_lock_keeps_a_second_writer_out(tmp_path):
    first, second = open_dataset(tmp_path), open_dataset(tmp_path)
    with first.lock(), pytest.raises(DatasetLocked), second.lock(timeout=0.1):
        pass


def test_both_backends_publish_and_read_back_the_same_rows(dataset):
    with dataset.lock():
        dataset.publish("b1", article_batch("a"))
        dataset.publish("b1", article_batch("a"))  # a known batch adds nothing
        dataset.publish("b2", article_batch("b"))
    assert dataset.exists()
    assert sorted(dataset.known_articles()) == ["a" * 64, "b" * 64]
    assert dataset.read("sentences").height == 4
    assert len(dataset.table_files("articles")) == 2
    meta = dataset.schema_of(dataset.table_files("articles")[0]).metadata
    assert meta[b"newstables.table"] == b"articles"
    assert meta[b"newstables.schema_version"] == str(schema.table("articles").version).encode()


@pytest.mark.parametrize(("url", "format", "backend"), [
    ("{tmp}/data", "auto", LocalDataset),
    ("file://{tmp}/data", "auto", LocalDataset),
    ("{tmp}/data", "delta", DeltaDataset),
    ("s3://bucket/data", "auto", DeltaDataset),
    ("gs://bucket/data", "snapshot", DeltaDataset),  # object stores are always Delta
    ("az://container/data", "auto", DeltaDataset),
])
def test_open_dataset_picks_the_backend_by_url(tmp_path, url, format, backend):
    ds = open_dataset(url.format(tmp=tmp_path), format)
    assert type(ds) is backend
    if backend is LocalDataset:
        assert ds.root == tmp_path / "data"  # file:// is stripped, not kept as a folder name
    assert open_dataset(tmp_path).location == str(tmp_path)  # os.PathLike too


def test_a_local_delta_folder_is_recognised_without_asking(tmp_path):
    with open_dataset(tmp_path / "d", "delta").lock() as _:
        open_dataset(tmp_path / "d", "delta").publish("b1", article_batch("a"))
    assert type(open_dataset(tmp_path / "d")) is DeltaDataset
    assert type(open_dataset(f"file://{tmp_path}/d")) is DeltaDataset


def test_flow_refuses_reprocess_before_any_work(monkeypatch, tmp_path):
    """The flow checks first: no lock taken, no input read, nothing written."""
    def no_work(*args, **kwargs):
        raise AssertionError("work started before the capability check")

    monkeypatch.setattr(ingest, "discover", no_work)
    monkeypatch.setattr(DeltaDataset, "lock", no_work)
    monkeypatch.setattr(DeltaDataset, "capabilities", BARE)
    out = tmp_path / "d"
    with pytest.raises(Unsupported, match="--reprocess refused"):
        pipeline.build_tables.fn([str(tmp_path)], str(out),
                                 Settings(workers=1, store_format="delta"), reprocess=True)
    assert not out.exists()


@pytest.mark.parametrize("args", [
    ["compact", "{url}"],
    ["run", "{tmp}", "--out", "{url}", "--reprocess"],
])
def test_cli_refuses_in_one_line_with_exit_code_2(monkeypatch, tmp_path, args):
    from flows import cli
    from flows.orchestration import prefect_server

    def no_work(*a, **k):
        raise AssertionError("work started before the capability check")

    monkeypatch.setattr(prefect_server, "prestart", lambda: None)  # no API server here
    monkeypatch.setattr(ingest, "discover", no_work)
    monkeypatch.setattr(DeltaDataset, "lock", no_work)
    monkeypatch.setattr(DeltaDataset, "capabilities", BARE)
    url = "s3://no-such-bucket/data"
    result = CliRunner().invoke(cli.app, [a.format(url=url, tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and " refused: s3://no-such-bucket/data (bare store)" in lines[0]


@pytest.mark.parametrize(("first", "absent"), [
    ("flows.storage.delta", "flows.storage.local"),
    ("flows.storage.local", "flows.storage.delta"),
    ("flows.storage", "flows.storage.local"),
])
def test_backends_import_without_each_other(first, absent):
    """No import cycle: each backend loads in a fresh interpreter without the other."""
    code = f"import sys, {first}; sys.exit({absent!r} in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def test_backends_import_only_base_from_the_storage_package():
    for backend in ("local.py", "delta.py"):
        tree = ast.parse((STORAGE / backend).read_text(encoding="utf-8"))
        storage_imports = {node.module for node in ast.walk(tree)
                           if isinstance(node, ast.ImportFrom) and node.module
                           and node.module.startswith("flows.storage")}
        # integrity.py and checksums.py are helpers that import no backend and not the
        # package either
        assert "flows.storage.base" in storage_imports, backend
        assert storage_imports <= {"flows.storage.base", "flows.storage.integrity",
                                   "flows.storage.checksums"}, backend
