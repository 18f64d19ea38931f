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
        # A modal looks ahead; a relative clause with its own present verb keeps its tense.
        ("New parts should arrive in late March.", ["2025-03"]),
        ("He said they would train for the final in Oslo, which starts on 3 April.", ["2025-04-03"]),
        # A past verb without -ed is the clause's own: "play-off" is no verb of scheduling.
        ("Mira Holt won the title on Saturday, beating Ida Lund in a play-off.", ["2025-02-15"]),
        # A range of days is read as its first day.
        ("The games ran from 26 to 28 December.", ["2024-12-26"]),
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


def test_a_joined_count_of_characters() -> None:
    assert [(f.value, f.unit) for f in find_figures("Enter the 12-character code on the form.")] == [
        (12, "characters")
    ]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # A body's short name, its leading acronym and its other name are one actor; its product
        # is no person; a plural noun opening sentences is no body.
        (
            (
                "Morrow Fastening Systems changed its process in May. Morrow said on Monday it regretted it.",
                "Morrow said the bolts were safe. The Morrow Ridgeback model is affected.",
            ),
            {"Morrow Fastening Systems": "institution"},
        ),
        (
            ("Power returned after KPL Networks restored the line.", "KPL Networks said KPL crews worked."),
            {"KPL Networks": "institution"},
        ),
        (
            ("The Nordic Rowing Union, known as NORU, met on Monday. NORU officials agreed the plan.",),
            {"Nordic Rowing Union": "institution"},
        ),
        (
            ("Buyers will be told by mail on Monday. Buyers can also check online.",
             "Farrow Rail said the trains ran late. An analyst at Delmont Securities agreed."),
            {"Farrow Rail": "institution", "Delmont Securities": "institution"},
        ),
    ],
)  # fmt: skip
def test_bodies_of_batch_two(paragraphs: tuple[str, ...], expected: dict[str, str]) -> None:
    assert actor_kinds(*paragraphs) == expected


def test_a_date_after_a_body_is_not_its_name() -> None:
    assert actor_kinds("The minister told the Harbour Council on Monday that the runway was approved.") == {
        "Harbour Council": "institution"
    }
