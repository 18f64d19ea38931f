"""Helpers the built-in question types share to write feedback and hint examples.

Not a plugin (the leading underscore keeps the plugin loader away): it names sources and
actors for people, and derives example answers for hints that can never be mistaken for
an answer in the deck. Like the plugins it imports only the public ``quizlib`` API.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from quizlib import (
    Actor,
    Conflict,
    Deck,
    Fact,
    PartialDate,
    Precision,
    format_number,
    grade_date,
    grade_number,
    name_forms,
    normalise,
)

from ._index import per_deck
from ._units import unit_kind

#: Example values by kind of unit, tried in order; none depends on the figure asked for, so
#: the example says nothing about the answer's size.
_EXAMPLES: dict[str, Sequence[int]] = {
    "small": (7, 5, 11, 3, 8, 13, 4, 15, 17, 12, 19, 23, 30, 40, 70),
    "percent": (35, 15, 60, 45, 80, 25, 55, 90, 5, 70),
    "people": (1500, 350, 4000, 25, 700, 12000, 150, 2500, 45, 9000, 600, 75, 30000),
    "things": (12, 25, 45, 150, 30, 75, 350, 18, 600, 1500, 4000),
}


def conflict_line(deck: Deck, conflict: Conflict, shown: str) -> str:
    """Which source gives another value, and why they differ: ``Also given as X by S; …``."""
    by = f" by {deck.cite(conflict.sources, short=True)}" if conflict.sources else ""
    line = f"Also given as {shown}{by}; either counts as right."
    note = " ".join(conflict.note.split())
    return f"{line} {note}" if note else line


@functools.cache  # compiled on first use: importing the question types is part of every start
def _citation() -> re.Pattern[str]:
    """A deck's raw citation in text: ``source-id:p5`` or ``source-id:p5-7``."""
    return re.compile(r"(?<![\w-])([a-z0-9][a-z0-9-]*):(p\d+(?:-\d+)?)\b")


def readable(deck: Deck, text: str) -> str:
    """Text for learners with the deck's raw citations ("unreliable-partner-2023:p5") written
    as the source's name and location ("“Title”, p5"); other text is left as it is."""

    def name(m: re.Match[str]) -> str:
        source = deck.sources.get(m.group(1))
        return f"{source.name()}, {m.group(2)}" if source is not None else m.group(0)

    if ":" not in text:  # no citation: most context and feedback text
        return text
    return _citation().sub(name, text)


def actor_names(deck: Deck, ids: Iterable[str]) -> str:
    """Actors with their roles, joined for a sentence: ``A (role) and B (role)``."""
    names = [deck.actors[i].describe() if i in deck.actors else i for i in ids]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + f" and {names[-1]}"


def names_actor(deck: Deck, text: str, ids: Iterable[str]) -> bool:
    """Whether ``text`` names one of the actors (by name, alias or a person's surname)."""
    words = f" {normalise(text)} "
    return any(f" {form} " in words for i in ids if i in deck.actors for form in name_forms(deck.actors[i]))


def _numbered(entry: Mapping[str, Any]) -> Iterator[tuple[float, object, str]]:
    value, upper, tolerance = entry.get("value"), entry.get("upper"), entry.get("tolerance")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if tolerance is None and isinstance(upper, int | float) and not isinstance(upper, bool):
            tolerance = [value, upper]  # a range the source gives ("40 to 50 years")
        yield float(value), tolerance, str(entry.get("qualifier") or "")


def deck_figures(deck: Deck) -> Iterator[tuple[float, object, str]]:
    """Every number the deck asks for, with its tolerance and qualifier: each fact's ``value``
    (figures), each record's ``value`` (agreement terms) and conflicting values, so an
    example can be checked against all of them."""
    for fact in deck.all_facts():
        yield from _numbered(fact.data)
        for field_value in fact.data.values():
            if isinstance(field_value, list):
                for record in field_value:
                    if isinstance(record, Mapping):
                        yield from _numbered(record)
        tolerance, qualifier = fact.get("tolerance"), str(fact.get("qualifier") or "")
        for c in fact.conflicts:
            if isinstance(c.value, int | float) and not isinstance(c.value, bool):
                yield float(c.value), tolerance, qualifier


