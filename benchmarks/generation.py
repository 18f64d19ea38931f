"""Question generation scales linearly: time per question type as the deck doubles.

Usage: python benchmarks/generation.py [--start 1000] [--stop 64000] [--types timeline,who_said]

For each size n (start, 2·start, … up to stop) it builds a synthetic deck in memory with n
facts in every section a built-in type reads (events, quotes, figures, agreements and
cards of each card type) and times each built-in question type generating the questions of
its section (one call per fact, as ``generate_questions`` does), printing the CPU time
(best of --repeat; CPU rather than wall time, as the machine may be shared) and the ratio
to the previous size, and at the end each type's growth over the whole range. Linear (or n
log n) generation doubles at most ~2.2×; a quadratic one 4×. The decks are written to be
hard, not pretty: a quarter of the events share one year (dated to the day, the month or
only the year, so many pairs do not order), texts are drawn from 3,000 made-up words with
Zipf-like frequencies, speakers from a fixed pool of 200 actors of both kinds, figures
share units.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from dataclasses import replace
from typing import Any

import yaml

from quizlib.deckfile.load import parse_deck
from quizlib.model import Deck
from quizlib.plugins import PluginHost, get_plugin_manager

ACTORS = 200
UNITS = ("troops", "people", "vehicles", "days", "villages", "months")
SYLLABLES = ("ka", "ro", "mi", "tan", "vel", "so", "dri", "pen", "lu", "gor", "ash", "nei", "bor", "tis")
#: 3,000 made-up words drawn with Zipf-like frequencies, as prose is: a few words
#: everywhere, most words rare.
WORDS = sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES})[:3000]
WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]


def _date(i: int, rng: random.Random) -> str:
    if i % 4 == 0:  # a quarter in one year, at mixed precision: many pairs do not order
        return rng.choice(("2020", f"2020-{rng.randint(1, 12):02d}", f"2020-{rng.randint(1, 12):02d}-15"))
    return f"{1900 + rng.randint(0, 120)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _text(rng: random.Random, i: int, k: int = 8) -> str:
    return " ".join(rng.choices(WORDS, WEIGHTS, k=k)).capitalize()


def make_deck(n: int, seed: int = 0) -> dict[str, Any]:
    """A deck with n facts in every section the built-in question types read."""
    rng = random.Random(seed)
    states = [{"id": f"state-{i}", "name": f"State{i}land", "kind": "institution"} for i in range(20)]
    people = [
        {"id": f"person-{i}", "name": f"Anna Speaker{i}", "kind": "person", "organisation": f"state-{i % 20}"}
        for i in range(ACTORS - 20)
    ]
    cite = "src-0:p1"
    actor_ids = [a["id"] for a in states + people]
    return {
        "quizlib": 1,
        "deck": {"id": "gen-bench", "title": "Generation benchmark"},
        "sources": [{"id": "src-0", "title": "Article", "outlet": "Outlet", "published": "2024-01-15"}],
        "actors": states + people,
        "events": [
            {"id": f"e{i}", "date": _date(i, rng), "text": _text(rng, i), "sources": [cite]} for i in range(n)
        ],
        "quotes": [
            {
                "id": f"q{i}",
                "text": _text(rng, i),
                "speaker": rng.choice(actor_ids),
                "context": "at a briefing",
                "sources": [cite],
            }
            for i in range(n)
        ],
        "figures": [
            {
                "id": f"f{i}",
                "value": rng.randint(1, 100_000),
                "unit": rng.choice(UNITS),
                "counts": f"{rng.choice(WORDS)} in area {i}",
                "sources": [cite],
            }
            for i in range(n)
        ],
        "agreements": [
            {
                "id": f"a{i}",
                "name": f"the {rng.choice(WORDS)} agreement number {i}",
                "date": _date(i, rng),
                "parties": rng.sample(actor_ids[:20], 2),
                "terms": [{"id": "t1", "text": _text(rng, i, 5)}],
                "sources": [cite],
            }
            for i in range(n)
        ],
        "cards": [_card(i, rng) for i in range(3 * n)],
    }


def _card(i: int, rng: random.Random) -> dict[str, Any]:
    kind = ("basic", "choice", "cloze")[i % 3]
    if kind == "basic":
        return {"id": f"c{i}", "type": "basic", "front": f"{_text(rng, i)}?", "back": f"answer {i}"}
    if kind == "choice":
        return {
            "id": f"c{i}",
            "type": "choice",
            "question": f"{_text(rng, i)}?",
            "choices": [f"option {i} {j}" for j in range(4)],
            "answer": [0],
        }
    return {"id": f"c{i}", "type": "cloze", "text": f"The {{{{{rng.choice(WORDS)}}}}} was agreed in {i}."}


def time_type(host: PluginHost, deck: Deck, name: str, repeat: int) -> tuple[float, int]:
    """CPU seconds (best of ``repeat``) to generate every question of one type, and how many
    were made. Each run gets a copy of the deck, so indexes a type builds per deck are
    built (and timed) every time."""
    qt = host.question_types[name]
    best, made = float("inf"), 0
    for _ in range(repeat):
        copy = replace(deck)
        rng = random.Random(1)
        start = time.process_time()
        made = sum(len(qt.generate(fact, copy, rng)) for fact in copy.facts(qt.section))
        best = min(best, time.process_time() - start)
    return best, made


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--start", type=int, default=1000)
    parser.add_argument("--stop", type=int, default=64000)
    parser.add_argument("--types", default="", help="comma-separated type names (default: every built-in)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size and type; the best counts")
    args = parser.parse_args()
    host = get_plugin_manager(entry_points=False)
    names = [t for t in args.types.split(",") if t] or sorted(host.question_types)
    sizes = []
    n = args.start
    while n <= args.stop:
        sizes.append(n)
        n *= 2
    previous: dict[str, float] = {}
    first: dict[str, float] = {}
    print(f"{'facts':>7} {'type':<16} {'questions':>9} {'CPU s':>9} {'ratio':>6}")
    for n in sizes:
        text = yaml.dump(make_deck(n), Dumper=yaml.CSafeDumper, sort_keys=False)
        deck = parse_deck(text, f"bench-{n}.yaml", host.sections)
        del text
        # The deck is long-lived: keep the collector from walking it again and again, as a
        # command that loaded it once would after its first full collection.
        gc.collect()
        gc.freeze()
        for name in names:
            seconds, made = time_type(host, deck, name, args.repeat)
            ratio = f"{seconds / previous[name]:.2f}x" if name in previous else ""
            previous[name] = seconds
            first.setdefault(name, seconds)
            print(f"{n:>7} {name:<16} {made:>9} {seconds:>9.3f} {ratio:>6}", flush=True)
        gc.unfreeze()
    if len(sizes) > 1:  # the whole range at once: linear grows as the facts do
        growth = sizes[-1] // sizes[0]
        for name in names:
            grew = previous[name] / first[name]
            print(f"{sizes[-1]}/{sizes[0]} facts {name}: {grew:.1f}x (linear: {growth}x)")


if __name__ == "__main__":
    main()
