"""Recall prediction on a real review log: a constant (AVG), FSRS defaults, fitted FSRS, SM-2.

Reads ../shared/data/review-log-sample.csv (one learner, 12,580 reviews) when it is there.
Five time-ordered folds (srs-benchmark's time-series split): the review times are cut into six
chunks of equal review counts; fold k fits on the items before the end of chunk k and predicts
the items of chunk k + 1 (their histories may reach into the older part, as a real scheduler's
would). Every model's predictions of the five test chunks are pooled and scored (log loss,
RMSE(bins), AUC); the differences between models get bootstrap 95% intervals that resample
cards, and a difference is called significant when its interval excludes zero.

"FSRS-6 fitted + answer time" tests card-relative answer time: on each fold, a logistic
recalibration logit P = a + b·logit(R) (+ c·z) is fitted on the training items, where R is the
fitted FSRS prediction and z the log answer time of the card's previous review minus the mean
log answer time of the card's reviews before it. With and without z are compared, so the gain
of the answer time is separated from that of recalibration alone.

    python benchmarks/recall_prediction.py [CSV] [--tz UTC] [--samples 1000] [--learning-curve]

``--learning-curve`` also fits on the first N training items for several N and scores each
fit on the same test items: how much history does fitting need before it beats the defaults?
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from quizlib.exchange.reviewlog import import_reviews, read_csv
from quizlib.srs.optimize import (
    DEFAULT_PARAMETERS,
    CardId,
    LoggedReview,
    Scores,
    TrainingItem,
    build_items,
    fit_parameters,
    predict_recall,
    predict_sm2,
    score,
    split_by_time,
    time_folds,
)
from quizlib.srs.recall_metrics import Difference, Outcome, bootstrap_differences
from quizlib.srs.simulation import simulate_learner
from quizlib.store.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "review-log-sample.csv"

#: Parameters fitted to the whole sample log (rounded): the "true" memory of the simulated
#: learners, so that they differ from the defaults the way a real learner does.
SAMPLE_FIT = (
    0.1726, 0.8326, 2.4851, 6.3079, 6.5383, 0.5241, 3.1816, 0.0269, 1.6629, 0.2612, 0.6194,
    1.5809, 0.0423, 0.3833, 1.7980, 0.6014, 1.8729, 0.8313, 0.1011, 0.1463, 0.2433,
)  # fmt: skip

#: Extra recalibration features of a training item.
Features = Callable[[TrainingItem], tuple[float, ...]]

#: Answer times of a log: (card, time) → milliseconds (0 when unknown).
Durations = dict[tuple[CardId, datetime], int]

AVG, DEFAULT, FITTED, SM2 = (
    "AVG (constant)",
    "FSRS-6, default parameters",
    "FSRS-6, fitted parameters",
    "SM-2",
)
RECAL, TIMED = "FSRS-6 fitted, recalibrated", "FSRS-6 fitted + answer time"

#: The model comparisons the bootstrap reports.
PAIRS = ((FITTED, DEFAULT), (DEFAULT, AVG), (FITTED, AVG), (SM2, AVG), (RECAL, FITTED), (TIMED, RECAL))


def read_log(path: Path) -> tuple[list[LoggedReview], Durations]:
    """The review log and its answer times, imported through quizlib's review-log import
    into a temporary database."""
    with tempfile.TemporaryDirectory() as tmp, path.open(newline="", encoding="utf-8") as f:
        store = Store.open(Path(tmp) / "bench.db")
        try:
            result = import_reviews(store, read_csv(f))
            print(f"imported {result.added} reviews through quizlib log import")
            reviews = list(store.reviews())
            log = [(r.question_id, r.reviewed_at, r.rating) for r in reviews]
            return log, {(r.question_id, r.reviewed_at): r.response_ms for r in reviews}
        finally:
            store.close()


def row(name: str, scores: Scores) -> str:
    return f"| {name} | {scores.log_loss:.4f} | {scores.rmse_bins:.4f} | {scores.auc:.4f} |"


def relative_answer_time(item: TrainingItem, times: list[datetime], durations: Durations) -> float:
    """Log answer time of the review before the predicted one, minus the card's mean log
    answer time before that (0 without two timed reviews)."""
    ms = [durations.get((item.card_id, t), 0) for t in times if t < item.time]
    logs = [math.log(m) for m in ms if m > 0]
    if len(logs) < 2 or ms[-1] <= 0:
        return 0.0
    return math.log(ms[-1]) - statistics.fmean(logs[:-1])


def fit_logistic(rows: Sequence[Sequence[float]], labels: Sequence[bool], steps: int = 25) -> list[float]:
    """Logistic regression weights (rows include the constant 1) by Newton's method, with a
    tiny ridge so that a constant feature cannot make the Hessian singular."""
    size = len(rows[0])
    w = [0.0] * size
    for _ in range(steps):
        grad = [0.0] * size
        hess = [[1e-6 * (i == j) for j in range(size)] for i in range(size)]
        for x, y in zip(rows, labels, strict=True):
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x, strict=True))))
            for i in range(size):
                grad[i] += (y - p) * x[i]
                for j in range(size):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        w = [a + b for a, b in zip(w, _solve(hess, grad), strict=True)]
    return w


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination for the small Newton systems."""
    n = len(vector)
    m = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[c], strict=True)]
    return [m[r][n] / m[r][r] for r in range(n)]


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def recalibrated(
    train: Sequence[TrainingItem], test: Sequence[TrainingItem], fitted: tuple[float, ...], features: Features
) -> list[float]:
    """Test predictions of logit P = a + b·logit(R) + c·features (fitted on the training items)."""

    def rows(items: Sequence[TrainingItem]) -> list[list[float]]:
        return [
            [1.0, _logit(r), *features(item)]
            for item, r in zip(items, predict_recall(items, fitted), strict=True)
        ]

    w = fit_logistic(rows(train), [item.recalled for item in train])
    return [1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x, strict=True)))) for x in rows(test)]


