"""``quizlib check --strict``: problems in a valid deck that an author should look at.

A deck can be valid and still untrustworthy: two sources giving different numbers for the
same thing without a recorded conflict, the same fact twice, actors nobody refers to,
facts with no source, quotes nobody said, drafts never reviewed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import combinations
from pathlib import Path

from quizlib.deckfile.scalars import suggest
from quizlib.errors import Problem
from quizlib.model import Deck, Fact, FieldKind, Section

#: Two facts whose identifying texts are at least this similar describe the same thing.
SIMILARITY = 0.9
#: Above this many facts in a section, only identical texts are compared (pairwise is O(n²)).
PAIRWISE_LIMIT = 3000
UNKNOWN_SPEAKERS = frozenset({"unknown", "unknown-speaker"})
_VALUE_KINDS = (FieldKind.DATE, FieldKind.NUMBER, FieldKind.INT, FieldKind.ACTOR, FieldKind.ACTOR_LIST)


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def identity_field(section: Section) -> str | None:
    """The field that says what a fact is about: the section's ``identity``, else its first
    required text field."""
    if section.identity in section.fields:
        return section.identity
    for name, spec in section.fields.items():
        if spec.kind is FieldKind.STR and spec.required and name not in ("type", "id"):
            return name
    return None


def lint_deck(deck: Deck, sections: Mapping[str, Section]) -> list[Problem]:
    """Every strict-mode warning of a deck, located at the fact's line."""
    problems = [
        *_facts_without_sources(deck),
        *_drafts(deck),
        *_unknown_speakers(deck, sections),
        *_unused_actors(deck, sections),
    ]
    for name, facts in deck.sections.items():
        section = sections.get(name)
        if section is not None:
            problems.extend(_same_facts(deck, section, facts))
    return sorted(problems, key=lambda p: (p.line, p.column, p.message))


def _at(deck: Deck, fact: Fact, message: str) -> Problem:
    return Problem(deck.path, fact.line, 1, message)


def _facts_without_sources(deck: Deck) -> Iterator[Problem]:
    for fact in deck.all_facts():
        if not fact.sources:
            yield _at(deck, fact, f"{fact.key} cites no source")


def _drafts(deck: Deck) -> Iterator[Problem]:
    for fact in deck.all_facts():
        if fact.review:
            yield _at(deck, fact, f"{fact.key} is a draft still marked 'review: true'")


def _unknown_speakers(deck: Deck, sections: Mapping[str, Section]) -> Iterator[Problem]:
    """A required actor field holding a placeholder ("unknown"): the fact rests on nobody."""
    for fact in deck.all_facts():
        section = sections.get(fact.section)
        for name, spec in section.fields.items() if section else ():
            value = fact.get(name)
            if spec.kind is FieldKind.ACTOR and spec.required and value in UNKNOWN_SPEAKERS:
                yield _at(deck, fact, f"{fact.key} has no known {name}; attribute it or remove the entry")


def _unused_actors(deck: Deck, sections: Mapping[str, Section]) -> Iterator[Problem]:
    used: set[str] = set()
    for fact in deck.all_facts():
        section = sections.get(fact.section)
        for name, spec in section.fields.items() if section else ():
            value = fact.get(name)
            if spec.kind is FieldKind.ACTOR and isinstance(value, str):
                used.add(value)
            elif spec.kind is FieldKind.ACTOR_LIST and isinstance(value, list):
                used.update(v for v in value if isinstance(v, str))
    # An institution counts as used when one of its used members names it.
    used |= {deck.actors[a].organisation for a in used if a in deck.actors and deck.actors[a].organisation}
    for actor in deck.actors.values():
        if actor.id not in used:
            yield Problem(
                deck.path, actor.line, 1, f"actor {actor.id!r} ({actor.name}) is never used by a fact"
            )


