"""Where tables are written: one typed interface, one implementation per kind of store.

`open_dataset(url)` picks the backend from the URL, as delta-rs does: an object-store
URL (`s3://`, `gs://`, `az://`, …) gets Delta Lake tables (`delta.py`); a local path
or `file://` URL gets the snapshot folder (`local.py`), unless `format="delta"` is asked
for or the folder already holds Delta tables. Callers get a `Dataset` (the protocol in
`base.py`) and read its `capabilities` before starting work; they never import a
backend themselves.

Backends are imported only when opened, so importing this package (or one backend)
never loads the others.
"""

from __future__ import annotations

import os
from typing import Literal

from flows.storage.base import (
    Capabilities,
    Dataset,
    DatasetLocked,
    IncompatibleDataset,
    Unsupported,
    check_schema_versions,
    require,
)

__all__ = ["Capabilities", "Dataset", "DatasetLocked", "Format", "IncompatibleDataset",
           "Unsupported", "check_schema_versions", "open_dataset", "require"]

#: How a local folder is stored: "auto" is Delta if the folder holds Delta tables already,
#: else the snapshot store. Object stores are always Delta.
Format = Literal["auto", "snapshot", "delta"]


def open_dataset(url: str | os.PathLike[str], format: Format = "auto") -> Dataset:
    """The dataset at `url`, in the store its scheme (and `format`) names."""
    text = os.fspath(url)
    scheme, sep, rest = text.partition("://")
    local = not sep or scheme == "file"
    folder = (rest if sep else text) if local else ""
    if local and format == "snapshot":
        return _snapshot(folder)
    if not local or format == "delta" or os.path.isdir(os.path.join(folder, "articles",
                                                                    "_delta_log")):
        from flows.storage.delta import DeltaDataset

        return DeltaDataset(folder if local else text)
    return _snapshot(folder)


def _snapshot(folder: str) -> Dataset:
    from flows.storage.local import LocalDataset

    return LocalDataset(folder)
