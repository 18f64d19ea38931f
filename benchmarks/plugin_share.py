"""The plugins' share of `quizlib study DECK --plain` up to its first question, in one run.

Usage: python benchmarks/plugin_share.py [--deck karabakh] [--runs 15] [--python PY ...]

Each run is a fresh process that starts the session as ``python -m quizlib`` does, with two
timers put around plugin code: loading the plugins (``load_plugins``: importing the
default plugin and the built-in question types, registering them, the entry-point cache)
and generating questions (every ``PluginHost.generate`` call before the first question, by
question type). They count the process's CPU time, so that other processes on a shared
machine disturb them less than they disturb wall times. Beside them, in turn with the
runs, the wall time of the import floor ``python -c "import yaml, pluggy, fsrs, sqlite3"``
and of the instrumented process, which stops at its first question. Medians over --runs
(after one unmeasured round); caches warm and modules byte-compiled as in
``benchmarks/startup.py``; processes run in a temporary directory, so that the installed
package is what is measured. With several ``--python`` (two venvs: before and after a
change), the interpreters take turns run by run, so that the machine's load reaches both.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

FLOOR = "import yaml, pluggy, fsrs, sqlite3"

CHILD = r"""
import io, json, sys, time
from collections import Counter
import quizlib.commands.common as common
import quizlib.plugins as plugins
from quizlib.cli import launch

found = {"load": 0.0, "types": Counter()}
load_plugins, generate = common.load_plugins, plugins.PluginHost.generate

def timed_load(*args, **kwargs):
    start = time.process_time()
    try:
        return load_plugins(*args, **kwargs)
    finally:
        found["load"] += time.process_time() - start

def timed_generate(self, qt, *args):
    start = time.process_time()
    try:
        return generate(self, qt, *args)
    finally:
        found["types"][qt.name] += time.process_time() - start

common.load_plugins, plugins.PluginHost.generate = timed_load, timed_generate

class FirstQuestion(io.StringIO):
    def write(self, text):
        if text.startswith("Question 1"):
            raise KeyboardInterrupt  # the first question: stop here
        return super().write(text)

out, sys.stdout = sys.stdout, FirstQuestion()
sys.argv = ["quizlib", "study", DECK, "--plain", "--seed", "1"]
try:
    launch()
except (KeyboardInterrupt, SystemExit):
    pass
sys.stdout = out
print(json.dumps(found))
"""


def run_child(python: str, deck: str, env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Wall time of one instrumented session start, and what its timers found."""
    start = time.perf_counter()
    done = subprocess.run(
        [python, "-c", CHILD.replace("DECK", repr(deck))],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return elapsed, found


def run_floor(python: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([python, "-c", FLOOR], env=env, check=True)
    return time.perf_counter() - start


class Side:
    """One interpreter's runs: its environment (caches of its own) and what was measured."""

    def __init__(self, python: str, tmp: Path, n: int) -> None:
        self.python = python
        self.env = dict(os.environ)
        self.env.update(
            QUIZLIB_DB=str(tmp / f"bench{n}.db"),
            QUIZLIB_CACHE_DIR=str(tmp / f"cache{n}"),
            QUIZLIB_NOW="2024-03-01T12:00:00+00:00",
            PYTHONPYCACHEPREFIX=str(tmp / f"pycache{n}"),
        )
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.floors: list[float] = []
        self.walls: list[float] = []
        self.loads: list[float] = []
        self.generation: list[float] = []
        self.types: dict[str, list[float]] = defaultdict(list)

    def run(self, deck: str, keep: bool) -> None:
        """One round: the floor, then the instrumented start (kept unless a warm-up)."""
        floor = run_floor(self.python, self.env)
        wall, found = run_child(self.python, deck, self.env)
        if not keep:
            return
        self.floors.append(floor)
        self.walls.append(wall)
        self.loads.append(float(found["load"]))
        self.generation.append(sum(found["types"].values()))
        for name, seconds in found["types"].items():
            self.types[name].append(seconds)

    def report(self) -> None:
        med = statistics.median
        rows = [
            (f"floor ({FLOOR})", med(self.floors)),
            ("study --plain, stopped at its first question", med(self.walls)),
            ("of which loading the plugins (CPU)", med(self.loads)),
            ("of which generating questions (CPU)", med(self.generation)),
            *((f"  {name}", med(t)) for name, t in sorted(self.types.items(), key=lambda kv: -med(kv[1]))),
        ]
        print(self.python)
        for label, seconds in rows:
            print(f"  {label:<46} {seconds * 1000:7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--deck", default="karabakh")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--python",
        action="append",
        help="an interpreter to measure (repeatable: the interpreters take turns, run by run; "
        "default: this one)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        sides = [Side(python, Path(tmp), n) for n, python in enumerate(args.python or [sys.executable])]
        for i in range(args.runs + 1):
            for side in sides:
                side.run(args.deck, keep=i > 0)  # the first round fills the caches
    print(f"median of {args.runs} runs, deck {args.deck!r}")
    for side in sides:
        side.report()


if __name__ == "__main__":
    main()
