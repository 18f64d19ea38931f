"""``quizlib show``: a deck's facts and generated questions, readable or as JSON.

With ``--answers`` each question also shows its correct answer and what else counts as
right, for authors reviewing a deck; without it no answer is printed, so a learner can
browse the questions without being told.
"""

from __future__ import annotations

import argparse
import json
import random
from typing import Any

from quizlib.commands.common import SubParsers, load_decks, load_host, plugin_options
from quizlib.completion import attach, deck_names
from quizlib.deckfile.load import deck_to_dict
from quizlib.model import Answer, PromptKind, Question
from quizlib.study.questions import question_lines
from quizlib.termsafe import json_safe, terminal_safe
from quizlib.wording import plural


def add_parser(sub: SubParsers) -> None:
    """Register ``show``."""
    parser = sub.add_parser(
        "show",
        parents=[plugin_options()],
        help="show a deck's facts and questions",
        description="Show a deck: counts and every generated question (id, type, prompt,\n"
        "numbered choices or items, hint), or with --json the normalised deck (all facts by\n"
        "section, with sources) and the questions. --answers adds each question's correct\n"
        "answer and what else counts as right (JSON: 'answer' and 'accepted'; without\n"
        "--answers no answer is printed).",
        epilog="examples: quizlib show karabakh --answers | less\n"
        "          quizlib show karabakh --json | jq '.questions | length'",
    )
    attach(parser.add_argument("deck", metavar="DECK", help="deck file or bundled deck name"), deck_names)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--seed", type=int, default=0, help="seed for distractors and item order (default 0)")
    parser.add_argument(
        "--answers",
        action="store_true",
        help="also show each question's answer and what else counts as right (spoils the quiz)",
    )
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


def answer_to_dict(q: Question, answer: Answer | None) -> dict[str, Any]:
    """The ``answer`` and ``accepted`` keys of ``show --json --answers``: the right choices for
    CHOICE and MULTI prompts, else the answer's text (null when the type cannot tell)."""
    if answer is None:
        return {"answer": None, "accepted": []}
    shown: str | list[str] = answer.text
    if q.prompt.kind in (PromptKind.CHOICE, PromptKind.MULTI):
        shown = list(answer.choices or (answer.text,))
    return {"answer": shown, "accepted": list(dict.fromkeys(answer.accepted))}


def run(args: argparse.Namespace) -> int:
    """Print the deck."""
    host = load_host(args)
    (deck,) = load_decks([args.deck], host, skip_unknown_sections=True)
    generated = generate(deck, host, args.seed)
    known: dict[str, Answer | None] = {}
    if args.answers:
        from quizlib.questionlint.lint import answers_of

        known = answers_of(generated, host)
    if args.json:
        questions = [
            {**question_to_dict(q), **(answer_to_dict(q, known[q.id]) if args.answers else {})}
            for q in generated
        ]
        payload = {"deck": deck_to_dict(deck), "questions": questions}
        print(json_safe(json.dumps(payload, indent=2, ensure_ascii=False)))
        return 0
    _out(f"{deck.title}  [{deck.id}]")
    if deck.description:
        _out(deck.description)
    _out(f"\n{plural(len(deck.sources), 'source')}, {plural(len(deck.actors), 'actor')}")
    for name, facts in deck.sections.items():
        _out(f"  {name:<12} {len(facts):>5} {'fact' if len(facts) == 1 else 'facts'}")
    by_type: dict[str, int] = {}
    for q in generated:
        by_type[q.type] = by_type.get(q.type, 0) + 1
    _out(f"\n{plural(len(generated), 'question')}")
    for name, count in sorted(by_type.items()):
        _out(f"  {name:<16} {count:>5}")
    for q in generated:
        _out()
        _out("\n".join(question_lines(q, known.get(q.id), answers=args.answers)))
    return 0


def _out(text: str = "") -> None:
    """Print deck text with control characters shown, not obeyed (a deck may be hostile)."""
    print(terminal_safe(text))


def generate(deck: Any, host: Any, seed: int) -> list[Question]:
    """The deck's questions (the plugin host warns about generation problems on stderr)."""
    from quizlib.study.questions import generate_questions

    return generate_questions(deck, host, random.Random(seed)).questions
