"""Containing what a plugin does wrong when quizlib calls it.

Every call into plugin code (importing it, its hooks, a question type's methods, a
section's check) goes through :func:`guarded`, which turns whatever the plugin raises into
a value the caller reports: an exception, ``sys.exit()``, even a ``KeyboardInterrupt`` the
plugin raises itself. Only a real Ctrl-C from the person at the keyboard gets through, so
quitting always works. What the plugin prints is captured, so that standard output holds
only the command's own output (``show --json`` stays valid JSON).
"""

from __future__ import annotations

import _thread
import functools
import importlib
import io
import math
import os
import sys
from collections.abc import Callable, Mapping
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


@functools.cache
def _signals() -> Any:
    """The functions that read and install signal handlers: CPython's C module ``_signal``,
    which every interpreter has loaded by the time this runs, else the ``signal`` module.
    ``signal`` wraps the same functions (the same handler objects, the same errors) but
    builds three enums when imported, about half a millisecond of every start."""
    try:
        return importlib.import_module("_signal")
    except ImportError:  # an interpreter without CPython's module
        return importlib.import_module("signal")


#: Seconds a question type's call may run before it is stopped (``QUIZLIB_PLUGIN_TIMEOUT``).
DEFAULT_TIME_LIMIT = 10.0


class PluginTimeout(BaseException):
    """Raised inside plugin code that ran past its time limit.

    A ``BaseException``, so that a plugin's own ``except Exception`` does not swallow it.
    """

    def __init__(self, limit: float, *, earlier: bool = False) -> None:
        what = "not run: an earlier call took" if earlier else "took"
        super().__init__(f"{what} longer than {limit:g} s (QUIZLIB_PLUGIN_TIMEOUT sets the limit)")
        self.limit = limit


def time_limit(environ: Mapping[str, str] | None = None) -> float | None:
    """The time limit of a call into a question type: ``QUIZLIB_PLUGIN_TIMEOUT`` seconds,
    10 by default; ``0`` or ``off`` for none. A value that is not a number is the default."""
    text = (os.environ if environ is None else environ).get("QUIZLIB_PLUGIN_TIMEOUT", "").strip()
    if text.lower() in ("0", "off"):
        return None
    try:
        limit = float(text) if text else DEFAULT_TIME_LIMIT
    except ValueError:
        return DEFAULT_TIME_LIMIT
    return limit if math.isfinite(limit) and limit > 0 else None


#: The limit of the call now running under a timer (None: no timer armed).
_armed: float | None = None
#: Whether SIGALRM is ours: None until first needed, then True or False (not available).
_alarm_ours: bool | None = None
#: The thread that installed the handler: the main thread, the only one signals reach.
_alarm_thread = 0


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    global _armed
    limit, _armed = _armed, None
    if limit is not None:  # a late alarm, after the call returned, is ignored
        raise PluginTimeout(limit)


def _arm(limit: float | None) -> bool:
    """Start the timer of one call; False when there is none (no limit, a call already
    timed, no SIGALRM on this system, not the main thread, or another handler owns it)."""
    global _armed, _alarm_ours, _alarm_thread
    if limit is None or _armed is not None:
        return False
    signals = _signals()
    if _alarm_ours is None:
        try:
            if signals.getsignal(signals.SIGALRM) != signals.SIG_DFL:
                _alarm_ours = False  # the application's own handler: left alone
                return False
            signals.signal(signals.SIGALRM, _on_alarm)  # ValueError outside the main thread
            _alarm_ours, _alarm_thread = True, _thread.get_ident()
        except (AttributeError, ValueError):  # no SIGALRM (Windows), or not the main thread
            return False  # asked again from the main thread
    if not _alarm_ours or _thread.get_ident() != _alarm_thread:
        return False
    _armed = limit
    signals.setitimer(signals.ITIMER_REAL, limit)
    return True


def _disarm() -> None:
    global _armed
    _armed = None
    signals = _signals()
    signals.setitimer(signals.ITIMER_REAL, 0)


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


def guarded(call: Callable[[], T], limit: float | None = None) -> Outcome[T]:
    """Run plugin code, catching everything it raises except a real Ctrl-C.

    Args:
        call: The plugin code, without arguments (use a lambda or ``functools.partial``).
        limit: Seconds the call may run; past it, :class:`PluginTimeout` is raised inside
            the plugin and returned as its error (Unix, main thread; elsewhere no limit).

    Returns:
        The value or the error, and what the call printed to standard output.

    Raises:
        KeyboardInterrupt: Only when the person pressed Ctrl-C during the call.
    """
    before = _interrupts
    saved, buffer = sys.stdout, io.StringIO()
    sys.stdout = buffer  # by hand rather than contextlib.redirect_stdout: this runs per fact
    armed = _arm(limit)
    try:
        try:
            value = call()
        finally:  # an alarm landing here is caught below like one inside the call
            if armed:
                _disarm()
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
    if isinstance(exc, PluginTimeout):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def printed_summary(text: str, limit: int = 80) -> str:
    """The first line of what a plugin printed, cut to ``limit`` characters."""
    lines = text.strip().splitlines()
    first = lines[0] if lines else ""
    more = f" (+{len(lines) - 1} more lines)" if len(lines) > 1 else ""
    return (first[: limit - 1] + "…" if len(first) > limit else first) + more
