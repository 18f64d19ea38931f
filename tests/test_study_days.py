"""Study-day semantics: due by study day, one question per fact a day, DST, preview order,
self-rated verdicts, --limit and learning repeats (engine only; no terminal)."""

from __future__ import annotations

import datetime as dt
import random
import time
import zoneinfo
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_engine import FakeClock

from quizlib import Rating, load_deck
from quizlib.clock import local_day, local_zone, next_day_start, this_day_start
from quizlib.model import Deck, PromptKind
from quizlib.plugins import PluginHost
from quizlib.srs.scheduling import Scheduling, due_of, is_review_state
from quizlib.store.store import REVIEW_STATE, Store
from quizlib.study.session import Session, SessionOptions
from quizlib.study.stats import compute
from quizlib.ui import render

BERLIN = ZoneInfo("Europe/Berlin")
T0 = dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.UTC)
DECK = """\
quizlib: 1
deck: {id: days, title: Days, settings: {new_per_day: 2}}
cards:
  - {id: a, type: basic, front: A?, back: a}
  - {id: b, type: basic, front: B?, back: b}
  - {id: two, type: cloze, text: "{{Alpha}} came before {{Omega}}"}
  - {id: c, type: basic, front: C?, back: c}
  - {id: pick, type: choice, question: Which?, choices: [one, two, three, four, five], answer: [0]}
"""


@pytest.fixture
def deck(write_deck: Callable[..., Path], host: PluginHost) -> Deck:
    return load_deck(write_deck(DECK), sections=host.sections, cache_dir=None)


def start(
    store: Store, deck: Deck, host: PluginHost, clock: FakeClock, tz: dt.tzinfo = dt.UTC, **opts: object
) -> Session:
    options = SessionOptions(**opts)  # type: ignore[arg-type]
    return Session.start(store, [deck], host, clock=clock, rng=random.Random(3), options=options, tz=tz)


def answer(session: Session, rating: Rating = Rating.GOOD) -> str:
    """Answer the current question right (or reveal a card) and save ``rating``."""
    q = session.current
    assert q is not None
    kind = q.prompt.kind
    response: object = ""
    if kind is PromptKind.CHOICE:
        qt = session.host.question_types[q.type]
        response = next(i for i in range(len(q.prompt.choices)) if qt.grade(q, i).score >= 1.0)
    elif kind is PromptKind.TEXT:
        response = str(q.key["gap"])
    session.submit(response)  # type: ignore[arg-type]
    session.commit(rating)
    return q.id


def drain(session: Session, rating: Rating = Rating.GOOD) -> list[str]:
    done = []
    while session.current is not None:
        done.append(answer(session, rating))
    return done


# -- 3. the rollover is 4:00 local time, also across a DST change -----------------------


def test_rollover_is_four_local_across_dst() -> None:
    spring_eve = dt.datetime(2024, 3, 30, 12, tzinfo=dt.UTC)  # Saturday; clocks go forward at night
    assert next_day_start(spring_eve, tz=BERLIN) == dt.datetime(2024, 3, 31, 2, tzinfo=dt.UTC)  # 4:00 CEST
    autumn_eve = dt.datetime(2024, 10, 26, 12, tzinfo=dt.UTC)
    assert next_day_start(autumn_eve, tz=BERLIN) == dt.datetime(2024, 10, 27, 3, tzinfo=dt.UTC)  # 4:00 CET
    # 03:59 and 04:01 local time on the morning after the change, each side of the rollover
    before = dt.datetime(2024, 3, 31, 1, 59, tzinfo=dt.UTC)
    after = dt.datetime(2024, 3, 31, 2, 1, tzinfo=dt.UTC)
    assert local_day(before, tz=BERLIN) == dt.date(2024, 3, 30)
    assert local_day(after, tz=BERLIN) == dt.date(2024, 3, 31)
    assert this_day_start(after, tz=BERLIN) == dt.datetime(2024, 3, 31, 2, tzinfo=dt.UTC)
    assert this_day_start(before, tz=BERLIN) == dt.datetime(2024, 3, 30, 3, tzinfo=dt.UTC)  # a 23-hour day


def test_local_zone_comes_from_tz() -> None:
    assert local_zone({"TZ": "Europe/Berlin"}) == BERLIN
    assert local_zone({"TZ": ":Europe/Berlin"}) == BERLIN  # the glibc spelling
    for other in ({"TZ": "EST5EDT,M3.2.0,M11.1.0"}, {"TZ": "No/Such_Zone"}, {}):
        assert isinstance(local_zone(other), dt.tzinfo)  # the system's zone, never an error


