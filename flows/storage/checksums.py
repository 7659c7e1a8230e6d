"""The checksum of every file of a local version, recorded at publish, checked on read.

Why: a single-bit flip in a Parquet file was read without error, with changed values,
in 33 of about 400 tries; `validate` then called the dataset valid. Parquet's own page
checksums are optional and not written by default, so the store records its own: each
version folder holds `_manifest.json`, the SHA-256 of every file of every table of that
version, written into the staging folder before the version is renamed into place (so a
version and its manifest commit together). SHA-256 from `hashlib` because no faster hash
(xxhash, blake3) is a dependency and hashing costs far less than decoding the Parquet.

Who checks what (reading every file on every run would cost a read of the dataset):

* `newstables validate` checks every file of the current version;
* `compact` and `--reprocess` check every file they read, i.e. all of them;
* a run checks the files it reads itself (`articles`, for the incremental index, and the
  `people` file it updates), before it publishes anything. The other tables' files are
  hard-linked into the new version with their recorded checksum, unread, so a damaged
  one stays damaged-and-detected, never blessed.

A file that does not match refuses the command with `Damaged` (exit code 4), one line
naming the file, and `newstables repair DIR` drops the batch the file belongs to from
every table (`LocalDataset.drop_batches`: its articles are processed again by the next
run of their inputs) and recomputes `people`. A damaged file written by `compact`
holds many batches; it cannot be dropped alone, and the message says to rebuild.

A version written before checksums were recorded has no manifest: `validate` says so in
one note (not a failure), and the next publish records the checksum of every file it
carries over, trusting them as they are then.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable
from pathlib import Path

from flows.storage.integrity import Damaged

MANIFEST = "_manifest.json"
#: Why a file found in a version folder is bad when the manifest does not list it.
NOT_RECORDED = "was not written by newstables (no checksum recorded for it)"
ALGORITHM = "sha256"
#: Files already found to match, keyed by what changes when a file is rewritten: a file
#: is read several times in one run (index, people) but hashed once per process.
_verified: dict[tuple[int, int], tuple[int, int]] = {}


def digest(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, ALGORITHM).hexdigest()


def _key(version_dir: Path, path: Path) -> str:
    return path.relative_to(version_dir).as_posix()


def _seen(path: Path) -> bool:
    """Found to match earlier in this process, and not rewritten since (hard links
    between versions share the inode, so a carried-over file is not hashed again)."""
    st = path.stat()
    return _verified.get((st.st_dev, st.st_ino)) == (st.st_size, st.st_mtime_ns)


def _remember(path: Path) -> None:
    st = path.stat()
    _verified[(st.st_dev, st.st_ino)] = (st.st_size, st.st_mtime_ns)


def record_checksums(version_dir: Path, base: dict[str, str] | None) -> None:
    """Write the manifest of a staged version: each file's checksum.

    A file carried over from the base version keeps the base's recorded checksum (it is
    not read again); only new files, and files of a version without a manifest, are
    hashed. The manifest is written and synced before the caller renames the version.
    """
    files = {}
    for path in sorted(version_dir.glob("*/*.parquet")):
        key = _key(version_dir, path)
        known = (base or {}).get(key)
        if known is None:
            known = digest(path)
            _remember(path)
        files[key] = known
    tmp = version_dir / f".{MANIFEST}.{uuid.uuid4().hex[:8]}"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"algorithm": ALGORITHM, "files": files}, fh, indent=0, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, version_dir / MANIFEST)


def recorded_checksums(version_dir: Path) -> dict[str, str] | None:
    """The checksums recorded for a version (None: written before checksums were kept)."""
    path = version_dir / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if data.get("algorithm") != ALGORITHM or not isinstance(files, dict):
            raise ValueError("not a newstables manifest")
        return {str(k): str(v) for k, v in files.items()}
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise Damaged(f"{path} cannot be read ({exc}); run `newstables repair "
                      f"{version_dir.parent.parent}`") from exc


def bad_files(version_dir: Path, files: Iterable[Path] | None = None) -> dict[str, str]:
    """Each file of the version (or of `files`) whose bytes are not the recorded ones,
    as "table/name" → what is wrong: changed, missing, or not recorded at all. Empty for
    a version without a manifest (see module)."""
    manifest = recorded_checksums(version_dir)
    if manifest is None:
        return {}
    if files is None:
        on_disk = {_key(version_dir, p) for p in version_dir.glob("*/*.parquet")}
        listed = sorted(on_disk | set(manifest))
    else:
        listed = [_key(version_dir, Path(f)) for f in files]
    found = {}
    for key in listed:
        path = version_dir / key
        if key not in manifest:
            found[key] = NOT_RECORDED
        elif not path.exists():
            found[key] = "is missing"
        elif not _seen(path):
            if digest(path) != manifest[key]:
                found[key] = ("does not match the checksum recorded when it was published "
                              "(the file is damaged)")
            else:
                _remember(path)
    return found


def mismatches(version_dir: Path, files: Iterable[Path] | None = None) -> list[str]:
    """`bad_files` as one line each, naming the file and its version."""
    return [f"{key} in {version_dir.name} {why}"
            for key, why in bad_files(version_dir, files).items()]


def check_files(version_dir: Path, files: Iterable[Path] | None = None) -> None:
    """Raise `Damaged` (one line: the file, and how to repair) if a file does not match."""
    found = mismatches(version_dir, files)
    if found:
        root = version_dir.parent.parent
        raise Damaged(f"{root} is damaged: {found[0]}"
                      + (f" (and {len(found) - 1} more)" if len(found) > 1 else "")
                      + f"; run `newstables repair {root}`, then run the inputs again")


def check_current(root: str | os.PathLike[str], tables: Iterable[str]) -> None:
    """`check_files` the files of `tables` in the current version of the dataset at `root`
    (nothing to check without a dataset, or with a damaged one: `integrity` says that)."""
    link = Path(root) / "_snapshots" / "current"
    version_dir = link.parent / os.readlink(link) if link.is_symlink() else None
    if version_dir is not None and version_dir.is_dir():
        check_files(version_dir, [p for t in tables
                                  for p in sorted((version_dir / t).glob("*.parquet"))])


def batch_of(key: str) -> str | None:
    """The batch a data file belongs to (`part-<batch>` of `articles/part-<batch>[-…]`),
    None for a file that holds several batches (written by `compact`)."""
    name = key.rsplit("/", 1)[-1]
    parts = name.removesuffix(".parquet").split("-")
    if parts[0] != "part" or len(parts) < 2 or parts[1] == "empty":
        return None
    return f"part-{parts[1]}"
