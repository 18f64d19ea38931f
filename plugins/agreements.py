"""Agreements: who the parties were, who brokered it, when it came about, its numeric terms.

Reads ``agreements``. Parties are "choose all that apply", graded per option like choice
cards; ``mediators`` brokered it without being parties: never offered as parties, asked
"Who brokered …?" when plausible wrong brokers exist, and named in the parties feedback.
The date question says how it came about (``verb``: agreed, signed, established). The date
and the terms are graded like date recall and number recall; a term's number is attributed
to the deck's source, not to the agreement's wording. Distractors
are wrong by the deck's own data, hints never show an answer of the deck, and a stem that
would give its answer away is not asked.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence

from quizlib import (
    MULTI_HINT,
    Actor,
    Answer,
    Conflict,
    Deck,
    Fact,
    Grade,
    PartialDate,
    Prompt,
    PromptKind,
    Question,
    RegisterQuestionType,
    Response,
    format_number,
    grade_date,
    grade_picks,
    hookimpl,
    name_forms,
    normalise,
    parse_date_answer,
    question_id,
)

from . import _teach
from ._agreement_dates import date_prompt, deck_dates, given_away, participle
from ._agreement_dates import strings as _strings
from ._agreement_terms import counted_right, grade_term, term_cite, term_question
from ._index import actors, actors_named, padded_has, per_deck
from ._units import unit_scale

#: Options of a parties question, right and wrong together (at least two wrong ones).
OPTIONS = 5


def _mentions(text: str, actor: Actor, deck: Deck | None = None) -> bool:
    padded = f" {normalise(text)} "
    return padded_has(padded, actors(deck).forms(actor) if deck is not None else tuple(name_forms(actor)))


def involved(fact: Fact, deck: Deck) -> set[str]:
    """Actors the agreement's own entry names: parties, any actor id in its fields or its
    conflicts, any actor its name or terms name (a "Moscow-brokered" ceasefire)."""
    texts = _strings(fact.data)
    conflicting = [s for c in fact.conflicts for s in _strings(c.value)]
    ids = {s for s in (*texts, *conflicting) if s in deck.actors}
    return ids.union(*(actors_named(deck, t) for t in texts))


class _Activity:
    """Who is a party to which agreements, and who acts in events of each tag (once per deck)."""

    def __init__(self, deck: Deck) -> None:
        self.parties: Counter[str] = Counter()
        self.by_id: dict[str, list[Fact]] = {}
        for f in deck.facts("agreements"):
            self.parties.update(f.get("parties", []))
            self.by_id.setdefault(f.id, []).append(f)
        self.by_tag: dict[str, dict[str, None]] = {}
        for e in deck.facts("events"):
            for tag in set(e.tags):
                self.by_tag.setdefault(tag, {}).update(dict.fromkeys(e.get("actors", [])))


def _active(fact: Fact, deck: Deck) -> set[str]:
    """Actors that are parties to other agreements or act in events sharing a tag with this one."""
    activity = per_deck(deck, "activity", lambda: _Activity(deck))
    own = Counter(p for f in activity.by_id.get(fact.id, ()) for p in f.get("parties", []))
    found = {p for p, n in activity.parties.items() if n > own[p]}
    return found | {a for tag in set(fact.tags) for a in activity.by_tag.get(tag, {})}


def _fits(actor: Actor, like: Sequence[Actor], active: set[str], deck: Deck) -> bool:
    """Whether an actor is a plausible wrong option beside ``like``: active in the deck's
    related facts, or not shown to be of another sort by the roles (both roles known and
    sharing no word: a UN agency beside states)."""
    ix = actors(deck)
    mine = ix.roles(actor)
    theirs = [ix.roles(a) for a in like if a.role]
    return actor.id in active or not mine or not theirs or any(mine & t for t in theirs)


def _alike(
    fact: Fact, deck: Deck, like: Sequence[Actor], apart: Sequence[Actor], active: set[str]
) -> list[Actor]:
    """Actors of ``like``'s kinds (top-level ones unless one of ``like`` is nested) that the
    entry does not involve, related to or sharing a name form with none of ``apart``, and
    plausible beside ``like`` (:func:`_fits`), in deck order."""
    taken = involved(fact, deck)
    ix = actors(deck)
    kinds = {a.kind for a in like}
    nested = any(a.parents for a in like)
    return [
        a
        for a in deck.actors.values()
        if a.id not in taken
        and a.kind in kinds
        and (nested or not a.parents)
        and not any(ix.related(a.id, o.id) or ix.overlap(a, o) for o in apart)
        and _fits(a, like, active, deck)
    ]


def party_distractors(fact: Fact, deck: Deck, rng: random.Random, count: int) -> list[Actor]:
    """Plausible non-parties, most plausible first; fewer than ``count`` rather than weak ones.

    Never an actor the entry itself involves, related to a party (a party's ministry), or
    sharing a name form with one. Only actors of a party's kind, and top-level ones (no
    parents) unless a party has parents too; only those that are parties to other
    agreements, act in events sharing a tag with this one, or whose role does not set them
    apart from the parties' (a UN agency is no party to a states' ceasefire), the first two
    first.
    """
    parties = [deck.actors[p] for p in fact.get("parties", []) if p in deck.actors]
    elsewhere = _active(fact, deck)
    pool = _alike(fact, deck, parties, parties, elsewhere)
    rng.shuffle(pool)
    pool.sort(key=lambda a: a.id not in elsewhere)
    return pool[:count]


def _conflict_note(deck: Deck, conflict: Conflict) -> str:
    """Who else other sources name, and why they differ."""
    names = [deck.actors[a].name if a in deck.actors else str(a) for a in _strings(conflict.value)]
    by = f" ({deck.cite(conflict.sources, short=True)})" if conflict.sources else ""
    note = " ".join(conflict.note.split())
    who = "Another source names" if len(conflict.sources) == 1 else "Other sources name"
    return f"{who} {' and '.join(names)}{by}." + (f" {note}" if note else "")


def broker_distractors(fact: Fact, deck: Deck, rng: random.Random, count: int) -> list[Actor]:
    """Plausible wrong brokers: actors of a mediator's kind the entry does not involve (so
    never its parties), unrelated to any mediator."""
    mediators = [deck.actors[m] for m in fact.get("mediators", []) if m in deck.actors]
    parties = [deck.actors[p] for p in fact.get("parties", []) if p in deck.actors]
    others = _alike(fact, deck, mediators, (*mediators, *parties), _active(fact, deck))
    rng.shuffle(others)
    # The parties are not offered: the parties question beside it names them, so they
    # would fall out by elimination.
    return others[:count]


def _picked_notes(choices: Sequence[str], right: Sequence[int], response: Response, role: str) -> list[str]:
    # grade_picks has refused anything but option indexes
    picked = {response} if isinstance(response, int) else {i for i in response if isinstance(i, int)}
    wrong = [choices[i] for i in sorted(picked) if i not in right]
    missed = [choices[i] for i in right if i not in picked]
    return [f"Not a {role}: {', '.join(wrong)}." if wrong else "",
            f"Also a {role}: {', '.join(missed)}." if missed else ""]  # fmt: skip


class Agreements:
    """Parties, brokers, date and terms of agreements."""

    name = "agreements"
    section = "agreements"
    description = "parties, brokers, date and terms of an agreement"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """A parties question, a brokers question, a date question, and one per numeric term,
        each only when fair."""
        name = str(fact.get("name"))
        out = [*self._parties(fact, deck, rng, name), *self._brokers(fact, deck, rng, name)]
        date = fact.date()
        if date is not None and not given_away(name, date):
            key = {"variant": "date", "date": date.iso(), **_teach.date_conflicts(deck, fact)}
            prompt = date_prompt(name, date, deck_dates(deck), participle(fact.get("verb")))
            out.append(Question(question_id(fact, self.name, "date"), self.name, fact, prompt, key=key))
        for term in fact.get("terms", []):
            if "value" in term:
                unit = str(term.get("unit", ""))
                hint = f"a number of {unit}" if unit else "a number"
                if unit_scale(unit) != 1:  # "a number of pounds, in millions", as number recall hints
                    word, rest = unit.split(None, 1)
                    hint = f"a number of {rest}, in {word.lower()}s"
                prompt = Prompt(PromptKind.NUMBER, term_question(name, term), hint=hint)
                key = {
                    "variant": "term",
                    "value": term["value"],
                    "unit": unit,
                    "cite": term_cite(deck, fact, term),
                }
                variant = f"term-{term['id']}"
                out.append(Question(question_id(fact, self.name, variant), self.name, fact, prompt, key=key))
        return out

    def _parties(self, fact: Fact, deck: Deck, rng: random.Random, name: str) -> list[Question]:
        parties = [p for p in fact.get("parties", []) if p in deck.actors]
        mediators = [m for m in fact.get("mediators", []) if m in deck.actors and m not in parties]
        named = any(_mentions(name, deck.actors[p], deck) for p in parties)
        # A mediator is in the entry, so never a distractor: it is neither right nor plainly wrong.
        wrong = party_distractors(fact, deck, rng, max(2, OPTIONS - len(parties)))
        if not parties or not wrong or named:
            return []
        options = parties + [a.id for a in wrong]
        rng.shuffle(options)
        verb = participle(fact.get("verb"))
        prompt = Prompt(
            PromptKind.MULTI,
            f"Who were the parties to {name}?" if verb in ("agreed", "signed") else f"Who {verb} {name}?",
            choices=tuple(deck.actors[a].name for a in options),
            hint=MULTI_HINT,
        )
        values = [form for p in parties for form in (deck.actors[p].name, *deck.actors[p].aliases)]
        key = {
            "variant": "parties",
            "right": sorted(options.index(p) for p in parties),
            "values": values,
            "brokered": [deck.actors[m].name for m in mediators],
            "disagree": [_conflict_note(deck, c) for c in fact.conflicts if c.field == "parties"],
        }
        return [Question(question_id(fact, self.name, "parties"), self.name, fact, prompt, key=key)]

    def _brokers(self, fact: Fact, deck: Deck, rng: random.Random, name: str) -> list[Question]:
        mediators = [m for m in fact.get("mediators", []) if m in deck.actors]
        if not mediators or any(_mentions(name, deck.actors[m], deck) for m in mediators):
            return []  # none, or "the Moscow-brokered ceasefire" answers itself
        wrong = broker_distractors(fact, deck, rng, max(2, OPTIONS - 1 - len(mediators)))
        if len(wrong) < 2:
            return []  # a coin toss is no question
        options = mediators + [a.id for a in wrong]
        rng.shuffle(options)
        several = len(mediators) > 1
        prompt = Prompt(
            PromptKind.MULTI if several else PromptKind.CHOICE,
            f"Who brokered {name}?",
            choices=tuple(deck.actors[a].name for a in options),
            hint=MULTI_HINT if several else "one option",
        )
        values = [form for m in mediators for form in (deck.actors[m].name, *deck.actors[m].aliases)]
        key = {
            "variant": "mediators",
            "right": sorted(options.index(m) for m in mediators),
            "values": values,
            "parties": [deck.actors[p].name for p in fact.get("parties", []) if p in deck.actors],
        }
        return [Question(question_id(fact, self.name, "mediators"), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Grade by variant: parties and brokers per option, date like date recall, terms like
        number recall."""
        variant = question.key.get("variant")
        if variant in ("parties", "mediators"):
            choices = question.prompt.choices
            right: list[int] = question.key["right"]
            score = grade_picks(response, right, len(choices))
            role = "party" if variant == "parties" else "broker"
            notes = _picked_notes(choices, right, response, role)
            if variant == "parties":
                # Brokering is not signing: say so whatever was picked.
                notes += [f"{m} brokered it but was not a party." for m in question.key.get("brokered", [])]
                notes += question.key.get("disagree", [])
            else:
                parties = question.key.get("parties", [])
                notes += [f"The parties were {' and '.join(parties)}."] if parties else []
            answer = "; ".join(choices[i] for i in sorted(right))
            return Grade(score, answer, " ".join(n for n in notes if n))
        if variant == "date":
            truth = PartialDate.parse(question.key["date"])
            also = [PartialDate.parse(d) for d in question.key["also"]]
            given = parse_date_answer(str(response))
            score = _teach.doubtful_score(
                given, question.key.get("doubtful", []), grade_date(given, truth, also)
            )
            other = f"Sources disagree: also given as {', '.join(d.human() for d in also)}." if also else ""
            # What happened on that date, as date recall pairs a date with its event.
            fact = question.fact
            done = f"{truth.human()}: {fact.get('name')} was {participle(fact.get('verb'))}."
            lines = [done, *(question.key.get("disagree") or [other])]
            return Grade(score, truth.human(), "\n".join(line for line in lines if line))
        key = question.key
        return grade_term(str(response), float(key["value"]), str(key["unit"]), str(key.get("cite", "")))

    def answer(self, question: Question) -> Answer:
        """The parties or brokers, the date (and dates other sources give) or the term's number."""
        variant = question.key.get("variant")
        key = question.key
        if variant in ("parties", "mediators"):
            right = tuple(question.prompt.choices[i] for i in key["right"])
            return Answer("; ".join(right), choices=right, values=tuple(key.get("values", right)))
        if variant == "date":
            truth = PartialDate.parse(key["date"])
            also = tuple(PartialDate.parse(d).human() for d in key["also"])
            doubtful = tuple(f"partly: {PartialDate.parse(d).human()}" for d in key.get("doubtful", []))
            return Answer(truth.human(), accepted=also + doubtful, values=(truth.human(), truth.iso()))
        value = float(key["value"])
        stated = f"{format_number(value)} {key['unit']}".strip()
        return Answer(stated, accepted=(counted_right(value),), values=(format_number(value),))


@hookimpl
def register_question_types(register: RegisterQuestionType) -> None:
    """Add agreement questions."""
    register(Agreements())
