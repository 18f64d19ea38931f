"""Many study days through the real engine, across a DST change: the day invariants hold."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from quizlib import load_deck
from quizlib.plugins import PluginHost
from quizlib.store.store import Store
from quizlib.study.day_simulation import SESSION_TIMES, deck_text, simulate_days


@pytest.mark.parametrize(
    ("start", "crossing"),
    [(dt.date(2024, 3, 10), dt.date(2024, 3, 31)), (dt.date(2024, 10, 6), dt.date(2024, 10, 27))],
)
def test_study_days_across_dst_keep_the_day_invariants(
    start: dt.date, crossing: dt.date, tmp_path: Path, host: PluginHost
) -> None:
    path = tmp_path / "sim.yaml"
    path.write_text(deck_text(basics=14, clozes=6, choices=4), encoding="utf-8")
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    berlin = ZoneInfo("Europe/Berlin")
    # 03:59 and 04:01 local on the morning of the change
    on_the_day = SESSION_TIMES[(crossing - start).days % len(SESSION_TIMES)]
    assert on_the_day == (dt.time(3, 59), dt.time(4, 1))
    with Store.open(tmp_path / "sim.db") as store:
        report = simulate_days(
            store,
            [deck],
            host,
            tz=berlin,
            start=start,
            days=40,
            times=SESSION_TIMES,
            rng=random.Random(5),
            new_per_day=3,
        )
    assert report.violations == []
    assert report.sessions > 40 and report.reviews > 100
    assert report.retention is not None and report.retention > 0.8
