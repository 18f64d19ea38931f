"""How well a model predicts recall: log loss, RMSE(bins), AUC, and an SM-2 baseline.

The definitions follow the open-spaced-repetition srs-benchmark (``utils.py`` and
``models/sm2.py`` there) so that quizlib's figures can be compared with published ones.
Everything here is pure Python: no numpy, no fsrs.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Mapping, Sequence
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


#: The metrics :func:`bootstrap_differences` compares, in this order.
METRICS = ("log loss", "RMSE(bins)", "AUC")


@dataclass(frozen=True)
class Difference:
    """A metric's difference between two models with its bootstrap 95% interval.

    Attributes:
        metric: One of :data:`METRICS`.
        value: The difference (first model minus second) on the whole test set.
        low: The 2.5th percentile of the bootstrap differences.
        high: The 97.5th percentile.
    """

    metric: str
    value: float
    low: float
    high: float

    @property
    def significant(self) -> bool:
        """True when the interval excludes zero."""
        return self.low > 0 or self.high < 0


class _WeightedScorer:
    """One model's predictions, prepared so that each bootstrap sample costs one pass."""

    def __init__(self, outcomes: Sequence[Outcome]) -> None:
        self.outcomes = outcomes
        self.losses = [
            -math.log(_clip(o.predicted) if o.recalled else 1.0 - _clip(o.predicted)) for o in outcomes
        ]
        keys = [bin_key(o) for o in outcomes]
        index = {key: k for k, key in enumerate(dict.fromkeys(keys))}
        self.bins = [index[key] for key in keys]
        self.bin_count = len(index)
        # Items sorted by prediction, in groups of equal predictions (ties share their rank).
        order = sorted(range(len(outcomes)), key=lambda k: outcomes[k].predicted)
        self.tie_groups: list[list[int]] = []
        for k in order:
            if self.tie_groups and outcomes[self.tie_groups[-1][0]].predicted == outcomes[k].predicted:
                self.tie_groups[-1].append(k)
            else:
                self.tie_groups.append([k])

    def scores(self, weights: Sequence[float]) -> tuple[float, float, float]:
        """Log loss, RMSE(bins) and AUC with each item counted ``weights[k]`` times."""
        total = sum(weights)
        loss = sum(w * x for w, x in zip(weights, self.losses, strict=True)) / total
        sums = [[0.0, 0.0, 0.0] for _ in range(self.bin_count)]
        for w, o, b in zip(weights, self.outcomes, self.bins, strict=True):
            acc = sums[b]
            acc[0] += w * o.recalled
            acc[1] += w * o.predicted
            acc[2] += w
        rmse = math.sqrt(sum((y - p) ** 2 / n for y, p, n in sums if n) / total)
        return loss, rmse, self._auc(weights)

    def _auc(self, weights: Sequence[float]) -> float:
        below = pairs = positives = 0.0
        for group in self.tie_groups:
            pos = sum(weights[k] for k in group if self.outcomes[k].recalled)
            neg = sum(weights[k] for k in group if not self.outcomes[k].recalled)
            pairs += pos * (below + neg / 2)  # a tie counts half, as in the Mann–Whitney U
            below += neg
            positives += pos
        return pairs / (positives * below) if positives and below else math.nan


def bootstrap_differences(
    models: Mapping[str, Sequence[Outcome]],
    pairs: Sequence[tuple[str, str]],
    groups: Sequence[Hashable],
    rng: random.Random,
    samples: int = 1000,
) -> dict[tuple[str, str], list[Difference]]:
    """Differences (first − second) in each of :data:`METRICS` for each pair of models, with
    bootstrap 95% intervals.

    Every model predicts the same items (same order). Reviews of one card are not
    independent, so the bootstrap resamples cards, not reviews: ``groups`` names each item's
    card, and a card drawn twice counts all its items twice. Each sample scores every model
    on the same cards, so the intervals are for paired differences.

    Raises:
        ValueError: The models predict different numbers of items, or none.
    """
    sizes = {len(outcomes) for outcomes in models.values()} | {len(groups)}
    if len(sizes) != 1 or 0 in sizes:
        raise ValueError("every model must predict the same, non-empty list of items")
    scorers = {name: _WeightedScorer(outcomes) for name, outcomes in models.items()}
    members: dict[Hashable, list[int]] = {}
    for k, group in enumerate(groups):
        members.setdefault(group, []).append(k)
    cards = list(members.values())
    whole = {name: scorer.scores([1.0] * len(groups)) for name, scorer in scorers.items()}
    draws: dict[tuple[str, str], list[list[float]]] = {pair: [[] for _ in METRICS] for pair in pairs}
    for _ in range(samples):
        weights = [0.0] * len(groups)
        for card in rng.choices(cards, k=len(cards)):
            for k in card:
                weights[k] += 1
        scores = {name: scorer.scores(weights) for name, scorer in scorers.items()}
        for first, second in pairs:
            for j, (x, y) in enumerate(zip(scores[first], scores[second], strict=True)):
                draws[first, second][j].append(x - y)
    return {
        (first, second): [
            Difference(metric, x - y, *_percentiles(sorted(d for d in draw if not math.isnan(d))))
            for metric, x, y, draw in zip(
                METRICS, whole[first], whole[second], draws[first, second], strict=True
            )
        ]
        for first, second in pairs
    }


def _percentiles(values: Sequence[float]) -> tuple[float, float]:
    if not values:
        return math.nan, math.nan
    return values[int(0.025 * (len(values) - 1))], values[math.ceil(0.975 * (len(values) - 1))]


def _clip(p: float) -> float:
    return min(max(p, EPSILON), 1.0 - EPSILON)
