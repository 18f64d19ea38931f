"""``quizlib suspended``: list suspended cards and leeches, unsuspend them."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizlib.cli import main
from quizlib.store.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "q.db"
    with Store.open(path) as store:
        store.set_flags("d", "quotes/a/who_said", suspended=True, leech=True)
        store.set_flags("d", "events/b/timeline", suspended=True)
        store.set_flags("e", "cards/c/basic", suspended=True)
        store.set_flags("e", "cards/d/basic", buried_until=None)  # not suspended
    return path


def suspended(path: Path) -> set[str]:
    with Store.open(path) as store:
        return {f"{c.deck_id}/{c.question_id}" for c in store.all_cards() if c.suspended}


def test_lists_suspended_cards_and_marks_leeches(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suspended", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "d/quotes/a/who_said  lapses 0  leech" in out
    assert "e/cards/c/basic" in out and "cards/d/basic" not in out
    assert main(["suspended", "--db", str(db), "--deck", "e"]) == 0
    assert "d/quotes" not in capsys.readouterr().out


def test_unsuspends_the_cards_named_keeping_the_leech_mark(db: Path) -> None:
    assert main(["suspended", "--db", str(db), "--unsuspend", "d/quotes/a/who_said"]) == 0
    assert suspended(db) == {"d/events/b/timeline", "e/cards/c/basic"}
    with Store.open(db) as store:
        card = store.card("d", "quotes/a/who_said")
        assert card is not None and card.leech and not card.suspended


def test_all_unsuspends_a_deck(db: Path) -> None:
    assert main(["suspended", "--db", str(db), "--deck", "d", "--all"]) == 0
    assert suspended(db) == {"e/cards/c/basic"}


def test_an_unknown_card_is_a_usage_error_that_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["suspended", "--db", str(db), "--unsuspend", "d/quotes/a/who_sad", "e/cards/c/basic"])
    err = capsys.readouterr().err
    assert code == 2 and "who_said" in err and "Traceback" not in err
    assert len(suspended(db)) == 3
