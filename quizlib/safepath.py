"""``python -m quizlib`` must not run code from the current directory.

``-m`` puts the current directory first on ``sys.path``, so a ``yaml.py``, a
``quizlib_plugins/`` folder or a ``*.dist-info`` entry point in whatever directory the
learner happens to be in (a downloaded deck's folder, say) would be imported and run.
``runpy`` imports the package (``quizlib/__init__.py``) before ``__main__``, so the
entry is dropped from there, first thing. ``python -P -m quizlib`` avoids it altogether.
"""

from __future__ import annotations

import itertools
import os
import sys

_done = False


def started_as_module() -> bool:
    """Whether this interpreter was started as ``python [options] -m quizlib``."""
    args = sys.orig_argv
    pairs = itertools.pairwise(args)
    named = any(flag == "-m" and name in ("quizlib", "quizlib.__main__") for flag, name in pairs)
    # While runpy imports the package, argv[0] is "-m"; then it is the path of __main__.py.
    running = sys.argv[:1] == ["-m"] or sys.argv[0].endswith("__main__.py")
    return named and running


def drop_current_directory() -> None:
    """Remove the entry ``-m`` added for the current directory (only that one, only once)."""
    global _done
    if _done or sys.flags.safe_path or not started_as_module() or not sys.path:
        return
    _done = True
    try:
        here = os.getcwd()
    except OSError:
        return
    if sys.path[0] in ("", here) or os.path.abspath(sys.path[0]) == here:
        del sys.path[0]
