"""Deck-level checks: the ``check_deck`` hook, REF fields, settings validated by their kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizlib.cli import main

PLACES = """
from quizlib import Field, FieldKind, Section, hookimpl

@hookimpl
def register_sections(register):
    register(Section(
        "places",
        {"where": Field(FieldKind.STR, True), "event": Field(FieldKind.REF, True, refers="events"),
         "year": Field(FieldKind.INT)},
        settings={"place_choices": Field(FieldKind.INT)},
    ))

@hookimpl
def check_deck(deck):
    events = {e.id: e for e in deck.facts("events")}
    for place in deck.facts("places"):
        event = events[place.get("event")]
        if place.get("year") is not None and str(place.get("year")) != event.get("date")[:4]:
            yield place, "year", f"the year is not the year of event {event.id!r}"
"""

RAISING = """
from quizlib import hookimpl

@hookimpl
def check_deck(deck):
    raise RuntimeError("boom")
"""

DECK = """\
quizlib: 1
deck:
  id: d
  title: D
  settings: {{place_choices: {choices}}}
sources: [{{id: s, title: S}}]
events:
  - {{id: truce, date: 2020-11-10, text: A truce was signed., sources: [s]}}
places:
  - id: moscow
    where: Moscow
    event: {event}
    year: {year}
    sources: [s]
"""


def run_check(tmp_path: Path, plugins: dict[str, str], **values: object) -> int:
    plugdir = tmp_path / "plug"
    plugdir.mkdir(exist_ok=True)
    for name, text in plugins.items():
        (plugdir / f"{name}.py").write_text(text, encoding="utf-8")
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK.format(**{"choices": 4, "event": "truce", "year": 2020, **values}), encoding="utf-8")
    return main(["check", "--plugins-dir", str(plugdir), str(deck)])


def test_a_valid_cross_reference_passes(tmp_path: Path) -> None:
    assert run_check(tmp_path, {"places": PLACES}) == 0


def test_an_unknown_reference_is_located_with_a_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_check(tmp_path, {"places": PLACES}, event="truse") == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'deck.yaml'}:12:5: unknown events entry 'truse'" in err
    assert "truce" in err and "Traceback" not in err


def test_check_deck_findings_carry_file_line_col(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_check(tmp_path, {"places": PLACES}, year=2021) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'deck.yaml'}:13:5: places/moscow: the year is not the year of event 'truce'" in err


def test_a_setting_is_validated_by_its_declared_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_check(tmp_path, {"places": PLACES}, choices="four") == 1
    err = capsys.readouterr().err
    assert ":5:" in err and "place_choices" in err and "Traceback" not in err


def test_a_raising_deck_check_is_reported_and_the_others_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_check(tmp_path, {"places": PLACES, "raising": RAISING}, year=2021) == 1
    err = capsys.readouterr().err
    assert "places/moscow: the year" in err and "raising" in err and "boom" in err
    assert "Traceback" not in err


def test_the_documented_places_example_checks_across_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = Path(__file__).parent.parent / "docs" / "examples" / "places.py"
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "quizlib: 1\ndeck: {id: d, title: D}\n"
        "events: [{id: truce, date: 2020-11-10, text: A truce was signed.}]\n"
        "places:\n"
        "  - {id: moscow, event: truce, place: Moscow, country: Russia}\n"
        "  - id: kremlin\n    place: Kremlin\n    country: Russia\n    event: truce\n",
        encoding="utf-8",
    )
    plugdir = tmp_path / "plug"
    plugdir.mkdir()
    (plugdir / "places.py").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", "--plugins-dir", str(plugdir), str(deck)]) == 1
    err = capsys.readouterr().err
    assert f"{deck}:9:5: places/kremlin: event 'truce' already has a place (places/moscow)" in err