@pytest.fixture
def berlin_tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The learner's zone from the environment, as a person's shell would set it."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("berlin_tz")
def test_zone_from_environment_keeps_four_local_after_dst(store: Store, deck: Deck, host: PluginHost) -> None:
    spring_eve = dt.datetime(2024, 3, 30, 20, tzinfo=dt.UTC)
    assert next_day_start(spring_eve) == dt.datetime(2024, 3, 31, 2, tzinfo=dt.UTC)
    session = Session.start(store, [deck], host, clock=FakeClock(spring_eve), rng=random.Random(1))
    q = session.current
    assert q is not None
    session.bury()
    card = store.card("days", q.id)
    assert card is not None and card.buried_until == dt.datetime(2024, 3, 31, 2, tzinfo=dt.UTC)


# -- 1. review cards are due by study day; learning steps keep their minutes --------------


def test_review_due_later_today_is_asked_now(store: Store, deck: Deck, host: PluginHost) -> None:
    clock = FakeClock()
    drain(start(store, deck, host, clock), Rating.EASY)  # graduate the first new cards
    cards = [c for c in store.cards("days").values() if is_review_state(c.state)]
    assert cards
    first = min(c.due for c in cards if c.due is not None)
    # The morning of the day the first card falls due, hours before its due time.
    clock.now = this_day_start(first, tz=dt.UTC) + dt.timedelta(minutes=30)
    assert clock.now < first
    session = start(store, deck, host, clock, new_per_day=0)
    assert session.current is not None and session.kinds[session.current.id] == "due"
    asked = set(drain(session))
    due_today = {c.question_id for c in cards if c.due is not None and c.due < next_day_start(clock.now)}
    assert due_today <= asked


def test_learning_step_is_due_by_minutes_with_learn_ahead(store: Store, deck: Deck, host: PluginHost) -> None:
    clock = FakeClock()
    session = start(store, deck, host, clock, new_per_day=1)
    failed = answer(session, Rating.AGAIN)  # a 1-minute step
    clock.now += dt.timedelta(minutes=1)
    assert session.current is not None and session.current.id == failed
    answer(session, Rating.GOOD)  # the 10-minute step; the learner quits now
    later = start(store, deck, host, clock, new_per_day=0)
    assert later.current is not None and later.current.id == failed  # 10 min ahead is within 20
    clock.now -= dt.timedelta(minutes=15)  # 25 minutes before the step: not yet
    assert start(store, deck, host, clock, new_per_day=0).current is None


def test_store_knows_the_review_state() -> None:
    import fsrs

    assert int(fsrs.State.Review) == REVIEW_STATE


# -- 2. one question per fact per study day, and the new-card budget -----------------------


def test_one_question_per_fact_per_day_across_sessions(store: Store, deck: Deck, host: PluginHost) -> None:
    clock = FakeClock()
    session = start(store, deck, host, clock, new_per_day=10)
    asked = set(drain(session))  # learning steps repeat a question, never a sibling
    facts = [qid.split("/")[1] for qid in asked]
    assert len(set(facts)) == len(facts) == 5
    clock.now += dt.timedelta(hours=3)
    second = drain(start(store, deck, host, clock, new_per_day=10))
    assert not any(qid.startswith("cards/two/") for qid in second)  # the cloze's other gap waits
    clock.now = next_day_start(clock.now, tz=dt.UTC) + dt.timedelta(hours=1)
    tomorrow = drain(start(store, deck, host, clock, new_per_day=10))
    assert any(qid.startswith("cards/two/") for qid in tomorrow)


def test_new_budget_is_not_undercut_by_siblings(store: Store, deck: Deck, host: PluginHost) -> None:
    clock = FakeClock()
    for seed in range(8):  # whatever order the new questions come in
        options = SessionOptions(new_per_day=5)
        session = Session.start(store, [deck], host, clock=clock, rng=random.Random(seed), options=options)
        assert len(session.queue) + 1 == 5  # 5 facts, so 5 new questions (the cloze gives one)
        session.store._conn.execute("DELETE FROM cards")


# -- 4. the preview is ordered, and what is shown is what is stored ------------------------