def _values(fact: Fact, section: Section) -> dict[str, object]:
    return {
        n: fact.get(n)
        for n, s in section.fields.items()
        if s.kind in _VALUE_KINDS and fact.get(n) is not None
    }


#: Where a sentence's number or date was left out, as ``quizlib draft`` writes a fact's text.
_GAP = "…"


def _other_gaps(a: Fact, b: Fact, field: str) -> bool:
    """Whether two facts are one cited sentence with different parts left out ("said … died
    and 2,059 were injured", "said 2,012 died and … were injured"): two facts the sentence
    tells, not one fact the sources disagree on, since they cite the very same places."""
    ta, tb = str(a.get(field, "")), str(b.get(field, ""))
    return bool(a.sources) and a.sources == b.sources and ta != tb and _GAP in ta and _GAP in tb


def _same_facts(deck: Deck, section: Section, facts: tuple[Fact, ...]) -> Iterator[Problem]:
    field = identity_field(section)
    if field is None:
        return
    texts = [(fact, _norm(str(fact.get(field, "")))) for fact in facts if fact.get(field)]
    if len(texts) > PAIRWISE_LIMIT:
        groups: dict[str, list[Fact]] = {}
        for fact, text in texts:
            groups.setdefault(text, []).append(fact)
        pairs: Iterator[tuple[Fact, Fact]] = (p for g in groups.values() for p in combinations(g, 2))
    else:
        pairs = (
            (a, b)
            for (a, ta), (b, tb) in combinations(texts, 2)
            if ta == tb or difflib.SequenceMatcher(None, ta, tb).ratio() >= SIMILARITY
        )
    # Other required text (a figure's unit) must agree too: 2,000 troops and 9 months that
    # come from one sentence are two facts, not one fact with two values.
    kinds = [n for n, s in section.fields.items() if s.kind is FieldKind.STR and s.required and n != field]
    for a, b in pairs:
        if any(_norm(str(a.get(n, ""))) != _norm(str(b.get(n, ""))) for n in kinds):
            continue
        if _other_gaps(a, b, field):
            continue
        va, vb = _values(a, section), _values(b, section)
        differing = sorted(k for k in va.keys() & vb.keys() if va[k] != vb[k])
        if not differing:
            yield _at(deck, b, f"{b.key} looks like a near-duplicate of {a.key} (line {a.line})")
        elif not (a.conflicts or b.conflicts):
            what = ", ".join(f"{k}: {va[k]} vs {vb[k]}" for k in differing)
            yield _at(
                deck,
                b,
                f"{b.key} and {a.key} (line {a.line}) seem to be the same fact with different values "
                f"({what}); merge them and record the disagreement under 'conflicts'",
            )


def unknown_skips(deck: Deck, type_names: Iterable[str]) -> Iterator[Problem]:
    """A warning for each name in a fact's ``skip`` list that no loaded question type has.

    The deck keeps only each fact's first line, so the name is located by reading the file
    from there: the first line after it that holds the name as a word (the fact's own line
    when the file cannot be read).
    """
    names = sorted(type_names)
    lines = _file_lines(deck.path)
    for fact in deck.all_facts():
        for wanted in fact.get("skip") or ():
            if wanted in names:
                continue
            line, column = _locate(lines, fact.line, str(wanted))
            yield Problem(
                deck.path,
                line,
                column,
                f"{fact.key}: skip names {wanted!r}, which no loaded question type has"
                + suggest(str(wanted), names),
            )


def _file_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _locate(lines: list[str], start: int, word: str) -> tuple[int, int]:
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    skip_line = next(
        (n for n in range(max(start, 1), len(lines) + 1) if re.search(r"\bskip\s*:", lines[n - 1])), 0
    )
    # The name is on the skip line (a flow list) or on one of the block list's lines under it.
    for number in range(skip_line, min(skip_line + 50, len(lines) + 1)) if skip_line else ():
        found = pattern.search(lines[number - 1])
        if found:
            return number, found.start() + 1
    return start, 1
