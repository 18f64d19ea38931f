"""Answer + next question counted in CPU instructions (valgrind's callgrind), beside the
same count for other code trees from the same run: a figure the machine's load does not move.

Usage: python benchmarks/answer_instructions.py [--cards 10000] [--per-card 4] [--answers 100]
                                                [--data DIR] [--code NAME=DIR ...]

It builds what ``answer_next.py`` builds, without Anki's twin (--cards basic cards, --per-card
reviews a card, every card due), in --data (kept for the next run) or a temporary folder.
Then, for quizlib and for each --code NAME=DIR (quizlib as in the code tree DIR, its
``quizlib`` package first on the path), it runs one process under ``valgrind
--tool=callgrind`` with collection off: the process opens a fresh copy of the database,
starts the session, answers 5 questions (fsrs imported, first-use paths taken), then
collection is switched on (``callgrind_control -i on``) for --answers answers as
``answer_next.py`` times them (submit "a", commit Good with the store's durable pragmas,
reach the next question) and off again. It prints each side's user-space instructions per
answer and its ratio to the first side's. The kernel's share (writing and syncing the
write-ahead log) is not counted: the commit's fsync is what ``answer_next.py`` measures.
Needs valgrind (callgrind_control on the path); a run takes about 15 s a side at 10,000 cards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

WARM = 5


def worker(data: Path, answers: int, signal: Path) -> None:
    """Answer as ``answer_next.py`` does; ``signal`` exists while collection is to go on."""
    import datetime as dt

    from store_bench import NOW
    from study_scale import start_session

    from quizlib import Rating
    from quizlib.deckfile.load import load_deck
    from quizlib.plugins import get_plugin_manager
    from quizlib.store.store import Store

    work = Path(tempfile.mkdtemp(prefix="answer-instr-"))
    try:
        shutil.copy(data / "quizlib.db", work / "quizlib.db")
        host = get_plugin_manager(entry_points=False)
        deck = load_deck(data / "deck.yaml", sections=host.sections, cache_dir=None)
        now = [NOW]
        with Store.open(work / "quizlib.db") as store:
            session = start_session(store, deck, host, now)

            def answer() -> None:
                session.submit("a")
                session.commit(Rating.GOOD)
                _ = session.current
                now[0] += dt.timedelta(seconds=5)

            for _ in range(WARM):
                answer()
            signal.write_text("ready", encoding="utf-8")
            while signal.exists():  # the parent switches collection on, then removes it
                time.sleep(0.01)
            for _ in range(answers):
                answer()
            signal.write_text("done", encoding="utf-8")
            while signal.exists():
                time.sleep(0.01)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _wait_for(signal: Path, text: str, proc: subprocess.Popen[bytes]) -> None:
    while not (signal.exists() and signal.read_text(encoding="utf-8") == text):
        if proc.poll() is not None:
            raise SystemExit(f"the worker ended early (exit code {proc.returncode})")
        time.sleep(0.05)


def count(data: Path, answers: int, code: str | None, scratch: Path) -> int:
    """User-space instructions of ``answers`` answers, in a worker under callgrind."""
    signal, out = scratch / "signal", scratch / "callgrind.out"
    signal.unlink(missing_ok=True)
    env = dict(os.environ)
    if code:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [code, env.get("PYTHONPATH", "")]))
    command = [
        "valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
        sys.executable, __file__, "--worker", str(data), "--answers", str(answers), "--signal", str(signal),
    ]  # fmt: skip
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(signal, "ready", proc)
    subprocess.run(["callgrind_control", "-i", "on", str(proc.pid)], check=True, capture_output=True)
    signal.unlink()
    _wait_for(signal, "done", proc)
    subprocess.run(["callgrind_control", "-i", "off", str(proc.pid)], check=True, capture_output=True)
    signal.unlink()
    if proc.wait() != 0:
        raise SystemExit(f"the worker failed (exit code {proc.returncode})")
    # "summary:" counts from the start (0 here: collection was off); "totals:" what was collected.
    totals = [int(line.split()[1]) for line in out.read_text().splitlines() if line.startswith("totals:")]
    if not totals:
        raise SystemExit(f"no instruction total in {out}")
    return totals[-1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--per-card", type=int, default=4)
    parser.add_argument("--answers", type=int, default=100)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--code", action="append", default=[], metavar="NAME=DIR")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--signal", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.answers, args.signal)
        return
    if shutil.which("callgrind_control") is None:
        raise SystemExit("needs valgrind (callgrind_control not found)")
    from answer_next import prepare

    code = dict(item.split("=", 1) for item in args.code)
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data or Path(scratch) / "data"
        prepare(data, args.cards, args.per_card, code)
        sides = {"quizlib": None, **code}
        figures = {}
        for side, tree in sides.items():
            folder = data / side if side in code else data
            figures[side] = count(folder, args.answers, tree, Path(scratch)) / args.answers
            print(f"{side}: {figures[side]:,.0f} instructions an answer", flush=True)
    first = next(iter(figures.values()))
    print(f"\n{args.cards:,} cards, {args.answers} answers (user space, callgrind):")
    for side, per in figures.items():
        print(f"  {side:<10}{per:12,.0f} instructions an answer  {per / first:.3f}x {next(iter(figures))}")


if __name__ == "__main__":
    main()
