"""Where tables are written: one typed interface, one implementation per kind of store.

`open_dataset(url)` picks the backend from the URL, as delta-rs does: a local path or
a `file://` URL gets the snapshot folder (`local.py`), any other fsspec URL (`s3://`,
`gs://`, `memory://`, …) the commit-marker store (`remote.py`). Callers get a
`Dataset` (the protocol in `base.py`) and read its `capabilities` before starting
work; they never import a backend themselves.

Backends are imported only when opened, so importing this package (or one backend)
never loads the others.
"""

from __future__ import annotations

import os

from flows.storage.base import (
    Capabilities,
    Dataset,
    DatasetLocked,
    IncompatibleDataset,
    Unsupported,
    check_schema_versions,
    require,
)

__all__ = ["Capabilities", "Dataset", "DatasetLocked", "IncompatibleDataset", "Unsupported",
           "check_schema_versions", "open_dataset", "require"]


def open_dataset(url: str | os.PathLike[str]) -> Dataset:
    """The dataset at `url`, in the store its scheme names (no scheme: a local folder)."""
    text = os.fspath(url)
    scheme, sep, rest = text.partition("://")
    if not sep or scheme == "file":
        from flows.storage.local import LocalDataset

        return LocalDataset(rest if sep else text)
    from flows.storage.remote import RemoteDataset

    return RemoteDataset(text)