def mentions_number(text: str, value: float) -> bool:
    """Whether ``text`` contains the number as a whole token, written ``2,000`` or ``2000``:
    no digit, point or comma just before it, and no digit (or point or comma and a digit)
    just after it."""
    forms = {format_number(value), format_number(value).replace(",", "")}
    return any(_whole_token(text, form) for form in forms)


def _whole_token(text: str, form: str) -> bool:
    # A search by hand rather than a regex made for each number: compiling one costs more
    # than the search, and every figure of a deck has its own.
    start = text.find(form)
    while start != -1:
        before = text[start - 1 : start] if start else ""
        after = text[start + len(form) : start + len(form) + 2]
        clear_before = not (before.isdecimal() or before in (".", ","))
        clear_after = not (after[:1].isdecimal() or (after[:1] in (".", ",") and after[1:].isdecimal()))
        if clear_before and clear_after:
            return True
        start = text.find(form, start + 1)
    return False


def number_example(unit: str, deck: Deck, *, kind: str | None = None) -> str:
    """An example answer for a number hint: of the unit's kind (or the ``kind`` given), and
    nowhere near (no partial credit for) any figure of the deck, so it never gives an answer
    away."""
    kind = kind or unit_kind(unit)
    # The example depends only on the kind and the deck's figures: found once per deck.
    return per_deck(deck, ("number_example", kind), lambda: _number_example(kind, list(deck_figures(deck))))


#: Scale words for answers of a million or more, largest first.
_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_SCALED = (7, 3.5, 12, 45, 150, 600, 2.5, 80)


def readable_number(value: float) -> str:
    """A number as a person reads it: "31.4 trillion" rather than "31,400,000,000,000" for a
    million or more (as sources write them), else with thousands separators ("2,000")."""
    scale, word = next(((s, w) for s, w in _SCALE_WORDS if abs(value) >= s), (0.0, ""))
    return f"{format_number(value / scale)} {word}" if word else format_number(value)


def scaled_example(value: float, deck: Deck) -> str:
    """For an answer of a million or more, an example in the answer's scale word ("7 billion")
    and nowhere near any figure of the deck; empty for a smaller answer. A plain example
    ("e.g. 12") beside 24 billion dollars invites "24", which is 24 dollars."""
    scale, word = next(((s, w) for s, w in _SCALE_WORDS if abs(value) >= s), (0.0, ""))
    if not word:
        return ""
    figures = list(deck_figures(deck))
    for n in _SCALED:
        pick = n * scale
        if all(grade_number(pick, v, t, q).score == 0 and pick != v for v, t, q in figures):
            return f"{n:g} {word}"
    return ""


def _number_example(kind: str, figures: Sequence[tuple[float, object, str]]) -> str:
    def free(n: float) -> bool:
        return all(grade_number(n, v, t, q).score == 0 and n != v for v, t, q in figures)

    pick = next((n for n in _EXAMPLES[kind] if free(n)), None)
    if pick is None:
        # A deck near every listed example: the first free whole number of the examples'
        # own size, so "an age in years" is never shown "e.g. 7,200,007" beside a deck's
        # $2.4 million, which going above all of the deck's numbers would give.
        pick = next((n for n in range(2, 10 * max(_EXAMPLES[kind])) if free(n)), None)
    if pick is None:  # a deck that uses every number of that size: go above all of its numbers
        top = max((abs(v) for v, _, _ in figures), default=0.0)
        pick = int(top * 3) + 7
        while not free(pick):
            pick = pick * 2 + 1
    text = format_number(pick)
    short = f"{pick / 1000:g}k" if pick >= 1000 and pick % 100 == 0 else ""
    if short and not any(mentions_number(short, v) for v, _, _ in figures):
        text += f" or {short}"
    return text


def deck_dates(deck: Deck) -> list[PartialDate]:
    """Every date a question could ask for: each fact's ``date`` and the dates of its conflicts."""
    return list(per_deck(deck, "deck_dates", lambda: tuple(_deck_dates(deck))))


def _deck_dates(deck: Deck) -> Iterator[PartialDate]:
    for fact in deck.all_facts():
        date = fact.date()
        if date is not None:
            yield date
        for c in fact.conflicts:
            if c.field == "date" and isinstance(c.value, str):
                try:
                    yield PartialDate.parse(c.value)
                except ValueError:
                    continue


