"""The plugins' share of `quizlib study DECK --plain` up to its first question, in one run.

Usage: python benchmarks/plugin_share.py [--deck karabakh] [--runs 15]

Each run is a fresh process that starts the session as ``python -m quizlib`` does, with two
timers put around plugin code: loading the plugins (``load_plugins``: importing the
default plugin and the built-in question types, registering them, the entry-point cache)
and generating questions (every ``PluginHost.generate`` call before the first question, by
question type). They count the process's CPU time, so that other processes on a shared
machine disturb them less than they disturb wall times. Beside them, in turn with the
runs, the wall time of the import floor ``python -c "import yaml, pluggy, fsrs, sqlite3"``
and of the instrumented process until it has shown its first question. Medians over
--runs (after one unmeasured round); caches warm and modules byte-compiled as in
``benchmarks/startup.py``; processes run in a temporary directory, so that the installed
package is what is measured.
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


def run_child(deck: str, env: dict[str, str]) -> tuple[float, dict[str, object]]:
    """Wall time of one instrumented session start, and what its timers found."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD.replace("DECK", repr(deck))],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    return elapsed, json.loads(done.stdout.strip().splitlines()[-1])


def run_floor(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", FLOOR], env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--deck", default="karabakh")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.update(
            QUIZLIB_DB=str(Path(tmp) / "bench.db"),
            QUIZLIB_CACHE_DIR=str(Path(tmp) / "cache"),
            QUIZLIB_NOW="2024-03-01T12:00:00+00:00",
            PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        os.chdir(tmp)
        floors, walls, loads, generation = [], [], [], []
        types: dict[str, list[float]] = defaultdict(list)
        for i in range(args.runs + 1):
            floor = run_floor(env)
            wall, found = run_child(args.deck, env)
            if i == 0:
                continue  # fills the caches
            floors.append(floor)
            walls.append(wall)
            loads.append(float(found["load"]))  # type: ignore[arg-type]
            by_type: dict[str, float] = found["types"]  # type: ignore[assignment]
            generation.append(sum(by_type.values()))
            for name, seconds in by_type.items():
                types[name].append(seconds)
    med = statistics.median
    print(f"median of {args.runs} runs, deck {args.deck!r}, Python {sys.version.split()[0]}")
    print(f"  floor ({FLOOR})   {med(floors) * 1000:7.1f} ms")
    print(f"  study --plain to the first question       {med(walls) * 1000:7.1f} ms")
    print(f"  of which loading the plugins (CPU)        {med(loads) * 1000:7.1f} ms")
    print(f"  of which generating questions (CPU)       {med(generation) * 1000:7.1f} ms")
    for name, seconds in sorted(types.items(), key=lambda kv: -med(kv[1])):
        print(f"    {name:<20} {med(seconds) * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
