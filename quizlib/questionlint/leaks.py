"""The question lint's cross-question leaks: an answer that another question shows.

A learner studies a deck's questions side by side, so a card's right choice printed as a
timeline item, or a card's answer offered as another question's option, answers it. Three
checks, each flagged ``answer shown elsewhere``:

* a text answer (choice, basic or cloze), whole when short or by any distinctive phrase of
  :data:`NGRAM` content words, in another question's stem, choices or timeline items;
* the other name of an actor a free-recall stem names ("What does CSTO stand for?"), shown
  anywhere else;
* a year answer printed in another question's text within :data:`YEAR_NEAR` words of a
  content word of the asked fact ("since the war broke out in 2020" for "In what year was
  the war fought?").

Every shown text is read once and indexed by content-word n-gram, stem and year, so the
checks stay linear in the size of the deck.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from quizlib.dates import Precision
from quizlib.grading.textmatch import content_sequence, dates_in, find_phrase, stem, words
from quizlib.model import PromptKind, Question
from quizlib.questionlint.context import AnswerView, Flaw, LintContext, forms_of, quoted

ELSEWHERE = "answer shown elsewhere"
#: A run of this many content words shared with another question's text is a telltale phrase.
NGRAM = 4
#: An answer of fewer content words than :data:`NGRAM` is looked for whole; below this many
#: it is a word any text may hold ("Armenia").
SHORT_MIN = 2
#: A phrase in more distinct texts than this is the deck's topic, not a telltale.
COMMON = 3
#: How many words from a year a content word of the asked fact may stand.
YEAR_NEAR = 5
#: Question kinds whose answer is text a learner recalls or recognises.
_TEXT_KINDS = (PromptKind.CHOICE, PromptKind.MULTI, PromptKind.REVEAL, PromptKind.TEXT)


class Leaks:
    """Every text the learner sees, indexed once, and the leak checks against it."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        #: distinct shown text → (question, where) showing it
        self.shown: dict[str, list[tuple[Question, str]]] = defaultdict(list)
        self.by_gram: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.by_stem: dict[str, set[str]] = defaultdict(set)
        self.by_year: dict[int, set[str]] = defaultdict(set)
        for q in ctx.questions:
            p = q.prompt
            units = [(p.text, "question"), *((c, "choices") for c in p.choices)]
            units += [(i, "items") for i in p.items]
            for text, where in units:
                if text and not self.shown[text]:
                    self._index(text)
                if text:
                    self.shown[text].append((q, where))

    def _index(self, text: str) -> None:
        seq = content_sequence(text)
        for i in range(len(seq) - NGRAM + 1):
            self.by_gram[tuple(seq[i : i + NGRAM])].add(text)
        for s in seq:
            self.by_stem[s].add(text)
        for d in dates_in(text):
            self.by_year[d.date.year].add(text)

    def flaws(self, q: Question, view: AnswerView) -> Iterator[Flaw]:
        """At most one leak of ``q``'s answer into another question."""
        checks = (self._text_answer, self._other_name, self._year)
        for check in checks:
            for flaw in check(q, view):
                yield flaw
                return

    def _flaw(self, q: Question, hit: str, text: str) -> Iterator[Flaw]:
        others = [(o, where) for o, where in self.shown.get(text, ()) if o is not q]
        if others:
            other, where = others[0]
            more = len({o.id for o, _ in others}) - 1
            also = f" (and {more} other question{'s' if more > 1 else ''})" if more > 0 else ""
            yield Flaw(q, ELSEWHERE, f"{quoted(hit)} is shown in the {where} of {other.id}{also}")

    def _whole(self, phrase: str) -> Iterator[str]:
        """Shown texts that hold ``phrase`` word for word."""
        seq = content_sequence(phrase)
        if not seq:
            return
        candidates = min((self.by_stem.get(s, set()) for s in seq), key=len)
        phrase_words = words(phrase)
        for text in sorted(candidates):
            if find_phrase(words(text), phrase_words) >= 0:
                yield text

    def _text_answer(self, q: Question, view: AnswerView) -> Iterator[Flaw]:
        if q.prompt.kind not in _TEXT_KINDS or not view.plain:
            return
        names = self.ctx.name_stems
        # The right choices or the answer itself; not every accepted spelling ("the joint
        # monitoring center" beside "the joint monitoring center in Aghdam"), nor a name: a
        # name offered elsewhere does not say what it answers here.
        for answer in view.answer.choices or (view.answer.text,):
            seq = content_sequence(answer)
            if self.ctx.actor_named(answer) is not None or all(s in names for s in seq):
                continue
            if len(seq) < NGRAM:
                if len(seq) >= SHORT_MIN:
                    for text in self._whole(answer):
                        yield from self._flaw(q, answer, text)
                continue
            for i in range(len(seq) - NGRAM + 1):
                gram = tuple(seq[i : i + NGRAM])
                texts = self.by_gram.get(gram, set())
                # A run of names ("Russian peacekeeping mission in Nagorno-Karabakh") or a
                # phrase many texts share is the deck's topic, not this answer.
                if all(s in names for s in gram) or len(texts) > COMMON:
                    continue
                for text in sorted(texts):
                    yield from self._flaw(q, _phrase(answer, gram), text)

    def _other_name(self, q: Question, view: AnswerView) -> Iterator[Flaw]:
        """A free-recall stem naming an actor asks for another of its names: that name shown
        anywhere gives it away, whatever the sentence ("What does CSTO stand for?")."""
        if q.prompt.kind not in (PromptKind.REVEAL, PromptKind.TEXT) or not view.actors:
            return
        stem_words = words(q.prompt.text)
        answer_words = words(view.answer.text)
        for actor in view.actors:
            other_forms = [f for f in forms_of(actor) if f != list(answer_words)]
            if not any(find_phrase(stem_words, f) >= 0 for f in other_forms):
                continue
            for text in self._whole(view.answer.text):
                yield from self._flaw(q, view.answer.text, text)

    def _year(self, q: Question, view: AnswerView) -> Iterator[Flaw]:
        date = view.date
        if date is None or date.precision is not Precision.YEAR:
            return
        context = self.ctx.about(q)
        for text in sorted(self.by_year.get(date.year, ())):
            ws = words(text)
            for m in dates_in(text):
                if m.date.year != date.year:
                    continue
                lo, hi = max(0, m.position - YEAR_NEAR), m.position + len(words(m.written)) + YEAR_NEAR
                if any(stem(w) in context for w in ws[lo:hi]):
                    yield from self._flaw(q, " ".join(ws[lo:hi]), text)


def _phrase(answer: str, gram: Sequence[str]) -> str:
    """The words of ``answer`` that the n-gram covers, as written (normalised), for the message."""
    ws = words(answer)
    positions = [i for i, w in enumerate(ws) if stem(w) in gram]
    return " ".join(ws[positions[0] : positions[-1] + 1]) if positions else answer
