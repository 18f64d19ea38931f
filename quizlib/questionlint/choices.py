"""Question-lint checks of choices and speakers: is exactly one answer right, are the
distractors plausible, can a quote be placed at all?

* ``more than one right answer``: a distractor quoted elsewhere in the deck with the same
  distinctive words ("ethnic cleansing" said by two people), or a distractor that is part
  of, the institution of, or another name of a right answer ("the Kremlin" beside "Russia",
  "Armenian Ministry of Foreign Affairs" beside "Armenia").
* ``implausible distractor``: a choice of another kind than the answer (a person offered
  for a ministry's statement, a word among dates), a person never quoted and of another
  side and role than the speaker, an option of another side than a "Which Armenian
  official" stem names, or a right choice that stands out by its length.
* ``unanswerable``: a quote of a few words asked without any context.

Who said what comes from the deck itself (facts whose section has a single-actor field,
see :class:`quizlib.questionlint.context.LintContext`), so the checks work for any question type
whose answer names a deck actor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import pairwise

from quizlib.grading.names import name_forms, normalise
from quizlib.grading.textmatch import (
    STOP_WORDS,
    content_words,
    dates_in,
    find_phrase,
    same_stem,
    split_number,
    words,
)
from quizlib.model import Actor, PromptKind, Question
from quizlib.questionlint.context import AnswerView, Flaw, LintContext, forms_of, quoted

TWO_RIGHT = "more than one right answer"
IMPLAUSIBLE = "implausible distractor"
UNANSWERABLE = "unanswerable"
#: A quote shorter than this many words cannot be placed without context ("certain problems").
SHORT_QUOTE = 6
#: The question must add this many words of its own to a short quote to count as context.
CONTEXT_WORDS = 3
#: A right choice this many times as long as every wrong one gives itself away.
STANDS_OUT = 1.5
_NUMBER_FIRST = re.compile(r"^(?:[a-z]+\s+){0,2}[\d~]", re.I)


class ChoiceLint:
    """The choice and speaker checks, with what they share indexed once per deck."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self.phrases = _Phrases(ctx)
        self.plausible: dict[tuple[str, bool], list[Actor]] = {}

    def flaws(self, q: Question, view: AnswerView) -> Iterator[Flaw]:
        """The choice and speaker flaws of one question."""
        ctx = self.ctx
        speaker = ctx.speaker_question(q)
        if speaker:
            yield from _short_quote(ctx, q)
            yield from _said_too(ctx, self.phrases, q, speaker)
        if q.prompt.kind in (PromptKind.CHOICE, PromptKind.MULTI) and view.actors:
            yield from _related(ctx, q, view)
            yield from self._implausible(q, view, bool(speaker))
            yield from _side_in_stem(ctx, q, view)
        elif q.prompt.kind in (PromptKind.CHOICE, PromptKind.MULTI):
            yield from _odd_text_choices(q, view)

    def _plausible(self, answer: Actor, speaking: bool) -> list[Actor]:
        """Actors that would make fair distractors for ``answer``: same kind, unrelated, and
        speaking in the deck when the question asks who said something."""
        key = (answer.id, speaking)
        if key not in self.plausible:
            ctx = self.ctx
            self.plausible[key] = [
                a
                for a in ctx.deck.actors.values()
                if a.kind == answer.kind
                and a.id != answer.id
                and not ctx.deck.related(a.id, answer.id)
                and not _names_one(ctx, a, answer)
                and (not speaking or a.kind != "person" or self._fits_speaker(a, answer))
            ]
        return self.plausible[key]

    def _fits_speaker(self, actor: Actor, speaker: Actor) -> bool:
        """Whether a person is a fair wrong speaker: quoted in the deck, or on the speaker's
        side (the top of their lineages) or sharing words of its role."""
        deck = self.ctx.deck
        if actor.id in self.ctx.speakers or deck.sides(actor.id) & deck.sides(speaker.id):
            return True
        return bool(content_words(actor.role).keys() & content_words(speaker.role).keys())

    def _implausible(self, q: Question, view: AnswerView, speaking: bool) -> Iterator[Flaw]:
        kinds = {a.kind for a in view.actors}
        if len(kinds) != 1:
            return
        (kind,) = kinds
        right = {a.id for a in view.actors}
        offered = [a for a in self.ctx.choice_actors(q) if a is not None and a.id not in right]
        fitting = self._plausible(view.actors[0], speaking)
        spare = [a for a in fitting if a not in offered and a.id not in right]
        advice = (
            f"{len(spare)} fitting actor{'s' if len(spare) > 1 else ''} could stand in"
            if spare
            else "the deck has no fitting actor to offer instead; add some"
        )
        odd: dict[str, list[str]] = defaultdict(list)
        for actor in offered:
            if actor.kind != kind:
                odd[actor.kind].append(actor.name)
            elif speaking and kind == "person" and not self._fits_speaker(actor, view.actors[0]):
                # People are remembered by what they said, their side and their office; a
                # state or a body may speak in any report. A person never quoted, of another
                # side and office than the speaker, gives the answer away.
                odd["never quoted in the deck"].append(actor.name)
        for why, names in odd.items():
            one = len(names) == 1
            if why == "never quoted in the deck":
                what = f"{'is' if one else 'are'} {why}, of another side and role than the answer"
            else:  # another kind of actor
                what = f"{'is ' + _a(why) if one else 'are ' + _plural(why)}, the answer {_a(kind)}"
            yield Flaw(q, IMPLAUSIBLE, f"{', '.join(map(quoted, names))} {what}; {advice}")


