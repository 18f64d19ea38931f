"""Number questions: hints in the unit's size and words, answers read as people type them,
ranges and the sentence in full as a source writes them."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_feedback import answer, feedback, figure_deck, grade, number_question

from quizlib import (
    Deck,
    Fact,
    accepted_range,
    answer_of,
    format_number,
    get_plugin_manager,
    grade_number,
    parse_number,
)

HOST = get_plugin_manager(entry_points=False)


def test_a_number_hint_keeps_an_example_of_the_units_size_in_a_deck_full_of_small_figures() -> None:
    """A deck near every listed example of small numbers and with one figure in millions: the
    hint of a count of weeks shows a free number of its own size, never one above the millions."""
    values = (7, 5, 11, 3, 8, 13, 4, 15, 17, 12, 19, 23, 30, 40, 70, 2.4e6)
    figures = tuple(
        Fact("figures", f"f{i}", {"value": v, "unit": "weeks" if v < 100 else "dollars"})
        for i, v in enumerate(values)
    )
    deck = Deck("t", "T", sections={"figures": figures})
    hint = number_question(figures[0], deck).prompt.hint
    example = parse_number(hint.split("e.g. ")[1])
    assert hint.startswith("a number of weeks, e.g. ") and 1 < example < 1000
    assert all(grade_number(example, v).score == 0 for v in values)


def test_a_reading_on_a_scale_named_before_its_number_is_asked_and_answered_as_one() -> None:
    """ "The Category … storm" asks a reading on a named scale: hinted "a category" with a
    small example, answered "category 4" as the sentence writes it, typed either way."""
    fact = Fact(
        "figures",
        "storm",
        {"value": 4, "unit": "category", "counts": "The category … storm flattened the Tarn pier."},
    )
    other = Fact("figures", "gust", {"value": 3.5, "unit": "index", "counts": "A gust of index … hit Kell."})
    deck = figure_deck(fact, other)
    q, gust = number_question(fact, deck), number_question(other, deck)
    assert q.prompt.hint.startswith("a category, e.g. ") and "number of" not in q.prompt.hint
    assert gust.prompt.hint.startswith("an index, e.g. ")
    assert parse_number(q.prompt.hint.split("e.g. ")[1]) < 100
    assert answer(q).text == "category 4" and answer(gust).text == "index 3.5"
    for typed in ("category 4", "4 category", "4"):
        assert grade(q, typed).score == 1.0
    assert "In full: The category 4 storm flattened the Tarn pier." in feedback(q, "2")
    # The scale's name may follow a bracket or a dash ("(odds ratio …", "—index …").
    for text in ("Risk rose (odds ratio …, 95% CI 1.1 to 1.6).", "Risk rose—odds ratio … in all."):
        ratio = Fact("figures", "r", {"value": 1.34, "unit": "odds ratio", "counts": text})
        assert number_question(ratio).prompt.hint.startswith("an odds ratio, e.g. ")
        assert answer(number_question(ratio)).text == "odds ratio 1.34"
    # A unit after the gap is a count, as before.
    count = Fact("figures", "piers", {"value": 30, "unit": "piers", "counts": "The storm hit … piers."})
    assert number_question(count).prompt.hint.startswith("a number of piers, e.g. ")


def test_a_unit_of_time_written_singular_is_asked_in_its_plural() -> None:
    """ "a …-day course" and "1 hour" are asked "a number of days/hours", never "a number of day"."""
    course = Fact("figures", "c", {"value": 3, "unit": "day", "counts": "Medics took a …-day course."})
    wait = Fact("figures", "w", {"value": 1, "unit": "hour", "counts": "The ferry waited … hour."})
    assert number_question(course).prompt.hint.startswith("a number of days, e.g. ")
    assert number_question(wait).prompt.hint.startswith("a number of hours, e.g. ")
    assert answer(number_question(wait)).text == "1 hour"


def test_number_hints_avoid_the_values_of_agreement_terms_too() -> None:
    fact = Fact("figures", "f", {"value": 64, "unit": "people", "counts": "people on the trek"})
    terms = {"terms": [{"id": "t", "text": "how many people", "value": 1500, "unit": "people"}]}
    deck = Deck("t", "T", sections={"figures": (fact,), "agreements": (Fact("agreements", "a", terms),)})
    hint = number_question(fact, deck).prompt.hint
    assert hint.startswith("a number of people, e.g. ") and "1,500" not in hint and "1.5k" not in hint


@given(st.floats(min_value=-1e9, max_value=1e9), st.sampled_from(["5%", "10%", "3%", 0.1, None]))
def test_counted_right_ranges_show_no_binary_noise_and_read_back(value: float, tolerance: object) -> None:
    low, high = accepted_range(round(value, 3), tolerance)
    for bound in (low, high):
        shown = format_number(bound)
        digits = re.sub(r"\D", "", shown.split("e")[0]).lstrip("0")
        assert len(digits) <= 12, shown  # 4.9350000000000005 is 4.935
        assert parse_number(shown) == pytest.approx(bound, rel=1e-9, abs=1e-12)
    assert format_number(4.7 * 1.05) == "4.935"
    assert format_number(2000.0) == "2,000" and format_number(1.5) == "1.5"


def test_a_range_the_source_gives_is_taught_as_a_range() -> None:
    """ "asked for 40 to 50 years": the answer and the restored sentence say the range, never
    just its lower end; any answer in it counts."""
    data = {"value": 40, "upper": 50, "unit": "years", "counts": "They asked for … years"}
    fact = Fact("figures", "ask", data)
    deck = Deck("t", "T", sections={"figures": (fact,)})
    qt = HOST.question_types["number_recall"]
    (q,) = qt.generate(fact, deck, random.Random(0))
    assert answer_of(qt, q).text == "40 to 50 years"
    assert "In full: They asked for 40 to 50 years." in qt.grade(q, "45").feedback
    assert qt.grade(q, "45").score == qt.grade(q, "50").score == 1.0 and qt.grade(q, "30").score < 1.0
    example = q.prompt.hint.split("e.g. ")[1]
    assert qt.grade(q, example).score == 0.0


def test_percent_and_age_hints_are_english_and_an_age_reads_as_one() -> None:
    facts = (
        Fact("figures", "vote", {"value": 40.1, "unit": "percent", "counts": "Lai won … of the vote"}),
        Fact("figures", "age", {"value": 54, "unit": "years (age)", "counts": "said Ali, …, a farmer"}),
        Fact("figures", "pts", {"value": 2, "unit": "percentage points", "counts": "rates rose …"}),
    )
    deck = Deck("t", "T", sections={"figures": facts})
    qt = HOST.question_types["number_recall"]
    vote, age, pts = (qt.generate(f, deck, random.Random(0))[0] for f in facts)
    assert vote.prompt.hint.startswith("a percentage, e.g. ")
    assert age.prompt.hint.startswith("an age in years, e.g. ")
    assert pts.prompt.hint.startswith("a number of percentage points, e.g. ")
    assert answer_of(qt, age).text == "54 years old"
    for typed in ("54", "54 years", "54 years old"):
        assert qt.grade(age, typed).score == 1.0, typed


def test_the_sentence_in_full_writes_the_figure_as_a_source_does() -> None:
    """The feedback's sentence keeps the percent and currency signs and the scale word the
    gap took out ("fell 6.5%", "a $4.5 trillion deficit"), and a typed sign is no error."""
    facts = (
        Fact(
            "figures", "deficit", {"value": 4.5e12, "unit": "dollars", "counts": "Ruritania ran a … deficit."}
        ),
        Fact("figures", "bread", {"value": 6.5, "unit": "percent", "counts": "Bread prices fell … in May."}),
        Fact(
            "figures",
            "fine",
            {"value": 2e7, "unit": "euros", "qualifier": "up to", "counts": "Mills face fines of … a year."},
        ),
        Fact(
            "figures", "hurt", {"value": 120, "unit": "people", "counts": "Police said … of them were hurt."}
        ),
        Fact(
            "figures", "dogs", {"value": 75, "unit": "percent", "counts": "Dogs were … percent of the pets."}
        ),
    )
    deck = Deck("t", "T", sections={"figures": facts})
    qt = HOST.question_types["number_recall"]
    deficit, bread, fine, hurt, dogs = (qt.generate(f, deck, random.Random(0))[0] for f in facts)
    assert "In full: Ruritania ran a $4.5 trillion deficit." in qt.grade(deficit, "0").feedback
    assert "In full: Bread prices fell 6.5% in May." in qt.grade(bread, "0").feedback
    assert "In full: Mills face fines of up to €20 million a year." in qt.grade(fine, "0").feedback
    assert "In full: Police said 120 of them were hurt." in qt.grade(hurt, "0").feedback
    assert "In full: Dogs were 75 percent of the pets." in qt.grade(dogs, "0").feedback
    quoted = Fact("figures", "q", {"value": 9, "unit": "boats", "counts": 'Ana said: "We lost … boats."'})
    asked = qt.generate(quoted, Deck("t", "T", sections={"figures": (quoted,)}), random.Random(0))[0]
    assert asked.prompt.text == 'Fill in the number: Ana said: "We lost … boats."'
    assert 'In full: Ana said: "We lost 9 boats."\n' in qt.grade(asked, "0").feedback
    points = Fact("figures", "pts", {"value": 2, "unit": "percentage points", "counts": "Rates rose …."})
    asked = qt.generate(points, Deck("t", "T", sections={"figures": (points,)}), random.Random(0))[0]
    assert "In full: Rates rose 2." in qt.grade(asked, "0").feedback  # not "2%"
    fare = Fact("figures", "fare", {"value": 2.5, "unit": "dollars", "counts": "A ride costs …."})
    asked = qt.generate(fare, Deck("t", "T", sections={"figures": (fare,)}), random.Random(0))[0]
    assert "In full: A ride costs $2.50." in qt.grade(asked, "0").feedback
    assert answer_of(qt, deficit).text == "4.5 trillion dollars"
    assert "Counted right: 4.3 trillion to 4.7 trillion." in qt.grade(deficit, "0").feedback
    for question, typed in ((deficit, "$4.5 trillion"), (bread, "6.5%"), (fine, "€20m"), (bread, "6.5 %")):
        assert qt.grade(question, typed).score == 1.0, typed


def test_a_large_amount_is_hinted_in_its_scale_word() -> None:
    """A hint "e.g. 12" beside 24 billion dollars invites "24", which is 24 dollars."""
    facts = tuple(
        Fact("figures", f, {"value": v, "unit": "dollars", "counts": f"{f} was worth …"})
        for f, v in (("big", 24_000_000_000), ("small", 40))
    )
    deck = Deck("t", "T", sections={"figures": facts})
    qt = HOST.question_types["number_recall"]
    big, small = (qt.generate(f, deck, random.Random(0))[0] for f in facts)
    example = big.prompt.hint.split("e.g. ")[1]
    assert example.endswith(" billion") and qt.grade(big, example).score == 0.0
    assert qt.grade(big, "24 billion").score == 1.0 and qt.grade(big, "24bn").score == 1.0
    assert "illion" not in small.prompt.hint
    assert parse_number("1.2 trillion") == parse_number("1.2tn") == 1.2e12


@pytest.mark.parametrize("typed", ["-5", "\u22125", "minus 5", "- 5", "\u20135"])
def test_a_negative_answer_keeps_its_sign(typed: str) -> None:
    assert parse_number(typed) == -5.0
    assert grade_number(parse_number(typed), -5.0).score == 1.0
    assert grade_number(parse_number(typed), 5.0).score < 1.0  # -5 is not the 5 asked for
    assert parse_number("minus twenty-five") == -25.0 and parse_number("twenty-five") == 25.0


def test_a_decimal_figure_shows_its_range_in_its_own_decimals() -> None:
    """40.1% ± 5% is shown "38.1 to 42.1", not "38.095 to 42.105"; graded on the exact range."""
    assert accepted_range(40.1, None) == (38.1, 42.1)
    assert accepted_range(0.125, None) == (0.119, 0.131)
    assert grade_number(38.097, 40.1).score == 1.0  # inside the exact range
    # One decimal more rather than a single number for a range: "over 1.5" is not "exactly 1.5".
    assert accepted_range(1.5, None, "over") == (1.5, 1.57)
    assert accepted_range(0.3, None) == (0.29, 0.31)
    assert accepted_range(64, "10%") == (58, 70)


def test_a_figure_in_scale_words_shows_its_range_in_the_decimals_of_its_scale_word() -> None:
    """7.3 billion ± 5% is shown "7 billion to 7.6 billion" (as a source writes such figures),
    not "6.935 billion to 7.665 billion"; graded on the exact range."""
    assert accepted_range(7.3e9, None) == (7.0e9, 7.6e9)
    assert accepted_range(46e6, None) == (44e6, 48e6)
    assert accepted_range(3.45e12, "10%") == (3.11e12, 3.79e12)
    assert accepted_range(2.6e6, "5%", whole=True) == (2.5e6, 2.7e6)  # a count of 2.6 million
    assert accepted_range(5e6, "2%", "over") == (5e6, 5.1e6)  # one decimal more, not "exactly"
    assert grade_number(6.94e9, 7.3e9).score == 1.0  # inside the exact range
    data = {"text": "The fund held {{$7.3 billion}}.", "value": 7.3e9, "unit": "dollars"}
    fact = Fact("figures", "f", data)
    assert "Counted right: 7 billion to 7.6 billion." in feedback(number_question(fact), "1")


@pytest.mark.parametrize(
    ("typed", "score"),
    [
        ("40", 1.0), ("40m", 1.0), ("$40m", 1.0), ("40 million", 1.0), ("forty million", 1.0),
        ("40,000,000", 1.0), ("40 million dollars", 1.0), ("40m dollars", 1.0), ("40 thousand", 0.0),
        ("4 billion", 0.0),
    ],
)  # fmt: skip
def test_a_unit_led_by_a_scale_word_counts_a_typed_scale_as_the_answer(typed: str, score: float) -> None:
    """A unit "million dollars" counts in millions: "40", "$40m", "40 million" and
    "40,000,000" are all the source's 40 million dollars; a wrong scale is wrong."""
    fields = {"value": 40, "unit": "million dollars", "counts": "size of the Kestrel round"}
    fact = Fact("figures", "round", fields)
    assert grade(number_question(fact), typed).score == score


