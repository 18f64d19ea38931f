"""Timeline ordering: put an event and a few others in chronological order.

Reads ``events``. Only events whose dates strictly order are asked together (a month
date ``2020-11`` and a day date ``2020-11-10`` never appear in one question), and never two
whose texts are nearly the same sentence (one sentence drafted as two events, each showing
the other's date: the learner could not tell which item is which). The hint's
example order is never the answer, the items are never shown already in order, and the
feedback cites each item's own source, marking a date the deck infers "(inferred)". In a
large section the others are sampled from an index of the events that order with the
question's own, so a section generates in O(n log n).
"""

from __future__ import annotations

import random
import re
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from itertools import combinations

from quizlib import (
    Answer,
    AnswerError,
    Deck,
    Fact,
    Grade,
    PartialDate,
    Prompt,
    PromptKind,
    Question,
    RegisterQuestionType,
    Response,
    hookimpl,
    question_id,
)

from ._index import per_deck


def longest_increasing(seq: Sequence[int]) -> int:
    """Length of the longest strictly increasing subsequence."""
    tails: list[int] = []
    for x in seq:
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        tails[lo : lo + 1] = [x]
    return len(tails)


def order_score(ranks: Sequence[int], mode: str) -> float:
    """Score a sequence of true ranks (0 = earliest) in the order the learner gave.

    ``pairs``: share of correctly ordered pairs, 1 - inversions / C(n, 2) = (1 + Kendall tau) / 2.
    ``subsequence``: longest correctly ordered subsequence / n. ``all``: 1 only when all right.
    """
    n = len(ranks)
    if mode == "all":
        return 1.0 if list(ranks) == sorted(ranks) else 0.0
    if mode == "subsequence":
        return longest_increasing(ranks) / n
    pairs = n * (n - 1) // 2
    right = sum(1 for a, b in combinations(ranks, 2) if a < b)
    return right / pairs if pairs else 1.0


def example_order(correct: Sequence[int], seed: str) -> tuple[int, ...]:
    """An item order to show as the input example, neither the answer nor its reverse.

    The candidates are the rotations of one scrambled order; ``seed`` (the question id)
    picks where to start, so which candidate is shown says next to nothing about the answer.
    """
    n = len(correct)
    base = [*range(n - 1 if n % 2 == 0 else n - 2, 0, -2), *range(0, n, 2)]
    first = zlib.crc32(seed.encode())
    banned = {tuple(correct), tuple(reversed(correct))}
    for step in range(n):
        shift = (first + step) % n
        candidate = tuple(base[shift:] + base[:shift])
        if candidate not in banned:
            return candidate
    return tuple(range(n))  # two items or fewer: every order is banned, none is asked


def _spoken(order: Sequence[int]) -> str:
    return " ".join(str(i + 1) for i in order)


def _correct(dates: Sequence[PartialDate]) -> list[int]:
    return sorted(range(len(dates)), key=lambda i: dates[i].span()[0])


#: A section of at most this many events offers every other event, shuffled, to each question;
#: a larger one a random sample of the events that order with the question's own.
SHUFFLE_ALL = 64
#: How many of the events that order with a question's own a large section samples.
SAMPLE = 64
#: Two event texts sharing at least this share of each one's words are one sentence told
#: twice (two events drafted from one sentence differ only in where the gap is).
ALIKE = 0.85


def _words(fact: Fact) -> frozenset[str]:
    return frozenset(re.findall(r"[^\W_]+", str(fact.get("text", "")).lower()))


def alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two event texts (as word sets) are nearly the same sentence."""
    shared = len(a & b)
    return bool(a and b) and shared >= ALIKE * len(a) and shared >= ALIKE * len(b)


class _Order:
    """The dated events of a deck sorted by their first and by their last possible day, so
    the events strictly before or after a date are found by binary search (once per deck)."""

    def __init__(self, events: Sequence[Fact]) -> None:
        spans = []
        for fact in events:
            date = fact.date()
            if date is not None:
                first, last = (d.toordinal() for d in date.span())
                spans.append((first, last, fact, date))
        self.by_last = sorted(spans, key=lambda s: s[1])
        self.by_first = sorted(spans, key=lambda s: s[0])
        self.lasts = [s[1] for s in self.by_last]
        self.firsts = [s[0] for s in self.by_first]

    def sample(self, anchor: PartialDate, rng: random.Random) -> Iterator[tuple[Fact, PartialDate]]:
        """Up to :data:`SAMPLE` random events that order with ``anchor``, without repeats."""
        first, last = (d.toordinal() for d in anchor.span())
        before = bisect_left(self.lasts, first)  # by_last[:before] end before the anchor starts
        after = bisect_right(self.firsts, last)  # by_first[after:] start after it ends
        total = before + len(self.firsts) - after
        for i in rng.sample(range(total), min(total, SAMPLE)):
            _, _, fact, date = self.by_last[i] if i < before else self.by_first[after + i - before]
            yield fact, date


def _candidates(
    fact: Fact, anchor: PartialDate, deck: Deck, rng: random.Random
) -> Iterator[tuple[Fact, PartialDate | None]]:
    """Other events to try beside ``fact``, in random order."""
    events = deck.facts("events")
    if len(events) > SHUFFLE_ALL:
        yield from per_deck(deck, "timeline", lambda: _Order(events)).sample(anchor, rng)
        return
    others = [f for f in events if f.id != fact.id]
    rng.shuffle(others)
    for other in others:
        yield other, other.date()


class Timeline:
    """Order events in time."""

    name = "timeline"
    section = "events"
    description = "put events in chronological order"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per event: it and up to k others that all order against each other."""
        anchor = fact.date()
        if anchor is None:
            return []
        k = int(deck.setting("timeline_k", 3))
        chosen: list[tuple[Fact, PartialDate]] = [(fact, anchor)]
        texts = [_words(fact)]
        for other, date in _candidates(fact, anchor, deck, rng):
            if len(chosen) > k:
                break
            if date is None or not all(date.orders_with(d) for _, d in chosen):
                continue
            words = _words(other)
            if not any(alike(words, seen) for seen in texts):
                chosen.append((other, date))
                texts.append(words)
        if len(chosen) < 3:
            return []  # two items make a coin toss, not a timeline
        rng.shuffle(chosen)
        if _correct([d for _, d in chosen]) == list(range(len(chosen))):
            # Shown already in order, the answer would be "1 2 3 4": move the last item first
            # (the dates strictly order, so this order is never the right one).
            chosen.insert(0, chosen.pop())
        items = tuple(str(f.get("text")) for f, _ in chosen)
        qid = question_id(fact, self.name)
        example = example_order(_correct([d for _, d in chosen]), qid)
        key = {
            "facts": [f.id for f, _ in chosen],
            "dates": [d.iso() for _, d in chosen],
            "inferred": [bool(f.get("date_inferred")) for f, _ in chosen],
            "sources": [deck.cite(f.sources, short=True) for f, _ in chosen],
            "example": list(example),
            "grading": str(deck.setting("timeline_grading", "pairs")),
        }
        prompt = Prompt(
            PromptKind.ORDER,
            "Put these events in order, earliest first.",
            items=items,
            hint=f"the item numbers earliest first, e.g. {_spoken(example)}",
        )
        return [Question(qid, self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Score the order; feedback lists the correct order with each item's date and source,
        marking misplaced items."""
        items = question.prompt.items
        n = len(items)
        dates = [PartialDate.parse(d) for d in question.key["dates"]]
        correct = _correct(dates)
        if not isinstance(response, tuple) or sorted(response) != list(range(n)):
            example = question.key.get("example") or example_order(correct, question.id)
            raise AnswerError(f"give each of the {n} items exactly once, e.g. {_spoken(example)}")
        sources = question.key.get("sources") or [""] * n
        inferred = question.key.get("inferred") or [False] * n
        rank = {item: r for r, item in enumerate(correct)}
        ranks = [rank[i] for i in response]
        score = order_score(ranks, question.key.get("grading", "pairs"))
        misplaced = tuple(i for pos, i in enumerate(response) if correct[pos] != i)
        lines = []
        for pos, i in enumerate(correct):
            mark = f"  <- you put it at {response.index(i) + 1}" if i in misplaced else ""
            when = f"{dates[i].human()} (inferred)" if inferred[i] else dates[i].human()
            lines.append(f"{pos + 1}. {when}: {items[i]}{mark}")
            if sources[i]:
                lines.append(f"   ({sources[i]})")
        return Grade(
            score,
            correct_answer=_spoken(correct),
            feedback="Correct order:\n" + "\n".join(lines),
            misplaced=misplaced,
            cites=any(sources),  # each item names its own source: no Source line for the anchor
        )

    def answer(self, question: Question) -> Answer:
        """The item numbers earliest first, spaced and run together; the detail lists the
        items in order with their dates and sources."""
        order = _correct([PartialDate.parse(d) for d in question.key["dates"]])
        spoken = _spoken(order)
        # Grading the right order is what lists it: one wording for study and export.
        listing = self.grade(question, tuple(order)).feedback
        return Answer(spoken, values=(spoken, spoken.replace(" ", "")), detail=listing)


@hookimpl
def register_question_types(register: RegisterQuestionType) -> None:
    """Add timeline ordering."""
    register(Timeline())
