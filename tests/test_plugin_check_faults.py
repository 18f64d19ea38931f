"""A section check that fails is the plugin's fault: ``check`` reports it as an error (the
deck is not called valid), while commands that use the deck warn and keep the entry."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from plugin_fault_helpers import deck_file, plugin_dir, run

CHECK_FAULT = 'if where == "check" and names["entry"]["id"] == "bad": 1 / 0'


@pytest.mark.parametrize(
    "command",
    [["show"], ["show", "--json"], ["export", "--format", "tsv"], ["study", "--plain"]],
)
def test_a_failing_section_check_is_a_located_warning_where_the_deck_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    plugins = plugin_dir(tmp_path, CHECK_FAULT)
    deck = deck_file(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("war\n\npeace\n\n"))
    code, out, err = run(capsys, command[0], str(deck), *command[1:], "--plugins-dir", str(plugins))
    assert code == 0, err
    (warning,) = [line for line in err.splitlines() if "ZeroDivisionError" in line]
    assert warning.startswith(f"quizlib: warning: {deck}:6:5: ") and "plugin 'echo'" in warning
    if command[0] == "show":
        assert "echoes/bad/echo" in out  # the entry is kept: its question is there
    if command[0] == "export":
        assert "Type war" in out


def test_check_still_refuses_the_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plugins = plugin_dir(tmp_path, CHECK_FAULT)
    code, _, err = run(capsys, "check", str(deck_file(tmp_path)), "--plugins-dir", str(plugins))
    assert code == 1 and "ZeroDivisionError" in err


def test_stats_of_a_deck_whose_plugin_is_missing_warns_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "q.db"
    plugins = plugin_dir(tmp_path)
    deck = str(deck_file(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO("peace\n\nwar\n\n"))
    assert run(capsys, "study", deck, "--plain", "--db", str(db), "--plugins-dir", str(plugins))[0] == 0
    code, out, err = run(capsys, "stats", deck, "--db", str(db), "--json")  # the plugin is not loaded
    assert code == 0, err
    assert json.loads(out)["total_reviews"] == 2
    assert "section 'echoes' skipped" in err
    code, out, err = run(capsys, "--plugins-dir", str(plugins), "stats", deck, "--db", str(db), "--json")
    assert code == 0 and "skipped" not in err  # the global --plugins-dir reaches stats
