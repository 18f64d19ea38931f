"""The deck format's sections: declared once by a default plugin, their metadata driving
``quizlib new``, ``check --strict`` and what ``quizlib draft`` may write."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from quizlib.cli import main
from quizlib.deckfile import sections as format1
from quizlib.deckfile.lint import identity_field, lint_deck
from quizlib.deckfile.load import load_deck
from quizlib.plugins import DEFAULT_PLUGIN, get_plugin_manager

PLACES_PLUGIN = """
from quizlib import Field, FieldKind, RegisterSection, Section, hookimpl

@hookimpl
def register_sections(register: RegisterSection) -> None:
    register(Section(
        "places",
        {"where": Field(FieldKind.STR, True, "the place")},
        description="where things happened",
        example="  - id: example-place\\n    where: Example Town\\n    sources: [example-article:p8]\\n",
        identity="where",
    ))

@hookimpl
def register_question_types(register):
    class Where:
        name = "where"
        section = "places"
        description = "where was it?"
        def generate(self, fact, deck, rng):
            return []
        def grade(self, question, response):
            raise NotImplementedError
    register(Where())
"""


def test_format_sections_are_declared_once_by_the_default_plugin() -> None:
    host = get_plugin_manager(entry_points=False)
    declaring = {name: info.sections for name, info in host.infos.items() if info.sections}
    assert declaring == {DEFAULT_PLUGIN: tuple(sorted(s.name for s in format1.FORMAT_1))}
    assert host.errors == []


def test_plugins_json_keeps_its_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    rows = listed if isinstance(listed, list) else listed["plugins"]
    timeline = next(p for p in rows if p["name"] == "timeline")
    assert {"name", "origin", "question_types", "sections"} <= set(timeline)
    assert any(p["name"] == DEFAULT_PLUGIN and "events" in p["sections"] for p in rows)


@pytest.mark.parametrize("disabled", ["number_recall", "number_recall,timeline,date_recall,who_said"])
def test_a_drafted_deck_stays_valid_without_the_question_types_that_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, disabled: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Headline\n\nOn 12 January 2024 the ministry said nearly 2,000 troops were deployed.\n\n"
        '"We will hold," said John Smith, the minister, on Monday.\n',
        encoding="utf-8",
    )
    deck = tmp_path / "draft.yaml"
    assert main(["draft", str(article), "--published", "2024-01-15", "-o", str(deck)]) == 0
    assert "figures:" in deck.read_text(encoding="utf-8")
    monkeypatch.setenv("QUIZLIB_DISABLE_PLUGINS", disabled)
    assert main(["check", str(deck)]) == 0


def test_new_writes_a_block_for_a_third_party_section(tmp_path: Path) -> None:
    plugdir = tmp_path / "plug"
    plugdir.mkdir()
    (plugdir / "places.py").write_text(PLACES_PLUGIN, encoding="utf-8")
    path = tmp_path / "deck.yaml"
    assert main(["new", str(path), "--plugins-dir", str(plugdir)]) == 0
    text = path.read_text(encoding="utf-8")
    assert "# Where things happened (questions: where).\nplaces:\n  - id: example-place" in text
    assert main(["check", "--plugins-dir", str(plugdir), str(path)]) == 0


def test_new_leaves_out_what_no_loaded_question_type_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZLIB_DISABLE_PLUGINS", "number_recall,cloze")
    path = tmp_path / "deck.yaml"
    assert main(["new", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert "figures:" not in text and "type: cloze" not in text
    assert "type: basic" in text and "events:" in text
    assert main(["check", str(path)]) == 0


def test_strict_lint_compares_the_declared_identity(tmp_path: Path) -> None:
    plugdir = tmp_path / "plug"
    plugdir.mkdir()
    (plugdir / "places.py").write_text(PLACES_PLUGIN, encoding="utf-8")
    host = get_plugin_manager(entry_points=False, plugins_dirs=[plugdir])
    assert identity_field(host.sections["places"]) == "where"
    assert identity_field(host.sections["figures"]) == "counts"
    path = tmp_path / "deck.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            quizlib: 1
            deck: {id: d, title: D}
            sources: [{id: s, title: S}]
            places:
              - {id: a, where: Example Town, sources: [s]}
              - {id: b, where: Example town, sources: [s]}
            """
        ),
        encoding="utf-8",
    )
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    problems = lint_deck(deck, host.sections)
    assert [(p.line, "near-duplicate of places/a" in p.message) for p in problems] == [(6, True)]


def test_card_checks_come_with_the_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(
        "quizlib: 1\ndeck: {id: d, title: D}\ncards:\n"
        "  - {id: c, type: choice, question: Q?, choices: [a]}\n",
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:4:" in err and "at least two choices" in err and "Traceback" not in err


def test_two_cloze_cards_with_the_same_text_are_flagged(tmp_path: Path) -> None:
    host = get_plugin_manager(entry_points=False)
    path = tmp_path / "deck.yaml"
    path.write_text(
        "quizlib: 1\ndeck: {id: d, title: D}\nsources: [{id: s, title: S}]\ncards:\n"
        "  - {id: a, type: cloze, text: 'The {{Seine}} flows through Paris.', sources: [s]}\n"
        "  - {id: b, type: cloze, text: 'The {{Seine}} flows through Paris!', sources: [s]}\n",
        encoding="utf-8",
    )
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    assert any(
        "cards/b looks like a near-duplicate of cards/a" in p.message for p in lint_deck(deck, host.sections)
    )
