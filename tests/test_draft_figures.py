"""Drafted figures ask fair questions: units that name what is counted, gaps over the number
only, one figure for a range."""

from __future__ import annotations

import pytest
from draft_helpers import draft

from quizlib.draft.figures import find_figures


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Directions, prepositions and adverbs end a unit.
        ("The landslide buried a village about 30 miles northeast of Pokhara.", [(30, "miles")]),
        ("In the 9 months through June, exports fell.", [(9, "months")]),
        ("The ferry sank 20 minutes later.", [(20, "minutes")]),
        ("She shaved 12 seconds off the course record.", [(12, "seconds")]),
        ("Patients could swallow 4 almonds without a reaction.", [(4, "almonds")]),
        ("The tower is 80 metres tall.", [(80, "metres")]),
        ("The bones are 3 million years old.", [(3000000, "years")]),
        # A verb after the counted noun is not part of it, with or without -ed.
        ("About 2,000 families live in the valley.", [(2000, "families")]),
        ("Some 9,000 cyclists took part.", [(9000, "cyclists")]),
        ("Three levees burst during the night.", [(3, "levees")]),
        ("Older drivers, 15 percent, account for most crashes.", [(15, "percent")]),
        ("Seven out of ten firms offer pensions.", [(7, "firms"), (10, "firms")]),
        # "over 65" after people bounds their age, whatever verb follows.
        ("Adults over 70 account for half of the cases.", [(70, "years (age)")]),
        # A measure with no counted noun is named by the measure.
        ("The magnitude 5.9 tremor shook the coast.", [(5.9, "magnitude")]),
        ("An aftershock of magnitude 4.2 struck at dawn.", [(4.2, "magnitude")]),
        # A singular measure before a noun counts that measure.
        ("The treaty set a 2 degree ceiling.", [(2, "degrees")]),
        # A noun after its modifiers: "silver tea urns".
        ("Burglars took nine silver tea urns.", [(9, "silver tea urns")]),
    ],
)
def test_units_are_noun_phrases(sentence: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in find_figures(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "counts", "unit"),
    [
        ("The 47-year-old was acquitted on Friday.", "The …-year-old was acquitted on Friday.",
         "years (age)"),
        ("Both sides agreed a 14-day ceasefire.", "Both sides agreed a …-day ceasefire.", "days"),
        ("Rescuers walked a 6km trail to reach the stranded hikers.",
         "Rescuers walked a …km trail to reach the stranded hikers.", "km"),
        ("A 300-strong crowd gathered outside the court on Friday.",
         "A …-strong crowd gathered outside the court on Friday.", "members"),
    ],
)  # fmt: skip
def test_attached_numbers_gap_only_the_number(sentence: str, counts: str, unit: str) -> None:
    (figure,) = draft(f"Headline\n\n{sentence}\n")["figures"]
    assert (figure["counts"], figure["unit"]) == (counts, unit)


@pytest.mark.parametrize(
    ("sentence", "value", "tolerance", "counts"),
    [
        ("He faces a term of 15 to 20 years.", 15, [15, 20], "He faces a term of … years."),
        ("A herd of between 30 and 40 elephants crossed.", 30, [30, 40], "A herd of … elephants crossed."),
        ("The reef formed between 9 million and 7 million years ago.", 7000000, [7000000, 9000000],
         "The reef formed … years ago."),
        ("Repairs will cost between $2 million and $3 million a year.", 2000000, [2000000, 3000000],
         "Repairs will cost … a year."),
        ("The trial enrolled children aged 5 to 11.", 5, [5, 11], "The trial enrolled children aged …."),
    ],
)  # fmt: skip
def test_a_range_is_one_figure(sentence: str, value: float, tolerance: list[float], counts: str) -> None:
    (figure,) = draft(f"Headline\n\n{sentence}\n")["figures"]
    ends = [figure["value"], figure["upper"]]
    assert (figure["value"], ends, figure["counts"]) == (value, tolerance, counts)


@pytest.mark.parametrize(
    "sentence",
    ["Prices rose 3.1% to 3.4% in May.", "The toll climbed from 12 to 19 overnight.", "The panel voted 9-3."],
)
def test_changes_and_tallies_are_no_range(sentence: str) -> None:
    assert len(find_figures(sentence)) == 2
