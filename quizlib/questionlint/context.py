"""What the question lint knows about a deck and its questions, indexed once.

:class:`LintContext` reads a deck and its generated questions into lookups the checks of
:mod:`quizlib.questionlint.lint` and :mod:`quizlib.questionlint.choices` share: actors by every name
form, who said what (from the sections' schemas, so third-party sections work too), dated
texts, and every answer read as a date, a number, actors or plain text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from quizlib.dates import PartialDate
from quizlib.deckfile.lint import identity_field
from quizlib.errors import AnswerError
from quizlib.grading.dates import parse_date_answer
from quizlib.grading.names import name_forms, normalise
from quizlib.grading.textmatch import content_words, numbers_in, split_number, stem, words
from quizlib.model import Actor, Answer, Deck, FieldKind, PromptKind, Question, QuestionType
from quizlib.plugins import PluginHost


def quoted(text: str) -> str:
    """Text as a flaw message quotes it: in double quotes, as people write."""
    return f'"{text}"'


@dataclass(frozen=True)
class Flaw:
    """One flaw of one question.

    Attributes:
        question: The flawed question.
        kind: The flaw's kind, e.g. ``answer in hint``.
        detail: What exactly is wrong, for the author.
    """

    question: Question
    kind: str
    detail: str

    @property
    def message(self) -> str:
        """``question-id: kind: detail``."""
        return f"{self.question.id}: {self.kind}: {self.detail}"


@dataclass(frozen=True)
class AnswerView:
    """A question's answer, read for comparison with other text.

    Attributes:
        answer: The answer as the question type gives it.
        texts: Its plain forms (``Answer.values``, else the right choices, else the text).
        date: The answer as a date, when it is one.
        number: The answer as (value, unit words), when it is a number.
        actors: The deck actors the answer names.
    """

    answer: Answer
    texts: tuple[str, ...]
    date: PartialDate | None = None
    number: tuple[float, tuple[str, ...]] | None = None
    actors: tuple[Actor, ...] = ()

    @property
    def plain(self) -> bool:
        """True for an answer that is neither a date, a number nor an actor: compared as text."""
        return self.date is None and self.number is None and not self.actors


@dataclass
class LintContext:
    """A deck and its questions, indexed for the checks."""

    deck: Deck
    questions: Sequence[Question]
    types: Mapping[str, QuestionType]
    views: dict[str, AnswerView] = field(default_factory=dict)
    actor_by_form: dict[str, Actor] = field(default_factory=dict)
    #: fact key → (speaker id, what was said), for facts whose section has a single-actor field.
    statements: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Actors that speak in the deck, with the bodies they speak for.
    speakers: set[str] = field(default_factory=set)
    #: Normalised fact text → its date, to place timeline items.
    dated_texts: dict[str, PartialDate] = field(default_factory=dict)
    #: fact key → the actors its actor-valued fields name (who a fact is about).
    fact_actors: dict[str, frozenset[str]] = field(default_factory=dict)
    siblings: dict[str, list[Question]] = field(default_factory=lambda: defaultdict(list))
    #: Stems of the words of every actor's names: places and bodies, shared by everything a
    #: deck says, so they tie nothing to anything.
    name_stems: frozenset[str] = frozenset()
    #: Choice texts already looked up: the same few names recur in thousands of choices.
    _named: dict[str, Actor | None] = field(default_factory=dict)
    _forms: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, deck: Deck, questions: Sequence[Question], host: PluginHost, answers: Mapping[str, Answer | None]
    ) -> LintContext:
        """Index a deck, its questions and their answers.

        Args:
            deck: The deck.
            questions: Its generated questions.
            host: The plugins: their sections say which fields name actors.
            answers: Each question's answer by id (None where unknown).
        """
        ctx = cls(deck, questions, host.question_types)
        for actor in deck.actors.values():
            for form in dict.fromkeys(normalise(f) for f in (actor.name, *actor.aliases)):
                ctx.actor_by_form.setdefault(form, actor)
        ctx.name_stems = frozenset(
            stem(w) for a in deck.actors.values() for f in name_forms(a) for w in f.split()
        )
        for name, facts in deck.sections.items():
            section = host.sections.get(name)
            text_field = identity_field(section) if section else None
            fields = list(section.fields.items()) if section else []
            said_by = [n for n, s in fields if s.kind is FieldKind.ACTOR]
            involved = said_by + [n for n, s in fields if s.kind is FieldKind.ACTOR_LIST]
            for fact in facts:
                ctx.fact_actors[fact.key] = frozenset(_ids(fact.get(n) for n in involved))
                date = fact.date()
                if date is not None:
                    for value in fact.data.values():
                        if isinstance(value, str):
                            ctx.dated_texts.setdefault(normalise(value), date)
                speaker = next((fact.get(n) for n in said_by if isinstance(fact.get(n), str)), None)
                if text_field and isinstance(speaker, str) and fact.get(text_field):
                    ctx.statements[fact.key] = (speaker, str(fact.get(text_field)))
        for speaker, _ in ctx.statements.values():
            ctx.speakers |= deck.lineage(speaker)
        for q in questions:
            ctx.siblings[q.sibling_key].append(q)
            found = answers.get(q.id)
            if found is not None:
                ctx.views[q.id] = ctx.view(q, found)
        return ctx

    def actor_named(self, text: str) -> Actor | None:
        """The deck actor a text names (by name or alias), if any."""
        if text not in self._named:
            self._named[text] = self.actor_by_form.get(normalise(text))
        return self._named[text]

    def name_forms(self, actor: Actor) -> frozenset[str]:
        """An actor's normalised name forms (:func:`quizlib.grading.names.name_forms`), computed once."""
        if actor.id not in self._forms:
            self._forms[actor.id] = frozenset(name_forms(actor))
        return self._forms[actor.id]

    def about(self, q: Question) -> set[str]:
        """Stems of the words that say what ``q``'s fact is about (its own texts, not the
        question type's template), without names of actors."""
        texts = (v for k, v in q.fact.data.items() if isinstance(v, str) and k != "note")
        return {s for t in texts for s in content_words(t)} - self.name_stems

    def choice_actors(self, q: Question) -> list[Actor | None]:
        """The actor each choice names (None where a choice is not an actor)."""
        return [self.actor_named(c) for c in q.prompt.choices]

    def speaker_question(self, q: Question) -> str:
        """The speaker's id when ``q`` asks who said its fact's words, else ""."""
        said = self.statements.get(q.fact.key)
        view = self.views.get(q.id)
        if said is None or view is None:
            return ""
        return said[0] if any(a.id == said[0] for a in view.actors) else ""

    def view(self, q: Question, answer: Answer) -> AnswerView:
        """Read an answer as a date, a number, actors or text."""
        texts = answer.values or answer.choices or (answer.text,)
        kind = q.prompt.kind
        date = number = None
        if kind is PromptKind.ORDER:
            return AnswerView(answer, texts)
        if kind is PromptKind.DATE or (
            kind not in (PromptKind.CHOICE, PromptKind.MULTI) and re.search(r"\d{4}", answer.text)
        ):
            date = _as_date(answer.text)
        if date is None and (kind is PromptKind.NUMBER or _starts_with_number(answer.text)):
            found = split_number(answer.text)
            number = (found[0], tuple(found[1])) if found else None
        # The right choices or the answer's text name the actors; values may add other forms.
        named = (self.actor_named(t) for t in (answer.choices or (answer.text,)))
        actors = tuple({a.id: a for a in named if a is not None}.values())
        return AnswerView(answer, texts, date, number, actors)


