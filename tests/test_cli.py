"""The command line: help, version, exit codes, JSON outputs, the scaffold."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from quizlib import __version__
from quizlib.cli import COMMANDS, build_parser, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"quizlib {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: quizlib") and len(out.splitlines()) > 3


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


def test_python_dash_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "quizlib", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"quizlib {__version__}"


def test_parser_lists_every_command() -> None:
    """The parser's commands are exactly COMMANDS, in order, and the README's table lists them."""
    (sub,) = (a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert tuple(sub.choices) == COMMANDS
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert sorted(set(re.findall(r"^\| `quizlib ([a-z-]+)", readme, re.M))) == sorted(COMMANDS)


def test_new_scaffold_passes_check_and_strict_flags_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "My Deck.yaml"
    assert main(["new", str(path)]) == 0
    text = path.read_text()
    assert "id: my-deck" in text and "yaml-language-server" in text
    assert main(["check", str(path)]) == 0
    assert main(["new", str(path)]) == 2  # never overwrites
    assert "exists" in capsys.readouterr().err


def test_schema_command_includes_installed_sections(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    schema = json.loads(out.read_text())
    assert {"quizlib", "deck", "sources", "actors"} <= set(schema["properties"])


def test_show_json_lists_facts_and_questions(
    write_deck: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_deck(
        """\
        quizlib: 1
        deck: {id: d, title: D}
        sources: [{id: s, title: S, outlet: O, published: 2024}]
        cards:
          - {id: c1, type: basic, front: Capital of France?, back: Paris, sources: ["s:p2"]}
        """
    )
    assert main(["show", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["deck"]["sections"]["cards"][0]["sources"] == ["s:p2"]
    (question,) = payload["questions"]
    assert question["id"] == "cards/c1/basic" and question["fact"] == "cards/c1"
    assert question["prompt"]["text"] and "key" not in question
    assert main(["show", str(path)]) == 0
    assert "1 source, 0 actors" in (out := capsys.readouterr().out) and "\n1 question\n" in out


def test_plugins_json_lists_builtins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    names = {p["name"] for p in payload["plugins"]}
    assert "basic" in names
    assert all(p["origin"] == "built-in" for p in payload["plugins"] if p["name"] == "basic")
    assert "cards" in payload["sections"]


def test_broken_plugin_dir_is_a_warning_not_a_traceback(
    tmp_path: Path, write_deck: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "plug").mkdir()
    (tmp_path / "plug" / "bad.py").write_text("1/0\n")
    path = write_deck("quizlib: 1\ndeck: {id: d, title: D}\n")
    assert main(["check", "--plugins-dir", str(tmp_path / "plug"), str(path)]) == 0
    err = capsys.readouterr().err
    assert "plugin 'bad'" in err and "ZeroDivisionError" in err and "Traceback" not in err


def test_bundled_deck_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decks", "--json"]) == 0
    decks = json.loads(capsys.readouterr().out)
    assert "karabakh" in {d["name"] for d in decks}
    assert main(["check", "karabakh"]) == 0
    assert main(["check", "no-such-deck-anywhere"]) == 1
    assert "no bundled deck of that name" in (err := capsys.readouterr().err) and "did you mean" not in err


def test_top_level_help_lists_every_environment_variable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    package = Path(__file__).parents[1] / "quizlib"
    source = "".join(f.read_text(encoding="utf-8") for f in package.rglob("*.py"))
    names = set(re.findall(r"\b(QUIZLIB_[A-Z]+(?:_[A-Z]+)*|NO_COLOR)\b", source))
    assert {"QUIZLIB_DEBUG", "QUIZLIB_CACHE_DIR", "NO_COLOR"} <= names
    for name in names:
        assert f"  {name} " in out, name


def test_new_points_only_at_what_is_installed_and_reads_dates_like_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deck.yaml"
    argv = ["new", str(path), "--title", "Notes: week #1", "--published", "January 15 2023"]
    assert main(argv) == 0
    text = path.read_text(encoding="utf-8")
    assert "docs/" not in text and not text.startswith("# yaml-language-server")  # no file it needs
    assert "quizlib schema -o quizlib-deck.schema.json" in text
    assert "published: 2023-01-15" in text and 'title: "Notes: week #1"' in text
    assert main(["check", str(path)]) == 0


def test_new_refuses_an_id_that_is_not_a_slug(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deck.yaml"
    assert main(["new", str(path), "--id", "Bad Id"]) == 2
    assert "--id 'Bad Id' is not a slug" in capsys.readouterr().err and not path.exists()
    assert main(["new", str(path), "--published", "someday"]) == 2
    assert "'someday'" in capsys.readouterr().err and not path.exists()


@pytest.mark.parametrize("width", [60, 80])
def test_environment_help_fits_the_terminal(width: int) -> None:
    from quizlib.cli import epilog

    lines = epilog(width).splitlines()
    assert all(len(line) <= width for line in lines)
    assert all(line.startswith(("  QUIZLIB_", "  NO_COLOR", " " * 30)) for line in lines[3:])


@pytest.mark.parametrize("command", COMMANDS)
def test_help_wraps_at_words_on_a_narrow_terminal(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def help_at(columns: int) -> str:
        monkeypatch.setenv("COLUMNS", str(columns))
        assert main([command, "--help"]) == 0
        return capsys.readouterr().out

    wide, narrow = help_at(200), help_at(60)
    assert all(len(line) <= 60 for line in narrow.splitlines())
    assert set(wide.split()) == set(narrow.split())  # the same words, none cut in two
