"""A study session on a large collection, and ``check`` of a large deck, next to floors
measured in the same run (and next to Anki, when the ``anki`` package is importable).

Usage: python benchmarks/study_scale.py [--cards 10000,100000] [--per-card 4] [--answers 100]
                                        [--check-facts 100000] [--repeat 3]

For each size it builds a deck of that many basic cards and a review database in which
every card has --per-card reviews (FSRS states from replaying them; benchmarks/store_bench.py
builds it), so that about 40% of the cards are due, and prints:
  first question     `quizlib study DECK --plain` in a fresh process until the first question
                     is printed (deck cache warm), median of --repeat
  queue+first card   Session.start in-process with the deck and plugins loaded: the queue
                     queries, generating the questions asked, the first card (best of --repeat)
  answer+next        submit + commit (durable) + advancing to the next question, median and
                     p99 over --answers answers, next to the raw SQLite floor: an INSERT and
                     an UPDATE committed in one transaction with the store's own pragmas
Then `check` of a deck of --check-facts facts (events, quotes, figures in equal parts)
against yaml.load(CSafeLoader) of the same text, both with the garbage collector off.
Anki's figures are printed beside ours only when `import anki` works (a separate venv:
pip install anki); otherwise ours alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from deck_load import best, make_deck
from store_bench import NOW, build

from quizlib import Rating
from quizlib.deckfile.load import load_deck
from quizlib.plugins import get_plugin_manager
from quizlib.store.store import Store
from quizlib.study.questions import generate_questions
from quizlib.study.session import Session, SessionOptions

QUESTION_LINE = re.compile(rb"^Question 1 of \d+", re.MULTILINE)


def write_cards_deck(path: Path, cards: int) -> None:
    """A deck of basic cards whose question ids are the ones store_bench's history uses."""
    lines = ["quizlib: 1", "deck: {id: bench, title: Bench}", "cards:"]
    lines += [f"  - {{id: c{c}, type: basic, front: 'Q{c}?', back: a{c}}}" for c in range(cards)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def first_question(deck: Path, db: Path, env: dict[str, str]) -> float:
    """Wall time of `quizlib study DECK --plain` until it prints its first question."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "quizlib", "study", str(deck), "--plain", "--db", str(db), "--seed", "1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert process.stdout is not None
    elapsed = None
    for line in process.stdout:
        if elapsed is None and QUESTION_LINE.search(line):
            elapsed = time.perf_counter() - start
            process.kill()
            break
    process.wait()
    if elapsed is None:
        raise SystemExit("study printed no question")
    return elapsed


def session_figures(deck_path: Path, db: Path, answers: int, repeat: int) -> tuple[float, list[float], int]:
    """Session.start time (best of repeat), answer+next latencies, cards due."""
    host = get_plugin_manager(entry_points=False)
    deck = load_deck(deck_path, sections=host.sections, cache_dir=None)
    now = [NOW]

    def start() -> Session:
        return Session.start(
            store,
            [deck],
            host,
            clock=lambda: now[0],
            rng=random.Random(2),
            options=SessionOptions(),
            tz=dt.UTC,
        )

    store = Store.open(db)
    t_start = best(start, repeat)
    session = start()
    due = session.progress().due
    latencies = []
    for _ in range(answers):
        if session.current is None:
            break
        t0 = time.perf_counter()
        session.submit("a")
        session.commit(Rating.GOOD)
        _ = session.current
        latencies.append(time.perf_counter() - t0)
        now[0] += dt.timedelta(seconds=5)
    store.close()
    return t_start, latencies, due


def raw_answer_floor(db: Path, answers: int) -> list[float]:
    """INSERT a review and UPDATE a card in one committed transaction, with the store's pragmas."""
    with Store.open(db) as store:
        pragmas = {
            p: store._conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("journal_mode", "synchronous")
        }
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute(f"PRAGMA journal_mode={pragmas['journal_mode']}")
    raw.execute(f"PRAGMA synchronous={pragmas['synchronous']}")
    out = []
    for i in range(answers):
        t0 = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO reviews (uuid, card, at, type, rating, cram) VALUES (?, 1, ?, 'basic', 3, 0)",
            (f"raw-{i}", i),  # the compact log's row: a card key, a time in microseconds
        )
        raw.execute(
            "UPDATE cards SET reps = reps + 1 WHERE deck_id = 'bench' AND question_id = ?",
            (f"cards/c{i}/basic",),
        )
        raw.execute("COMMIT")
        out.append(time.perf_counter() - t0)
    raw.close()
    return out


