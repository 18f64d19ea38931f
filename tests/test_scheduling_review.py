"""A review computes only the outcomes its rating needs, and gives what the preview showed."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from quizlib.model import Rating
from quizlib.srs.scheduling import Scheduling

SCHED = Scheduling()
T0 = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)


@given(
    st.lists(st.sampled_from(list(Rating)), min_size=1, max_size=12),
    st.lists(st.integers(0, 90 * 24 * 60), min_size=12, max_size=12),
    st.sampled_from(["d/a", "d/b", "e/quotes/x/who_said"]),
)
def test_review_is_the_outcome_the_preview_showed(ratings: list[Rating], gaps: list[int], key: str) -> None:
    state = None
    now = T0
    for rating, gap in zip(ratings, gaps, strict=False):
        outcomes = SCHED.outcomes(state, now, key)
        after = SCHED.review(state, rating, now, key)
        assert after == outcomes[rating]
        state = after
        now += dt.timedelta(minutes=gap)
