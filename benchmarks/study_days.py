"""Study days through the real engine: realised retention and broken day invariants.

Usage: python benchmarks/study_days.py [--days 60] [--cards 150,40,20] [--new 10]
       [--zone Europe/Berlin] [--start 2024-03-10] [--seed 5]

A simulated learner whose memory follows the scheduler's FSRS model studies a synthetic
deck (basic cards, two-gap clozes, choices; --cards gives their numbers) at the local
times of quizlib.study.day_simulation.SESSION_TIMES (02:30, 03:59, 04:01, 23:30 ...), from
--start for --days days (the default crosses the spring DST change in Berlin). Prints the
sessions, answers, review-card answers, the realised retention of review cards (about the
desired 0.90 when cards are asked on their due study day; less when they wait) and every
broken invariant (none expected).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from quizlib.deckfile.load import load_deck
from quizlib.plugins import get_plugin_manager
from quizlib.store.store import Store
from quizlib.study.day_simulation import SESSION_TIMES, deck_text, simulate_days


def main() -> None:
    """Run one simulation and print its figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--cards", default="150,40,20", help="basic,cloze,choice cards")
    parser.add_argument("--new", type=int, default=10, help="new questions a day")
    parser.add_argument("--zone", default="Europe/Berlin")
    parser.add_argument("--start", default="2024-03-10")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    basics, clozes, choices = (int(n) for n in args.cards.split(","))
    host = get_plugin_manager(entry_points=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sim.yaml"
        path.write_text(deck_text(basics, clozes, choices), encoding="utf-8")
        deck = load_deck(path, sections=host.sections, cache_dir=None)
        with Store.open(Path(tmp) / "sim.db") as store:
            report = simulate_days(
                store,
                [deck],
                host,
                tz=ZoneInfo(args.zone),
                start=dt.date.fromisoformat(args.start),
                days=args.days,
                times=SESSION_TIMES,
                rng=random.Random(args.seed),
                new_per_day=args.new,
            )
    retention = f"{report.retention:.3f}" if report.retention is not None else "-"
    print(
        f"sessions {report.sessions}  answers {report.answers}  review answers {report.reviews}"
        f"  realised retention {retention}  broken invariants {len(report.violations)}"
    )
    for line in report.violations[:20]:
        print("  " + line)


if __name__ == "__main__":
    main()
