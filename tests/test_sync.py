from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sync_helpers import (
    START,
    Device,
    MakeDevice,
    assert_same,
    cards_of,
    converge,
    load,
    log_of,
    own_file,
    write_deck,
)

from quizlib import Rating
from quizlib.cli import main
from quizlib.exchange.sync import sync
from quizlib.plugins import PluginHost
from quizlib.srs.replay import remember_decks
from quizlib.store import syncstate
from quizlib.store.store import Store


def test_reviews_travel_both_ways_and_card_states_agree(folder: Path, device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    for rating in (Rating.GOOD, Rating.AGAIN, Rating.EASY):
        assert a.answer(rating)
    b.now = START + dt.timedelta(minutes=5)
    for rating in (Rating.HARD, Rating.GOOD):
        assert b.answer(rating)
    converge(folder, a, b)
    assert len(log_of(a.store)) == 5
    assert_same(a, b)


def test_a_second_sync_reads_and_writes_nothing(folder: Path, device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    a.answer(Rating.GOOD)
    converge(folder, a, b)
    again = sync(b.store, folder, b.now)
    assert (again.written, again.files, again.read, again.added) == (0, 0, 0, 0)
    a.answer(Rating.GOOD)
    sync(a.store, folder, a.now)
    news = sync(b.store, folder, b.now)
    assert (news.files, news.read, news.added) == (1, 1, 1)  # only the appended line is read


def test_each_device_writes_only_its_own_file(folder: Path, device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    a.answer(Rating.GOOD)
    b.answer(Rating.GOOD)
    converge(folder, a, b)
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([own_file(folder, a).name, own_file(folder, b).name])
    lines = own_file(folder, a).read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"quizlib_sync": 1, "device": syncstate.device_id(a.store)}
    assert len(lines) == 2  # the header and a's review; b's review is only in b's file


def test_an_undo_removes_the_review_on_the_other_devices(folder: Path, device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    a.answer(Rating.GOOD)
    a.answer(Rating.AGAIN)
    converge(folder, a, b)
    assert len(log_of(b.store)) == 2
    session = a.session
    sync(a.store, folder, a.now)  # a sync during the session: the review is in the folder
    a.session = session
    assert a.undo()
    converge(folder, a, b)
    assert len(log_of(b.store)) == 1
    assert_same(a, b)


def test_a_review_given_the_row_id_of_an_undone_one_is_still_written(
    folder: Path, device: MakeDevice
) -> None:
    # The log's row ids are not AUTOINCREMENT: after undoing the last review, the next review
    # gets its row id again, at or below the mark of what was written to the folder.
    a, b = device("a"), device("b")
    a.answer(Rating.GOOD)
    session = a.session
    sync(a.store, folder, a.now)
    a.session = session
    assert a.undo()
    assert a.answer(Rating.HARD)
    converge(folder, a, b)
    assert [r[5] for r in log_of(b.store)] == [Rating.HARD]
    assert_same(a, b)


def test_an_undone_review_imported_again_stays_out(folder: Path, device: MakeDevice, tmp_path: Path) -> None:
    a, b = device("a"), device("b")
    a.answer(Rating.GOOD)
    a.answer(Rating.GOOD)
    export = tmp_path / "log.csv"
    assert main(["log", "export", "--db", str(a.store.path), "-o", str(export)]) == 0
    assert a.undo()
    converge(folder, a, b)
    assert len(log_of(b.store)) == 1
    assert main(["log", "import", "--db", str(b.store.path), str(export)]) == 0  # brings it back
    converge(folder, a, b)
    assert len(log_of(b.store)) == 1
    assert_same(a, b)


def test_suspensions_buries_and_unsuspensions_travel(folder: Path, device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    assert a.suspend()
    assert a.bury()
    converge(folder, a, b)
    flagged = {k: v[4:] for k, v in cards_of(b.store).items()}
    assert sorted(v[0] for v in flagged.values()) == [False, True]  # one suspended, one buried
    assert_same(a, b)
    suspended = next(k for k, v in flagged.items() if v[0])
    b.store.unsuspend(*suspended)
    converge(folder, a, b)
    assert a.store.card(*suspended) is None  # not suspended, never reviewed: no card at all
    assert_same(a, b)


def test_the_latest_flag_change_wins_on_every_device(folder: Path, device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    a.store.set_flags("syn", "q1", suspended=True)
    sync(a.store, folder, START)
    b.store.set_flags("syn", "q1", leech=True)
    sync(b.store, folder, START + dt.timedelta(hours=1))  # different flags: both kept
    first, second = START + dt.timedelta(days=2), START + dt.timedelta(days=3)
    a.store.set_flags("syn", "q1", buried_until=second)
    b.store.set_flags("syn", "q1", buried_until=first, suspended=False)
    sync(b.store, folder, START + dt.timedelta(hours=3))  # b's bury is synced last: it wins
    sync(a.store, folder, START + dt.timedelta(hours=2))
    converge(folder, a, b)
    card = a.store.card("syn", "q1")
    assert card is not None and (card.suspended, card.leech, card.buried_until) == (False, True, first)
    assert_same(a, b)


def test_a_change_made_after_seeing_another_wins_over_it_whatever_the_clocks(
    folder: Path, device: MakeDevice
) -> None:
    a, b = device("a"), device("b")
    a.store.set_flags("syn", "q1", suspended=True)
    sync(a.store, folder, START + dt.timedelta(hours=5))  # a's clock runs ahead
    sync(b.store, folder, START)
    b.store.unsuspend("syn", "q1")
    sync(b.store, folder, START)
    converge(folder, a, b)
    assert a.store.card("syn", "q1") is None
    assert_same(a, b)


def test_applied_parameters_travel(folder: Path, device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    params = [0.5] * 21
    a.store.save_parameters("deck:syn", params, now=START)
    converge(folder, a, b)
    assert b.store.parameters_for("syn") == tuple(params)
    b.store.undo_parameters("deck:syn", now=START)  # back to the defaults, later
    b.now = START + dt.timedelta(days=1)
    converge(folder, a, b)
    assert a.store.parameters_for("syn") is None


def test_same_instant_reviews_of_one_card_agree(folder: Path, device: MakeDevice) -> None:
    a, b, c = device("a"), device("b"), device("c")
    for d, rating in ((a, Rating.AGAIN), (b, Rating.EASY), (c, Rating.HARD)):
        d.store.set_flags("syn", "q0")  # nothing else: every device studies q0 first
        assert d.answer(rating)
    questions = {r[2] for d in (a, b, c) for r in log_of(d.store)}
    assert len(questions) == 1  # all three reviewed the same card at the same instant
    converge(folder, a, b, c)
    assert_same(a, b, c)


def test_device_ids_are_stable_and_distinct(device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    first = syncstate.device_id(a.store)
    assert syncstate.device_id(a.store) == first != syncstate.device_id(b.store)
    assert syncstate.new_device_id(a.store) != first


def test_replays_use_the_scheduling_settings_of_the_studied_decks(
    folder: Path, tmp_path: Path, host: PluginHost
) -> None:
    text = write_deck(tmp_path).read_text(encoding="utf-8")
    custom = text.replace(
        "settings: {new_per_day: 50}", "settings: {learning_steps: [5, 30], retention: 0.8}"
    )
    path = tmp_path / "custom.yaml"
    path.write_text(custom, encoding="utf-8")
    deck = load(path, host)
    a, b = (Device(Store.open(tmp_path / f"{name}.db"), deck, host) for name in "ab")
    try:
        for d in (a, b):
            remember_decks(d.store, [deck])  # what `study --sync` does before syncing
        a.answer(Rating.GOOD)  # scheduled live with the deck's steps; replayed on b
        converge(folder, a, b)
        assert_same(a, b)
    finally:
        a.store.close()
        b.store.close()


def test_a_device_whose_clock_runs_behind_gets_the_same_schedule(folder: Path, device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    a.now = START + dt.timedelta(hours=5)  # a's clock is ahead
    assert a.answer(Rating.GOOD)
    sync(a.store, folder, a.now)
    b.start()  # b's session is open, its queue built
    session = b.session
    sync(b.store, folder, b.now)  # `quizlib sync` in another terminal during b's session
    b.session = session
    assert b.answer(Rating.AGAIN)  # dated before a's review, answered after it was imported
    assert len({r[2] for r in log_of(b.store)}) == 1  # the same card (same seed, same queue)
    converge(folder, a, b)
    assert_same(a, b)


def test_an_undo_after_importing_a_review_of_the_same_card_converges(
    folder: Path, device: MakeDevice
) -> None:
    a, b = device("a"), device("b")
    for d in (a, b):
        d.store.set_flags("syn", "q0")
    assert a.answer(Rating.GOOD)
    session = a.session
    b.now = START + dt.timedelta(seconds=1)
    assert b.answer(Rating.HARD)
    converge(folder, a, b)
    a.session = session
    assert a.undo()  # restores the state a saw before its answer, without b's review
    converge(folder, a, b)
    assert len(log_of(a.store)) == 1
    assert_same(a, b)
