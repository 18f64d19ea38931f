"""Statistics on a synthetic review history with known answers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from quizlib import Rating
from quizlib.cli import main
from quizlib.commands.stats import heatmap, render
from quizlib.srs.scheduling import Scheduling
from quizlib.store.store import CardRow, Review
from quizlib.study.stats import compute, streak, true_retention

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
    older = Scheduling().review(None, Rating.EASY, NOW - dt.timedelta(days=60), "d/b")  # recalled less
    due_tomorrow = CardRow("d", "a", state, NOW + dt.timedelta(days=1), 3, 1, False, None, False, "")
    overdue = CardRow("d", "b", older, NOW - dt.timedelta(days=3), 3, 0, False, None, True, "")
    stats = compute(HISTORY, [due_tomorrow, overdue], NOW, tz=dt.UTC)
    assert (stats.total_reviews, stats.total_cards) == (7, 2)
    assert stats.forecast[0] == 1 and stats.forecast[1] == 1 and sum(stats.forecast) == 2
    assert stats.by_type["t"].reviews == 3 and stats.by_type["t"].accuracy == pytest.approx(2 / 3)
    assert stats.by_type["u"].mean_score == pytest.approx(1 / 3)
    assert stats.leeches == ["d/b"]
    assert [h["card"] for h in stats.hardest] == ["d/b", "d/a"]  # the lower retrievability first
    assert 0 <= stats.hardest[0]["retrievability"] < stats.hardest[1]["retrievability"] <= 1
    assert 182 <= len(stats.reviews_per_day) < 189 and stats.reviews_per_day[NOW.date().isoformat()] == 1
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
    assert "2 reviews of 1 card on 2 days" in text and "\x1b[" not in text  # no colour when piped


def test_heatmap_weeks_start_on_monday_so_every_row_lines_up() -> None:
    now = dt.datetime(2024, 5, 8, 12, tzinfo=dt.UTC)  # 181 days earlier is a Friday
    reviews = [
        Review(f"r{i}", "d", "a", "t", now - dt.timedelta(days=days), 3)
        for i, days in enumerate((0, 2, 184))  # today, Monday 6 May, Monday 6 Nov 2023
    ]
    stats = compute(reviews, [], now)
    first = min(stats.reviews_per_day)
    assert dt.date.fromisoformat(first).weekday() == 0 and stats.reviews_per_day[first] == 1
    rows = heatmap(stats, colour=False)
    months, grid, legend = rows[0], rows[1:8], rows[8]
    assert [row[:4] for row in grid] == ["Mon ", "    ", "Wed ", "    ", "Fri ", "    ", "Sun "]
    assert grid[0][4] == "█" and all(row[4] == "·" for row in grid[1:])  # week 1: only Monday
    assert grid[0].endswith("█") and grid[2].endswith("█")  # Monday 6 May and Wednesday 8 May
    assert months.split() == ["Nov", "Dec", "Jan", "Feb", "Mar", "Apr"]
    assert months.index("Dec") - 4 == 4  # 4 Dec 2023 begins the fifth week shown
    assert "none" in legend and "more" in legend


def test_report_plurals_question_texts_and_the_empty_log() -> None:
    state = Scheduling().review(None, Rating.AGAIN, NOW - dt.timedelta(days=5), "d/q1")
    card = CardRow("d", "q1", state, NOW, 1, 1, False, None, False, "")
    stats = compute([review("q1", 0, 1)], [card], NOW)
    text = render(stats, colour=False, texts={"d/q1": "What is the capital of Armenia? " * 3})
    assert "1 review of 1 card on 1 day; streak 1 day" in text
    assert "What is the capital of Armenia?" in text and "…  (1 lapse)" in text and "d/q1" not in text
    assert render(compute([], [], NOW), colour=False).startswith("No reviews yet. Start with 'quizlib study'")


def test_stats_of_a_deck_file_shows_its_question_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "mine.yaml"
    deck.write_text(
        "quizlib: 1\ndeck: {id: mine, title: Mine}\n"
        "cards:\n  - {id: c1, type: basic, front: What is the capital of Armenia?, back: Yerevan}\n",
        encoding="utf-8",
    )
    log = tmp_path / "log.csv"
    log.write_text(
        "card_id,review_rating,review_time,review_duration,deck_id,question_id\n"
        "mine/cards/c1/basic,1,2024-05-09T10:00:00,100,mine,cards/c1/basic\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.db")
    assert main(["log", "import", str(log), "--db", db]) == 0
    monkeypatch.setenv("QUIZLIB_NOW", NOW.isoformat())
    capsys.readouterr()
    assert main(["stats", str(deck), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "What is the capital of Armenia?" in out and "mine/cards/c1/basic" not in out
    assert main(["stats", "mine", "--db", db]) == 0
    assert "mine/cards/c1/basic" in capsys.readouterr().out  # by id alone the text is unknown
