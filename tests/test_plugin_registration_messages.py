"""A plugin that registers wrongly is told what to fix, in one line naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizlib.plugins import load_plugins

TYPE = """
from quizlib import Grade, Prompt, PromptKind, Question, hookimpl, question_id

class Card:
    name, section, description = "mine", "cards", "a card"

    def generate(self, fact, deck, rng):
        return [Question(question_id(fact, self.name), self.name, fact, Prompt(PromptKind.TEXT, "Q"))]

    def grade(self, question, response):
        return Grade(1.0, "A")
"""


REGISTER_CARD = "@hookimpl\ndef register_question_types(register):\n    register(Card())\n"


def _load(tmp_path: Path, source: str) -> list[str]:
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / "mine.py").write_text(source)
    host = load_plugins(entry_points=False, plugins_dirs=[folder])
    return [str(e) for e in host.errors]


def test_a_hook_asking_for_an_argument_the_hook_does_not_pass_is_told_the_signature(tmp_path: Path) -> None:
    (error,) = _load(tmp_path, TYPE + "@hookimpl\ndef register_question_types(register, extra):\n    pass\n")
    assert error.startswith("plugin 'mine' (plugins dir: ")
    assert "'extra'" in error and "its signature is register_question_types(register)" in error
    assert "\n" not in error


def test_a_type_registered_twice_by_one_plugin_is_not_told_to_rename_itself(tmp_path: Path) -> None:
    twice = "@hookimpl\ndef register_question_types(register):\n    register(Card())\n    register(Card())\n"
    (error,) = _load(tmp_path, TYPE + twice)
    assert "registers question type 'mine' twice (the first is kept)" in error
    assert "another name" not in error


SECTION = """
from quizlib import Field, FieldKind, Section, hookimpl

@hookimpl
def register_sections(register):
    register(Section("glossary", {FIELDS}, identity=IDENTITY))
"""


@pytest.mark.parametrize(
    ("fields", "identity", "says"),
    [
        ('"term": "str"', '""', "declares the field 'term' as 'str', not a Field"),
        ('"term": Field("str")', '""', "not a Field with a FieldKind"),
        ('"term": Field(FieldKind.ENUM, values="ab")', '""', "values or refers that are not text"),
        ('"rows": Field(FieldKind.RECORDS, fields=(("a", "str"),))', '""', "record field 'a'"),
        ('"term": Field(FieldKind.STR)', '"word"', "'word' as its identity"),
    ],
)
def test_a_section_declared_with_the_wrong_shapes_is_refused_saying_which_field(
    tmp_path: Path, fields: str, identity: str, says: str
) -> None:
    (error,) = _load(tmp_path, SECTION.replace("FIELDS", fields).replace("IDENTITY", identity))
    assert "plugin 'mine'" in error and says in error


@pytest.mark.parametrize("name", ["Figure TF", "a/b", ""])
def test_a_question_type_name_that_cannot_be_part_of_an_id_is_refused(tmp_path: Path, name: str) -> None:
    source = TYPE.replace('"mine", "cards"', f"{name!r}, 'cards'") + REGISTER_CARD
    (error,) = _load(tmp_path, source)
    assert f"named {name!r}" in error
