"""Time of ``quizlib sync`` for a year of daily study on three devices, beside baselines.

Usage: python benchmarks/sync.py [--reviews 100000] [--cards 5000] [--repeat 5]

Builds three review databases holding --reviews reviews (a year of daily study split over a
laptop, a desktop and a server, on --cards cards), each already holding the others' reviews
as a sync would have imported them, syncs them through one folder, then measures:

  no-change sync      ``sync()`` on a device when nothing changed anywhere (median of
                      --repeat runs), and the same as a whole ``quizlib sync DIR`` process
                      beside ``quizlib --version`` (the start-up every command pays)
  baseline            reading and parsing every folder file in full: what a sync would cost
                      without its remembered offsets
  from scratch        a new, empty database importing the whole folder (every review,
                      replayed through FSRS), and the first sync of a device that has all
                      its reviews but no file in the folder yet (writes its file in full)
  baseline            ``log export`` of one database and ``log import`` of that CSV into an
                      empty one: the existing merge path, for the same number of reviews
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from quizlib.exchange.reviewlog import export_csv, import_reviews, read_csv
from quizlib.exchange.sync import sync
from quizlib.store import log, syncstate
from quizlib.store.records import Review
from quizlib.store.store import Store

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
DEVICES = ("laptop", "desktop", "server")


def year_of_reviews(reviews: int, cards: int, seed: int) -> dict[str, list[Review]]:
    """Each device's reviews: daily sessions over 365 days, cards revisited at growing intervals."""
    rng = random.Random(seed)
    per_day = max(1, reviews // 365)
    out: dict[str, list[Review]] = {d: [] for d in DEVICES}
    for i in range(reviews):
        day, device = i // per_day, rng.choice(DEVICES)
        when = NOW - dt.timedelta(days=365 - min(day, 364), seconds=rng.randint(0, 80_000))
        card = rng.randrange(cards)
        rating = rng.choices((1, 2, 3, 4), (1, 2, 6, 1))[0]
        uid = f"{device[0]}{i:031x}"
        out[device].append(Review(uid, "bench", f"q{card}", "basic", when, rating, "ok", 1.0, 3, 4000))
    for reviews in out.values():
        reviews.sort(key=lambda r: r.reviewed_at)  # studied in time order, as live sessions are
    return out


def seed_databases(root: Path, data: dict[str, list[Review]]) -> dict[str, Path]:
    """Three databases that already hold every review: their own as studied there, the
    others' as a sync imports them. Written with the store's bulk merge, without the FSRS
    replay the real history went through: card states play no part in the no-change
    figures, and the from-scratch figures replay everything for real."""
    paths = {device: root / f"{device}.db" for device in DEVICES}
    ids = {}
    for device, path in paths.items():
        with Store.open(path) as store:
            ids[device] = syncstate.device_id(store)
    everything = sorted(((d, r) for d, rs in data.items() for r in rs), key=lambda p: p[1].reviewed_at)
    for device, path in paths.items():
        origin = {d: "" if d == device else syncstate.sync_origin(ids[d]) for d in DEVICES}
        mine = (replace(r, origin=origin[d]) for d, r in everything)
        with Store.open(path) as store, store.transaction():
            log.import_rows(store._conn, mine, NOW)
    return paths


def timed(action: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def read_all(folder: Path) -> int:
    """Parse every line of every folder file (the baseline a full re-read costs)."""
    count = 0
    for path in folder.glob("quizlib-*.jsonl"):
        with path.open("rb") as f:
            for line in f:
                json.loads(line)
                count += 1
    return count


def process(*args: str) -> float:
    """Wall time of a whole ``quizlib ARGS`` process (start-up included)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "quizlib", *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    """Print a Markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--cards", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "shared"
        folder.mkdir()
        dbs = seed_databases(root, year_of_reviews(args.reviews, args.cards, 1))
        stores = {d: Store.open(p) for d, p in dbs.items()}
        first_writes = [timed(lambda s=s: sync(s, folder, NOW)) for s in stores.values()]
        for _ in range(2):
            for s in stores.values():
                sync(s, folder, NOW)
        laptop = stores["laptop"]
        no_change = statistics.median(timed(lambda: sync(laptop, folder, NOW)) for _ in range(args.repeat))
        cli = statistics.median(
            process("sync", str(folder), "--db", str(dbs["laptop"])) for _ in range(args.repeat)
        )
        startup = statistics.median(process("--version") for _ in range(args.repeat))
        lines = read_all(folder)
        full_read = statistics.median(timed(lambda: read_all(folder)) for _ in range(args.repeat))
        with Store.open(root / "new.db") as new:
            scratch = timed(lambda: sync(new, folder, NOW))
            total = sum(1 for _ in new.reviews())
        buffer = io.StringIO()
        export = timed(lambda: export_csv(laptop, buffer))  # the laptop holds every review by now
        buffer.seek(0)
        with Store.open(root / "csv.db") as target:
            csv_import = timed(lambda: import_reviews(target, read_csv(buffer, now=NOW)))
        size = sum(p.stat().st_size for p in folder.iterdir())
        for s in stores.values():
            s.close()
    print(f"{total:,} reviews in the folder ({lines:,} lines, {size / 1e6:.0f} MB), {len(DEVICES)} devices\n")
    print("| figure | sync | baseline (same run) |")
    print("|---|---|---|")
    print(
        f"| no-change sync of one device (median of {args.repeat}) | {no_change * 1000:.1f} ms"
        f" | re-reading every file in full: {full_read * 1000:.0f} ms |"
    )
    print(
        f"| no-change `quizlib sync DIR`, whole process (median of {args.repeat}) | {cli * 1000:.0f} ms"
        f" | `quizlib --version`: {startup * 1000:.0f} ms |"
    )
    print(
        f"| from scratch: an empty database imports all {total:,} reviews | {scratch:.2f} s"
        f" | log export {export:.2f} s + log import into an empty database {csv_import:.2f} s |"
    )
    firsts = ", ".join(f"{t:.2f} s" for t in first_writes)
    print(
        f"| first sync of each device holding every review (writes its file in full, reads the earlier"
        f" devices' files) | {firsts} | — |"
    )


if __name__ == "__main__":
    main()
