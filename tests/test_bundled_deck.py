"""The bundled Karabakh deck: valid, internally consistent, enough material, stable ids."""

from __future__ import annotations

import random
import re

import pytest

from quizlib import PartialDate, get_plugin_manager, load_deck
from quizlib.deckfile.lint import lint_deck
from quizlib.deckfile.load import resolve_deck
from quizlib.model import Deck
from quizlib.questionlint.lint import lint_questions
from quizlib.study.questions import generate_questions

LOCATION = re.compile(r"^p\d+(-\d+)?$")

# Review history is keyed by these ids: they may gain company, never disappear.
STABLE_IDS = {
    "events": {"ceasefire-2020", "offensive-2023", "lachin-blockade-2022", "peacekeepers-killed-2023",
               "aliyev-apology-2023", "zakharova-briefing-2024", "withdrawal-planned-2025", "war-2020"},
    "quotes": {"zakharova-no-right-to-insult", "zakharova-falsify", "grigoryan-ethnic-cleansing",
               "grigoryan-three-attacks", "zakharova-took-the-blow"},
    "figures": {"contingent-size", "armored-vehicles", "karabakh-armenians", "fuel-depot-dead", "trek-dead"},
    "agreements": {"ceasefire-2020", "ceasefire-2023"},
}  # fmt: skip


@pytest.fixture(scope="module")
def deck() -> Deck:
    host = get_plugin_manager(entry_points=False)
    return load_deck(resolve_deck("karabakh"), sections=host.sections, cache_dir=None)


def test_loads_and_passes_strict_lint(deck: Deck) -> None:
    host = get_plugin_manager(entry_points=False)
    assert lint_deck(deck, host.sections) == []


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_no_question_flaw_at_any_seed(deck: Deck, seed: int) -> None:
    """``quizlib check --strict karabakh`` finds no question flaw, whatever the shuffle."""
    host = get_plugin_manager(entry_points=False)
    questions = generate_questions(deck, host, random.Random(seed)).questions
    assert lint_questions(deck, questions, host) == []


def test_every_fact_cites_a_source_with_a_paragraph(deck: Deck) -> None:
    for fact in deck.all_facts():
        assert fact.sources, fact.key
        for citation in fact.sources:
            assert citation.source in deck.sources, (fact.key, citation)
            assert LOCATION.match(citation.location), (fact.key, citation)
        for conflict in fact.conflicts:
            assert conflict.sources and all(c.source in deck.sources for c in conflict.sources)


def test_every_source_has_outlet_and_date(deck: Deck) -> None:
    for source in deck.sources.values():
        assert source.outlet and source.published, source.id


def test_ids_are_stable(deck: Deck) -> None:
    for section, ids in STABLE_IDS.items():
        assert ids <= {f.id for f in deck.facts(section)}, section


def test_enough_material_for_every_question_type(deck: Deck) -> None:
    host = get_plugin_manager(entry_points=False)
    questions = generate_questions(deck, host, random.Random(0)).questions
    by_type: dict[str, int] = {}
    for q in questions:
        by_type[q.type] = by_type.get(q.type, 0) + 1
    assert set(by_type) == set(host.question_types)
    timeline = [q for q in questions if q.type == "timeline"]
    assert len(timeline) >= 10 and all(len(q.prompt.items) == 4 for q in timeline)
    who = [q for q in questions if q.type == "who_said"]
    # fewer options where the deck has fewer plausible wrong speakers, never fewer than two
    assert all(2 <= len(q.prompt.choices) <= 4 for q in who)
    assert sum(len(q.prompt.choices) >= 3 for q in who) * 2 >= len(who)
    assert len({deck.facts("quotes")[i].get("speaker") for i in range(len(deck.facts("quotes")))}) >= 4


def test_conflicts_recorded_between_sources(deck: Deck) -> None:
    conflicted = {f.key for f in deck.all_facts() if f.conflicts}
    assert {"events/offensive-2023", "figures/karabakh-armenians", "agreements/ceasefire-2020"} <= conflicted


def test_the_least_reliable_source_carries_a_warning(deck: Deck) -> None:
    assert deck.sources["uncertainty-2023"].reliability


def test_no_fact_is_dated_after_a_report_it_cites(deck: Deck) -> None:
    # A report cannot tell of what happened after it appeared: a later date is the date of
    # a plan's outcome ("a withdrawal in 2025") taken for the date of the event.
    for fact in deck.all_facts():
        if fact.get("date") is None:
            continue
        start = PartialDate.parse(str(fact.get("date"))).span()[0]
        for citation in fact.sources:
            published = deck.sources[citation.source].published
            assert start <= PartialDate.parse(published).span()[1], (fact.key, citation)


def test_related_actors_say_so(deck: Deck) -> None:
    for actor_id in ("kremlin", "russian-mfa", "russian-peacekeepers", "maria-zakharova", "dmitry-peskov"):
        assert "russia" in deck.actors[actor_id].parents, actor_id
    assert "armenia" in deck.actors["armenia-mfa"].parents
    assert "azerbaijan" in deck.actors["azerbaijan-mod"].parents
