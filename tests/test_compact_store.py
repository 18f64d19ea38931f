"""The compact, durable review store: migration of older databases, indexed counts, pragmas."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path

from quizlib.store.migrations import MIGRATIONS
from quizlib.store.store import CardRow, Review, Store
from quizlib.store.undo import undo_review

T0 = dt.datetime(2024, 1, 15, 9, 30, 15, 123456, tzinfo=dt.UTC)
STATE = {"card_id": 1, "state": 2, "step": None, "stability": 3.2, "difficulty": 5.1}


def old_database(path: Path, reviews: int) -> None:
    """A schema-2 database as earlier versions wrote it: states as JSON on every review."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        for step in MIGRATIONS[:2]:
            step(conn)
        conn.execute("PRAGMA user_version = 2")
        state = json.dumps({**STATE, "due": T0.isoformat(), "last_review": T0.isoformat()})
        conn.execute("BEGIN")
        for n in range(reviews):
            when = (T0 + dt.timedelta(minutes=n)).isoformat()
            conn.execute(
                "INSERT INTO reviews (uuid, deck_id, question_id, type, reviewed_at, answer, score,"
                " suggested, rating, response_ms, state_before, state_after, cram, origin)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    f"{n:032x}",
                    "d",
                    f"q{n % 50}",
                    "basic",
                    when,
                    "an answer",
                    1.0,
                    3,
                    3,
                    900,
                    state,
                    state,
                    0,
                    "",
                ),
            )
        conn.execute(
            "INSERT INTO reviews (uuid, deck_id, question_id, type, reviewed_at, rating, cram)"
            " VALUES ('not-hex', 'd', 'q0', 'basic', ?, 1, 1)",
            (T0.isoformat(),),
        )
        conn.execute("COMMIT")


def test_migration_keeps_every_review_and_shrinks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    old_database(path, 3000)
    before = path.stat().st_size
    with closing(sqlite3.connect(path)) as conn:
        old = conn.execute(
            "SELECT uuid, deck_id, question_id, reviewed_at, rating, answer, cram FROM reviews ORDER BY id"
        ).fetchall()
    with Store.open(path) as store:
        migrated = [
            (
                r.uuid,
                r.deck_id,
                r.question_id,
                r.reviewed_at.isoformat(),
                r.rating,
                r.answer or None,
                int(r.cram),
            )
            for r in sorted(store.reviews(), key=lambda r: r.id)
        ]
        assert store.new_reviewed_since("d", T0) == 50
    assert migrated == [(*row[:5], row[5] or None, row[6]) for row in old]
    assert path.stat().st_size < before / 2
    assert Path(f"{path}.bak-v2").stat().st_size >= before  # the backup keeps the old file


def test_answers_are_durable_in_wal(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def card(qid: str) -> CardRow:
    return CardRow("d", qid, dict(STATE), T0, 1, 0, False, None, False, "")


def test_daily_new_count_and_reviewed_since_follow_answers_undo_and_cram(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        store.record(Review("", "d", "a", "basic", T0 - dt.timedelta(days=1), 3), card("a"))
        store.record(Review("", "d", "a", "basic", T0, 3), card("a"))  # not new today
        rid = store.record(Review("", "d", "b", "basic", T0, 3), card("b"))
        store.record(Review("", "d", "c", "basic", T0, 3, cram=True), card("c"))  # cram: not counted
        assert store.new_reviewed_since("d", T0) == 1
        assert store.reviewed_since("d", T0) == {"a", "b"}
        undo_review(store, rid, None, "d", "b")  # undo
        assert store.new_reviewed_since("d", T0) == 0
        assert store.reviewed_since("d", T0) == {"a"}


def test_the_daily_new_count_reads_an_index_not_the_log(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        sql = "SELECT COUNT(*) FROM card_keys WHERE deck_id = ? AND first_review >= ?"
        plan = " ".join(str(r[-1]) for r in store._conn.execute(f"EXPLAIN QUERY PLAN {sql}", ("d", 0)))
        assert "USING" in plan and "INDEX card_keys_first" in plan, plan


def test_review_ids_of_every_form_read_back_as_written(tmp_path: Path) -> None:
    ids = ["0123456789abcdef", "0123456789abcdef" * 2, "from-a-file", "ABCDEF0123456789"]
    with Store.open(tmp_path / "q.db") as store:
        for n, rid in enumerate(ids):
            store.record(Review(rid, "d", f"q{n}", "basic", T0, 3), card(f"q{n}"))
        store.record(Review("", "d", "fresh", "basic", T0, 3), card("fresh"))
        stored = [r.uuid for r in sorted(store.reviews(), key=lambda r: r.id)]
    assert stored[:4] == ids
    assert len(stored[4]) == 16 and int(stored[4], 16) >= 0  # a fresh id: 64 random bits