def _ids(values: Iterable[object]) -> Iterator[str]:
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))


def _as_date(text: str) -> PartialDate | None:
    try:
        return parse_date_answer(text)
    except AnswerError:
        return None


def _starts_with_number(text: str) -> bool:
    # "nearly 2,000 troops", "60 servicemen": a number among the first words, not "Route 66".
    return any(m.start <= 1 for m in numbers_in(words(text)[:4]))


def forms_of(actor: Actor) -> list[list[str]]:
    """The word lists an actor may be named by: name, aliases and a person's surname."""
    return [f.split() for f in name_forms(actor) if f]


def head_named(text: str, actor: Actor, choices: Sequence[str]) -> str:
    """The words of ``text`` that name an institution by the common noun its name ends in
    ("the league" said by the Harbour League, "this commission" by the Tarn Commission), when
    no other choice's name holds that noun; else "". Written in lower case, after a
    determiner, the noun is the body speaking of itself, not a name of its own."""
    parts = actor.name.split()
    if actor.kind != "institution" or len(parts) < 2 or not parts[-1][:1].isupper():
        return ""
    head = parts[-1].lower()
    found = re.search(rf"\b(?:[Tt]he|[Tt]his|[Oo]ur|[Ii]ts) {re.escape(head)}\b", text)
    others = [c for c in choices if normalise(c) != normalise(actor.name)]
    if found is None or any(head in normalise(c).split() for c in others):
        return ""
    return found.group(0)
