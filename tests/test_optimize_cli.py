"""``quizlib optimize``: fit, apply (reschedules), undo (restores), too few reviews."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from quizlib.cli import main
from quizlib.srs.optimize import DEFAULT_PARAMETERS
from quizlib.srs.simulation import simulate_learner
from quizlib.store.parameters import parameters_for
from quizlib.store.store import Store

pytest.importorskip("fsrs_rs_python")


def write_log(path: Path) -> None:
    true = [p * 1.15 if i in (0, 1, 2, 3) else p for i, p in enumerate(DEFAULT_PARAMETERS)]
    log = simulate_learner(true, rng=random.Random(3), days=120, new_per_day=12).log
    lines = ["card_id,review_rating,review_time,review_duration"]
    lines += [f"{card},{rating},{when.isoformat()},3000" for card, when, rating in log]
    path.write_text("\n".join(lines) + "\n")


def states(db: Path) -> dict[str, object]:
    with Store.open(db) as store:
        return {c.question_id: c.due for c in store.all_cards()}


@pytest.mark.slow
def test_apply_then_undo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZLIB_NOW", "2024-06-01T09:00:00")
    log, db = tmp_path / "log.csv", tmp_path / "o.db"
    write_log(log)
    assert main(["log", "import", str(log), "--db", str(db)]) == 0
    before = states(db)
    assert main(["optimize", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "fitted" in out and "not applied" in out
    assert main(["optimize", "--db", str(db), "--apply"]) == 0
    with Store.open(db) as store:
        fitted = parameters_for(store, None)
    assert fitted is not None and fitted != DEFAULT_PARAMETERS
    assert states(db) != before  # rescheduled with the fitted parameters
    assert main(["optimize", "--db", str(db), "--undo"]) == 0
    with Store.open(db) as store:
        assert parameters_for(store, None) is None
    assert states(db) == before  # the replay with the defaults gives the original schedule back
    assert main(["optimize", "--db", str(db), "--undo"]) == 1  # nothing left to undo


def test_too_few_reviews_is_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Store.open(tmp_path / "empty.db").close()
    assert main(["optimize", "--db", str(tmp_path / "empty.db")]) == 1
    assert "at least" in capsys.readouterr().err
