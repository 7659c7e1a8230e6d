"""A local dataset checks its own structure: what `validate`, writers and `repair` ask.

Why: a dangling or garbage `_snapshots/current`, a deleted version or a stray entry used
to read as an empty, valid dataset; the next run then published only its own inputs and
its clean-up deleted the intact older versions. Now `problems()` names each damage in
one line, `validate` reports it, a run or `compact` refuses to write (`Damaged`, with
how to repair), and `repair()` points `current` back at the newest intact version.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from flows.tables import schema

SNAPSHOTS = "_snapshots"
CURRENT = "current"
_VERSION = re.compile(r"v\d{8}")
#: Left by a crashed writer and removed by the next one: not damage.
_LEFTOVER = re.compile(r"\.tmp-v\d{8}-[0-9a-f]{8}|current\.[0-9a-f]{8}")


class Damaged(RuntimeError):
    """The dataset's structure is broken; nothing may be written until it is repaired."""


def problems(root: str | os.PathLike[str]) -> list[str]:
    """One line per structural damage of the local dataset at `root` (empty: intact)."""
    snaps = Path(root) / SNAPSHOTS
    if not snaps.is_dir():
        return []  # no dataset yet
    found = []
    link = snaps / CURRENT
    for child in sorted(snaps.iterdir()):
        if child.name != CURRENT and not _VERSION.fullmatch(child.name) \
                and not _LEFTOVER.fullmatch(child.name):
            found.append(f"stray entry {child.name!r} in {snaps}")
    if not link.is_symlink() and not link.exists() and not any(
            _VERSION.fullmatch(c.name) for c in snaps.iterdir()):
        return found  # a first publish that crashed before its flip: nothing to lose
    if not link.is_symlink():
        found.append(f"{link} is missing" if not link.exists() else f"{link} is not a symlink")
        return found
    target = os.readlink(link)
    if not _VERSION.fullmatch(target):
        found.append(f"{link} points at {target!r}, not a version")
        return found
    version = snaps / target
    if not version.is_dir():
        found.append(f"{link} points at {target}, which is missing")
        return found
    for name in schema.DATA_TABLES:  # a version from before `people` has no folder for it
        if not (version / name).is_dir():
            found.append(f"version {target} has no {name} folder")
    return found


def intact_versions(root: str | os.PathLike[str]) -> list[str]:
    """Versions whose table folders are all there, newest first."""
    snaps = Path(root) / SNAPSHOTS
    out = []
    for child in sorted(snaps.iterdir(), reverse=True) if snaps.is_dir() else []:
        if _VERSION.fullmatch(child.name) and child.is_dir() and all(
                (child / n).is_dir() for n in schema.DATA_TABLES):
            out.append(child.name)
    return out


def refuse_if_damaged(root: str | os.PathLike[str]) -> None:
    """Raise `Damaged` (one line: what and how to repair) before any write."""
    found = problems(root)
    if found:
        raise Damaged(f"{root} is damaged: {found[0]}"
                      + (f" (and {len(found) - 1} more)" if len(found) > 1 else "")
                      + f"; run `newstables repair {root}` to point current at the newest "
                      "intact version, then run again")


def repair(root: str | os.PathLike[str]) -> list[str]:
    """Point `current` at the newest intact version; move stray entries aside.

    Returns what was done. Nothing is deleted: strays go to `<root>/_damaged/`.
    """
    snaps = Path(root) / SNAPSHOTS
    done = []
    for child in sorted(snaps.iterdir()) if snaps.is_dir() else []:
        if child.name != CURRENT and not _VERSION.fullmatch(child.name) \
                and not _LEFTOVER.fullmatch(child.name):
            aside = Path(root) / "_damaged" / child.name
            aside.parent.mkdir(exist_ok=True)
            os.replace(child, aside)
            done.append(f"moved stray {child.name!r} to {aside}")
    if problems(root):
        intact = intact_versions(root)
        if not intact:
            raise Damaged(f"{root}: no intact version left to point current at")
        tmp = snaps / f"{CURRENT}.repair"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(intact[0], target_is_directory=True)
        os.replace(tmp, snaps / CURRENT)
        done.append(f"current now points at {intact[0]}")
    return done
