"""``quizlib stats``: reviews per day, forecast, retention, per-type results, hardest cards."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from quizlib.clock import system_clock
from quizlib.commands.common import SubParsers, check_deck_ids, load_host, plugin_options, store_options
from quizlib.completion import attach, deck_ids
from quizlib.deckfile.load import bundled_decks, load_deck, refuse_shared_ids
from quizlib.errors import Problem, QuizError
from quizlib.plugins import get_plugin_manager
from quizlib.study.questions import generate_questions
from quizlib.termsafe import terminal_safe
from quizlib.wording import plural, shorten

if TYPE_CHECKING:  # the database and the scheduler are imported when the command runs
    from quizlib.plugins import PluginHost
    from quizlib.study.stats import Stats

SHADES = " ░▒▓█"
SPARK = "▁▂▃▄▅▆▇█"
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def add_parser(sub: SubParsers) -> None:
    """Register ``stats``."""
    parser = sub.add_parser(
        "stats",
        parents=[store_options(), plugin_options()],
        help="statistics: reviews per day, forecast, retention, hardest questions",
        description="Show review statistics from the review log: a calendar heatmap of the last 6 months, "
        "a 30-day forecast of due reviews, true retention, accuracy and average score per question type, "
        "the hardest questions, leeches, streak and totals. --json prints the same figures for scripts.",
    )
    attach(
        parser.add_argument(
            "decks",
            nargs="*",
            metavar="DECK",
            help="only these decks: ids, or deck files (whose question texts the report then shows); "
            "default: all",
        ),
        deck_ids,
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def _colour(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled and text.strip() else text


def heatmap(stats: Stats, colour: bool) -> list[str]:
    """Weeks as columns, weekdays as rows, shaded by quartile of the busiest day.

    A line of month names sits above the week where each month begins, and a legend
    below says what the shades mean.
    """
    days = sorted(stats.reviews_per_day.items())
    if not days:
        return []
    first = dt.date.fromisoformat(days[0][0])
    # Padding puts the first day in its weekday's row; the log starts on a Monday, so
    # normally there is none and every row's first column is the same week.
    pad = first.weekday()
    cells: list[int | None] = [None] * pad + [count for _, count in days]
    peak = max((c for c in cells if c), default=0)
    weeks = range(0, len(cells), 7)
    months = _month_labels([first + dt.timedelta(days=week - pad) for week in weeks])
    rows = [f"    {months}".rstrip()]
    for weekday in range(7):
        line = []
        for week in weeks:
            index = week + weekday
            count = cells[index] if index < len(cells) else None
            line.append(_cell(count, peak, colour))
        rows.append(f"{WEEKDAYS[weekday]:>3} {''.join(line)}".rstrip())
    legend = " ".join(_colour(s, "32", colour) for s in SHADES[1:])
    rows.append(f"    · none  {legend} fewer to more reviews (busiest day: {peak})")
    return rows


def _month_labels(mondays: list[dt.date]) -> str:
    """Month names over the column of each month's first Monday, never overlapping."""
    starts = [(column, monday.strftime("%b")) for column, monday in enumerate(mondays) if monday.day <= 7]
    if mondays and (not starts or starts[0][0] >= 4):
        starts.insert(0, (0, mondays[0].strftime("%b")))  # the month the grid opens in
    line = ""
    for column, label in starts:
        if column >= len(line) + (1 if line else 0) and column + len(label) <= len(mondays):
            line = line.ljust(column) + label
    return line


