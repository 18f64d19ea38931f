"""A study session generates only the questions it asks: the due ones (as many as --limit
needs) and the new budget, not the whole deck; answering does not walk the whole queue."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from test_engine import FakeClock

from quizlib import Deck, Fact, Rating
from quizlib.plugins import PluginHost
from quizlib.store.store import Store
from quizlib.study.session import Session, SessionOptions

T0 = dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.UTC)
FACTS = 400


def basic_deck(n: int = FACTS, **settings: Any) -> Deck:
    cards = tuple(
        Fact("cards", f"c{i}", {"type": "basic", "front": f"Q{i}?", "back": f"a{i}"}) for i in range(n)
    )
    return Deck("lazy", "Lazy", settings=settings, sections={"cards": cards})


@pytest.fixture
def counted(host: PluginHost, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many facts each question type was asked to generate from."""
    calls: Counter[str] = Counter()
    for qt in host.question_types.values():
        original = qt.generate

        def generate(
            fact: Fact, deck: Deck, rng: random.Random, _o: Any = original, _n: str = qt.name
        ) -> Any:
            calls[_n] += 1
            return _o(fact, deck, rng)

        monkeypatch.setattr(qt, "generate", generate)
    return calls


@pytest.fixture
def store(tmp_path: Any) -> Iterator[Store]:
    with Store.open(tmp_path / "lazy.db") as s:
        yield s


def start(store: Store, deck: Deck, host: PluginHost, clock: FakeClock, **options: Any) -> Session:
    return Session.start(
        store, [deck], host, clock=clock, rng=random.Random(1), options=SessionOptions(**options), tz=dt.UTC
    )


def test_a_new_deck_generates_only_the_new_budget(
    store: Store, host: PluginHost, counted: Counter[str]
) -> None:
    session = start(store, basic_deck(new_per_day=5), host, FakeClock(T0))
    assert session.total == 5
    # cards are offered to each card type; only basic ones make questions of these
    assert counted["basic"] == 5 and counted.total() <= 3 * 5


def test_due_cards_are_generated_only_as_far_as_the_limit_needs(
    store: Store, host: PluginHost, counted: Counter[str]
) -> None:
    deck = basic_deck(new_per_day=FACTS)
    clock = FakeClock(T0)
    first = start(store, deck, host, clock)
    while first.current is not None:  # every card reviewed once
        first.submit("x")
        first.commit(Rating.GOOD)
    clock.now = T0 + dt.timedelta(days=60)  # all of them due again
    counted.clear()
    # --type basic: the other card types, which make nothing of basic cards, are not tried
    # in search of new questions (with no new question left, every pair would be)
    session = start(store, deck, host, clock, limit=10, types=("basic",))
    assert session.total == 10 and session.current is not None
    # due ids name their type; at most `limit` due reviews and `limit` learning steps
    assert counted.total() <= 2 * 10


def test_cram_still_asks_everything(store: Store, host: PluginHost, counted: Counter[str]) -> None:
    session = start(store, basic_deck(50), host, FakeClock(T0), cram=True)
    assert session.total == 50 and counted["basic"] == 50


def test_answering_and_progress_do_not_walk_the_queue(
    store: Store, host: PluginHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizlib.study.waiting import Waiting

    session = start(store, basic_deck(new_per_day=100), host, FakeClock(T0))

    def walked(self: Waiting) -> Any:
        raise AssertionError("the whole queue was walked")

    monkeypatch.setattr(Waiting, "__iter__", walked)
    for done in range(10):
        progress = session.progress()
        assert (progress.done, progress.new) == (done, 100 - done)
        assert progress.remaining == progress.new + progress.learning
        session.submit("x")
        session.commit(Rating.GOOD)


def test_the_waiting_queue_counts_by_kind_and_takes_a_facts_questions(host: PluginHost) -> None:
    from quizlib.study.waiting import Waiting

    session_deck = basic_deck(3)
    qt = host.question_types["basic"]
    qs = [q for f in session_deck.facts("cards") for q in qt.generate(f, session_deck, random.Random(0))]
    kinds = {qs[0].id: "due", qs[1].id: "new", qs[2].id: "new"}
    waiting = Waiting(qs, kinds)
    assert (len(waiting), waiting.count("due"), waiting.count("new")) == (3, 1, 2)
    assert waiting.take_fact(qs[1].sibling_key) == [qs[1]] and waiting.take_fact("cards/none") == []
    assert waiting.popleft() == qs[0] and (waiting.count("due"), waiting.count("new")) == (0, 1)
    waiting.appendleft(qs[0])
    assert list(waiting) == [qs[0], qs[2]] and waiting.count("due") == 1


def test_new_cards_of_another_deck_come_when_every_card_of_one_is_due(store: Store, host: PluginHost) -> None:
    due_deck = Deck("a", "A", settings={"new_per_day": 30}, sections=basic_deck(30).sections)
    cards = tuple(Fact("cards", f"n{i}", {"type": "basic", "front": f"N{i}?", "back": "n"}) for i in range(5))
    new_deck = Deck("b", "B", sections={"cards": cards})
    clock = FakeClock(T0)
    first = Session.start(store, [due_deck], host, clock=clock, rng=random.Random(1), tz=dt.UTC)
    while first.current is not None:
        first.submit("x")
        first.commit(Rating.GOOD)
    clock.now = T0 + dt.timedelta(days=60)
    session = Session.start(store, [due_deck, new_deck], host, clock=clock, rng=random.Random(1), tz=dt.UTC)
    progress = session.progress()
    assert (progress.due, progress.new) == (30, 5)
