"""Fair agreement questions on small decks: party and broker distractors, term questions,
date questions at their precision, feedback that says who else is named and where.

The decks and helpers are those of ``test_fair_prompts``.
"""

from __future__ import annotations

import re

import pytest
from test_fair_prompts import ACTORS, TYPES, answer, deck, fact, generate

from quizlib import Actor, Citation, Conflict, Deck, Fact, PartialDate, Question, parse_date_answer

# -- agreements ----------------------------------------------------------------------------
CEASEFIRE = fact("agreements", "ceasefire", ("c:p4",), name="the trilateral ceasefire statement",
                 date="2020-11-10", parties=["armenia", "azerbaijan", "russia"],
                 terms=[{"id": "length", "text": "how many years the peacekeeping mission is to last",
                         "value": 5, "unit": "years"},
                        {"id": "troops", "text": "the number of peacekeepers", "value": 1960,
                         "unit": "troops"},
                        {"id": "asked", "text": "x", "value": 60, "unit": "servicemen",
                         "question": "How many servicemen staff the monitoring center?"}])  # fmt: skip


PAIR = ["armenia", "azerbaijan"]


def parties_question(d: Deck, seed: int = 0, of: str = "agreements/ceasefire/") -> Question:
    (q,) = [q for q in generate(d, "agreements", seed) if q.id.startswith(of) and q.id.endswith("/parties")]
    return q


def test_party_distractors_are_top_level_plausible_and_never_involved() -> None:
    brokered = fact("agreements", "truce", name="the Moscow-brokered truce", date="2023-09-20",
                    parties=["azerbaijan", "nkr"])  # fmt: skip
    d = deck(CEASEFIRE, brokered)
    for seed in range(20):
        wrong = set(parties_question(d, seed).prompt.choices) - {"Armenia", "Azerbaijan", "Russia"}
        assert wrong and wrong <= {"Turkey", "Nagorno-Karabakh Republic"}  # never a ministry or a person
        options = set(parties_question(d, seed, "agreements/truce/").prompt.choices)
        assert "Russia" not in options  # the name says Moscow brokered it: not a wrong answer
        assert "Russian Foreign Ministry" not in options


def test_conflicting_parties_are_never_distractors_and_a_name_naming_a_party_is_not_asked() -> None:
    disputed = Fact("agreements", "truce", {"name": "the truce", "date": "2023-09-20",
                                             "parties": ["azerbaijan", "nkr"]},
                    conflicts=(Conflict("parties", ["azerbaijan", "nkr", "russia"],
                                        (Citation("b"),)),))  # fmt: skip
    for seed in range(10):
        truce = parties_question(deck(disputed, CEASEFIRE), seed, "agreements/truce/")
        assert "Russia" not in truce.prompt.choices
    named = fact(
        "agreements",
        "pact",
        name="the Armenia-Azerbaijan pact",
        date="2024",
        parties=["armenia", "azerbaijan"],
    )
    ids = {q.id for q in generate(deck(named, CEASEFIRE), "agreements")}
    assert "agreements/pact/agreements/parties" not in ids
    assert "agreements/ceasefire/agreements/parties" in ids


def test_parties_feedback_names_wrong_picks_and_missed_parties() -> None:
    q = parties_question(deck(CEASEFIRE))
    choices = q.prompt.choices
    picks = (choices.index("Armenia"), choices.index("Turkey"))
    grade = TYPES["agreements"].grade(q, tuple(sorted(picks)))
    assert grade.score == 0.0
    assert (
        grade.feedback
        == "Not a party: Turkey. Also a party: "
        + ", ".join(c for c in choices if c in ("Azerbaijan", "Russia"))
        + "."
    )


def test_party_distractors_never_share_a_name_with_a_party() -> None:
    fund = Actor("fund", "Armenia Fund", "institution", "charity")
    d = deck(CEASEFIRE, actors=(*ACTORS, fund))
    for seed in range(10):
        assert "Armenia Fund" not in parties_question(d, seed).prompt.choices


def test_term_questions_are_grammatical_and_counts_whole() -> None:
    qs = {q.id.rsplit("/", 1)[1]: q for q in generate(deck(CEASEFIRE), "agreements")}
    assert qs["term-length"].prompt.text == (
        "Under the trilateral ceasefire statement, how many years is the peacekeeping mission to last?"
    )
    assert qs["term-troops"].prompt.text == (
        "Under the trilateral ceasefire statement, what was the number of peacekeepers, in troops?"
    )
    assert qs["term-asked"].prompt.text == "How many servicemen staff the monitoring center?"
    grade = TYPES["agreements"].grade(qs["term-troops"], "1,900")
    assert grade.score == 1.0 and grade.correct_answer == "1,960 troops"
    assert grade.feedback == "Given as 1,960 troops (Outlet C, p4); counted right: 1,862 to 2,058."
    assert answer(qs["term-asked"]).accepted == ("57 to 63",)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("how many years the mission is to last", "how many years is the mission to last?"),
        ("how many troops Russia has deployed", "how many troops has Russia deployed?"),
        ("how many people were killed", "how many people were killed?"),
        ("how many servicemen who were deployed use drones",
         "how many servicemen who were deployed use drones?"),
        ("how many troops the center employs",  # "does … employ" is not made by rule
         "a term says how many troops the center employs. What number is that?"),
        ("the length of the initial term", "what was the length of the initial term, in years?"),
    ],
)  # fmt: skip
def test_term_text_becomes_a_direct_question(text: str, asked: str) -> None:
    from quizlib_plugins.agreements import term_question

    assert term_question("the deal", {"text": text, "unit": "years"}) == f"Under the deal, {asked}"