def _cell(count: int | None, peak: int, colour: bool) -> str:
    if count is None:
        return " "
    if count == 0:
        return "·"
    return _colour(SHADES[min(4, 1 + (count * 4 - 1) // peak)], "32", colour)


def sparkline(values: list[int]) -> str:
    """One block per value, scaled to the largest."""
    peak = max(values, default=0)
    return "".join(SPARK[(v * 7) // peak] if peak and v else " " for v in values)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def render(stats: Stats, colour: bool, texts: Mapping[str, str] | None = None) -> str:
    """The report for people; ``texts`` gives the question text of a card id, when known."""
    if not stats.total_reviews:
        return (
            "No reviews yet. Start with 'quizlib study' (the bundled karabakh deck)\n"
            "or 'quizlib study DECK.yaml'; every answer you rate is counted here."
        )
    busiest = max(stats.forecast, default=0)
    out = [
        f"{plural(stats.total_reviews, 'review')} of {plural(stats.total_cards, 'card')} "
        f"on {plural(stats.days_studied, 'day')}; streak {plural(stats.streak, 'day')} "
        f"(today is {stats.today})",
        "",
        "Reviews per day, last 6 months:",
        *heatmap(stats, colour),
        "",
        f"Due in the next 30 days ({plural(sum(stats.forecast), 'review')}; most on one day: {busiest}):",
        f"    {sparkline(stats.forecast)}",
        "    today" + " " * 20 + "+30 days",
        "",
        "True retention (passed reviews of cards seen on an earlier day):",
        "    " + ", ".join(f"{k.replace('_', ' ')} {_percent(v)}" for k, v in stats.retention.items()),
    ]
    if stats.by_type:
        out += ["", f"{'question type':<16} {'reviews':>7} {'accuracy':>8} {'mean score':>10}"]
        for name, f in stats.by_type.items():
            mean = "-" if f.mean_score is None else f"{f.mean_score:.2f}"
            out.append(f"{name:<16} {f.reviews:>7} {f.accuracy:>8.0%} {mean:>10}")
    if stats.hardest:
        out += ["", "Hardest now (lowest probability of recall):"]
        for h in stats.hardest[:5]:
            what = shorten((texts or {}).get(h["card"], h["card"]), 56)
            out.append(f"  {h['retrievability']:>4.0%}  {what}  ({plural(h['lapses'], 'lapse')})")
    if stats.orphans:
        out += [
            "",
            f"Left out: {plural(stats.orphans, 'card')} whose question no longer exists"
            " (quizlib orphans lists them)",
        ]
    if stats.leeches:
        from quizlib.srs.cards import LEECH_LAPSES

        rule = f"suspended after {LEECH_LAPSES} lapses; quizlib suspended lists them"
        out += ["", f"Leeches ({rule}): {', '.join(stats.leeches)}"]
    return "\n".join(out)


def question_texts(
    card_ids: Iterable[str], files: Mapping[str, Path] | None = None, host: PluginHost | None = None
) -> dict[str, str]:
    """The question text of each ``deck/question`` id whose deck can be found: a deck file
    named on the command line (``files``, by deck id) or a bundled deck. The database
    stores ids, not decks, so other cards keep their ids. ``host``: the loaded plugins
    (default: those of the environment)."""
    wanted: dict[str, set[str]] = {}
    for card in card_ids:
        deck_id, _, question_id = card.partition("/")
        wanted.setdefault(deck_id, set()).add(question_id)
    paths = {**dict(bundled_decks()), **(files or {})}
    if not set(wanted) & set(paths):
        return {}
    host = host or get_plugin_manager()
    texts: dict[str, str] = {}
    for deck_id in set(wanted) & set(paths):
        try:
            deck = load_deck(paths[deck_id], sections=host.sections, on_skipped=_ignore)
        except QuizError:
            continue  # the id is shown instead
        for q in generate_questions(deck, host, random.Random(0)).questions:
            if q.id in wanted[deck_id]:
                texts[f"{deck_id}/{q.id}"] = terminal_safe(q.prompt.text)
    return texts


def _deck_files(names: Iterable[str], host: PluginHost) -> dict[str, Path]:
    """Deck files named instead of deck ids, by the id they declare. A section no loaded
    plugin declares (its plugin failed or is disabled) is left out with a warning, as
    ``study`` does: statistics only read the log.

    Raises:
        DeckError: When a named file is not a valid deck.
    """
    files = [Path(n) for n in names if n.endswith((".yaml", ".yml")) and Path(n).is_file()]
    if not files:
        return {}

    def skipped(problem: Problem) -> None:
        host.warn(str(problem))

    decks = refuse_shared_ids(load_deck(f, sections=host.sections, on_skipped=skipped) for f in files)
    return {d.id: Path(d.path) for d in decks}


def _ignore(problem: object) -> None:
    """Sections no plugin declares are left out quietly (``_deck_files`` warned already)."""


def run(args: argparse.Namespace) -> int:
    """Compute and print."""
    from quizlib.store.store import Store
    from quizlib.study.orphans import live_ids_of_files, split_orphans
    from quizlib.study.stats import compute

    now = system_clock()()
    host = load_host(args)
    files = _deck_files(args.decks, host)
    by_file = {str(path): deck_id for deck_id, path in files.items()}
    decks = [by_file.get(name, name) for name in args.decks]
    with Store.open(args.db, create=False) as store:
        check_deck_ids(store, [d for d in decks if d not in files])  # a file's deck exists
        reviews = [r for r in store.reviews() if not decks or r.deck_id in decks]
        cards = store.all_cards(decks)
    # Cards of questions deleted from a deck at hand would be due for ever and top the
    # hardest list: leave them out of the forecast and the ranking, and say how many.
    live = live_ids_of_files({**dict(bundled_decks()), **files}, host, {c.deck_id for c in cards})
    cards, orphans = split_orphans(cards, live)
    stats = replace(compute(reviews, cards, now), orphans=len(orphans))
    if args.json:
        print(json.dumps(stats.to_dict(), indent=2))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        print(render(stats, colour, question_texts((h["card"] for h in stats.hardest[:5]), files, host)))
    return 0
