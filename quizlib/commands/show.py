"""``quizlib show``: a deck's facts and generated questions, readable or as JSON."""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import Any

from quizlib.commands.common import SubParsers, load_decks, load_host, plugin_options
from quizlib.deck import deck_to_dict
from quizlib.model import Question


def add_parser(sub: SubParsers) -> None:
    """Register ``show``."""
    parser = sub.add_parser(
        "show",
        parents=[plugin_options()],
        help="show a deck's facts and questions",
        description="Show a deck: a readable summary, or with --json the normalised deck "
        "(all facts by section, with sources) and the generated questions.",
        epilog="example: quizlib show karabakh --json | jq '.questions | length'",
    )
    parser.add_argument("deck", metavar="DECK", help="deck file or bundled deck name")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--seed", type=int, default=0, help="seed for distractors and item order (default 0)")
    parser.set_defaults(func=run)


def question_to_dict(q: Question) -> dict[str, Any]:
    """A question as JSON-able data (without its answer key)."""
    p = q.prompt
    prompt: dict[str, Any] = {"kind": p.kind.value, "text": p.text}
    for name in ("choices", "items"):
        if getattr(p, name):
            prompt[name] = list(getattr(p, name))
    if p.hint:
        prompt["hint"] = p.hint
    return {"id": q.id, "type": q.type, "fact": q.fact.key, "tags": list(q.tags), "prompt": prompt}


def run(args: argparse.Namespace) -> int:
    """Print the deck."""
    host = load_host(args)
    (deck,) = load_decks([args.deck], host)
    generated = generate(deck, host, args.seed)
    if args.json:
        payload = {"deck": deck_to_dict(deck), "questions": [question_to_dict(q) for q in generated]}
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    print(f"{deck.title}  [{deck.id}]")
    if deck.description:
        print(deck.description)
    print(f"\n{len(deck.sources)} sources, {len(deck.actors)} actors")
    for name, facts in deck.sections.items():
        print(f"  {name:<12} {len(facts):>5} facts")
    by_type: dict[str, int] = {}
    for q in generated:
        by_type[q.type] = by_type.get(q.type, 0) + 1
    print(f"\n{len(generated)} questions")
    for name, count in sorted(by_type.items()):
        print(f"  {name:<16} {count:>5}")
    return 0


def generate(deck: Any, host: Any, seed: int) -> list[Question]:
    """The deck's questions, with generation problems reported on stderr."""
    from quizlib.questions import generate_questions

    generated = generate_questions(deck, host, random.Random(seed))
    for error in generated.errors:
        print(f"quizlib: warning: {error}", file=sys.stderr)
    return generated.questions
