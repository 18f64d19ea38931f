"""Agreements: who the parties were, when it was agreed, and its numeric terms.

Reads ``agreements``. Parties are "choose all that apply", graded per option like choice
cards; the date and the terms are graded like date recall and number recall. Distractors
are wrong by the deck's own data, hints never show an answer of the deck, and a stem that
would give its answer away is not asked.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from quizlib import (
    Actor,
    Answer,
    AnswerError,
    Deck,
    Fact,
    Field,
    FieldKind,
    Grade,
    PartialDate,
    Precision,
    Prompt,
    PromptKind,
    Question,
    Response,
    Section,
    accepted_range,
    format_number,
    grade_date,
    grade_number,
    grade_picks,
    hookimpl,
    name_forms,
    normalise,
    parse_date_answer,
    parse_number,
    question_id,
)

#: Options of a parties question, right and wrong together (at least two wrong ones).
OPTIONS = 5

AGREEMENTS = Section(
    "agreements",
    {
        "name": Field(FieldKind.STR, True, "the agreement, e.g. 'the November 2020 ceasefire statement'"),
        "date": Field(FieldKind.DATE, True, "when it was agreed"),
        "parties": Field(FieldKind.ACTOR_LIST, True, "actor ids of the parties"),
        "mediators": Field(
            FieldKind.ACTOR_LIST, description="actors that brokered it without being parties to it"
        ),
        "verb": Field(
            FieldKind.STR,
            description="how it came about, for questions: agreed (default), signed, established",
        ),
        "terms": Field(
            FieldKind.RECORDS,
            description="terms: id, text, and optionally value and unit (asked as numbers)",
            fields=(
                ("text", Field(FieldKind.STR, True, "what the term says")),
                ("value", Field(FieldKind.NUMBER, description="a number in the term")),
                ("unit", Field(FieldKind.STR, description="the number's unit")),
                ("question", Field(FieldKind.STR, description="how to ask for the number")),
            ),
        ),
    },
    description="agreements and arrangements",
)

_WH = ("how many", "how much", "how long", "how far", "how often", "how old")
_AUX = frozenset({
    "is", "are", "was", "were", "will", "would", "can", "could", "should", "shall", "may", "might",
    "must", "has", "have", "had",
})  # fmt: skip
#: Words that open a clause's subject: after "how many years", "the mission is to last".
_SUBJECT = frozenset({
    "the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our", "it", "they",
    "he", "she", "we",
})  # fmt: skip
#: Words that make a clause too complex to reorder safely ("who were deployed").
_CLAUSE = frozenset({"who", "which", "that", "whom", "whose", "where", "when", "because", "if", "while"})


def _strings(value: Any) -> Iterator[str]:
    """Every string in a fact's data, however nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def _mentions(text: str, actor: Actor) -> bool:
    padded = f" {normalise(text)} "
    return any(f" {form} " in padded for form in name_forms(actor))


def _overlap(a: Actor, b: Actor) -> bool:
    """Whether a name form of one is, or holds as whole words, one of the other's."""
    return any(_mentions(form, b) for form in name_forms(a)) or any(_mentions(f, a) for f in name_forms(b))


def involved(fact: Fact, deck: Deck) -> set[str]:
    """Actors the agreement's own entry names: parties, any actor id in its fields or its
    conflicts, any actor its name or terms name (a "Moscow-brokered" ceasefire)."""
    texts = list(_strings(dict(fact.data)))
    conflicting = [s for c in fact.conflicts for s in _strings(c.value)]
    ids = {s for s in (*texts, *conflicting) if s in deck.actors}
    return ids | {a.id for a in deck.actors.values() if any(_mentions(t, a) for t in texts)}


def party_distractors(fact: Fact, deck: Deck, rng: random.Random, count: int) -> list[Actor]:
    """Plausible non-parties, most plausible first; fewer than ``count`` rather than weak ones.

    Never an actor the entry itself involves, related to a party (a party's ministry), or
    sharing a name form with one. Only actors of a party's kind, and top-level ones (no
    parents) unless a party has parents too; first those that are parties to other
    agreements or act in events sharing a tag with this one.
    """
    parties = [deck.actors[p] for p in fact.get("parties", []) if p in deck.actors]
    taken = involved(fact, deck)
    kinds = {p.kind for p in parties}
    nested = any(p.parents for p in parties)
    tags = set(fact.tags)
    elsewhere = {p for f in deck.facts("agreements") if f.id != fact.id for p in f.get("parties", [])}
    elsewhere |= {a for e in deck.facts("events") if tags & set(e.tags) for a in e.get("actors", [])}
    pool = [
        a
        for a in deck.actors.values()
        if a.id not in taken
        and a.kind in kinds
        and (nested or not a.parents)
        and not any(deck.related(a.id, p.id) or _overlap(a, p) for p in parties)
    ]
    rng.shuffle(pool)
    pool.sort(key=lambda a: a.id not in elsewhere)
    return pool[:count]


