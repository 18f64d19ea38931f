"""``quizlib new-plugin NAME``: scaffold an installable plugin package that passes its own tests.

The package declares a section and a true/false question type reading it, with an entry
point in the ``quizlib`` group, and tests that use :mod:`quizlib.testing` (its fixtures reach
pytest through quizlib's ``pytest11`` entry point).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from quizlib.commands.common import SubParsers
from quizlib.errors import UsageError
from quizlib.fileio import write_text_atomic

#: A plugin name: starts with a letter, then letters, digits, ``-`` or ``_``.
NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")

PYPROJECT = """\
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "quizlib-{name}"
version = "0.1.0"
description = "A quizlib plugin: true/false questions from a '{section}' deck section"
requires-python = ">=3.11"
dependencies = ["quizlib"]

[project.optional-dependencies]
test = ["pytest>=8"]

# quizlib finds the plugin through this entry point once the package is installed.
[project.entry-points.quizlib]
{name} = "{module}"

[tool.setuptools.package-dir]
"" = "src"

[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["src"]
filterwarnings = ["error"]
"""

MODULE = '''\
"""A quizlib plugin: the '{section}' deck section and a true/false question type reading it."""

from __future__ import annotations

import random
from collections.abc import Sequence

from quizlib import (
    Answer,
    AnswerError,
    Deck,
    Fact,
    Field,
    FieldKind,
    Grade,
    Prompt,
    PromptKind,
    Question,
    RegisterQuestionType,
    RegisterSection,
    Response,
    Section,
    hookimpl,
    question_id,
)

SECTION = Section(
    "{section}",
    {{
        "statement": Field(FieldKind.STR, True, "a statement, true or false"),
        "true": Field(FieldKind.BOOL, True, "whether the statement is true"),
    }},
    description="statements to judge true or false",
    example="""\\
  - id: example-statement
    statement: The Seine flows through Paris.
    "true": true
    sources: [example-article:p1]
""",
    identity="statement",
)


class TrueOrFalse:
    """Is the statement true?"""

    name = "{type_name}"
    section = "{section}"
    description = "is the statement true or false?"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per statement."""
        prompt = Prompt(PromptKind.TRUE_FALSE, str(fact.get("statement")))
        key = {{"true": bool(fact.get("true"))}}
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Full marks for the right verdict."""
        if not isinstance(response, bool):
            raise AnswerError("answer true or false")
        right = response == question.key["true"]
        return Grade(1.0 if right else 0.0, self.answer(question).text)

    def answer(self, question: Question) -> Answer:
        """The verdict, as the options show it."""
        return Answer("true" if question.key["true"] else "false")


@hookimpl
def register_sections(register: RegisterSection) -> None:
    """Declare the section."""
    register(SECTION)


@hookimpl
def register_question_types(register: RegisterQuestionType) -> None:
    """Add the question type."""
    register(TrueOrFalse())
'''

TESTS = '''\
"""The plugin keeps quizlib's question-type contract (quizlib.testing runs it)."""

from __future__ import annotations

import random

import {module}
from quizlib.testing import check_question_type

DECK = """\\
quizlib: 1
deck: {{id: test, title: Test}}
{section}:
  - {{id: seine, statement: The Seine flows through Paris., "true": true}}
  - {{id: sky, statement: The sky is green., "true": false}}
"""


def test_the_question_type_keeps_the_contract(quizlib_host, quizlib_deck):
    host = quizlib_host({module})
    deck = quizlib_deck(DECK, host)
    questions = check_question_type(host.question_types["{type_name}"], deck)
    assert [q.id for q in questions] == ["{section}/seine/{type_name}", "{section}/sky/{type_name}"]


def test_a_wrong_verdict_scores_nothing(quizlib_host, quizlib_deck):
    host = quizlib_host({module})
    qt = host.question_types["{type_name}"]
    deck = quizlib_deck(DECK, host)
    (question,) = qt.generate(deck.facts("{section}")[1], deck, random.Random(0))
    assert qt.grade(question, True).score == 0.0 and qt.grade(question, False).score == 1.0
'''

README = """\
# quizlib-{name}

A [quizlib](https://example.org/quizlib) plugin: the `{section}` deck section and the
`{type_name}` true/false question type.

    pip install -e '.[test]'    # quizlib finds it through its entry point
    pytest                      # runs the question-type contract (quizlib.testing)
    quizlib new deck.yaml       # the scaffold now has a '{section}' block
"""


def add_parser(sub: SubParsers) -> None:
    """Register ``new-plugin``."""
    parser = sub.add_parser(
        "new-plugin",
        help="write an installable plugin package scaffold, with tests",
        description="Write NAME/ (in --dir): an installable plugin package with a deck section, a "
        "true/false question type, an entry point in the quizlib group, and tests that run the "
        "question-type contract (quizlib.testing). Its tests pass as written.",
        epilog="example: quizlib new-plugin places && cd places && pytest",
    )
    parser.add_argument("name", metavar="NAME", help="plugin name: a-z first, then a-z, 0-9, - or _")
    parser.add_argument("--dir", default=".", help="where to create NAME/ (default: here)")
    parser.set_defaults(func=run)


def scaffold_files(name: str) -> dict[str, str]:
    """The files of a plugin package named ``name``, by path relative to its folder.

    Raises:
        UsageError: When ``name`` is not a plugin name.
    """
    if not NAME_RE.match(name):
        raise UsageError(
            f"{name!r} is not a plugin name: start with a-z, then a-z, 0-9, - or _ (at most 40 characters)"
        )
    ident = name.replace("-", "_")
    values = {"name": name, "module": f"quizlib_{ident}", "section": ident, "type_name": f"{ident}_tf"}
    module = values["module"]
    return {
        "pyproject.toml": PYPROJECT.format(**values),
        "README.md": README.format(**values),
        f"src/{module}/__init__.py": MODULE.format(**values),
        f"src/{module}/py.typed": "",
        f"tests/test_{ident}.py": TESTS.format(**values),
    }


def run(args: argparse.Namespace) -> int:
    """Write the package; never over an existing folder."""
    files = scaffold_files(args.name)
    root = Path(args.dir) / args.name
    if root.exists():
        raise UsageError(f"{root} exists; choose another name or --dir (new-plugin never overwrites)")
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, text)
    print(f"wrote {root}; next: cd {root} && pip install -e '.[test]' && pytest")
    return 0
