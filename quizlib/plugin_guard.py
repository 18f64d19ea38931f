"""Containing what a plugin does wrong when quizlib calls it.

Every call into plugin code (importing it, its hooks, a question type's methods, a
section's check) goes through :func:`guarded`, which turns whatever the plugin raises into
a value the caller reports: an exception, ``sys.exit()``, even a ``KeyboardInterrupt`` the
plugin raises itself. Only a real Ctrl-C from the person at the keyboard gets through, so
quitting always works. What the plugin prints is captured, so that standard output holds
only the command's own output (``show --json`` stays valid JSON).
"""

from __future__ import annotations

import importlib
import io
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, Generic, NamedTuple, TypeVar

T = TypeVar("T")

#: How many times the person pressed Ctrl-C (counted once :func:`watch_interrupts` ran).
_interrupts = 0


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    global _interrupts
    _interrupts += 1
    raise KeyboardInterrupt


def watch_interrupts() -> None:
    """Count real Ctrl-C presses, so a ``KeyboardInterrupt`` a plugin raises is told apart.

    Python's own handler is replaced by one that behaves the same (it raises
    ``KeyboardInterrupt``) and also counts. Nothing changes when another handler is
    installed or outside the main thread (signals are delivered to the main thread only).
    """
    signals = _signals()
    if signals.getsignal(signals.SIGINT) is not signals.default_int_handler:
        return
    try:
        signals.signal(signals.SIGINT, _on_sigint)
    except ValueError:  # not the main thread: told this way, start-up need not import threading
        return


def _signals() -> Any:
    """The functions that read and install signal handlers: CPython's C module ``_signal``,
    which every interpreter has loaded by the time this runs, else the ``signal`` module.
    ``signal`` wraps the same functions (the same handler objects, the same errors) but
    builds three enums when imported, about half a millisecond of every start."""
    try:
        return importlib.import_module("_signal")
    except ImportError:  # an interpreter without CPython's module
        return importlib.import_module("signal")


class Outcome(NamedTuple, Generic[T]):
    """The result of a guarded call (a tuple: this is made for every call into a plugin).

    Attributes:
        value: What the call returned (None when it failed).
        error: What it raised instead, if anything.
        printed: What it wrote to standard output (kept off the real one).
    """

    value: T | None
    error: BaseException | None = None
    printed: str = ""


def guarded(call: Callable[[], T]) -> Outcome[T]:
    """Run plugin code, catching everything it raises except a real Ctrl-C.

    Args:
        call: The plugin code, without arguments (use a lambda or ``functools.partial``).

    Returns:
        The value or the error, and what the call printed to standard output.

    Raises:
        KeyboardInterrupt: Only when the person pressed Ctrl-C during the call.
    """
    before = _interrupts
    saved, buffer = sys.stdout, io.StringIO()
    sys.stdout = buffer  # by hand rather than contextlib.redirect_stdout: this runs per fact
    try:
        value = call()
    except KeyboardInterrupt as exc:
        if _interrupts != before:
            raise
        return Outcome(None, exc, buffer.getvalue())
    except BaseException as exc:  # SystemExit too: a plugin must never end the program
        return Outcome(None, exc, buffer.getvalue())
    finally:
        sys.stdout = saved
    return Outcome(value, None, buffer.getvalue())


def describe(exc: BaseException) -> str:
    """What a plugin's exception was, for a one-line report."""
    if isinstance(exc, SystemExit):
        return f"tried to exit the program (SystemExit: {exc.code!r})"
    if isinstance(exc, KeyboardInterrupt):
        return "raised KeyboardInterrupt"
    return f"{type(exc).__name__}: {exc}"


def printed_summary(text: str, limit: int = 80) -> str:
    """The first line of what a plugin printed, cut to ``limit`` characters."""
    lines = text.strip().splitlines()
    first = lines[0] if lines else ""
    more = f" (+{len(lines) - 1} more lines)" if len(lines) > 1 else ""
    return (first[: limit - 1] + "…" if len(first) > limit else first) + more
