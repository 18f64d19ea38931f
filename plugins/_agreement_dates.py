"""The date question of an agreement: how it is asked and the example its hint shows.

Not a plugin (the leading underscore keeps the plugin loader away); split from
``agreements`` to keep that module readable. Imports only the public ``quizlib`` API.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import accumulate
from typing import Any

from quizlib import (
    AnswerError,
    Deck,
    PartialDate,
    Precision,
    Prompt,
    PromptKind,
    normalise,
    parse_date_answer,
)

from ._index import per_deck


def strings(value: Any) -> list[str]:
    """Every string in a fact's data, however nested, in order."""
    out: list[str] = []
    _collect(value, out)
    return out


def _collect(value: Any, out: list[str]) -> None:
    # Appending to one list rather than chaining generators: the agreements read every
    # string of the deck once per session.
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, Mapping):
        for v in value.values():
            _collect(v, out)
    elif isinstance(value, list | tuple):
        for v in value:
            _collect(v, out)


def given_away(name: str, date: PartialDate) -> bool:
    """Whether the agreement's name states its date down to the month (to the year for a
    year-only date): asking it would answer itself."""
    words = f" {normalise(name)} "
    if f" {date.year} " not in words:
        return False
    return date.month is None or f" {normalise(date.human().split()[-2])} " in words


class TakenDates:
    """The dates a deck states, indexed so that "does this date overlap any of them?" takes
    a binary search: spans sorted by first day, with the latest last day seen so far."""

    def __init__(self, dates: Iterable[PartialDate]) -> None:
        spans = sorted((a.toordinal(), b.toordinal()) for a, b in (d.span() for d in dates))
        self.starts = [a for a, _ in spans]
        self.reach = list(accumulate((b for _, b in spans), max))

    def __len__(self) -> int:
        return len(self.starts)

    def clear_of(self, date: PartialDate) -> bool:
        """Whether the date orders with (overlaps no day of) every taken date."""
        first, last = (d.toordinal() for d in date.span())
        before = bisect_right(self.starts, last)  # the taken spans starting by our last day
        return before == 0 or self.reach[before - 1] < first


def deck_dates(deck: Deck) -> TakenDates:
    """Every date the deck states, in any fact's fields or conflicts (indexed once per deck)."""
    return per_deck(deck, "agreement_dates", lambda: TakenDates(_stated(deck)))


def _stated(deck: Deck) -> Iterator[PartialDate]:
    for fact in deck.all_facts():
        texts = strings(fact.data)
        for conflict in fact.conflicts:
            _collect(conflict.value, texts)
        for text in texts:
            if not _date_shaped(text):
                continue  # most of a deck's strings: passed over without raising an error
            try:
                yield PartialDate.parse(text)
            except ValueError:
                continue


def _date_shaped(text: str) -> bool:
    """Whether the text has the shape :meth:`PartialDate.parse` requires of what it reads
    (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` once stripped: 4, 7 or 10 characters, the first
    four decimal digits); a text without it is no date."""
    stripped = text.strip()
    return len(stripped) in (4, 7, 10) and stripped[:4].isdecimal()


def _reads_back(date: PartialDate) -> bool:
    """Whether the date as shown is read back as itself: an example the answer parser
    refuses would teach a wrong format."""
    try:
        return parse_date_answer(date.human()) == date
    except AnswerError:
        return False


def example_date(truth: PartialDate, taken: TakenDates | Sequence[PartialDate]) -> PartialDate:
    """A date at the truth's precision to show as a format example: at least two years off
    (so it earns nothing), overlapping no date the deck states (so it answers nothing), and
    read back as itself by the answer parser."""
    index = taken if isinstance(taken, TakenDates) else TakenDates(taken)
    day = (truth.day or 1) % 27 + 1  # a day every month has
    for offset in (d for n in range(2, 200) for d in (-n, n)):
        year = truth.year + offset
        month = ((truth.month or 1) + 4 + offset) % 12 + 1
        candidate = PartialDate(
            year,
            month if truth.precision >= Precision.MONTH else None,
            day if truth.precision is Precision.DAY else None,
        )
        if index.clear_of(candidate) and _reads_back(candidate):
            return candidate
    return PartialDate(truth.year - 1000)  # a deck dating every year of two centuries


#: How an agreement may have come about (its ``verb``), as a past participle for the question.
VERBS = {"agreed": "agreed", "signed": "signed", "established": "established", "concluded": "concluded"}


def participle(verb: object) -> str:
    """The ``verb`` field as the question's participle: "agreed" when absent; a verb this
    module does not know is used as written (an author's "set up" reads right too)."""
    text = " ".join(str(verb or "").split()).lower()
    return VERBS.get(text, text) or "agreed"


def date_prompt(
    name: str, truth: PartialDate, taken: TakenDates | Sequence[PartialDate], verb: str = "agreed"
) -> Prompt:
    """When was it agreed (or signed, established …), asked at the date's precision with an
    example that answers nothing."""
    example = example_date(truth, taken).human()
    if truth.precision is Precision.DAY:
        return Prompt(PromptKind.DATE, f"On what date was {name} {verb}?", hint=f"a date, e.g. {example}")
    if truth.precision is Precision.MONTH:
        text = f"In what month and year was {name} {verb}?"
        return Prompt(PromptKind.DATE, text, hint=f"a month and year, e.g. {example}")
    return Prompt(PromptKind.DATE, f"In what year was {name} {verb}?", hint=f"a year, e.g. {example}")
