"""The built-in question types make the same questions however their deck-wide lookups are
built: the bundled deck's and a synthetic deck's questions (text, choices and their order,
hints, keys, answers) match a recorded snapshot, and a deck's questions do not depend on
which of its questions is generated first.

The snapshot holds a digest per question. After a deliberate change to what the question
types ask (or to the bundled deck), record it again with
``python tests/test_generation_snapshot.py --update`` and review the questions that changed
with ``quizlib show karabakh --answers``.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import asdict, is_dataclass, replace
from pathlib import Path
from typing import Any

from quizlib import Actor, Citation, Conflict, Deck, Fact, Question, load_deck
from quizlib.deckfile.load import resolve_deck
from quizlib.plugins import PluginHost, load_plugins
from quizlib.study.questions import generate_pair, generate_questions, pairs

SNAPSHOT = Path(__file__).parent / "data" / "generation_snapshot.json"
SEEDS = (0, 1)


def _plain(value: Any) -> Any:
    """JSON-able data, tuples and sets and dataclasses included (sets sorted)."""
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(_plain(v) for v in value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return repr(value)


def question_digest(q: Question, host: PluginHost) -> str:
    """A short digest of everything a question shows and keeps, and of its answer."""
    from quizlib.digests import short_digest

    qt = host.question_types[q.type]
    answer = qt.answer(q) if hasattr(qt, "answer") else None
    data = {"prompt": _plain(q.prompt), "key": _plain(q.key), "answer": _plain(answer), "tags": list(q.tags)}
    return short_digest(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())


def synthetic_deck(deck: Deck, seed: int = 7) -> Deck:
    """The bundled deck with a changed copy of every fact: quotes given to other speakers (so
    that the same words are said by several), dates moved, figures and terms changed,
    parties and mediators swapped, and conflicts kept."""
    rng = random.Random(seed)
    people = [a.id for a in deck.actors.values() if a.kind == "person"]
    bodies = [a.id for a in deck.actors.values() if a.kind != "person"]
    sections: dict[str, tuple[Fact, ...]] = {}
    for name, facts in deck.sections.items():
        copies = []
        for fact in facts:
            data = dict(fact.data)
            date = fact.date()
            if date is not None and rng.random() < 0.7:
                shifted = replace(date, year=date.year + rng.choice((-3, -1, 1, 2)))
                data["date"] = shifted.iso()
            if "speaker" in data:
                data["speaker"] = rng.choice(people if rng.random() < 0.8 else bodies)
            if isinstance(data.get("value"), int | float) and not isinstance(data.get("value"), bool):
                data["value"] = type(data["value"])(data["value"] * rng.choice((2, 3, 5)) + 1)
            if "parties" in data:
                data["parties"] = rng.sample(bodies, min(len(bodies), len(data["parties"]) or 2))
            if "mediators" in data:
                data["mediators"] = [m for m in rng.sample(bodies, 1) if m not in data["parties"]]
            if "terms" in data:
                data["terms"] = [{**t, "value": t["value"] * 2} if "value" in t else t for t in data["terms"]]
            copies.append(replace(fact, id=f"{fact.id}-copy", data=data))
        sections[name] = (*facts, *copies)
    envoy = {"kind": "person", "role": "special envoy", "part_of": tuple(bodies[:1])}
    extra = Actor("synthetic-envoy", "Anna Envoy", **envoy)
    actors = {**deck.actors, extra.id: extra}
    quotes = sections.get("quotes", ())
    if quotes:  # a short quote with a cited context, by the new actor
        cited = next(iter(deck.sources), "")
        short = Fact(
            "quotes",
            "synthetic-short",
            {"text": "We regret it.", "speaker": extra.id, "context": f"said after the talks {cited}:p2"},
            sources=(Citation(cited),) if cited else (),
            conflicts=(Conflict("date", "2020-11", (Citation(cited),)),) if cited else (),
        )
        sections["quotes"] = (*quotes, short)
    return replace(deck, id="synthetic", actors=actors, sections=sections)


def digests(deck: Deck, host: PluginHost) -> dict[str, list[list[str]]]:
    """For each seed, every generated question's id and digest, in order."""
    return {
        str(seed): [
            [q.id, question_digest(q, host)]
            for q in generate_questions(deck, host, random.Random(seed)).questions
        ]
        for seed in SEEDS
    }


def decks(host: PluginHost) -> dict[str, Deck]:
    """The decks the snapshot covers, each loaded afresh (no lookups kept from before)."""
    path = resolve_deck("karabakh")
    bundled = load_deck(path, sections=host.sections, cache_dir=False)
    again = load_deck(path, sections=host.sections, cache_dir=False)
    return {"karabakh": bundled, "synthetic": synthetic_deck(again)}


def record(host: PluginHost) -> dict[str, Any]:
    """What the snapshot holds."""
    return {name: digests(deck, host) for name, deck in decks(host).items()}


def test_questions_match_the_snapshot(host: PluginHost) -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    found = record(host)
    for name, by_seed in expected.items():
        for seed, rows in by_seed.items():
            got = found[name][seed]
            assert [r[0] for r in got] == [r[0] for r in rows], (name, seed)
            changed = [r[0] for r, g in zip(rows, got, strict=True) if r != g]
            assert changed == [], (name, seed, changed[:10])


def test_questions_do_not_depend_on_which_is_generated_first(host: PluginHost) -> None:
    """Each (type, fact) pair generated with its own seeded randomness, in deck order and in
    a shuffled order on a fresh copy of the deck: every deck-wide lookup built on first use
    gives the same answer whoever asks first."""
    for name in ("karabakh", "synthetic"):
        made = []
        for order in ("deck", "shuffled"):
            deck = decks(host)[name]
            todo = pairs(deck, host)
            if order == "shuffled":
                random.Random(5).shuffle(todo)
            out: dict[str, str] = {}
            for qt, fact in todo:
                rng = random.Random(f"{qt.name} {fact.key}")
                for q in generate_pair(qt, fact, deck, rng, host, [], set()):
                    out[q.id] = question_digest(q, host)
            made.append(out)
        assert made[0] == made[1], name
        assert len(made[0]) > 50


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        raise SystemExit("usage: python tests/test_generation_snapshot.py --update")
    SNAPSHOT.parent.mkdir(exist_ok=True)
    data = record(load_plugins(entry_points=False))
    SNAPSHOT.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}: {sum(len(r) for s in data.values() for r in s.values())} questions")
