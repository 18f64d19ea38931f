"""Deck text cannot drive the terminal: show, study --plain and tsv export escape controls."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from quizlib.cli import main
from quizlib.termsafe import terminal_safe

HOSTILE = "Who\x1b]52;c;ZXZpbA==\x07 won\x1b[2J?\x9b31m \u202eevil \x1b]0;title\x07"
DECK = f"""\
quizlib: 1
deck: {{id: hostile, title: "Hostile\\e[2J deck"}}
cards:
  - {{id: a, type: basic, front: {json.dumps(HOSTILE)}, back: "Yerevan\\x9b2J"}}
"""
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.fixture(autouse=True)
def _unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the hostile text through `check` (which refuses it), as a deck cached before that
    check or text a plugin builds would: the output paths must be safe on their own."""
    monkeypatch.setattr("quizlib.deckfile.validate.check_text", lambda *args: True)


def deck(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def assert_clean(text: str) -> None:
    assert not any(c in text for c in RAW), repr(text)
    assert "\\x1b]52;c;ZXZpbA==\\x07" in text  # shown, so the author can see and fix it


def test_helper_keeps_text_newlines_and_tabs() -> None:
    assert terminal_safe("a\tb\nc – é 中") == "a\tb\nc – é 中"
    assert terminal_safe("\x1b[2J\x9b\r\u2028") == "\\x1b[2J\\x9b\\x0d\\u2028"


def test_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(deck(tmp_path)), "--answers"]) == 0
    out = capsys.readouterr().out
    assert_clean(out)
    assert "\\x9b2J" in out


def test_show_json_escapes_what_json_leaves_raw(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(deck(tmp_path)), "--json"]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in RAW)
    questions = json.loads(out)["questions"]
    assert [q["prompt"]["text"] for q in questions] == [HOSTILE]  # the data is unchanged


def test_study_plain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Yerevan\n\n"))
    assert main(["study", str(deck(tmp_path)), "--plain", "--db", str(tmp_path / "q.db")]) == 0
    assert_clean(capsys.readouterr().out)


def test_export_tsv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(deck(tmp_path)), "--format", "tsv"]) == 0
    assert_clean(capsys.readouterr().out)
