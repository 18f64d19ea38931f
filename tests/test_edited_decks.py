"""Edited decks: a changed question is announced once; deleted questions' cards are orphans."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from quizlib import Rating, load_deck
from quizlib.cli import main
from quizlib.plugins import PluginHost
from quizlib.store.store import Store
from quizlib.study.session import Session
from quizlib.ui.state import CHANGED_NOTICE, StudyState

T0 = dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC)
V1 = """\
quizlib: 1
deck: {id: ed, title: Edited, settings: {learning_steps: [], new_per_day: 10}}
cards:
  - {id: a, type: basic, front: Capital of Armenia?, back: Yerevan}
  - {id: b, type: basic, front: Capital of Georgia?, back: Tbilisi}
"""
V2 = V1.replace("Capital of Armenia?", "What is the capital of Armenia?")
V3 = V1.replace("  - {id: b, type: basic, front: Capital of Georgia?, back: Tbilisi}\n", "")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def answer_all(store: Store, path: Path, host: PluginHost, when: dt.datetime) -> Session:
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    session = Session.start(store, [deck], host, clock=lambda: when, rng=random.Random(1))
    while session.current is not None:
        session.submit("")
        session.commit(Rating.GOOD)
    return session


def test_a_changed_question_is_announced_once_and_keeps_its_schedule(
    tmp_path: Path, host: PluginHost
) -> None:
    with Store.open(tmp_path / "q.db") as store:
        answer_all(store, write(tmp_path, V1), host, T0)
        reps_before = {q: c.reps for q, c in store.cards("ed").items()}
        deck = load_deck(write(tmp_path, V2), sections=host.sections, cache_dir=None)
        later = T0 + dt.timedelta(days=60)
        session = Session.start(store, [deck], host, clock=lambda: later, rng=random.Random(1))
        state = StudyState(session)
        state.present()
        seen = {}
        while session.current is not None:
            seen[session.current.id] = state.notice
            session.submit("")
            session.commit(Rating.GOOD)
            state.present()
        changed = [q for q, notice in seen.items() if notice == CHANGED_NOTICE]
        assert changed == ["cards/a/basic"] and len(seen) == 2
        reps_after = {q: c.reps for q, c in store.cards("ed").items()}
        assert reps_after == {q: n + 1 for q, n in reps_before.items()}  # schedules kept
        # Answered once, the new content is the reviewed content: no notice next time.
        much_later = later + dt.timedelta(days=400)
        again = Session.start(store, [deck], host, clock=lambda: much_later, rng=random.Random(1))
        assert again.current is not None
        assert not again.changed(again.current)


def test_orphans_are_listed_pruned_and_left_out_of_stats(
    tmp_path: Path, host: PluginHost, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "q.db"
    with Store.open(db) as store:
        answer_all(store, write(tmp_path, V1), host, T0)
    path = write(tmp_path, V3)  # fact b deleted
    assert main(["stats", str(path), "--db", str(db), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["orphans"] == 1
    assert [h["card"] for h in figures["hardest"]] == ["ed/cards/a/basic"]
    assert sum(figures["forecast"]) == 1
    assert main(["orphans", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "ed/cards/b/basic" in out and "1 card whose question no longer exists" in out
    assert main(["orphans", str(path), "--db", str(db), "--prune", "--yes"]) == 0
    assert "removed 1 card" in capsys.readouterr().out
    with Store.open(db) as store:
        assert sorted(store.cards("ed")) == ["cards/a/basic"]
        assert len({r.question_id for r in store.reviews()}) == 2  # the log keeps its history
    assert main(["orphans", str(path), "--db", str(db)]) == 0
    assert "no orphaned cards" in capsys.readouterr().out


def test_orphans_lists_due_dates_in_the_learners_zone(
    tmp_path: Path, host: PluginHost, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "q.db"
    with Store.open(db) as store:
        answer_all(store, write(tmp_path, V1), host, T0)  # due at 09:00 UTC on some later day
        card = store.card("ed", "cards/b/basic")
    assert card is not None and card.due is not None
    monkeypatch.setenv("TZ", "Pacific/Pago_Pago")  # UTC-11: 09:00 UTC is 22:00 the day before
    local = card.due.astimezone(ZoneInfo("Pacific/Pago_Pago")).date()
    assert local != card.due.date()
    assert main(["orphans", str(write(tmp_path, V3)), "--db", str(db)]) == 0
    assert f"due {local.isoformat()}" in capsys.readouterr().out
