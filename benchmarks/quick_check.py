"""What the integrity check costs at open: ``Store.open`` beside ``PRAGMA quick_check`` alone.

Usage: python benchmarks/quick_check.py [--reviews 1000000]

Fills a database with --reviews synthetic reviews (over 100,000 cards), then prints, best
of 3: the time of ``Store.open`` (which runs ``quick_check`` before anything else), of
``quick_check`` alone on an open connection, and of a bare ``sqlite3.connect`` (baseline).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import tempfile
import time
from pathlib import Path

from quizlib.store.store import CardRow, Review, Store

NOW = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)


def fill(path: Path, reviews: int) -> None:
    """Reviews in bulk, in one transaction (each card's state a stand-in: only sizes matter)."""
    rows = (
        Review(
            f"u{i}",
            "d",
            f"q{i % 100_000}",
            "basic",
            NOW - dt.timedelta(seconds=i % 60),
            3,
            "answer",
            1.0,
            3,
            1000,
        )
        for i in range(reviews)
    )

    def stand_in(deck: str, qid: str, log: list[Review], old: CardRow | None) -> CardRow:
        return CardRow(deck, qid, {"state": 2, "stability": 3.1}, NOW, len(log), 0, False, None, False, "")

    with Store.open(path) as store:
        store.import_reviews(rows, stand_in, now=NOW)


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
