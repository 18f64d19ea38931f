"""The cards answered since a time, read from the log in its time order (schema 9): the same
set as each card's latest review time gave, through answers, cram, a clock set back, imports,
undos and renames; migration 9 keeps every query's answers; an answer writes no card key."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizlib.store import log
from quizlib.store.migrations import MIGRATIONS
from quizlib.store.records import CardRow, Review, micros
from quizlib.store.renames import rename_cards
from quizlib.store.store import Store
from quizlib.store.undo import undo_review

T0 = dt.datetime(2024, 5, 1, 4, 0, tzinfo=dt.UTC)
STATE = {"card_id": 1, "state": 2, "step": None, "stability": 3.2, "difficulty": 5.1}
QIDS = ("a", "b", "c", "d")
DECKS = ("x", "y")


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def card(deck: str, qid: str, due: dt.datetime = T0) -> CardRow:
    return CardRow(deck, qid, dict(STATE), due, 1, 0, False, None, False, "")


def keep_last(deck: str, qid: str, history: list[Review], old: CardRow | None) -> CardRow:
    """A reschedule for imports: the card due a day after its last review."""
    return card(deck, qid, history[-1].reviewed_at + dt.timedelta(days=1))


def expected(store: Store, deck: str, since: dt.datetime) -> set[str]:
    """What each card's latest (non-cram) review time answered: any such review since."""
    return {r.question_id for r in store.reviews(deck) if not r.cram and r.reviewed_at >= since}


def unflagged_in_time_order(store: Store) -> bool:
    rows = store._conn.execute("SELECT at FROM reviews WHERE backdated IS NULL ORDER BY id").fetchall()
    return all(a[0] <= b[0] for a, b in itertools.pairwise(rows))


REVIEW = st.tuples(st.sampled_from(DECKS), st.sampled_from(QIDS), st.integers(0, 300), st.booleans())
RENAME = st.tuples(st.sampled_from(DECKS), st.sampled_from(QIDS), st.sampled_from("ef"))
STEP = st.one_of(
    st.tuples(st.just("answer"), REVIEW),
    st.tuples(st.just("import"), st.lists(REVIEW, min_size=1, max_size=6)),
    st.tuples(st.just("undo"), st.integers(0, 50)),
    st.tuples(st.just("remove"), st.integers(0, 50)),
    st.tuples(st.just("rename"), RENAME),
)


Saved = list[tuple[int, str, str]]


def _apply(store: Store, step: tuple[str, Any], ids: Iterator[int], saved: Saved) -> None:
    kind, arg = step
    if kind == "answer":  # a session's answer; the clock may have been set back since the last
        deck, qid, minutes, cram = arg
        review = Review(f"{next(ids):016x}", deck, qid, "basic", at(minutes), 3, cram=cram)
        saved.append((store.record(review, card(deck, qid)), deck, qid))
    elif kind == "import":  # another device's reviews, in any order, older or newer
        reviews = [Review(f"{next(ids):016x}", d, q, "basic", at(m), 3, cram=c) for d, q, m, c in arg]
        store.import_reviews(reviews, keep_last, now=at(400))
    elif kind == "undo" and saved:
        rid, deck, qid = saved[arg % len(saved)]
        undo_review(store, rid, None, deck, qid)
    elif kind == "remove":  # what a sync does with another device's undo
        rows = [r[0] for r in store._conn.execute("SELECT id FROM reviews ORDER BY id")]
        if rows:
            with store.transaction():
                log.remove(store._conn, rows[arg % len(rows)])
    elif kind == "rename":
        deck, old, new = arg
        rename_cards(store, deck, {old: new})


@settings(max_examples=150, deadline=None)
@given(st.lists(STEP, min_size=1, max_size=25), st.lists(st.integers(-10, 310), min_size=1, max_size=6))
def test_reviewed_since_is_every_card_with_a_review_since(
    steps: list[tuple[str, Any]], sinces: list[int]
) -> None:
    with closing(Store.open(":memory:")) as store:
        ids, saved = itertools.count(1), []
        for step in steps:
            _apply(store, step, ids, saved)
            assert unflagged_in_time_order(store)
        # Every review's own instant too: "at or after" holds at the edge.
        for moment in [*map(at, sinces), *(r.reviewed_at for r in store.reviews())]:
            for deck in DECKS:
                assert store.reviewed_since(deck, moment) == expected(store, deck, moment), (deck, moment)


def test_undo_of_todays_answer_takes_the_card_out_of_the_set() -> None:
    with closing(Store.open(":memory:")) as store:
        store.record(Review("", "x", "a", "basic", at(-1440), 3), card("x", "a"))
        today = store.record(Review("", "x", "a", "basic", at(10), 3), card("x", "a"))
        store.record(Review("", "x", "b", "basic", at(11), 3, cram=True), card("x", "b"))
        assert store.reviewed_since("x", at(0)) == {"a"}
        assert undo_review(store, today, card("x", "a"), "x", "a")
        assert store.reviewed_since("x", at(0)) == set()
        assert store.reviewed_since("x", at(-1440)) == {"a"}


