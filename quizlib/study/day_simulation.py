"""Drive many study days through the real session engine and check the day semantics.

A simulated learner studies at given local times (02:30, 03:59, 04:01, 23:30 ...) across
days, possibly across a daylight-saving change. Their memory follows the scheduler's own
FSRS model: a review card is recalled with its retrievability at the time of the review,
so the realised retention of review cards shows whether cards are asked when due (about
the desired retention) or late (less). After every session the invariants of
``docs/scheduling.md`` are checked; violations are reported, not raised, so a script can
count them and a test can assert there are none.

Time and randomness are passed in; nothing reads the wall clock. ``benchmarks/study_days.py``
runs it at larger sizes and prints the realised retention.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from quizlib.clock import ROLLOVER_HOUR, local_day, next_day_start, this_day_start
from quizlib.model import Deck, PromptKind, Question, Rating, Response
from quizlib.plugins import PluginHost
from quizlib.srs.scheduling import due_of, is_review_state
from quizlib.store.store import Store
from quizlib.study.questions import generate_questions
from quizlib.study.session import Session, SessionOptions

#: Seconds the simulated learner spends on one answer.
ANSWER_SECONDS = 30
#: Probability of recalling a card still in (re)learning.
LEARNING_RECALL = 0.8
_T = dt.time
#: Local session times, one tuple per calendar day, cycled: before and after the 4:00
#: rollover, late at night, two sessions in one study day (23:30, then 02:30 the next date).
SESSION_TIMES = ((_T(9),), (_T(3, 59), _T(4, 1)), (_T(23, 30),), (_T(2, 30), _T(21)), (_T(4, 1), _T(12)))


@dataclass
class DaysReport:
    """What a simulation saw.

    Attributes:
        sessions: Sessions run.
        answers: Answers saved (learning repeats included).
        reviews: Answers to cards in the Review state.
        recalled: Of those, how many were recalled.
        violations: Broken invariants, one line each (empty when all held).
    """

    sessions: int = 0
    answers: int = 0
    reviews: int = 0
    recalled: int = 0
    violations: list[str] = field(default_factory=list)

    @property
    def retention(self) -> float | None:
        """Realised retention of review cards (None without reviews)."""
        return self.recalled / self.reviews if self.reviews else None


class _Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def deck_text(basics: int, clozes: int, choices: int) -> str:
    """A synthetic deck: basic cards, two-gap clozes (two sibling questions each) and choices."""
    lines = ["quizlib: 1", "deck: {id: sim, title: Simulated}", "cards:"]
    lines += [f"  - {{id: b{i}, type: basic, front: B{i}?, back: b{i}}}" for i in range(basics)]
    lines += [f'  - {{id: z{i}, type: cloze, text: "{{{{x{i}}}}} and {{{{y{i}}}}}"}}' for i in range(clozes)]
    lines += [
        f"  - {{id: c{i}, type: choice, question: C{i}?, choices: [r{i}, s{i}, t{i}], answer: [0]}}"
        for i in range(choices)
    ]
    return "\n".join(lines) + "\n"


def response_for(question: Question, host: PluginHost, right: bool) -> Response:
    """A right or wrong response to a basic, cloze or choice question (a reveal for cards)."""
    kind = question.prompt.kind
    if kind in (PromptKind.CHOICE, PromptKind.MULTI):
        qt = host.question_types[question.type]
        scores = [qt.grade(question, i).score for i in range(len(question.prompt.choices))]
        best = scores.index(max(scores)) if right else scores.index(min(scores))
        return best if kind is PromptKind.CHOICE else (best,)
    if kind is PromptKind.TEXT and "gap" in question.key:
        return str(question.key["gap"]) if right else "zzzz"
    return ""


def simulate_days(
    store: Store,
    decks: Sequence[Deck],
    host: PluginHost,
    *,
    tz: dt.tzinfo,
    start: dt.date,
    days: int,
    times: Sequence[Sequence[dt.time]],
    rng: random.Random,
    new_per_day: int = 5,
) -> DaysReport:
    """Study ``days`` calendar days from ``start``; on day ``d`` at the local ``times[d % len]``.

    Every session is studied to its end. Returns the counts and the invariants broken.
    """
    report = DaysReport()
    fact_of = {(d.id, q.id): q.sibling_key for d in decks for q in generate_questions(d, host, rng).questions}
    for offset in range(days):
        date = start + dt.timedelta(days=offset)
        for moment in times[offset % len(times)]:
            now = dt.datetime.combine(date, moment, tzinfo=tz).astimezone(dt.UTC)
            clock = _Clock(now)
            options = SessionOptions(new_per_day=new_per_day)
            session = Session.start(store, decks, host, clock=clock, rng=rng, options=options, tz=tz)
            report.sessions += 1
            _check_day_start(report, now, tz)
            while session.current is not None:
                _answer(session, host, clock, rng, report)
            _check_nothing_left_due(report, store, decks, fact_of, clock(), tz)
    _check_one_question_per_fact(report, store, fact_of, tz, new_per_day)
    return report


def _answer(
    session: Session, host: PluginHost, clock: _Clock, rng: random.Random, report: DaysReport
) -> None:
    q = session.current
    assert q is not None
    deck_id = session.deck_of(q).id
    now = clock()
    card = session.store.card(deck_id, q.id)
    state = card.state if card is not None else None
    review = is_review_state(state)
    chance = session.schedulers[deck_id].retrievability(state, now) if review else LEARNING_RECALL
    recalled = rng.random() < chance
    pending = session.submit(response_for(q, host, recalled))
    shown = [pending.intervals[r] for r in Rating]
    if shown != sorted(shown):
        report.violations.append(f"{now:%Y-%m-%d %H:%M} {q.id}: preview out of order {shown}")
    rating = Rating.GOOD if recalled else Rating.AGAIN
    session.commit(rating)
    after = session.store.card(deck_id, q.id)
    if after is None or after.state is None or due_of(after.state) - now != pending.intervals[rating]:
        report.violations.append(f"{now:%Y-%m-%d %H:%M} {q.id}: stored interval is not the one shown")
    report.answers += 1
    if review:
        report.reviews += 1
        report.recalled += recalled
    clock.now = now + dt.timedelta(seconds=ANSWER_SECONDS)


def _check_day_start(report: DaysReport, now: dt.datetime, tz: dt.tzinfo) -> None:
    begins = this_day_start(now, tz=tz).astimezone(tz)
    ends = next_day_start(now, tz=tz).astimezone(tz)
    for edge in (begins, ends):
        if edge.time() != dt.time(ROLLOVER_HOUR):
            report.violations.append(f"{now:%Y-%m-%d %H:%M}: a study day starts at {edge:%H:%M} local")
    if not begins <= now < ends:
        report.violations.append(f"{now:%Y-%m-%d %H:%M}: not within its own study day")


def _check_nothing_left_due(
    report: DaysReport,
    store: Store,
    decks: Sequence[Deck],
    fact_of: dict[tuple[str, str], str],
    now: dt.datetime,
    tz: dt.tzinfo,
) -> None:
    """After a session, no review card is due by the end of the study day unless its fact
    already had its question today (then it waits for tomorrow)."""
    day_begins, day_ends = this_day_start(now, tz=tz), next_day_start(now, tz=tz)
    for deck in decks:
        answered = {fact_of.get((deck.id, qid)) for qid in store.reviewed_since(deck.id, day_begins)}
        hidden = store.hidden_ids(deck.id, now)
        for card in store.cards(deck.id).values():
            buried = card.buried_until
            if buried is not None and buried.astimezone(tz).time() != dt.time(ROLLOVER_HOUR):
                report.violations.append(f"{card.question_id}: buried until {buried.astimezone(tz)}")
            if (
                is_review_state(card.state)
                and card.due is not None
                and card.due <= day_ends
                and card.question_id not in hidden
                and fact_of.get((deck.id, card.question_id)) not in answered
            ):
                report.violations.append(
                    f"{now:%Y-%m-%d %H:%M}: {card.question_id} left due at {card.due.astimezone(tz)}"
                )


def _check_one_question_per_fact(
    report: DaysReport, store: Store, fact_of: dict[tuple[str, str], str], tz: dt.tzinfo, new_per_day: int
) -> None:
    asked: dict[tuple[dt.date, str | None], set[str]] = defaultdict(set)
    first_day: dict[tuple[str, str], dt.date] = {}
    for r in store.reviews():
        day = local_day(r.reviewed_at, tz=tz)
        asked[day, fact_of.get((r.deck_id, r.question_id))].add(r.question_id)
        first_day.setdefault((r.deck_id, r.question_id), day)
    for (day, fact), questions in sorted(asked.items(), key=lambda item: str(item[0])):
        if len(questions) > 1:
            report.violations.append(f"{day}: fact {fact} asked as {sorted(questions)}")
    for day, count in sorted(Counter(first_day.values()).items()):
        if count > new_per_day * len({deck for deck, _ in first_day}):
            report.violations.append(f"{day}: {count} new questions, more than {new_per_day} a deck")
