"""What one answer computes and writes: the preview only when read, the rows the generic path
writes, the same fuzz without the global generator, and schema 8's index set."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizlib import Rating, load_deck
from quizlib.model import Deck
from quizlib.plugins import PluginHost
from quizlib.srs import scheduling
from quizlib.srs.cards import apply_review
from quizlib.srs.scheduling import SchedulerSettings, Scheduling, due_of
from quizlib.store import log
from quizlib.store.migrations import MIGRATIONS
from quizlib.store.records import CardRow, Review
from quizlib.store.store import Store
from quizlib.study.session import Session, SessionOptions

T0 = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
DECK = """\
quizlib: 1
deck: {id: ans, title: Answers}
cards:
  - {id: a, type: basic, front: A?, back: a}
  - {id: b, type: basic, front: B?, back: b}
"""


@pytest.fixture
def deck(write_deck: Callable[..., Path], host: PluginHost) -> Deck:
    return load_deck(write_deck(DECK), sections=host.sections, cache_dir=None)


def _session(store: Store, deck: Deck, host: PluginHost, now: list[dt.datetime], **opts: object) -> Session:
    options = SessionOptions(**opts)  # type: ignore[arg-type]
    return Session.start(store, [deck], host, clock=lambda: now[0], rng=random.Random(1), options=options)


# -- the preview -------------------------------------------------------------------------


def test_the_preview_is_computed_only_when_read_and_counts_from_the_submit(
    store: Store, deck: Deck, host: PluginHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dt.datetime] = []
    real = Scheduling.preview

    def counted(self: Scheduling, state: object, now: dt.datetime, key: str) -> dict[Rating, dt.timedelta]:
        calls.append(now)
        return real(self, state, now, key)  # type: ignore[arg-type]

    monkeypatch.setattr(Scheduling, "preview", counted)
    now = [T0]
    session = _session(store, deck, host, now)
    session.submit("a")
    session.commit(Rating.GOOD)  # rated without looking: nothing previewed
    assert calls == []
    q = session.current
    assert q is not None
    submitted = now[0]
    pending = session.submit("b")
    now[0] = submitted + dt.timedelta(minutes=3)  # the learner reads the screen for a while
    shown = dict(pending.intervals)
    assert dict(pending.intervals) == shown and len(calls) == 1  # computed once, when first read
    assert calls == [submitted]
    assert shown == real(Scheduling(), None, submitted, f"ans/{q.id}")
    now[0] = submitted
    session.commit(Rating.HARD)
    card = store.card("ans", q.id)
    assert card is not None and card.due is not None
    assert card.due - submitted == shown[Rating.HARD]  # what was shown is what is stored


def test_a_preview_first_read_after_the_answer_is_saved_shows_the_intervals_before_it(
    store: Store, deck: Deck, host: PluginHost
) -> None:
    session = _session(store, deck, host, [T0])
    q = session.current
    assert q is not None
    pending = session.submit("a")
    session.commit(Rating.GOOD)
    assert dict(pending.intervals) == Scheduling().preview(None, T0, f"ans/{q.id}")


def test_a_cram_answer_previews_nothing(store: Store, deck: Deck, host: PluginHost) -> None:
    session = _session(store, deck, host, [T0], cram=True)
    assert session.submit("a").intervals == {}


# -- the rows an answer writes -------------------------------------------------------------

#: (question, rating, minutes after the previous step (negative: a clock behind the last
#: review), cram, content hash, flag to set before the answer)
Step = tuple[str, Rating, int, bool, str, str]
STEPS = st.tuples(
    st.sampled_from(["q1", "q2"]),
    st.sampled_from(list(Rating)),
    st.integers(-600, 60 * 24 * 40),
    st.booleans(),
    st.sampled_from(["h1", "h2"]),
    st.sampled_from(["", "", "bury", "suspend", "unsuspend"]),
)


def _builder(
    step: Step, now: dt.datetime, ids: Iterator[int], sched: Scheduling
) -> Callable[..., tuple[Review, CardRow | None]]:
    qid, rating, _, cram, content, _ = step
    uuid = f"{next(ids):016x}"

    def build(before: CardRow | None) -> tuple[Review, CardRow | None]:
        review = Review(uuid, "d", qid, "basic", now, int(rating), "x", 1.0, 3, 100, cram=cram)
        if cram:
            return review, None
        return review, apply_review(
            before, rating, now, sched, deck_id="d", question_id=qid, content_hash=content
        )

    return build


def _generic(store: Store, qid: str, build: Callable[..., tuple[Review, CardRow | None]]) -> CardRow | None:
    """The answer as the store's generic statements write it: the card read by its key, the
    card's log key upserted, the card upserted with every column."""
    with store.transaction():
        before = store.card("d", qid)
        review, card = build(before)
        log.append(store._conn, review)
        if card is not None and not review.cram:
            store._conn.execute(*store.upsert_sql(card))
    return before


def _tables(store: Store) -> list[list[tuple[object, ...]]]:
    return [
        store._conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        for table in ("cards", "card_keys", "reviews")
    ]


@settings(max_examples=40, deadline=None)
@given(st.lists(STEPS, min_size=1, max_size=14))
def test_an_answer_writes_what_the_generic_statements_write(steps: list[Step]) -> None:
    sched = Scheduling()
    fast, slow = Store.open(":memory:"), Store.open(":memory:")
    try:
        ids, ids_again = itertools.count(1), itertools.count(1)
        now = T0
        for step in steps:
            qid, _, minutes, _, _, flag = step
            now += dt.timedelta(minutes=minutes)
            for store in (fast, slow):
                if flag == "bury":
                    store.set_flags("d", qid, buried_until=now + dt.timedelta(hours=5))
                elif flag:
                    store.set_flags("d", qid, suspended=flag == "suspend")
            _, before, _, _ = fast.record_answer("d", qid, _builder(step, now, ids, sched))
            assert before == _generic(slow, qid, _builder(step, now, ids_again, sched))
            assert _tables(fast) == _tables(slow)
    finally:
        fast.close()
        slow.close()


