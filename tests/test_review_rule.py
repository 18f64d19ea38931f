"""One rule for how a review changes a card: the session, ``log import`` and replay agree."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from quizlib import Rating, load_deck
from quizlib.errors import QuizError
from quizlib.exchange.reviewlog import import_csv_text, import_reviews
from quizlib.model import Deck
from quizlib.plugins import PluginHost
from quizlib.srs.cards import LEECH_LAPSES, apply_review, becomes_leech
from quizlib.srs.optimize import DEFAULT_PARAMETERS
from quizlib.srs.replay import replay, stored_scheduling
from quizlib.srs.scheduling import Scheduling
from quizlib.store.parameters import parameters_for, save_parameters, undo_parameters
from quizlib.store.store import Review, Store
from quizlib.store.undo import undo_review
from quizlib.study.session import Session, SessionOptions

T0 = dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC)
HEADER = "card_id,review_time,review_rating,review_duration,review_id\n"

DECK = """\
quizlib: 1
deck:
  id: strict
  title: Strict
  settings:
    {retention: 0.8, learning_steps: [2, 15], relearning_steps: [5], max_interval: 40, new_per_day: 30}
cards:
"""


def lapsing_log(lapses: int) -> str:
    """A card that graduates, then lapses ``lapses`` times, relearning after each lapse."""
    rows, when = [], T0
    plan = [3, 3, 3] + [1, 3] * lapses
    for n, rating in enumerate(plan):
        rows.append(f"c,{when.isoformat()},{rating},1000,r{n:03d}")
        when += dt.timedelta(days=3)
    return HEADER + "\n".join(rows) + "\n"


def test_a_card_with_nine_lapses_imported_is_a_suspended_leech(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        import_csv_text(store, lapsing_log(9), now=T0 + dt.timedelta(days=400))
        card = store.card("imported", "c")
        assert card is not None
        assert (card.lapses, card.leech, card.suspended) == (9, True, True)


def test_seven_lapses_imported_are_not_a_leech(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        import_csv_text(store, lapsing_log(LEECH_LAPSES - 1), now=T0 + dt.timedelta(days=400))
        card = store.card("imported", "c")
        assert card is not None and (card.leech, card.suspended) == (False, False)


def test_an_unsuspended_leech_is_suspended_again_only_after_more_lapses() -> None:
    assert [n for n in range(1, 17) if becomes_leech(n)] == [8, 12, 16]
    sched = Scheduling()
    card = None
    for n, rating in enumerate([3, 3, 3] + [1, 3] * 8):
        card = apply_review(
            card, Rating(rating), T0 + dt.timedelta(days=3 * n), sched, deck_id="d", question_id="q"
        )
    assert card is not None and card.suspended and card.leech
    card = card._replace(suspended=False)  # the learner unsuspends it
    card = apply_review(card, Rating.GOOD, T0 + dt.timedelta(days=100), sched, deck_id="d", question_id="q")
    assert (card.suspended, card.leech) == (False, True)


def test_same_instant_reviews_replay_in_insertion_order(tmp_path: Path) -> None:
    # Two reviews of one card at one instant; their ids sort the other way round.
    at = T0.isoformat()
    text = HEADER + f"c,{at},1,1000,zzz\nc,{at},4,1000,aaa\n"
    sched = Scheduling()
    expected = apply_review(None, Rating.AGAIN, T0, sched, deck_id="imported", question_id="c")
    expected = apply_review(expected, Rating.EASY, T0, sched, deck_id="imported", question_id="c")
    with Store.open(tmp_path / "q.db") as store:
        import_csv_text(store, text, now=T0)
        first = store.card("imported", "c")
        assert first is not None and first.state == expected.state
        replay(store, [("imported", "c")])
        assert store.card("imported", "c") == first


def test_an_import_refuses_a_future_review_before_writing(tmp_path: Path) -> None:
    good = Review("a" * 32, "d", "q", "basic", T0, 3)
    future = Review("b" * 32, "d", "q", "basic", T0 + dt.timedelta(days=3), 3)
    with Store.open(tmp_path / "q.db") as store:
        with pytest.raises(QuizError, match="in the future"):
            import_reviews(store, [good, future], now=T0)
        assert list(store.reviews()) == [] and store.all_cards() == []


def study_days(store: Store, deck: Deck, host: PluginHost, days: int) -> None:
    """A learner answering every question of each day's session, sometimes wrongly."""
    rng = random.Random(5)
    now = [T0]
    for day in range(days):
        now[0] = T0 + dt.timedelta(days=day)
        session = Session.start(
            store, [deck], host, clock=lambda: now[0], rng=random.Random(day), options=SessionOptions()
        )
        while session.current is not None:
            session.submit("x")
            session.commit(Rating.AGAIN if rng.random() < 0.25 else Rating(rng.choice([2, 3, 3, 4])))
            now[0] += dt.timedelta(minutes=rng.choice([1, 3, 20]))


@pytest.fixture
def strict(write_deck: Callable[..., Path], host: PluginHost) -> Deck:
    cards = "".join(f"  - {{id: c{n}, type: basic, front: Q{n}?, back: a{n}}}\n" for n in range(40))
    return load_deck(write_deck(DECK + cards), sections=host.sections, cache_dir=None)


def test_replay_reproduces_every_state_a_session_stored(
    tmp_path: Path, strict: Deck, host: PluginHost
) -> None:
    with Store.open(tmp_path / "q.db") as store:
        study_days(store, strict, host, days=12)
        live = {c.question_id: c for c in store.all_cards()}
        assert len(live) == 40
        assert replay(store, live_keys(live)) == 40
        assert {c.question_id: c for c in store.all_cards()} == live


def test_optimize_apply_then_undo_restores_every_card(tmp_path: Path, strict: Deck, host: PluginHost) -> None:
    with Store.open(tmp_path / "q.db") as store:
        study_days(store, strict, host, days=8)
        live = {c.question_id: c for c in store.all_cards()}
        fitted = tuple(p * 1.2 if i < 4 else p for i, p in enumerate(DEFAULT_PARAMETERS))
        save_parameters(store, "deck:strict", fitted, now=T0)
        replay(store, live_keys(live))
        applied = {c.question_id: c for c in store.all_cards()}
        assert applied != live
        # a later import reschedules with the deck's settings and fitted parameters
        later, qid = T0 + dt.timedelta(days=30), sorted(applied)[0]
        row = f"strict/{qid},{later.isoformat()},3,1000,extra,strict,{qid}\n"
        import_csv_text(store, HEADER.strip() + ",deck_id,question_id\n" + row, now=later)
        sched = stored_scheduling(store, "strict")
        assert (sched.settings.parameters, sched.settings.retention) == (fitted, 0.8)
        expected = apply_review(applied[qid], Rating.GOOD, later, sched, deck_id="strict", question_id=qid)
        assert store.card("strict", qid) == expected
        undo_review(store, max(r.id for r in store.reviews()), applied[qid], "strict", qid)
        assert parameters_for(store, "strict") == fitted
        undo_parameters(store, "deck:strict", now=T0)
        replay(store, live_keys(live))
        assert {c.question_id: c for c in store.all_cards()} == live


def live_keys(cards: dict[str, object]) -> list[tuple[str, str]]:
    return [("strict", q) for q in cards]
