"""`quizlib sync DIR` with real folders: conflict copies, newer or damaged files, missing folders."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sync_helpers import (
    START,
    MakeDevice,
    log_of,
    own_file,
)

from quizlib import Rating
from quizlib.exchange import sync as sync_module
from quizlib.exchange.sync import SyncError, sync
from quizlib.fileio import OutputError


def test_conflict_copies_are_imported(folder: Path, device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    a.answer(Rating.GOOD)
    sync(a.store, folder, a.now)
    original = own_file(folder, a)
    stem = original.name.removesuffix(".jsonl")
    # What a file-sync tool leaves when the same file changed on two machines.
    for copy in (f"{stem}.sync-conflict-20240301-101010-ABCDEFG.jsonl", f"{stem} (1).jsonl"):
        shutil.copy(original, folder / copy)
    lines = original.read_text(encoding="utf-8").splitlines()
    review = json.loads(lines[1])
    review["id"], review["rating"] = "f" * 32, 4
    with (folder / f"{stem} (1).jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(review) + "\n")
    report = sync(b.store, folder, b.now)
    assert report.problems == []
    assert {r[0] for r in log_of(b.store)} == {json.loads(lines[1])["id"], "f" * 32}


def test_a_newer_format_is_refused_with_a_clear_message_and_the_rest_imported(
    folder: Path, device: MakeDevice
) -> None:
    a, b = device("a"), device("b")
    a.answer(Rating.GOOD)
    sync(a.store, folder, a.now)
    newer = folder / "quizlib-0123456789abcdef.jsonl"
    header = '{"quizlib_sync": 2, "device": "0123456789abcdef"}\n'
    newer.write_text(header + '{"t": "hologram"}\n', encoding="utf-8")
    report = sync(b.store, folder, b.now)
    assert report.added == 1
    assert len(report.problems) == 1 and str(newer) in report.problems[0]
    assert "newer quizlib" in report.problems[0]
    assert len(sync(b.store, folder, b.now).problems) == 1  # refused again until upgraded


def test_a_damaged_line_is_reported_with_its_number_and_the_rest_imported(
    folder: Path, device: MakeDevice
) -> None:
    a, b = device("a"), device("b")
    for _ in range(3):
        a.answer(Rating.GOOD)
    sync(a.store, folder, a.now)
    path = own_file(folder, a)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2][: len(lines[2]) // 2] + "\n"  # line 3 cut in half
    bad_rating = json.loads(lines[3])
    bad_rating["rating"] = 7
    lines[3] = json.dumps(bad_rating) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    report = sync(b.store, folder, b.now)
    assert [p.split(": ")[0] for p in report.problems] == [f"{path}:3", f"{path}:4"]
    assert "rating 7" in report.problems[1]
    assert report.added == 1


def test_a_line_still_being_written_waits_for_the_next_sync(folder: Path, device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    a.answer(Rating.GOOD)
    a.answer(Rating.GOOD)
    sync(a.store, folder, a.now)
    path = own_file(folder, a)
    whole = path.read_bytes()
    path.write_bytes(whole[:-20])  # the last line arrives in two parts
    first = sync(b.store, folder, b.now)
    assert (first.added, first.problems) == (1, [])
    path.write_bytes(whole)
    assert sync(b.store, folder, b.now).added == 1


def test_reviews_from_a_clock_far_ahead_wait_until_this_clock_reaches_them(
    folder: Path, device: MakeDevice
) -> None:
    a, b = device("a"), device("b")
    a.answer(Rating.GOOD)
    a.now = START + dt.timedelta(days=30)  # a's clock jumps ahead
    a.answer(Rating.GOOD)
    sync(a.store, folder, a.now)
    report = sync(b.store, folder, START)
    assert report.added == 1  # the review before it is read
    assert (
        report.problems[0].startswith(f"{own_file(folder, a)}:3: ") and "in the future" in report.problems[0]
    )
    assert sync(b.store, folder, START).problems == report.problems  # still waiting, not lost
    assert sync(b.store, folder, a.now).added == 1


def test_a_deleted_or_replaced_own_file_is_written_again_in_full(folder: Path, device: MakeDevice) -> None:
    a, b = device("a"), device("b")
    a.answer(Rating.GOOD)
    sync(a.store, folder, a.now)
    path = own_file(folder, a)
    old = path.read_bytes()
    a.answer(Rating.GOOD)
    sync(a.store, folder, a.now)
    path.write_bytes(old)  # an older copy restored over it (a backup, a git reset)
    sync(a.store, folder, a.now)
    assert sync(b.store, folder, b.now).added == 2
    path.unlink()
    c = device("c")
    sync(a.store, folder, a.now)
    assert sync(c.store, folder, c.now).added == 2


def test_a_missing_folder_is_an_error_and_loses_nothing(folder: Path, device: MakeDevice) -> None:
    a = device("a")
    a.answer(Rating.GOOD)
    with pytest.raises(SyncError, match="does not exist"):
        sync(a.store, folder / "gone", a.now)
    sync(a.store, folder, a.now)
    assert len(own_file(folder, a).read_text(encoding="utf-8").splitlines()) == 2


def test_an_unwritable_folder_is_an_error_and_the_next_sync_writes_everything(
    folder: Path, device: MakeDevice, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = device("a")
    a.answer(Rating.GOOD)

    def refuse(path: Path) -> None:
        raise OutputError(f"cannot write {path}: Permission denied")

    monkeypatch.setattr(sync_module, "atomic_path", refuse)
    with pytest.raises(SyncError, match="Permission denied"):
        sync(a.store, folder, a.now)
    monkeypatch.undo()
    a.answer(Rating.GOOD)
    sync(a.store, folder, a.now)
    assert len(own_file(folder, a).read_text(encoding="utf-8").splitlines()) == 3
