"""Answer + next question on a large collection: quizlib beside Anki and the raw SQLite
floor, each side in a fresh process on a fresh copy of the same data, the sides taking
turns round after round.

Usage: python benchmarks/answer_next.py [--cards 100000] [--per-card 4] [--answers 300]
                                        [--rounds 5] [--data DIR] [--code NAME=DIR ...]
                                        [--slices N]

It builds what ``study_scale.py`` builds (a deck of --cards basic cards, a review database
of --per-card reviews a card, every card due, and, when ``import anki`` works, the Anki
collection holding the same cards and history), in --data (kept for the next run on the
same day: Anki's collection is dated for the day it is built) or a temporary folder. Then,
in each of --rounds rounds, each side runs once, in turn (the order rotates every round):
  quizlib   Session.start, then --answers answers as study_scale.py times them: submit "a",
            commit Good (durable), reach the next question
  anki      the first queued card answered Good (Anki commits it), then the next card's
            question rendered (study_scale.py's Anki figure)
  floor     an INSERT and an UPDATE committed in one transaction, the store's pragmas
  NAME      quizlib as in the code tree DIR (its ``quizlib`` package first on the path),
            for --code NAME=DIR: e.g. the previous release, unpacked with ``git archive``
Each run copies the data first and drops its write-ahead log, so every side starts from
the same files with an empty log; each code tree measures a database its own version built
from the same history. It prints each run's median and, per side, the median of
its round medians and its ratio to Anki's, and the median of its round means (a mean
counts the answers that ran a checkpoint, which a median leaves out). With --slices N it
also prints, per side, the median of each run's answers 1..N, N+1..2N, ... (the median
over the rounds): the first answers of a session grow the write-ahead log file, and a sync
that extends a file costs more than one that rewrites it, until the first checkpoint (1000
pages) lets the log start over at its beginning.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def build_data(folder: Path, cards: int, per_card: int, twin: bool) -> None:
    """The database, the deck and (``twin``, when Anki is importable) Anki's collection of
    the same cards and history, in ``folder``."""
    import _anki
    from anki_compare import history
    from store_bench import NOW, build
    from study_scale import write_cards_deck

    from quizlib.store.store import Store

    folder.mkdir(parents=True, exist_ok=True)
    build(folder / "quizlib.db", cards, cards * per_card, random.Random(1))
    write_cards_deck(folder / "deck.yaml", cards)
    if twin and _anki.available():
        with Store.open(folder / "quizlib.db") as store:
            rows = store.cards("bench")
        _anki.build_twin(folder / "anki.anki2", rows, cards, history(cards, cards * per_card), NOW)
    (folder / "built").write_text(json.dumps({"cards": cards, "per_card": per_card}), encoding="utf-8")


def fresh_copy(source: Path, target: Path) -> Path:
    """``source`` copied to ``target``, with no write-ahead log beside it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copy(source, target)
    return target


def run_side(side: str, data: Path, answers: int) -> list[float]:
    """One side's latencies, in this process, on fresh copies of the data."""
    work = Path(tempfile.mkdtemp(prefix="answer-next-"))
    try:
        if side == "anki":
            import _anki
            from anki.collection import Collection

            col = Collection(str(fresh_copy(data / "anki.anki2", work / "anki.anki2")))
            try:
                return _anki.answer_and_next(col, answers)
            finally:
                col.close()
        if side == "floor":
            from study_scale import raw_answer_floor

            return raw_answer_floor(fresh_copy(data / "quizlib.db", work / "floor.db"), answers)
        return quizlib_latencies(data, fresh_copy(data / "quizlib.db", work / "quizlib.db"), answers)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def quizlib_latencies(data: Path, db: Path, answers: int) -> list[float]:
    from store_bench import NOW
    from study_scale import answer_latencies, start_session

    from quizlib.deckfile.load import load_deck
    from quizlib.plugins import get_plugin_manager
    from quizlib.store.store import Store

    host = get_plugin_manager(entry_points=False)
    deck = load_deck(data / "deck.yaml", sections=host.sections, cache_dir=None)
    now = [NOW]
    with Store.open(db) as store:
        return answer_latencies(start_session(store, deck, host, now), now, answers)


