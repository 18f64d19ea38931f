"""Classes found by drafting held-out texts (round 17): ranges written with a dash or "or",
numbers spelled "a hundred", rates with their article, tallies voted against, ages in lists
and after "now" or "turned", a part of "their next 17 games", statistics named before their
number; dates in figures ("3/14/2019"), a season and year without "of", a scheduled change
told in the present ("who leaves office in December")."""

from __future__ import annotations

import pytest
from draft_helpers import draft

from quizlib import PartialDate
from quizlib.draft.dates import find_dates
from quizlib.draft.figures import find_figures


def figures(sentence: str) -> list[tuple[float, float | None, str]]:
    """Each figure's value, upper end (None unless a range) and unit."""
    return [(f.value, f.tolerance[1] if f.tolerance else None, f.unit) for f in find_figures(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ferry carried 40-60 passengers on a calm day.", [(40, 60, "passengers")]),
        ("Volunteers planted 200–300 saplings along the verge.", [(200, 300, "saplings")]),
        ("Prices at the market rose by 4–6% over the winter.", [(4, 6, "percent")]),
        ("The surgery takes two or three hours under sedation.", [(2, 3, "hours")]),
    ],
)
def test_a_range_written_with_a_dash_or_or_is_one_figure(
    sentence: str, expected: list[tuple[float, float | None, str]]
) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Riverside won 27-24 at the weekend.",
        "It was a 22-25 defeat for the visitors.",
        "The hosts led 14-21 at half-time.",
    ],
)
def test_a_score_is_no_range(sentence: str) -> None:
    assert all(upper is None for _, upper, _ in figures(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("She was paid a hundred dollars a night for the gig.", [(100, None, "dollars a night")]),
        ("Porters earn $11 an hour at the station.", [(11, None, "dollars an hour")]),
        ("Tickets cost £3 per person.", [(3, None, "pounds per person")]),
        ("More than a dozen houses flooded.", [(12, None, "houses")]),
    ],
)
def test_a_number_in_words_and_a_rate_keep_their_article(
    sentence: str, expected: list[tuple[float, float | None, str]]
) -> None:
    assert figures(sentence) == expected


def test_a_tally_voted_against_gives_the_larger_side_against() -> None:
    assert figures("The board voted 6-3 against the merger.") == [
        (6, None, "votes against"),
        (3, None, "votes in favour"),
    ]
    assert figures("The board voted 6-3 to approve the merger.") == [
        (6, None, "votes in favour"),
        (3, None, "votes against"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The choir takes singers at the ages of 9, 11 and 14.", [9, 11, 14]),
        ("The bell ringer, Agnes Polk, turned 90.", [90]),
        ("His old teammate, Pietrowski, now 52 and a coach in Leeds, said so.", [52]),
    ],
)
def test_ages_in_a_list_and_after_now_or_turned(sentence: str, expected: list[int]) -> None:
    assert [v for v, _, unit in figures(sentence) if unit == "years (age)"] == expected


def test_a_part_of_their_next_games_counts_games() -> None:
    assert figures("The Otters lost 9 of their last 12 games.") == [(9, None, "games"), (12, None, "games")]


def test_a_statistic_named_before_its_number_is_its_unit() -> None:
    found = figures("Risk rose (odds ratio 1.8, 95% confidence interval 1.2 to 2.7) among smokers.")
    assert found == [(1.8, None, "odds ratio"), (95, None, "percent"), (1.2, 2.7, "confidence interval")]


THURSDAY = PartialDate(2026, 4, 9)  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("7/21/2018: The depot opens to buses.", ["2018-07-21"]),
        ("The levy was agreed on 11/3/2022 after a long night.", ["2022-11-03"]),
        ("Ferries were halted on 28/2/2021 by ice.", ["2021-02-28"]),
        ("The hoardings went up on 2/9, a week late.", ["2026-02-09"]),
        ("Fewer flights have flown since 9/11 and 4/5 of them on time.", []),
        # A fraction is no date: bond prices, shares, a bare pair of numbers.
        ("Gilts gained 5/32 and three-quarters held 1/2 a share.", []),
    ],
)
def test_a_date_in_figures(sentence: str, expected: list[str]) -> None:
    assert [m.date.iso() for m in find_dates(sentence, THURSDAY)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Autumn 2017: Surveyors map the old canal.", ["2017"]),
        ("Winter 2011 was the wettest on record.", ["2011"]),
    ],
)
def test_a_season_and_year_at_a_line_start(sentence: str, expected: list[str]) -> None:
    assert [m.date.iso() for m in find_dates(sentence, THURSDAY)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Okonkwo, who steps down in June, defended the plan.", "2026-06"),
        ("The warden's lease expires in January, the trust said.", "2027-01"),
        ("The bishop retired in February after a long illness.", "2026-02"),
    ],
)
def test_a_scheduled_change_in_the_present_looks_ahead(sentence: str, expected: str) -> None:
    assert [m.date.iso() for m in find_dates(sentence, THURSDAY)] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A crowd of 3,200 watched the parade in the rain.", [(3200, None, "people")]),
        ("The island has a population of 1,450 and one school.", [(1450, None, "people")]),
    ],
)
def test_a_gathering_of_a_number_counts_people(
    sentence: str, expected: list[tuple[float, float | None, str]]
) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The kestrel nested roughly a mile from the quarry.", [(1, "mile", "roughly")]),
        ("The ferry crossing took nearly an hour in the fog.", [(1, "hour", "nearly")]),
        ("She walked a mile to the bus and paid £2 a day.", [(2, "pounds a day", None)]),
    ],
)
def test_one_of_a_measure_after_a_qualifier(
    sentence: str, expected: list[tuple[float, str, str | None]]
) -> None:
    assert [(f.value, f.unit, f.qualifier) for f in find_figures(sentence)] == expected


def test_a_timeline_entry_s_date_label_leaves_no_gap_in_its_event() -> None:
    deck = draft(
        "Headline\n\n- May 2016: The trust buys the mill and its three acres of land.\n\n"
        "- 4/2/2019: Restoration of the waterwheel begins.\n"
    )
    assert [(e["date"], e["text"]) for e in deck["events"]] == [
        ("2016-05", "The trust buys the mill and its three acres of land."),
        ("2019-04-02", "Restoration of the waterwheel begins."),
    ]


def test_a_tally_told_in_the_present() -> None:
    assert figures("- May 2016: The parish council votes 8-3 to buy the mill.") == [
        (8, None, "votes in favour"),
        (3, None, "votes against"),
    ]


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("The probe will make six passes over 40 days.", None),
        ("Fares rise 8% over two years, the operator said.", None),
        ("The repairs are spread over three or four weeks.", None),
        ("The inquiry lasted over 90 days.", "over"),
        ("She has farmed here for over 30 years.", "over"),
    ],
)
def test_over_a_span_of_time_is_the_period_unless_it_lasts_longer(
    sentence: str, qualifier: str | None
) -> None:
    spans = [f for f in find_figures(sentence) if f.unit in ("days", "years", "weeks")]
    assert [f.qualifier for f in spans] == [qualifier]
