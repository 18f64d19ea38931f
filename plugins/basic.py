"""Basic front/back cards (``cards`` entries with ``type: basic``), self-rated.

The learner thinks of (or types) the answer, sees the back, and rates themself. A typed
answer is graded as a hint by its content words (stemmed) against the back and each
``accept`` entry: holding most of them (:data:`RIGHT_OVERLAP`) is right, a paraphrase, some
of them (:data:`SOME_OVERLAP`) partly right, so a fair paraphrase is never shown "wrong".
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from quizlib import (
    Answer,
    Deck,
    Fact,
    Grade,
    Prompt,
    PromptKind,
    Question,
    RegisterQuestionType,
    Response,
    hookimpl,
    normalise,
    question_id,
)

from . import _teach

#: A typed answer holding this share of a reference's content words is right.
RIGHT_OVERLAP = 0.6
#: Holding this share (but less than :data:`RIGHT_OVERLAP`) is partly right, for half.
SOME_OVERLAP = 0.25


def typed_score(typed: str, references: Sequence[str]) -> float:
    """1 for the back or an accepted answer, or most of one's content words; 0.5 for some of
    them; else 0."""
    if not typed.strip():
        return 0.0
    if normalise(typed) in {normalise(r) for r in references}:
        return 1.0
    # Imported when a typed answer is graded: the text matching it brings in (compiled
    # patterns, its own types) costs every session's start, and most cards are revealed.
    from quizlib import word_overlap

    best = max((word_overlap(typed, r) for r in references), default=0.0)
    return 1.0 if best >= RIGHT_OVERLAP else 0.5 if best >= SOME_OVERLAP else 0.0


class Basic:
    """Front/back cards: reveal the back and rate yourself."""

    name = "basic"
    section = "cards"
    description = "front/back card, self-rated"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per basic card."""
        if fact.get("type") != "basic":
            return []
        prompt = Prompt(PromptKind.REVEAL, str(fact.get("front")), hint="think of the answer, or type it")
        key = {"back": fact.get("back"), "accept": list(fact.get("accept", []))}
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """A hint score by :func:`typed_score`; the learner rates themself."""
        back = str(question.key["back"])
        typed = response if isinstance(response, str) else ""
        score = typed_score(typed, [back, *question.key.get("accept", [])])
        lines = [_teach.explanation(question.fact)]
        if typed.strip() and score < 1.0:
            # A paraphrase may be right in other words: the learner's rating decides.
            lines.append("Compare your words with the back and rate how well you knew it.")
        if not typed:
            lines.append("Compare with the back and rate how well you knew it.")
        feedback = "\n".join(line for line in lines if line)
        return Grade(score, correct_answer=back, feedback=feedback, self_rated=True)

    def answer(self, question: Question) -> Answer:
        """The back, and the other answers the card accepts."""
        back, accept = str(question.key["back"]), [str(a) for a in question.key.get("accept", [])]
        # An accept entry equal to the back (or to another entry) is listed once.
        first: dict[str, str] = {}
        for a in accept:
            first.setdefault(normalise(a), a)
        others = [a for k, a in first.items() if k != normalise(back)]
        return Answer(
            back,
            accepted=tuple(f"also: {a}" for a in others),
            values=(back, *others),
            detail=_teach.explanation(question.fact),
        )


@hookimpl
def register_question_types(register: RegisterQuestionType) -> None:
    """Add the basic question type."""
    register(Basic())
