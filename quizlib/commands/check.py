"""``quizlib check``: validate decks; exit 0 when valid, 1 when not.

``--strict`` adds the deck lint (:mod:`quizlib.deckfile.lint`) and the question lint
(:mod:`quizlib.questionlint.lint`); ``--questions`` lists every question with its answer and
flaws for review. Plain ``check`` output is a contract other tools read: keep it as it is.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter

from quizlib.commands.common import SubParsers, load_host, plugin_options
from quizlib.completion import attach, deck_names
from quizlib.deckcheck import deck_problems
from quizlib.deckfile.lint import lint_deck, unknown_skips
from quizlib.deckfile.load import load_deck, resolve_deck
from quizlib.errors import DeckError, Problem
from quizlib.model import Deck, Question
from quizlib.plugins import PluginHost
from quizlib.questionlint.context import Flaw
from quizlib.questionlint.lint import answers_of, find_flaws, lint_questions
from quizlib.study.questions import generate_questions, question_lines
from quizlib.wording import plural

DESCRIPTION = """\
Validate decks. Every problem is printed on stderr as FILE:LINE:COL: message.
Exit status: 0 all valid, 1 some invalid, 2 usage error.

--strict also lints the valid decks and prints each warning as
FILE:LINE:COL: warning: message, exiting 1 when there is any:
  deck lint: names in a fact's skip list that no question type has (warned without
    --strict too), unrecorded conflicts, near-duplicate facts, unused actors, facts without a
    source, quotes without a known speaker, drafts marked review: true;
  question lint (message "QUESTION-ID: KIND: detail"), for the questions every installed
    question type generates:
    answer in hint          a hint's example is, or scores as, the answer
    answer in question      the question text holds the answer (a name, its adjective, a date);
                            timeline items carry the dates that order them
    answer shown elsewhere  another question's text, a sibling or a timeline item shows the
                            answer
    more than one right answer
                            a distractor also said the quoted words, or is part of, the
                            institution of or another name for a right answer
    unanswerable            a quote too short to place without context; timeline items
                            whose dates do not order at their precision
    implausible distractor  a choice of another kind than the answer, someone never quoted
                            offered as a speaker, a right choice much longer than the rest
    duplicate               another question asks the same thing with the same answer

--questions prints every question (id, prompt, choices or items, hint), its answer and
its flaws on stdout, for reviewing a deck; deck-lint warnings go to stderr and the exit
status is that of --strict.
"""


def add_parser(sub: SubParsers) -> None:
    """Register ``check``."""
    parser = sub.add_parser(
        "check",
        parents=[plugin_options()],
        help="validate deck files (exit 0 valid, 1 invalid); --strict lints decks and questions",
        description=DESCRIPTION,
        epilog="examples: quizlib check decks/*.yaml\n"
        "          quizlib check --strict mydeck.yaml\n"
        "          quizlib check --questions mydeck.yaml | less",
    )
    attach(
        parser.add_argument("decks", nargs="+", metavar="DECK", help="deck file or bundled deck name"),
        deck_names,
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also fail on deck-lint and question-lint warnings (see above)",
    )
    parser.add_argument(
        "--questions",
        action="store_true",
        help="list every question with its answer and flaws (implies the --strict exit status)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for distractors and item order (default 0)")
    parser.set_defaults(func=run)


def _warn(problem: Problem) -> None:
    print(f"{problem.path}:{problem.line}:{problem.column}: warning: {problem.message}", file=sys.stderr)


def _review(deck: Deck, questions: list[Question], host: PluginHost) -> list[Flaw]:
    """Print every question with its answer and flaws; return the flaws."""
    answers = answers_of(questions, host)
    flaws = find_flaws(deck, questions, host, answers)
    by_question: dict[str, list[Flaw]] = {}
    for flaw in flaws:
        by_question.setdefault(flaw.question.id, []).append(flaw)
    for q in questions:
        print("\n".join(question_lines(q, answers.get(q.id), answers=True)))
        for flaw in by_question.get(q.id, []):
            print(f"  FLAW {flaw.kind}: {flaw.detail}")
        print()
    kinds = Counter(flaw.kind for flaw in flaws)
    summary = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
    details = f": {summary}" if summary else ""
    print(f"{plural(len(questions), 'question')}, {len(by_question)} with flaws{details}")
    return flaws


def run(args: argparse.Namespace) -> int:
    """Check each deck and report all problems."""
    host = load_host(args)
    failed = False
    for name in args.decks:
        try:
            deck = load_deck(resolve_deck(name), sections=host.sections)
        except DeckError as exc:
            failed = True
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        faults = len(host.errors)
        crossed = deck_problems(deck, host)
        for fault in host.errors[faults:]:  # a plugin whose deck check failed: that check is skipped
            print(f"quizlib: warning: {fault} (skipped)", file=sys.stderr)
        for problem in crossed:
            print(problem, file=sys.stderr)
        if crossed:
            failed = True
            continue
        generated = generate_questions(deck, host, random.Random(args.seed))  # the host warns
        # A misspelt name in a fact's skip list would silently skip nothing: say so always.
        skips = list(unknown_skips(deck, host.question_types))
        for problem in skips if not (args.strict or args.questions) else ():
            _warn(problem)  # --strict prints them among its warnings
        if args.strict or args.questions:
            warnings = [*lint_deck(deck, host.sections), *skips]
            if args.questions:
                count = len(warnings) + len(_review(deck, generated.questions, host))
            else:
                warnings = sorted(
                    [*warnings, *lint_questions(deck, generated.questions, host)],
                    key=lambda p: (p.line, p.column, p.message),
                )
                count = len(warnings)
            for problem in warnings:
                _warn(problem)
            if count or generated.errors:
                failed = True
                print(f"{name}: {plural(count, 'warning')} (--strict)")
                continue
        facts = sum(len(f) for f in deck.sections.values())
        print(f"{name}: ok ({plural(facts, 'fact')}, {plural(len(generated.questions), 'question')})")
    return 1 if failed else 0
