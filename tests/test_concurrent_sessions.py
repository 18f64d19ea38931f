"""Several study sessions on one database at once lose no answer (card state = replay of its log)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from quizlib import load_deck
from quizlib.plugins import get_plugin_manager
from quizlib.srs.replay import replay_history
from quizlib.srs.scheduling import SchedulerSettings, Scheduling
from quizlib.store.store import Store

DECK = """\
quizlib: 1
deck: {id: conc, title: Concurrent, settings: {new_per_day: 50}}
cards:
""" + "".join(f"  - {{id: q{i}, type: basic, front: Q{i}?, back: a{i}}}\n" for i in range(6))

# Each worker answers every question of the deck (and its learning repeats) with ratings
# from its own seed; the workers wait at a barrier file so their answers interleave.
WORKER = textwrap.dedent(
    """
    import os, random, sys, time
    from pathlib import Path
    from quizlib import Rating, load_deck
    from quizlib.clock import system_clock
    from quizlib.plugins import get_plugin_manager
    from quizlib.study.session import Session, SessionOptions
    from quizlib.store.store import Store

    deck_path, db, seed, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    host = get_plugin_manager(entry_points=False)
    deck = load_deck(deck_path, sections=host.sections, cache_dir=None)
    rng = random.Random(seed)
    with Store.open(db) as store:
        session = Session.start(store, [deck], host, clock=system_clock({}), rng=rng,
                                options=SessionOptions(limit=24))
        (go.parent / f"ready{seed}").touch()
        while not go.exists():
            time.sleep(0.001)
        while session.current is not None:
            session.submit("x")
            session.commit(rng.choice(list(Rating)))
    """
)


@pytest.mark.parametrize("workers", [2, 4])
def test_concurrent_sessions_keep_every_answer(tmp_path: Path, workers: int) -> None:
    deck_path = tmp_path / "deck.yaml"
    deck_path.write_text(DECK, encoding="utf-8")
    db = tmp_path / "q.db"
    Store.open(db).close()
    go = tmp_path / "go"
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(deck_path), str(db), str(seed), str(go)])
        for seed in range(workers)
    ]
    while not all((tmp_path / f"ready{seed}").exists() for seed in range(workers)):
        assert all(p.poll() is None for p in procs), "a worker failed to start"
        time.sleep(0.01)
    go.touch()
    for p in procs:
        assert p.wait(timeout=300) == 0
    host = get_plugin_manager(entry_points=False)
    deck = load_deck(deck_path, sections=host.sections, cache_dir=None)
    sched = Scheduling(SchedulerSettings.from_deck(deck, None))
    with Store.open(db) as store:
        reviews = [r for r in store.reviews("conc") if not r.cram]
        assert len(reviews) >= 6 * workers  # every question at least once by each worker
        lost = []
        for qid, card in store.cards("conc").items():
            # the log comes in time order, same instants in the order saved
            history = [r for r in reviews if r.question_id == qid]
            replayed = replay_history(sched, history, "conc", qid)
            assert replayed is not None
            if (card.state, card.reps, card.lapses) != (replayed.state, len(history), replayed.lapses):
                lost.append(qid)
        assert lost == []


def test_burying_a_card_keeps_an_answer_saved_by_another_session(tmp_path: Path) -> None:
    """A flag change writes only the flag: an answer another session saves between the
    moment this one looked at the card and the moment it buries it is not undone."""
    import datetime as dt

    from quizlib.store.store import CardRow, Review

    now = dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC)
    db = tmp_path / "q.db"
    mine, other = Store.open(db), Store.open(db)
    try:
        first = CardRow("d", "q", {"state": 1}, now, 1, 0, False, None, False, "h")
        mine.record(Review("r1", "d", "q", "basic", now, 3), first)
        real_card = mine.card

        def card_then_other_answers(deck_id: str, question_id: str) -> CardRow | None:
            seen = real_card(deck_id, question_id)
            newer = CardRow("d", "q", {"state": 2}, now, 2, 0, False, None, False, "h")
            other.record(Review("r2", "d", "q", "basic", now, 3), newer)
            return seen

        mine.card = card_then_other_answers  # type: ignore[method-assign]
        mine.set_flags("d", "q", buried_until=now)
        mine.card = real_card  # type: ignore[method-assign]
        answered = mine._conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
        final = mine.card("d", "q")
        assert final is not None and final.buried_until == now
        assert final.reps == answered  # every saved answer is still in the card's state
    finally:
        mine.close()
        other.close()
