"""Undo takes back this session's answer only: what another session saved since stands."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from quizlib import Rating, load_deck
from quizlib.model import Deck
from quizlib.plugins import PluginHost
from quizlib.store.store import Store
from quizlib.store.undo import unbury
from quizlib.study.session import Session, SessionOptions
from quizlib.ui.state import NOT_UNDONE, StudyState

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
DECK = """\
quizlib: 1
deck: {id: un, title: Undo, settings: {learning_steps: [], new_per_day: 10}}
cards:
  - {id: a, type: basic, front: Capital of Armenia?, back: Yerevan}
  - {id: r, type: cloze, text: 'The {{Seine}} flows through {{Paris}}.'}
"""


def deck_of(tmp_path: Path, host: PluginHost) -> Deck:
    path = tmp_path / "deck.yaml"
    path.write_text(DECK, encoding="utf-8")
    return load_deck(path, sections=host.sections, cache_dir=None)


def start(store: Store, deck: Deck, host: PluginHost, *, cram: bool = False) -> Session:
    options = SessionOptions(cram=cram, types=("basic",))
    return Session.start(store, [deck], host, clock=lambda: T0, rng=random.Random(1), options=options)


def answer(session: Session, rating: Rating) -> str:
    question = session.current
    assert question is not None
    session.submit("x")
    session.commit(rating)
    return question.id


def test_undo_after_another_session_answered_keeps_that_answer(tmp_path: Path, host: PluginHost) -> None:
    deck = deck_of(tmp_path, host)
    with Store.open(tmp_path / "q.db") as first_store, Store.open(tmp_path / "q.db") as second_store:
        first, second = start(first_store, deck, host), start(second_store, deck, host)
        asked = answer(first, Rating.AGAIN)
        assert answer(second, Rating.EASY) == asked  # the same card, answered in another session
        theirs = second_store.card("un", asked)
        assert first.can_undo
        state = StudyState(first)
        state.present()
        showing = first.current
        state.undo()  # refused: taking it back would overwrite the other answer
        assert state.notice == NOT_UNDONE and first.current == showing
        assert first_store.card("un", asked) == theirs
        assert [r.rating for r in first_store.reviews("un")] == [Rating.AGAIN, Rating.EASY]
        assert not first.can_undo


def test_undo_of_own_answer_still_restores(tmp_path: Path, host: PluginHost) -> None:
    deck = deck_of(tmp_path, host)
    with Store.open(tmp_path / "q.db") as store:
        session = start(store, deck, host)
        asked = answer(session, Rating.GOOD)
        assert session.undo() is not None and session.current is not None
        assert session.current.id == asked
        assert store.card("un", asked) is None and list(store.reviews("un")) == []


def test_undo_of_a_cram_answer_leaves_the_card_alone(tmp_path: Path, host: PluginHost) -> None:
    deck = deck_of(tmp_path, host)
    with Store.open(tmp_path / "q.db") as first_store, Store.open(tmp_path / "q.db") as second_store:
        cram, normal = start(first_store, deck, host, cram=True), start(second_store, deck, host)
        asked = answer(cram, Rating.AGAIN)  # cram: logged, the card untouched
        assert answer(normal, Rating.GOOD) == asked
        theirs = second_store.card("un", asked)
        assert theirs is not None
        assert cram.undo() is not None  # the cram answer goes ...
        assert first_store.card("un", asked) == theirs  # ... and the other session's card stays
        assert [r.rating for r in first_store.reviews("un")] == [Rating.GOOD]


def test_unbury_restores_the_flag_only(tmp_path: Path, host: PluginHost) -> None:
    deck = deck_of(tmp_path, host)
    with Store.open(tmp_path / "q.db") as store:
        until = T0 + dt.timedelta(days=1)
        store.set_flags("un", "cards/r/cloze/paris", buried_until=until)  # a bury, nothing else
        unbury(store, "un", "cards/r/cloze/paris", None)
        assert store.card("un", "cards/r/cloze/paris") is None  # the bury-only row goes
        asked = answer(start(store, deck, host), Rating.GOOD)  # a card with a state ...
        store.set_flags("un", asked, buried_until=until)  # ... buried by a sibling's answer
        answered = store.card("un", asked)
        unbury(store, "un", asked, None)
        assert store.card("un", asked) == answered._replace(buried_until=None)