def spawn(side: str, args: list[str], code: dict[str, str]) -> str:
    """Run this script with ``args`` in a fresh process (with ``side``'s code tree first on
    the path, if it has one); the last line it printed."""
    env = dict(os.environ)
    if side in code:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [code[side], env.get("PYTHONPATH", "")]))
    out = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"the {side} run failed:\n{out.stderr[-3000:]}")
    return out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""


def prepare(data: Path, cards: int, per_card: int, code: dict[str, str]) -> None:
    """Build what is missing: the data in ``data``, and each code tree's database in
    ``data/NAME`` (built by that code)."""
    for side, folder in [("quizlib", data), *((name, data / name) for name in code)]:
        wanted = {"cards": cards, "per_card": per_card}
        built = folder / "built"
        if built.exists() and json.loads(built.read_text(encoding="utf-8")) == wanted:
            continue
        twin = "--twin" if side == "quizlib" else "--no-twin"
        spawn(side, ["--build", str(folder), "--cards", str(cards), "--per-card", str(per_card), twin], code)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--per-card", type=int, default=4)
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--code", action="append", default=[], metavar="NAME=DIR")
    parser.add_argument("--slices", type=int, default=0, metavar="N")
    parser.add_argument("--side", help=argparse.SUPPRESS)  # a worker: one side's run
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)  # a worker: build the data
    parser.add_argument("--twin", action=argparse.BooleanOptionalAction, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build_data(args.build, args.cards, args.per_card, bool(args.twin))
        return
    if args.side:
        xs = run_side(args.side, args.data, args.answers)
        step = args.slices or len(xs)
        slices = [statistics.median(xs[i : i + step]) for i in range(0, len(xs), step)]
        print(json.dumps({"median": statistics.median(xs), "mean": statistics.fmean(xs), "slices": slices}))
        return
    code = dict(item.split("=", 1) for item in args.code)
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data or Path(scratch) / "data"
        prepare(data, args.cards, args.per_card, code)
        sides = ["quizlib", *code, *(["anki"] if (data / "anki.anki2").exists() else []), "floor"]
        runs: dict[str, list[float]] = {side: [] for side in sides}
        means: dict[str, list[float]] = {side: [] for side in sides}
        sliced: dict[str, list[list[float]]] = {side: [] for side in sides}
        for n in range(args.rounds):
            for side in sides[n % len(sides) :] + sides[: n % len(sides)]:
                folder = data / side if side in code else data
                worker = ["--side", side, "--data", str(folder), "--answers", str(args.answers)]
                line = spawn(side, [*worker, "--slices", str(args.slices)], code)
                runs[side].append(float(json.loads(line)["median"]))
                means[side].append(float(json.loads(line)["mean"]))
                sliced[side].append(json.loads(line)["slices"])
            print(
                f"round {n + 1}: " + ", ".join(f"{s} {runs[s][-1] * 1000:.3f} ms" for s in sides), flush=True
            )
    anki = statistics.median(runs["anki"]) if "anki" in runs else None
    print(f"\n{args.cards:,} cards, {args.answers} answers a run, median of {args.rounds} round medians:")
    for side, xs in runs.items():
        ratio = f"  {statistics.median(xs) / anki:.2f}x Anki" if anki else ""
        mean = statistics.median(means[side])
        mean_ratio = f" ({mean / statistics.median(means['anki']):.2f}x)" if anki else ""
        line = f"  {side:<10}{statistics.median(xs) * 1000:8.3f} ms{ratio}"
        print(f"{line}   mean {mean * 1000:.3f} ms{mean_ratio}")
    if args.slices:
        print(f"\nmedian of each {args.slices} answers, in order (median over the rounds):")
        for side, rounds in sliced.items():
            width = max(map(len, rounds))
            cells = [statistics.median([r[i] for r in rounds if i < len(r)]) for i in range(width)]
            print(f"  {side:<10}" + " ".join(f"{x * 1000:6.3f}" for x in cells) + " ms")


if __name__ == "__main__":
    main()
