"""The plugin manager: loading, isolation, merging, entry points, the rating hook."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from quizlib import (
    Deck,
    Fact,
    Field,
    FieldKind,
    Grade,
    Prompt,
    PromptKind,
    Question,
    Rating,
    Section,
    get_plugin_manager,
    hookimpl,
    question_id,
)
from quizlib.study.questions import generate_questions

PLUGIN_SOURCE = """
from quizlib import Field, FieldKind, Grade, Prompt, PromptKind, Question, Section, hookimpl, question_id

class Echo:
    name = "echo"
    section = "echoes"
    description = "type the word back"

    def generate(self, fact, deck, rng):
        return [Question(question_id(fact, self.name), self.name, fact,
                         Prompt(PromptKind.TEXT, "Type " + fact.get("word")), key={"word": fact.get("word")})]

    def grade(self, question, response):
        return Grade(1.0 if response == question.key["word"] else 0.0, question.key["word"])

@hookimpl
def register_sections(register):
    register(Section("echoes", {"word": Field(FieldKind.STR, required=True)}))

@hookimpl
def register_question_types(register):
    register(Echo())
"""


class Echo:
    name = "echo"
    section = "echoes"
    description = "type the word back"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> list[Question]:
        prompt = Prompt(PromptKind.TEXT, f"Type {fact.get('word')}")
        return [
            Question(question_id(fact, self.name), self.name, fact, prompt, key={"word": fact.get("word")})
        ]

    def grade(self, question: Question, response: Any) -> Grade:
        return Grade(1.0 if response == question.key["word"] else 0.0, question.key["word"])


class EchoPlugin:
    @hookimpl
    def register_sections(self, register: Any) -> None:
        register(Section("echoes", {"word": Field(FieldKind.STR, required=True)}))

    @hookimpl
    def register_question_types(self, register: Any) -> None:
        register(Echo())


def bare(**kwargs: Any) -> Any:
    return get_plugin_manager(builtins=False, entry_points=False, **kwargs)


def test_throwaway_plugin_registered_and_removed() -> None:
    host = bare(extra={"echo": EchoPlugin()})
    assert "echo" in host.question_types and "echoes" in host.sections
    host.pm.unregister(name="echo")
    assert bare().question_types == {}
    assert host.pm.get_plugin("echo") is None


def test_generated_questions_and_grading() -> None:
    host = bare(extra={"echo": EchoPlugin()})
    fact = Fact("echoes", "one", {"word": "peace"})
    deck = Deck("d", "D", sections={"echoes": (fact,)})
    (q,) = generate_questions(deck, host, random.Random(0)).questions
    assert q.id == "echoes/one/echo"
    assert host.question_types["echo"].grade(q, "peace").score == 1.0


def test_plugins_dir_loads_files_and_skips_broken_ones(tmp_path: Path) -> None:
    (tmp_path / "echo.py").write_text(PLUGIN_SOURCE)
    (tmp_path / "broken.py").write_text("import no_such_module_anywhere\n")
    (tmp_path / "_private.py").write_text("raise SystemExit('must not run')\n")
    host = bare(plugins_dirs=[tmp_path])
    assert "echo" in host.question_types
    (error,) = host.errors
    assert error.plugin == "broken" and "no_such_module_anywhere" in error.reason
    assert host.infos["echo"].origin == "plugins dir"


def test_env_plugins_dir_and_disable(tmp_path: Path) -> None:
    (tmp_path / "echo.py").write_text(PLUGIN_SOURCE)
    env = {"QUIZLIB_PLUGINS_DIR": str(tmp_path)}
    assert "echo" in bare(environ=env).question_types
    assert "echo" not in bare(environ={**env, "QUIZLIB_DISABLE_PLUGINS": "other, echo"}).question_types


def test_raise_plugin_errors(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("raise RuntimeError('boom')\n")
    with pytest.raises(RuntimeError, match="boom"):
        bare(plugins_dirs=[tmp_path], environ={"QUIZLIB_RAISE_PLUGIN_ERRORS": "1"})


def test_hook_that_raises_is_skipped_others_work() -> None:
    class Raises:
        @hookimpl
        def register_question_types(self, register: Any) -> None:
            raise ValueError("bad plugin")

    host = bare(extra={"echo": EchoPlugin(), "raises": Raises()})
    assert "echo" in host.question_types
    assert any(e.plugin == "raises" and "bad plugin" in e.reason for e in host.errors)


def test_same_question_type_name_is_an_error_naming_both() -> None:
    host = bare(extra={"first": EchoPlugin(), "second": EchoPlugin()})
    assert host.type_owners["echo"] == "first"  # the plugin loaded first keeps its name
    assert any(e.plugin == "second" and "'first'" in e.reason and "'second'" in e.reason for e in host.errors)


def test_conflicting_field_declarations_name_both() -> None:
    class Other:
        @hookimpl
        def register_sections(self, register: Any) -> None:
            register(Section("echoes", {"word": Field(FieldKind.INT)}))

    host = bare(extra={"echo": EchoPlugin(), "other": Other()})
    assert any("echoes.word" in e.reason and "'echo'" in e.reason for e in host.errors)


def test_enum_values_merge_and_order_does_not_matter() -> None:
    def plugin(value: str) -> Any:
        class P:
            @hookimpl
            def register_sections(self, register: Any) -> None:
                register(Section("cards", {"type": Field(FieldKind.ENUM, True, values=(value,))}))

        return P()

    a = bare(extra={"a": plugin("basic"), "b": plugin("choice")})
    b = bare(extra={"b": plugin("choice"), "a": plugin("basic")})
    assert (
        a.sections["cards"].fields["type"].values
        == b.sections["cards"].fields["type"].values
        == ("basic", "choice")
    )


def test_question_type_for_undeclared_section_is_reported() -> None:
    class Orphan:
        @hookimpl
        def register_question_types(self, register: Any) -> None:
            register(Echo())

    host = bare(extra={"orphan": Orphan()})
    assert not host.question_types and "no plugin declares" in host.errors[0].reason


def test_invalid_registration_is_reported() -> None:
    class Junk:
        @hookimpl
        def register_question_types(self, register: Any) -> None:
            register(object())

    host = bare(extra={"junk": Junk()})
    assert "no string attribute" in host.errors[0].reason


def test_suggest_rating_hook_overrides_default() -> None:
    fact = Fact("echoes", "one", {"word": "x"})
    q = Question("echoes/one/echo", "echo", fact, Prompt(PromptKind.TEXT, "?"))
    grade = Grade(0.6, "x")
    assert bare().suggest_rating(q, grade) is Rating.HARD

    class Strict:
        @hookimpl
        def suggest_rating(self, question: Question, grade: Grade) -> Rating | None:
            return Rating.AGAIN if grade.score < 1 else None

    assert bare(extra={"strict": Strict()}).suggest_rating(q, grade) is Rating.AGAIN


def test_broken_generate_is_isolated() -> None:
    class Boom(Echo):
        name = "boom"

        def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> list[Question]:
            raise KeyError("nope")

    class P(EchoPlugin):
        @hookimpl
        def register_question_types(self, register: Any) -> None:
            register(Echo())
            register(Boom())

    host = bare(extra={"p": P()})
    deck = Deck("d", "D", sections={"echoes": (Fact("echoes", "one", {"word": "w"}),)})
    generated = generate_questions(deck, host, random.Random(0))
    assert [q.type for q in generated.questions] == ["echo"]
    assert "boom" in generated.errors[0]


def test_entry_point_plugin_from_installed_distribution(tmp_path: Path) -> None:
    """A tiny installed distribution (a dist-info on sys.path) is found through its entry point."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "echo_plugin.py").write_text(PLUGIN_SOURCE)
    info = site / "quizlib_echo-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: quizlib-echo\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text("[quizlib]\necho = echo_plugin\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-m", "quizlib", "plugins", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    plugins = {p["name"]: p for p in json.loads(out.stdout)["plugins"]}
    assert plugins["echo"]["origin"] == "entry point"
    assert plugins["echo"]["version"] == "1.2.3" and "quizlib-echo" in plugins["echo"]["location"]
    assert plugins["echo"]["question_types"] == ["echo"]
    blocked = subprocess.run(
        [sys.executable, "-m", "quizlib", "plugins", "--json"],
        env={**env, "QUIZLIB_DISABLE_PLUGINS": "echo"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "echo" not in {p["name"] for p in json.loads(blocked.stdout)["plugins"]}


def test_hooks_are_documented() -> None:
    """Every hook and argument appears as a heading in docs/plugins.md (datasette's rule)."""
    from quizlib import hookspecs

    # The tests run from a checkout (they are not installed with the wheel), which has docs/.
    text = (Path(__file__).parent.parent / "docs" / "plugins.md").read_text(encoding="utf-8")
    import inspect

    members = inspect.getmembers(hookspecs, inspect.isfunction)
    hooks = [(name, fn) for name, fn in members if hasattr(fn, "quizlib_spec")]
    assert len(hooks) >= 3  # register_sections, register_question_types, suggest_rating at least
    for name, fn in hooks:
        args = ", ".join(inspect.signature(fn).parameters)
        assert f"## {name}({args})" in textwrap.dedent(text), name


README_EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "truefalse.py"
CLAIMS_DECK = """\
quizlib: 1
deck: {id: claims, title: Claims}
claims:
  - {id: sky, text: The sky is green., "true": false}
"""


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "quizlib", *args], env=env, capture_output=True, text=True)