def _given_away(name: str, date: PartialDate) -> bool:
    """Whether the agreement's name states its date down to the month (to the year for a
    year-only date): asking it would answer itself."""
    words = f" {normalise(name)} "
    if f" {date.year} " not in words:
        return False
    return date.month is None or f" {normalise(date.human().split()[-2])} " in words


def deck_dates(deck: Deck) -> list[PartialDate]:
    """Every date the deck states, in any fact's fields or conflicts."""
    out = []
    for fact in deck.all_facts():
        for text in (*_strings(dict(fact.data)), *(s for c in fact.conflicts for s in _strings(c.value))):
            try:
                out.append(PartialDate.parse(text))
            except ValueError:
                continue
    return out


def _reads_back(date: PartialDate) -> bool:
    """Whether the date as shown is read back as itself: an example the answer parser
    refuses would teach a wrong format."""
    try:
        return parse_date_answer(date.human()) == date
    except AnswerError:
        return False


def example_date(truth: PartialDate, taken: Sequence[PartialDate]) -> PartialDate:
    """A date at the truth's precision to show as a format example: at least two years off
    (so it earns nothing), overlapping no date the deck states (so it answers nothing), and
    read back as itself by the answer parser."""
    day = (truth.day or 1) % 27 + 1  # a day every month has
    for offset in (d for n in range(2, 200) for d in (-n, n)):
        year = truth.year + offset
        month = ((truth.month or 1) + 4 + offset) % 12 + 1
        candidate = PartialDate(
            year,
            month if truth.precision >= Precision.MONTH else None,
            day if truth.precision is Precision.DAY else None,
        )
        if all(candidate.orders_with(t) for t in taken) and _reads_back(candidate):
            return candidate
    return PartialDate(truth.year - 1000)  # a deck dating every year of two centuries


def date_prompt(name: str, truth: PartialDate, taken: Sequence[PartialDate]) -> Prompt:
    """When was it agreed, asked at the date's precision with an example that answers nothing."""
    example = example_date(truth, taken).human()
    if truth.precision is Precision.DAY:
        return Prompt(PromptKind.DATE, f"On what date was {name} agreed?", hint=f"a date, e.g. {example}")
    if truth.precision is Precision.MONTH:
        text = f"In what month and year was {name} agreed?"
        return Prompt(PromptKind.DATE, text, hint=f"a month and year, e.g. {example}")
    return Prompt(PromptKind.DATE, f"In what year was {name} agreed?", hint=f"a year, e.g. {example}")


def _opens_subject(word: str) -> bool:
    return word.lower() in _SUBJECT or word[0].isupper()


def _direct(text: str) -> str:
    """An indirect "how many …" question as a direct one, or "" when it cannot be reordered
    safely: "how many years the mission is to last" → "how many years is the mission to last".
    One without a subject of its own between the "how many" phrase and its first auxiliary
    ("how many people were killed", "how many servicemen use drones") needs no change.
    """
    lower = text.lower()
    wh = next((w for w in _WH if lower.startswith(w + " ")), "")
    if not wh:
        return ""
    words = text.split()
    start = len(wh.split()) + 1  # past the counted noun
    aux = next((i for i in range(start, len(words)) if words[i].lower() in _AUX), None)
    if aux is None:
        # "how many troops the center employs" wants "does … employ": not done by rule
        return "" if any(w.lower() in _SUBJECT for w in words[start : start + 2]) else text
    subject = next((i for i in range(start, aux) if _opens_subject(words[i])), None)
    if subject is None:
        return text
    if any(w.lower() in _CLAUSE for w in words[subject:aux]):
        return ""
    return " ".join([*words[:subject], words[aux], *words[subject:aux], *words[aux + 1 :]])


def term_question(name: str, term: Mapping[str, Any]) -> str:
    """The term's own ``question``, else a grammatical one built from its text: a noun phrase
    ("the length of the mission") or an indirect question ("how many years the mission is to
    last")."""
    if term.get("question"):
        return str(term["question"])
    text = str(term["text"]).strip().rstrip(".?")
    unit = str(term.get("unit", "")).strip()
    direct = _direct(text)
    if direct:
        return f"Under {name}, {direct}?"
    if text.lower().startswith(("how ", "what ", "which ", "when ", "who ", "where ")):
        return f"Under {name}, a term says {text}. What number is that?"
    return f"Under {name}, what was {text}" + (f", in {unit}?" if unit else "?")


def counted_right(value: float) -> str:
    """The answers counted right for a term's number, for people; a whole number is counted
    in whole numbers ("58 to 70", never "57.6 to 70.4")."""
    low, high = accepted_range(value, None)
    if float(value).is_integer():
        low, high = math.ceil(low - 1e-9), math.floor(high + 1e-9)
    shown_low, shown_high = format_number(low), format_number(high)
    return f"exactly {shown_low}" if low == high else f"{shown_low} to {shown_high}"


