"""A plugin's fault never makes its cards look deleted: ``orphans`` does not list (nor
``--prune`` remove) them and ``stats`` keeps them, while a question really gone is still one."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from plugin_fault_helpers import DECK, deck_file, plugin_dir, run

from quizlib.store.store import Store


def _studied(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A review database with both echo questions answered, through a sound plugin."""
    db = tmp_path / "q.db"
    plugins = plugin_dir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("peace\n\nwar\n\n"))
    argv = ["study", str(deck_file(tmp_path)), "--plain", "--db", str(db), "--plugins-dir", str(plugins)]
    code, _, err = run(capsys, *argv, "--seed", "1")
    assert code == 0, err
    with Store.open(db) as store:
        assert sorted(store.cards("echoes")) == ["echoes/bad/echo", "echoes/one/echo"]
    return db


@pytest.mark.parametrize(
    "fault",
    [
        'if where == "generate" and names["fact"].id == "bad": raise RuntimeError("boom")',
        "import sys; sys.exit(2)",  # at generate, check and grade alike
    ],
)
def test_cards_of_a_type_failing_on_some_facts_are_not_orphans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    db = _studied(tmp_path, capsys, monkeypatch)
    plugins = plugin_dir(tmp_path, fault)
    deck = str(deck_file(tmp_path))
    code, out, _ = run(capsys, "orphans", deck, "--db", str(db), "--plugins-dir", str(plugins))
    if "exit" in fault:  # the section check exits too: the deck is refused, nothing is judged
        assert code == 1
    else:
        assert code == 0 and "no orphaned cards" in out
    run(capsys, "orphans", deck, "--db", str(db), "--plugins-dir", str(plugins), "--prune", "--yes")
    with Store.open(db) as store:
        assert sorted(store.cards("echoes")) == ["echoes/bad/echo", "echoes/one/echo"]


def test_cards_of_a_plugin_that_fails_to_load_are_not_orphans_but_of_a_disabled_one_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _studied(tmp_path, capsys, monkeypatch)
    sound = plugin_dir(tmp_path)
    # A second plugin declares the section too, so that the deck loads without echo.
    (sound / "words.py").write_text(
        "from quizlib import Field, FieldKind, Section, hookimpl\n"
        "@hookimpl\n"
        "def register_sections(register):\n"
        "    register(Section('echoes', {'word': Field(FieldKind.STR, required=True)}))\n"
    )
    (sound / "echo.py").write_text("import no_such_module_here\n")
    deck = str(deck_file(tmp_path))
    code, out, err = run(capsys, "stats", deck, "--db", str(db), "--json", "--plugins-dir", str(sound))
    assert code == 0, err
    assert json.loads(out)["orphans"] == 0 and "plugin 'echo'" in err
    code, out, _ = run(capsys, "orphans", deck, "--db", str(db), "--plugins-dir", str(sound))
    assert code == 0 and "no orphaned cards" in out
    (sound / "echo.py").unlink()  # gone for good (as when disabled): its cards are orphans
    code, out, _ = run(capsys, "orphans", deck, "--db", str(db), "--plugins-dir", str(sound))
    assert code == 0 and "2 cards whose question no longer exists" in out


def test_a_deleted_fact_is_still_an_orphan_while_another_type_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _studied(tmp_path, capsys, monkeypatch)
    plugins = plugin_dir(tmp_path)
    deck = deck_file(tmp_path, DECK.split("  - id: bad")[0])
    code, out, _ = run(capsys, "orphans", str(deck), "--db", str(db), "--plugins-dir", str(plugins))
    assert code == 0 and "echoes/echoes/bad/echo" in out
