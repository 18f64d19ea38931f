"""Registering the names a scan found: organisations named often enough, people, a body's
other names and single names that act as subjects. Called by :func:`quizlib.draft.actors.scan`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from typing import TYPE_CHECKING

from quizlib.draft.bodies import LEGAL, SEATS
from quizlib.draft.people import NOT_NAMES, PEOPLE_NOUNS

if TYPE_CHECKING:
    from quizlib.draft.actors import Actors


def add_institutions(actors: Actors, runs: Counter[str]) -> None:
    """Register the organisation runs named often enough, a legal suffix folded in."""
    for run in list(runs):
        if run.endswith(".") and run[:-1] in runs:
            runs[run[:-1]] += runs.pop(run)  # "Apex Inc." is "Apex Inc"
            continue
        short = LEGAL.sub("", run)
        if short != run and short in runs:
            runs[run] += runs.pop(short)  # "Apex Systems" is "Apex Systems Inc."
    placed = _placed(runs)
    for run, count in runs.items():
        # One mention names an organisation in several words ("Amnesty International"); a
        # single word ("Court") or a lettered group ("Group A") needs more.
        several = len(run.split()) > 1 and not re.search(r"\b[A-Z]\b", run)
        if count >= (1 if several else 2) or run in SEATS:
            ident = actors.add(run, "institution")
            if ident and LEGAL.search(run):
                actors.alias(ident, LEGAL.sub("", run))
            for longer in placed.get(run, []):
                if ident:
                    actors.alias(ident, longer)


def _placed(runs: Counter[str]) -> dict[str, list[str]]:
    """Fold "Bergland Shipping of Bergen" into "Bergland Shipping" when the text names that
    too: one body, its town an alias's detail. Returns the longer names by the shorter."""
    placed: dict[str, list[str]] = {}
    for run in list(runs):
        head, of, place = run.partition(" of ")
        if of and " " in head and head in runs and " of " not in place and len(place.split()) <= 2:
            runs[head] += runs.pop(run)
            placed.setdefault(head, []).append(run)
    return placed


def add_people(
    actors: Actors, candidates: list[tuple[str, str]], places: set[str], groups: Collection[str] = ()
) -> None:
    """Register the candidate names that are people: not a known actor, not part of an
    institution's name, not a word and a place ("Tennis Australia" is a body), not a team
    named in the plural (``groups``: "the Hornets" makes "Harrowgate Hornets" a body)."""
    bodies = [f" {e['name']} " for e in actors.entries.values() if e["kind"] != "person"]
    places = places - NOT_NAMES
    for article, name in candidates:
        actors.article = article
        if actors.find(name) is not None or not actors.is_name(name):
            continue
        if any(f" {name} " in body for body in bodies) or actors.leading(name.split()[0]):
            continue  # "Fine Art" of "Castellan Fine Art"; "Halvorsen Ridgeline", a Halvorsen car
        if len(name.split()) == 2 and (name.split()[-1] in places or name.split()[-1] in groups):
            actors.add(name, "institution")  # "Tennis Australia" in a story from Australia
        else:
            actors.add(name, "person")  # "Vladimir Putin", "Andrey Rublev"


def add_other_names(actors: Actors, known: list[tuple[str, str]], camels: set[str]) -> None:
    """Register a body's other name ("the International Chess Federation, known as FIDE") and
    one-word companies with a capital inside ("ship-tracking data from VesselWatch")."""
    for body, other in known:
        ident = actors.find(body) or actors.find(body.split(" ", 1)[-1])  # "Recently the …"
        if ident is not None and actors.kind(ident) != "person" and actors.find(other) is None:
            actors.alias(ident, other)
    for word in sorted(camels):
        if actors.find(word) is None:
            actors.add(word, "institution")


def add_subjects(actors: Actors, subjects: Counter[str]) -> None:
    """Register the single names that are a clause's subject at least twice ("Russia said")."""
    for word, count in subjects.items():
        if (
            count >= 2
            and word not in NOT_NAMES
            and word.lower() not in actors.lower
            and actors.find(word) is None
            and word not in PEOPLE_NOUNS
        ):
            lead = actors.leading(word)  # "Kessler said" after "Kessler Fastening Systems"
            if lead is not None:
                actors.alias(lead, word)
            else:
                actors.add(word, "institution")  # "Russia said", "Baku announced"
