"""The built-in question types' shortcuts around regular expressions answer as the
expressions do: unit kinds read from words, and the "which" test before the pattern."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from quizlib_plugins._speakers import _which, may_say_which
from quizlib_plugins._units import kind_by_pattern, unit_kind

# The definitions as first written, verbatim.
SMALL = re.compile(
    r"^(seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|"
    r"million|billion|thousand|times|rounds?|terms?)\b",
    re.IGNORECASE,
)
PERCENT = re.compile(r"^(%|per ?cent|percentage)", re.IGNORECASE)
PEOPLE = re.compile(
    r"\b(people|persons|troops|soldiers|servicemen|servicemembers|personnel|refugees|civilians|"
    r"residents|voters|casualties|deaths|dead|workers|members|migrants|children|inhabitants|"
    r"protesters|prisoners|fighters|employees|users|visitors|students)$",
    re.IGNORECASE,
)


def defined_kind(unit: str) -> str:
    kind = "small" if SMALL.match(unit) else "percent" if PERCENT.match(unit) else "things"
    return "people" if PEOPLE.search(unit.strip()) else kind


WORDS = ["days", "Day", "seconds", "second", "million", "people", "TROOPS", "dead", "per", "cent",
         "percent", "%", "percentage", "year", "x", "2", "_", "ſ", "K", "İ", "ı", "é"]  # fmt: skip
SEPARATORS = ["", " ", "-", "_", "\n", "\t", ".", "’", "7"]
units = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=4).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@settings(max_examples=600, deadline=None)
@given(st.one_of(units, units.map(str.swapcase), units.map(lambda u: " " + u), st.text(max_size=12)))
@example("armored vehicles")
@example("million people")
@example("per cent")
@example("Seconds-long")
@example("dayS2")
def test_unit_kinds_are_those_the_patterns_define(unit: str) -> None:
    assert unit_kind(unit) == defined_kind(unit) == kind_by_pattern(unit)


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(
        st.text(alphabet="wWhHiIcC İıxy’“", max_size=12),
        st.text(alphabet="whichWHICHİı  -'", max_size=20).map(lambda t: t + " armenian official"),
        st.text(max_size=20),
    )
)
@example("Which Armenian official said it?")
@example("WHİCH side")
@example("whıch side")
def test_a_text_the_which_pattern_matches_is_never_passed_over(text: str) -> None:
    if _which().search(text):
        assert may_say_which(text)
