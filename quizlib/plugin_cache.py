"""The installed plugins' entry points, remembered between runs.

Importing ``importlib.metadata`` and reading every installed distribution's metadata costs
more than the rest of a short command's start, and the answer only changes when a
distribution is installed, removed or upgraded. So the answer is kept in the cache
directory (``QUIZLIB_CACHE_DIR``; ``off`` disables it, and then every run scans), under a
fingerprint of what it was read from: each ``sys.path`` entry and, in each directory, the
names of its ``*.dist-info`` / ``*.egg-info`` with the modification time of their
``entry_points.txt`` (a ``sys.path`` entry that is a file, a zip archive, counts with its
own modification time). Installing or removing a distribution adds or drops a name;
upgrading or editing one renames it or rewrites its ``entry_points.txt``; a different
``sys.path`` (another virtual environment) is another fingerprint. Any of them makes the
next run scan again. A directory's own modification time is left out on purpose: the
current directory is on ``sys.path`` under ``python -m``, and files created there (a
document, the review database) must not cost every run a scan. A missing, unreadable or
damaged cache file is scanned around, never an error.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from quizlib.digests import blake2b

CACHE_VERSION = 1
#: How many fingerprints (virtual environments, ``sys.path`` variants) one file keeps.
KEEP = 8
_METADATA_DIRS = (".dist-info", ".egg-info")


@functools.cache
def _value_pattern() -> re.Pattern[str]:
    """An entry point's value as ``importlib.metadata`` reads it: ``module:attr [extras]``
    (compiled when an entry point is loaded: most runs have none)."""
    return re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class EntryPoint(NamedTuple):
    """One entry point of a group: ``name = value`` from an installed distribution."""

    name: str
    value: str
    dist: str = ""
    version: str = ""

    def load(self) -> object:
        """Import the module the value names and return the attribute it names (as
        ``importlib.metadata.EntryPoint.load`` does).

        Raises:
            ImportError: The value is malformed or the module cannot be imported.
            AttributeError: The module has no such attribute.
        """
        match = _value_pattern().match(self.value)
        if match is None:
            raise ImportError(f"malformed entry point value {self.value!r}")
        found: object = importlib.import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            found = getattr(found, attr)
        return found


def fingerprint(paths: Sequence[str]) -> str:
    """A digest of the module path and of the distribution metadata on it (see the module
    docstring): it changes whenever a scan could find something else."""
    digest = blake2b(digest_size=16)
    for entry in paths:
        digest.update(f"\n{entry}\0".encode())
        try:
            info = os.stat(entry or ".")
        except OSError:
            digest.update(b"-")
            continue
        if stat.S_ISDIR(info.st_mode):
            digest.update(_metadata_times(entry or "."))
        else:
            digest.update(str(info.st_mtime_ns).encode())
    return digest.hexdigest()


def _metadata_times(directory: str) -> bytes:
    parts = []
    try:
        names = sorted(e.name for e in os.scandir(directory) if e.name.endswith(_METADATA_DIRS))
    except OSError:
        return b"?"
    for name in names:
        try:
            when = os.stat(os.path.join(directory, name, "entry_points.txt")).st_mtime_ns
        except OSError:
            when = 0  # a distribution without entry points
        parts.append(f"{name}\0{when}")
    return "\n".join(parts).encode()


def scan(group: str) -> list[EntryPoint]:
    """The group's entry points as ``importlib.metadata`` finds them, sorted by name."""
    import importlib.metadata  # slow to import: only when the cache cannot answer

    found = []
    for ep in importlib.metadata.entry_points(group=group):
        dist = ep.dist
        found.append(EntryPoint(ep.name, ep.value, dist.name if dist else "", dist.version if dist else ""))
    return sorted(found, key=lambda e: e.name)


def default_cache_dir() -> Path | None:
    """The deck cache's directory (``QUIZLIB_CACHE_DIR``, ``off`` for none), shared by the plugins."""
    from quizlib.deckfile.load import default_cache_dir as decks_cache

    return decks_cache()


def entry_points(group: str, cache_dir: Path | None, paths: Sequence[str] | None = None) -> list[EntryPoint]:
    """The entry points of ``group``, sorted by name: from the cache when its fingerprint
    matches, else scanned (and remembered when ``cache_dir`` is writable).

    Args:
        group: The entry-point group.
        cache_dir: Where to remember the answer; None to always scan.
        paths: The module path to fingerprint (default ``sys.path``).
    """
    if cache_dir is None:
        return scan(group)
    key = fingerprint(list(sys.path if paths is None else paths))
    file = cache_dir / f"entry-points-{group}.json"
    known = _read(file)
    if key in known:
        return known[key]
    found = scan(group)
    known.pop(key, None)
    known[key] = found
    _write(file, dict(list(known.items())[-KEEP:]))
    return found


def _read(file: Path) -> dict[str, list[EntryPoint]]:
    """The fingerprints and answers a cache file holds; empty when it is missing or damaged."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}
        out = {}
        for key, rows in data["paths"].items():
            if not all(_row_ok(r) for r in rows):
                return {}
            out[str(key)] = [EntryPoint(*r) for r in rows]
        return out
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return {}  # unreadable, not JSON or not ours: scan again


def _row_ok(row: object) -> bool:
    return isinstance(row, list) and len(row) == 4 and all(isinstance(x, str) for x in row)


def _write(file: Path, known: dict[str, list[EntryPoint]]) -> None:
    data = {"version": CACHE_VERSION, "paths": {k: [list(e) for e in v] for k, v in known.items()}}
    tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, file)  # atomic: a concurrent run reads the old answer or the new one
    except OSError:  # a read-only cache costs the next run a scan, nothing more
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
