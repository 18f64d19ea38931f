"""Hostile review logs: nothing is written unless every row is valid; BOMs, odd line breaks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quizlib.cli import main
from quizlib.errors import QuizError
from quizlib.exchange.reviewlog import import_csv_text
from quizlib.store.store import Review, Store

NOW = dt.datetime(2024, 3, 2, 12, tzinfo=dt.UTC)
HEADER = "card_id,review_time,review_rating,review_duration\n"
GOOD = "1,2024-03-01T09:00:00+00:00,3,1000\n"


def counts(store: Store) -> tuple[int, int]:
    reviews = store._conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
    cards = store._conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    return reviews, cards


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("1,9999-12-31T00:00:00,3,1000\n", "line 3: review_time .* is in the future"),
        ("1,2024-03-04T00:00:00,3,1000\n", "line 3: review_time .* is in the future"),
        ("1,2024-03-01T10:00:00,3\n", "line 3: 3 field"),
        ("1,2024-03-01T10:00:00,3,1000,extra\n", "line 3: 5 field"),
        ("1,2024-03-01T10:00:00,3,soon\n", "line 3: review_duration 'soon' is not a number"),
        ("1,2024-03-01T10:00:00,3,nan\n", "line 3: review_duration 'nan' is out of range"),
        ("1,2024-03-01T10:00:00,3,-5\n", "line 3: review_duration '-5' is out of range"),
        (",2024-03-01T10:00:00,3,1000\n", "line 3: no card_id"),
        ('1,"2024-03-01T10:00:00,3,1000\n', "line 3"),
    ],
)
def test_an_invalid_row_anywhere_writes_nothing(tmp_path: Path, bad: str, message: str) -> None:
    with Store.open(tmp_path / "q.db") as store:
        with pytest.raises(QuizError, match=message):
            import_csv_text(store, HEADER + GOOD + bad + GOOD.replace("09:", "11:"), now=NOW)
        assert counts(store) == (0, 0)


def test_a_rejected_future_review_leaves_later_imports_working(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        with pytest.raises(QuizError):
            import_csv_text(store, HEADER + "1,9999-12-31T00:00:00,3,1000\n", now=NOW)
        result = import_csv_text(store, HEADER + GOOD, now=NOW)
        assert (result.added, result.cards) == (1, 1)
        assert store.card("imported", "1").reps == 1  # type: ignore[union-attr]


def test_line_numbers_count_physical_lines_of_multiline_fields(tmp_path: Path) -> None:
    text = (
        "card_id,review_time,review_rating,review_duration,answer\n"
        '1,2024-03-01T09:00:00,3,10,"two\nlines"\n'
        "2,2024-03-01T09:00:00,9,10,x\n"
    )
    with Store.open(tmp_path / "q.db") as store, pytest.raises(QuizError, match="line 4: review_rating"):
        import_csv_text(store, text, now=NOW)


def test_excel_bom_and_unicode_line_separators(tmp_path: Path) -> None:
    src = tmp_path / "excel.csv"
    answer = "a\u2028b\u2029c\x85d"
    src.write_text(
        "\ufeffcard_id,review_time,review_rating,review_duration,answer\n"
        f"1,2024-03-01T09:00:00,3,1000,{answer}\n"
        "2,2024-03-01T09:05:00,1,1000,x\n",
        encoding="utf-8",
        newline="",
    )
    db = str(tmp_path / "q.db")
    assert main(["log", "import", str(src), "--db", db]) == 0
    with Store.open(db) as store:
        assert sorted(r.answer for r in store.reviews()) == [answer, "x"]
        assert counts(store) == (2, 2)


def test_cli_names_the_line_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZLIB_NOW", "2024-03-02T12:00:00")
    src = tmp_path / "in.csv"
    src.write_text(HEADER + GOOD + "2,9999-12-31T00:00:00,3,1000\n", encoding="utf-8")
    db = str(tmp_path / "q.db")
    assert main(["log", "import", str(src), "--db", db]) != 0
    err = capsys.readouterr().err
    assert "line 3" in err and "future" in err and "nothing imported" in err
    with Store.open(db) as store:
        assert counts(store) == (0, 0)


def test_a_future_review_already_in_the_database_is_named_not_a_crash(tmp_path: Path) -> None:
    # A database written before future dates were refused may hold such a review.
    with Store.open(tmp_path / "q.db") as store:
        future = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)
        store.record(Review("old", "imported", "1", "basic", future, 3), None)  # type: ignore[arg-type]
        with pytest.raises(QuizError, match=r"imported/1 cannot be rescheduled.*9999-12-31"):
            import_csv_text(store, HEADER + GOOD, now=NOW)
        assert counts(store) == (1, 0)  # the import was rolled back whole