def test_preview_is_monotone_and_is_what_is_stored() -> None:
    sched = Scheduling()
    rng = random.Random(11)
    for n in range(200):
        key, state, now = f"d/q{n}", None, T0
        for _ in range(rng.randint(2, 7)):
            now += dt.timedelta(days=rng.randint(1, 60))
            preview = sched.preview(state, now, key)
            shown = [preview[r] for r in Rating]
            assert shown == sorted(shown), (key, shown)
            rating = Rating(rng.choice([2, 3, 3, 3, 4]))
            state = sched.review(state, rating, now, key)
            assert due_of(state) - now == preview[rating]


# -- 5. a self-rated card's verdict is the learner's rating --------------------------------


def test_basic_card_typed_wrong_suggests_again_and_verdicts_agree(
    store: Store, deck: Deck, host: PluginHost
) -> None:
    clock = FakeClock()
    session = start(store, deck, host, clock, types=("basic",), new_per_day=3)
    wrong = session.submit("nonsense")
    assert wrong.grade.verdict == "wrong" and wrong.suggested is Rating.AGAIN
    session.commit()
    revealed = session.submit("")
    assert revealed.suggested is Rating.GOOD  # nothing typed: Anki's default button
    session.commit(Rating.GOOD)
    session.submit("also wrong")
    session.commit(Rating.HARD)  # the learner overrides: partly right
    summary = session.summary()
    assert (summary.answered, summary.correct) == (3, 1)
    assert summary.by_type["basic"].mean_score == pytest.approx(0.5)
    stats = compute(list(store.reviews()), store.all_cards(), clock.now, tz=dt.UTC)
    assert stats.by_type["basic"].accuracy == pytest.approx(1 / 3)


# -- 6. --limit counts answers; the total does not grow; repeats come back reshuffled ------


def test_limit_counts_answers_and_total_stays(store: Store, deck: Deck, host: PluginHost) -> None:
    clock = FakeClock()
    session = start(store, deck, host, clock, limit=3, new_per_day=5)
    totals = []
    answered = 0
    while session.current is not None:
        totals.append(session.progress().total)
        answer(session, Rating.AGAIN)
        clock.now += dt.timedelta(minutes=2)
        answered += 1
    assert answered == 3 and set(totals) == {3}


def test_failed_question_comes_back_reshuffled_and_not_next(
    store: Store, deck: Deck, host: PluginHost
) -> None:
    clock = FakeClock()
    session = start(store, deck, host, clock, types=("choice", "basic"), new_per_day=5)
    while session.current is not None and session.current.type != "choice":
        answer(session)
    first = session.current
    assert first is not None
    total = session.progress().total
    number = session.progress().number
    answer(session, Rating.AGAIN)
    clock.now += dt.timedelta(minutes=5)
    assert session.current is not None and session.current.id != first.id  # others remain
    seen = [answer(session)]
    while session.current is not None and session.current.id != first.id:
        seen.append(answer(session))
    again = session.current
    assert again is not None and again.prompt.choices != first.prompt.choices
    assert sorted(again.prompt.choices) == sorted(first.prompt.choices)
    assert session.progress().number == number and session.progress().total == total
    pending = session.submit(next(i for i, c in enumerate(again.prompt.choices) if c == "one"))
    assert pending.grade.score == 1.0


def test_next_review_is_told_in_the_learners_zone(store: Store, deck: Deck, host: PluginHost) -> None:
    clock = FakeClock(dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.UTC))
    session = start(store, deck, host, clock, tz=BERLIN)
    answer(session, Rating.AGAIN)  # a learning step, due in minutes
    summary = session.summary()
    assert summary.next_due is not None and summary.next_due.utcoffset() == dt.timedelta(hours=1)
    line = render.next_due_text(summary, clock.now)
    assert "CET" in line and "10:" in line  # 10:0x Berlin time, not 09:0x UTC


@given(
    st.sampled_from(sorted(zoneinfo.available_timezones())),
    st.integers(0, 23),
    st.datetimes(
        min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(2037, 12, 30), timezones=st.just(dt.UTC)
    ),
)
def test_every_moment_lies_in_exactly_one_study_day_in_every_zone(
    zone: str, hour: int, now: dt.datetime
) -> None:
    """Whatever the zone's daylight-saving rules (30-minute shifts, skipped days, a rollover
    hour that does not exist on a change-over night): the day that holds a moment starts at or
    before it and ends after it, the next day starts where it ends, and days go forward."""
    tz = ZoneInfo(zone)
    start, end = this_day_start(now, hour, tz), next_day_start(now, hour, tz)
    assert start <= now < end
    assert this_day_start(end, hour, tz) == end
    assert local_day(start, hour, tz) == local_day(now, hour, tz) < local_day(end, hour, tz)
