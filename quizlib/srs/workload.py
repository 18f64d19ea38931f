"""How much studying a desired retention costs, from fsrs-rs-python's simulator.

The simulator is the one Anki uses for its workload estimates: a year (by default) in which
new cards arrive at the learner's own pace, each review's outcome drawn from FSRS's recall
probability, ratings drawn from the learner's own rating habits, and each review costing
Anki's measured average seconds for its kind (learning, review, relearning) and rating.
Results are averaged over several seeded runs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from quizlib.srs.optimize import CardId, LoggedReview, TrainingItem, check_parameters, fsrs_rs

#: The desired retentions ``recommend_retention`` considers.
RETENTION_RANGE = (0.70, 0.97)

#: Seeds of the simulator runs averaged for one estimate; five keep the noise in cost per
#: remembered card below about 2% at a few thousand cards.
SEEDS = (0, 1, 2, 3, 4)

#: Fewer rated reviews than this and the simulator's default rating habits are used instead.
_MIN_RATINGS = 20


@dataclass(frozen=True)
class StudyHabits:
    """What the simulated learner does, taken from their review log.

    Attributes:
        new_per_day: New cards introduced per day.
        first_ratings: Probabilities of Again, Hard, Good, Easy at a card's first review
            (None: the simulator's defaults).
        recall_ratings: Probabilities of Hard, Good, Easy when a review is recalled (None:
            the simulator's defaults).
        days: Length of the simulated period.
    """

    new_per_day: int
    first_ratings: tuple[float, ...] | None = None
    recall_ratings: tuple[float, ...] | None = None
    days: int = 365


@dataclass(frozen=True)
class Workload:
    """The simulated cost of studying at one desired retention (means over the seeds).

    Attributes:
        desired_retention: The scheduler's target.
        reviews_per_day: Reviews and first exposures per day.
        minutes_per_day: Study time per day.
        remembered: Expected number of cards the learner recalls at the end.
        days: Length of the simulated period.
    """

    desired_retention: float
    reviews_per_day: float
    minutes_per_day: float
    remembered: float
    days: int

    @property
    def seconds_per_card_remembered(self) -> float:
        """Total study time divided by the cards remembered at the end: lower is more efficient."""
        return self.minutes_per_day * 60 * self.days / self.remembered if self.remembered else math.inf


def habits_from_log(reviews: Sequence[LoggedReview], items: Sequence[TrainingItem]) -> StudyHabits:
    """The learner's pace and rating habits from their review log and its training items."""
    first: dict[CardId, tuple[datetime, int]] = {}
    for card_id, time, rating in reviews:
        if card_id not in first or time < first[card_id][0]:
            first[card_id] = (time, rating)
    if not first:
        return StudyHabits(new_per_day=10)
    times = [time for _, time, _ in reviews]
    span_days = max(1, (max(times) - min(times)).days + 1)
    first_ratings = [rating for _, rating in first.values()]
    recall_ratings = [item.reviews[-1][0] for item in items if item.recalled]
    return StudyHabits(
        new_per_day=max(1, round(len(first) / span_days)),
        first_ratings=_shares(first_ratings, (1, 2, 3, 4)),
        recall_ratings=_shares(recall_ratings, (2, 3, 4)),
    )


def simulate_workload(
    parameters: Sequence[float], desired_retention: float, habits: StudyHabits, seeds: Sequence[int] = SEEDS
) -> Workload:
    """The mean workload over ``seeds`` of studying with ``parameters`` at ``desired_retention``."""
    rs = fsrs_rs()
    config = rs.default_simulator_config()
    config.deck_size = habits.new_per_day * habits.days
    config.learn_span = habits.days
    config.learn_limit = habits.new_per_day
    config.max_cost_perday = 86400.0  # no daily time limit: we want the cost, not a capped one
    if habits.first_ratings is not None:
        config.first_rating_prob = list(habits.first_ratings)
    if habits.recall_ratings is not None:
        config.review_rating_prob = list(habits.recall_ratings)
    weights = list(check_parameters(parameters))
    reviews = seconds = remembered = 0.0
    for seed in seeds:
        run = rs.simulate(weights, desired_retention, config, seed)
        reviews += sum(run.review_cnt_per_day) + sum(run.learn_cnt_per_day)
        seconds += sum(run.cost_per_day)
        remembered += run.memorized_cnt_per_day[-1]
    runs_days = len(seeds) * habits.days
    return Workload(
        desired_retention=desired_retention,
        reviews_per_day=reviews / runs_days,
        minutes_per_day=seconds / 60 / runs_days,
        remembered=remembered / len(seeds),
        days=habits.days,
    )


def recommend_retention(
    parameters: Sequence[float],
    habits: StudyHabits,
    retention_range: tuple[float, float] = RETENTION_RANGE,
    step: float = 0.01,
    seeds: Sequence[int] = SEEDS,
) -> tuple[Workload, list[Workload]]:
    """The desired retention with the least study time per card remembered, and every estimate.

    Returns:
        The best workload and the workloads at each retention from low to high in ``step``s.
    """
    low, high = retention_range
    count = round((high - low) / step) + 1
    table = [simulate_workload(parameters, round(low + k * step, 4), habits, seeds) for k in range(count)]
    return min(table, key=lambda w: w.seconds_per_card_remembered), table


def range_edge(best: Workload, table: Sequence[Workload]) -> str | None:
    """Whether the recommended retention is the lowest or highest one searched.

    At an edge the least study time per card remembered may lie outside the range, so the
    recommendation is only "at least" or "at most" that retention.

    Returns:
        ``"lowest"`` or ``"highest"`` when ``best`` is an end of ``table`` (low to high), else None.
    """
    if not table:
        return None
    if best.desired_retention <= table[0].desired_retention:
        return "lowest"
    if best.desired_retention >= table[-1].desired_retention:
        return "highest"
    return None


def _shares(ratings: Sequence[int], kinds: Sequence[int]) -> tuple[float, ...] | None:
    """The share of each kind of rating, or None when there are too few to trust."""
    if len(ratings) < _MIN_RATINGS:
        return None
    return tuple(ratings.count(kind) / len(ratings) for kind in kinds)
