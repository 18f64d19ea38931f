"""How well a model predicts recall: log loss, RMSE(bins), AUC, and an SM-2 baseline.

The definitions follow the open-spaced-repetition srs-benchmark (``utils.py`` and
``models/sm2.py`` there) so that quizlib's figures can be compared with published ones.
Everything here is pure Python: no numpy, no fsrs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Predictions are clipped to [EPSILON, 1 - EPSILON] before taking logs, as scikit-learn's
#: ``log_loss`` did for years; one confident wrong answer then costs ~34.5 nats, not infinity.
EPSILON = 1e-15

#: SM-2's interval cap in days (srs-benchmark's default ``s_max``).
SM2_MAX_INTERVAL = 36500.0


@dataclass(frozen=True)
class Outcome:
    """One predicted review, with what RMSE(bins) groups it by.

    Attributes:
        recalled: True when the learner remembered (any rating but Again).
        predicted: The model's probability of recall.
        elapsed_days: Days since the previous review of the card (> 0).
        review_count: srs-benchmark's ``i``: 1 + the reviews of the card so far, this one
            included, that came at least a day after the review before them.
        lapses: Earlier reviews of the card rated Again at least a day after the one before.
    """

    recalled: bool
    predicted: float
    elapsed_days: int
    review_count: int
    lapses: int


def log_loss(recalled: Sequence[bool], predicted: Sequence[float]) -> float:
    """Mean binary cross-entropy in nats: −mean(y·ln p + (1−y)·ln(1−p)).

    Raises:
        ValueError: When the sequences are empty or differ in length.
    """
    _check(recalled, predicted)
    total = 0.0
    for y, p in zip(recalled, predicted, strict=True):
        p = min(max(p, EPSILON), 1.0 - EPSILON)
        total -= math.log(p) if y else math.log(1.0 - p)
    return total / len(recalled)


def auc(recalled: Sequence[bool], predicted: Sequence[float]) -> float:
    """Area under the ROC curve: the chance a recalled review is ranked above a forgotten one.

    Computed as the Mann–Whitney U statistic with tied predictions sharing their average
    rank, which equals scikit-learn's ``roc_auc_score``. NaN when only one class occurs.
    """
    _check(recalled, predicted)
    order = sorted(range(len(predicted)), key=predicted.__getitem__)
    ranks = [0.0] * len(order)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and predicted[order[end + 1]] == predicted[order[start]]:
            end += 1
        average_rank = (start + end) / 2 + 1  # ranks are 1-based
        for k in range(start, end + 1):
            ranks[order[k]] = average_rank
        start = end + 1
    positives = sum(1 for y in recalled if y)
    negatives = len(recalled) - positives
    if positives == 0 or negatives == 0:
        return math.nan
    rank_sum = sum(rank for rank, y in zip(ranks, recalled, strict=True) if y)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def rmse_bins(outcomes: Sequence[Outcome]) -> float:
    """srs-benchmark's RMSE(bins): calibration error over bins of similar reviews.

    Reviews are grouped by :func:`bin_key` (interval length, review count, lapse count);
    in each bin the mean prediction is compared with the observed recall rate, and the
    squared differences are averaged weighted by bin size: sqrt(Σ nᵦ(ȳᵦ − p̄ᵦ)² / Σ nᵦ).
    """
    if not outcomes:
        raise ValueError("no outcomes to score")
    bins: dict[tuple[float, float, float], list[float]] = {}
    for outcome in outcomes:
        acc = bins.setdefault(bin_key(outcome), [0.0, 0.0, 0.0])
        acc[0] += outcome.recalled
        acc[1] += outcome.predicted
        acc[2] += 1
    squared = sum(n * (y / n - p / n) ** 2 for y, p, n in bins.values())
    return math.sqrt(squared / len(outcomes))


def bin_key(outcome: Outcome) -> tuple[float, float, float]:
    """The RMSE(bins) bin of a review, with srs-benchmark's geometric bin edges.

    interval → round(2.48·3.62^⌊log₃.₆₂ t⌋, 2); review count → round(1.99·1.89^⌊log₁.₈₉ i⌋);
    lapses → 0 when none, else round(1.65·1.73^⌊log₁.₇₃ l⌋).
    """
    interval = round(2.48 * 3.62 ** math.floor(math.log(max(outcome.elapsed_days, 1e-6), 3.62)), 2)
    count = round(1.99 * 1.89 ** math.floor(math.log(outcome.review_count, 1.89)))
    lapses = round(1.65 * 1.73 ** math.floor(math.log(outcome.lapses, 1.73))) if outcome.lapses else 0
    return interval, float(count), float(lapses)


def sm2_interval(ratings: Sequence[int], max_interval: float = SM2_MAX_INTERVAL) -> float:
    """The interval in days SM-2 would schedule after these ratings (1 = Again … 4 = Easy).

    srs-benchmark's SM-2: ratings 1–4 become SuperMemo grades 2–5; a grade above 2 is a
    success (intervals 1, 6, then × ease factor), otherwise the card restarts at 1 day;
    the ease factor starts at 2.5 and moves by 0.1 − (5−q)(0.08 + (5−q)·0.02), floor 1.3.
    """
    interval, ease, repetitions = 0.0, 2.5, 0
    for rating in ratings:
        grade = rating + 1
        if grade > 2:
            interval = 1.0 if repetitions == 0 else 6.0 if repetitions == 1 else interval * ease
            repetitions += 1
        else:
            interval, repetitions = 1.0, 0
        ease = max(1.3, ease + (0.1 - (5 - grade) * (0.08 + (5 - grade) * 0.02)))
        # round(x + 0.01) is the benchmark's way to round halves up.
        interval = min(max(1.0, float(round(interval + 0.01))), max_interval)
    return interval


def sm2_recall(ratings: Sequence[int], elapsed_days: float) -> float:
    """SM-2's implied recall: 0.9^(elapsed / interval), i.e. 90% recall when the card is due."""
    return float(0.9 ** (elapsed_days / sm2_interval(ratings)))


def _check(recalled: Sequence[bool], predicted: Sequence[float]) -> None:
    if not recalled:
        raise ValueError("no outcomes to score")
    if len(recalled) != len(predicted):
        raise ValueError(f"{len(recalled)} outcomes but {len(predicted)} predictions")