# -- fuzz ------------------------------------------------------------------------------------


def _history(answers: list[tuple[Rating, int]], key: str) -> list[dict[Rating, scheduling.State]]:
    """Every rating's outcome before each answer of a card, answered as ``answers`` say
    (rating, minutes to the next), from a new card at T0."""
    sched = Scheduling()
    state, now, out = None, T0, []
    for rating, minutes in answers:
        out.append(sched.outcomes(state, now, key))
        state = sched.review(state, rating, now, key)
        now += dt.timedelta(minutes=minutes)
    return out


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(list(Rating)), st.integers(0, 60 * 24 * 60)), min_size=1, max_size=10),
    st.sampled_from(["d/a", "d/b", "e/quotes/x/who_said"]),
)
def test_fuzz_from_a_review_s_own_generator_is_the_global_generator_s(
    answers: list[tuple[Rating, int]], key: str
) -> None:
    random.seed("someone else's")
    draw = scheduling._fsrs_names().get("random")
    own = _history(answers, key)
    assert scheduling._fsrs_names().get("random") is draw  # fsrs's own again after each review
    untouched = random.random() == random.Random("someone else's").random()
    real = scheduling.OWN_FUZZ
    scheduling.OWN_FUZZ = False  # the other path: the global generator, seeded and restored
    try:
        seeded = _history(answers, key)
    finally:
        scheduling.OWN_FUZZ = real
    assert own == seeded
    assert untouched  # nobody else's randomness changed


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(list(Rating)), st.integers(0, 60 * 24 * 60)), min_size=1, max_size=10),
    st.sampled_from(["d/a", "e/quotes/x/who_said"]),
)
def test_reviews_with_the_plain_copy_are_those_with_fsrs_s_own(
    answers: list[tuple[Rating, int]], key: str
) -> None:
    names = scheduling._fsrs_names()
    own_copy = names.get("copy")
    assert scheduling._FAST_COPY is not None  # fsrs 6 copies its cards with copy.copy
    fast = _history(answers, key)
    assert names.get("copy") is own_copy  # fsrs's own again after each review
    real = scheduling._FAST_COPY
    scheduling._FAST_COPY = None  # the other path: fsrs's own copy.copy
    try:
        assert _history(answers, key) == fast
    finally:
        scheduling._FAST_COPY = real


def test_the_plain_copy_is_used_only_for_copy_copy_of_plain_objects() -> None:
    import copy
    import copyreg

    class Plain:
        pass

    class Hooked:
        def __copy__(self) -> Hooked:
            return self

    class Slotted:
        __slots__ = ("x",)

    assert scheduling._plain_copy(copy.copy, Plain)
    assert not scheduling._plain_copy(copy.deepcopy, Plain)  # fsrs copying some other way
    assert not scheduling._plain_copy(copy.copy, Hooked)
    assert not scheduling._plain_copy(copy.copy, Slotted)
    copyreg.pickle(Plain, lambda obj: (Plain, ()))
    try:
        assert not scheduling._plain_copy(copy.copy, Plain)  # copy.copy would use the reducer
    finally:
        del copyreg.dispatch_table[Plain]
    card = Plain()
    card.__dict__.update(a=1, b=[2])
    made = scheduling._copy_card(card)
    assert type(made) is Plain and made is not card and vars(made) == vars(card)
    assert made.b is card.b  # shallow, as copy.copy


def test_the_content_hash_is_the_sha256_of_the_sorted_json_of_fact_and_prompt(
    deck: Deck, host: PluginHost
) -> None:
    import hashlib
    import json

    from quizlib.study.answer_record import content_hash

    q = next(iter(host.question_types["basic"].generate(deck.facts("cards")[0], deck, random.Random(1))))
    data = {"z": T0, "a": [1, "é"], **q.fact.data}  # a value JSON cannot hold, and non-ASCII text
    odd = dataclasses.replace(q, fact=dataclasses.replace(q.fact, data=data))
    for question in (q, odd):
        text = json.dumps([question.fact.data, question.prompt.text], sort_keys=True, default=str)
        assert content_hash(question) == hashlib.sha256(text.encode()).hexdigest()[:16]


# -- schema 8 --------------------------------------------------------------------------------


def test_schema_8_drops_the_reviewed_index_and_lists_the_same_reviewed_cards(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        for step in MIGRATIONS[:7]:
            step(conn)
        conn.execute("PRAGMA user_version = 7")
        conn.executemany(
            "INSERT INTO cards (deck_id, question_id, state, due) VALUES ('d', ?, ?, ?)",
            [("seen", '{"state": 2}', T0.isoformat()), ("flagged only", None, None)],
        )
    with Store.open(path) as store:
        names = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "cards_reviewed" not in names and "cards_queue" in names
        assert store.reviewed_ids("d") == {"seen"}


def test_fitted_parameters_are_checked_when_the_scheduler_is_made_and_defaults_when_used() -> None:
    with pytest.raises(ValueError):  # not later, at the first answer
        Scheduling(SchedulerSettings(parameters=(1.0, 2.0, 3.0)))
    lazy = Scheduling(SchedulerSettings(retention=0.85))
    assert lazy._made is None  # fsrs's scheduler is made when a card is first scheduled
    state = lazy.review(None, Rating.GOOD, T0, "d/q")
    assert lazy._made is not None and due_of(state) > T0
