"""Shell completion: the scripts for each shell, and what Tab offers (with argcomplete)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pytest

from quizlib.cli import COMMANDS, main
from quizlib.completion import SHELLS

pytest.importorskip("argcomplete")


def complete(line: str) -> list[str]:
    """What Tab offers at the end of ``line``, asked as the shell asks: argcomplete answers
    on file descriptor 8, which the shell opens (here: onto stdout)."""
    env = {**os.environ, "_ARGCOMPLETE": "1", "_ARGCOMPLETE_IFS": "\n", "COMP_LINE": line}
    env["COMP_POINT"] = str(len(line))
    script = f"{shlex.quote(sys.executable)} -m quizlib 8>&1 9>/dev/null"
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, check=False)
    return [c.strip() for c in done.stdout.split("\n") if c.strip()]


@pytest.mark.parametrize("shell", SHELLS)
def test_script_for_each_shell(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert "quizlib" in script and "_ARGCOMPLETE" in script


def test_tab_offers_every_subcommand() -> None:
    offered = complete("quizlib ")
    assert set(COMMANDS) <= set(offered)


def test_tab_offers_options_decks_tags_and_question_types() -> None:
    assert "--limit" in complete("quizlib study --li")
    assert "karabakh" in complete("quizlib show kara")
    assert complete("quizlib study --tag bloc") == ["blockade"]
    assert "timeline" in complete("quizlib study --type time")
    assert "karabakh" in complete("quizlib stats kar")


def test_completion_without_argcomplete_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "argcomplete.shell_integration", None)
    assert main(["completion", "bash"]) == 1
    assert "pip install 'quizlib[completion]'" in capsys.readouterr().err
