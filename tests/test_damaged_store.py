"""A database damaged inside (valid header and schema, broken pages) is refused, not written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quizlib.cli import main
from quizlib.errors import StoreError
from quizlib.exchange.reviewlog import import_csv_text
from quizlib.store.store import Review, Store

T0 = dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC)
CSV = "card_id,review_time,review_rating,review_duration\n1,2024-01-15T09:00:00,3,100\n"


def damaged_db(tmp_path: Path) -> Path:
    """A database whose schema still reads but whose review pages are garbage."""
    path = tmp_path / "q.db"
    with Store.open(path) as store:
        store._conn.execute("PRAGMA journal_mode = DELETE")  # everything in the main file
        for i in range(400):
            store.record(Review(f"u{i}", "d", f"q{i}", "basic", T0, 3, answer="x" * 200), None)  # type: ignore[arg-type]
    data = bytearray(path.read_bytes())
    page = 4096
    start = len(data) // 2 // page * page
    data[start + 8 : start + 2 * page] = b"\xa5" * (2 * page - 8)
    path.write_bytes(bytes(data))
    return path


def test_open_refuses_a_damaged_database_with_the_damage_message(tmp_path: Path) -> None:
    path = damaged_db(tmp_path)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"is damaged \(.*\); restore a backup or use --db"):
        Store.open(path)
    assert path.read_bytes() == before


def test_log_import_into_a_damaged_database_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged_db(tmp_path)
    before = path.read_bytes()
    src = tmp_path / "in.csv"
    src.write_text(CSV, encoding="utf-8")
    assert main(["log", "import", str(src), "--db", str(path)]) != 0
    assert "is damaged" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_import_checks_again_before_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(tmp_path / "ok.db") as store:
        calls: list[str] = []
        monkeypatch.setattr(store, "check_intact", lambda: calls.append("checked"))
        import_csv_text(store, CSV)
        assert calls == ["checked"]


def test_study_checks_in_the_background_and_refuses_a_damaged_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged_db(tmp_path)
    before = path.read_bytes()
    deck = tmp_path / "d.yaml"
    deck.write_text(
        "quizlib: 1\ndeck: {id: d, title: D}\ncards:\n  - {id: a, type: basic, front: A?, back: a}\n"
    )
    assert main(["study", str(deck), "--plain", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_a_background_check_refuses_damage_and_open_checks_what_it_could_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = damaged_db(tmp_path)
    with pytest.raises(StoreError, match="is damaged"):
        Store.open(path, checked=Store.check_in_background(path))
    # A check that could not run (here: it never started) leaves the check to open itself.
    from quizlib.store import errors

    monkeypatch.setattr(errors.threading.Thread, "start", lambda self: None)
    monkeypatch.setattr(errors.threading.Thread, "join", lambda self, timeout=None: None)
    with pytest.raises(StoreError, match="is damaged"):
        Store.open(path, checked=Store.check_in_background(path))
    fresh = tmp_path / "new.db"
    with Store.open(
        fresh, checked=Store.check_in_background(fresh)
    ) as store:  # no file yet: nothing to check
        assert store.due_ids("d", T0) == []
