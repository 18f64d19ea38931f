"""Two deck files with one deck.id are refused, naming both, wherever decks are combined."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from quizlib import load_deck
from quizlib.cli import main
from quizlib.errors import UsageError
from quizlib.plugins import PluginHost
from quizlib.store.store import Store
from quizlib.study.session import Session

T0 = dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC)


def deck(tmp_path: Path, name: str, front: str) -> Path:
    path = tmp_path / name
    path.write_text(
        "quizlib: 1\ndeck: {id: same, title: T}\ncards:\n"
        f"  - {{id: a, type: basic, front: {front}, back: x}}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("command", ["study", "stats"])
def test_cli_refuses_two_files_with_one_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    one, two = deck(tmp_path, "one.yaml", "First?"), deck(tmp_path, "two.yaml", "Second?")
    db = tmp_path / "q.db"
    Store.open(db).close()
    assert main([command, str(one), str(two), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "one.yaml" in err and "two.yaml" in err and "'same'" in err


def test_the_same_file_twice_is_one_deck(tmp_path: Path, host: PluginHost) -> None:
    one = deck(tmp_path, "one.yaml", "First?")
    loaded = [load_deck(one, sections=host.sections, cache_dir=None) for _ in range(2)]
    with Store.open(tmp_path / "q.db") as store:
        session = Session.start(store, loaded, host, clock=lambda: T0, rng=random.Random(1))
        assert list(session.decks) == ["same"]


def test_session_refuses_two_decks_with_one_id(tmp_path: Path, host: PluginHost) -> None:
    decks = [
        load_deck(deck(tmp_path, n, f), sections=host.sections, cache_dir=None)
        for n, f in (("one.yaml", "First?"), ("two.yaml", "Second?"))
    ]
    shared = r"one\.yaml and .*two\.yaml"
    with Store.open(tmp_path / "q.db") as store, pytest.raises(UsageError, match=shared):
        Session.start(store, decks, host, clock=lambda: T0, rng=random.Random(1))
