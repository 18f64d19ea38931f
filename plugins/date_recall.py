"""Date recall: "When did … ?" at the precision the event's date has.

Reads ``events``. Partial credit follows :func:`quizlib.grade_date`; a date another
source gives (a recorded conflict) also counts as right, but only for half when every
source giving it carries a ``reliability`` warning. An event whose date is inferred
(``date_inferred: true``) is not asked: it cannot be graded as exact.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from quizlib import (
    Answer,
    Deck,
    Fact,
    Grade,
    PartialDate,
    Precision,
    Prompt,
    PromptKind,
    Question,
    RegisterQuestionType,
    Response,
    grade_date,
    hookimpl,
    parse_date_answer,
    question_id,
)

from . import _teach

_ASK = {
    Precision.YEAR: "the year",
    Precision.MONTH: "the month and year",
    Precision.DAY: "the day, month and year",
}


def _forms(date: PartialDate) -> set[str]:
    """How the date may be written in a prompt: ``19 September 2023``, ``September 19, 2023``, ISO."""
    forms = {date.human(), date.iso()}
    if date.day is not None:
        month = date.human().split(" ")[1]
        forms.add(f"{month} {date.day}, {date.year}")
    return forms


#: Where the date stands in an event's text that is a sentence with its date left out, as
#: ``quizlib draft`` writes it ("The museum will stay closed until …").
GAP = "…"


def ask(text: str) -> str:
    """The question for an event's text: "When did this happen?" before a sentence that tells
    what happened; "Fill in the date:" before one with a gap, which may tell what is due, was
    planned or never happened ("The final is …", "It is expected by …"), or two things of which
    the gap marks the one asked ("Born in …, she moved to Paris in 1960")."""
    if GAP in text:
        return f"Fill in the date: {text}"
    return f"When did this happen? {text}"


def told(text: str, date: PartialDate) -> str:
    """The date with what happened, which teaches the pair even when the prompt showed the
    text: a text with one gap is given in full with the date in brackets where the gap was
    ("In full: The bridge reopened in [May 2021]."), so the feedback never shows the gap the
    learner has just failed to fill; any other text follows the date ("May 2021: …")."""
    if text.count(GAP) == 1:
        # Brackets, because the source's own words there ("on Thursday", "late on Friday")
        # are not known: the date is put in, not quoted.
        return f"In full: {text.replace(GAP, f'[{date.human()}]')}"
    return f"{date.human()}: {text}"


class DateRecall:
    """When did it happen?"""

    name = "date_recall"
    section = "events"
    description = "recall when an event happened"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per event."""
        date = fact.date()
        if date is None or fact.get("date_inferred"):
            return []  # an inferred date cannot be graded as exact
        text = str(fact.get("question") or ask(str(fact.get("text"))))
        example = _teach.date_example(date.precision, date, deck)
        prompt = Prompt(PromptKind.DATE, text, hint=f"{_ASK[date.precision]}, e.g. {example}")
        # Which source gives another date, and why, so the learner can weigh them.
        key = {"date": date.iso(), "cite": deck.cite(fact.sources), **_teach.date_conflicts(deck, fact)}
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Score the date; AnswerError when it is not a date."""
        answer = parse_date_answer(str(response))
        truth = PartialDate.parse(question.key["date"])
        also = [PartialDate.parse(d) for d in question.key.get("also", [])]
        score = _teach.doubtful_score(
            answer, question.key.get("doubtful", []), grade_date(answer, truth, also)
        )
        lines = [told(str(question.fact.get("text")), truth)]
        lines += question.key.get("disagree") or [
            f"Also given as {d.human()}; either counts as right." for d in also
        ]
        return Grade(score, correct_answer=truth.human(), feedback="\n".join(lines))

    def answer(self, question: Question) -> Answer:
        """The date, the other sources' dates, and the ways the date may be written."""
        truth = PartialDate.parse(question.key["date"])
        also = [PartialDate.parse(d) for d in question.key.get("also", [])]
        doubtful = [PartialDate.parse(d) for d in question.key.get("doubtful", [])]
        values = set().union(*(_forms(d) for d in (truth, *also, *doubtful)))
        accepted = [f"also: {d.human()}" for d in also]
        accepted += [f"partly: {d.human()} (a doubtful source)" for d in doubtful]
        return Answer(truth.human(), accepted=tuple(accepted), values=tuple(sorted(values)))


@hookimpl
def register_question_types(register: RegisterQuestionType) -> None:
    """Add date recall."""
    register(DateRecall())
