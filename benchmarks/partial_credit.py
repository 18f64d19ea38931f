"""Which grade → rating policy schedules a partial-credit learner best?

The simulated learner (quizlib.srs.simulation): true memory follows FSRS-6 with the default
parameters, and the scheduler uses the same parameters with desired retention 0.9, so only
the ratings differ between policies. Each question has K parts (events to order, digits of a
figure, parts of a name). At a review the learner recalls the fact with FSRS's probability R;
then each part is right with probability 1 − SLIP (recalled) or GUESS (forgotten), and the score
is the fraction of parts right. The learner's memory is updated as Good when they recalled and
Again when they forgot (they see the answer either way); the scheduler sees the policy's rating,
and a card rated Again is asked once more the same day. First exposures are the same for every
policy. Scenarios vary SLIP and GUESS; "oracle" rates by whether the learner really recalled.

    python benchmarks/partial_credit.py [--new-per-day 5] [--days 365] [--seeds 3]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass

from quizlib.srs.optimize import DEFAULT_PARAMETERS
from quizlib.srs.simulation import Answer, simulate_learner

Policy = Callable[[float], int]

POLICIES: dict[str, Policy] = {
    "full→Good, ≥0.5→Hard, else Again (current)": lambda s: 3 if s >= 1 else 2 if s >= 0.5 else 1,
    "full→Good, else Again": lambda s: 3 if s >= 1 else 1,
    "≥0.75→Good, ≥0.5→Hard, else Again": lambda s: 3 if s >= 0.75 else 2 if s >= 0.5 else 1,
    "≥0.75→Good, else Again": lambda s: 3 if s >= 0.75 else 1,
    "full→Good, ≥0.75→Hard, else Again": lambda s: 3 if s >= 1 else 2 if s >= 0.75 else 1,
}

#: (name, parts, slip probability when recalled, guess probability when forgotten)
SCENARIOS = (
    ("names and figures: rare slips, rare lucky guesses", 4, 0.05, 0.25),
    ("orderings: a random order gets half the pairs right", 4, 0.10, 0.50),
    ("sloppy answers: frequent slips, rare lucky guesses", 4, 0.20, 0.25),
)


@dataclass
class Tally:
    """Counts kept by the answer callback during one run."""

    due_reviews: int = 0
    recalled: int = 0
    forgotten_not_again: int = 0
    recalled_again: int = 0


def simulate_year(
    answer: Answer, args: argparse.Namespace, seed: int, desired_retention: float
) -> tuple[int, float]:
    """Reviews done and cards remembered at the end (Σ true recall) of one simulated period."""
    result = simulate_learner(
        DEFAULT_PARAMETERS,
        rng=random.Random(seed),
        days=args.days,
        new_per_day=args.new_per_day,
        answer=answer,
        desired_retention=desired_retention,
        track_knowledge=True,
    )
    return sum(result.reviews_per_day), result.knowledge_per_day[-1]


def run(
    policy: Policy | None,
    scenario: tuple[str, int, float, float],
    args: argparse.Namespace,
    seed: int,
    desired_retention: float = 0.9,
) -> dict[str, float]:
    """One simulated year; returns workload, retention and mis-rating rates."""
    _, parts, slip, guess = scenario
    tally = Tally()

    def answer(recall: float, rng: random.Random) -> tuple[int, int]:
        recalled = rng.random() < recall
        right = (1 - slip) if recalled else guess
        score = sum(rng.random() < right for _ in range(parts)) / parts
        rating = (3 if recalled else 1) if policy is None else policy(score)
        tally.due_reviews += 1
        tally.recalled += recalled
        tally.forgotten_not_again += (not recalled) and rating > 1
        tally.recalled_again += recalled and rating == 1
        return (3 if recalled else 1), rating

    reviews, remembered = simulate_year(answer, args, seed, desired_retention)
    return {
        "reviews": reviews,
        "retention": tally.recalled / tally.due_reviews,
        "end": remembered / (args.new_per_day * args.days),
        "missed": tally.forgotten_not_again / max(1, tally.due_reviews - tally.recalled),
        "wasted": tally.recalled_again / max(1, tally.recalled),
    }


#: Desired retentions at which the oracle's workload/knowledge trade-off curve is traced.
ORACLE_RETENTIONS = (0.70, 0.75, 0.80, 0.85, 0.88, 0.90, 0.92, 0.94, 0.96, 0.97, 0.98, 0.99)


def mean_runs(policy: Policy | None, scenario, args, desired_retention: float = 0.9) -> dict[str, float]:
    runs = [run(policy, scenario, args, seed, desired_retention) for seed in range(args.seeds)]
    return {key: statistics.fmean(r[key] for r in runs) for key in runs[0]}


def oracle_reviews_for(knowledge: float, curve: list[tuple[float, float]]) -> float | None:
    """Reviews the oracle needs to end with ``knowledge`` remembered (linear interpolation)."""
    for (k0, r0), (k1, r1) in itertools.pairwise(curve):
        if k0 <= knowledge <= k1:
            return r0 + (r1 - r0) * (knowledge - k0) / (k1 - k0) if k1 > k0 else r0
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--new-per-day", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args(argv)
    print(
        f"{args.new_per_day} new cards a day for {args.days} days ({args.new_per_day * args.days} cards), "
        f"desired retention 0.9, means over {args.seeds} seeds\n"
    )
    # The oracle rates by true recall, so its results do not depend on the scenario.
    oracle = {dr: mean_runs(None, SCENARIOS[0], args, dr) for dr in ORACLE_RETENTIONS}
    curve = sorted((m["end"], m["reviews"]) for m in oracle.values())
    print("Oracle trade-off curve (desired retention: reviews, remembered at end):")
    print("; ".join(f"{dr}: {m['reviews']:.0f}, {m['end']:.3f}" for dr, m in oracle.items()) + "\n")
    for scenario in SCENARIOS:
        name, parts, slip, guess = scenario
        print(f"### {name} (K={parts}, SLIP={slip}, GUESS={guess})\n")
        print(
            "| policy | reviews | recall at due reviews | remembered at end | extra reviews vs oracle "
            "at equal knowledge | forgotten but not Again | recalled but Again |"
        )
        print("|---|---|---|---|---|---|---|")
        for label, policy in [("oracle (true recall)", None), *POLICIES.items()]:
            mean = mean_runs(policy, scenario, args)
            needed = oracle_reviews_for(mean["end"], curve)
            extra = f"{mean['reviews'] / needed - 1:+.1%}" if needed else "beyond the curve"
            print(
                f"| {label} | {mean['reviews']:.0f} | {mean['retention']:.3f} | {mean['end']:.3f} | "
                f"{extra} | {mean['missed']:.1%} | {mean['wasted']:.1%} |"
            )
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
