"""What containing plugin faults costs per call: generation with and without the guard.

Usage: python benchmarks/plugin_guard.py [--facts 100000] [--repeat 5]

Built-in question types spend most of their time on their own work (distractors, orderings),
which would hide the guard's cost; a trivial question type (one TEXT question per fact) shows
it. Prints the best of --repeat runs of:
  unguarded    the type's generate() called directly on every fact (baseline)
  guarded      quizlib.study.questions.generate_questions: the same calls through the
               plugin host (faults caught, stdout kept clean, questions and prompts checked)
and the plugin host's load time with the built-in plugins.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

from quizlib import (
    Fact,
    Field,
    FieldKind,
    Grade,
    Prompt,
    PromptKind,
    Question,
    Section,
    hookimpl,
    question_id,
)
from quizlib.model import Deck
from quizlib.plugins import get_plugin_manager as load_plugins  # the name every version has
from quizlib.study.questions import generate_questions


class Echo:
    """One TEXT question per fact, nothing else."""

    name, section, description = "echo", "echoes", "type the word back"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> list[Question]:
        prompt = Prompt(PromptKind.TEXT, f"Type {fact.get('word')}")
        return [Question(question_id(fact, self.name), self.name, fact, prompt)]

    def grade(self, question: Question, response: Any) -> Grade:
        return Grade(1.0, "")


class EchoPlugin:
    @hookimpl
    def register_sections(self, register: Any) -> None:
        register(Section("echoes", {"word": Field(FieldKind.STR, True)}))

    @hookimpl
    def register_question_types(self, register: Any) -> None:
        register(Echo())


def best(repeat: int, run: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--facts", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    load_ms = best(args.repeat, lambda: load_plugins(entry_points=False))
    host = load_plugins(builtins=False, entry_points=False, extra={"echo": EchoPlugin()})
    facts = tuple(Fact("echoes", f"f{i}", {"word": f"w{i}"}) for i in range(args.facts))
    deck = Deck("bench", "Bench", sections={"echoes": facts})
    qt = host.question_types["echo"]
    rng = random.Random(0)
    base = best(args.repeat, lambda: [q for f in facts for q in qt.generate(f, deck, rng)])
    guarded = best(args.repeat, lambda: generate_questions(deck, host, rng))
    per_call = (guarded - base) / args.facts * 1000
    print(f"{args.facts} facts, one question each, best of {args.repeat}")
    print(f"  unguarded generate() calls   {base:9.1f} ms")
    print(f"  generate_questions (guarded) {guarded:9.1f} ms  ({per_call:.2f} µs more per call)")
    print(f"  load_plugins (built-ins)     {load_ms:9.1f} ms")


if __name__ == "__main__":
    main()
