"""Agreements: mediators are not parties, a brokers question, the verb of the date question."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from quizlib import Deck, Question, answer_of, load_deck
from quizlib.plugins import PluginHost
from quizlib.study.questions import generate_questions

DECK = """\
quizlib: 1
deck: {id: roles, title: Roles}
sources: [{id: wire, title: Wire report, outlet: Wire}]
actors:
  - {id: alpha, name: Alphaland, kind: institution, role: state}
  - {id: beta, name: Betaland, kind: institution, role: state}
  - {id: gamma, name: Gammaland, kind: institution, role: state}
  - {id: delta, name: Deltaland, kind: institution, role: state}
  - {id: eps, name: Epsilonia, kind: institution, role: state}
  - {id: zeta, name: Zetaland, kind: institution, role: state}
  - {id: agency, name: Refugee Agency, kind: institution, role: agency for refugees}
agreements:
  - id: truce
    name: the autumn truce
    date: 2023-09-20
    parties: [alpha, beta]
    mediators: [gamma]
    sources: ["wire:p12"]
  - id: center
    name: the joint monitoring center
    date: 2020-11
    verb: established
    parties: [gamma, delta]
    terms:
      - {id: staff, text: the number of servicemen in the center, value: 60, unit: servicemen}
    sources: ["wire:p5"]
"""


@pytest.fixture
def questions(write_deck: Callable[..., Path], host: PluginHost) -> dict[str, Question]:
    deck: Deck = load_deck(write_deck(DECK), sections=host.sections, cache_dir=None)
    out: dict[str, Question] = {}
    for seed in range(3):
        for q in generate_questions(deck, host, random.Random(seed)).questions:
            out.setdefault(q.id, q)
            # no state's role word, no other agreement, no event: no plausible party or broker
            assert "Refugee Agency" not in q.prompt.choices
            assert "Gammaland" not in q.prompt.choices or q.fact.id != "truce" or q.id.endswith("mediators")
    return out


def test_a_mediator_is_no_party_and_the_feedback_says_it_brokered(
    questions: dict[str, Question], host: PluginHost
) -> None:
    q = questions["agreements/truce/agreements/parties"]
    assert "Gammaland" not in q.prompt.choices
    right = tuple(q.prompt.choices.index(n) for n in ("Alphaland", "Betaland"))
    grade = host.question_types["agreements"].grade(q, right)
    assert grade.score == 1.0
    assert "Gammaland brokered it but was not a party." in grade.feedback


def test_who_brokered_is_asked_without_the_parties_among_the_wrong_options(
    questions: dict[str, Question], host: PluginHost
) -> None:
    """The parties question beside it names the parties: as brokers they would fall out."""
    q = questions["agreements/truce/agreements/mediators"]
    assert q.prompt.text == "Who brokered the autumn truce?"
    assert "Gammaland" in q.prompt.choices and len(q.prompt.choices) >= 3
    assert not {"Alphaland", "Betaland"} & set(q.prompt.choices)
    qt = host.question_types["agreements"]
    assert qt.grade(q, q.prompt.choices.index("Gammaland")).score == 1.0
    other = next(i for i, c in enumerate(q.prompt.choices) if c != "Gammaland")
    wrong = qt.grade(q, other)
    assert wrong.score == 0.0 and "The parties were Alphaland and Betaland." in wrong.feedback
    found = answer_of(qt, q)
    assert found is not None and found.text == "Gammaland"
    assert "agreements/center/agreements/mediators" not in questions  # no mediators, no question


def test_the_date_question_uses_the_verb_and_terms_cite_the_source(
    questions: dict[str, Question], host: PluginHost
) -> None:
    assert questions["agreements/center/agreements/date"].prompt.text == (
        "In what month and year was the joint monitoring center established?"
    )
    truce = questions["agreements/truce/agreements/date"]
    assert truce.prompt.text == "On what date was the autumn truce agreed?"
    staff = questions["agreements/center/agreements/term-staff"]
    grade = host.question_types["agreements"].grade(staff, "60")
    assert grade.feedback.startswith("Given as 60 servicemen (Wire, p5)")
    assert "agreement says" not in grade.feedback


def test_an_agreement_date_only_a_doubtful_source_gives_earns_half(
    write_deck: Callable[..., Path], host: PluginHost
) -> None:
    text = DECK.replace(
        "sources: [{id: wire, title: Wire report, outlet: Wire}]",
        "sources: [{id: wire, title: Wire report, outlet: Wire},"
        " {id: shaky, title: Shaky report, reliability: garbles dates}]",
    ).replace(
        '    sources: ["wire:p12"]',
        '    sources: ["wire:p12"]\n'
        "    conflicts: [{field: date, value: 2021-05-02, sources: [shaky], note: It garbles the year.}]",
    )
    deck = load_deck(write_deck(text), sections=host.sections, cache_dir=None)
    questions = {q.id: q for q in generate_questions(deck, host, random.Random(0)).questions}
    q = questions["agreements/truce/agreements/date"]
    grade = host.question_types["agreements"].grade(q, "2 May 2021")
    assert grade.score == 0.5
    assert "Shaky report" in grade.feedback and "doubtful source (garbles dates)" in grade.feedback