def grade_term(text: str, value: float, unit: str) -> Grade:
    """Number recall with the default tolerance, feedback in the term's unit."""
    result = grade_number(parse_number(text), value)
    stated = f"{format_number(value)} {unit}".strip()
    return Grade(result.score, stated, f"The agreement says {stated}; counted right: {counted_right(value)}.")


class Agreements:
    """Parties, date and terms of agreements."""

    name = "agreements"
    section = "agreements"
    description = "parties, date and terms of an agreement"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """A parties question, a date question, and one per numeric term, each only when fair."""
        name = str(fact.get("name"))
        out = []
        parties = [p for p in fact.get("parties", []) if p in deck.actors]
        named = any(_mentions(name, deck.actors[p]) for p in parties)
        wrong = party_distractors(fact, deck, rng, max(2, OPTIONS - len(parties)))
        if parties and wrong and not named:
            options = parties + [a.id for a in wrong]
            rng.shuffle(options)
            prompt = Prompt(
                PromptKind.MULTI,
                f"Who were the parties to {name}?",
                choices=tuple(deck.actors[a].name for a in options),
                hint="all that apply, as option numbers",
            )
            values = [form for p in parties for form in (deck.actors[p].name, *deck.actors[p].aliases)]
            key = {"right": sorted(options.index(p) for p in parties), "values": values}
            out.append(Question(question_id(fact, self.name, "parties"), self.name, fact, prompt, key=key))
        date = fact.date()
        if date is not None and not _given_away(name, date):
            also = [str(c.value) for c in fact.conflicts if c.field == "date"]
            key = {"date": date.iso(), "also": also}
            prompt = date_prompt(name, date, deck_dates(deck))
            out.append(Question(question_id(fact, self.name, "date"), self.name, fact, prompt, key=key))
        for term in fact.get("terms", []):
            if "value" in term:
                unit = str(term.get("unit", ""))
                hint = f"a number of {unit}" if unit else "a number"
                prompt = Prompt(PromptKind.NUMBER, term_question(name, term), hint=hint)
                key = {"value": term["value"], "unit": unit}
                variant = f"term-{term['id']}"
                out.append(Question(question_id(fact, self.name, variant), self.name, fact, prompt, key=key))
        return out

    def grade(self, question: Question, response: Response) -> Grade:
        """Grade by variant: parties per option, date like date recall, terms like number recall."""
        variant = question.id.rsplit("/", 1)[1]
        if variant == "parties":
            choices = question.prompt.choices
            right: list[int] = question.key["right"]
            score = grade_picks(response, right, len(choices))
            # grade_picks has refused anything but option indexes
            picked = {response} if isinstance(response, int) else {i for i in response if isinstance(i, int)}
            wrong = [choices[i] for i in sorted(picked) if i not in right]
            missed = [choices[i] for i in right if i not in picked]
            notes = [f"Not a party: {', '.join(wrong)}." if wrong else "",
                     f"Also a party: {', '.join(missed)}." if missed else ""]  # fmt: skip
            answer = "; ".join(choices[i] for i in sorted(right))
            return Grade(score, answer, " ".join(n for n in notes if n))
        if variant == "date":
            truth = PartialDate.parse(question.key["date"])
            also = [PartialDate.parse(d) for d in question.key["also"]]
            score = grade_date(parse_date_answer(str(response)), truth, also)
            other = f"Sources disagree: also given as {', '.join(d.human() for d in also)}." if also else ""
            return Grade(score, truth.human(), other)
        return grade_term(str(response), float(question.key["value"]), str(question.key["unit"]))

    def answer(self, question: Question) -> Answer:
        """The parties, the date (and dates other sources give) or the term's number."""
        variant = question.id.rsplit("/", 1)[1]
        key = question.key
        if variant == "parties":
            right = tuple(question.prompt.choices[i] for i in key["right"])
            return Answer("; ".join(right), choices=right, values=tuple(key.get("values", right)))
        if variant == "date":
            truth = PartialDate.parse(key["date"])
            also = tuple(PartialDate.parse(d).human() for d in key["also"])
            return Answer(truth.human(), accepted=also, values=(truth.human(), truth.iso()))
        value = float(key["value"])
        stated = f"{format_number(value)} {key['unit']}".strip()
        return Answer(stated, accepted=(counted_right(value),), values=(format_number(value),))


@hookimpl
def register_sections(register: Any) -> None:
    """Declare ``agreements``."""
    register(AGREEMENTS)


@hookimpl
def register_question_types(register: Any) -> None:
    """Add agreement questions."""
    register(Agreements())
