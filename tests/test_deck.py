"""The deck loader: valid decks load; every kind of bad file is a located DeckError."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from quizlib import DeckError, Field, FieldKind, Section, load_deck
from quizlib.cli import main
from quizlib.deckfile.load import deck_from_dict, deck_to_dict

LOCATED = re.compile(r"^.+:\d+:\d+: .+$")

GOOD = """\
quizlib: 1
deck:
  id: demo
  title: Demo deck
  tags: [demo]
  settings: {new_per_day: 5, retention: 0.85}
sources:
  - id: s1
    title: An article
    outlet: The Outlet
    published: 2024-01
actors:
  - id: mfa
    name: Russian Ministry of Foreign Affairs
    kind: institution
  - id: maria
    name: Maria Zakharova
    aliases: [Zakharova]
    organisation: mfa
notes:
  - id: first
    text: "yes"
    when: 2023-09-19
    who: maria
    sources: ["s1:p3"]
    tags: [a]
    conflicts:
      - field: when
        value: 2023-09-20
        sources: [s1]
        note: one day later
"""

NOTES = Section(
    "notes",
    {
        "text": Field(FieldKind.STR, required=True),
        "when": Field(FieldKind.DATE),
        "who": Field(FieldKind.ACTOR),
    },
)


def load(path: Path) -> object:
    return load_deck(path, sections={"notes": NOTES}, cache_dir=None)


def test_valid_deck_loads_with_normalised_values(write_deck: Callable[..., Path]) -> None:
    deck = load_deck(write_deck(GOOD), sections={"notes": NOTES}, cache_dir=None)
    assert deck.id == "demo" and deck.settings == {"new_per_day": 5, "retention": 0.85}
    (fact,) = deck.facts("notes")
    assert fact.data == {"text": "yes", "when": "2023-09-19", "who": "maria"}  # "yes" stays text
    assert fact.sources[0].source == "s1" and fact.sources[0].location == "p3"
    assert fact.conflicts[0].value == "2023-09-20"
    assert deck.actors["maria"].aliases == ("Zakharova",)
    assert deck_from_dict(deck_to_dict(deck), path=deck.path) == deck


def test_cache_returns_the_same_deck(write_deck: Callable[..., Path], tmp_path: Path) -> None:
    path = write_deck(GOOD)
    first = load_deck(path, sections={"notes": NOTES}, cache_dir=tmp_path / "cache")
    assert list((tmp_path / "cache").glob("*.json"))
    second = load_deck(path, sections={"notes": NOTES}, cache_dir=tmp_path / "cache")
    assert first == second
    path.write_text(GOOD.replace("Demo deck", "Renamed"), encoding="utf-8")
    assert load_deck(path, sections={"notes": NOTES}, cache_dir=tmp_path / "cache").title == "Renamed"


def test_the_cache_rebuilds_every_field_of_a_fact(write_deck: Callable[..., Path], tmp_path: Path) -> None:
    import dataclasses

    from quizlib.deckfile.cache import FACT_FIELDS
    from quizlib.model import Fact

    assert tuple(f.name for f in dataclasses.fields(Fact)) == FACT_FIELDS
    path = write_deck(GOOD)
    parsed = load_deck(path, sections={"notes": NOTES}, cache_dir=None)
    load_deck(path, sections={"notes": NOTES}, cache_dir=tmp_path)
    cached = load_deck(path, sections={"notes": NOTES}, cache_dir=tmp_path)
    facts = [
        (f, g)
        for name in parsed.sections
        for f, g in zip(parsed.facts(name), cached.facts(name), strict=True)
    ]
    assert facts and all(dataclasses.astuple(f) == dataclasses.astuple(g) for f, g in facts)


def test_damaged_cache_is_rebuilt(write_deck: Callable[..., Path], tmp_path: Path) -> None:
    path = write_deck(GOOD)
    load_deck(path, sections={"notes": NOTES}, cache_dir=tmp_path)
    for entry in tmp_path.glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert load_deck(path, sections={"notes": NOTES}, cache_dir=tmp_path).id == "demo"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DeckError) as info:
        load(path)
    messages = [str(p) for p in info.value.problems]
    assert messages and all(LOCATED.match(m) for m in messages), messages
    return messages


def test_all_problems_reported_at_once(write_deck: Callable[..., Path]) -> None:
    bad = GOOD.replace("title: Demo deck", "titel: Demo deck").replace("2024-01", "2023-02-30")
    bad = (
        bad.replace("who: maria", "who: marie")
        .replace("s1:p3", "s2:p3")
        .replace("organisation: mfa", "organisation: mfx")
    )
    bad += "evnts: []\n"
    text = "\n".join(problems_of(write_deck(bad)))
    assert "unknown field 'titel' in deck; did you mean 'title'?" in text
    assert "missing the required field 'title'" in text
    assert "no such day" in text
    assert "unknown actor 'marie'; did you mean 'maria'?" in text
    assert "unknown source 's2'" in text
    assert "unknown actor 'mfx'" in text
    assert "unknown section 'evnts'" in text and "notes" in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"# only a comment\n", "empty"),
        (b"- a\n- b\n", "top level is a list"),
        (b"just text\n", "top level is a single value"),
        (b"a: 1\na: 2\n", "duplicate key 'a'"),
        (b"a: [1, 2\n", "YAML syntax error"),
        (b"a: !!python/object:os.system x\n", "not allowed"),
        (b"a: !custom x\n", "not allowed"),
        (b"base: &b {x: 1}\nother:\n  <<: *b\n", "merge keys"),
        (b"\xff\xfeq\x00u\x00", "UTF-16"),
        (b"quizlib: 1\ndeck: {id: d, title: caf\xe9}\n", "not UTF-8"),
        (b"quizlib: 1\n---\nquizlib: 1\n", "one YAML document"),
        (b"quizlib: 2\ndeck: {id: d, title: t}\n", "unsupported deck format version"),
        (b"deck: {id: d, title: t}\n", "missing 'quizlib: 1'"),
        (b"quizlib: 1\n", "missing the 'deck' mapping"),
        (b"quizlib: 1\ndeck: {id: d, title: t}\nnotes: {a: 1}\n", "notes must be a list"),
        (b"quizlib: 1\ndeck: {id: d, title: t}\nnotes: [{id: a}]\n", "missing the required field 'text'"),
        (b"quizlib: 1\ndeck: {id: d, title: t}\nnotes: [{id: a, text: [x]}]\n", "must be a single value"),
        (
            b"quizlib: 1\ndeck: {id: d, title: t}\nnotes: [{id: a, text: x}, {id: a, text: y}]\n",
            "duplicate id 'a'",
        ),
        (b"quizlib: 1\ndeck: {id: d, title: t}\nnotes: [{id: Bad Id, text: x}]\n", "must be a slug"),
        (b"quizlib: 1\ndeck: {id: d, title: t, settings: {retention: high}}\n", "must be a number"),
        (b"quizlib: 1\ndeck: {id: d, title: t, settings: {new_per_dya: 3}}\n", "did you mean 'new_per_day'"),
        (
            b"quizlib: 1\ndeck: {id: d, title: t}\n"
            b"notes: [{id: a, text: x, conflicts: [{field: nope, value: 1, sources: []}]}]\n",
            "conflict names unknown field",
        ),
        (
            b"quizlib: 1\ndeck: {id: d, title: t}\nactors: [{id: a, name: A, kind: persn}]\n",
            "did you mean 'person'",
        ),
        (b"a: *nothing\n", "unknown alias *nothing"),
    ],
)
def test_torture(
    write_deck: Callable[..., Path], capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    path = write_deck("")
    path.write_bytes(content)
    assert any(expected in m for m in problems_of(path)), problems_of(path)
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:") and "Traceback" not in err


def test_alias_bomb_rejected_quickly(write_deck: Callable[..., Path]) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write_deck("\n".join(lines) + "\n")
    assert "alias bomb" in problems_of(path)[0]


@pytest.mark.parametrize("depth", [40, 2_000, 200_000])
def test_deep_nesting_rejected_without_crashing(
    write_deck: Callable[..., Path], capsys: pytest.CaptureFixture[str], depth: int
) -> None:
    """Whichever layer refuses it (quizlib's guard or libyaml's own limit), the user gets
    one located problem in quizlib's words, exit 1 and no traceback."""
    path = write_deck("a: " + "[" * depth + "]" * depth + "\n")
    (message,) = problems_of(path)
    assert "nesting deeper than" in message
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", err) and "Traceback" not in err


def test_unreadable_paths(tmp_path: Path) -> None:
    assert "cannot read" in problems_of(tmp_path / "missing.yaml")[0]
    with pytest.raises(DeckError, match="directory"):
        load(tmp_path)


@pytest.mark.parametrize(
    ("content", "code"),
    [("quizlib: 1\ndeck: {id: d, title: t}\n", 0), ("quizlib: 1\ndeck: {id: d}\n", 1), ("a: [\n", 1)],
)
def test_check_exit_codes(
    write_deck: Callable[..., Path], capsys: pytest.CaptureFixture[str], content: str, code: int
) -> None:
    path = write_deck(content)
    assert main(["check", str(path)]) == code
    err = capsys.readouterr().err
    if code:
        assert err.startswith(f"{path}:") and "Traceback" not in err


def test_check_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert main(["check", "--no-such-option", "x"]) == 2
