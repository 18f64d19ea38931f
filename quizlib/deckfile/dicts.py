"""A deck as JSON-able data and back: what ``quizlib show --json`` prints and the parse
cache stores."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from quizlib.model import Actor, Citation, Conflict, Deck, Fact, Source


def deck_to_dict(deck: Deck) -> dict[str, Any]:
    """The normalised deck as JSON-able data (``quizlib show --json`` prints this)."""
    return {
        "id": deck.id,
        "title": deck.title,
        "description": deck.description,
        "language": deck.language,
        "version": deck.version,
        "tags": list(deck.tags),
        "settings": dict(deck.settings),
        "sources": [dataclasses.asdict(s) for s in deck.sources.values()],
        "actors": [dataclasses.asdict(a) for a in deck.actors.values()],
        "sections": {name: [fact_to_dict(f) for f in facts] for name, facts in deck.sections.items()},
    }


def fact_to_dict(fact: Fact) -> dict[str, Any]:
    """One fact as JSON-able data."""
    out: dict[str, Any] = {"id": fact.id, **fact.data}
    out["sources"] = [str(c) for c in fact.sources]
    if fact.tags:
        out["tags"] = list(fact.tags)
    if fact.note:
        out["note"] = fact.note
    if fact.review:
        out["review"] = True
    if fact.conflicts:
        out["conflicts"] = [
            {"field": c.field, "value": c.value, "sources": [str(s) for s in c.sources], "note": c.note}
            for c in fact.conflicts
        ]
    out["line"] = fact.line
    return out


def citation(text: str) -> Citation:
    source, _, location = text.partition(":")
    return Citation(source, location)


def deck_from_dict(data: Mapping[str, Any], path: str = "") -> Deck:
    """Rebuild a deck from :func:`deck_to_dict` output."""
    sections: dict[str, tuple[Fact, ...]] = {}
    for name, facts in data["sections"].items():
        built = []
        for raw in facts:
            entry = dict(raw)
            built.append(
                Fact(
                    section=name,
                    id=entry.pop("id"),
                    sources=tuple(citation(c) for c in entry.pop("sources", ())),
                    tags=tuple(entry.pop("tags", ())),
                    note=entry.pop("note", ""),
                    review=entry.pop("review", False),
                    conflicts=tuple(
                        Conflict(c["field"], c["value"], tuple(citation(s) for s in c["sources"]), c["note"])
                        for c in entry.pop("conflicts", ())
                    ),
                    line=entry.pop("line", 0),
                    data=entry,
                )
            )
        sections[name] = tuple(built)
    return Deck(
        id=data["id"],
        title=data["title"],
        description=data["description"],
        language=data["language"],
        version=data["version"],
        tags=tuple(data["tags"]),
        settings=data["settings"],
        sources={s["id"]: Source(**s) for s in data["sources"]},
        actors={
            a["id"]: Actor(**{**a, "aliases": tuple(a["aliases"]), "part_of": tuple(a.get("part_of", ()))})
            for a in data["actors"]
        },
        sections=sections,
        path=path,
    )
