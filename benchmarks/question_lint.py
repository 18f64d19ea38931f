"""Question lint speed against question generation, in one run.

Usage: python benchmarks/question_lint.py [--sizes 1000,2000,4000] [--repeat 3]

For each size it writes a synthetic deck (events, quotes and figures in equal parts, with
varied wording drawn from a fixed vocabulary, half the events dated in their own text as
drafted events are, 60 actors of both kinds, a few agreements),
generates its questions with the built-in question types and prints the best of --repeat
runs of:
  generate   quizlib.study.questions.generate_questions (the baseline: what every command pays)
  answers    finding every question's answer (answer_of; grading probes for most types)
  lint       quizlib.questionlint.lint.find_flaws including the answers, its caches emptied
             before each run
It also prints how many flaws the lint found (the synthetic decks are not written to be
fair: random speakers and distractors). The lint should grow roughly linearly with the
number of questions (lint / question stays flat) and a 5,000-fact deck should lint in
seconds.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizlib.deckfile.load import load_deck
from quizlib.grading import textmatch
from quizlib.plugins import get_plugin_manager
from quizlib.questionlint import lint as question_lint
from quizlib.questionlint.lint import answers_of, find_flaws
from quizlib.study.questions import generate_questions

SYLLABLES = ("ka", "ro", "mi", "tan", "vel", "so", "dri", "pen", "lu", "gor", "ash", "nei", "bor", "tis")
#: A vocabulary of 3,000 made-up words used with Zipf-like frequencies, as prose is: a few
#: words everywhere, most words rare.
VOCABULARY = sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES})[:3000]
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
MONTHS = ("January", "March", "May", "July", "September", "November")
UNITS = ("troops", "people", "vehicles", "days", "villages", "months")


def make_deck(n: int, seed: int = 0) -> dict[str, Any]:
    """A deck of n facts spread over events, quotes and figures, with varied wording."""
    rng = random.Random(seed)

    def sentence(k: int) -> str:
        return " ".join(rng.choices(VOCABULARY, WEIGHTS, k=k)).capitalize() + "."

    actors: list[dict[str, Any]] = [
        {"id": f"state-{i}", "name": f"State{i}land", "kind": "institution"} for i in range(20)
    ]
    actors += [
        {"id": f"person-{i}", "name": f"Anna Speaker{i}", "kind": "person", "organisation": f"state-{i % 20}"}
        for i in range(40)
    ]
    sources = [{"id": "src", "title": "Article", "outlet": "Outlet", "published": "2024-01-15"}]
    events, quotes, figures, agreements = [], [], [], []
    for i in range(n):
        cite = [f"src:p{i % 30 + 1}"]
        actor = rng.choice(actors)["id"]
        if i % 3 == 0:
            year, month = rng.randint(1950, 2024), rng.randint(1, 12)
            date = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
            text = sentence(rng.randint(5, 10))
            if i % 2:  # drafted events keep the sentence that dates them
                text = f"In {rng.choice(MONTHS)} {year + rng.randint(-1, 1)}, {text[0].lower()}{text[1:]}"
            events.append({"id": f"e{i}", "date": date, "text": text, "actors": [actor], "sources": cite})
        elif i % 3 == 1:
            quotes.append(
                {"id": f"q{i}", "text": sentence(rng.randint(3, 14)), "speaker": actor, "sources": cite}
            )
        else:
            unit = rng.choice(UNITS)
            figures.append(
                {
                    "id": f"f{i}",
                    "value": rng.randint(2, 5000),
                    "unit": unit,
                    "counts": f"{unit} {sentence(4).lower().rstrip('.')}",
                    "sources": cite,
                }
            )
        if i % 100 == 0:
            agreements.append(
                {
                    "id": f"a{i}",
                    "name": f"the {rng.choice(VOCABULARY)} accord",
                    "date": f"{rng.randint(1950, 2024)}-{rng.randint(1, 12):02d}",
                    "parties": [f"state-{rng.randint(0, 19)}", f"state-{rng.randint(0, 19)}"],
                    "sources": cite,
                }
            )
    for a in agreements:
        a["parties"] = sorted(set(a["parties"]))
    return {
        "quizlib": 1,
        "deck": {"id": "bench", "title": "Benchmark deck"},
        "sources": sources,
        "actors": actors,
        "events": events,
        "quotes": quotes,
        "figures": figures,
        "agreements": agreements,
    }


def cold_lint(deck: Any, questions: Any, host: Any) -> object:
    """The lint with its text caches emptied first, so repeats measure a first run."""
    textmatch.words.cache_clear()
    textmatch.dates_in.cache_clear()
    question_lint._hint_examples.cache_clear()
    return question_lint.find_flaws(deck, questions, host)


def best(repeat: int, fn: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Print one row per deck size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,4000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    host = get_plugin_manager(entry_points=False)
    print(
        "| facts | questions | generate (baseline) | answers | lint incl. answers | lint / question | flaws |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"deck-{size}.yaml"
            path.write_text(json.dumps(make_deck(size)), encoding="utf-8")  # JSON is YAML
            deck = load_deck(path, sections=host.sections, cache_dir=None)
            questions = generate_questions(deck, host, random.Random(0)).questions
            generate = best(args.repeat, functools.partial(generate_questions, deck, host, random.Random(0)))
            answers = best(args.repeat, functools.partial(answers_of, questions, host))
            lint = best(args.repeat, functools.partial(cold_lint, deck, questions, host))
            flaws = len(find_flaws(deck, questions, host))
            print(
                f"| {size:,} | {len(questions):,} | {generate:.3f} s | {answers:.3f} s | {lint:.3f} s "
                f"| {lint / len(questions) * 1e6:.0f} µs | {flaws:,} |"
            )


if __name__ == "__main__":
    main()
