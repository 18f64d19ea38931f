"""A database damaged inside (valid header and schema, broken pages) is refused, not written."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizlib import load_deck
from quizlib.cli import main
from quizlib.errors import StoreError
from quizlib.exchange.reviewlog import import_csv_text
from quizlib.srs.replay import remember_decks
from quizlib.store.store import Review, Store
from quizlib.study.session import Session

T0 = dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC)
CSV = "card_id,review_time,review_rating,review_duration\n1,2024-01-15T09:00:00,3,100\n"


def damaged_db(tmp_path: Path, prepare: Callable[[Store], object] = lambda store: None) -> Path:
    """A database whose schema still reads but whose review pages are garbage (``prepare``
    runs on it first)."""
    path = tmp_path / "q.db"
    with Store.open(path) as store:
        prepare(store)
        store._conn.execute("PRAGMA journal_mode = DELETE")  # everything in the main file
        for i in range(400):
            store.record(Review(f"u{i}", "d", f"q{i}", "basic", T0, 3, answer="x" * 200), None)  # type: ignore[arg-type]
    data = bytearray(path.read_bytes())
    page = 4096
    start = len(data) // 2 // page * page
    data[start + 8 : start + 2 * page] = b"\xa5" * (2 * page - 8)
    path.write_bytes(bytes(data))
    return path


def test_open_refuses_a_damaged_database_with_the_damage_message(tmp_path: Path) -> None:
    path = damaged_db(tmp_path)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"is damaged \(.*\); restore a backup or use --db"):
        Store.open(path)
    assert path.read_bytes() == before


def test_log_import_into_a_damaged_database_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged_db(tmp_path)
    before = path.read_bytes()
    src = tmp_path / "in.csv"
    src.write_text(CSV, encoding="utf-8")
    assert main(["log", "import", str(src), "--db", str(path)]) != 0
    assert "is damaged" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_import_checks_again_before_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(tmp_path / "ok.db") as store:
        calls: list[str] = []
        monkeypatch.setattr(store, "check_intact", lambda: calls.append("checked"))
        import_csv_text(store, CSV)
        assert calls == ["checked"]


def test_study_checks_in_the_background_and_refuses_a_damaged_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged_db(tmp_path)
    before = path.read_bytes()
    deck = tmp_path / "d.yaml"
    deck.write_text(
        "quizlib: 1\ndeck: {id: d, title: D}\ncards:\n  - {id: a, type: basic, front: A?, back: a}\n"
    )
    assert main(["study", str(deck), "--plain", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_a_background_check_refuses_damage_and_open_checks_what_it_could_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = damaged_db(tmp_path)
    with pytest.raises(StoreError, match="is damaged"):
        Store.open(path, checked=Store.check_in_background(path))
    # A check that could not run (here: it never started) leaves the check to open itself.
    from quizlib.store import errors

    monkeypatch.setattr(errors.threading.Thread, "start", lambda self: None)
    monkeypatch.setattr(errors.threading.Thread, "join", lambda self, timeout=None: None)
    with pytest.raises(StoreError, match="is damaged"):
        Store.open(path, checked=Store.check_in_background(path))
    fresh = tmp_path / "new.db"
    with Store.open(
        fresh, checked=Store.check_in_background(fresh)
    ) as store:  # no file yet: nothing to check
        assert store.due_ids("d", T0) == []


def write_deck(folder: Path) -> Path:
    deck = folder / "d.yaml"
    deck.write_text(
        "quizlib: 1\ndeck: {id: d, title: D}\ncards:\n  - {id: a, type: basic, front: A?, back: a}\n"
    )
    return deck


def started_then(start: Any, go: threading.Event) -> Any:
    """Session.start that lets the background checks run once the session has started."""

    def wrapped(*args: Any, **kwargs: Any) -> Session:
        try:
            return start(*args, **kwargs)  # type: ignore[no-any-return]
        finally:
            go.set()

    return classmethod(lambda cls, *a, **k: wrapped(*a, **k))


def damaged_wal_db(tmp_path: Path) -> Path:
    """:func:`damaged_db` marked as WAL (header bytes 18-19), as a database quizlib made is:
    opening it writes nothing, so the check may go on while a session reads."""
    deck = load_deck(write_deck(tmp_path), cache_dir=None)
    path = damaged_db(tmp_path, lambda store: remember_decks(store, [deck]))  # a deck studied before
    data = bytearray(path.read_bytes())
    data[18:20] = b"\x02\x02"
    path.write_bytes(bytes(data))
    return path


def slow_checks(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Background checks that wait for the returned event before they run."""
    from quizlib.store import errors

    go = threading.Event()
    real = errors.BackgroundCheck._run

    def run(self: errors.BackgroundCheck) -> None:
        go.wait(10)
        real(self)

    monkeypatch.setattr(errors.BackgroundCheck, "_run", run)
    return go


@pytest.mark.parametrize("answers", ["", "a\n\n"])
def test_study_reports_damage_found_after_the_first_question_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = damaged_wal_db(tmp_path)
    before = path.read_bytes()
    deck = write_deck(tmp_path)
    go = slow_checks(monkeypatch)  # the damage is found after the session has started
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    monkeypatch.setattr(Session, "start", started_then(Session.start, go))
    assert main(["study", str(deck), "--plain", "--db", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "Question 1" in out and "A?" in out
    assert "is damaged" in err and "Traceback" not in err and "internal error" not in err
    assert path.read_bytes() == before
    if answers:  # the answer given is kept beside the database, not lost
        assert "q.db.pending.jsonl" in err and (tmp_path / "q.db.pending.jsonl").read_text(encoding="utf-8")


def test_a_store_reads_while_its_check_runs_and_writes_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "q.db"
    with Store.open(path) as store:
        store.record(Review("u0", "d", "q0", "basic", T0, 3), None)  # type: ignore[arg-type]
    go = slow_checks(monkeypatch)
    with Store.open(path, checked=Store.check_in_background(path)) as store:
        assert [r.question_id for r in store.reviews("d")] == ["q0"]  # read before the check ran
        store.probe_write()  # rolled back: allowed before the check
        with pytest.raises(sqlite3.DatabaseError):  # a write around transaction() is refused
            store._conn.execute("DELETE FROM reviews")
        threading.Timer(0.05, go.set).start()
        store.record(Review("u1", "d", "q1", "basic", T0, 3), None)  # type: ignore[arg-type]
        assert [r.question_id for r in store.reviews("d")] == ["q0", "q1"]


def test_a_write_waits_for_the_check_and_refuses_damage_ever_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = damaged_wal_db(tmp_path)
    before = path.read_bytes()
    go = slow_checks(monkeypatch)
    with Store.open(path, checked=Store.check_in_background(path)) as store:
        go.set()
        for _ in range(2):
            with pytest.raises(StoreError, match="is damaged"):
                store.record(Review("u1", "d", "q1", "basic", T0, 3), None)  # type: ignore[arg-type]
    assert path.read_bytes() == before
