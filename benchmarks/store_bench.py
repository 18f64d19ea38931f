"""Review store and session engine at scale, beside the raw SQLite floor, in one run.

Usage: python benchmarks/store_bench.py [--cards 100000] [--reviews 1000000] [--answers 300]

Builds a database with --reviews reviews over --cards cards through the store's import (the
history of ``anki_compare.py``; each card's FSRS state from its last review), then prints:
  queue query      the store's queries a session start needs: due ids, reviewed ids, hidden ids
  raw due query    the same due query in plain sqlite3 (floor)
  session start    Session.start on a deck of --cards basic cards, question generation included
  answer latency   submit + commit (grade, schedule, durable commit), median and p99
  raw commit       INSERT + UPDATE + COMMIT in plain sqlite3 on the same database, with the
                   store's pragmas (WAL, synchronous=FULL) (floor)
  database size
With --migrate REVIEWS it only times opening a schema-2 database of that many reviews.
Targets: queue build <= 50 ms; p99 answer latency <= 5 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from anki_compare import build_quizlib  # benchmarks/ is on sys.path when run as a script

from quizlib import Rating
from quizlib.model import Deck, Fact
from quizlib.plugins import get_plugin_manager
from quizlib.store.store import Store
from quizlib.study.session import Session, SessionOptions

NOW = dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC)


def build(path: Path, cards: int, reviews: int, rng: random.Random) -> None:
    """Fill the database with a plausible history through the store's import (see
    ``anki_compare.build_quizlib``: each card's state from its last review)."""
    del rng
    build_quizlib(path, cards, reviews)


def best_of(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def migration(reviews: int) -> None:
    """Time opening a schema-2 database (reviews with JSON states, as quizlib wrote them
    before migration 4): the backup, the migration and the VACUUM."""
    from quizlib.store.migrations import MIGRATIONS

    state = json.dumps({"card_id": 1, "state": 2, "step": None, "stability": 3.2, "difficulty": 5.1,
                        "due": NOW.isoformat(), "last_review": NOW.isoformat()})  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "old.db"
        conn = sqlite3.connect(path, isolation_level=None)
        for step in MIGRATIONS[:2]:
            step(conn)
        conn.execute("PRAGMA user_version = 2")
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO reviews (uuid, deck_id, question_id, type, reviewed_at, answer, score,"
            " suggested, rating, response_ms, state_before, state_after, cram, origin)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ((f"{n:032x}", "bench", f"cards/c{n % 100_000}/basic", "basic",
              (NOW - dt.timedelta(seconds=n)).isoformat(), "", 1.0, 3, 3, 1000, state, state, 0, "")
             for n in range(reviews)),
        )  # fmt: skip
        conn.execute("COMMIT")
        conn.close()
        before = path.stat().st_size
        start = time.perf_counter()
        Store.open(path).close()
        print(
            f"migration of {reviews:,} reviews: {before / 1e6:.0f} MB -> {path.stat().st_size / 1e6:.0f} MB"
            f" in {time.perf_counter() - start:.1f} s (backup, migration 4 and VACUUM)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument(
        "--migrate", type=int, metavar="REVIEWS", help="only time migrating a schema-2 database"
    )
    args = parser.parse_args()
    if args.migrate:
        migration(args.migrate)
        return
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        start = time.perf_counter()
        build(path, args.cards, args.reviews, rng)
        print(
            f"built {args.reviews:,} reviews / {args.cards:,} cards in {time.perf_counter() - start:.0f} s; "
            f"database {path.stat().st_size / 1e6:.0f} MB"
        )
        store = Store.open(path)
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("PRAGMA synchronous = FULL")  # the store's setting: a like-for-like floor
        iso = NOW.isoformat()
        t_queue = best_of(
            lambda: (store.due_ids("bench", NOW), store.reviewed_ids("bench"), store.hidden_ids("bench", NOW))
        )
        t_due = best_of(lambda: store.due_ids("bench", NOW))
        t_due200 = best_of(lambda: store.due_ids("bench", NOW, limit=200))
        t_reviewed = best_of(lambda: store.reviewed_ids("bench"))
        t_hidden = best_of(lambda: store.hidden_ids("bench", NOW))
        n_due = len(store.due_ids("bench", NOW))
        t_raw = best_of(
            lambda: raw.execute(
                "SELECT question_id FROM cards WHERE deck_id = ? AND due <= ? AND suspended = 0 ORDER BY due",
                ("bench", iso),
            ).fetchall()
        )
        t_raw_ids = best_of(
            lambda: raw.execute(
                "SELECT question_id FROM cards WHERE deck_id = ? AND state IS NOT NULL", ("bench",)
            ).fetchall()
        )
        print(
            f"queue query (due cards + reviewed ids + hidden ids): {t_queue * 1000:7.1f} ms"
            f"   [raw sqlite: due {t_raw * 1000:.1f} ms + ids {t_raw_ids * 1000:.1f} ms]"
        )
        print(
            f"  due ids ({n_due:,} due): {t_due * 1000:.1f} ms [raw {t_raw * 1000:.1f} ms]; first 200: "
            f"{t_due200 * 1000:.1f} ms; reviewed ids {t_reviewed * 1000:.1f} ms "
            f"[raw {t_raw_ids * 1000:.1f} ms]; hidden ids {t_hidden * 1000:.1f} ms"
        )
        facts = tuple(
            Fact("cards", f"c{c}", {"type": "basic", "front": f"Q{c}?", "back": f"a{c}"})
            for c in range(args.cards)
        )
        deck = Deck("bench", "Bench", settings={"new_per_day": 0}, sections={"cards": facts})
        host = get_plugin_manager(entry_points=False)
        clock_now = [NOW]

        def clock() -> dt.datetime:
            return clock_now[0]

        start = time.perf_counter()
        session = Session.start(
            store, [deck], host, clock=clock, rng=random.Random(2), options=SessionOptions(limit=args.answers)
        )
        t_start = time.perf_counter() - start
        print(
            f"session start (generates {args.cards:,} questions, builds the queue): {t_start * 1000:.0f} ms; "
            f"{session.progress().due} due"
        )
        latencies = []
        for _ in range(args.answers):
            if session.current is None:
                break
            t0 = time.perf_counter()
            session.submit("a")
            session.commit(Rating.GOOD)
            latencies.append(time.perf_counter() - t0)
            clock_now[0] += dt.timedelta(seconds=5)
        raw_lat = []
        for i in range(args.answers):
            t0 = time.perf_counter()
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(
                "INSERT INTO reviews (uuid, card, at, type, rating, cram) VALUES (?, 1, ?, 'basic', 3, 0)",
                (f"raw-{i}", i),
            )
            raw.execute(
                "UPDATE cards SET reps = reps + 1 WHERE deck_id = 'bench' AND question_id = ?",
                (f"cards/c{i}/basic",),
            )
            raw.execute("COMMIT")
            raw_lat.append(time.perf_counter() - t0)
        raw.close()
        store.close()

        def pct(xs: list[float], p: float) -> float:
            return sorted(xs)[min(len(xs) - 1, int(len(xs) * p))] * 1000

        print(
            f"answer (grade + schedule + commit): median {statistics.median(latencies) * 1000:.2f} ms, "
            f"p99 {pct(latencies, 0.99):.2f} ms over {len(latencies)} answers"
        )
        print(
            f"raw sqlite insert + update + commit: median {statistics.median(raw_lat) * 1000:.2f} ms, "
            f"p99 {pct(raw_lat, 0.99):.2f} ms"
        )
        print(f"database size: {path.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
