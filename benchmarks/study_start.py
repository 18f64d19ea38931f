"""A session's start on a large collection, and the store query it asks for the cards answered
since the study day began, for quizlib and other code trees, in fresh processes taking turns.

Usage: python benchmarks/study_start.py --data DIR [--rounds 5] [--code NAME=DIR ...]

DIR is an ``answer_next.py`` data folder (its ``quizlib.db`` and ``deck.yaml``; a code tree's
own database in ``DIR/NAME``; with that history 1% of the cards had their first review
today). Each round runs every side once, in turn, in a fresh process on a fresh copy of its
database (--code NAME=DIR: quizlib as in the code tree DIR, its ``quizlib`` package first on
the path): ``Store.reviewed_since`` (best of 50 calls) and ``Session.start`` with the deck
and plugins loaded (best of 5 sessions). It prints each side's median over the rounds.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def worker(data: Path) -> dict[str, float]:
    from anki_compare import DAY_START, DECK
    from store_bench import NOW, best_of
    from study_scale import start_session

    from quizlib.deckfile.load import load_deck
    from quizlib.plugins import get_plugin_manager
    from quizlib.store.store import Store

    work = Path(tempfile.mkdtemp(prefix="study-start-"))
    try:
        shutil.copy(data / "quizlib.db", work / "quizlib.db")
        host = get_plugin_manager(entry_points=False)
        deck = load_deck(data / "deck.yaml", sections=host.sections, cache_dir=None)
        with Store.open(work / "quizlib.db") as store:
            answered = len(store.reviewed_since(DECK, DAY_START))
            since = best_of(lambda: store.reviewed_since(DECK, DAY_START), 50)
            start = best_of(lambda: start_session(store, deck, host, [NOW]), 5)
        return {"answered today": answered, "reviewed_since": since, "Session.start": start}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    from _sides import parser, run_worker

    options = parser(__doc__)
    options.add_argument("--rounds", type=int, default=5)
    args = options.parse_args()
    if args.worker:
        print(json.dumps(worker(args.data)))
        return
    code = dict(item.split("=", 1) for item in args.code)
    sides = ["quizlib", *code]
    results: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
    for n in range(args.rounds):
        for side in sides[n % len(sides) :] + sides[: n % len(sides)]:
            results[side].append(run_worker(__file__, side, args.data, code, []))
    print(f"median of {args.rounds} rounds (each the best of its calls):")
    for side, rounds in results.items():
        cells = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
        figures = ", ".join(
            f"{k} {v:.0f}" if k == "answered today" else f"{k} {v * 1000:.3f} ms" for k, v in cells.items()
        )
        print(f"  {side:<10}{figures}")


if __name__ == "__main__":
    main()
