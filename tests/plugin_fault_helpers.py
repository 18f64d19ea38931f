"""A plugins-dir plugin whose faults the plugin-fault tests choose, and its deck."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizlib.cli import main

#: A plugins-dir plugin: section ``echoes``, question type ``echo``; FAULT is replaced by
#: the code of the fault under test (it sees ``fact``, ``question``, ``response``, ``entry``).
PLUGIN = """
from quizlib import Field, FieldKind, Grade, Prompt, PromptKind, Question, Section, hookimpl, question_id

def fault(where, **names):
    FAULT

def check(entry):
    fault("check", entry=entry)
    return []

class Echo:
    name = "echo"
    section = "echoes"
    description = "type the word back"

    def generate(self, fact, deck, rng):
        fault("generate", fact=fact)
        word = fact.get("word")
        return [Question(question_id(fact, self.name), self.name, fact,
                         Prompt(PromptKind.TEXT, "Type " + word), key={"word": word})]

    def grade(self, question, response):
        fault("grade", question=question, response=response)
        return Grade(1.0 if response == question.key["word"] else 0.0, question.key["word"])

@hookimpl
def register_sections(register):
    register(Section("echoes", {"word": Field(FieldKind.STR, required=True)}, check=check))

@hookimpl
def register_question_types(register):
    register(Echo())
"""

DECK = """\
quizlib: 1
deck: {id: echoes, title: Echoes}
echoes:
  - id: one
    word: peace
  - id: bad
    word: war
"""


def plugin_dir(tmp_path: Path, fault: str = "pass", name: str = "echo") -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(PLUGIN.replace("FAULT", fault))
    return folder


def deck_file(tmp_path: Path, text: str = DECK, name: str = "echoes.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err
