"""A simulated learner whose memory follows FSRS, studied by an FSRS scheduler.

Two FSRS models run side by side for every card: the learner's *true* memory (with the
"true" parameters) decides whether a review is recalled, and the *scheduler's* model (with
the parameters it believes) turns the logged ratings into the next interval. With the
ratings the learner gives, this generates review logs from known parameters (to test fitting);
with ratings derived from partial-credit scores, it compares grade → rating policies.

Memory states come from fsrs-rs-python (``pip install 'quizlib[optimize]'``). Randomness comes
only from the ``random.Random`` passed in.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from quizlib.srs.optimize import LoggedReview, check_parameters, fsrs_rs, retrievability

#: Decides one review: given the learner's true probability of recall and the rng, returns
#: ``(true rating, logged rating)``. The true rating updates the learner's memory; the logged
#: rating is what the scheduler sees (they differ when a policy maps scores to ratings).
Answer = Callable[[float, random.Random], tuple[int, int]]

_RATING_NAMES = ("again", "hard", "good", "easy")


def honest_answer(recall_probability: float, rng: random.Random) -> tuple[int, int]:
    """A learner who rates themselves: Again when forgotten, else Hard 10%, Good 85%, Easy 5%."""
    if rng.random() >= recall_probability:
        return 1, 1
    rating = rng.choices((2, 3, 4), weights=(0.10, 0.85, 0.05))[0]
    return rating, rating


@dataclass
class SimulationResult:
    """What a simulated study period produced.

    Attributes:
        log: Every review, in time order.
        reviews_per_day: Reviews (first exposures included) on each day.
        knowledge_per_day: Σ of the learner's true recall probability over the cards introduced
            so far, at the end of each day: how many cards they would recall if tested then.
    """

    log: list[LoggedReview] = field(default_factory=list)
    reviews_per_day: list[int] = field(default_factory=list)
    knowledge_per_day: list[float] = field(default_factory=list)


@dataclass
class _Card:
    id: str
    true_state: Any = None
    scheduler_state: Any = None
    last_day: int = 0
    due_day: int = 0


def simulate_learner(
    true_parameters: Sequence[float],
    *,
    rng: random.Random,
    days: int,
    new_per_day: int,
    scheduler_parameters: Sequence[float] | None = None,
    desired_retention: float = 0.9,
    answer: Answer = honest_answer,
    first_again_probability: float = 0.3,
    start: datetime = datetime(2024, 1, 1, 12, tzinfo=UTC),
    track_knowledge: bool = False,
) -> SimulationResult:
    """Simulate ``days`` of study, introducing ``new_per_day`` cards each day.

    A new card is first shown and rated Again (with ``first_again_probability``) or Good;
    after Again the learner sees it once more that day and rates it Good (a learning step).
    Later, on each due day, ``answer`` decides the review from the true recall probability;
    a review logged as Again is likewise followed by one same-day Good relearning step.
    The next interval is the scheduler's FSRS interval for ``desired_retention``, rounded to
    whole days (at least 1).

    Args:
        true_parameters: FSRS-6 parameters of the learner's real memory.
        rng: The only source of randomness.
        days: Length of the study period.
        new_per_day: New cards introduced per day.
        scheduler_parameters: What the scheduler believes (default: the true parameters).
        desired_retention: The scheduler's target recall probability at the due date.
        answer: Decides each due review (see :data:`Answer`).
        first_again_probability: Chance the first exposure is rated Again.
        start: Noon of day 0; review times are spread over the following hours.
        track_knowledge: Also compute ``knowledge_per_day`` (costs cards × days steps).
    """
    study = _Study(true_parameters, scheduler_parameters or true_parameters, desired_retention, start)
    cards: list[_Card] = []
    for day in range(days):
        count = 0
        for card in [card for card in cards if card.due_day == day]:
            recall = retrievability(day - card.last_day, card.true_state.stability, true_parameters)
            true_rating, logged_rating = answer(recall, rng)
            count = study.review(card, day, true_rating, logged_rating, count)
        for _ in range(new_per_day):
            card = _Card(id=f"card-{len(cards)}")
            cards.append(card)
            first = 1 if rng.random() < first_again_probability else 3
            count = study.review(card, day, first, first, count)
        study.result.reviews_per_day.append(count)
        if track_knowledge:
            study.result.knowledge_per_day.append(
                sum(
                    retrievability(day + 1 - card.last_day, card.true_state.stability, true_parameters)
                    for card in cards
                )
            )
    return study.result


class _Study:
    """The two FSRS models of a simulation and the log they produce."""

    def __init__(
        self,
        true_parameters: Sequence[float],
        believed: Sequence[float],
        desired_retention: float,
        start: datetime,
    ) -> None:
        rs = fsrs_rs()
        self.truth = rs.FSRS(list(check_parameters(true_parameters)))
        self.scheduler = rs.FSRS(list(check_parameters(believed)))
        self.desired_retention = desired_retention
        self.start = start
        self.result = SimulationResult()

    def review(self, card: _Card, day: int, true_rating: int, logged_rating: int, minute: int) -> int:
        """Review ``card``; one logged Again is followed by a same-day Good relearning step, as a
        session asks such a card once more. Returns the next review's minute of the day."""
        self._one(card, day, true_rating, logged_rating, minute)
        if logged_rating != 1:
            return minute + 1
        self._one(card, day, 3, 3, minute + 1)
        return minute + 2

    def _one(self, card: _Card, day: int, true_rating: int, logged_rating: int, minute: int) -> None:
        elapsed = day - card.last_day if card.true_state is not None else 0
        planned_truth = self.truth.next_states(card.true_state, self.desired_retention, elapsed)
        card.true_state = _memory(planned_truth, true_rating)
        planned = self.scheduler.next_states(card.scheduler_state, self.desired_retention, elapsed)
        card.scheduler_state = _memory(planned, logged_rating)
        interval = getattr(planned, _RATING_NAMES[logged_rating - 1]).interval
        card.last_day, card.due_day = day, day + max(1, round(interval))
        self.result.log.append((card.id, self.start + timedelta(days=day, minutes=minute), logged_rating))


def _memory(states: Any, rating: int) -> Any:
    return getattr(states, _RATING_NAMES[rating - 1]).memory
