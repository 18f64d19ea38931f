"""Writing output files safely: atomically, and with errors a person can act on.

Every command that writes a file (``new``, ``export``, ``schema``, ``log export``,
``import-cards``) goes through :func:`atomic_path`: the data goes to a temporary file in
the target's directory, is flushed to disk, and only then renamed over the target. A
failure part-way (disk full, interrupted) leaves the old file as it was, never a partial
or emptied one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from quizlib.errors import QuizError


class OutputError(QuizError):
    """A file could not be written (missing directory, read-only, a directory, disk full)."""


def describe_os_error(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """``PATH: reason`` for an :class:`OSError`, preferring the path the error names."""
    where = exc.filename if exc.filename is not None else path
    reason = exc.strerror or str(exc)
    return f"{where}: {reason}" if where is not None else reason


def _umask_mode() -> int:
    # mkstemp creates 0600 files; a new output should get the usual 0666 less the umask.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _sync_directory(folder: Path) -> None:
    # The rename is durable only once the directory entry is on disk; not every platform
    # lets a directory be opened (Windows), and the data is safe either way.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path next to ``path``, renamed over it when the block ends without error.

    Use it for writers that want a file name (genanki); :func:`atomic_text` wraps it for
    text. The temporary file is removed if the block raises.

    Raises:
        OutputError: When the directory is missing or not writable, ``path`` is a
            directory, or the data cannot be flushed or renamed.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a directory")
    import tempfile  # only when writing: most commands never do

    try:
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(fd)
    temp = Path(temp_name)
    try:
        yield temp
        mode = target.stat().st_mode & 0o7777 if target.exists() else _umask_mode()
        os.chmod(temp, mode)
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
        _sync_directory(target.parent)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_text(path: str | os.PathLike[str], *, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text stream whose content replaces ``path`` atomically when the block ends.

    Raises:
        OutputError: As :func:`atomic_path`.
    """
    with atomic_path(path) as temp:
        try:
            with temp.open("w", encoding="utf-8", newline=newline) as stream:
                yield stream
        except OSError as exc:  # a write failed (disk full): name the target, not the temp file
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically.

    Raises:
        OutputError: As :func:`atomic_path`.
    """
    with atomic_text(path) as stream:
        stream.write(text)


def write_with(path: str | os.PathLike[str], writer: Callable[[str], None]) -> None:
    """Let ``writer`` write a file by name, then move it over ``path`` atomically.

    Raises:
        OutputError: As :func:`atomic_path`.
    """
    with atomic_path(path) as temp:
        writer(str(temp))
