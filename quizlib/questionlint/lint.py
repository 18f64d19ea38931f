"""The question lint: flaws that make generated questions unfair (``quizlib check --strict``).

It generates nothing: it reads the questions a deck produced (ids, prompts, facts), their
answers (:func:`quizlib.answer_of`) and the deck, so it works for any deck and any question
type, built-in or third-party. The flaw kinds:

* ``answer in hint``: an example in the hint is (nearly) the answer. Each example is graded
  through the question's own type, so "e.g. 10 November 2020" gives away "November 2020".
* ``answer in question``: the question text holds the answer ("the Turkish-Russian
  monitoring center" asked for its parties; "the November 2020 ceasefire" asked for a date),
  or a timeline's items carry the dates that order them.
* ``answer shown elsewhere``: a timeline item, a sibling or (for numbers and dates) another
  question's text holds the answer ("killing two servicemen" beside "how many servicemen
  were killed?"; "the September 20, 2023 attack" beside "when was the attack?"); a text
  answer or its distinctive phrase, another name of an actor, or a year beside a word of
  the asked fact in any other question's text: see :mod:`quizlib.questionlint.leaks`.
* ``more than one right answer``, ``implausible distractor``, ``unanswerable`` (short quotes):
  see :mod:`quizlib.questionlint.choices`.
* ``unanswerable``: timeline items whose dates do not order at their precision.
* ``unclear``: a fact's text, shown alone, opens with a pronoun ("Its next meeting …") or a
  definite description that names nothing ("The company expects …"): see
  :mod:`quizlib.questionlint.alone`.
* ``duplicate``: two questions of the same kind with the same answer and wording: see
  :mod:`quizlib.questionlint.duplicates`.

Texts are indexed by word, number and date and questions by answer, so the lint stays
roughly linear in the number of questions.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import combinations

from quizlib.dates import PartialDate
from quizlib.errors import Problem
from quizlib.grading.answers import parse_answer
from quizlib.grading.names import normalise
from quizlib.grading.textmatch import (
    date_near,
    dates_in,
    find_phrase,
    gives_date,
    number_near,
    numbers_in,
    words,
)
from quizlib.model import Answer, Deck, PromptKind, Question
from quizlib.plugins import PluginHost
from quizlib.questionlint.alone import unclear
from quizlib.questionlint.choices import ChoiceLint
from quizlib.questionlint.context import AnswerView, Flaw, LintContext, forms_of, head_named, quoted
from quizlib.questionlint.duplicates import duplicates
from quizlib.questionlint.leaks import Leaks
from quizlib.study.questions import answer_of

_MONTHS = (
    {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
    | {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
    | {"sept": 9}
)
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# A day and month without a year ("for Thursday 4 July", "on July 4"): asked for the full date,
# the learner then needs only the year.
_DAY_MONTH = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<m1>{_MONTH})\b\.?"
    rf"|(?P<m2>{_MONTH})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)(?!,? \d)",
    re.IGNORECASE,
)

IN_HINT = "answer in hint"
IN_QUESTION = "answer in question"
ELSEWHERE = "answer shown elsewhere"
UNANSWERABLE = "unanswerable"
#: A typed example scoring this much gives the answer away (a date in the right month, a
#: number inside the tolerance). Choices and orderings only when the example is the answer:
#: half the pairs of a random order are right anyway.
HINT_SCORE = 0.5
_EXAMPLE = re.compile(r"(?:\be\.?g\.?|\bfor example|\bfor instance|\bsuch as|\blike)\s*[:,]?\s*(.+)", re.I)


def answers_of(questions: Iterable[Question], host: PluginHost) -> dict[str, Answer | None]:
    """Every question's answer, found once for the lint and the listings.

    Args:
        questions: Generated questions.
        host: The plugins whose question types made them.

    Returns:
        The answer by question id; None where the type cannot tell or is not loaded.
    """
    out: dict[str, Answer | None] = {}
    for q in questions:
        qt = host.question_types.get(q.type)
        out[q.id] = answer_of(qt, q) if qt is not None else None
    return out


def find_flaws(
    deck: Deck,
    questions: Sequence[Question],
    host: PluginHost,
    answers: Mapping[str, Answer | None] | None = None,
) -> list[Flaw]:
    """Every flaw of the questions, in question order.

    Args:
        deck: The deck the questions came from.
        questions: Its generated questions.
        host: The plugins, whose question types grade the hints' examples.
        answers: The answers by question id, when already known (else found here).

    Returns:
        The flaws, in the order of ``questions``; a question may have several.
    """
    ctx = LintContext.build(deck, questions, host, answers or answers_of(questions, host))
    shown = _ShownTexts(ctx)
    leaks = Leaks(ctx)
    choices = ChoiceLint(ctx)
    flaws: list[Flaw] = []
    for q in questions:
        view = ctx.views.get(q.id)
        if view is not None:
            flaws.extend(_in_hint(ctx, q, view))
            in_stem = list(_in_question(q, view))
            flaws.extend(in_stem or list(shown.elsewhere(q, view)) or leaks.flaws(q, view))
            flaws.extend(choices.flaws(q, view))
        flaws.extend(_unordered(ctx, q))
        flaws.extend(unclear(q))
    flaws.extend(duplicates(ctx))
    order = {q.id: i for i, q in enumerate(questions)}
    return sorted(flaws, key=lambda f: order[f.question.id])


def lint_questions(deck: Deck, questions: Sequence[Question], host: PluginHost) -> list[Problem]:
    """Every flaw as a :class:`Problem` at the fact's line: ``question-id: kind: detail``.

    Args:
        deck: The deck the questions came from.
        questions: Its generated questions.
        host: The plugins the questions came from.

    Returns:
        One problem per flaw, in question order, each at line ``fact.line``, column 1.
    """
    return [Problem(deck.path, f.question.fact.line, 1, f.message) for f in find_flaws(deck, questions, host)]


@functools.lru_cache(maxsize=4096)  # a type's hint is usually the same for all its questions
def _hint_examples(hint: str) -> tuple[str, ...]:
    """What a hint offers as an answer: the whole hint, the parts of its example ("e.g. 2,000
    or 2k"), and every date and number in it."""
    m = _EXAMPLE.search(hint)
    parts = re.split(r"\s+or\s+|;|,\s+(?!\d{3}\b)", m.group(1)) if m else []
    found = [d.written for d in dates_in(hint)] + [n.written for n in numbers_in(words(hint))]
    return tuple(dict.fromkeys(p.strip(" .()") for p in [hint, *parts, *found] if p.strip(" .()")))


def _in_hint(ctx: LintContext, q: Question, view: AnswerView) -> Iterator[Flaw]:
    hint = q.prompt.hint
    qt = ctx.types.get(q.type)
    if not hint or qt is None:
        return
    exact = q.prompt.kind in (PromptKind.CHOICE, PromptKind.MULTI, PromptKind.ORDER)
    best, example = 0.0, ""
    for candidate in _hint_examples(hint):
        try:
            score = qt.grade(q, parse_answer(q.prompt, candidate)).score
        except Exception:  # not an answer of this kind, or a plugin's fault: no verdict
            continue
        if score > best:
            best, example = score, candidate
    if best >= (1.0 if exact else HINT_SCORE):
        how = (
            "is the answer" if best >= 1.0 else f"scores {best:g} (the answer is {quoted(view.answer.text)})"
        )
        yield Flaw(q, IN_HINT, f"the example {quoted(example)} {how}")
        return
    hint_words = words(hint)
    for text in _plain_forms(view, view.plain and not exact):
        if find_phrase(hint_words, words(text)) >= 0:
            yield Flaw(q, IN_HINT, f"the hint contains the answer {quoted(text)}")
            return


def _plain_forms(view: AnswerView, texts: bool) -> list[str]:
    """Forms of the answer to look for word for word: the type's own ``Answer.values``
    (always: the type says a prompt must not hold them), and with ``texts`` the answer's texts."""
    forms = list(view.answer.values)
    if texts:
        forms += [t for t in view.texts if len(normalise(t)) > 2]
    return [f for f in dict.fromkeys(forms) if words(f)]


def _dated_items(q: Question) -> Iterator[Flaw]:
    """Timeline items that carry their own dates order themselves: flag when the dates written
    in the items settle at least half of the pairs."""
    items = q.prompt.items
    written = [next(iter(dates_in(item)), None) for item in items]
    dated = [m for m in written if m is not None]
    settled = sum(1 for a, b in combinations(dated, 2) if a.date.orders_with(b.date))
    pairs = len(items) * (len(items) - 1) / 2
    if len(items) >= 3 and settled >= pairs / 2:
        shown = ", ".join(repr(m.written) for m in dated)
        yield Flaw(q, IN_QUESTION, f"the items' own dates ({shown}) give the order away")


def _day_and_month(m: re.Match[str]) -> tuple[int, int]:
    return _MONTHS[(m["m1"] or m["m2"]).lower()], int(m["d1"] or m["d2"])


def _in_question(q: Question, view: AnswerView) -> Iterator[Flaw]:
    text = q.prompt.text
    if q.prompt.kind is PromptKind.ORDER:
        yield from _dated_items(q)
        return
    if not text:
        return
    ws = words(text)
    if view.date is not None:
        day = (view.date.month, view.date.day)
        shown = [m.written for m in dates_in(text) if gives_date(m.date, view.date)]
        shown += [m[0].rstrip(".") for m in _DAY_MONTH.finditer(text) if _day_and_month(m) == day]
        if shown:
            says = f"the question names {quoted(shown[0])}; the answer is {quoted(view.answer.text)}"
            yield Flaw(q, IN_QUESTION, says)
            return
    if view.number is not None:
        near = number_near(ws, *view.number)
        if near:
            yield Flaw(
                q, IN_QUESTION, f"the question says {quoted(near)}; the answer is {quoted(view.answer.text)}"
            )
            return
    # Free recall may give one name and ask for another ("What does CSTO stand for?").
    identify = q.prompt.kind in (PromptKind.CHOICE, PromptKind.MULTI, PromptKind.NAME)
    named = False
    for actor in view.actors if identify else ():
        for form in forms_of(actor):
            at = find_phrase(ws, form, stems=True)
            if at >= 0:
                named = True
                written = " ".join(ws[at : at + len(form)])
                yield Flaw(
                    q, IN_QUESTION, f"{quoted(written)} in the question names the answer {quoted(actor.name)}"
                )
                break
    for actor in view.actors if not named and q.prompt.kind is PromptKind.CHOICE else ():
        head = head_named(text, actor, q.prompt.choices)
        if head:
            named = True
            yield Flaw(q, IN_QUESTION, f"{quoted(head)} in the question points at {quoted(actor.name)}")
    if named:
        return
    for value in _plain_forms(view, view.plain or not identify):
        if find_phrase(ws, words(value)) >= 0:
            yield Flaw(q, IN_QUESTION, f"the question contains the answer {quoted(value)}")
            return


class _ShownTexts:
    """The texts learners see in timelines, indexed by word, number and date."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self.owners: dict[str, list[Question]] = defaultdict(list)
        self.by_word: dict[str, set[str]] = defaultdict(set)
        #: Numbers and years of timeline items and of every question's text.
        self.by_number: dict[float, set[str]] = defaultdict(set)
        self.by_year: dict[int, set[str]] = defaultdict(set)
        self.by_month: dict[tuple[int, int], set[str]] = defaultdict(set)
        self.stems: dict[str, list[Question]] = defaultdict(list)
        for q in ctx.questions:
            if q.prompt.kind is PromptKind.ORDER:
                for item in q.prompt.items:
                    if not self.owners[item]:
                        self._index(item, words_too=True)
                    self.owners[item].append(q)
            elif q.prompt.text:
                if not self.stems[q.prompt.text]:
                    self._index(q.prompt.text, words_too=False)
                self.stems[q.prompt.text].append(q)

    def _index(self, text: str, *, words_too: bool) -> None:
        ws = words(text)
        for w in ws if words_too else ():
            self.by_word[w].add(text)
        for n in numbers_in(ws):
            self.by_number[n.value].add(text)
        for d in dates_in(text):
            self.by_year[d.date.year].add(text)
            if d.date.month is not None:
                self.by_month[(d.date.year, d.date.month)].add(text)

    def _candidates(self, q: Question, view: AnswerView) -> list[tuple[str, Question, str]]:
        """(text, a question showing it, where) that might hold ``q``'s answer: timeline items;
        for numbers and dates also the other questions' texts and the siblings' choices."""
        found: set[str] = set()
        if view.number is not None:
            found = self.by_number.get(view.number[0], set())
        elif view.date is not None and view.date.month is not None:
            # Only a written month tells a month or a day (see gives_date).
            found = self.by_month.get((view.date.year, view.date.month), set())
        elif view.date is not None:
            found = self.by_year.get(view.date.year, set())
        elif view.plain:
            # A name or a phrase seen in a stem does not say what it answers; in a timeline
            # item it stands in a sentence about what happened.
            phrases = [words(t) for t in view.texts if len(normalise(t)) > 2]
            for phrase in phrases:
                if phrase:
                    found |= min((self.by_word.get(w, set()) for w in phrase), key=len)
        out = []
        for t in sorted(found):
            if self.owners.get(t):
                out.append((t, self.owners[t][0], "items"))
            shown = [other for other in self.stems.get(t, ()) if other.fact.key != q.fact.key]
            if shown:
                out.append((t, shown[0], "question"))
        if view.number is not None or view.date is not None:
            # Siblings are asked about the same fact: their numbers and dates are this one's.
            for sib in self.ctx.siblings[q.sibling_key]:
                if sib is not q:
                    texts = [sib.prompt.text, *sib.prompt.items, *sib.prompt.choices]
                    out.extend((t, sib, "text") for t in texts if t)
        return out

    def elsewhere(self, q: Question, view: AnswerView) -> Iterator[Flaw]:
        """A flaw when another question shows ``q``'s answer: a number beside its unit, a
        date beside a word of ``q``'s own question, a text answer word for word."""
        if q.prompt.kind is PromptKind.ORDER or view.actors:
            return  # a name seen elsewhere does not say who said or did this
        context = self.ctx.about(q)
        for text, other, where in self._candidates(q, view):
            if view.number is not None:
                hit = number_near(words(text), *view.number, context)
            elif view.date is not None:
                hit = date_near(text, view.date, context)
            else:
                hit = next((t for t in view.texts if find_phrase(words(text), words(t)) >= 0), "")
            if hit:
                more = len(self.owners.get(text) or self.stems.get(text) or [other]) - 1
                also = f" (and {more} other question{'s' if more > 1 else ''})" if more > 0 else ""
                yield Flaw(q, ELSEWHERE, f"{quoted(hit)} is shown in the {where} of {other.id}{also}")
                return


def _item_dates(ctx: LintContext, q: Question) -> list[PartialDate] | None:
    dates = q.key.get("dates") if isinstance(q.key, Mapping) else None
    if isinstance(dates, list) and len(dates) == len(q.prompt.items):
        try:  # the built-in timeline's key: the items' own dates
            return [PartialDate.parse(str(d)) for d in dates]
        except ValueError:
            pass
    found = [ctx.dated_texts.get(normalise(item)) for item in q.prompt.items]
    return None if any(d is None for d in found) else [d for d in found if d is not None]


def _unordered(ctx: LintContext, q: Question) -> Iterator[Flaw]:
    if q.prompt.kind is not PromptKind.ORDER:
        return
    dates = _item_dates(ctx, q)
    for (i, a), (j, b) in combinations(enumerate(dates or ()), 2):
        if not a.orders_with(b):
            yield Flaw(
                q,
                UNANSWERABLE,
                f"items {i + 1} and {j + 1} cannot be put in order ({a.human()} and {b.human()} overlap)",
            )
            return
