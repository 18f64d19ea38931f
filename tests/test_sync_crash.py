"""Syncs killed with SIGKILL at any point, and syncs running at the same moment, lose nothing."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from quizlib.exchange.reviewlog import import_reviews
from quizlib.exchange.sync import sync
from quizlib.store.records import Review
from quizlib.store.store import Store
from quizlib.store.undo import undo_review

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]
NOW = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)

# Syncs a database, with one step replaced by "write part of it, then die by SIGKILL".
KILLED_SYNC = textwrap.dedent(
    """
    import datetime as dt, os, signal, sys
    from pathlib import Path
    from quizlib.exchange import sync as sync_module
    from quizlib.store.store import Store

    db, folder, point = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    die = lambda: os.kill(os.getpid(), signal.SIGKILL)
    real_replace, real_write = os.replace, Path.write_bytes

    def replace(src, dst):
        if point == "after-rename":
            real_replace(src, dst)
        die()

    def write_bytes(self, data):
        real_write(self, data[: len(data) // 2])
        die()

    if point in ("before-rename", "after-rename"):
        os.replace = replace
    elif point == "mid-write":
        Path.write_bytes = write_bytes
    elif point == "mid-import":
        sync_module.syncstate.apply_remote = lambda *a, **k: die()
    elif point == "before-replay":
        sync_module.replay = lambda *a, **k: die()
    with Store.open(db) as store:
        sync_module.sync(store, folder, dt.datetime(2024, 6, 1, tzinfo=dt.UTC))
    """
)


def add_reviews(db: Path, count: int, tag: str) -> None:
    """Append ``count`` reviews (as if studied on that device) to the database."""
    start = NOW - dt.timedelta(days=30)
    reviews = [
        Review(
            f"{tag}{i:08d}".ljust(32, "0"),
            "deck",
            f"q{i % 40}",
            "basic",
            start + dt.timedelta(minutes=i, seconds=ord(tag[0])),
            1 + i % 4,
        )
        for i in range(count)
    ]
    with Store.open(db) as store:
        import_reviews(store, reviews)


def log(db: Path) -> set[str]:
    with Store.open(db) as store:
        return {r.uuid for r in store.reviews()}


def states(db: Path) -> dict[str, object]:
    with Store.open(db) as store:
        return {c.question_id: (c.state, c.reps, c.lapses) for c in store.all_cards() if c.state is not None}


def sync_db(db: Path, folder: Path) -> list[str]:
    with Store.open(db) as store:
        return sync(store, folder, NOW).problems


@pytest.mark.parametrize("point", ["before-rename", "mid-write", "after-rename", "mid-import"])
def test_a_sync_killed_at_any_step_loses_nothing(tmp_path: Path, point: str) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    add_reviews(a, 50, "a")
    add_reviews(b, 30, "b")
    assert sync_db(b, folder) == []
    add_reviews(a, 20, "c")  # a's second sync appends to the file it wrote before
    assert sync_db(a, folder) == []
    add_reviews(a, 10, "d")
    run = subprocess.run([sys.executable, "-c", KILLED_SYNC, str(a), str(folder), point], check=False)
    assert run.returncode == -signal.SIGKILL
    assert sync_db(b, folder) == []  # b never sees a half-written file
    for db in (a, b, a, b):
        assert sync_db(db, folder) == []
    assert log(a) == log(b) and len(log(a)) == 110
    assert states(a) == states(b)


def test_syncs_killed_at_random_moments_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    add_reviews(b, 500, "b")
    rng = random.Random(7)
    for round_ in range(5):
        add_reviews(a, 400, f"{round_}")
        proc = subprocess.Popen([sys.executable, "-m", "quizlib", "sync", str(folder), "--db", str(a)])
        time.sleep(rng.uniform(0.2, 1.5))  # somewhere in start-up, import, export or done
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert sync_db(b, folder) == []
    for db in (a, b, a, b):
        assert sync_db(db, folder) == []
    assert log(a) == log(b) and len(log(a)) == 2500
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


CONCURRENT_SYNC = textwrap.dedent(
    """
    import datetime as dt, sys, time
    from pathlib import Path
    from quizlib.exchange.sync import sync
    from quizlib.store.store import Store

    db, folder, go = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    while not go.exists():
        time.sleep(0.001)
    with Store.open(db) as store:
        for _ in range(3):
            assert sync(store, folder, dt.datetime(2024, 6, 1, tzinfo=dt.UTC)).problems == []
    """
)


def run_together(tmp_path: Path, folder: Path, dbs: list[Path]) -> None:
    go = tmp_path / "go"
    go.unlink(missing_ok=True)
    procs = [
        subprocess.Popen([sys.executable, "-c", CONCURRENT_SYNC, str(db), str(folder), str(go)]) for db in dbs
    ]
    go.touch()
    assert [p.wait(timeout=300) for p in procs] == [0] * len(procs)


def test_devices_syncing_at_the_same_moment_converge(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    dbs = [tmp_path / f"{name}.db" for name in "abc"]
    for round_ in range(3):
        for i, db in enumerate(dbs):
            add_reviews(db, 200, f"{i}{round_}")
        run_together(tmp_path, folder, dbs)
    for _ in range(2):
        for db in dbs:
            assert sync_db(db, folder) == []
    assert log(dbs[0]) == log(dbs[1]) == log(dbs[2]) and len(log(dbs[0])) == 1800
    assert states(dbs[0]) == states(dbs[1]) == states(dbs[2])


def test_two_syncs_of_one_database_at_the_same_moment_write_everything(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for round_ in range(3):
        add_reviews(a, 300, f"{round_}")
        run_together(tmp_path, folder, [a, a, a])
    assert sync_db(b, folder) == []
    assert log(b) == log(a) and len(log(a)) == 900
    assert len(os.listdir(folder)) == 2  # a's file and b's, no temporaries


def test_a_sync_killed_between_an_undo_and_its_replay_is_repaired(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    add_reviews(a, 12, "a")
    for db in (a, b):
        assert sync_db(db, folder) == []
    with Store.open(a) as store:
        last = list(store.reviews())[-1]
        assert undo_review(
            store, last.id, store.card(last.deck_id, last.question_id), last.deck_id, last.question_id
        )
    assert sync_db(a, folder) == []
    run = subprocess.run(
        [sys.executable, "-c", KILLED_SYNC, str(b), str(folder), "before-replay"], check=False
    )
    assert run.returncode == -signal.SIGKILL
    assert sync_db(b, folder) == []
    assert log(a) == log(b) and len(log(b)) == 11
    assert states(a) == states(b)
