"""Scheduling, the review store and the session engine (pure logic; no terminal)."""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizlib import Rating, StoreError, load_deck
from quizlib.clock import local_day, next_day_start, parse_now, system_clock
from quizlib.errors import UsageError
from quizlib.model import Deck
from quizlib.plugins import PluginHost, get_plugin_manager
from quizlib.srs.scheduling import SchedulerSettings, Scheduling
from quizlib.store.migrations import MIGRATIONS
from quizlib.store.store import Store
from quizlib.study.session import Session, SessionOptions

T0 = dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.UTC)
DECK = """\
quizlib: 1
deck: {id: eng, title: Engine, settings: {new_per_day: 3}}
cards:
  - {id: a, type: basic, front: A?, back: a}
  - {id: b, type: basic, front: B?, back: b}
  - {id: c, type: basic, front: C?, back: c}
  - {id: d, type: basic, front: D?, back: d}
  - {id: e, type: basic, front: E?, back: e}
"""


class FakeClock:
    def __init__(self, now: dt.datetime = T0) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def deck(write_deck: Callable[..., Path], host: PluginHost) -> Deck:
    return load_deck(write_deck(DECK), sections=host.sections, cache_dir=None)


def start(store: Store, deck: Deck, host: PluginHost, clock: FakeClock, **opts: object) -> Session:
    return Session.start(
        store, [deck], host, clock=clock, rng=random.Random(7), options=SessionOptions(**opts)
    )  # type: ignore[arg-type]


def test_clock_override_and_local_day() -> None:
    assert system_clock({"QUIZLIB_NOW": "2024-01-15T09:00:00"})() == T0
    with pytest.raises(UsageError, match="QUIZLIB_NOW"):
        system_clock({"QUIZLIB_NOW": "tomorrow"})
    assert parse_now("2024-01-15T10:00:00+01:00") == T0
    early = dt.datetime(2024, 1, 15, 3, 0, tzinfo=dt.UTC)
    assert local_day(early, tz=dt.UTC) == dt.date(2024, 1, 14)  # before the 4:00 rollover
    assert next_day_start(T0, tz=dt.UTC) == dt.datetime(2024, 1, 16, 4, tzinfo=dt.UTC)


def test_same_history_gives_same_schedule() -> None:
    sched = Scheduling(SchedulerSettings())
    state = None
    states = []
    when = T0
    for rating in (Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.EASY, Rating.GOOD):
        state = sched.review(state, rating, when, "deck/q")
        states.append(state)
        when = dt.datetime.fromisoformat(state["due"])
    again = None
    when = T0
    for i, rating in enumerate((Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.EASY, Rating.GOOD)):
        again = sched.review(again, rating, when, "deck/q")
        assert again == states[i]
        when = dt.datetime.fromisoformat(again["due"])
    assert (
        Scheduling(SchedulerSettings(retention=0.95)).preview(states[-1], when, "deck/q")[Rating.GOOD]
        < (sched.preview(states[-1], when, "deck/q")[Rating.GOOD])
    )


def test_session_answers_are_saved_and_undo_restores(store: Store, deck: Deck, host: PluginHost) -> None:
    clock = FakeClock()
    session = start(store, deck, host, clock)
    assert session.progress().new == 3  # the daily limit of new questions
    first = session.current
    assert first is not None
    pending = session.submit(first.key["back"])
    assert pending.grade.score == 1.0 and set(pending.intervals) == set(Rating)
    session.commit(Rating.GOOD)
    assert len(list(store.reviews())) == 1 and store.card("eng", first.id) is not None
    assert session.undo() == first
    assert list(store.reviews()) == [] and store.card("eng", first.id) is None
    session.submit("wrong")
    session.commit(Rating.AGAIN)
    summary = session.summary()
    assert summary.answered == 1 and summary.correct == 0
    # failed: comes back in the same session
    assert first in [q for _, q in session.learning] or session.current == first


def test_daily_new_limit_counts_reviews_of_today(store: Store, deck: Deck, host: PluginHost) -> None:
    clock = FakeClock()
    session = start(store, deck, host, clock)
    while session.current is not None and session.summary().answered < 3:
        session.submit("x")
        session.commit(Rating.EASY)
    clock.now += dt.timedelta(hours=1)
    assert start(store, deck, host, clock).progress().new == 0
    clock.now += dt.timedelta(days=1)
    assert start(store, deck, host, clock).progress().new == 2  # the two never seen


def test_due_reviews_come_first_and_cram_leaves_schedule(store: Store, deck: Deck, host: PluginHost) -> None:
    clock = FakeClock()
    session = start(store, deck, host, clock)
    q = session.current
    assert q is not None
    session.submit("x")
    session.commit(Rating.EASY)
    clock.now += dt.timedelta(days=30)
    later = start(store, deck, host, clock)
    assert later.current == q and later.progress().due == 1
    before = store.card("eng", q.id)
    cram = start(store, deck, host, clock, cram=True)
    cram.submit("x")
    cram.commit(Rating.AGAIN)
    assert store.card("eng", q.id) == before
    assert sum(r.cram for r in store.reviews()) == 1