@pytest.mark.parametrize(
    ("date", "text", "hint"),
    [
        ("2020-11-10", "On what date was the accord agreed?", re.compile(r"a date, e\.g\. \d+ \w+ \d{4}$")),
        ("2020-11", "In what month and year was the accord agreed?",
         re.compile(r"a month and year, e\.g\. \w+ \d{4}$")),
        ("2020", "In what year was the accord agreed?", re.compile(r"a year, e\.g\. \d{4}$")),
    ],
)  # fmt: skip
def test_date_question_at_its_precision_with_an_example_that_answers_nothing(
    date: str, text: str, hint: re.Pattern[str]
) -> None:
    accord = fact("agreements", "accord", name="the accord", date=date, parties=["armenia", "azerbaijan"])
    events = [
        fact("events", f"e{y}", date=f"{y}-0{1 + y % 9}-1{y % 10}", text=f"event {y}")
        for y in range(2012, 2030)
    ]
    d = deck(accord, *events)
    (q,) = [q for q in generate(d, "agreements") if q.id.endswith("/date")]
    assert q.prompt.text == text and hint.match(q.prompt.hint), q.prompt.hint
    example = q.prompt.hint.split("e.g. ")[1]
    assert TYPES["agreements"].grade(q, example).score == 0.0
    shown = parse_date_answer(example)
    assert shown.precision == PartialDate.parse(date).precision
    assert all(shown.orders_with(PartialDate.parse(f.get("date"))) for f in [accord, *events])


def test_date_feedback_says_when_sources_disagree() -> None:
    accord = Fact("agreements", "accord", {"name": "the accord", "date": "2023-09-20", "parties": PAIR},
                  conflicts=(Conflict("date", "2023-09-21", (Citation("b"),)),))  # fmt: skip
    (q,) = [q for q in generate(deck(accord), "agreements") if q.id.endswith("/date")]
    grade = TYPES["agreements"].grade(q, "21 September 2023")
    assert grade.score == 1.0
    assert grade.feedback == (
        "20 September 2023: the accord was agreed.\n"
        "Also given as 21 September 2023 by Outlet B; either counts as right."
    )
    assert answer(q).accepted == ("21 September 2023",)


def test_a_name_that_states_the_date_is_not_asked_for_it() -> None:
    named = fact("agreements", "nov", name="the November 2020 statement", date="2020-11-10",
                 parties=["armenia", "azerbaijan"])  # fmt: skip
    year = fact("agreements", "y", name="the 2021 deal", date="2021", parties=["armenia", "azerbaijan"])
    kept = fact(
        "agreements", "k", name="the 2021 accord", date="2021-03-04", parties=["armenia", "azerbaijan"]
    )
    ids = {q.id for q in generate(deck(named, year, kept), "agreements")}
    assert "agreements/nov/agreements/date" not in ids and "agreements/y/agreements/date" not in ids
    assert "agreements/k/agreements/date" in ids


def test_agreement_terms_cite_their_own_sources_and_parties_feedback_tells_the_disagreement() -> None:
    from dataclasses import replace

    from quizlib import Conflict

    truce = fact(
        "agreements", "truce", sources=("a:p1", "b:p2"), name="the truce", date="2020-11-10",
        parties=["armenia", "azerbaijan"],
        terms=[{"id": "years", "text": "how many years the mission lasts", "value": 5, "unit": "years",
                "sources": ["c:p6"]}],
    )  # fmt: skip
    truce = replace(truce, conflicts=(Conflict("parties", ["russia", "azerbaijan"], (Citation("b", "p4"),)),))
    made = {q.id.rsplit("/", 1)[1]: q for q in generate(deck(truce), "agreements")}
    qt = TYPES["agreements"]
    term = qt.grade(made["term-years"], "5")
    assert "(Outlet C, p6)" in term.feedback and "Outlet A" not in term.feedback
    parties = made["parties"]
    right = tuple(parties.prompt.choices.index(n) for n in ("Armenia", "Azerbaijan"))
    assert "Another source names Russia and Azerbaijan (Outlet B, p4)." in qt.grade(parties, right).feedback


def test_who_set_up_a_body_is_asked_with_its_verb() -> None:
    center = fact("agreements", "center", name="the joint monitoring center", date="2020-11",
                  parties=["russia", "turkey"], verb="established")  # fmt: skip
    made = {q.id.rsplit("/", 1)[1]: q for q in generate(deck(center), "agreements")}
    assert made["parties"].prompt.text == "Who established the joint monitoring center?"


def test_a_term_in_a_scaled_unit_is_hinted_in_its_things_and_takes_its_scale() -> None:
    """A term of "12 million pounds" is hinted "a number of pounds, in millions" (never "a
    number of million pounds"), and "£12m" is its answer."""
    deal = fact("agreements", "deal", ("c:p4",), name="the Tarn broadcast deal", date="2024-07",
                parties=["armenia", "azerbaijan"],
                terms=[{"id": "value", "text": "the value of the deal", "value": 12,
                        "unit": "million pounds"}])  # fmt: skip
    (q,) = [q for q in generate(deck(deal), "agreements") if q.id.endswith("term-value")]
    assert q.prompt.hint == "a number of pounds, in millions"
    assert TYPES["agreements"].grade(q, "£12m").score == 1.0


def test_date_feedback_pairs_the_date_with_what_was_done() -> None:
    """Feedback on a wrong date teaches the right one with the agreement and its verb, as date
    recall pairs a date with its event; never an empty line."""
    pact = fact("agreements", "pact", name="the Orrin water pact", date="2019-04", verb="signed",
                parties=PAIR)  # fmt: skip
    (q,) = [q for q in generate(deck(pact), "agreements") if q.id.endswith("/date")]
    grade = TYPES["agreements"].grade(q, "May 2019")
    assert grade.score == 0.5 and grade.feedback == "April 2019: the Orrin water pact was signed."
