"""``quizlib optimize``: fit, apply (reschedules, only a fit that passes its check unless forced),
undo (restores), too few reviews, retention at the edge of the searched range."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from quizlib.cli import main
from quizlib.srs.optimize import DEFAULT_PARAMETERS, Fit, Scores
from quizlib.srs.simulation import simulate_learner
from quizlib.srs.workload import RETENTION_RANGE, Workload, range_edge
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
    # This simulated learner's fit does not pass its check; --force applies it anyway.
    assert main(["optimize", "--db", str(db), "--apply", "--force"]) == 0
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


def _small_db(tmp_path: Path) -> Path:
    log, db = tmp_path / "log.csv", tmp_path / "small.db"
    log.write_text(
        "card_id,review_rating,review_time,review_duration\n"
        "c1,3,2024-05-01T10:00:00+00:00,3000\nc1,3,2024-05-04T10:00:00+00:00,3000\n"
        "c2,1,2024-05-01T10:01:00+00:00,3000\nc2,3,2024-05-02T10:01:00+00:00,3000\n"
    )
    assert main(["log", "import", str(log), "--db", str(db)]) == 0
    return db


def _fit(improves: bool) -> Fit:
    better, worse = Scores(0.40, 0.05, 0.7, 100), Scores(0.45, 0.06, 0.7, 100)
    fitted = tuple(p * 1.1 for p in DEFAULT_PARAMETERS)
    return Fit(fitted, 900, current=worse, candidate=better) if improves else Fit(fitted, 900, better, worse)


@pytest.mark.parametrize("force", [False, True])
def test_apply_refuses_a_fit_its_check_rejects_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    monkeypatch.setenv("QUIZLIB_NOW", "2024-06-01T09:00:00")
    db = _small_db(tmp_path)
    before = states(db)
    capsys.readouterr()
    monkeypatch.setattr("quizlib.srs.optimize.fit_and_check", lambda *a, **k: _fit(improves=False))
    code = main(["optimize", "--db", str(db), "--apply", *(["--force"] if force else [])])
    out, err = capsys.readouterr()
    with Store.open(db) as store:
        stored = parameters_for(store, None)
    if force:
        assert code == 0 and "applied to all decks" in out
        assert stored == _fit(improves=False).parameters
    else:
        assert code == 1
        assert "not applied" in err and "--force" in err and "Traceback" not in err
        assert stored is None and states(db) == before  # nothing written


def test_apply_takes_a_fit_that_passes_its_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZLIB_NOW", "2024-06-01T09:00:00")
    db = _small_db(tmp_path)
    monkeypatch.setattr("quizlib.srs.optimize.fit_and_check", lambda *a, **k: _fit(improves=True))
    assert main(["optimize", "--db", str(db), "--apply"]) == 0
    with Store.open(db) as store:
        assert parameters_for(store, None) == _fit(improves=True).parameters


def _workloads(*retentions: float) -> list[Workload]:
    return [Workload(r, 10.0, 5.0, 100.0 + r, 365) for r in retentions]


def test_range_edge() -> None:
    table = _workloads(0.70, 0.80, 0.90)
    assert [range_edge(w, table) for w in table] == ["lowest", None, "highest"]


@pytest.mark.parametrize(("best", "said"), [(0, "lowest"), (1, None), (2, "highest")])
def test_retention_says_when_the_optimum_is_at_the_edge_of_the_range(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    best: int,
    said: str | None,
) -> None:
    db = _small_db(tmp_path)
    table = _workloads(*RETENTION_RANGE[:1], 0.85, *RETENTION_RANGE[1:])
    monkeypatch.setattr("quizlib.srs.optimize.fit_and_check", lambda *a, **k: _fit(improves=True))
    monkeypatch.setattr("quizlib.srs.workload.recommend_retention", lambda *a, **k: (table[best], table))
    capsys.readouterr()
    assert main(["optimize", "--db", str(db), "--retention"]) == 0
    out = capsys.readouterr().out
    assert f"recommended desired retention: {table[best].desired_retention:.2f}" in out
    if said is None:
        assert "retention searched" not in out
    else:
        assert f"the {said} retention searched" in out


def test_force_without_apply_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _small_db(tmp_path)
    capsys.readouterr()
    assert main(["optimize", "--db", str(db), "--force"]) == 2
    assert "--force" in capsys.readouterr().err
