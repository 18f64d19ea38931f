"""A fact's ``skip`` list, inferred dates, doubtful conflicting values and timeline order."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from quizlib import Deck, Fact, PartialDate, Question, load_deck
from quizlib.cli import main
from quizlib.deckfile.lint import unknown_skips
from quizlib.plugins import PluginHost
from quizlib.study.questions import generate_questions

DECK = """\
quizlib: 1
deck: {id: fields, title: Fields}
sources:
  - {id: wire, title: Wire report, outlet: Wire}
  - {id: shaky, title: Garbled report, reliability: mixes up two years}
actors:
  - {id: ann, name: Ann Lee, role: minister of Examplia}
events:
  - id: war
    date: 2020
    text: A war was fought.
    sources: [wire]
    skip: [date_recall]
  - id: signal
    date: 2024-01
    date_inferred: true
    text: The minister signaled a withdrawal.
    sources: [wire]
  - {id: talks, date: 2022-05, text: Talks began., sources: [wire]}
  - id: offensive
    date: 2023-09-19
    text: An offensive began.
    sources: [wire]
    conflicts:
      - {field: date, value: 2021-03-02, sources: [shaky], note: It mixes up the years.}
quotes:
  - id: q
    text: We will leave when the conflict is resolved and not a day before that.
    speaker: ann
    date: 2024-01
    date_inferred: true
    sources: [wire]
figures:
  - id: people
    value: 100000
    unit: people
    counts: people in the region
    tolerance: 15%
    sources: [wire]
    conflicts:
      - {field: value, value: 120000, sources: [wire], note: One count includes the suburbs.}
"""


@pytest.fixture
def deck(write_deck: Callable[..., Path], host: PluginHost) -> Deck:
    return load_deck(write_deck(DECK), sections=host.sections, cache_dir=None)


@pytest.fixture
def questions(deck: Deck, host: PluginHost) -> dict[str, Question]:
    return {q.id: q for q in generate_questions(deck, host, random.Random(0)).questions}


def test_skip_leaves_out_the_listed_types_only(questions: dict[str, Question]) -> None:
    assert "events/war/date_recall" not in questions
    assert "events/war/timeline" in questions


def test_an_unknown_name_in_skip_is_warned_about_where_it_is(
    write_deck: Callable[..., Path], host: PluginHost, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_deck(DECK.replace("skip: [date_recall]", "skip: [date_recal]"))
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    (problem,) = unknown_skips(deck, host.question_types)
    line = DECK.splitlines().index("    skip: [date_recall]") + 1
    assert (problem.line, problem.column) == (line, 12)
    assert "events/war: skip names 'date_recal'" in problem.message
    assert "did you mean 'date_recall'?" in problem.message
    main(["check", str(path)])
    assert f"{path}:{line}:12: warning: events/war: skip names 'date_recal'" in capsys.readouterr().err


def test_an_inferred_date_is_not_asked_and_is_marked_in_feedback(
    questions: dict[str, Question], host: PluginHost
) -> None:
    assert "events/signal/date_recall" not in questions
    timeline = next(q for q in questions.values() if q.type == "timeline" and q.fact.id == "signal")
    order = tuple(range(len(timeline.prompt.items)))
    text = host.question_types["timeline"].grade(timeline, order).feedback
    assert "January 2024 (inferred): The minister signaled a withdrawal." in text
    said = host.question_types["who_said_typed"].grade(questions["quotes/q/who_said_typed"], "Ann Lee")
    assert "in January 2024 (inferred)" in said.feedback


def test_a_date_given_only_by_a_doubtful_source_earns_half(
    questions: dict[str, Question], host: PluginHost
) -> None:
    q = questions["events/offensive/date_recall"]
    grade = host.question_types["date_recall"].grade(q, "2 March 2021")
    assert grade.score == 0.5
    assert "Garbled report" in grade.feedback and "doubtful" in grade.feedback
    assert "mixes up two years" in grade.feedback


def test_a_conflicting_value_counts_exactly_not_with_the_primary_tolerance(
    questions: dict[str, Question], host: PluginHost
) -> None:
    q = questions["figures/people/number_recall"]
    qt = host.question_types["number_recall"]
    assert qt.grade(q, "120,000").score == 1.0  # a reliable source gives it
    assert qt.grade(q, "138,000").score < 1.0  # 120,000 + 15% is in no report
    text = qt.grade(q, "120,000").feedback
    assert "Counted right: 85,000 to 115,000." in text
    assert "Also accepted: 120,000 (Wire). One count includes the suburbs." in text


def test_timeline_items_are_never_shown_in_order(host: PluginHost) -> None:
    facts = tuple(
        Fact("events", f"e{i}", {"date": f"{2000 + i}", "text": f"Event {i} happened."}) for i in range(4)
    )
    deck = Deck("t", "T", sections={"events": facts})
    timeline = host.question_types["timeline"]
    for seed in range(60):
        for fact in facts:
            (q,) = timeline.generate(fact, deck, random.Random(seed))
            dates = [PartialDate.parse(d) for d in q.key["dates"]]
            assert dates != sorted(dates, key=lambda d: d.span()[0])
            assert q.id == f"events/{fact.id}/timeline"


def test_strict_check_warns_about_a_misspelt_skip_once(
    write_deck: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_deck(DECK.replace("skip: [date_recall]", "skip: [date_recal]"))
    assert main(["check", "--strict", str(path)]) == 1
    assert capsys.readouterr().err.count("skip names 'date_recal'") == 1


def test_raw_citations_in_a_quote_context_read_as_source_names(
    write_deck: Callable[..., Path], host: PluginHost
) -> None:
    context = "    context: called local measures (shaky:p5)\n"
    text = DECK.replace("    sources: [wire]\nfigures:", f"{context}    sources: [wire]\nfigures:")
    deck = load_deck(write_deck(text), sections=host.sections, cache_dir=None)
    made = generate_questions(deck, host, random.Random(0)).questions
    (q,) = [q for q in made if q.type == "who_said_typed"]
    feedback = host.question_types["who_said_typed"].grade(q, "Ann Lee").feedback
    assert "Context: called local measures (“Garbled report”, p5)" in feedback


def test_a_figure_counted_by_a_sentence_with_a_gap_is_asked_to_fill_it(host: PluginHost) -> None:
    counts = "The Conservatives won a majority of … seats."
    fact = Fact("figures", "seats", {"value": 80, "unit": "seats", "counts": counts, "sources": []})
    deck = Deck("t", "T", sections={"figures": (fact,)})
    number = host.question_types["number_recall"]
    (q,) = number.generate(fact, deck, random.Random(1))
    assert q.prompt.text == "Fill in the number: The Conservatives won a majority of … seats."
    feedback = number.grade(q, "80").feedback
    assert "In full: The Conservatives won a majority of 80 seats." in feedback
    assert "What it counts" not in feedback
