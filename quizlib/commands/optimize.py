"""``quizlib optimize``: fit FSRS parameters to your own review log, apply or undo them."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from quizlib.clock import local_zone, system_clock
from quizlib.commands.common import SubParsers, check_deck_ids, store_options
from quizlib.completion import attach, deck_ids
from quizlib.errors import QuizError, UsageError
from quizlib.wording import plural

if TYPE_CHECKING:  # imported when the command runs: `quizlib --help` needs neither fsrs nor sqlite3
    from quizlib.srs.optimize import Fit, LoggedReview
    from quizlib.srs.workload import StudyHabits
    from quizlib.store.store import Store


class FitRejected(QuizError):
    """``--apply`` was asked for a fit that does not predict the newest reviews better."""


def add_parser(sub: SubParsers) -> None:
    """Register ``optimize``."""
    parser = sub.add_parser(
        "optimize",
        parents=[store_options()],
        help="fit FSRS parameters to your review log (needs quizlib[optimize])",
        description="Fit FSRS parameters to your own review history with the Rust FSRS optimizer "
        "(pip install 'quizlib[optimize]'). Shows default/current vs fitted parameters, how well each "
        "predicts your newest reviews, and the expected workload. --apply stores the fit and reschedules "
        "by replaying the log (only when the fit predicts your newest reviews better, unless --force); "
        "--undo restores the previous parameters; --retention recommends a desired retention from a "
        "workload simulation.",
        epilog="example: quizlib optimize --deck karabakh --apply",
    )
    attach(
        parser.add_argument(
            "--deck", help="fit one deck's reviews and store the parameters for it (default: all)"
        ),
        deck_ids,
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--apply", action="store_true", help="store the fitted parameters and reschedule")
    group.add_argument("--undo", action="store_true", help="restore the parameters the last --apply replaced")
    group.add_argument("--retention", action="store_true", help="recommend a desired retention")
    parser.add_argument(
        "--force", action="store_true", help="with --apply: apply a fit even when its check rejects it"
    )
    parser.add_argument(
        "--desired-retention", type=float, default=0.9, metavar="R", help="for the workload estimate"
    )
    parser.set_defaults(func=run)


def _log(store: Store, deck: str | None) -> list[LoggedReview]:
    return [
        (f"{r.deck_id}/{r.question_id}", r.reviewed_at, r.rating) for r in store.reviews(deck) if not r.cram
    ]


def _reschedule(store: Store, deck: str | None, parameters: tuple[float, ...] | None) -> int:
    from quizlib.srs.replay import replay

    cards = {(c.deck_id, c.question_id) for c in store.all_cards([deck] if deck else [])}
    replay(store, cards)  # each deck with its stored settings and (just saved) parameters
    return len(cards)


def _where(args: argparse.Namespace) -> str:
    return f"deck {args.deck}" if args.deck else "all decks"


def _undo_hint(args: argparse.Namespace) -> str:
    return "quizlib optimize --undo" + (f" --deck {args.deck}" if args.deck else "")


def run(args: argparse.Namespace) -> int:
    """Fit, show, and apply or undo."""
    if args.force and not args.apply:
        raise UsageError("--force only makes sense with --apply")
    from quizlib.srs.optimize import DEFAULT_PARAMETERS, build_items, fit_and_check
    from quizlib.srs.workload import habits_from_log
    from quizlib.store.parameters import parameters_for
    from quizlib.store.store import Store

    now = system_clock()()
    with Store.open(args.db, create=False) as store:
        check_deck_ids(store, [args.deck] if args.deck else [])
        if args.undo:
            return _undo(store, args, now)
        reviews = _log(store, args.deck)
        current = parameters_for(store, args.deck) or DEFAULT_PARAMETERS
        zone = local_zone()  # the learner's study days, as the sessions count them
        fit = fit_and_check(reviews, current, tz=zone)
        habits = habits_from_log(reviews, build_items(reviews, tz=zone))
        if args.retention:
            _print_retention(fit, habits)
            return 0
        _print_fit(args, reviews, current, fit, habits)
        if not args.apply:
            print("\nnot applied; run again with --apply to use the fitted parameters")
            return 0
        if not fit.improves and not args.force:
            raise FitRejected(
                "not applied: the fit does not predict your newest reviews better than the "
                f"{_label(current)} parameters on both log loss and RMSE(bins); nothing was changed. "
                "Apply it anyway with --apply --force."
            )
        _apply(store, args, fit, now)
    return 0


def _undo(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    from quizlib.store.parameters import scope_for, undo_parameters

    restored = undo_parameters(store, scope_for(args.deck), now=now)
    count = _reschedule(store, args.deck, restored)
    print(
        f"restored {'the default' if restored is None else 'the previous'} parameters for {_where(args)}; "
        f"{plural(count, 'card')} rescheduled"
    )
    return 0


def _apply(store: Store, args: argparse.Namespace, fit: Fit, now: dt.datetime) -> None:
    from quizlib.store.parameters import save_parameters, scope_for

    save_parameters(store, scope_for(args.deck), fit.parameters, now=now)
    count = _reschedule(store, args.deck, fit.parameters)
    print(f"\napplied to {_where(args)}; {plural(count, 'card')} rescheduled. Undo with: {_undo_hint(args)}")


def _label(current: tuple[float, ...]) -> str:
    from quizlib.srs.optimize import DEFAULT_PARAMETERS

    return "current" if current != DEFAULT_PARAMETERS else "default"


def _print_fit(
    args: argparse.Namespace,
    reviews: list[LoggedReview],
    current: tuple[float, ...],
    fit: Fit,
    habits: StudyHabits,
) -> None:
    """The parameters side by side, how each predicts the newest reviews, and the workload."""
    from quizlib.srs.workload import simulate_workload

    print(f"{plural(len(reviews), 'review')} of {_where(args)} give {plural(fit.items, 'training item')}.\n")
    label = _label(current)
    print(f"{'':>4} {label:>9} {'fitted':>9}")
    for i, (a, b) in enumerate(zip(current, fit.parameters, strict=True)):
        print(f"w{i:<3} {a:>9.4f} {b:>9.4f}")
    print(
        f"\nOn your newest reviews: {label} log loss {fit.current.log_loss:.4f}, RMSE(bins) "
        f"{fit.current.rmse_bins:.4f}; fitted {fit.candidate.log_loss:.4f}, {fit.candidate.rmse_bins:.4f}"
    )
    before = simulate_workload(current, args.desired_retention, habits)
    after = simulate_workload(fit.parameters, args.desired_retention, habits)
    print(
        f"Expected workload at retention {args.desired_retention:.2f}: {before.reviews_per_day:.1f} → "
        f"{after.reviews_per_day:.1f} reviews a day ({before.minutes_per_day:.1f} → "
        f"{after.minutes_per_day:.1f} minutes)"
    )
    if not fit.improves:
        print("The fit does not predict your newest reviews better on both measures; keep the current ones.")


def _print_retention(fit: Fit, habits: StudyHabits) -> None:
    """The workload table at each desired retention and the recommendation."""
    from quizlib.srs.workload import RETENTION_RANGE, range_edge, recommend_retention

    best, table = recommend_retention(fit.parameters, habits)
    print("desired retention   reviews/day   minutes/day   cards remembered   s per card remembered")
    for w in table[::2]:
        print(
            f"{w.desired_retention:>17.2f} {w.reviews_per_day:>13.1f} {w.minutes_per_day:>13.1f} "
            f"{w.remembered:>18.0f} {w.seconds_per_card_remembered:>23.1f}"
        )
    print(
        f"\nrecommended desired retention: {best.desired_retention:.2f} "
        "(least study time per card remembered); set it as deck.settings.retention"
    )
    edge = range_edge(best, table)
    if edge is not None:
        low, high = RETENTION_RANGE
        print(
            f"note: {best.desired_retention:.2f} is the {edge} retention searched ({low:.2f}–{high:.2f}); "
            f"the least study time may lie {'below' if edge == 'lowest' else 'above'} it, "
            f"so read this as {'at most' if edge == 'lowest' else 'at least'} {best.desired_retention:.2f}"
        )
