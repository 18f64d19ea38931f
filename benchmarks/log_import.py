"""Peak memory (RSS) and time of ``log import`` beside parsing the same CSV alone, in one run.

Usage: python benchmarks/log_import.py [--rows 100000,1000000] [--per-card 10]

For each size, writes a synthetic review log (--per-card reviews per card, our full column
set), then runs in fresh processes:
  csv parse   ``csv.reader`` over the file, rows discarded (baseline: reading costs this)
  import      ``import_reviews(read_csv(...))`` into an empty database: checks, inserts and
              the FSRS replay of every card, in one transaction
and prints each process's peak RSS (``ru_maxrss``) and wall time. Bounded memory means the
import's peak stays flat as the log grows tenfold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
from pathlib import Path

START = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)

CHILD = """
import csv, resource, sys, time
from pathlib import Path
mode, path, db = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
with open(path, newline="", encoding="utf-8") as f:
    if mode == "parse":
        for _ in csv.reader(f):
            pass
    else:
        from quizlib.exchange.reviewlog import import_reviews, read_csv
        from quizlib.store.store import Store
        with Store.open(db) as store:
            import_reviews(store, read_csv(f))
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def write_log(path: Path, rows: int, per_card: int) -> None:
    """A plausible log: each card reviewed ``per_card`` times at growing intervals."""
    rng = random.Random(1)
    cards = max(1, rows // per_card)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("card_id,review_time,review_rating,review_duration,deck_id,question_id,answer\n")
        for i in range(rows):
            card, n = i % cards, i // cards
            when = START + dt.timedelta(days=n * (n + 1) // 2 * 3, seconds=card)
            rating = rng.choices((1, 2, 3, 4), (1, 2, 6, 1))[0]
            f.write(f"bench/q{card},{when.isoformat()},{rating},{rng.randint(800, 9000)},bench,q{card},ok\n")


def run(mode: str, path: Path, db: Path) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one child process."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(path), str(db)], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    """Print a Markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="100000,1000000")
    parser.add_argument("--per-card", type=int, default=10)
    args = parser.parse_args()
    print("| rows | file | csv parse alone: peak RSS, time | log import: peak RSS, time |")
    print("|---|---|---|---|")
    for rows in (int(x) for x in args.rows.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            log = Path(tmp) / "log.csv"
            write_log(log, rows, args.per_card)
            size = log.stat().st_size / 1e6
            t_parse, rss_parse = run("parse", log, Path(tmp) / "unused.db")
            t_import, rss_import = run("import", log, Path(tmp) / "q.db")
            print(
                f"| {rows:,} | {size:.0f} MB | {rss_parse / 1024:.0f} MB, {t_parse:.1f} s"
                f" | {rss_import / 1024:.0f} MB, {t_import:.1f} s |"
            )


if __name__ == "__main__":
    main()
