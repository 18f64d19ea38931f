"""`quizlib sync` and `quizlib study --sync` on the command line: messages and exit codes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from quizlib.cli import main
from quizlib.exchange import sync as sync_module
from quizlib.fileio import OutputError
from quizlib.store.store import Store

DECK = """\
quizlib: 1
deck: {id: sc, title: Sync CLI}
cards:
  - {id: a, type: basic, front: A?, back: a}
  - {id: b, type: basic, front: B?, back: b}
"""


def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str, db: str = "q.db") -> int:
    """One plain session answering one question on the small deck."""
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    monkeypatch.setenv("QUIZLIB_NOW", "2024-01-15T09:00:00+00:00")
    monkeypatch.setattr(sys, "stdin", io.StringIO("a\n\n:q\n"))
    return main(["study", str(deck), "--plain", "--db", str(tmp_path / db), *extra])


def reviews(path: Path) -> int:
    with Store.open(path, create=False) as store:
        return sum(1 for _ in store.reviews())


def folder_reviews(folder: Path) -> int:
    lines = [json.loads(line) for p in folder.glob("quizlib-*.jsonl") for line in p.read_text().splitlines()]
    return sum(1 for line in lines if line.get("t") == "review")


def test_study_sync_writes_the_session_to_the_folder(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert study(tmp_path, monkeypatch, "--sync", str(folder)) == 0
    assert folder_reviews(folder) == 1
    err = capsys.readouterr().err
    assert "sync before" in err and "sync after" in err
    assert study(tmp_path, monkeypatch, db="other.db") == 0
    monkeypatch.setenv("QUIZLIB_SYNC_DIR", str(folder))
    assert main(["sync", "--db", str(tmp_path / "other.db")]) == 0  # the folder from the environment
    assert reviews(tmp_path / "other.db") == 2
    assert folder_reviews(folder) == 2


@pytest.mark.parametrize("problem", ["missing", "unwritable"])
def test_study_with_an_unusable_folder_warns_and_keeps_the_review(
    tmp_path: Path,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    problem: str,
) -> None:
    target = folder / "gone" if problem == "missing" else folder
    if problem == "unwritable":

        def refuse(path: Path) -> None:
            raise OutputError(f"cannot write {path}: Read-only file system")

        monkeypatch.setattr(sync_module, "atomic_path", refuse)
    monkeypatch.setenv("QUIZLIB_SYNC_DIR", str(target))
    assert study(tmp_path, monkeypatch) == 0
    err = capsys.readouterr().err
    assert "warning: no sync before the session" in err and "warning: no sync after the session" in err
    assert "Traceback" not in err
    assert reviews(tmp_path / "q.db") == 1
    monkeypatch.undo()
    assert main(["sync", str(folder), "--db", str(tmp_path / "q.db")]) == 0
    assert folder_reviews(folder) == 1  # written by the next sync that can


def test_sync_needs_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("QUIZLIB_SYNC_DIR", raising=False)
    assert main(["sync", "--db", str(tmp_path / "q.db")]) == 2
    assert "QUIZLIB_SYNC_DIR" in capsys.readouterr().err


def test_a_missing_folder_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", str(tmp_path / "nowhere"), "--db", str(tmp_path / "q.db")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("quizlib sync: the sync folder") and "does not exist" in err
    assert len(err.splitlines()) == 1


def test_status_shows_a_stable_device_id_and_the_files(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "q.db")
    assert main(["sync", "--status", "--db", db]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("device ")
    assert study(tmp_path, monkeypatch, "--sync", str(folder)) == 0
    capsys.readouterr()
    assert main(["sync", "--status", str(folder), "--db", db]) == 0
    out = capsys.readouterr().out
    device = first.split()[-1]
    assert out.splitlines()[0] == first
    assert f"quizlib-{device}.jsonl" in out
    assert main(["sync", "--new-device", "--status", "--db", db]) == 0
    assert device not in capsys.readouterr().out.split("\n", 1)[1]


def test_damaged_and_newer_files_exit_1_after_importing_the_rest(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert study(tmp_path, monkeypatch, "--sync", str(folder)) == 0
    mine = next(folder.glob("quizlib-*.jsonl"))
    (folder / "quizlib-feedfeedfeedfeed.jsonl").write_text('{"quizlib_sync": 9}\n', encoding="utf-8")
    damaged = folder / "quizlib-0000000000000000 (1).jsonl"
    damaged.write_bytes(mine.read_bytes() + b"{garbage\n")
    capsys.readouterr()
    assert main(["sync", str(folder), "--db", str(tmp_path / "other.db")]) == 1
    out, err = capsys.readouterr()
    assert "added 1 review" in out
    assert f"{damaged}:3: " in err
    assert "newer quizlib" in err and "Traceback" not in err


def test_help_names_the_environment_variable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "QUIZLIB_SYNC_DIR" in capsys.readouterr().out