def anki_available() -> bool:
    try:
        import anki  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


def pct(xs: list[float], p: float) -> float:
    return sorted(xs)[min(len(xs) - 1, int(len(xs) * p))] * 1000


def measure_size(cards: int, args: argparse.Namespace, tmp: Path, env: dict[str, str]) -> None:
    db, deck = tmp / f"study-{cards}.db", tmp / f"study-{cards}.yaml"
    started = time.perf_counter()
    build(db, cards, cards * args.per_card, random.Random(1))
    write_cards_deck(deck, cards)
    built = time.perf_counter() - started
    run_env = {**env, "QUIZLIB_NOW": NOW.isoformat()}
    first_question(deck, db, run_env)  # warms the deck cache and the plugin cache
    t_first = statistics.median(first_question(deck, db, run_env) for _ in range(args.repeat))
    t_queue, latencies, due = session_figures(deck, db, args.answers, args.repeat)
    floor = raw_answer_floor(db, args.answers)
    print(f"\n{cards:,} cards, {cards * args.per_card:,} reviews ({due:,} due; built in {built:.0f} s):")
    print(f"  first question (fresh process)   {t_first * 1000:8.0f} ms")
    print(f"  queue + first card (in process)  {t_queue * 1000:8.1f} ms")
    print(
        f"  answer + next question           median {statistics.median(latencies) * 1000:.2f} ms,"
        f" p99 {pct(latencies, 0.99):.2f} ms   [raw SQLite insert+update+commit: median"
        f" {statistics.median(floor) * 1000:.2f} ms, p99 {pct(floor, 0.99):.2f} ms]"
    )
    print(f"  database                         {db.stat().st_size / 1e6:8.0f} MB")


def measure_check(facts: int, tmp: Path, repeat: int) -> None:
    """`check`'s work (load with validation, generate every question) vs plain CSafeLoader."""
    path = tmp / f"check-{facts}.yaml"
    text = yaml.safe_dump(make_deck(facts), sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    host = get_plugin_manager(entry_points=False)

    def check() -> None:
        deck = load_deck(path, sections=host.sections, cache_dir=None)
        generate_questions(deck, host, random.Random(0))

    gc.disable()
    try:
        t_yaml = best(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeat)
        t_check = best(check, repeat)
    finally:
        gc.enable()
    print(
        f"\ncheck of a {facts:,}-fact deck ({len(text) / 1e6:.1f} MB), GC off in both:"
        f" {t_check:.2f} s vs yaml.load(CSafeLoader) {t_yaml:.2f} s = {t_check / t_yaml:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cards", default="10000,100000")
    parser.add_argument("--per-card", type=int, default=4)
    parser.add_argument("--answers", type=int, default=100)
    parser.add_argument("--check-facts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        "Anki: "
        + (
            "importable, but its side of this run is not implemented"
            if anki_available()
            else "not installed; quizlib's figures alone"
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {**os.environ, "QUIZLIB_CACHE_DIR": str(tmp / "cache")}
        for cards in (int(c) for c in args.cards.split(",") if c):
            measure_size(cards, args, tmp, env)
        if args.check_facts:
            measure_check(args.check_facts, tmp, args.repeat)


if __name__ == "__main__":
    main()
