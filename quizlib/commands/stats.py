"""``quizlib stats``: reviews per day, forecast, retention, per-type results, hardest cards."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

from quizlib.clock import system_clock
from quizlib.commands.common import SubParsers, check_deck_ids, store_options
from quizlib.stats import Stats, compute
from quizlib.store import Store

SHADES = " ░▒▓█"
SPARK = "▁▂▃▄▅▆▇█"
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def add_parser(sub: SubParsers) -> None:
    """Register ``stats``."""
    parser = sub.add_parser(
        "stats",
        parents=[store_options()],
        help="statistics: reviews per day, forecast, retention, hardest questions",
        description="Show review statistics from the review log: a calendar heatmap of the last 6 months, "
        "a 30-day forecast of due reviews, true retention, accuracy and average score per question type, "
        "the hardest questions, leeches, streak and totals. --json prints the same figures for scripts.",
    )
    parser.add_argument("decks", nargs="*", metavar="DECK_ID", help="only these deck ids (default: all)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def _colour(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled and text.strip() else text


def heatmap(stats: Stats, colour: bool) -> list[str]:
    """Weeks as columns, weekdays as rows, shaded by quartile of the busiest day."""
    days = sorted(stats.reviews_per_day.items())
    first = dt.date.fromisoformat(days[0][0])
    pad = first.weekday()
    cells = [None] * pad + [count for _, count in days]
    peak = max((c for c in cells if c), default=0)
    rows = []
    for weekday in range(7):
        line = []
        for week in range(0, len(cells), 7):
            index = week + weekday
            count = cells[index] if index < len(cells) else None
            if count is None:
                line.append(" ")
            elif count == 0:
                line.append("·")
            else:
                shade = SHADES[min(4, 1 + (count * 4 - 1) // peak)]
                line.append(_colour(shade, "32", colour))
        rows.append(f"{WEEKDAYS[weekday]:>3} {''.join(line)}")
    return rows


def sparkline(values: list[int]) -> str:
    """One block per value, scaled to the largest."""
    peak = max(values, default=0)
    return "".join(SPARK[(v * 7) // peak] if peak and v else " " for v in values)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def render(stats: Stats, colour: bool) -> str:
    """The report for people."""
    busiest = max(stats.forecast, default=0)
    out = [
        f"{stats.total_reviews} reviews of {stats.total_cards} cards on {stats.days_studied} days; "
        f"streak {stats.streak} day{'s' if stats.streak != 1 else ''} (today is {stats.today})",
        "",
        "Reviews per day, last 6 months:",
        *heatmap(stats, colour),
        "",
        f"Due in the next 30 days ({sum(stats.forecast)} reviews; most on one day: {busiest}):",
        f"    {sparkline(stats.forecast)}",
        "    today" + " " * 20 + "+30 days",
        "",
        "True retention (passed reviews of cards seen on an earlier day): "
        + ", ".join(f"{k.replace('_', ' ')} {_percent(v)}" for k, v in stats.retention.items()),
    ]
    if stats.by_type:
        out += ["", f"{'question type':<16} {'reviews':>7} {'accuracy':>8} {'mean score':>10}"]
        for name, f in stats.by_type.items():
            mean = "-" if f.mean_score is None else f"{f.mean_score:.2f}"
            out.append(f"{name:<16} {f.reviews:>7} {f.accuracy:>8.0%} {mean:>10}")
    if stats.hardest:
        out += ["", "Hardest now (lowest probability of recall):"]
        out += [
            f"  {h['retrievability']:.0%}  {h['card']}  ({h['lapses']} lapses)" for h in stats.hardest[:5]
        ]
    if stats.leeches:
        out += ["", f"Leeches (suspended after 8 lapses): {', '.join(stats.leeches)}"]
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    """Compute and print."""
    now = system_clock()()
    with Store.open(args.db, create=False) as store:
        check_deck_ids(store, args.decks)
        reviews = [r for r in store.reviews() if not args.decks or r.deck_id in args.decks]
        cards = store.all_cards(args.decks)
    stats = compute(reviews, cards, now)
    if args.json:
        print(json.dumps(stats.to_dict(), indent=2))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        print(render(stats, colour))
    return 0