def _has_context(ctx: LintContext, q: Question) -> bool:
    """Whether the question says more than the quote: a few content words of its own."""
    quote = ctx.statements[q.fact.key][1]
    own = content_words(q.prompt.text).keys() - content_words(quote).keys()
    return len(own) >= CONTEXT_WORDS


def _written_words(text: str) -> int:
    """Words as a reader counts them: "It's" is one word, though matching splits it in two."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def _short_quote(ctx: LintContext, q: Question) -> Iterator[Flaw]:
    quote = ctx.statements[q.fact.key][1]
    count = _written_words(quote)
    if count >= SHORT_QUOTE:
        return
    if not _has_context(ctx, q):
        yield Flaw(
            q,
            UNANSWERABLE,
            f"the quote {quoted(quote)} has {_count(count, 'word')} and the question "
            "gives no context (add the fact's 'question' or a longer quote)",
        )


class _Phrases:
    """Distinctive word pairs of what each speaker said, and who said them."""

    def __init__(self, ctx: LintContext) -> None:
        name_words = {w for a in ctx.deck.actors.values() for f in name_forms(a) for w in f.split()}
        self.of: dict[str, set[tuple[str, str]]] = {}
        self.by: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
        for key, (speaker, text) in ctx.statements.items():
            # Names of places and bodies are shared by everything a deck says: not distinctive.
            ws = [w for w in words(text) if len(w) > 2 and w not in STOP_WORDS and w not in name_words]
            pairs = set(pairwise(ws))
            self.of[key] = pairs
            for pair in pairs:
                self.by[pair].setdefault(speaker, key)
        # A pair said by many speakers is a phrase of the subject, not of one speaker.
        self.limit = max(3, len(ctx.statements) // 20)

    def shared(self, fact_key: str, speaker: str) -> dict[str, tuple[str, str]]:
        """Other speakers who said most of this statement's distinctive pairs: id → (a pair,
        where). Directional: a bare "ethnic cleansing" is also someone else's, while a long
        quote that happens to include those two words still points to its own speaker."""
        own = self.of.get(fact_key, set())
        found: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for pair in sorted(own):
            who = self.by[pair]
            if len(who) > self.limit:
                continue
            for other, key in who.items():
                if other != speaker:
                    found[other].append((" ".join(pair), key))
        return {o: hits[0] for o, hits in found.items() if len(hits) >= min(3, max(1, len(own) / 2))}


def _said_too(ctx: LintContext, phrases: _Phrases, q: Question, speaker: str) -> Iterator[Flaw]:
    others = phrases.shared(q.fact.key, speaker)
    if q.prompt.kind in (PromptKind.CHOICE, PromptKind.MULTI):
        offered = {a.id for a in ctx.choice_actors(q) if a is not None}
        others = {k: v for k, v in others.items() if k in offered}
    elif _has_context(ctx, q):
        return  # a typed answer: the question's own context tells the two speakers apart
    for other, (phrase, key) in others.items():
        name = ctx.deck.actors[other].name if other in ctx.deck.actors else other
        yield Flaw(q, TWO_RIGHT, f"{name} is also quoted saying {quoted(phrase)} ({key})")


def _names_one(ctx: LintContext, a: Actor, b: Actor) -> bool:
    """Whether one actor's name is another name of the other, or holds it ("Russian peacekeepers"
    holds "Russia")."""
    if ctx.name_forms(a) & ctx.name_forms(b):
        return True
    for x, y in ((a, b), (b, a)):
        if y.kind == "person":
            continue  # "Armen Grigoryan" does not hold "Armenia": people are not parts of states
        short = [w for w in normalise(x.name).split() if w not in STOP_WORDS]
        long = normalise(y.name).split()
        if short and len(short) < len(long) and all(any(same_stem(s, w) for w in long) for s in short):
            return True
    return False


def _related(ctx: LintContext, q: Question, view: AnswerView) -> Iterator[Flaw]:
    right = {a.id for a in view.actors}
    for actor in ctx.choice_actors(q):
        if actor is None or actor.id in right:
            continue
        for r in view.actors:
            if ctx.deck.related(actor.id, r.id) or _names_one(ctx, actor, r):
                yield Flaw(
                    q,
                    TWO_RIGHT,
                    f"the distractor {quoted(actor.name)} is part of, or another name for, "
                    f"the answer {quoted(r.name)}",
                )
                break


#: "Which Armenian official …": the words after "which" that may name a side.
_WHICH = re.compile(r"\bwhich\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.IGNORECASE)


def _side_in_stem(ctx: LintContext, q: Question, view: AnswerView) -> Iterator[Flaw]:
    """A "which …" phrase naming a side (a state, by name or adjective) that the answer has
    and some options lack: those options fall out by the stem ("Which Armenian official"
    offering a Russian spokesperson)."""
    found = _WHICH.search(q.prompt.text)
    if not found:
        return
    phrase = words(found.group(1))
    deck = ctx.deck
    answer_sides = set().union(*(deck.sides(a.id) for a in view.actors))
    for side in sorted(answer_sides):
        actor = deck.actors.get(side)
        if actor is None or not any(_names_side(form, phrase) for form in forms_of(actor)):
            continue
        others = [
            a.name
            for a in ctx.choice_actors(q)
            if a is not None and a not in view.actors and side not in deck.sides(a.id)
        ]
        if others:
            what = "is" if len(others) == 1 else "are"
            yield Flaw(
                q,
                IMPLAUSIBLE,
                f"the question asks {quoted(' '.join(['which', *phrase]))}; {', '.join(map(quoted, others))} "
                f"{what} not of {actor.name}",
            )
            return


def _names_side(form: list[str], phrase: Sequence[str]) -> bool:
    if len(form) == 1:
        return any(same_stem(form[0], w) for w in phrase)
    return find_phrase(phrase, form) >= 0


def _choice_kind(text: str) -> str:
    """What a choice is: a date, a number or text."""
    dates = dates_in(text)
    if len(dates) == 1 and dates[0].written.strip() == text.strip():
        return "date"
    return "number" if split_number(text) is not None and _NUMBER_FIRST.match(text.strip()) else "text"


def _odd_text_choices(q: Question, view: AnswerView) -> Iterator[Flaw]:
    """Choices that are not names: another kind than the answer, or an answer that stands out
    by its length (the key is often the longest, most careful option)."""
    right = [c for c in q.prompt.choices if c in view.answer.choices]
    wrong = [c for c in q.prompt.choices if c not in view.answer.choices]
    if not right or not wrong:
        return
    kinds = {_choice_kind(c) for c in right}
    if len(kinds) == 1:
        (kind,) = kinds
        odd = [c for c in wrong if _choice_kind(c) != kind]
        if odd:
            what = ", ".join(f"{quoted(c)} is {_a(_choice_kind(c))}" for c in odd)
            yield Flaw(q, IMPLAUSIBLE, f"{what}; the answer is {_a(kind)}")
            return
    shortest_right = min(len(words(c)) for c in right)
    longest_wrong = max(len(words(c)) for c in wrong)
    if shortest_right > STANDS_OUT * longest_wrong and shortest_right - longest_wrong >= 4:
        yield Flaw(
            q,
            IMPLAUSIBLE,
            f"the answer stands out by its length: {shortest_right} words, the other choices "
            f"{longest_wrong} at most",
        )


def _plural(kind: str) -> str:
    return "people" if kind == "person" else f"{kind}s"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _a(kind: str) -> str:
    if kind == "text":
        return "text"
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"
