"""The cyclic garbage collector, paused while the program starts.

Starting a command makes tens of thousands of objects (modules, classes, the plugins, a
deck, a session's first questions), nearly all of which live until the program ends; the
collector would scan them again and again as they pile up, about 5 ms of a 100 ms start.
The program's entry points (:func:`quizlib.cli.launch`, ``python -m quizlib``) pause it;
the command line resumes it before a command runs, or, for a command that asks (``study``),
the command itself once it is ready to show its first question. Resuming moves what was
made so far out of the collector's reach (:func:`gc.freeze`), so later collections stay
small. Code that calls :func:`quizlib.cli.main` directly (tests, scripts) is not paused.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Pause the collector (when it is running) until :func:`resume`."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Resume a collector :func:`pause` stopped; otherwise do nothing."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()  # what start-up made stays for the whole run: never scanned again
        gc.enable()
