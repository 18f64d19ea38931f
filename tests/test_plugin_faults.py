"""Plugin faults never end a command or a session: the fault table of docs/plugins.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from plugin_fault_helpers import DECK, deck_file, plugin_dir, run

from quizlib import Fact, Grade, Prompt, PromptKind, Question, Rating, hookimpl
from quizlib.deckfile.load import load_deck
from quizlib.errors import DeckError
from quizlib.plugins import load_plugins
from quizlib.store.store import Store


def test_a_raising_section_check_is_a_located_error_of_that_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugins = plugin_dir(tmp_path, 'if where == "check" and names["entry"]["id"] == "bad": 1 / 0')
    deck = deck_file(tmp_path)
    code, _, err = run(capsys, "check", str(deck), "--plugins-dir", str(plugins))
    assert code == 1
    (line,) = [x for x in err.splitlines() if "ZeroDivisionError" in x]
    assert line.startswith(f"{deck}:6:5: ") and "plugin 'echo'" in line


GENERATE_FAULT = 'if where == "generate" and names["fact"].id == "bad": raise RuntimeError("boom")'


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["show"],
        ["show", "--json"],
        ["export", "--format", "tsv"],
        ["study", "--plain"],  # all new questions are drawn: the failing one too
    ],
)
def test_a_generation_failure_is_the_same_warning_everywhere_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    plugins = plugin_dir(tmp_path, GENERATE_FAULT)
    deck = deck_file(tmp_path)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("peace\n\n"))
    code, _, err = run(capsys, command[0], str(deck), *command[1:], "--plugins-dir", str(plugins))
    assert code == 0, err
    warnings = [x for x in err.splitlines() if "boom" in x]
    assert warnings == [
        f"quizlib: warning: {deck}: question type 'echo' failed on echoes/bad: RuntimeError: boom (skipped)"
    ]


def test_a_grading_failure_skips_the_question_and_the_session_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins = plugin_dir(tmp_path, 'if where == "grade" and names["question"].fact.id == "bad": 1 / 0')
    deck = deck_file(tmp_path)
    db = tmp_path / "q.db"
    # Both questions are asked (in either order): "war" fails to grade, "peace" is right.
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("war\npeace\n\npeace\n\n"))
    code, out, err = run(
        capsys, "study", str(deck), "--plain", "--db", str(db), "--plugins-dir", str(plugins), "--seed", "1"
    )
    assert code == 0, err
    assert "Skipped: question type 'echo' failed to grade: ZeroDivisionError" in out
    assert "right" in out
    store = Store.open(db)
    try:
        assert store.reviewed_ids("echoes") == {"echoes/one/echo"}  # nothing saved for the failed one
    finally:
        store.close()


def test_a_raising_rating_suggestion_is_ignored_with_a_warning() -> None:
    class Broken:
        @hookimpl
        def suggest_rating(self, question: Question, grade: Grade) -> Rating | None:
            raise ValueError("no policy")

    host = load_plugins(builtins=False, entry_points=False, extra={"broken": Broken()})
    fact = Fact("echoes", "one", {"word": "x"})
    q = Question("echoes/one/echo", "echo", fact, Prompt(PromptKind.TEXT, "?"))
    assert host.suggest_rating(q, Grade(1.0, "x")) is Rating.GOOD
    assert host.suggest_rating(q, Grade(1.0, "x")) is Rating.GOOD
    assert host.warnings == ["plugin 'broken': suggest_rating failed: ValueError: no policy (ignored)"]


def test_the_deck_cache_notices_a_changed_plugin(tmp_path: Path) -> None:
    plugins = plugin_dir(tmp_path)
    deck = deck_file(tmp_path)
    cache = tmp_path / "cache"
    host = load_plugins(builtins=False, entry_points=False, plugins_dirs=[plugins])
    load_deck(deck, sections=host.sections, cache_dir=cache)
    plugin_dir(
        tmp_path, 'if where == "check" and names["entry"]["word"] == "war": raise ValueError("no war")'
    )
    changed = load_plugins(builtins=False, entry_points=False, plugins_dirs=[plugins])
    with pytest.raises(DeckError, match="no war"):
        load_deck(deck, sections=changed.sections, cache_dir=cache)


def test_a_builtin_keeps_its_question_type_the_newcomer_is_told_both_origins(tmp_path: Path) -> None:
    folder = plugin_dir(tmp_path, name="mine")
    text = (folder / "mine.py").read_text().replace('name = "echo"', 'name = "timeline"')
    (folder / "mine.py").write_text(text)
    host = load_plugins(entry_points=False, plugins_dirs=[folder])
    assert host.type_owners["timeline"] == "timeline"
    (error,) = [e for e in host.errors if e.plugin == "mine"]
    assert "built-in plugin 'timeline' (quizlib_plugins.timeline)" in error.reason
    assert f"plugins dir plugin 'mine' ({folder / 'mine.py'})" in error.reason


def test_a_plugins_dir_file_named_like_a_builtin_is_reported_as_itself(tmp_path: Path) -> None:
    folder = plugin_dir(tmp_path, name="timeline")
    host = load_plugins(entry_points=False, plugins_dirs=[folder])
    (error,) = [e for e in host.errors if e.plugin == "timeline"]
    assert error.origin == "plugins dir" and error.location == str(folder / "timeline.py")
    assert "built-in plugin 'timeline'" in error.reason
    assert host.infos["timeline"].origin == "built-in" and "events" in host.sections


def test_a_plugin_cannot_redefine_a_builtin_field_whatever_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    # "aaa" sorts before every built-in: the built-in must still win.
    (folder / "aaa.py").write_text(
        "from quizlib import Field, FieldKind, Section, hookimpl\n"
        "@hookimpl\n"
        "def register_sections(register):\n"
        "    register(Section('events', {'date': Field(FieldKind.INT)}))\n"
    )
    host = load_plugins(entry_points=False, plugins_dirs=[folder])
    assert host.sections["events"].fields["date"].kind.value == "date"
    (error,) = [e for e in host.errors if e.plugin == "aaa"]
    assert "events.date" in error.reason and "built-in plugin" in error.reason


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("Section('deck', {'x': Field(FieldKind.STR)})", "core part of every deck"),
        ("Section('sources', {'x': Field(FieldKind.STR)})", "core part of every deck"),
        ("Section('mine', {'id': Field(FieldKind.INT)})", "redefines the common field(s) id"),
        (
            "Section('mine', {'x': Field(FieldKind.STR)}, settings={'retention': Field(FieldKind.STR)})",
            "core setting(s) retention",
        ),
    ],
)
def test_core_names_cannot_be_registered(tmp_path: Path, section: str, message: str) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "core.py").write_text(
        "from quizlib import Field, FieldKind, Section, hookimpl\n"
        f"@hookimpl\ndef register_sections(register):\n    register({section})\n"
    )
    host = load_plugins(builtins=False, entry_points=False, plugins_dirs=[folder])
    (error,) = host.errors
    assert message in error.reason and "mine" not in host.sections


DISABLED_DECK = """\
quizlib: 1
deck: {id: places, title: Places}
events:
  - {id: war, text: The war began, date: 1914-07-28}