def date_example(precision: Precision, truth: PartialDate, deck: Deck) -> str:
    """An example date at the answer's precision, in a year no date of the deck is in or next
    to, so it equals no answer and earns no partial credit for this one."""
    deck_years = per_deck(deck, "deck_years", lambda: frozenset(d.year for d in deck_dates(deck)))
    years = deck_years if truth.year in deck_years else deck_years | {truth.year}
    year = min(years) - 3
    while year in years or year - 1 in years or year + 1 in years:
        year -= 1
    if year < 1:  # a deck near year 1: look above its dates instead
        year = max(years) + 3
    # March and the 4th keep clear of year ends, where a month off would cross into the year.
    example = {
        Precision.YEAR: PartialDate(year),
        Precision.MONTH: PartialDate(year, 3),
        Precision.DAY: PartialDate(year, 3, 4),
    }[precision]
    return example.human()


def dated(fact: Fact) -> str:
    """`` (as of September 2023)`` for a fact with a date, else empty."""
    date = fact.date()
    return f" (as of {date.human()})" if date is not None else ""


def explanation(fact: Fact) -> str:
    """A card's ``explain`` text as one line, or empty."""
    return " ".join(str(fact.get("explain") or "").split())


def _bare(text: str) -> str:
    return normalise(text).removeprefix("the ")


def bare(text: str) -> str:
    """A name compared without case, accents, punctuation or a leading "the" ("the SEC" is
    "SEC")."""
    return _bare(text)


def actor_of(deck: Deck, text: str) -> Actor | None:
    """The actor whose name or alias ``text`` is ("CSTO", "the Kremlin", "Pashinyan"), if any."""
    wanted = _bare(text)
    return per_deck(deck, "actor_of", lambda: _actors_by_form(deck)).get(wanted) if wanted else None


def _actors_by_form(deck: Deck) -> dict[str, Actor]:
    """Each bare name form of the deck's actors, to the first actor (in deck order) with it."""
    found: dict[str, Actor] = {}
    for actor in deck.actors.values():
        for form in name_forms(actor):
            found.setdefault(_bare(form), actor)
    return found


_SMALL_WORDS = {"the", "of", "and", "for", "in", "on", "a", "an", "de", "du", "la"}


def unqualified(name: str) -> list[str]:
    """The name, and without a leading abbreviation that says whose it is ("U.S. Securities
    and Exchange Commission" is also "Securities and Exchange Commission", abbreviated SEC)."""
    first, _, rest = name.partition(" ")
    qualifier = re.fullmatch(r"(?:[A-Z]\.){2,3}|[A-Z]{2,3}", first)
    return [name, rest] if qualifier and len(rest.split()) >= 2 else [name]


def _initials(name: str) -> set[str]:
    """``Collective Security Treaty Organization`` → CSTO; hyphenated words count once or
    per part (``Nagorno-Karabakh Republic`` → NKR or NR); a leading qualifier may be left out
    (``U.S. Securities and Exchange Commission`` → USEC or SEC)."""
    out = set()
    for form in unqualified(name):
        words = [w for w in normalise(form).split() if w not in _SMALL_WORDS]
        whole = "".join(w[0] for w in re.split(r"\s+", form) if w and w.lower() not in _SMALL_WORDS)
        out |= {"".join(w[0] for w in words), normalise(whole).replace(" ", "")}
        if re.fullmatch(r"(?:[A-Za-z]\.)+", form):  # "F.T.A." is FTA, its "A" no small word
            out.add(form.replace(".", "").lower())
    return out


def _stems(name: str) -> set[str]:
    return {w[:5] for w in normalise(name).split() if w not in _SMALL_WORDS and len(w) > 2}


def same_thing(a: str, b: str) -> bool:
    """Whether two names of one actor are spellings of the same name (one abbreviates the
    other, or they share a word: "Russia" / "Russian Federation", "Pashinyan" / "Nikol
    Pashinyan"), not a metonym ("Moscow" for Russia) that names something else in a text."""
    short_a, short_b = normalise(a).replace(" ", ""), normalise(b).replace(" ", "")
    return short_a in _initials(b) or short_b in _initials(a) or bool(_stems(a) & _stems(b))


