"""Ordinary mistakes are user errors: unwritable outputs, typos, a database that does not exist."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizlib import fileio
from quizlib.cli import main
from quizlib.didyoumean import close_matches, unknown_names
from quizlib.store.store import Store

MISSING_DIR_COMMANDS = [
    ["new", "{out}/deck.yaml"],
    ["export", "karabakh", "--format", "tsv", "-o", "{out}/deck.txt"],
    ["export", "karabakh", "--format", "apkg", "-o", "{out}/deck.apkg"],
    ["schema", "-o", "{out}/schema.json"],
    ["import-cards", "{notes}", "-o", "{out}/deck.yaml"],
]


@pytest.mark.parametrize("argv", MISSING_DIR_COMMANDS, ids=lambda a: a[0])
def test_output_into_a_missing_directory_is_a_user_error(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Capital of France?\tParis\n", encoding="utf-8")
    out = tmp_path / "missing"
    status = main([a.format(out=out, notes=notes) for a in argv])
    err = capsys.readouterr().err
    assert status in (1, 2)
    assert str(out) in err and "internal error" not in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_log_export_into_a_missing_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Store.open(os.environ["QUIZLIB_DB"]).close()
    assert main(["log", "export", "-o", str(tmp_path / "no" / "log.csv")]) == 1
    err = capsys.readouterr().err
    assert "no/log.csv" in err and "internal error" not in err


def test_output_onto_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "-o", str(tmp_path)]) == 1
    assert "is a directory" in capsys.readouterr().err


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "deck.yaml"
    target.write_text("old\n", encoding="utf-8")

    def broken(name: str) -> None:
        Path(name).write_text("partial", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(fileio.OutputError, match="No space left"):
        fileio.write_with(target, broken)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.yaml"]  # no temporary file left


def test_import_cards_force_keeps_the_deck_when_the_notes_are_unusable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text("precious\n", encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("#separator:tab\n", encoding="utf-8")
    assert main(["import-cards", str(notes), "-o", str(deck), "--force"]) == 1
    assert deck.read_text(encoding="utf-8") == "precious\n"


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("a", encoding="utf-8")
    target.chmod(0o640)
    fileio.write_text_atomic(target, "b")
    assert target.read_text(encoding="utf-8") == "b" and target.stat().st_mode & 0o777 == 0o640


def test_did_you_mean_lists_the_known_values() -> None:
    error = unknown_names("deck", ["karabak"], ["karabakh", "other"])
    assert str(error) == "no deck 'karabak' (did you mean karabakh?); known decks: karabakh, other"
    assert unknown_names("deck", ["karabakh"], ["karabakh"]) is None
    assert close_matches("x" * 5, ["y" * 40]) == []  # too different in length to be compared


def test_did_you_mean_caps_the_listing() -> None:
    error = unknown_names("tag", ["zzz"], [f"tag{i:02}" for i in range(30)])
    assert str(error).endswith("and 18 more")


def test_study_unknown_tag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["study", "--plain", "--tag", "blokade"]) == 2
    err = capsys.readouterr().err
    assert "no tag 'blokade' (did you mean blockade?)" in err and "known tags:" in err


def test_unknown_deck_ids_in_stats_and_log_export(capsys: pytest.CaptureFixture[str]) -> None:
    Store.open(os.environ["QUIZLIB_DB"]).close()
    assert main(["stats", "karabak"]) == 2
    assert "no deck 'karabak' (did you mean karabakh?)" in capsys.readouterr().err
    assert main(["log", "export", "--deck", "karabak"]) == 2
    assert "did you mean karabakh?" in capsys.readouterr().err


def test_unknown_disabled_plugin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QUIZLIB_DISABLE_PLUGINS", "timelin")
    assert main(["schema"]) == 2
    assert "no plugin 'timelin' (did you mean timeline?)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [["stats"], ["stats", "--json"], ["log", "export"], ["optimize"]], ids=" ".join
)
def test_read_only_commands_do_not_create_a_database(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "typo.db"
    assert main([*argv, "--db", str(db)]) == 1
    assert not db.exists()
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(f"no review database at {db} (nothing studied yet? run quizlib study)")
    )


def test_a_mistyped_deck_name_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "karabak"]) == 1
    assert "(did you mean karabakh?)" in capsys.readouterr().err