def test_skip_bury_suspend_and_limit(store: Store, deck: Deck, host: PluginHost) -> None:
    clock = FakeClock()
    session = start(store, deck, host, clock, limit=2, new_per_day=5)
    assert session.progress().remaining == 2
    first = session.current
    session.skip()
    assert session.current != first
    session.bury()
    assert session.current == first
    session.suspend()
    assert session.current is None
    assert start(store, deck, host, clock, new_per_day=5).progress().new == 3
    assert store.card("eng", first.id).suspended  # type: ignore[union-attr]


def test_store_refuses_bad_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("my precious notes")
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store.open(text)
    assert text.read_text() == "my precious notes"
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(newer)
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    with pytest.raises(StoreError):
        Store.open(corrupt)


def test_read_only_database(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    Store.open(path).close()
    os.chmod(path, 0o444)
    os.chmod(tmp_path, 0o555)
    try:
        if os.geteuid() == 0:
            pytest.skip("root ignores file permissions")
        with pytest.raises(StoreError):
            store = Store.open(path)
            store.set_flags("d", "q", suspended=True)
    finally:
        os.chmod(tmp_path, 0o755)


def test_migration_backup_is_the_database_before_migrating(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    MIGRATIONS[0](conn)  # a database of schema version 1, with a review in it
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO reviews (uuid, deck_id, question_id, type, reviewed_at, answer, score, suggested,"
        " rating, response_ms, state_before, state_after) VALUES"
        " ('u1', 'd', 'q', 'basic', '2024-01-01T00:00:00+00:00', 'a', 1.0, 3, 3, 0, NULL, NULL)"
    )
    conn.commit()
    before = conn.execute("SELECT * FROM reviews").fetchall()
    conn.close()
    with Store.open(path) as store:
        assert [r.uuid for r in store.reviews()] == ["u1"]  # migrated, nothing lost
    backup = sqlite3.connect(tmp_path / "old.db.bak-v1")
    try:
        assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 1  # not migrated
        assert backup.execute("SELECT * FROM reviews").fetchall() == before
    finally:
        backup.close()


KILL_SCRIPT = textwrap.dedent(
    """
    import random, sys, datetime as dt
    from quizlib import load_deck
    from quizlib.plugins import get_plugin_manager
    from quizlib.study.session import Session, SessionOptions
    from quizlib.store.store import Store
    host = get_plugin_manager(entry_points=False)
    deck = load_deck(sys.argv[1], sections=host.sections, cache_dir=None)
    store = Store.open(sys.argv[2])
    clock = lambda: dt.datetime.now(dt.UTC)
    while True:
        options = SessionOptions(cram=True)
        s = Session.start(store, [deck], host, clock=clock, rng=random.Random(), options=options)
        while s.current is not None:
            s.submit("x")
            s.commit()
            print("saved", flush=True)
    """
)


def test_kill_9_loses_nothing_answered(tmp_path: Path, write_deck: Callable[..., Path]) -> None:
    deck = write_deck(DECK)
    db = tmp_path / "kill.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(deck), str(db)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    saved = 0
    for line in proc.stdout:
        saved += line.startswith("saved")
        if saved >= 25:
            break
    proc.kill()
    proc.wait()
    proc.stdout.close()
    store = Store.open(db)
    try:
        assert store.integrity_ok()
        assert len(list(store.reviews())) >= saved  # every acknowledged answer is on disk
    finally:
        store.close()


def test_two_sessions_at_once(tmp_path: Path, write_deck: Callable[..., Path]) -> None:
    deck = write_deck(DECK)
    db = tmp_path / "two.db"
    script = KILL_SCRIPT.replace("while True:", "for _ in range(10):")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(deck), str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    saved = sum(o[0].count("saved") for o in outs)
    store = Store.open(db)
    try:
        assert len(list(store.reviews())) == saved == 2 * 10 * 5
    finally:
        store.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["good", "again", "hard", "easy", "undo", "skip"]), max_size=25))
def test_random_answers_and_undos_match_a_replay(
    tmp_path_factory: pytest.TempPathFactory, actions: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    path = folder / "deck.yaml"
    path.write_text(DECK)
    host = get_plugin_manager(entry_points=False)
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    store = Store.open(folder / "p.db")
    try:
        clock = FakeClock()
        session = start(store, deck, host, clock)
        for action in actions:
            clock.now += dt.timedelta(minutes=3)
            if action == "undo":
                session.undo()
            elif action == "skip":
                session.skip()
            elif session.current is not None:
                session.submit("x")
                session.commit(Rating[action.upper()])
        # replaying the log from scratch gives exactly the stored card states
        sched = Scheduling(SchedulerSettings.from_deck(deck))
        replayed: dict[str, dict[str, object]] = {}
        for review in store.reviews("eng"):
            replayed[review.question_id] = sched.review(
                replayed.get(review.question_id),
                Rating(review.rating),
                review.reviewed_at,
                f"eng/{review.question_id}",
            )
        stored = {q: c.state for q, c in store.cards("eng").items() if c.state is not None}
        assert stored == replayed
    finally:
        store.close()


def test_locked_database_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quizlib.store.store as store_module

    path = tmp_path / "locked.db"
    Store.open(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.2)
    try:
        store = Store.open(path)
        try:
            with pytest.raises(StoreError, match="locked"):
                store.set_flags("d", "q", suspended=True)
        finally:
            store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
