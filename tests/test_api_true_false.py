"""The TRUE_FALSE prompt kind: model, parsing, plain mode, the interactive screen, export."""

from __future__ import annotations

import io
import random

import pytest
from fake_session import NOW, FakeSession, question, session
from test_ui_app import drive

from quizlib import Answer, AnswerError, Grade, Prompt, PromptKind, Rating
from quizlib.commands.new_plugin import scaffold_files
from quizlib.exchange.anki import html_to_text, to_card
from quizlib.grading.answers import parse_answer
from quizlib.study.questions import answer_of
from quizlib.testing import check_question_type, deck_from_yaml, plugin_host
from quizlib.ui import render
from quizlib.ui.plain import run_plain
from quizlib.ui.state import StudyState

TF_Q = question("sky", PromptKind.TRUE_FALSE, "The sky is green.", False)


def test_a_true_false_prompt_offers_true_and_false() -> None:
    prompt = Prompt(PromptKind.TRUE_FALSE, "The sky is green.")
    assert prompt.choices == ("true", "false")


@pytest.mark.parametrize(
    ("typed", "verdict"),
    [
        ("t", True),
        ("True", True),
        ("yes", True),
        ("1", True),
        ("a", True),
        ("f", False),
        ("FALSE", False),
        ("no", False),
        ("2", False),
        ("b", False),
    ],
)
def test_typed_verdicts_parse_to_a_bool(typed: str, verdict: bool) -> None:
    assert parse_answer(Prompt(PromptKind.TRUE_FALSE, "S."), typed) is verdict


@pytest.mark.parametrize("typed", ["", "maybe", "3", "c", "t f"])
def test_anything_else_is_an_answer_error(typed: str) -> None:
    with pytest.raises(AnswerError, match="true or false"):
        parse_answer(Prompt(PromptKind.TRUE_FALSE, "S."), typed)


def test_plain_mode_lists_the_options_and_takes_t_or_f() -> None:
    fake = session(TF_Q)
    out = io.StringIO()
    assert run_plain(fake, io.StringIO("maybe\nf\n\n"), out, clock=lambda: NOW) == 0
    text = out.getvalue()
    assert "  a) true\n  b) false" in text and "true or false" in text
    assert [(s.response, s.score) for s in fake.saved] == [(False, 1.0)]


def test_the_interactive_screen_picks_an_option_with_the_arrow_keys() -> None:
    fake, _ = drive(TF_Q, keys="\x1b[B\r\r")  # Down to "false", Enter answers, Enter saves
    assert [(s.response, s.rating) for s in fake.saved] == [(False, Rating.GOOD)]


def test_the_screen_marks_the_chosen_option_and_names_the_answer() -> None:
    state = StudyState(FakeSession([TF_Q]))
    state.pick(1)
    rows = "".join(text for _, text in render.question_fragments(state, width=60))
    assert "( ) a) true" in rows and "(*) b) false" in rows
    assert state.validate(state.list_answer()) is False
    assert render.describe_response(TF_Q.prompt, True) == "true"


def test_a_true_false_type_exports_and_keeps_the_contract() -> None:
    namespace: dict[str, object] = {}
    exec(scaffold_files("claims")["src/quizlib_claims/__init__.py"], namespace)
    plugin = type("Claims", (), {k: v for k, v in namespace.items() if k.startswith("register_")})
    host = plugin_host(plugin)
    deck = deck_from_yaml(
        'quizlib: 1\ndeck: {id: d, title: D}\nclaims:\n  - {id: sky, statement: Sky is green., "true": no}\n',
        host,
    )
    qt = host.question_types["claims_tf"]
    (q,) = check_question_type(qt, deck)
    card = to_card(q, deck, host)
    assert "a) true" in html_to_text(card.front) and html_to_text(card.back) == "false"
    assert answer_of(qt, q) is not None and qt.generate(deck.facts("claims")[0], deck, random.Random(0))


def test_the_answer_of_a_type_without_answer_is_found_by_grading_both_verdicts() -> None:
    class NoAnswer:
        name, section, description = "tf", "cards", "true or false"

        def grade(self, question: object, response: object) -> Grade:
            return Grade(1.0 if response is False else 0.0, "")

    assert answer_of(NoAnswer(), TF_Q) == Answer("false")  # type: ignore[arg-type]


def test_t_and_f_pick_a_verdict_on_the_interactive_screen() -> None:
    fake, _ = drive(TF_Q, TF_Q, keys="f\r\rt\r\r")
    assert [(s.response, s.score) for s in fake.saved] == [(False, 1.0), (True, 0.0)]