echoes:
  - {id: one, word: peace}
"""


def test_a_disabled_plugins_section_is_skipped_by_show_and_study_an_error_in_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins = plugin_dir(tmp_path)
    deck = deck_file(tmp_path, DISABLED_DECK, "places.yaml")
    other = deck_file(tmp_path, DECK.replace("id: echoes", "id: more"), "more.yaml")
    monkeypatch.setenv("QUIZLIB_PLUGINS_DIR", str(plugins))
    monkeypatch.setenv("QUIZLIB_DISABLE_PLUGINS", "echo")
    code, out, err = run(capsys, "show", str(deck))
    assert code == 0 and "events" in out
    (warning,) = [x for x in err.splitlines() if "echoes" in x]
    assert f"{deck}:5:1: section 'echoes' skipped" in warning and "QUIZLIB_DISABLE_PLUGINS" in warning
    assert "disabled plugins: echo" in warning
    code, _, err = run(capsys, "check", str(deck))
    assert code == 1 and f"{deck}:5:1: unknown section 'echoes'" in err and "disabled plugins: echo" in err
    # A multi-deck study goes on: the deck made only of the disabled section has no questions.
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(""))
    code, _, err = run(capsys, "study", str(deck), str(other), "--plain", "--db", str(tmp_path / "q.db"))
    assert code == 0, err
    assert sum("section 'echoes' skipped" in x for x in err.splitlines()) == 2  # one per deck


def test_sections_declared_alike_differ_only_in_prose(tmp_path: Path) -> None:
    from quizlib import Field, FieldKind, Section

    def declaring(field: Field) -> Any:
        class P:
            @hookimpl
            def register_sections(self, register: Any) -> None:
                register(Section("echoes", {"word": field}, description=field.description))

        return P()

    same = load_plugins(
        builtins=False,
        entry_points=False,
        extra={
            "a": declaring(Field(FieldKind.STR, True, "the word")),
            "b": declaring(Field(FieldKind.STR, True, "a word to echo")),
        },
    )
    assert same.errors == [] and same.sections["echoes"].fields["word"].description == "the word"
    clash = load_plugins(
        builtins=False,
        entry_points=False,
        extra={"a": declaring(Field(FieldKind.STR, True)), "b": declaring(Field(FieldKind.STR, False))},
    )
    (error,) = clash.errors
    assert error.plugin == "b" and "echoes.word" in error.reason


def test_plugins_dir_is_also_a_global_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plugins = plugin_dir(tmp_path)
    deck = deck_file(tmp_path)
    code, out, _ = run(capsys, "--plugins-dir", str(plugins), "show", str(deck), "--json")
    assert code == 0 and len(json.loads(out)["questions"]) == 2
    code, out, _ = run(capsys, f"--plugins-dir={plugins}", "plugins", "--json")
    assert code == 0 and "echo" in {p["name"] for p in json.loads(out)["plugins"]}
