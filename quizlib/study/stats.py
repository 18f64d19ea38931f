"""Statistics from the review log and card states: pure computations, no terminal."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from quizlib.clock import local_day
from quizlib.model import Rating
from quizlib.srs.scheduling import Scheduling
from quizlib.store.store import CardRow, Review

HEATMAP_DAYS = 182
FORECAST_DAYS = 30


@dataclass(frozen=True)
class TypeFigures:
    """Results of one question type."""

    reviews: int
    accuracy: float
    mean_score: float | None


@dataclass
class Stats:
    """Everything ``quizlib stats`` shows; ``to_dict`` is what ``--json`` prints."""

    today: str
    total_reviews: int
    total_cards: int
    days_studied: int
    streak: int
    reviews_per_day: dict[str, int] = field(default_factory=dict)
    forecast: list[int] = field(default_factory=list)
    retention: dict[str, float | None] = field(default_factory=dict)
    by_type: dict[str, TypeFigures] = field(default_factory=dict)
    hardest: list[dict[str, Any]] = field(default_factory=list)
    leeches: list[str] = field(default_factory=list)
    orphans: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-able figures."""
        return asdict(self)


def _passed(review: Review) -> bool:
    return review.rating >= Rating.HARD


def true_retention(
    reviews: Sequence[Review], since: dt.date | None, tz: dt.tzinfo | None = None
) -> float | None:
    """Share of passed reviews (Hard or better) among reviews of cards last seen on an earlier day.

    Same-day repeats (learning steps) and cram reviews are left out, as Anki's "true
    retention" does; None when there is no such review.
    """
    last_day: dict[tuple[str, str], dt.date] = {}
    passed = total = 0
    for r in reviews:
        if r.cram:
            continue
        key = (r.deck_id, r.question_id)
        day = local_day(r.reviewed_at, tz=tz)
        previous = last_day.get(key)
        last_day[key] = day
        if previous is None or previous >= day or (since is not None and day < since):
            continue
        total += 1
        passed += _passed(r)
    return passed / total if total else None


def streak(days: Iterable[dt.date], today: dt.date) -> int:
    """Consecutive days with reviews up to today (or up to yesterday when today has none yet)."""
    studied = set(days)
    day = today if today in studied else today - dt.timedelta(days=1)
    count = 0
    while day in studied:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def compute(
    reviews: Sequence[Review],
    cards: Sequence[CardRow],
    now: dt.datetime,
    scheduling: Scheduling | None = None,
    tz: dt.tzinfo | None = None,
) -> Stats:
    """All figures at ``now`` from a review log (time order) and the current card states."""
    today = local_day(now, tz=tz)
    per_day = Counter(local_day(r.reviewed_at, tz=tz) for r in reviews)
    start = today - dt.timedelta(days=HEATMAP_DAYS - 1)
    start -= dt.timedelta(days=start.weekday())  # whole weeks: every weekday row starts together
    heat = {
        (start + dt.timedelta(days=i)).isoformat(): per_day.get(start + dt.timedelta(days=i), 0)
        for i in range((today - start).days + 1)
    }
    forecast = [0] * FORECAST_DAYS
    for card in cards:
        if card.due is None or card.suspended or card.state is None:
            continue
        offset = max(0, (local_day(card.due, tz=tz) - today).days)  # overdue cards count for today
        if offset < FORECAST_DAYS:
            forecast[offset] += 1
    by_type: dict[str, list[Review]] = {}
    for r in reviews:
        by_type.setdefault(r.type, []).append(r)
    figures = {}
    for name, rs in sorted(by_type.items()):
        scores = [r.score for r in rs if r.score is not None]
        right = sum((r.score >= 1.0) if r.score is not None else (r.rating >= Rating.GOOD) for r in rs)
        figures[name] = TypeFigures(len(rs), right / len(rs), sum(scores) / len(scores) if scores else None)
    sched = scheduling or Scheduling()
    scored = sorted(
        ((sched.retrievability(c.state, now), c) for c in cards if c.state is not None and not c.suspended),
        key=lambda pair: pair[0],
    )
    hardest = [
        {"card": f"{c.deck_id}/{c.question_id}", "retrievability": round(r, 3), "lapses": c.lapses}
        for r, c in scored[:10]
    ]
    return Stats(
        today=today.isoformat(),
        total_reviews=len(reviews),
        total_cards=len(cards),
        days_studied=len(per_day),
        streak=streak(per_day, today),
        reviews_per_day=heat,
        forecast=forecast,
        retention={
            "last_7_days": true_retention(reviews, today - dt.timedelta(days=6), tz),
            "last_30_days": true_retention(reviews, today - dt.timedelta(days=29), tz),
            "all_time": true_retention(reviews, None, tz),
        },
        by_type=figures,
        hardest=hardest,
        leeches=sorted(f"{c.deck_id}/{c.question_id}" for c in cards if c.leech),
    )