def fold_predictions(
    train: list[TrainingItem], test: list[TrainingItem], answer_time: Callable[[TrainingItem], float]
) -> dict[str, list[float]]:
    """Every model's predictions of one fold's test items."""
    fitted = fit_parameters(train, min_items=0)
    average = statistics.fmean(item.recalled for item in train)
    return {
        AVG: [average] * len(test),
        DEFAULT: predict_recall(test, DEFAULT_PARAMETERS),
        FITTED: predict_recall(test, fitted),
        SM2: predict_sm2(test),
        RECAL: recalibrated(train, test, fitted, lambda item: ()),
        TIMED: recalibrated(train, test, fitted, lambda item: (answer_time(item),)),
    }


def cross_validate(
    reviews: list[LoggedReview], durations: Durations, tz: tzinfo, folds: int, samples: int
) -> None:
    """Pooled scores over time-ordered folds, and bootstrap intervals of the differences."""
    items = build_items(reviews, tz=tz)
    times: dict[CardId, list[datetime]] = {}
    for card, when, _ in sorted(reviews, key=lambda r: r[1]):
        times.setdefault(card, []).append(when)
    answer_time = lambda item: relative_answer_time(item, times[item.card_id], durations)  # noqa: E731
    tested: list[TrainingItem] = []
    predictions: dict[str, list[float]] = {}
    started = time.perf_counter()
    for k, (train, test) in enumerate(time_folds(items, reviews, folds), 1):
        print(f"fold {k}: fit on {len(train)} items, predict {len(test)}")
        for name, values in fold_predictions(train, test, answer_time).items():
            predictions.setdefault(name, []).extend(values)
        tested += test
    print(f"{folds} folds: {time.perf_counter() - started:.1f} s\n")
    print(f"Pooled over the {folds} test chunks ({len(tested)} items):\n")
    print("| model | log loss | RMSE(bins) | AUC |\n|---|---|---|---|")
    for name, values in predictions.items():
        print(row(name, score(tested, values)))
    outcomes = {
        name: [item.outcome(p) for item, p in zip(tested, values, strict=True)]
        for name, values in predictions.items()
    }
    print_differences(outcomes, [item.card_id for item in tested], samples)


