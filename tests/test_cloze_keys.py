"""Cloze gaps have stable keys: inserting or removing a gap moves no history to another gap,
and cards answered under the old positional ids keep their history."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from quizlib import Rating, load_deck
from quizlib.model import Deck
from quizlib.plugins import PluginHost
from quizlib.store.renames import rename_cards
from quizlib.store.store import Store
from quizlib.study.orphans import live_question_ids
from quizlib.study.questions import generate_questions
from quizlib.study.session import Session

T0 = dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC)
HEAD = "quizlib: 1\ndeck: {id: cz, title: Cloze, settings: {learning_steps: [], new_per_day: 50}}\ncards:\n"
TWO = HEAD + "  - {id: r, type: cloze, text: 'The {{Seine}} flows through {{Paris}}.'}\n"
THREE = HEAD + "  - {id: r, type: cloze, text: 'The {{Marne}} joins the {{Seine}} near {{Paris}}.'}\n"
ONE = HEAD + "  - {id: r, type: cloze, text: 'The {{Seine}} flows through Paris.'}\n"
SAME = HEAD + "  - {id: r, type: cloze, text: '{{Paris}} is {{Paris}}; the {{Seine}} runs.'}\n"


def deck_of(tmp_path: Path, text: str, host: PluginHost) -> Deck:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return load_deck(path, sections=host.sections, cache_dir=None)


def gaps(deck: Deck, host: PluginHost) -> dict[str, str]:
    """Question id → the gap it asks."""
    questions = generate_questions(deck, host, random.Random(0)).questions
    return {q.id: str(q.key["gap"]) for q in questions}


def test_a_gap_keeps_its_id_when_another_gap_is_inserted(tmp_path: Path, host: PluginHost) -> None:
    before, after = gaps(deck_of(tmp_path, TWO, host), host), gaps(deck_of(tmp_path, THREE, host), host)
    assert before == {"cards/r/cloze/seine": "Seine", "cards/r/cloze/paris": "Paris"}
    assert {i: g for i, g in after.items() if i in before} == before  # same id, same gap
    assert gaps(deck_of(tmp_path, ONE, host), host) == {"cards/r/cloze/seine": "Seine"}


def test_a_repeated_gap_text_gets_a_numbered_key(tmp_path: Path, host: PluginHost) -> None:
    ids = list(gaps(deck_of(tmp_path, SAME, host), host))
    assert ids == ["cards/r/cloze/paris", "cards/r/cloze/paris-2", "cards/r/cloze/seine"]


def answer_all(store: Store, deck: Deck, host: PluginHost, when: dt.datetime) -> None:
    """Study on three days from ``when`` (one gap of a card per day), answering right."""
    for day in range(3):
        now = when + dt.timedelta(days=day)
        session = Session.start(store, [deck], host, clock=lambda t=now: t, rng=random.Random(1))
        while session.current is not None:
            session.submit(str(session.current.key["gap"]))
            session.commit(Rating.GOOD)


def as_stored_before(store: Store, renames: dict[str, str]) -> None:
    """Put the cards back under the positional ids an older version stored them under."""
    assert rename_cards(store, "cz", {new: old for old, new in renames.items()}) == len(renames)


def test_history_under_positional_ids_moves_to_the_keyed_gaps(tmp_path: Path, host: PluginHost) -> None:
    deck = deck_of(tmp_path, TWO, host)
    with Store.open(tmp_path / "q.db") as store:
        answer_all(store, deck, host, T0)
        keyed = {q: c for q, c in store.cards("cz").items()}
        legacy = {"cards/r/cloze/g1": "cards/r/cloze/seine", "cards/r/cloze/g2": "cards/r/cloze/paris"}
        as_stored_before(store, legacy)
        assert live_question_ids(deck, host).ids >= set(legacy)  # not orphans meanwhile
        Session.start(store, [deck], host, clock=lambda: T0 + dt.timedelta(days=30), rng=random.Random(1))
        assert store.cards("cz") == keyed  # each gap has its own history back, states and all
        assert {r.question_id for r in store.reviews("cz")} == set(legacy.values())


def test_a_single_gap_card_keeps_its_history(tmp_path: Path, host: PluginHost) -> None:
    deck = deck_of(tmp_path, ONE, host)
    with Store.open(tmp_path / "q.db") as store:
        answer_all(store, deck, host, T0)
        reps = store.card("cz", "cards/r/cloze/seine").reps  # type: ignore[union-attr]
        as_stored_before(store, {"cards/r/cloze": "cards/r/cloze/seine"})
        session = Session.start(
            store, [deck], host, clock=lambda: T0 + dt.timedelta(days=90), rng=random.Random(1)
        )
        assert session.current is not None and session.current.id == "cards/r/cloze/seine"
        session.submit("Seine")
        session.commit(Rating.GOOD)
        assert {q: c.reps for q, c in store.cards("cz").items()} == {"cards/r/cloze/seine": reps + 1}


def test_moving_history_never_overwrites_a_card(tmp_path: Path, host: PluginHost) -> None:
    deck = deck_of(tmp_path, TWO, host)
    with Store.open(tmp_path / "q.db") as store:
        answer_all(store, deck, host, T0)
        before, reviews = store.cards("cz"), list(store.reviews("cz"))
        assert rename_cards(store, "cz", {"cards/r/cloze/paris": "cards/r/cloze/seine"}) == 0
        assert store.cards("cz") == before and list(store.reviews("cz")) == reviews


def test_a_gap_whose_key_looks_positional_keeps_its_own_history(tmp_path: Path, host: PluginHost) -> None:
    deck = deck_of(tmp_path, HEAD + "  - {id: r, type: cloze, text: '{{G2}} then {{X}}'}\n", host)
    with Store.open(tmp_path / "q.db") as store:
        answer_all(store, deck, host, T0)  # "cards/r/cloze/g2" is the G2 gap's own id
        before = store.cards("cz")
        Session.start(store, [deck], host, clock=lambda: T0 + dt.timedelta(days=30), rng=random.Random(1))
        assert store.cards("cz") == before


QUALIFIED = """\
quizlib: 1
deck: {id: cq, title: Cloze names}
actors:
  - {id: fta, name: U.K. Fisheries Trade Authority, kind: institution, aliases: [FTA, F.T.A.]}
  - {id: kremlin, name: the Kremlin, kind: institution}
cards:
  - {id: r, type: cloze, text: 'The quota was set by the {{FTA}}.'}
  - {id: k, type: cloze, text: 'A statement came from {{the Kremlin}}.'}
"""


def test_a_gap_takes_the_actors_name_without_its_leading_qualifier_and_a_leading_the(
    tmp_path: Path, host: PluginHost
) -> None:
    """A gap "FTA" of the "U.K. Fisheries Trade Authority" abbreviates the name without its
    qualifier: that name, the full one and "F.T.A." fill it; a leading "the" never matters."""
    questions = generate_questions(deck_of(tmp_path, QUALIFIED, host), host, random.Random(0)).questions
    fta, kremlin = (q for q in questions if q.type == "cloze")
    cloze = host.question_types["cloze"]
    for typed in ("FTA", "the FTA", "F.T.A.", "Fisheries Trade Authority", "U.K. Fisheries Trade Authority"):
        assert cloze.grade(fta, typed).score == 1.0, typed
    assert cloze.grade(fta, "U.K.").score == 0.0
    assert cloze.grade(kremlin, "Kremlin").score == 1.0