def test_an_agreement_term_takes_its_unit_and_scale_as_number_recall_does() -> None:
    """A term's answer may carry its unit ("3 seasons") and a scaled unit's own scale."""
    from quizlib_plugins._agreement_terms import grade_term

    assert grade_term("3 seasons", 3, "seasons").score == 1.0
    for typed in ("12", "£12m", "12 million pounds", "12,000,000"):
        assert grade_term(typed, 12, "million pounds").score == 1.0


@pytest.mark.parametrize(
    ("counts", "unit", "asked"),
    [
        ("record attendance at the Quayside final", "spectators",
         "What was the record attendance at the Quayside final, in spectators?"),
        ("Nordvik's revenue in Asia in 2021", "million euros",
         "What was Nordvik's revenue in Asia in 2021, in million euros?"),
        ("Tarn Albion's unbeaten run in the spring", "matches",
         "What was Tarn Albion's unbeaten run in the spring, in matches?"),
        ("fee Kestrel paid for the striker", "pounds",
         "What was the fee Kestrel paid for the striker, in pounds?"),
        ("wavelength of the green mercury line", "nanometres",
         "What was the wavelength of the green mercury line, in nanometres?"),
        ("copper sulphate the students dissolved", "grams",
         "What was the amount of copper sulphate the students dissolved, in grams?"),
        ("crude oil spilled off Vardø", "barrels",
         "What was the amount of crude oil spilled off Vardø, in barrels?"),
        ("league goals Ines Varga scored", "goals",
         "What was the number of league goals Ines Varga scored?"),
        ("staff of the Orrin observatory", "employees",
         "What was the number of staff of the Orrin observatory?"),
        ("Russian servicemen killed in the crash", "servicemen",
         "What was the number of Russian servicemen killed in the crash?"),
        ("scientists photographed at the congress", "scientists",
         "What was the number of scientists photographed at the congress?"),
    ],
)  # fmt: skip
def test_a_singular_counts_is_asked_as_a_quantity_in_its_unit(counts: str, unit: str, asked: str) -> None:
    """ "The number of" takes a plural: a singular head is asked in its unit (without "the"
    before a possessive), and a substance weighed or measured by volume as an amount."""
    fact = Fact("figures", "f", {"value": 12, "unit": unit, "counts": counts})
    assert number_question(fact).prompt.text == asked


def test_a_scaled_unit_is_hinted_in_its_things_with_the_scale_on_the_example() -> None:
    """A unit "million euros" is hinted "a number of euros, e.g. 11 million": never "a number
    of million euros", whose "million" alone reads as an answer; the example earns nothing."""
    fact = Fact(
        "figures", "rev", {"value": 18.5, "unit": "million euros", "counts": "Nordvik's revenue in 2021"}
    )
    hint = number_question(fact).prompt.hint
    assert re.fullmatch(r"a number of euros, e\.g\. [\d.]+ million", hint)
    assert grade(number_question(fact), hint.split("e.g. ")[1]).score == 0


def test_the_range_of_a_scaled_unit_is_read_with_its_scale_word() -> None:
    """ "Counted right: 17.6 to 19.4" beside "million euros" reads as euros: the range keeps
    the scale word."""
    fields = {"value": 18.5, "unit": "million euros", "counts": "Nordvik's revenue in 2021"}
    q = number_question(Fact("figures", "rev", fields))
    assert "Counted right: 17.6 million to 19.4 million." in feedback(q, "18")
    assert answer(q).accepted == ("counted right: 17.6 million to 19.4 million",)
