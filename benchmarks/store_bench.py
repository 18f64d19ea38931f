"""Review store and session engine at scale, beside the raw SQLite floor, in one run.

Usage: python benchmarks/store_bench.py [--cards 100000] [--reviews 1000000] [--answers 300]

Builds a database with --reviews reviews over --cards cards (FSRS states from replaying a
synthetic history), then prints:
  queue query      the store's queries a session start needs: due ids, reviewed ids, hidden ids
  raw due query    the same due query in plain sqlite3 (floor)
  session start    Session.start on a deck of --cards basic cards, question generation included
  answer latency   submit + commit (grade, schedule, durable commit), median and p99
  raw commit       INSERT + UPDATE + COMMIT in plain sqlite3 on the same database (floor)
  database size
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

from quizlib import Rating
from quizlib.model import Deck, Fact
from quizlib.plugins import get_plugin_manager
from quizlib.srs.scheduling import SchedulerSettings, Scheduling, due_of
from quizlib.store.store import Store
from quizlib.study.session import Session, SessionOptions

NOW = dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC)


def build(path: Path, cards: int, reviews: int, rng: random.Random) -> None:
    """Fill the database with a plausible history, in bulk."""
    Store.open(path).close()  # schema
    sched = Scheduling(SchedulerSettings())
    conn = sqlite3.connect(path)
    per_card = max(1, reviews // cards)
    review_rows, card_rows = [], []
    for c in range(cards):
        qid = f"cards/c{c}/basic"
        state = None
        when = NOW - dt.timedelta(days=400 + rng.random() * 30)
        for _ in range(per_card):
            rating = Rating.AGAIN if rng.random() < 0.1 else Rating.GOOD
            before = state
            state = sched.review(state, rating, when, f"bench/{qid}")
            review_rows.append(
                (
                    f"{c}-{len(review_rows)}",
                    "bench",
                    qid,
                    "basic",
                    when.isoformat(),
                    "",
                    1.0,
                    3,
                    int(rating),
                    1000,
                    json.dumps(before) if before else None,
                    json.dumps(state),
                    0,
                    "",
                )
            )
            when = min(due_of(state), NOW - dt.timedelta(minutes=1))
        card_rows.append(
            ("bench", qid, "", json.dumps(state), due_of(state).isoformat(), per_card, 0, 0, None, 0)
        )
        if len(review_rows) > 200_000:
            flush(conn, review_rows, [])
            review_rows = []
    flush(conn, review_rows, card_rows)
    conn.close()


def flush(
    conn: sqlite3.Connection, reviews: list[tuple[object, ...]], cards: list[tuple[object, ...]]
) -> None:
    conn.executemany(
        "INSERT INTO reviews (uuid, deck_id, question_id, type, reviewed_at, answer, score, suggested,"
        " rating, response_ms, state_before, state_after, cram, origin) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        reviews,
    )
    conn.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?)", cards)
    conn.commit()


def best_of(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=300)
    args = parser.parse_args()
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
        raw = sqlite3.connect(path)
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
                "INSERT INTO reviews (uuid, deck_id, question_id, type, reviewed_at, rating, cram)"
                " VALUES (?, 'bench', 'x', 'basic', ?, 3, 0)",
                (f"raw-{i}", iso),
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
