"""The built-in question types' shortcuts answer as the definitions they stand for: unit
kinds read from words, the "which" test before the pattern, and actors found in a text by
the words their names start with."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from quizlib_plugins._index import actors_named
from quizlib_plugins._speakers import _which, may_say_which
from quizlib_plugins._units import kind_by_pattern, unit_kind

from quizlib import Actor, Deck, name_forms, normalise

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


NAMES = ("Anna Lee", "Lee", "Anna Lee Park", "Park Ministry of Defense", "Defense", "Ministry")
ACTORS = {f"a{i}": Actor(f"a{i}", name, kind="institution") for i, name in enumerate(NAMES)} | {
    "p": Actor("p", "Ann Park", kind="person", aliases=("The Minister",))
}
NAMES_DECK = Deck("d", "D", actors=ACTORS)
TEXT_WORDS = ["anna", "Lee", "park", "ministry", "of", "defense", "the", "minister", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TEXT_WORDS)))
def test_actors_named_are_the_actors_whose_forms_the_text_holds(words: list[str]) -> None:
    text = " ".join(words)
    padded = f" {normalise(text)} "
    expected = {a.id for a in ACTORS.values() if any(f" {f} " in padded for f in name_forms(a))}
    assert actors_named(NAMES_DECK, text) == expected