def test_readme_plugin_example_from_a_plugins_dir_and_an_entry_point(tmp_path: Path) -> None:
    """The README's true/false plugin works loaded both ways, as documented."""
    assert README_EXAMPLE.read_text() in (Path(__file__).parent.parent / "README.md").read_text()
    deck = tmp_path / "claims.yaml"
    deck.write_text(CLAIMS_DECK)
    plugdir = tmp_path / "plugins"
    plugdir.mkdir()
    (plugdir / "truefalse.py").write_text(README_EXAMPLE.read_text())
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZLIB_PLUGINS")}
    shown = _run(["show", str(deck), "--json", "--plugins-dir", str(plugdir)], env)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["questions"][0]["id"] == "claims/sky/truefalse"
    site = tmp_path / "site"
    site.mkdir()
    (site / "truefalse.py").write_text(README_EXAMPLE.read_text())
    info = site / "truefalse-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: truefalse\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[quizlib]\ntruefalse = truefalse\n")
    checked = _run(["check", str(deck)], {**env, "PYTHONPATH": str(site)})
    assert checked.returncode == 0 and "(1 fact, 1 question)" in checked.stdout, checked.stderr
    answered = subprocess.run(
        [sys.executable, "-m", "quizlib", "study", str(deck), "--plain", "--db", str(tmp_path / "q.db")],
        env={**env, "PYTHONPATH": str(site), "QUIZLIB_NOW": "2024-01-01T09:00:00"},
        input="2\n\n",
        capture_output=True,
        text=True,
    )
    assert answered.returncode == 0 and "right" in answered.stdout, answered.stdout + answered.stderr
