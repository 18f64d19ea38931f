"""Recall prediction on a real review log: FSRS defaults vs fitted parameters vs SM-2.

Reads ../shared/data/review-log-sample.csv (one learner, 12,580 reviews) when it is there.
Time-ordered split: parameters are fitted on the items before the moment 80% of the reviews
had been done and scored on the items after it (their histories may reach into the older part,
as a real scheduler's would). Prints log loss, RMSE(bins) and AUC side by side.

    python benchmarks/recall_prediction.py [CSV] [--train-fraction 0.8] [--learning-curve]

``--learning-curve`` also fits on the first N training items for several N and scores each
fit on the same test items: how much history does fitting need before it beats the defaults?
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from quizlib.exchange.reviewlog import import_reviews, read_csv
from quizlib.srs.optimize import (
    DEFAULT_PARAMETERS,
    LoggedReview,
    Scores,
    TrainingItem,
    build_items,
    fit_parameters,
    predict_recall,
    predict_sm2,
    score,
    split_by_time,
)
from quizlib.srs.simulation import simulate_learner
from quizlib.store.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "review-log-sample.csv"

#: Parameters fitted to the whole sample log (rounded): the "true" memory of the simulated
#: learners, so that they differ from the defaults the way a real learner does.
SAMPLE_FIT = (
    0.1726, 0.8326, 2.4851, 6.3079, 6.5383, 0.5241, 3.1816, 0.0269, 1.6629, 0.2612, 0.6194,
    1.5809, 0.0423, 0.3833, 1.7980, 0.6014, 1.8729, 0.8313, 0.1011, 0.1463, 0.2433,
)  # fmt: skip


def read_log(path: Path) -> list[LoggedReview]:
    """The review log, imported through quizlib's review-log import into a temporary database."""
    with tempfile.TemporaryDirectory() as tmp, path.open(newline="", encoding="utf-8") as f:
        store = Store.open(Path(tmp) / "bench.db")
        try:
            result = import_reviews(store, read_csv(f))
            print(f"imported {result.added} reviews through quizlib log import")
            return [(r.question_id, r.reviewed_at, r.rating) for r in store.reviews()]
        finally:
            store.close()


def row(name: str, scores: Scores) -> str:
    return f"| {name} | {scores.log_loss:.4f} | {scores.rmse_bins:.4f} | {scores.auc:.4f} |"


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
        train, test = split_by_time(build_items(log), log)
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
    parser.add_argument("--train-fraction", type=float, default=0.8)
    parser.add_argument("--learning-curve", action="store_true", help="also fit on the first N items")
    parser.add_argument("--learners", type=int, default=20, help="simulated learners for the learning curve")
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"{args.csv} not found; nothing to benchmark (this is not an error)")
        return 0

    reviews = read_log(args.csv)
    items = build_items(reviews)
    train, test = split_by_time(items, reviews, args.train_fraction)
    print(
        f"{len(reviews)} reviews of {len({r[0] for r in reviews})} cards → {len(items)} items; "
        f"fit on the oldest {len(train)}, predict the newest {len(test)}"
    )
    started = time.perf_counter()
    fitted = fit_parameters(train)
    fit_ms = (time.perf_counter() - started) * 1000
    print(f"fit: {fit_ms:.0f} ms\n")
    print("| model | log loss | RMSE(bins) | AUC |\n|---|---|---|---|")
    print(row("FSRS-6, default parameters", score(test, predict_recall(test, DEFAULT_PARAMETERS))))
    print(row("FSRS-6, fitted parameters", score(test, predict_recall(test, fitted))))
    print(row("SM-2 (0.9^(t/interval))", score(test, predict_sm2(test))))

    if args.learning_curve:
        learning_curve(train, test)
        synthetic_learning_curve(args.learners)
    return 0


if __name__ == "__main__":
    sys.exit(main())
