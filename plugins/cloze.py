"""Cloze cards (``cards`` entries with ``type: cloze``): fill the ``{{gap}}``.

One question per gap, the other gaps shown filled in. Case, accents and punctuation do
not matter, and small typos are forgiven (1 for 3-9 letters, 2 above). A gap that names
an actor of the deck ("CSTO") also accepts the actor's other names ("Collective Security
Treaty Organization").

A gap's question is keyed by the gap's own text (``cards/ID/cloze/lachin``; a text that
repeats in one card gets ``-2``, ``-3``), not by its position: inserting, removing or
reordering gaps leaves every other gap's history where it was. Questions asked under the
positional ids of earlier versions (``cards/ID/cloze`` for a single gap, ``.../g1``,
``.../g2`` for several) list them under ``former_ids`` so their history follows them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

from quizlib import (
    Answer,
    AnswerError,
    Deck,
    Fact,
    Grade,
    Prompt,
    PromptKind,
    Question,
    RegisterQuestionType,
    Response,
    allowed_typos,
    edit_distance,
    hookimpl,
    normalise,
    question_id,
)

from . import _teach

GAP = re.compile(r"\{\{(.+?)\}\}")
_NOT_WORD = re.compile(r"[\W_]+")


def gap_keys(gaps: Sequence[str]) -> list[str]:
    """A key per gap from its text: ``Lachin corridor`` → ``lachin-corridor``; a text that
    repeats gets ``-2``, ``-3`` in order, and a gap of punctuation only is ``gap``."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for gap in gaps:
        base = _NOT_WORD.sub("-", gap.casefold()).strip("-") or "gap"
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return keys


def author_accepts(entries: Sequence[object], gap: str, *, single: bool) -> list[str]:
    """The card's own ``accept`` entries for one gap: ``GAP=ANSWER`` names its gap; a plain
    entry belongs to a card with a single gap (with several it would fit any of them)."""
    out = []
    for entry in map(str, entries):
        named, sep, other = entry.partition("=")
        if sep and normalise(named) == normalise(gap):
            out.append(other.strip())
        elif not sep and single:
            out.append(entry.strip())
    return [a for a in out if a]


class Cloze:
    """Fill in the gap."""

    name = "cloze"
    section = "cards"
    description = "fill in the {{gap}}"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per gap, keyed by the gap's text."""
        if fact.get("type") != "cloze":
            return []
        text = str(fact.get("text"))
        gaps = GAP.findall(text)
        pieces = GAP.split(text)  # text, gap, text, gap, ..., text
        out = []
        for n, (gap, gap_key) in enumerate(zip(gaps, gap_keys(gaps), strict=True)):
            shown = "".join(
                ("[...]" if k // 2 == n else piece) if k % 2 else piece for k, piece in enumerate(pieces)
            )
            prompt = Prompt(PromptKind.TEXT, shown, hint="the missing word(s)")
            former = question_id(fact, self.name, f"g{n + 1}" if len(gaps) > 1 else "")
            key: dict[str, Any] = {"gap": gap, "former_ids": [former]}
            key.update(self._accepts(fact, deck, gap, single=len(gaps) == 1))
            out.append(Question(question_id(fact, self.name, gap_key), self.name, fact, prompt, key=key))
        return out

    @staticmethod
    def _accepts(fact: Fact, deck: Deck, gap: str, *, single: bool) -> dict[str, Any]:
        """The key's ``accept`` (other right answers) and ``who`` (the actor a gap names)."""
        key: dict[str, Any] = {}
        actor = _teach.actor_of(deck, gap)
        # "CSTO" and "Collective Security Treaty Organization" name the same thing: the
        # deck knows both, so either fills the gap. A metonym ("Moscow" for Russia) is
        # not the actor's name in a sentence (there it is a city), so it gets neither.
        if actor is not None and (_teach.same_thing(actor.name, gap) or actor.name == gap):
            key["accept"] = _teach.other_names(actor, gap)
            key["who"] = actor.describe()
        own = author_accepts(fact.get("accept", []), gap, single=single)
        if own:
            key["accept"] = [*key.get("accept", []), *own]
        return key

    def grade(self, question: Question, response: Response) -> Grade:
        """Right when the answer matches the gap or another name of it, allowing small typos."""
        if not isinstance(response, str) or not response.strip():
            raise AnswerError("type the missing word(s)")
        gap = str(question.key["gap"])
        # A leading "the" does not matter: the sentence often has it before the gap already.
        typed = _teach.bare(response)
        right = any(
            edit_distance(typed, want) <= allowed_typos(want)
            for want in (_teach.bare(form) for form in (gap, *question.key.get("accept", [])))
        )
        lines = [GAP.sub(lambda m: m.group(1), str(question.fact.get("text")))]
        if question.key.get("who") and normalise(str(question.key["who"])) != normalise(gap):
            lines.append(f"{gap}: {question.key['who']}")
        lines.append(_teach.explanation(question.fact))
        return Grade(float(right), correct_answer=gap, feedback="\n".join(line for line in lines if line))

    def answer(self, question: Question) -> Answer:
        """The gap's text, and the deck's other names for it."""
        gap, accept = str(question.key["gap"]), [str(a) for a in question.key.get("accept", [])]
        return Answer(
            gap,
            accepted=tuple(f"also: {a}" for a in accept),
            values=(gap, *accept),
            detail=_teach.explanation(question.fact),
        )


@hookimpl
def register_question_types(register: RegisterQuestionType) -> None:
    """Add cloze."""
    register(Cloze())
