"""What one answer computes: the preview only when read, the same fuzz without the global generator."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizlib import Rating, load_deck
from quizlib.model import Deck
from quizlib.plugins import PluginHost
from quizlib.srs import scheduling
from quizlib.srs.scheduling import Scheduling
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


def test_a_cram_answer_previews_nothing(store: Store, deck: Deck, host: PluginHost) -> None:
    session = _session(store, deck, host, [T0], cram=True)
    assert session.submit("a").intervals == {}


# -- fuzz ------------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(list(Rating)), st.integers(0, 60 * 24 * 60)), min_size=1, max_size=10),
    st.sampled_from(["d/a", "d/b", "e/quotes/x/who_said"]),
)
def test_fuzz_from_a_review_s_own_generator_is_the_global_generator_s(
    answers: list[tuple[Rating, int]], key: str
) -> None:
    sched = Scheduling()

    def history() -> list[dict[Rating, scheduling.State]]:
        state, now, out = None, T0, []
        for rating, minutes in answers:
            out.append(sched.outcomes(state, now, key))
            state = sched.review(state, rating, now, key)
            now += dt.timedelta(minutes=minutes)
        return out

    random.seed("someone else's")
    own = history()
    untouched = random.random() == random.Random("someone else's").random()
    real = scheduling.OWN_FUZZ
    scheduling.OWN_FUZZ = False  # the other path: the global generator, seeded and restored
    try:
        seeded = history()
    finally:
        scheduling.OWN_FUZZ = real
    assert own == seeded
    assert untouched  # nobody else's randomness changed
