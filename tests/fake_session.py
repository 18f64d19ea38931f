"""A small in-memory stand-in for quizlib.study.session.Session, for testing the user interfaces.

It implements the interface the UIs use (current, deck_of, progress, submit, commit,
can_undo, undo, skip, bury, summary) with a fixed queue and a trivial grader, and
records every saved review so tests can check that no answer is lost or duplicated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from quizlib.errors import AnswerError
from quizlib.model import Citation, Deck, Fact, Grade, Prompt, PromptKind, Question, Rating, Response, Source
from quizlib.srs.rating import default_rating
from quizlib.study.reports import Pending, Summary, TypeStats
from quizlib.study.types import Progress

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
INTERVALS = {
    Rating.AGAIN: timedelta(minutes=10),
    Rating.HARD: timedelta(days=1),
    Rating.GOOD: timedelta(days=3),
    Rating.EASY: timedelta(days=8),
}


@dataclass(frozen=True)
class Saved:
    """One saved review."""

    question_id: str
    rating: Rating
    response: Response
    score: float
    elapsed_ms: int


DECK = Deck(
    id="fake",
    title="Fake deck",
    sources={"wire": Source("wire", "A wire story", outlet="Reuters", published="2023-09-19")},
)


def question(
    qid: str,
    kind: PromptKind,
    text: str,
    answer: Any,
    *,
    items: Sequence[str] = (),
    choices: Sequence[str] = (),
    completions: Sequence[str] = (),
) -> Question:
    """A question whose key holds the answer the fake grader expects."""
    fact = Fact("cards", qid, {}, sources=(Citation("wire", "p5"),))
    prompt = Prompt(kind, text, choices=tuple(choices), items=tuple(items), completions=tuple(completions))
    return Question(f"cards/{qid}/{kind.value}", kind.value, fact, prompt, key={"answer": answer})


def grade(q: Question, response: Response) -> Grade:
    """Exact-match grading, with pair credit for orderings."""
    want = q.key["answer"]
    kind = q.prompt.kind
    if kind is PromptKind.REVEAL:
        return Grade(1.0, str(want), self_rated=True)
    if kind is PromptKind.ORDER:
        assert isinstance(response, tuple)
        pairs = [(a, b) for i, a in enumerate(response) for b in response[i + 1 :]]
        right = sum(want.index(a) < want.index(b) for a, b in pairs)
        misplaced = tuple(i for pos, i in enumerate(response) if want[pos] != i)
        return Grade(
            right / len(pairs),
            " ".join(str(i + 1) for i in want),
            "In date order." + (" (each from Reuters)" if q.key.get("cites") else ""),
            misplaced=misplaced,
            cites=bool(q.key.get("cites")),
        )
    if isinstance(want, str):
        if str(response).casefold() == "boom":
            raise AnswerError("the grader cannot read 'boom'")
        ok = str(response).casefold() == want.casefold()
        return Grade(1.0 if ok else 0.0, want, "" if ok else f"It was {want}.")
    return Grade(1.0 if response == want else 0.0, str(want))


@dataclass
class FakeSession:
    """A queue of questions answered in order; skipped ones go to the back."""

    questions: list[Question]
    saved: list[Saved] = field(default_factory=list)
    buried: list[str] = field(default_factory=list)
    cram: bool = False
    _pending: tuple[Pending, int] | None = None

    @property
    def current(self) -> Question | None:
        return self.questions[0] if self.questions else None

    @property
    def can_undo(self) -> bool:
        return bool(self.saved)

    def deck_of(self, q: Question) -> Deck:
        return DECK

    def progress(self) -> Progress:
        return Progress(
            len(self.saved), len(self.questions), 1, len(self.questions) - 1, 0, timedelta(seconds=75)
        )

    def submit(self, response: Response, *, elapsed_ms: int = 0) -> Pending:
        q = self.current
        assert q is not None
        g = grade(q, response)
        pending = Pending(q, response, g, default_rating(g), {} if self.cram else INTERVALS)
        self._pending = (pending, elapsed_ms)
        return pending

    def commit(self, rating: Rating | None = None, *, keep_on_failure: bool = True) -> None:
        assert self._pending is not None, "commit without a pending answer"
        pending, elapsed_ms = self._pending
        assert pending.question is self.current
        chosen = rating or pending.suggested
        self.saved.append(
            Saved(pending.question.id, chosen, pending.response, pending.grade.score, elapsed_ms)
        )
        self.questions.pop(0)
        self._pending = None

    def undo(self) -> Question | None:
        if not self.saved:
            return None
        last = self.saved.pop()
        q = next(q for q in ALL if q.id == last.question_id)
        self.questions.insert(0, q)
        return q

    def skip(self) -> None:
        self.questions.append(self.questions.pop(0))
        self._pending = None

    def bury(self) -> None:
        self.buried.append(self.questions.pop(0).id)
        self._pending = None

    def changed(self, question: Question) -> bool:
        return False

    def summary(self) -> Summary:
        by_type: dict[str, list[Saved]] = {}
        for s in self.saved:
            by_type.setdefault(s.question_id.split("/")[2], []).append(s)
        stats = {
            name: TypeStats(
                len(rows), sum(r.score >= 1 for r in rows), sum(r.score for r in rows) / len(rows)
            )
            for name, rows in by_type.items()
        }
        correct = sum(s.score >= 1 for s in self.saved)
        answered = len(self.saved)
        return Summary(
            answered,
            correct,
            correct / answered if answered else 0.0,
            stats,
            timedelta(seconds=75),
            2,
            NOW + timedelta(minutes=10) if answered else None,
        )


ORDER_Q = question(
    "order",
    PromptKind.ORDER,
    "Put these in order, earliest first:",
    [2, 0, 3, 1],
    items=["B happened", "D happened", "A happened", "C happened"],
)
CHOICE_Q = question(
    "choice", PromptKind.CHOICE, "Which corridor?", 1, choices=["Suwalki", "Lachin", "Zangezur"]
)
MULTI_Q = question(
    "multi", PromptKind.MULTI, "Which are parties?", (0, 2), choices=["Armenia", "France", "Russia"]
)
NAME_Q = question(
    "name",
    PromptKind.NAME,
    "Who said it?",
    "Maria Zakharova",
    completions=["Maria Zakharova", "Ilham Aliyev"],
)
NUMBER_Q = question("number", PromptKind.NUMBER, "How many troops?", "2000")
DATE_Q = question("date", PromptKind.DATE, "When did it start?", "2023-09-19")
TEXT_Q = question(
    "text", PromptKind.TEXT, "What does CSTO stand for?", "Collective Security Treaty Organization"
)
REVEAL_Q = question("reveal", PromptKind.REVEAL, "Capital of Armenia?", "Yerevan")
ALL = [ORDER_Q, CHOICE_Q, MULTI_Q, NAME_Q, NUMBER_Q, DATE_Q, TEXT_Q, REVEAL_Q]


def session(*questions: Question, cram: bool = False) -> FakeSession:
    """A fake session asking ``questions`` in order."""
    return FakeSession(list(questions), cram=cram)
