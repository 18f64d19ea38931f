"""Time to the first question of ``quizlib study``, against the import floor, in one run.

Usage: python benchmarks/startup.py [--deck karabakh] [--runs 15] [--importtime]

Prints the median wall time (over --runs fresh processes, the sides taken in turn) of:
  floor            python -c "import yaml, pluggy, fsrs, sqlite3"
  plain            python -m quizlib study DECK --plain: until the first question line
  floor + pt       the floor plus "import prompt_toolkit"
  interactive      python -m quizlib study DECK in a pseudo-terminal: until the question
                   and the progress bar are drawn
Ratios are medians of the ratios within each round. Targets: plain ≤ 1.3x the floor;
interactive compared with floor + prompt_toolkit.
The deck cache is warmed first (a learner's second and later sessions); "cold" rows repeat
plain mode with the cache off. Modules are byte-compiled first (into a temporary
PYTHONPYCACHEPREFIX), as after pip install. --importtime prints what plain mode spends
importing. The processes run in a temporary directory, so that what is measured is the
installed package even when this is run from a checkout.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

FLOOR = "import yaml, pluggy, fsrs, sqlite3"
QUESTION_LINE = re.compile(rb"^Question 1 of \d+", re.MULTILINE)
PROGRESS_BAR = re.compile(r"\d+ done · \d+ left")


def alternating(runs: int, *measures: Callable[[], float]) -> list[list[float]]:
    """``runs`` measurements of each, taken in turn (after one unmeasured round), so a change
    in the machine's load reaches every side alike: on a shared machine, measuring one side
    after the other gave ratios from 1.3x to 2.7x for the same code."""
    for measure in measures:
        measure()
    out: list[list[float]] = [[] for _ in measures]
    for _ in range(runs):
        for times, measure in zip(out, measures, strict=True):
            times.append(measure())
    return out


def ratio(ours: list[float], base: list[float]) -> float:
    """The median of the ratios of measurements taken in the same round."""
    return statistics.median(a / b for a, b in zip(ours, base, strict=True))


def time_import_floor(imports: str, env: Mapping[str, str]) -> float:
    """Wall time of a fresh interpreter that only imports ``imports``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", imports], env=env, check=True)
    return time.perf_counter() - start


def time_plain(deck: str, env: Mapping[str, str]) -> float:
    """Wall time until plain mode prints its first question (stdin is empty: then it ends)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "quizlib", "study", deck, "--plain", "--seed", "1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert process.stdout is not None
    seen = b""
    elapsed = None
    for line in process.stdout:
        seen += line
        if elapsed is None and QUESTION_LINE.search(line):
            elapsed = time.perf_counter() - start
    process.wait()
    if elapsed is None:
        raise SystemExit(f"plain mode printed no question:\n{seen.decode(errors='replace')}")
    return elapsed


def time_interactive(deck: str, env: Mapping[str, str]) -> float:
    """Wall time until the interactive screen shows the progress bar (then it quits with q)."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(
        sys.executable,
        ["-m", "quizlib", "study", deck, "--seed", "1"],
        env=dict(env),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=30,
    )
    child.expect(PROGRESS_BAR)
    elapsed = time.perf_counter() - start
    child.send("\x1bq")  # Esc q quits whatever the question kind
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def import_profile(deck: str, env: Mapping[str, str], top: int = 15) -> str:
    """The slowest top-level imports of plain mode (python -X importtime, cumulative µs)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "quizlib", "study", deck, "--plain"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        text=True,
    )
    rows = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(3)) <= 2:  # top-level imports only
            rows.append((int(match.group(2)), match.group(4)))
    rows.sort(reverse=True)
    return "\n".join(f"  {us / 1000:7.1f} ms  {name}" for us, name in rows[:top])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--deck", default="karabakh")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.update(
            QUIZLIB_DB=str(Path(tmp) / "bench.db"),
            QUIZLIB_CACHE_DIR=str(Path(tmp) / "cache"),
            QUIZLIB_NOW="2024-03-01T12:00:00+00:00",
        )
        env.pop("NO_COLOR", None)
        # Byte-compiled modules, as a pip install leaves them: without this, a shell that sets
        # PYTHONDONTWRITEBYTECODE recompiles quizlib from source on every start (while the
        # floor's packages keep their .pyc files). The warm-up runs fill this cache.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        cold = dict(env, QUIZLIB_CACHE_DIR="off")
        # Every process starts in the temporary directory: `python -m quizlib` run from a
        # checkout would import the checkout's quizlib/ (the current directory comes first on
        # the module path), not the installed package this is meant to measure.
        os.chdir(tmp)
        floors, plains, colds = alternating(
            args.runs,
            lambda: time_import_floor(FLOOR, env),
            lambda: time_plain(args.deck, env),
            lambda: time_plain(args.deck, cold),
        )
        floors_pt, screens = alternating(
            args.runs,
            lambda: time_import_floor(FLOOR + ", prompt_toolkit", env),
            lambda: time_interactive(args.deck, env),
        )
        floor, plain, plain_cold = (statistics.median(xs) for xs in (floors, plains, colds))
        floor_pt, interactive = statistics.median(floors_pt), statistics.median(screens)
        print(f"median of {args.runs} runs, deck {args.deck!r}, Python {sys.version.split()[0]}")
        print(f"  floor ({FLOOR})        {floor * 1000:7.1f} ms")
        times = ratio(plains, floors)
        print(f"  plain, first question               {plain * 1000:7.1f} ms   {times:.2f}x floor")
        print(
            f"  plain, cache off                    {plain_cold * 1000:7.1f} ms   {ratio(colds, floors):.2f}x"
        )
        print(f"  floor + import prompt_toolkit       {floor_pt * 1000:7.1f} ms")
        print(
            f"  interactive, first screen           {interactive * 1000:7.1f} ms   "
            f"{ratio(screens, floors_pt):.2f}x floor + prompt_toolkit"
        )
        if args.importtime:
            print("slowest top-level imports of plain mode:")
            print(import_profile(args.deck, env))


if __name__ == "__main__":
    main()
