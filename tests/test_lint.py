"""``quizlib check --strict`` warnings and the JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from quizlib import Field, FieldKind, Section, load_deck
from quizlib.deckfile.jsonschema import deck_schema
from quizlib.deckfile.lint import lint_deck

FIGS = Section(
    "figs",
    {
        "counts": Field(FieldKind.STR, True),
        "value": Field(FieldKind.NUMBER, True),
        "who": Field(FieldKind.ACTOR),
    },
)
QUOTES = Section("quotes", {"text": Field(FieldKind.STR, True), "speaker": Field(FieldKind.ACTOR, True)})
SECTIONS = {"figs": FIGS, "quotes": QUOTES}

DECK = """\
quizlib: 1
deck: {id: lint, title: Lint}
sources: [{id: a, title: A}, {id: b, title: B}]
actors:
  - {id: org, name: The Org, kind: institution}
  - {id: member, name: Ann Member, organisation: org}
  - {id: idle, name: Idle Person}
  - {id: unknown-speaker, name: Unknown speaker}
figs:
  - {id: troops-a, counts: Russian troops in the contingent, value: 2000, who: member, sources: [a]}
  - {id: troops-b, counts: Russian troops in the contingent., value: 1960, sources: [b]}
  - {id: tanks, counts: tanks, value: 90, sources: [a]}
  - {id: tanks-again, counts: Tanks, value: 90, sources: [b]}
  - {id: nosource, counts: helicopters shot down, value: 1}
  - {id: draft, counts: days of war, value: 44, review: true, sources: [a]}
quotes:
  - {id: q, text: Something was said., speaker: unknown-speaker, sources: [a]}
"""


def test_strict_warnings(write_deck: Callable[..., Path]) -> None:
    deck = load_deck(write_deck(DECK), sections=SECTIONS, cache_dir=None)
    messages = [p.message for p in lint_deck(deck, SECTIONS)]
    text = "\n".join(messages)
    assert "figs/troops-b and figs/troops-a" in text and "value: 2000 vs 1960" in text
    assert "figs/tanks-again looks like a near-duplicate of figs/tanks" in text
    assert "figs/nosource cites no source" in text
    assert "figs/draft is a draft" in text
    assert "quotes/q has no known speaker" in text
    assert "actor 'idle'" in text
    assert "actor 'org'" not in text  # used through its member
    assert "actor 'member'" not in text


def test_recorded_conflict_silences_the_warning(write_deck: Callable[..., Path]) -> None:
    text = DECK.replace(
        "value: 1960, sources: [b]}",
        "value: 1960, sources: [b], conflicts: [{field: value, value: 2000, sources: [a]}]}",
    )
    deck = load_deck(write_deck(text), sections=SECTIONS, cache_dir=None)
    assert not [p for p in lint_deck(deck, SECTIONS) if "same fact" in p.message]


def test_facts_with_different_units_are_different_facts(write_deck: Callable[..., Path]) -> None:
    figs = Section("figs", {**FIGS.fields, "unit": Field(FieldKind.STR, True)})
    text = (
        "quizlib: 1\ndeck: {id: u, title: U}\nsources: [{id: a, title: A}]\nfigs:\n"
        "  - {id: troops, counts: troops crossed in a blockade, value: 2000, unit: troops, sources: [a]}\n"
        "  - {id: months, counts: troops crossed in a blockade, value: 9, unit: months, sources: [a]}\n"
        "  - {id: again, counts: troops crossed in a blockade, value: 1900, unit: troops, sources: [a]}\n"
    )
    sections = {"figs": figs}
    messages = [
        p.message for p in lint_deck(load_deck(write_deck(text), sections=sections, cache_dir=None), sections)
    ]
    assert [m for m in messages if "same fact" in m] == [
        "figs/again and figs/troops (line 5) seem to be the same fact with different values "
        "(value: 2000 vs 1900); merge them and record the disagreement under 'conflicts'"
    ]


def test_one_sentence_with_different_numbers_left_out_is_two_facts(write_deck: Callable[..., Path]) -> None:
    text = (
        "quizlib: 1\ndeck: {id: g, title: G}\nsources: [{id: a, title: A}]\nfigs:\n"
        "  - {id: dead, counts: Officials said … people died and 310 were hurt., value: 42, sources: [a]}\n"
        "  - {id: hurt, counts: Officials said 42 people died and … were hurt., value: 310, sources: [a]}\n"
        "  - {id: again, counts: Officials said … people died and 310 were hurt., value: 44, sources: [a]}\n"
    )
    messages = [
        p.message for p in lint_deck(load_deck(write_deck(text), sections=SECTIONS, cache_dir=None), SECTIONS)
    ]
    assert [m for m in messages if "same fact" in m] == [
        "figs/again and figs/dead (line 5) seem to be the same fact with different values "
        "(value: 42 vs 44); merge them and record the disagreement under 'conflicts'"
    ]


def test_strict_exit_code(write_deck: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    from quizlib.cli import main

    clean = "quizlib: 1\ndeck: {id: c, title: C}\n"
    assert main(["check", "--strict", str(write_deck(clean, "clean.yaml"))]) == 0
    lax = "quizlib: 1\ndeck: {id: c, title: C}\nactors: [{id: x, name: X}]\n"
    path = write_deck(lax, "lax.yaml")
    assert main(["check", str(path)]) == 0
    assert main(["check", "--strict", str(path)]) == 1
    assert f"{path}:3:1: warning: actor 'x'" in capsys.readouterr().err


def test_schema_is_closed_and_covers_sections() -> None:
    schema = deck_schema(SECTIONS)
    assert schema["required"] == ["quizlib", "deck"] and schema["additionalProperties"] is False
    item = schema["properties"]["figs"]["items"]
    assert item["required"] == ["id", "counts", "value"] and item["additionalProperties"] is False
    assert {"sources", "tags", "review", "conflicts"} <= set(item["properties"])
    json.dumps(schema)  # serialisable
