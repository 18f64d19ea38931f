"""Review-log export and merging import."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizlib.cli import main
from quizlib.errors import QuizError
from quizlib.exchange.reviewlog import export_csv, import_csv_text
from quizlib.store.store import Store

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
HEADER = "card_id,review_rating,review_time,review_duration\n"


def rows(spec: list[tuple[int, int, int]]) -> str:
    """(card, rating, minutes after T0) → a plain FSRS CSV."""
    lines = [f"{c},{r},{(T0 + dt.timedelta(minutes=m)).isoformat()},1000" for c, r, m in spec]
    return HEADER + "\n".join(lines) + "\n"


def snapshot(store: Store) -> tuple[list[tuple[str, str, int]], dict[str, object]]:
    reviews = sorted((r.question_id, r.reviewed_at.isoformat(), r.rating) for r in store.reviews())
    cards = {q: c.state for q, c in store.cards("imported").items()}
    return reviews, cards


def fresh(tmp: Path, name: str) -> Store:
    return Store.open(tmp / f"{name}.db")


def test_plain_fsrs_csv_imports_and_is_idempotent(tmp_path: Path) -> None:
    store = fresh(tmp_path, "a")
    try:
        first = import_csv_text(store, rows([(1, 3, 0), (1, 3, 600 * 24), (2, 1, 5)]))
        assert (first.added, first.skipped, first.cards) == (3, 0, 2)
        again = import_csv_text(store, rows([(1, 3, 0), (1, 3, 600 * 24), (2, 1, 5)]))
        assert (again.added, again.skipped) == (0, 3)
        assert store.card("imported", "1").reps == 2  # type: ignore[union-attr]
    finally:
        store.close()


def test_export_then_import_gives_the_same_reviews(tmp_path: Path) -> None:
    a, b = fresh(tmp_path, "a"), fresh(tmp_path, "b")
    try:
        import_csv_text(a, rows([(1, 3, 0), (2, 2, 1), (1, 4, 5000)]))
        out = io.StringIO()
        assert export_csv(a, out) == 3
        import_csv_text(b, out.getvalue())
        assert snapshot(a) == snapshot(b)
        assert [r.uuid for r in a.reviews()] == [r.uuid for r in b.reviews()]
    finally:
        a.close()
        b.close()


# A card is never reviewed twice at the same instant, so reviews are keyed by (card, minute).
specs = st.lists(
    st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(0, 20_000)),
    max_size=12,
    unique_by=lambda t: (t[0], t[2]),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs, specs)
def test_merge_is_commutative_and_idempotent(
    tmp_path_factory: pytest.TempPathFactory, x: list, y: list
) -> None:  # type: ignore[type-arg]
    tmp = tmp_path_factory.mktemp("merge")
    # Two logs never hold one card's review at one instant (even and odd minutes): reviews of
    # one card at one instant replay in the order they were saved, which a merge order sets.
    x = [(c, r, 2 * t) for c, r, t in x]
    y = [(c, r, 2 * t + 1) for c, r, t in y]
    ab, ba, twice = fresh(tmp, "ab"), fresh(tmp, "ba"), fresh(tmp, "twice")
    try:
        import_csv_text(ab, rows(x))
        import_csv_text(ab, rows(y))
        import_csv_text(ba, rows(y))
        import_csv_text(ba, rows(x))
        assert snapshot(ab) == snapshot(ba)
        import_csv_text(twice, rows(x))
        once = snapshot(twice)
        import_csv_text(twice, rows(x))
        assert snapshot(twice) == once
    finally:
        for s in (ab, ba, twice):
            s.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\n1,2\n", "missing column"),
        (HEADER + "1,7,2024-01-01T00:00:00,5\n", "not 1-4"),
        (HEADER + "1,3,yesterday,5\n", "ISO 8601"),
    ],
)
def test_bad_files_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    store = fresh(tmp_path, "bad")
    try:
        with pytest.raises(QuizError, match=message):
            import_csv_text(store, text)
        assert list(store.reviews()) == []
    finally:
        store.close()


def test_log_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_text(rows([(1, 3, 0), (2, 1, 3)]))
    db = str(tmp_path / "cli.db")
    assert main(["log", "import", str(src), "--db", db]) == 0
    assert "added 2" in capsys.readouterr().out
    assert main(["log", "import", str(src), "--db", db]) == 0
    assert "added 0, already present 2" in capsys.readouterr().out
    out = tmp_path / "out.csv"
    assert main(["log", "export", "-o", str(out), "--db", db]) == 0
    assert out.read_text().startswith("card_id,review_time,review_rating,review_duration,")
    assert main(["log", "import", str(tmp_path / "missing.csv"), "--db", db]) == 2