def other_names(actor: Actor, text: str) -> list[str]:
    """The actor's names that may stand for ``text`` in a sentence (see :func:`same_thing`)."""
    forms = [*unqualified(actor.name), *actor.aliases]
    return [f for f in dict.fromkeys(forms) if _bare(f) != _bare(text) and same_thing(f, text)]


def when(fact: Fact, date: PartialDate | None = None) -> str:
    """A fact's date for feedback, marked "(inferred)" when the deck says the sources do not
    state it (``date_inferred: true``): "January 2024 (inferred)"."""
    date = date if date is not None else fact.date()
    if date is None:
        return ""
    return f"{date.human()} (inferred)" if fact.get("date_inferred") else date.human()


#: The share of credit a value earns when only sources the deck warns about give it.
DOUBTFUL_CREDIT = 0.5


def doubt(deck: Deck, conflict: Conflict) -> str:
    """The ``reliability`` warnings of a conflict's sources when every one carries one (the
    other value rests on doubtful sources only), else empty."""
    return deck.caution(conflict.sources) if conflict.sources else ""


def conflict_note(deck: Deck, conflict: Conflict, shown: str) -> str:
    """Feedback on another source's value: accepted in full, or for :data:`DOUBTFUL_CREDIT`
    when only doubtful sources give it, saying which source and why it is doubtful."""
    warning = doubt(deck, conflict)
    if not warning:
        return conflict_line(deck, conflict, shown)
    by = deck.cite(conflict.sources, short=True)
    line = f"Also given as {shown} by {by}, a doubtful source ({warning}); counts as partly right."
    note = " ".join(conflict.note.split())
    return f"{line} {note}" if note else line


def date_conflicts(deck: Deck, fact: Fact) -> dict[str, list[str]]:
    """A fact's conflicting dates for a question's key: ``also`` (counted right), ``doubtful``
    (given only by sources the deck warns about: partial credit) and ``disagree`` (a
    feedback line for each, naming its source)."""
    conflicts = [c for c in fact.conflicts if c.field == "date"]
    return {
        "also": [str(c.value) for c in conflicts if not doubt(deck, c)],
        "doubtful": [str(c.value) for c in conflicts if doubt(deck, c)],
        "disagree": [conflict_note(deck, c, PartialDate.parse(str(c.value)).human()) for c in conflicts],
    }


def doubtful_score(answer: PartialDate, doubtful: Iterable[str], score: float) -> float:
    """``score``, or :data:`DOUBTFUL_CREDIT` of the credit against a doubtful date if more."""
    for value in doubtful:
        partial = DOUBTFUL_CREDIT * grade_date(answer, PartialDate.parse(value), [])
        score = max(score, round(partial, 2))
    return score


#: Capitalised common nouns that start an institution's descriptive name, which English
#: reads with "the": "the Ministry of Defense", "the Russian peacekeeping contingent".
_COMMON_HEADS = frozenset({
    "ministry", "office", "council", "contingent", "department", "committee", "commission",
    "government", "parliament", "assembly", "army", "mission", "center", "centre", "agency",
    "service", "court", "bureau", "embassy", "presidency", "administration", "secretariat",
    "directorate", "command", "forces", "union", "organization", "organisation", "state",
})  # fmt: skip


def definite(actor: Actor) -> str:
    """An institution's name as a sentence reads it: "the Ministry of Defense of Azerbaijan",
    "the Russian peacekeeping contingent"; a single proper name ("Russia", "the Kremlin"), a
    name starting with "the", a person and an acronym stay as they are."""
    name = actor.name.strip()
    words = name.split()
    if actor.kind == "person" or len(words) < 2 or words[0].lower() == "the" or name.isupper():
        return name
    lowered = [w.lower() for w in words]
    descriptive = lowered[0] in _COMMON_HEADS or any(w in _COMMON_HEADS for w in lowered[1:3])
    return f"the {name}" if descriptive or not words[1][:1].isupper() else name


def describe_definite(actor: Actor) -> str:
    """:func:`definite` with the role, for feedback."""
    name = definite(actor)
    return f"{name} ({actor.role})" if actor.role else name
