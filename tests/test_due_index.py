"""The due list reads one covering index: older databases gain it, and it lists what the
card states say (review cards by study day, learning steps by the minute, ties in card order)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path

from quizlib.store.migrations import MIGRATIONS
from quizlib.store.store import Store

NOW = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
END_OF_DAY = dt.datetime(2024, 3, 2, 0, 0, tzinfo=dt.UTC)


def _card(conn: sqlite3.Connection, qid: str, phase: int | None, due: dt.datetime, **flags: object) -> None:
    state = json.dumps({"card_id": 1, "state": phase, "due": due.isoformat()}) if phase else None
    conn.execute(
        "INSERT INTO cards (deck_id, question_id, state, due, suspended, buried_until) VALUES (?,?,?,?,?,?)",
        ("d", qid, state, due.isoformat(), flags.get("suspended", 0), flags.get("buried_until")),
    )


def schema_4_database(path: Path) -> None:
    """A database as the previous version left it, with cards of every kind."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        for step in MIGRATIONS[:4]:
            step(conn)
        conn.execute("PRAGMA user_version = 4")
        later = NOW + dt.timedelta(hours=3)
        _card(conn, "review-tie-b", 2, NOW - dt.timedelta(days=1))  # inserted first: first of the tie
        _card(conn, "review-tie-a", 2, NOW - dt.timedelta(days=1))
        _card(conn, "review-later-today", 2, later)
        _card(conn, "learning-now", 1, NOW - dt.timedelta(minutes=5))
        _card(conn, "learning-later-today", 1, later)  # a step is due by the minute, not the day
        _card(conn, "relearning-now", 3, NOW - dt.timedelta(minutes=1))
        _card(conn, "review-tomorrow", 2, END_OF_DAY + dt.timedelta(hours=1))
        _card(conn, "suspended", 2, NOW - dt.timedelta(days=2), suspended=1)
        _card(conn, "buried", 2, NOW - dt.timedelta(days=2), buried_until=END_OF_DAY.isoformat())
        _card(conn, "never-reviewed", None, NOW - dt.timedelta(days=3))


def test_an_older_database_gains_the_due_index_and_lists_the_same_cards(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    schema_4_database(path)
    with Store.open(path) as store:
        names = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "cards_queue" in names and "cards_due" not in names  # the older index is gone
        # what read the older index reads the covering one
        assert store.due_count(["d"], END_OF_DAY) == 7 and store.next_due(["d"], NOW) is not None
        due = store.due_ids("d", NOW, review_until=END_OF_DAY)
        card = store.card("d", "review-tie-a")
    assert due == [
        "review-tie-b",
        "review-tie-a",
        "learning-now",
        "relearning-now",
        "review-later-today",
    ]
    assert card is not None and card.state is not None and card.state["state"] == 2


def test_the_due_list_follows_a_card_whose_state_changes(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    schema_4_database(path)
    with Store.open(path) as store:
        later = NOW + dt.timedelta(hours=3)
        state = json.dumps({"card_id": 1, "state": 1, "due": later.isoformat()})
        store._conn.execute("UPDATE cards SET state = ? WHERE question_id = 'review-later-today'", (state,))
        due = store.due_ids("d", NOW, review_until=END_OF_DAY)
    assert "review-later-today" not in due  # now a learning step, due in three hours