def test_a_clock_set_back_or_an_older_import_keeps_the_set_right() -> None:
    with closing(Store.open(":memory:")) as store:
        store.record(Review("", "x", "a", "basic", at(100), 3), card("x", "a"))
        store.record(Review("", "x", "b", "basic", at(5), 3), card("x", "b"))  # clock set back
        store.import_reviews([Review("", "x", "c", "basic", at(50), 3)], keep_last, now=at(200))
        store.record(Review("", "x", "d", "basic", at(120), 3), card("x", "d"))
        flagged = store._conn.execute("SELECT COUNT(*) FROM reviews WHERE backdated = 1").fetchone()[0]
        assert flagged == 2  # b and c
        assert store.reviewed_since("x", at(0)) == {"a", "b", "c", "d"}
        assert store.reviewed_since("x", at(40)) == {"a", "c", "d"}
        assert store.reviewed_since("x", at(110)) == {"d"}


def test_a_long_history_merged_after_a_few_answers_flags_the_few(tmp_path: Path) -> None:
    with closing(Store.open(tmp_path / "q.db")) as store:
        for n in range(3):
            store.record(Review("", "x", f"mine{n}", "basic", at(n), 3), card("x", f"mine{n}"))
        history = [Review("", "x", f"q{n % 50}", "basic", at(-3000 + 2 * n), 3) for n in range(2000)]
        store.import_reviews(history, keep_last, now=at(10))
        flagged = store._conn.execute("SELECT COUNT(*) FROM reviews WHERE backdated = 1").fetchone()[0]
        assert flagged == 3  # the three answers, not the 2,000 merged reviews
        assert unflagged_in_time_order(store)
        for minutes in (-3000, -1000, 0, 1, 2, 3):
            assert store.reviewed_since("x", at(minutes)) == expected(store, "x", at(minutes))


def _steps(store: Store, call: Any) -> int:
    """SQLite virtual-machine steps that ``call`` takes (counted every 10)."""
    count = [0]

    def tick() -> int:
        count[0] += 1
        return 0

    store._conn.set_progress_handler(tick, 10)
    try:
        call()
    finally:
        store._conn.set_progress_handler(None, 0)
    return count[0]


def test_reviewed_since_reads_the_reviews_saved_since_not_the_log(tmp_path: Path) -> None:
    def history(count: int, start: int = 0) -> list[Review]:
        return [Review("", "x", f"q{n}", "basic", at(-3000 + n), 3) for n in range(start, start + count)]

    steps = []
    for old in (200, 1600):
        with closing(Store.open(tmp_path / f"{old}.db")) as store:
            store.import_reviews(history(old), keep_last, now=T0)
            for n in range(3):
                store.record(Review("", "x", f"q{n}", "basic", at(n), 3), card("x", f"q{n}"))
            store.import_reviews(history(20, old), keep_last, now=at(5))  # older: backdated
            assert store.reviewed_since("x", T0) == {"q0", "q1", "q2"}
            steps.append(_steps(store, lambda: store.reviewed_since("x", T0)))
    # The rows saved since (3 answers, 20 imported) either way: 8 times the log, same steps.
    assert steps[0] == steps[1], steps


# -- migration 9 ------------------------------------------------------------------------------
OLD_SINCE = "SELECT question_id FROM card_keys WHERE deck_id = ? AND last_review >= ?"


