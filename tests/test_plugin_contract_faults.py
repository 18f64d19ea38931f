"""What a question type returns is checked where it is made: a grade or a prompt of the wrong
shape is the plugin's fault, reported and contained, never an internal error later on."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pytest
from plugin_fault_helpers import PLUGIN, deck_file, run

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
    Section,
    hookimpl,
    question_id,
)
from quizlib.errors import GradingError
from quizlib.plugins import load_plugins
from quizlib.store.store import Store
from quizlib.study.questions import answer_of, generate_questions
from quizlib.testing import ContractError, check_question_type, deck_from_dict

#: Grades of the wrong shape, each with what the report says is wrong.
JUNK_GRADES = [
    ("Grade('1.0', 'x')", "score is str"),
    ("Grade(True, 'x')", "score is bool"),
    ("Grade(float('nan'), 'x')", "outside [0, 1]"),
    ("Grade(1.0, None)", "correct_answer is NoneType"),
    ("Grade(1.0, 'x', 5)", "feedback is int"),
    ("Grade(1.0, 'x', self_rated='yes')", "self_rated is str"),
    ("Grade(0.5, 'x', misplaced=('a',))", "misplaced"),
    ("1.0", "not a Grade"),
]


class Typed:
    """A question type over ``echoes`` whose grade() returns ``GRADE`` (evaluated)."""

    name, section, description = "typed", "echoes", "type the word"

    def __init__(self, grade: str = "", prompt: str = "Prompt(PromptKind.TEXT, 'Type it')") -> None:
        self.grade_code, self.prompt_code = grade, prompt

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> list[Question]:
        prompt = eval(self.prompt_code, {"Prompt": Prompt, "PromptKind": PromptKind})
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key={"word": "w"})]

    def grade(self, question: Question, response: Any) -> Any:
        if self.grade_code:
            return eval(self.grade_code, {"Grade": Grade})
        return Grade(1.0 if response == "w" else 0.0, "w")


def _host(qt: Typed) -> Any:
    class P:
        @hookimpl
        def register_sections(self, register: Any) -> None:
            register(Section("echoes", {"word": Field(FieldKind.STR)}))

        @hookimpl
        def register_question_types(self, register: Any) -> None:
            register(qt)

    return load_plugins(builtins=False, entry_points=False, extra={"p": P()})


DECK = Deck("d", "D", sections={"echoes": (Fact("echoes", "one", {"word": "w"}),)})


@pytest.mark.parametrize(("grade", "says"), JUNK_GRADES)
def test_a_grade_of_the_wrong_shape_is_a_grading_error_saying_what_is_wrong(grade: str, says: str) -> None:
    host = _host(Typed(grade))
    (question,) = generate_questions(DECK, host, random.Random(0)).questions
    with pytest.raises(GradingError, match="question type 'typed' returned an invalid grade") as caught:
        host.grade(question, "w")
    assert says in str(caught.value)


@pytest.mark.parametrize(("grade", "says"), JUNK_GRADES)
def test_the_contract_check_reports_a_grade_of_the_wrong_shape(grade: str, says: str) -> None:
    deck = deck_from_dict({"echoes": [{"id": "one", "word": "w"}]}, _host(Typed()))
    with pytest.raises(ContractError) as caught:
        check_question_type(Typed(grade), deck)
    assert says in str(caught.value)


@pytest.mark.parametrize(
    ("prompt", "says"),
    [
        ("Prompt(PromptKind.TEXT, 'Type it', hint=5)", "hint is int"),
        ("Prompt(PromptKind.NAME, 'Who?', completions=('a', None))", "completions"),
        ("Prompt(PromptKind.CHOICE, 'Pick', choices='ab')", "choices are str"),
    ],
)
def test_a_prompt_of_the_wrong_shape_is_dropped_with_the_generation_warning(prompt: str, says: str) -> None:
    host = _host(Typed(prompt=prompt))
    assert generate_questions(DECK, host, random.Random(0)).questions == []
    (warning,) = host.warnings
    assert says in warning and "echoes/one" in warning


# The echo plugin of plugin_fault_helpers, its grade replaced: "bad" gets a grade whose
# feedback is a number (it failed while being shown, after the session had begun).
JUNK_FEEDBACK = PLUGIN.replace(
    '        return Grade(1.0 if response == question.key["word"] else 0.0, question.key["word"])',
    '        if question.fact.id == "bad":\n'
    "            return Grade(1.0, None, 5)\n"
    '        return Grade(1.0 if response == question.key["word"] else 0.0, question.key["word"])',
).replace("FAULT", "pass")


def test_a_junk_grade_skips_the_question_and_the_session_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "Grade(1.0, None, 5)" in JUNK_FEEDBACK
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "echo.py").write_text(JUNK_FEEDBACK)
    db = tmp_path / "q.db"
    monkeypatch.setattr("sys.stdin", io.StringIO("war\npeace\n\npeace\n\n"))
    code, out, err = run(
        capsys, "study", str(deck_file(tmp_path)), "--plain", "--db", str(db), "--plugins-dir", str(plugins)
    )
    assert code == 0, err
    assert "Skipped: question type 'echo' returned an invalid grade" in out
    store = Store.open(db)
    try:
        assert store.reviewed_ids("echoes") == {"echoes/one/echo"}
    finally:
        store.close()


class RoleMatch:
    """A multi-part typed answer: the names of two roles, typed as its text ("A; B")."""

    name, section, description = "roles", "echoes", "name both"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> list[Question]:
        prompt = Prompt(PromptKind.NAME, "Name the president and the prime minister.", hint="two names, ';'")
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key={"names": ["Ann", "Bo"]})]

    def grade(self, question: Question, response: Any) -> Grade:
        parts = [p.strip() for p in str(response).split(";")]
        if len(parts) != 2:
            raise AnswerError("type two names separated by ';'")
        right = sum(a == b for a, b in zip(parts, question.key["names"], strict=True))
        return Grade(right / 2, "Ann; Bo")

    def answer(self, question: Question) -> Answer:
        return Answer("Ann; Bo", values=("Ann", "Bo"))


def test_a_multi_part_typed_answer_is_checked_as_its_text() -> None:
    deck = deck_from_dict({"echoes": [{"id": "one", "word": "w"}]}, _host(Typed()))
    assert [q.id for q in check_question_type(RoleMatch(), deck)] == ["echoes/one/roles"]


class Shaped(Typed):
    """Typed, its question built with ``fields`` (evaluated: key, tags, fact)."""

    def __init__(self, fields: str) -> None:
        super().__init__()
        self.fields = fields

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> list[Question]:
        values = {"key": {}, "tags": (), "fact": fact}
        values.update(eval(f"dict({self.fields})", {"Fact": Fact}))
        prompt = Prompt(PromptKind.TEXT, "Type it")
        return [
            Question(
                question_id(fact, self.name), self.name, values["fact"], prompt, values["key"], values["tags"]
            )
        ]


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ("key=['w']", "key of type list, not a mapping"),
        ("key={'former_ids': 5}", "former_ids that are not a list of strings"),
        ("tags=None", "tags that are not a tuple of strings"),
        ("fact=Fact('echoes', 'other', {})", "names another fact"),
        ("fact='echoes/one'", "names another fact"),
    ],
)
def test_a_question_of_the_wrong_shape_is_dropped_with_the_generation_warning(fields: str, says: str) -> None:
    host = _host(Shaped(fields))
    generated = generate_questions(DECK, host, random.Random(0))
    assert generated.questions == [] and generated.failed_types == {"typed"}
    (warning,) = host.warnings
    assert says in warning and "echoes/one" in warning


class Answering(Typed):
    """Typed, with an answer() that returns ``ANSWER`` (evaluated)."""

    def __init__(self, answer: str) -> None:
        super().__init__()
        self.answer_code = answer

    def answer(self, question: Question) -> Any:
        return eval(self.answer_code, {"Answer": Answer})


JUNK_ANSWERS = [
    ("Answer(5)", "text is int"),
    ("Answer('w', detail=3)", "detail is int"),
    ("Answer('w', accepted=None)", "accepted are not"),
    ("Answer('w', choices='ab')", "choices are not"),
    ("Answer('w', values=[1])", "values are not"),
    ("['w']", "returned list"),
]


@pytest.mark.parametrize(("answer", "says"), JUNK_ANSWERS)
def test_an_answer_of_the_wrong_shape_stays_unknown_and_the_kit_names_it(answer: str, says: str) -> None:
    host = _host(Answering(answer))
    (question,) = generate_questions(DECK, host, random.Random(0)).questions
    assert answer_of(host.question_types["typed"], question) is None
    deck = deck_from_dict({"echoes": [{"id": "one", "word": "w"}]}, _host(Typed()))
    with pytest.raises(ContractError) as caught:
        check_question_type(Answering(answer), deck)
    assert says in str(caught.value)


def test_an_answer_of_the_wrong_shape_does_not_end_show_or_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    junk = "\nEcho.answer = lambda self, question: Answer(5, accepted=None)\n"
    source = PLUGIN.replace("FAULT", "pass") + junk
    (plugins / "echo.py").write_text(source.replace("from quizlib import ", "from quizlib import Answer, "))
    deck = str(deck_file(tmp_path))
    for argv in (["show", deck, "--answers", "--json"], ["export", deck, "--format", "tsv"]):
        code, out, err = run(capsys, *argv, "--plugins-dir", str(plugins))
        assert code == 0, err
        assert "Type peace" in out
