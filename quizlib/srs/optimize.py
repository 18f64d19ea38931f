"""Fit FSRS parameters to a learner's review log and predict recall with them.

A review log is a list of ``(card_id, time, rating)``. Each review that comes at least a day
after an earlier review of the same card becomes a *training item*: the card's earlier
reviews are the history, and whether this review was recalled is the label. Reviews on the
same day as the one before stay in the history (FSRS-6 models short-term memory) but are
not predicted — exactly how FSRS's own optimizer builds its data set.

Fitting uses ``fsrs-rs-python`` (the Rust FSRS inside Anki), an optional dependency:
``pip install 'quizlib[optimize]'``. It returns the 21 parameters of FSRS-6, the model the
``fsrs`` package's ``Scheduler`` uses, so fitted parameters can be given to it unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from types import ModuleType
from typing import Any

from quizlib.clock import ROLLOVER_HOUR, local_day, local_zone
from quizlib.errors import QuizError
from quizlib.srs.recall_metrics import Outcome, auc, log_loss, rmse_bins, sm2_recall

#: A card's identity in a review log (question ids are strings; imported logs may use ints).
CardId = str | int

#: One logged review: which card, when (timezone-aware), and the rating 1–4.
LoggedReview = tuple[CardId, datetime, int]

#: FSRS-6 has 21 parameters; fsrs 6.x and fsrs-rs-python 0.9 both use this version.
PARAMETER_COUNT = 21

#: FSRS-6's default parameters (identical in fsrs 6.3 and fsrs-rs-python 0.9.3).
DEFAULT_PARAMETERS: tuple[float, ...] = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)  # fmt: skip

#: Fewer training items than this and fitting is refused. Measured with
#: ``benchmarks/recall_prediction.py --learning-curve`` on 20 simulated learners whose memory
#: differs from the defaults: fits on their oldest 400 items beat the defaults at predicting
#: their newest reviews for 11 of 20 (and were worse on average); from 800 items, 15 of 20 and
#: better on average. (fsrs-rs-python itself returns the defaults below ~20 items and wild
#: values near 64.)
MIN_ITEMS = 800

_INSTALL_HINT = "pip install 'quizlib[optimize]'"


class NotEnoughReviews(QuizError):
    """The review log is too short to fit parameters that beat the defaults."""


@dataclass(frozen=True)
class TrainingItem:
    """One predicted review with the card's history before it.

    Attributes:
        card_id: The card reviewed.
        time: When the predicted review happened.
        reviews: ``(rating, days since the review before)`` for each review of the card up to
            and including the predicted one (the first review's days are 0).
    """

    card_id: CardId
    time: datetime
    reviews: tuple[tuple[int, int], ...]

    @property
    def history(self) -> tuple[tuple[int, int], ...]:
        """The reviews before the predicted one."""
        return self.reviews[:-1]

    @property
    def elapsed_days(self) -> int:
        """Days between the previous review and the predicted one (always ≥ 1)."""
        return self.reviews[-1][1]

    @property
    def recalled(self) -> bool:
        """True when the predicted review was rated Hard, Good or Easy."""
        return self.reviews[-1][0] > 1

    def outcome(self, predicted: float) -> Outcome:
        """This review scored against a prediction, with its RMSE(bins) coordinates."""
        long_term = [(rating, days) for rating, days in self.reviews if days > 0]
        return Outcome(
            recalled=self.recalled,
            predicted=predicted,
            elapsed_days=self.elapsed_days,
            review_count=1 + len(long_term),
            lapses=sum(1 for rating, _ in long_term[:-1] if rating == 1),
        )


@dataclass(frozen=True)
class Scores:
    """How well predictions match what happened (lower log loss/RMSE, higher AUC is better)."""

    log_loss: float
    rmse_bins: float
    auc: float
    count: int


def build_items(
    reviews: Iterable[LoggedReview], *, tz: tzinfo | None = None, rollover_hour: int = ROLLOVER_HOUR
) -> list[TrainingItem]:
    """Turn a review log into training items, oldest first.

    Days are counted as the study sessions count them (:func:`quizlib.clock.local_day`): a
    study day starts at ``rollover_hour`` local time in the learner's zone, so a review at
    23:30 and the next at 05:00 are a day apart, and one at 02:30 belongs to the day before.

    Args:
        reviews: ``(card_id, time, rating)`` in any order; times must be timezone-aware.
        tz: The learner's timezone (None: :func:`quizlib.clock.local_zone`, as sessions use).
        rollover_hour: The local hour a new study day starts.

    Raises:
        ValueError: A rating outside 1–4 or a naive datetime.
    """
    zone = local_zone() if tz is None else tz  # read once: the zone lookup is per call
    by_card: dict[CardId, list[tuple[datetime, int]]] = {}
    for card_id, time, rating in reviews:
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"card {card_id}: rating {rating} is not 1–4")
        if time.tzinfo is None:
            raise ValueError(f"card {card_id}: review time {time.isoformat()} has no timezone")
        by_card.setdefault(card_id, []).append((time, rating))
    items: list[TrainingItem] = []
    for card_id, card_reviews in by_card.items():
        card_reviews.sort(key=lambda review: review[0])
        history: list[tuple[int, int]] = []
        previous_day = local_day(card_reviews[0][0], rollover_hour, zone)
        for time, rating in card_reviews:
            day = local_day(time, rollover_hour, zone)
            history.append((rating, (day - previous_day).days))
            if history[-1][1] > 0:
                items.append(TrainingItem(card_id, time, tuple(history)))
            previous_day = day
    # FSRS weights recent items more when fitting, so the order matters.
    items.sort(key=lambda item: item.time)
    return items


def fit_parameters(items: Sequence[TrainingItem], *, min_items: int = MIN_ITEMS) -> tuple[float, ...]:
    """Fit FSRS-6 parameters to training items (oldest first) with fsrs-rs-python.

    Raises:
        NotEnoughReviews: Fewer than ``min_items`` items.
        QuizError: fsrs-rs-python is not installed, or returned another FSRS version.
    """
    if len(items) < min_items:
        raise NotEnoughReviews(
            f"fitting FSRS needs at least {min_items} reviews that come a day or more after an earlier "
            f"review of the same card; this log has {len(items)}. Keep studying with the default "
            "parameters and try again later."
        )
    rs = fsrs_rs()
    fitted = rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(
        [_rs_item(rs, item.reviews) for item in items]
    )
    return check_parameters(fitted)


@dataclass(frozen=True)
class Fit:
    """Parameters fitted to a whole review log, checked on the log's newest reviews first.

    The check fits again on the items before the time by which 80% of the reviews were done
    and scores that fit and the current parameters on the items after it: a fit that does
    not predict the newest reviews better than the current parameters should not replace them.

    Attributes:
        parameters: Fitted to every item.
        items: How many training items the log gave.
        current: The current parameters' scores on the newest items.
        candidate: The scores on the newest items of parameters fitted to the older items.
    """

    parameters: tuple[float, ...]
    items: int
    current: Scores
    candidate: Scores

    @property
    def improves(self) -> bool:
        """True when fitting beat the current parameters on both log loss and RMSE(bins)."""
        return (
            self.candidate.log_loss < self.current.log_loss
            and self.candidate.rmse_bins < self.current.rmse_bins
        )


def fit_and_check(
    reviews: Sequence[LoggedReview],
    current: Sequence[float] = DEFAULT_PARAMETERS,
    *,
    tz: tzinfo | None = None,
    min_items: int = MIN_ITEMS,
) -> Fit:
    """Fit parameters to a review log and check them against ``current`` on its newest reviews.

    Args:
        reviews: The learner's review log.
        current: The parameters a fit must beat.
        tz: The learner's zone for counting study days (None: :func:`quizlib.clock.local_zone`).
        min_items: Fewer training items than this and fitting is refused.

    Raises:
        NotEnoughReviews: Fewer than ``min_items`` training items, or none among the newest reviews.
        QuizError: fsrs-rs-python is missing.
    """
    items = build_items(reviews, tz=tz)
    parameters = fit_parameters(items, min_items=min_items)
    older, newer = split_by_time(items, reviews)
    if not older or not newer:
        raise NotEnoughReviews("the review log spans too short a time to check a fit on its newest reviews")
    return Fit(
        parameters=parameters,
        items=len(items),
        current=score(newer, predict_recall(newer, current)),
        candidate=score(newer, predict_recall(newer, fit_parameters(older, min_items=0))),
    )


def check_parameters(parameters: Sequence[float]) -> tuple[float, ...]:
    """The parameters as a tuple of floats, after checking they are FSRS-6's 21 finite numbers.

    Raises:
        QuizError: Another count, or a value that is not a finite number.
    """
    values = tuple(float(value) for value in parameters)
    if len(values) != PARAMETER_COUNT or not all(math.isfinite(value) for value in values):
        raise QuizError(
            f"expected the {PARAMETER_COUNT} finite parameters of FSRS-6, got {len(values)}: {values}"
        )
    return values


def predict_recall(items: Sequence[TrainingItem], parameters: Sequence[float]) -> list[float]:
    """FSRS's probability of recall for each item's predicted review under ``parameters``.

    The memory state after the history comes from fsrs-rs-python; the forgetting curve is
    FSRS-6's (see :func:`retrievability`).
    """
    if not items:
        return []
    rs = fsrs_rs()
    model = rs.FSRS(list(check_parameters(parameters)))
    states = model.memory_state_batch([_rs_item(rs, item.history) for item in items])
    return [
        retrievability(item.elapsed_days, state.stability, parameters)
        for item, state in zip(items, states, strict=True)
    ]


def predict_sm2(items: Sequence[TrainingItem]) -> list[float]:
    """The SM-2 baseline's probability of recall for each item (see ``recall_metrics.sm2_recall``).

    Like srs-benchmark, SM-2 sees only the first review and those a day or more apart.
    """
    predictions = []
    for item in items:
        ratings = [rating for k, (rating, days) in enumerate(item.history) if k == 0 or days > 0]
        predictions.append(sm2_recall(ratings, item.elapsed_days))
    return predictions


def retrievability(elapsed_days: float, stability: float, parameters: Sequence[float]) -> float:
    """FSRS-6's forgetting curve R = (1 + f·t/S)^(−w₂₀), where f makes R = 0.9 at t = S."""
    decay = parameters[20]
    factor = 0.9 ** (-1.0 / decay) - 1.0
    return float((1.0 + factor * elapsed_days / stability) ** -decay)


def score(items: Sequence[TrainingItem], predictions: Sequence[float]) -> Scores:
    """Log loss, RMSE(bins) and AUC of ``predictions`` for ``items`` (same order)."""
    recalled = [item.recalled for item in items]
    return Scores(
        log_loss=log_loss(recalled, predictions),
        rmse_bins=rmse_bins([item.outcome(p) for item, p in zip(items, predictions, strict=True)]),
        auc=auc(recalled, predictions),
        count=len(items),
    )


def split_by_time(
    items: Sequence[TrainingItem], reviews: Sequence[LoggedReview], train_fraction: float = 0.8
) -> tuple[list[TrainingItem], list[TrainingItem]]:
    """Items before and after the time by which ``train_fraction`` of the reviews were done.

    The older items are for fitting and the newer ones for testing, so a model never
    sees the future it is asked to predict.
    """
    if not 0 < train_fraction < 1:
        raise ValueError("train_fraction must be between 0 and 1")
    times = sorted(time for _, time, _ in reviews)
    cutoff = times[int(len(times) * train_fraction)]
    return [item for item in items if item.time < cutoff], [item for item in items if item.time >= cutoff]


def time_folds(
    items: Sequence[TrainingItem], reviews: Sequence[LoggedReview], folds: int = 5
) -> list[tuple[list[TrainingItem], list[TrainingItem]]]:
    """Time-ordered folds: the review times cut into ``folds + 1`` chunks of equal review counts.

    Fold k trains on the items before the end of chunk k and tests on the items of chunk
    k + 1 (srs-benchmark's time-series split), so every test item is predicted once, by a
    model that saw only its past.

    Raises:
        ValueError: Fewer than one fold, or fewer reviews than chunks.
    """
    if folds < 1 or len(reviews) <= folds:
        raise ValueError(f"{folds} folds need at least {folds + 1} reviews and one fold")
    times = sorted(time for _, time, _ in reviews)
    cuts = [times[len(times) * k // (folds + 1)] for k in range(1, folds + 1)]
    ends = [*cuts[1:], None]
    return [
        (
            [item for item in items if item.time < cut],
            [item for item in items if item.time >= cut and (end is None or item.time < end)],
        )
        for cut, end in zip(cuts, ends, strict=True)
    ]


def fsrs_rs() -> ModuleType:
    """fsrs-rs-python, imported on first use (importing quizlib must not need it).

    Raises:
        QuizError: It is not installed; the message says how to install it.
    """
    try:
        import fsrs_rs_python
    except ImportError as exc:
        raise QuizError(
            f"fitting FSRS parameters needs the optional fsrs-rs-python package: {_INSTALL_HINT}"
        ) from exc
    return fsrs_rs_python


def _rs_item(rs: ModuleType, reviews: Sequence[tuple[int, int]]) -> Any:
    return rs.FSRSItem([rs.FSRSReview(rating, days) for rating, days in reviews])
