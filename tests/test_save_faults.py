"""A database that cannot take an answer: refused before the first question, or kept aside."""

from __future__ import annotations

import datetime as dt
import io
import random
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from quizlib import load_deck
from quizlib.cli import main
from quizlib.errors import StoreError
from quizlib.plugins import PluginHost
from quizlib.store.store import Review, Store
from quizlib.study.saving import SaveError, pending_path
from quizlib.study.session import Session

DECK = """\
quizlib: 1
deck: {id: sv, title: Saving}
cards:
  - {id: a, type: basic, front: A?, back: a}
  - {id: b, type: basic, front: B?, back: b}
"""
T0 = dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC)


def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stdin: str) -> int:
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    monkeypatch.setenv("QUIZLIB_NOW", "2024-01-15T09:00:00")
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["study", str(deck), "--plain", "--db", str(tmp_path / "q.db")])


def opened_with(monkeypatch: pytest.MonkeyPatch, setup: Callable[[sqlite3.Connection], None]) -> None:
    """Make every Store.open apply ``setup`` to its connection (a simulated fault)."""
    real = Store.open.__func__  # type: ignore[attr-defined]

    def fake(cls: type[Store], *args: Any, **kwargs: Any) -> Store:
        store: Store = real(cls, *args, **kwargs)
        setup(store._conn)
        return store

    monkeypatch.setattr(Store, "open", classmethod(fake))


def fill(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")


@pytest.mark.parametrize(
    ("fault", "message"),
    [(lambda c: c.execute("PRAGMA query_only = 1"), "read-only"), (fill, "full")],
)
def test_an_unwritable_database_is_refused_before_the_first_question(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fault: Callable[[sqlite3.Connection], None],
    message: str,
) -> None:
    Store.open(tmp_path / "q.db").close()
    opened_with(monkeypatch, fault)
    assert study(tmp_path, monkeypatch, "a\n\n") != 0
    out = capsys.readouterr()
    assert "A?" not in out.out and "Question 1" not in out.out
    assert "cannot study" in out.err and message in out.err


def test_a_full_database_is_reported_as_full(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        fill(store._conn)
        review = Review("u1", "d", "q", "basic", T0, 3, answer="x" * 100_000)
        with pytest.raises(StoreError, match="full") as err:
            store.record(review, None)  # type: ignore[arg-type]
        assert "no transaction is active" not in str(err.value)
        assert not store._conn.in_transaction


@pytest.fixture
def session(tmp_path: Path, host: PluginHost) -> Iterator[Session]:
    deck_path = tmp_path / "deck.yaml"
    deck_path.write_text(DECK, encoding="utf-8")
    deck = load_deck(deck_path, sections=host.sections, cache_dir=None)
    with Store.open(tmp_path / "q.db") as store:
        yield Session.start(store, [deck], host, clock=lambda: T0, rng=random.Random(1))


def test_a_failed_save_keeps_the_answer_and_the_next_start_saves_it(
    tmp_path: Path,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    asked = session.current
    assert asked is not None
    session.submit("a")
    with monkeypatch.context() as m:

        def broken(*args: object, **kwargs: object) -> None:
            raise StoreError("review database q.db: disk I/O error")

        m.setattr(session.store, "record_answer", broken)
        with pytest.raises(SaveError, match=r"kept in .*q\.db\.pending\.jsonl"):
            session.commit()
    side = pending_path(session.store)
    assert side is not None and side.exists()
    assert list(session.store.reviews()) == []
    session.store.close()
    status = study(tmp_path, monkeypatch, ":q\n")
    assert status == 0
    assert "saved 1 answer kept in" in capsys.readouterr().err
    assert not side.exists()
    with Store.open(tmp_path / "q.db") as store:
        saved = list(store.reviews())
        assert [(r.question_id, r.origin) for r in saved] == [(asked.id, "pending")]
        assert store.card("sv", asked.id) is not None


def flaky(store: Store, failures: int, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the next ``failures`` saves fail as a full disk would; returns the attempt log."""
    real = store.record_answer
    attempts: list[int] = []

    def record(*args: Any, **kwargs: Any) -> Any:
        attempts.append(1)
        if len(attempts) <= failures:
            raise StoreError("the review database q.db cannot grow: the disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "record_answer", record)
    return attempts


def test_plain_mode_offers_to_retry_a_failed_save(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    from quizlib.ui.plain import run_plain

    attempts = flaky(session.store, 1, monkeypatch)
    out = io.StringIO()
    run_plain(session, io.StringIO("a\n\n\n:q\n"), out, clock=lambda: T0)
    text = out.getvalue()
    assert "disk is full" in text and "Rate again to retry" in text
    assert len(attempts) == 2
    assert len(list(session.store.reviews())) == 1
    side = pending_path(session.store)
    assert side is not None and not side.exists()


def test_quitting_after_a_failed_save_keeps_the_answer(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizlib.ui.plain import run_plain

    flaky(session.store, 99, monkeypatch)
    with pytest.raises(SaveError, match="kept in"):
        run_plain(session, io.StringIO("a\n\n:q\n"), io.StringIO(), clock=lambda: T0)
    side = pending_path(session.store)
    assert side is not None and len(side.read_text().splitlines()) == 1


def test_the_study_screen_keeps_a_refused_answer_on_screen_to_retry(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizlib.ui.state import Phase, StudyState

    attempts = flaky(session.store, 1, monkeypatch)
    state = StudyState(session)
    state.present()
    asked = state.question
    assert state.submit("a")
    state.accept()
    assert state.phase is Phase.RATING and state.question is asked
    assert "disk is full" in state.message and "retry" in state.message
    state.accept()
    assert len(attempts) == 2 and state.question is not asked
    assert len(list(session.store.reviews())) == 1
