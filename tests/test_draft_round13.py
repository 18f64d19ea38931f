"""Classes found by drafting held-out texts: dates told from the past looking ahead, seasons,
months before a noun, parts of a whole, companies named by what they run."""

from __future__ import annotations

import pytest
from draft_helpers import actor_kinds

from quizlib import PartialDate
from quizlib.draft.dates import find_dates
from quizlib.draft.figures import find_figures

FRIDAY = PartialDate(2025, 2, 21)  # a Friday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A future seen from the past ("said … would") looks ahead; a "would" after the date does not.
        ("The mayor said a panel would report by April 15 on the plan.", ["2025-04-15"]),
        ("The club said it would name a new coach on Thursday.", ["2025-02-27"]),
        ("She told staff on Jan. 30 that the plan would save money.", ["2025-01-30"]),
        # A present copula right before a day schedules it.
        ("The first day of the spring term is March 3.", ["2025-03-03"]),
        ("Inflation is 3% in March.", ["2024-03"]),
        # A number before the weekday is no tense of its own: the verb before it is.
        ("The council voted 7-4 on Thursday night to shut the pool.", ["2025-02-20"]),
        # An adjective in -ed is no past verb.
        ("The firm will publish a detailed plan on Thursday.", ["2025-02-27"]),
        # A season before a year; a month before a noun.
        ("Construction should start in spring 2027.", ["2027"]),
        ("The watchdog warned in its June report that costs were rising.", ["2024-06"]),
    ],
)
def test_dates(sentence: str, expected: list[str]) -> None:
    assert [m.date.iso() for m in find_dates(sentence, FRIDAY)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The charity said 85 of the volunteers were trained.", [(85, "volunteers")]),
        ("Twelve died at the scene, and three more in hospital.", [(12, "people"), (3, "people")]),
    ],
)
def test_parts_count_what_their_whole_counts(sentence: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in find_figures(sentence)] == expected


def test_an_airport_is_a_body() -> None:
    assert actor_kinds("Shares in Norwich Airport rose after the ruling on Monday.") == {
        "Norwich Airport": "institution"
    }
