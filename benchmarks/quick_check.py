"""What the integrity check costs at open: ``Store.open`` beside ``PRAGMA quick_check`` alone.

Usage: python benchmarks/quick_check.py [--reviews 1000000]

Fills a database with --reviews synthetic reviews (over 100,000 cards), then prints, best
of 3: the time of ``Store.open`` (which runs ``quick_check`` before anything else), of
``quick_check`` alone on an open connection, and of a bare ``sqlite3.connect`` (baseline).
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from quizlib.store.store import Store

STATE = '{"state": 2, "stability": 3.1, "difficulty": 5.2}'


def fill(path: Path, reviews: int) -> None:
    """Reviews in bulk, in one transaction."""
    rows = (
        (f"u{i}", "d", f"q{i % 100_000}", "basic", f"2024-01-01T00:00:{i % 60:02d}+00:00", "answer",
         1.0, 3, 3, 1000, STATE, STATE, 0, "")
        for i in range(reviews)
    )  # fmt: skip
    with Store.open(path) as store, store.transaction() as conn:
        conn.executemany(
            "INSERT INTO reviews (uuid, deck_id, question_id, type, reviewed_at, answer, score, suggested,"
            " rating, response_ms, state_before, state_after, cram, origin)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )


def best(action: object, repeat: int = 3) -> float:
    """Best wall time of ``action()`` in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "q.db"
        fill(path, args.reviews)
        size = path.stat().st_size / 1e6
        bare = best(lambda: sqlite3.connect(path).close())
        opened = best(lambda: Store.open(path).close())
        with sqlite3.connect(path) as conn:
            check = best(lambda: conn.execute("PRAGMA quick_check").fetchall())
        print(f"{args.reviews:,} reviews, {size:.0f} MB")
        print(f"sqlite3.connect (baseline): {bare * 1000:.1f} ms")
        print(f"quick_check alone:          {check * 1000:.0f} ms")
        print(f"Store.open (with the check): {opened * 1000:.0f} ms")


if __name__ == "__main__":
    main()
