"""A plugin cannot end the program, corrupt output or slip past the host: exits, prints, hooks, prompts."""

from __future__ import annotations

import json
import random
import textwrap
from pathlib import Path
from typing import Any

import pytest
from plugin_fault_helpers import deck_file, plugin_dir, run

from quizlib import Deck, Fact, Grade, Question, hookimpl
from quizlib.cli import main
from quizlib.plugins import load_plugins


@pytest.mark.parametrize(
    "code",
    ["raise SystemExit(3)", "raise KeyboardInterrupt", "import sys; sys.exit('bye')"],
)
def test_exits_and_interrupts_raised_by_a_plugin_are_contained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], code: str
) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "at_import.py").write_text(code + "\n")
    (folder / "at_hook.py").write_text(
        f"from quizlib import hookimpl\n@hookimpl\ndef register_sections(register):\n    {code}\n"
    )
    plugin_dir(tmp_path, f'if where == "generate":\n        {code}')
    host = load_plugins(builtins=False, entry_points=False, plugins_dirs=[folder])
    assert {e.plugin for e in host.errors} == {"at_import", "at_hook"}
    deck = deck_file(tmp_path)
    status, _, err = run(capsys, "check", str(deck), "--plugins-dir", str(folder))
    assert status == 0 and "failed on echoes/one" in err


def test_a_real_ctrl_c_still_interrupts() -> None:
    import os
    import signal

    from quizlib.plugin_guard import guarded, watch_interrupts

    watch_interrupts()
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        pytest.skip("another SIGINT handler is installed")
    with pytest.raises(KeyboardInterrupt):
        guarded(lambda: os.kill(os.getpid(), signal.SIGINT))


def test_a_plugin_printing_does_not_corrupt_json_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugins = plugin_dir(tmp_path, 'print("hello from", where)')
    (plugins / "echo.py").write_text("print('loading echo')\n" + (plugins / "echo.py").read_text())
    deck = deck_file(tmp_path)
    code, out, err = run(capsys, "show", str(deck), "--json", "--plugins-dir", str(plugins))
    assert code == 0 and len(json.loads(out)["questions"]) == 2
    assert "plugin 'echo' printed to standard output (not shown there): loading echo" in err
    code, out, _ = run(capsys, "plugins", "--json", "--plugins-dir", str(plugins))
    payload = json.loads(out)
    assert code == 0 and "echo" in {p["name"] for p in payload["plugins"]}
    assert any("loading echo" in w for w in payload["warnings"])


def test_warnings_wait_while_a_full_screen_ui_runs(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from quizlib.commands.common import load_host, warnings_after

    host = load_host(argparse.Namespace(plugins_dir=[]))
    with warnings_after(host):
        host.warn("first")
        host.warn("first")
        assert capsys.readouterr().err == ""
    assert capsys.readouterr().err == "quizlib: warning: first\n"
    host.warn("second")
    assert capsys.readouterr().err == "quizlib: warning: second\n"


def test_a_misspelt_hook_is_rejected_with_a_suggestion(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "typo.py").write_text(
        "from quizlib import hookimpl\n@hookimpl\ndef register_section(register):\n    pass\n"
    )
    host = load_plugins(builtins=False, entry_points=False, plugins_dirs=[folder])
    (error,) = host.errors
    assert "unknown hook(s) 'register_section'" in error.reason and "register_sections" in error.reason
    assert "typo" not in host.infos


@pytest.mark.parametrize(
    ("prompt", "problem"),
    [
        ("Prompt(PromptKind.ORDER, 'Order these', items=())", "ORDER prompt has 0 items"),
        ("Prompt(PromptKind.CHOICE, 'Pick', choices=('only',))", "choice prompt has 1 choices"),
        ("Prompt(PromptKind.MULTI, 'Pick', choices=('a', ' '))", "blank or non-text entry"),
        ("Prompt(PromptKind.TEXT, '  ')", "prompt has no text"),
    ],
)
def test_malformed_prompts_are_dropped_with_the_generation_warning(prompt: str, problem: str) -> None:
    from quizlib import Field, FieldKind, Prompt, PromptKind, Section, question_id
    from quizlib.study.questions import generate_questions

    class Bad:
        name, section, description = "bad", "echoes", "a malformed prompt"

        def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> list[Question]:
            return [
                Question(
                    question_id(fact, self.name),
                    self.name,
                    fact,
                    eval(prompt, {"Prompt": Prompt, "PromptKind": PromptKind}),
                )
            ]

        def grade(self, question: Question, response: Any) -> Grade:
            return Grade(0.0, "")

    class P:
        @hookimpl
        def register_sections(self, register: Any) -> None:
            register(Section("echoes", {"word": Field(FieldKind.STR)}))

        @hookimpl
        def register_question_types(self, register: Any) -> None:
            register(Bad())

    host = load_plugins(builtins=False, entry_points=False, extra={"p": P()})
    deck = Deck("d", "D", sections={"echoes": (Fact("echoes", "one", {"word": "w"}),)})
    generated = generate_questions(deck, host, random.Random(0))
    assert generated.questions == []
    (warning,) = host.warnings
    assert problem.lower() in warning.lower() and "echoes/one" in warning


def test_get_plugin_manager_is_kept_as_an_alias() -> None:
    from quizlib import get_plugin_manager

    assert get_plugin_manager is load_plugins
    assert textwrap.dedent(load_plugins.__doc__ or "").startswith("Load plugins")


def test_an_exit_in_grade_neither_stops_a_listing_nor_ends_a_command_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugins = plugin_dir(tmp_path, 'if where == "grade": raise SystemExit(0)')
    deck = deck_file(tmp_path)
    code, out, _ = run(capsys, "show", str(deck), "--answers", "--plugins-dir", str(plugins))
    assert code == 0 and out.count("Type ") == 2  # both questions listed, answers unknown
    code, out, _ = run(capsys, "check", str(deck), "--strict", "--plugins-dir", str(plugins))
    assert code == 1 and "(--strict)" in out  # the lint finished; only its warnings fail


def test_an_exit_escaping_a_command_is_reported_not_silent(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def exits(args: Any) -> int:
        raise SystemExit(0)

    monkeypatch.setattr("quizlib.commands.decks.run", exits)
    code, _, err = run(capsys, "decks")
    assert code == 1 and "a plugin tried to exit the program (SystemExit: 0)" in err


def test_a_misspelt_hook_is_warned_once_as_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "typo.py").write_text(
        "from quizlib import hookimpl\n@hookimpl\ndef register_section(register):\n    pass\n"
    )
    deck = tmp_path / "d.yaml"
    deck.write_text(
        "quizlib: 1\ndeck: {id: d, title: D}\ncards:\n  - {id: a, type: basic, front: A?, back: a}\n"
    )
    assert main(["check", str(deck), "--plugins-dir", str(folder)]) == 0
    [line] = [x for x in capsys.readouterr().err.splitlines() if "register_section" in x]
    assert line.endswith("(skipped)") and "(not loaded)" not in line
