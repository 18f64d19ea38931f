"""The review store beside Anki's collection on the same history: size, daily-new count, answer commit.

Usage: python benchmarks/anki_compare.py [--cards 100000] [--reviews 1000000] [--answers 200]

Builds a quizlib database and (when the ``anki`` package is installed: ``pip install anki``,
never a quizlib dependency) an Anki collection holding the same synthetic history: --cards
cards, --reviews reviews, the same times and ratings. Then prints, for each:

  size            the database file after a checkpoint and VACUUM (MB, bytes per review)
  daily new       counting today's first reviews (quizlib: ``Store.new_reviewed_since``;
                  Anki: the same count from its revlog), best of 5
  answer commit   one answer saved durably (quizlib: ``Store.record_answer`` with the review
                  rule; Anki: ``answer_card``), median and p99 over --answers answers, and
                  the review rule alone (quizlib's FSRS in Python, no write)
  floor           INSERT + UPDATE + COMMIT in plain sqlite3 with the same pragmas

Both run with the garbage collector off while timing and with the journal settings each
program chooses (printed). Without ``anki`` only the quizlib figures are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from _anki import (
    CARD_ID0,
    PLAIN_MEMORY,
    QUEUE_REVIEW,
    REVIEW,
    AnkiCard,
    fill_collection,
    new_collection,
    revlog_rows,
    unicase,
)

from quizlib import Rating
from quizlib.srs.cards import apply_review
from quizlib.srs.scheduling import Scheduling
from quizlib.store.store import CardRow, Review, Store

NOW = dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC)
DAY_START = dt.datetime(2025, 6, 1, 4, tzinfo=dt.UTC)
DECK = "bench"


def history(cards: int, reviews: int, seed: int = 1) -> Iterator[tuple[int, dt.datetime, int, int]]:
    """(card, time, rating, response ms) for a plausible log: intervals grow, 10% lapses;
    the last 1% of cards had their first review today."""
    rng = random.Random(seed)
    per_card = max(1, reviews // cards)
    for c in range(cards):
        new_today = c >= cards * 0.99
        when = DAY_START + dt.timedelta(minutes=c % 200) if new_today else NOW - dt.timedelta(days=400)
        interval = 1.0
        for _ in range(1 if new_today else per_card):
            rating = 1 if rng.random() < 0.1 else 3
            yield c, when, rating, rng.randint(2000, 15000)
            interval = 1.0 if rating == 1 else interval * 2.2
            when = min(when + dt.timedelta(days=interval, seconds=rng.randint(0, 3600)), NOW)


def build_quizlib(path: Path, cards: int, reviews: int) -> None:
    """The history imported through the store (one transaction), each card's state from
    its last review (replaying a million reviews would take minutes and not change sizes)."""
    sched = Scheduling()

    def last_only(deck_id: str, qid: str, log: list[Review], old: CardRow | None) -> CardRow:
        last = log[-1]
        card = apply_review(
            None, Rating(last.rating), last.reviewed_at, sched, deck_id=deck_id, question_id=qid
        )
        return CardRow(
            deck_id, qid, card.state, card.due, len(log), 0, False, None, False, "0123456789abcdef"
        )

    rows = (
        Review(
            random.Random(n).getrandbits(64).to_bytes(8, "big").hex(),  # as a session makes them
            DECK,
            f"cards/c{c}/basic",
            "basic",
            when,
            rating,
            "",
            1.0 if rating > 1 else 0.0,
            rating,
            ms,
        )
        # In time order, as a log of live answers holds them (history() lists them by card).
        for n, (c, when, rating, ms) in sorted(enumerate(history(cards, reviews)), key=lambda r: r[1][1])
    )
    with Store.open(path) as store:
        store.import_reviews(rows, last_only, now=NOW)


def build_anki(path: Path, cards: int, reviews: int) -> object:
    """The same history as an Anki collection (FSRS on; see ``_anki.py``), every card a
    review card with the same memory state, opened by Anki for the timings."""
    from anki.collection import Collection

    layout = new_collection(path, DECK)
    card = AnkiCard(REVIEW, QUEUE_REVIEW, 500, 10, 10, 0, PLAIN_MEMORY)
    fill_collection(path, layout, [card] * cards, revlog_rows(history(cards, reviews)), int(NOW.timestamp()))
    return Collection(str(path))


def compact_size(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        conn.create_collation("unicase", unicase)  # VACUUM rebuilds Anki's indexes that use it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
    return path.stat().st_size


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(steps: list[Callable[[], object]]) -> list[float]:
    """Each step's wall time, with the collector off (as for every program measured here)."""
    gc.collect()
    gc.disable()
    try:
        out = []
        for step in steps:
            start = time.perf_counter()
            step()
            out.append(time.perf_counter() - start)
        return out
    finally:
        gc.enable()


def summary(xs: list[float]) -> str:
    p99 = sorted(xs)[min(len(xs) - 1, int(len(xs) * 0.99))]
    return f"median {statistics.median(xs) * 1000:6.2f} ms, p99 {p99 * 1000:6.2f} ms"


