"""Hypothesis: valid decks round-trip through YAML; corrupted decks only raise DeckError."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizlib import DeckError, Field, FieldKind, Section
from quizlib.deckfile.load import parse_deck, read_text

NOTES = Section(
    "notes",
    {
        "text": Field(FieldKind.STR, required=True),
        "when": Field(FieldKind.DATE),
        "count": Field(FieldKind.NUMBER),
        "who": Field(FieldKind.ACTOR_LIST),
    },
)
SECTIONS = {"notes": NOTES}

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\x85"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip())  # a blank required text is an error, tested elsewhere
dates = (
    st.dates()
    .filter(lambda d: d.year >= 1000)
    .flatmap(lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]]))
)


@st.composite
def decks(draw: st.DrawFn) -> dict[str, Any]:
    actor_ids = draw(st.lists(slugs, unique=True, max_size=4))
    source_ids = draw(st.lists(slugs, unique=True, max_size=3))
    notes = []
    for note_id in draw(st.lists(slugs, unique=True, max_size=6)):
        note: dict[str, Any] = {"id": note_id, "text": draw(texts)}
        if draw(st.booleans()):
            note["when"] = draw(dates)
        if draw(st.booleans()):
            note["count"] = draw(
                st.integers(-(10**9), 10**9) | st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: f + 0.5)
            )
        if actor_ids and draw(st.booleans()):
            note["who"] = draw(st.lists(st.sampled_from(actor_ids), unique=True, max_size=3))
        if source_ids and draw(st.booleans()):
            note["sources"] = [
                f"{s}:p{draw(st.integers(1, 40))}"
                for s in draw(st.lists(st.sampled_from(source_ids), min_size=1, max_size=2))
            ]
        notes.append(note)
    return {
        "quizlib": 1,
        "deck": {"id": draw(slugs), "title": draw(texts)},
        "sources": [{"id": s, "title": draw(texts)} for s in source_ids],
        "actors": [{"id": a, "name": draw(texts)} for a in actor_ids],
        "notes": notes,
    }


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(decks())
def test_valid_decks_round_trip(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    deck = parse_deck(text, "fuzz.yaml", SECTIONS)
    assert deck.id == data["deck"]["id"] and deck.title == data["deck"]["title"]
    assert [a.name for a in deck.actors.values()] == [a["name"] for a in data["actors"]]
    for fact, note in zip(deck.facts("notes"), data["notes"], strict=True):
        assert fact.id == note["id"]
        expected = {k: v for k, v in note.items() if k not in ("id", "sources")}
        assert fact.data == expected
        assert [str(c) for c in fact.sources] == note.get("sources", [])


@st.composite
def corruptions(draw: st.DrawFn) -> bytes:
    data = draw(decks())
    raw = bytearray(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode())
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "dup-line"]))
        pos = draw(st.integers(0, max(len(raw) - 1, 0)))
        if op == "delete":
            del raw[pos : pos + draw(st.integers(1, 8))]
        elif op == "insert":
            raw[pos:pos] = draw(
                st.binary(max_size=6) | st.sampled_from([b":", b"- ", b"\n  ", b"&a", b"*a", b"{", b"!!x "])
            )
        elif op == "replace" and raw:
            raw[pos] = draw(st.sampled_from([*list(string.printable.encode()), 0, 255, 195]))
        else:
            lines = bytes(raw).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            raw = bytearray(b"\n".join(lines))
    return bytes(raw)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(corruptions())
def test_corrupted_decks_only_raise_deck_error(raw: bytes) -> None:
    try:
        parse_deck(read_text("bad.yaml", raw), "bad.yaml", SECTIONS)
    except DeckError as exc:
        assert exc.problems and all(p.path == "bad.yaml" for p in exc.problems)


def test_bundled_style_paths_are_reported(tmp_path: Path) -> None:
    try:
        parse_deck("quizlib: 1\n", str(tmp_path / "x.yaml"), SECTIONS)
    except DeckError as exc:
        assert str(exc).startswith(str(tmp_path / "x.yaml"))
    else:
        raise AssertionError("a deck without 'deck' must not load")