def print_differences(outcomes: dict[str, list[Outcome]], cards: list[CardId], samples: int) -> None:
    """The bootstrap table: each pair's difference, 95% interval and whether it is significant."""
    started = time.perf_counter()
    differences = bootstrap_differences(outcomes, PAIRS, cards, random.Random(0), samples)
    print(
        f"\nDifferences (first − second) with bootstrap 95% intervals over cards ({samples} samples, "
        f"{time.perf_counter() - started:.0f} s); lower log loss and RMSE(bins), higher AUC is better:\n"
    )
    print_difference_table(differences)


def print_difference_table(differences: dict[tuple[str, str], list[Difference]]) -> None:
    """One row per pair and metric: the difference, its 95% interval, whether it is significant."""
    print("| comparison | metric | difference | 95% interval | significant |\n|---|---|---|---|---|")
    for (first, second), diffs in differences.items():
        for d in diffs:
            print(
                f"| {first} − {second} | {d.metric} | {d.value:+.4f} | [{d.low:+.4f}, {d.high:+.4f}] | "
                f"{'yes' if d.significant else 'no'} |"
            )


#: Training-set sizes of the learning curves.
SIZES = (100, 200, 400, 800, 1600, 3200)


def learning_curve(train: list[TrainingItem], test: list[TrainingItem]) -> None:
    """Fit on the oldest N training items of the real log; score each fit on the same test items."""
    default = score(test, predict_recall(test, DEFAULT_PARAMETERS))
    print("\n| oldest training items | log loss | RMSE(bins) | beats default on both |\n|---|---|---|---|")
    for n in [*(n for n in SIZES if n < len(train)), len(train)]:
        s = score(test, predict_recall(test, fit_parameters(train[:n], min_items=0)))
        better = s.log_loss < default.log_loss and s.rmse_bins < default.rmse_bins
        print(f"| {n} | {s.log_loss:.4f} | {s.rmse_bins:.4f} | {'yes' if better else 'no'} |")


def synthetic_learning_curve(learners: int) -> None:
    """The same on simulated learners whose memory follows known, non-default parameters.

    Each learner studies 10 new cards a day for 150 days, scheduled with the default
    parameters; the true parameters are the ones fitted to the whole sample log.
    """
    print(f"\nSimulated learners (seeds 0–{learners - 1}): how often does a fit beat the defaults?\n")
    print("| oldest training items | fits beating default on both | mean log-loss gain |\n|---|---|---|")
    wins = dict.fromkeys(SIZES, 0)
    gains = dict.fromkeys(SIZES, 0.0)
    for seed in range(learners):
        log = simulate_learner(
            SAMPLE_FIT,
            rng=random.Random(seed),
            days=150,
            new_per_day=10,
            scheduler_parameters=DEFAULT_PARAMETERS,
        ).log
        train, test = split_by_time(build_items(log, tz=UTC), log)
        default = score(test, predict_recall(test, DEFAULT_PARAMETERS))
        for n in SIZES:
            s = score(test, predict_recall(test, fit_parameters(train[:n], min_items=0)))
            wins[n] += s.log_loss < default.log_loss and s.rmse_bins < default.rmse_bins
            gains[n] += (default.log_loss - s.log_loss) / learners
    for n in SIZES:
        print(f"| {n} | {wins[n]}/{learners} | {gains[n]:+.4f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument(
        "--tz", default="UTC", help="the learner's zone for study days (the sample's is unknown)"
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--samples", type=int, default=1000, help="bootstrap samples")
    parser.add_argument("--learning-curve", action="store_true", help="also fit on the first N items")
    parser.add_argument("--learners", type=int, default=20, help="simulated learners for the learning curve")
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"{args.csv} not found; nothing to benchmark (this is not an error)")
        return 0

    reviews, durations = read_log(args.csv)
    tz = ZoneInfo(args.tz)
    print(f"{len(reviews)} reviews of {len({r[0] for r in reviews})} cards; study days in {args.tz}")
    cross_validate(reviews, durations, tz, args.folds, args.samples)
    if args.learning_curve:
        items = build_items(reviews, tz=tz)
        learning_curve(*split_by_time(items, reviews))
        synthetic_learning_curve(args.learners)
    return 0


if __name__ == "__main__":
    sys.exit(main())
