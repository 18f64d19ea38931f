"""Guessing floors: do chance-corrected ratings schedule ordering and choice prompts better?

A learner who forgot still scores something by guessing: a random order of 4 events gets half
the pairs right on average (and 0.5 or more 62% of the time, which the current policy rates
Hard); one of 4 choices is right a quarter of the time. The simulated learner
(quizlib.srs.simulation, FSRS-6 default memory, desired retention 0.9, as in
benchmarks/partial_credit.py) recalls the fact with FSRS's probability R. Then:

- ordering prompts (pairs grading): recalled → the right order, or with SLIP one adjacent pair
  swapped; forgotten → a uniformly random order (or, in the "vague" scenario, an order that is
  better than chance: each event placed by its rank plus Gaussian noise);
- choice prompts: recalled → the right choice (or a wrong one with SLIP); forgotten → a random choice.

The learner's memory is updated as Good when they recalled and Again when they forgot; the
scheduler sees the policy's rating. Policies: the current one (full → Good, ≥ 0.5 → Hard, else
Again), the same thresholds on the chance-corrected score (score − g) / (1 − g) with g the
prompt's guessing floor (quizlib.srs.rating), and the oracle (true recall).

A second part asks whether a guessing floor in the recall model, P(right) = g + (1 − g)·R,
predicts right answers to choice prompts better than FSRS's R, on simulated logs of choice
prompts (five time-ordered folds, bootstrap intervals over cards as in
benchmarks/recall_prediction.py).

Reported: reviews, realised retention (true recall at due reviews), share remembered at the
end, reviews per remembered fact, and extra reviews against the oracle's reviews-vs-knowledge
curve at equal knowledge.

    python benchmarks/guessing.py [--new-per-day 5] [--days 365] [--seeds 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: the other benchmarks are siblings

from partial_credit import ORACLE_RETENTIONS, oracle_reviews_for, simulate_year
from recall_prediction import print_difference_table

from quizlib.srs.optimize import (
    DEFAULT_PARAMETERS,
    LoggedReview,
    TrainingItem,
    build_items,
    fit_parameters,
    predict_recall,
    score,
    time_folds,
)
from quizlib.srs.rating import HARD_THRESHOLD, chance_corrected
from quizlib.srs.recall_metrics import bootstrap_differences
from quizlib.srs.simulation import simulate_learner


@dataclass(frozen=True)
class Scenario:
    """A kind of prompt: how a recalled and a forgotten learner score, and its guessing floor."""

    name: str
    score: Callable[[bool, random.Random], float]
    floor: float


def order_score(order: list[int]) -> float:
    """Share of pairs in order (the timeline's ``pairs`` grading)."""
    n = len(order)
    right = sum(1 for i in range(n) for j in range(i + 1, n) if order[i] < order[j])
    return right / (n * (n - 1) // 2)


def ordering(length: int, slip: float, vague: float = 0.0) -> Callable[[bool, random.Random], float]:
    """Scores of an ordering prompt. ``vague`` > 0: a learner who forgot still has a vague sense
    of the order (each event placed by its true rank plus Gaussian noise of that size)."""

    def score(recalled: bool, rng: random.Random) -> float:
        order = list(range(length))
        if not recalled and vague:
            order.sort(key=lambda rank: rank + rng.gauss(0, vague))
        elif not recalled:
            rng.shuffle(order)
        elif rng.random() < slip:
            k = rng.randrange(length - 1)
            order[k], order[k + 1] = order[k + 1], order[k]
        return order_score(order)

    return score


def choice(options: int, slip: float) -> Callable[[bool, random.Random], float]:
    def score(recalled: bool, rng: random.Random) -> float:
        if recalled:
            return 0.0 if rng.random() < slip else 1.0
        return 1.0 if rng.randrange(options) == 0 else 0.0

    return score


SCENARIOS = (
    Scenario("4-item timeline (pairs), SLIP 0.1", ordering(4, 0.1), 0.5),
    Scenario("6-item timeline (pairs), SLIP 0.1", ordering(6, 0.1), 0.5),
    Scenario("4-item timeline, forgotten but vague (noise 1.5 ranks)", ordering(4, 0.1, 1.5), 0.5),
    Scenario("4 choices, SLIP 0.02", choice(4, 0.02), 0.25),
    Scenario("3 choices, SLIP 0.02", choice(3, 0.02), 1 / 3),
)


def current(score: float, floor: float) -> int:
    """quizlib's default policy (full → Good, ≥ 0.5 → Hard, else Again)."""
    return 3 if score >= 1 else 2 if score >= HARD_THRESHOLD else 1


def corrected(score: float, floor: float) -> int:
    """The same thresholds on the chance-corrected score."""
    return current(chance_corrected(score, floor), floor)


POLICIES: dict[str, Callable[[float, float], int] | None] = {
    "oracle (true recall)": None,
    "current": current,
    "chance-corrected": corrected,
}


def run(
    policy: Callable[[float, float], int] | None,
    scenario: Scenario,
    args: argparse.Namespace,
    seed: int,
    desired_retention: float = 0.9,
) -> dict[str, float]:
    """One simulated period; returns workload, realised retention and knowledge at the end."""
    tally = {"due": 0, "recalled": 0, "hard_when_forgotten": 0}

    def answer(recall: float, rng: random.Random) -> tuple[int, int]:
        recalled = rng.random() < recall
        score = scenario.score(recalled, rng)
        rating = (3 if recalled else 1) if policy is None else policy(score, scenario.floor)
        tally["due"] += 1
        tally["recalled"] += recalled
        tally["hard_when_forgotten"] += (not recalled) and rating > 1
        return (3 if recalled else 1), rating

    reviews, remembered = simulate_year(answer, args, seed, desired_retention)
    forgotten = tally["due"] - tally["recalled"]
    return {
        "reviews": reviews,
        "retention": tally["recalled"] / tally["due"],
        "end": remembered / (args.new_per_day * args.days),
        "per_fact": reviews / remembered,
        "passed": tally["hard_when_forgotten"] / max(1, forgotten),
    }


def mean_runs(
    policy: Callable[[float, float], int] | None,
    scenario: Scenario,
    args: argparse.Namespace,
    desired_retention: float = 0.9,
) -> dict[str, float]:
    runs = [run(policy, scenario, args, seed, desired_retention) for seed in range(args.seeds)]
    means = {key: statistics.fmean(r[key] for r in runs) for key in runs[0]}
    # The seeds' spread, to tell a policy's effect from simulation noise.
    spread = {
        f"{key}_sd": statistics.stdev(r[key] for r in runs) if len(runs) > 1 else 0.0 for key in runs[0]
    }
    return means | spread


def policy_table(args: argparse.Namespace) -> None:
    """Each policy on each kind of prompt, against the oracle's reviews-vs-knowledge curve."""
    oracle = {dr: mean_runs(None, SCENARIOS[0], args, dr) for dr in ORACLE_RETENTIONS}
    curve = sorted((m["end"], m["reviews"]) for m in oracle.values())
    print(
        "| prompt | policy | reviews | realised retention | remembered at end | reviews per remembered "
        "fact | extra reviews vs oracle at equal knowledge | forgotten but not Again |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for scenario in SCENARIOS:
        for label, policy in POLICIES.items():
            m = oracle[0.9] if policy is None else mean_runs(policy, scenario, args)
            needed = oracle_reviews_for(m["end"], curve)
            extra = f"{m['reviews'] / needed - 1:+.1%}" if needed else "beyond the curve"
            print(
                f"| {scenario.name} | {label} | {m['reviews']:.0f} | "
                f"{m['retention']:.3f} ± {m['retention_sd']:.3f} | "
                f"{m['end']:.3f} ± {m['end_sd']:.3f} | "
                f"{m['per_fact']:.2f} | {extra} | {m['passed']:.1%} |"
            )


def choice_log(options: int, args: argparse.Namespace, seed: int) -> list[LoggedReview]:
    """A simulated log of choice prompts: Good when the choice was right (recalled or lucky)."""
    score = choice(options, 0.02)

    def answer(recall: float, rng: random.Random) -> tuple[int, int]:
        recalled = rng.random() < recall
        return (3 if recalled else 1), (3 if score(recalled, rng) == 1 else 1)

    return simulate_learner(
        DEFAULT_PARAMETERS,
        rng=random.Random(seed),
        days=args.days,
        new_per_day=args.new_per_day,
        answer=answer,
    ).log


def floor_in_recall_model(args: argparse.Namespace, options: int) -> None:
    """Does P = g + (1 − g)·R predict right answers to choice prompts better than R?

    Five time-ordered folds on one simulated log per seed, pooled; R is FSRS's prediction from
    the logged ratings (a lucky guess is logged Good), with parameters fitted on each fold's
    training items or with the learner's true parameters.
    """
    floor = 1 / options
    predictions: dict[str, list[float]] = {}
    tested: list[TrainingItem] = []
    for seed in range(args.seeds):
        log = choice_log(options, args, seed)
        for train, test in time_folds(build_items(log, tz=UTC), log):
            fitted = predict_recall(test, fit_parameters(train, min_items=0))
            true = predict_recall(test, DEFAULT_PARAMETERS)
            for name, values in {
                "fitted R": fitted,
                "fitted, g + (1 − g)·R": [floor + (1 - floor) * r for r in fitted],
                "true parameters, R": true,
                "true parameters, g + (1 − g)·R": [floor + (1 - floor) * r for r in true],
            }.items():
                predictions.setdefault(name, []).extend(values)
            tested += [replace(item, card_id=f"{seed}/{item.card_id}") for item in test]
    outcomes = {n: [i.outcome(p) for i, p in zip(tested, v, strict=True)] for n, v in predictions.items()}
    print(
        f"\n{options} choices (g = {floor:.2f}): {len(tested)} test items over {args.seeds} seeds × 5 folds\n"
    )
    print("| model | log loss | RMSE(bins) | AUC |\n|---|---|---|---|")
    for name, values in predictions.items():
        s = score(tested, values)
        print(f"| {name} | {s.log_loss:.4f} | {s.rmse_bins:.4f} | {s.auc:.4f} |")
    pairs = [("fitted, g + (1 − g)·R", "fitted R"), ("true parameters, g + (1 − g)·R", "true parameters, R")]
    differences = bootstrap_differences(outcomes, pairs, [i.card_id for i in tested], random.Random(0), 200)
    print()
    print_difference_table(differences)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--new-per-day", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--skip-policies", action="store_true", help="only the recall-model comparison")
    args = parser.parse_args(argv)
    print(
        f"{args.new_per_day} new cards a day for {args.days} days, desired retention 0.9, "
        f"means over {args.seeds} seeds\n"
    )
    if not args.skip_policies:
        policy_table(args)
    for options in (4, 3):
        floor_in_recall_model(args, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