def quizlib_answers(path: Path, count: int) -> list[float]:
    sched = Scheduling()
    store = Store.open(path)
    now = NOW

    def answer(c: int) -> Callable[[], object]:
        def build(before: CardRow | None) -> tuple[Review, CardRow | None]:
            card = apply_review(
                before, Rating.GOOD, now, sched, deck_id=DECK, question_id=f"cards/c{c}/basic"
            )
            return Review("", DECK, card.question_id, "basic", now, 3, "", 1.0, 3, 3000), card

        return lambda: store.record_answer(DECK, f"cards/c{c}/basic", build)

    try:
        return timed([answer(c) for c in range(count)])
    finally:
        store.close()


def schedule_only(path: Path, count: int) -> list[float]:
    """The review rule alone (FSRS for the four ratings, in Python), no database write."""
    sched = Scheduling()
    with Store.open(path) as store:
        before = [store.card(DECK, f"cards/c{count + c}/basic") for c in range(count)]

    def step(c: int) -> Callable[[], object]:
        qid = f"cards/c{count + c}/basic"
        return lambda: apply_review(before[c], Rating.GOOD, NOW, sched, deck_id=DECK, question_id=qid)

    return timed([step(c) for c in range(count)])


def floor_answers(path: Path, count: int) -> list[float]:
    """INSERT + UPDATE + COMMIT in plain sqlite3, WAL and synchronous=FULL like the store."""
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA synchronous = FULL")

    def step(i: int) -> Callable[[], object]:
        def run() -> None:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(
                "INSERT INTO reviews (uuid, card, at, type, rating, cram) VALUES (?, ?, ?, 'basic', 3, 0)",
                (f"floor-{i}", i + 1, i),
            )
            raw.execute("UPDATE cards SET reps = reps + 1 WHERE rowid = ?", (i + 1,))
            raw.execute("COMMIT")

        return run

    try:
        return timed([step(i) for i in range(count)])
    finally:
        raw.close()


def anki_figures(path: Path, col: object, count: int) -> None:
    from anki.scheduler.v3 import CardAnswer

    db = col.db  # type: ignore[attr-defined]
    pragmas = (
        f"journal_mode={db.scalar('pragma journal_mode')}, synchronous={db.scalar('pragma synchronous')}"
    )
    cutoff = int(DAY_START.timestamp() * 1000)
    t_new = best_of(
        lambda: db.scalar("select count(distinct cid) from revlog where id >= ? and type = 0", cutoff)
    )
    sched = col.sched  # type: ignore[attr-defined]

    def answer(c: int) -> Callable[[], object]:
        def run() -> None:
            card = col.get_card(CARD_ID0 + c)  # type: ignore[attr-defined]
            card.start_timer()
            states = col._backend.get_scheduling_states(card.id)  # type: ignore[attr-defined]
            sched.answer_card(sched.build_answer(card=card, states=states, rating=CardAnswer.GOOD))

        return run

    latencies = timed([answer(c) for c in range(count)])
    col.close()  # type: ignore[attr-defined]
    size = compact_size(path)
    print(f"anki ({pragmas})")
    print(f"  size           {size / 1e6:8.1f} MB")
    print(f"  daily new      {t_new * 1000:8.2f} ms (revlog count)")
    print(f"  answer commit  {summary(latencies)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours = Path(tmp) / "quizlib.db"
        start = time.perf_counter()
        build_quizlib(ours, args.cards, args.reviews)
        built = time.perf_counter() - start
        size = compact_size(ours)
        with Store.open(ours) as store:
            reviews = store._conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
            t_new = best_of(lambda: store.new_reviewed_since(DECK, DAY_START))
            new = store.new_reviewed_since(DECK, DAY_START)
        answers = quizlib_answers(ours, args.answers)
        rule = schedule_only(ours, args.answers)
        floor = floor_answers(ours, args.answers)
        print(f"{reviews:,} reviews over {args.cards:,} cards ({new:,} new today); import took {built:.0f} s")
        print("quizlib (journal_mode=wal, synchronous=FULL)")
        print(f"  size           {size / 1e6:8.1f} MB ({size / reviews:.0f} bytes a review)")
        print(f"  daily new      {t_new * 1000:8.2f} ms (card_keys index)")
        print(f"  answer commit  {summary(answers)}")
        print(f"    of which the review rule (no write): {summary(rule)}")
        print(f"  floor          {summary(floor)} (raw INSERT + UPDATE + COMMIT, same pragmas)")
        try:
            import anki  # noqa: F401
        except ImportError:
            print("anki: not installed (pip install anki into a separate environment to compare)")
            return
        theirs = Path(tmp) / "collection.anki2"
        col = build_anki(theirs, args.cards, args.reviews)
        anki_figures(theirs, col, args.answers)


if __name__ == "__main__":
    main()
