"""Statistics on a synthetic review history with known answers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from quizlib import Rating
from quizlib.cli import main
from quizlib.scheduling import Scheduling
from quizlib.stats import compute, streak, true_retention
from quizlib.store import CardRow, Review

NOW = dt.datetime(2024, 5, 10, 12, tzinfo=dt.UTC)


def review(card: str, days_ago: int, rating: int, score: float | None = None, qtype: str = "t") -> Review:
    when = NOW - dt.timedelta(days=days_ago)
    return Review(f"{card}-{days_ago}", "d", card, qtype, when, rating, score=score)


HISTORY = [
    # a: two reviews after an earlier day, one passed, one failed
    review("a", 20, 3, 1.0), review("a", 10, 3, 1.0), review("a", 2, 1, 0.0),
    # b: the same-day repeat is left out; the later review passes
    review("b", 9, 3, 0.5, "u"), review("b", 9, 1, 0.0, "u"), review("b", 1, 2, 0.5, "u"),
    review("c", 0, 3, None, "u"),
]  # fmt: skip


def test_true_retention_counts_only_reviews_after_an_earlier_day() -> None:
    assert true_retention(HISTORY, None, dt.UTC) == pytest.approx(2 / 3)  # a@10 pass, a@2 fail, b@1 pass
    assert true_retention(HISTORY, (NOW - dt.timedelta(days=6)).date(), dt.UTC) == pytest.approx(1 / 2)


def test_streak() -> None:
    today = NOW.date()
    days = [today - dt.timedelta(days=i) for i in (0, 1, 2, 5)]
    assert streak(days, today) == 3
    assert streak(days[1:], today) == 2  # nothing yet today: counts up to yesterday
    assert streak([], today) == 0


def test_compute_totals_types_forecast() -> None:
    state = Scheduling().review(None, Rating.EASY, NOW - dt.timedelta(days=20), "d/a")
    due_tomorrow = CardRow("d", "a", state, NOW + dt.timedelta(days=1), 3, 1, False, None, False, "")
    overdue = CardRow("d", "b", state, NOW - dt.timedelta(days=3), 3, 0, False, None, True, "")
    stats = compute(HISTORY, [due_tomorrow, overdue], NOW, tz=dt.UTC)
    assert (stats.total_reviews, stats.total_cards) == (7, 2)
    assert stats.forecast[0] == 1 and stats.forecast[1] == 1 and sum(stats.forecast) == 2
    assert stats.by_type["t"].reviews == 3 and stats.by_type["t"].accuracy == pytest.approx(2 / 3)
    assert stats.by_type["u"].mean_score == pytest.approx(1 / 3)
    assert stats.leeches == ["d/b"]
    assert stats.hardest[0]["card"] in ("d/a", "d/b") and 0 <= stats.hardest[0]["retrievability"] <= 1
    assert len(stats.reviews_per_day) == 182 and stats.reviews_per_day[NOW.date().isoformat()] == 1
    assert stats.streak == 3  # reviews today, 1 and 2 days ago


def test_stats_command_json_and_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "log.csv"
    src.write_text(
        "card_id,review_rating,review_time,review_duration\n1,3,2024-05-01T10:00:00,100\n1,3,2024-05-05T10:00:00,100\n"
    )
    db = str(tmp_path / "s.db")
    assert main(["log", "import", str(src), "--db", db]) == 0
    capsys.readouterr()
    monkeypatch.setenv("QUIZLIB_NOW", NOW.isoformat())
    assert main(["stats", "--json", "--db", db]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total_reviews"] == 2 and data["retention"]["all_time"] == 1.0
    assert main(["stats", "--db", db]) == 0
    text = capsys.readouterr().out
    assert "2 reviews of 1 cards" in text and "\x1b[" not in text  # no colour when piped