def schema_8_database(path: Path, rng: random.Random) -> None:
    """A schema-8 database as that version wrote it: card keys with their first and latest
    review times, reviews saved out of time order (imports) and in it, cram, card states."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        for step in MIGRATIONS[:8]:
            step(conn)
        conn.execute("PRAGMA user_version = 8")
        conn.execute("BEGIN")
        reviews = [
            (rng.choice(DECKS), f"q{rng.randrange(30)}", rng.randrange(-2000, 300), rng.random() < 0.1)
            for _ in range(400)
        ]
        reviews[200:] = sorted(reviews[200:], key=lambda r: r[2])  # then a session's, in order
        for n, (deck, qid, minutes, cram) in enumerate(reviews):
            when = micros(at(minutes))
            conn.execute("INSERT OR IGNORE INTO card_keys (deck_id, question_id) VALUES (?, ?)", (deck, qid))
            key = conn.execute(
                "SELECT id FROM card_keys WHERE deck_id = ? AND question_id = ?", (deck, qid)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO reviews (uuid, card, at, type, rating, cram) VALUES (?, ?, ?, 'basic', 3, ?)",
                (n.to_bytes(16, "big"), key, when, int(cram)),
            )
            if not cram:
                row = card(deck, qid, at(minutes + 1440))
                conn.execute(*Store(conn, str(path)).upsert_sql(row))
        conn.execute(  # each card's first and latest times, as that version kept them
            "UPDATE card_keys SET"
            " first_review = (SELECT MIN(at) FROM reviews WHERE card = card_keys.id AND cram = 0),"
            " last_review = (SELECT MAX(at) FROM reviews WHERE card = card_keys.id AND cram = 0)"
        )
        conn.execute("UPDATE cards SET suspended = 1 WHERE question_id = 'q3'")
        conn.execute("COMMIT")


def answers(store: Store, now: dt.datetime, old: bool = False) -> dict[str, Any]:
    """What every reading query answers."""
    out: dict[str, Any] = {"decks": store.deck_ids(), "all": sorted(store.all_cards(), key=repr)}
    out["log"] = [(r.id, r.uuid, r.deck_id, r.question_id, r.reviewed_at, r.cram) for r in store.reviews()]
    for deck in DECKS:
        ids = sorted(store.cards(deck))
        out[deck] = (
            store.cards(deck),
            [store.card(deck, q) for q in ids],
            store.reviewed_ids(deck),
            store.hidden_ids(deck, now),
            store.due_ids(deck, now),
            store.due_total(deck, now, review_until=now),
            store.learning_ids(deck, now, now + dt.timedelta(days=1)),
            store.due_count([deck], now),
            store.next_due([deck], now),
            [r.id for r in store.reviews(deck)],
        )
        for minutes in range(-2100, 320, 20):
            since = at(minutes)
            if old:
                rows = store._conn.execute(OLD_SINCE, (deck, micros(since)))
                got = {r[0] for r in rows}
            else:
                got = store.reviewed_since(deck, since)
            out[f"{deck} {minutes}"] = (got, store.new_reviewed_since(deck, since))
    return out


def test_migration_9_keeps_every_querys_answers(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    schema_8_database(path, random.Random(9))
    now = at(200)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        before = answers(Store(conn, str(path)), now, old=True)
    with closing(Store.open(path)) as store:
        after = answers(store, now)
        assert unflagged_in_time_order(store)
        columns = {r[1] for r in store._conn.execute("PRAGMA table_info(card_keys)")}
        indexes = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert store.integrity_ok()
    assert after == before
    assert "last_review" not in columns and "card_keys_last" not in indexes
    assert {"reviews_backdated", "card_keys_first"} <= indexes
    assert Path(f"{path}.bak-v8").exists()


def test_answers_after_migration_9_keep_the_set_right(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    schema_8_database(path, random.Random(3))
    with closing(Store.open(path)) as store:
        for n, minutes in enumerate((310, 250, 320)):  # the second one with the clock set back
            store.record(Review("", "x", f"new{n}", "basic", at(minutes), 3), card("x", f"new{n}"))
        assert unflagged_in_time_order(store)
        for minutes in (0, 240, 260, 315):
            assert store.reviewed_since("x", at(minutes)) == expected(store, "x", at(minutes))


# -- what an answer writes --------------------------------------------------------------------
def last_commit_pages(wal: Path) -> list[int]:
    """The pages of the write-ahead log's last committed transaction."""
    data = wal.read_bytes()
    page_size = struct.unpack(">I", data[8:12])[0]
    commits, pending = [], []
    for offset in range(32, len(data) - 24 + 1, 24 + page_size):
        page, size_after = struct.unpack(">II", data[offset : offset + 8])
        pending.append(page)
        if size_after:
            commits, pending = [*commits, pending], []
    return commits[-1]


def test_an_answer_to_a_reviewed_card_writes_no_card_key_or_time_index(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    with closing(Store.open(path)) as store:
        if not store._conn.execute("SELECT 1 FROM pragma_module_list WHERE name = 'dbstat'").fetchone():
            pytest.skip("this SQLite has no dbstat table")
        history = [Review("", "x", f"q{n}", "basic", at(-3000 + n), 3) for n in range(3000)]
        store.import_reviews(history, keep_last, now=T0)
        store._conn.execute("PRAGMA wal_autocheckpoint = 0")
        store.record(Review("", "x", "q1500", "basic", T0, 3), card("x", "q1500"))
        pages = last_commit_pages(Path(f"{path}-wal"))
        owners = dict(store._conn.execute("SELECT pageno, name FROM dbstat").fetchall())
    written = {owners.get(p) for p in pages}
    assert {"reviews", "cards"} <= written  # the review and the card's new state
    assert not written & {"card_keys", "card_keys_first", "sqlite_autoindex_card_keys_1", "reviews_backdated"}
