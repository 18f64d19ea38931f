"""Compiled code of generated source, kept between runs beside the modules' bytecode.

:mod:`quizlib.fastdataclass` writes an ``__init__`` for each class as source text, as
:mod:`dataclasses` does; compiling those texts is most of what making the classes costs at
start. Python keeps a module's compiled code in ``__pycache__``; this keeps the compiled
code of these texts the same way, in one file beside this module's own bytecode
(:func:`importlib.util.cache_from_source`: it follows ``PYTHONPYCACHEPREFIX``), keyed by
the exact text, for this interpreter's bytecode version only. A text not found is compiled
as before and the file is rewritten when the program ends, unless bytecode is not written
(``PYTHONDONTWRITEBYTECODE``) or the directory cannot be written; a missing, unreadable or
damaged file is compiled around, never an error.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import marshal
import os
import sys
from pathlib import Path
from types import CodeType

#: How many texts the file keeps: those this run used last, then the others most recent
#: first (the texts of classes since edited drop out; the file stays small to read).
KEEP = 256

_known: dict[str, CodeType] | None = None
_used: set[str] = set()
_added = False


def cache_file() -> Path | None:
    """Where the compiled texts are kept: beside this module's bytecode (None: this
    interpreter keeps no bytecode)."""
    try:
        return Path(importlib.util.cache_from_source(__file__)).with_suffix(".texts")
    except NotImplementedError:  # sys.implementation.cache_tag is None
        return None


def compiled(text: str) -> CodeType:
    """``compile(text, "<string>", "exec")``, from the file when it holds the text."""
    global _known, _added
    if _known is None:
        file = cache_file()
        _known = load(file) if file is not None else {}
    _used.add(text)
    code = _known.get(text)
    if code is None:
        code = _known[text] = compile(text, "<string>", "exec", dont_inherit=True)
        if not _added:
            _added = True
            atexit.register(save)
    return code


def load(file: Path) -> dict[str, CodeType]:
    """The texts and their code a file holds; empty when it is missing, damaged or written
    by another bytecode version."""
    try:
        data = file.read_bytes()
    except OSError:
        return {}
    magic = importlib.util.MAGIC_NUMBER
    if not data.startswith(magic):
        return {}
    try:
        known = marshal.loads(data[len(magic) :])
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(known, dict):
        return {}
    return {k: v for k, v in known.items() if isinstance(k, str) and isinstance(v, CodeType)}


def save(file: Path | None = None) -> None:
    """Write the texts compiled so far (with those already in the file) when bytecode is
    written; a directory that cannot be written costs the next run a compile, nothing more."""
    if _known is None or sys.dont_write_bytecode:
        return
    file = file or cache_file()
    if file is None:
        return
    ordered = [*(t for t in _known if t not in _used), *(t for t in _known if t in _used)]
    keep = {t: _known[t] for t in ordered[-KEEP:]}
    tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(importlib.util.MAGIC_NUMBER + marshal.dumps(keep))
        os.replace(tmp, file)  # atomic: a concurrent run reads the old file or the new one
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def forget() -> None:
    """Drop what was read and compiled in this process (tests)."""
    global _known
    _known = None
    _used.clear()
