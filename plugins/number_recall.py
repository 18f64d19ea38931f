"""Number recall: "What was the number of … ?" graded with the figure's tolerance and qualifier.

Reads ``figures``. The rule is :func:`quizlib.grade_number`: right inside the accepted
range, partial credit close to it. A value another source gives (a conflict) counts as
itself, exactly, not with the figure's tolerance; only half when every source giving it
carries a ``reliability`` warning.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Sequence

from quizlib import (
    Answer,
    Conflict,
    Deck,
    Fact,
    Grade,
    Prompt,
    PromptKind,
    Question,
    RegisterQuestionType,
    Response,
    accepted_range,
    format_number,
    grade_number,
    hookimpl,
    question_id,
)

from . import _teach
from ._counts import amount_of, counts_things, the
from ._units import as_written, asked_as, stated_unit, typed_number, unit_scale

#: Nouns that name a measure of something rather than the things counted: "the length of
#: the war" is asked "What was the length of the war, in weeks?", not "the number of ...".
_MEASURES = (
    "length", "duration", "size", "total", "amount", "cost", "distance", "area", "population",
    "share", "percentage", "proportion", "rate", "height", "depth", "weight", "age", "price",
    "value", "sum", "budget", "toll", "strength",
)  # fmt: skip


#: Where the number stands in a ``counts`` that is a sentence rather than a noun phrase.
GAP = "…"


def _counts(fact: Fact) -> str:
    return str(fact.get("counts")).strip().rstrip(".?!")


def named_before(fact: Fact) -> str:
    """The unit when the sentence names it right before the number, as a scale's name is
    ("The magnitude … quake", "a Category … storm"): the figure is a reading on that scale,
    not a count of it. Empty otherwise."""
    unit = str(fact.get("unit") or "").strip()
    counts = _counts(fact)
    if not unit or GAP not in counts:
        return ""
    before = counts.split(GAP, 1)[0].rstrip()
    # The name may follow a space, a bracket or a dash ("(hazard ratio …"), not a letter.
    return unit if re.search(rf"(?<![\w'’]){re.escape(unit)}$", before, re.IGNORECASE) else ""


def ended(sentence: str) -> str:
    """The sentence with a full stop, unless a quotation closes it ("… in the region.\"" takes
    no second stop after the quotation mark)."""
    return sentence if sentence.endswith(('"', "”", "’")) else f"{sentence}."


def _measure(counts: str) -> bool:
    first = counts.lower().removeprefix("the ").split(" ", 1)[0]
    return first in _MEASURES or counts.lower().startswith(("number of", "the number of"))


def ask(fact: Fact) -> str:
    """The question text: the figure's own, or built from what it counts.

    ``counts`` is a noun phrase ("people who died in the explosion", "troops in the
    mission", "length of the blockade"); "What was the number of …?" is grammatical for any
    plural noun phrase, and a measure ("length of …") or a singular head ("record attendance
    at the final") is asked for in its unit instead, a thing weighed or measured by volume as
    "the amount of …". A sentence with a gap ("… people died") is asked as "Fill in the
    number: …".
    """
    if fact.get("question"):
        return str(fact.get("question"))
    counts = _counts(fact)
    if GAP in counts:  # the sentence with its number left out, as `quizlib draft` writes it
        return f"Fill in the number: {ended(counts)}"
    if counts.lower().startswith(("number of", "the number of")):
        return f"What was the {counts.removeprefix('the ')}?"
    unit = fact.get("unit")
    if _measure(counts):
        return f"What was {the(counts)}, in {unit}?"
    if counts_things(counts):
        return f"What was the number of {counts}?"
    # A singular head is a quantity, asked in its unit: "the number of record attendance"
    # and "the number of pitchblende" are no English.
    if amount_of(str(unit or "")):
        return f"What was the amount of {counts.removeprefix('the ')}, in {unit}?"
    return f"What was {the(counts)}, in {unit}?"


def _upper(fact: Fact) -> float | None:
    """The upper end of a range the source gives ("40 to 50 years"), or None."""
    upper = fact.get("upper")
    return float(upper) if isinstance(upper, int | float) and not isinstance(upper, bool) else None


def _ends(fact: Fact) -> str:
    """The figure's number as people read it, or a range's two ends ("40 to 50")."""
    number = _teach.readable_number(float(fact.get("value")))
    upper = _upper(fact)
    return number if upper is None else f"{number} to {_teach.readable_number(upper)}"


def _stated(fact: Fact) -> str:
    """The figure as the source gives it: its hedge and its number or range."""
    return f"{fact.get('qualifier') or ''} {_ends(fact)}".strip()


def _in_full(counts: str, fact: Fact) -> str:
    """The sentence with the figure in its gap as a source writes it: "fell 5%", "the
    nation's $31.4 trillion debt limit", not "fell 5", "the nation's 31,400,000,000,000"."""
    before, after = counts.split(GAP, 1)
    written = as_written(_ends(fact), str(fact.get("unit") or ""), after)
    stated = f"{fact.get('qualifier') or ''} {written}".strip()
    return f"{before}{stated}{after}"


@functools.cache
def _attribution() -> re.Pattern[str]:
    """Words that attribute a figure inside ``counts`` ("as RT's editor-in-chief alleged");
    compiled on first use, not when the question types are loaded."""
    return re.compile(
        r"\b(according to|alleged|allegedly|claimed|claims|said|says|reported|estimated by|cited)\b",
        re.IGNORECASE,
    )


def teach(fact: Fact, deck: Deck) -> str:
    """What the figure is, in labelled lines rather than prose built around any noun phrase.

    "What it counts: …", "Given by: A (role)." and "When: …" (the answer line above them
    carries the hedge: "allegedly 5 people"). Built
    only from the fact's fields, so the hedge (qualifier, attribution in ``counts``, the
    actors) is never lost: the feedback must not turn one person's claim into the source's
    own; and an attribution ``counts`` already makes is not made again.
    """
    counts = _counts(fact)
    # A sentence with a gap is given whole, the number in its place.
    lines = [f"In full: {ended(_in_full(counts, fact))}" if GAP in counts else f"What it counts: {counts}."]
    actors = list(fact.get("actors") or [])
    if actors:
        names = _teach.actor_names(deck, actors)
        attributed = _attribution().search(counts) or _teach.names_actor(deck, counts, actors)
        by = "Who that is" if attributed else "Given by"
        lines.append(f"{by}: {names}.")
    date = fact.date()
    if date is not None:
        lines.append(f"When: {_teach.when(fact, date)}.")
    return "\n".join(lines)


def _accepted(low: float, high: float, unit: str = "") -> str:
    """The accepted range as people read it; in a scaled unit with its scale word ("17.6
    million to 19.4 million" for millions of euros), since "17.6 to 19.4" reads as euros."""
    scale = f" {unit.split()[0].lower()}" if unit_scale(unit) != 1 else ""
    low_text, high_text = _teach.readable_number(low) + scale, _teach.readable_number(high) + scale
    return f"exactly {low_text}" if low_text == high_text else f"{low_text} to {high_text}"


def _same(answer: float, value: float) -> bool:
    return abs(answer - value) <= 1e-9 * max(1.0, abs(value))


def _conflict(deck: Deck, conflict: Conflict) -> str:
    """ "Also accepted: 120,000 (Source)." or, from doubtful sources only, partly accepted."""
    shown = format_number(float(conflict.value))
    cited = deck.cite(conflict.sources, short=True)
    by = f" ({cited})" if cited else ""
    warning = _teach.doubt(deck, conflict)
    if warning:
        line = f"Partly accepted: {shown}{by}, a doubtful source: {warning}."
    else:
        line = f"Also accepted: {shown}{by}."
    note = " ".join(conflict.note.split())
    return f"{line} {note}" if note else line


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeio" else "a"


class NumberRecall:
    """How many?"""

    name = "number_recall"
    section = "figures"
    description = "recall a number"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per figure."""
        unit = str(fact.get("unit"))
        value = fact.get("value")
        scaled = _teach.scaled_example(float(value), deck) if isinstance(value, int | float) else ""
        scale = named_before(fact)
        # A reading on a named scale is asked as one ("a magnitude, e.g. 7"), with a small
        # example: "a number of magnitude, e.g. 150" is no English and no magnitude.
        asked = f"{_article(scale)} {scale}" if scale else asked_as(unit)
        example = _teach.number_example(unit, deck, kind="small" if scale else None)
        if unit_scale(unit) != 1:
            # "a number of dollars, e.g. 11 million": "a number of million dollars" offers
            # "million" alone as an answer, and an example typed with its scale word is read
            # in that scale.
            word, rest = unit.split(None, 1)
            asked, example = asked_as(rest), f"{example} {word.lower()}"
        hint = f"{asked}, e.g. {scaled or example}"
        conflicts = [c for c in fact.conflicts if c.field == "value"]
        key = {
            "value": fact.get("value"),
            "upper": _upper(fact),
            # A range the source gives is the accepted range, unless the author set one.
            "tolerance": fact.get("tolerance")
            if _upper(fact) is None or fact.get("tolerance") is not None
            else [fact.get("value"), _upper(fact)],
            "qualifier": fact.get("qualifier", ""),
            "also": [c.value for c in conflicts if not _teach.doubt(deck, c)],
            # Given only by sources the deck warns about: partial credit, not full.
            "doubtful": [c.value for c in conflicts if _teach.doubt(deck, c)],
            "teach": teach(fact, deck),
            "disagree": [_conflict(deck, c) for c in conflicts],
        }
        prompt = Prompt(PromptKind.NUMBER, ask(fact), hint=hint)
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Score the number; AnswerError when it is not a number."""
        k = question.key
        given = typed_number(str(response), str(question.fact.get("unit") or ""), float(k["value"]))
        result = grade_number(given, float(k["value"]), k["tolerance"], str(k["qualifier"]))
        score = result.score
        # Another source's value counts as that value, not with the primary's tolerance around
        # it: 138,000 is in no report even when 120,000 is.
        for other in k.get("also", []):
            if _same(given, float(other)):
                score = 1.0
        for other in k.get("doubtful", []):
            if _same(given, float(other)):
                score = max(score, _teach.DOUBTFUL_CREDIT)
        lines = [
            str(k.get("teach") or ""),
            f"Counted right: {_accepted(result.low, result.high, str(question.fact.get('unit') or ''))}.",
            *k.get("disagree", []),
        ]
        return Grade(score, self.answer(question).text, "\n".join(line for line in lines if line))

    def answer(self, question: Question) -> Answer:
        """The figure as the source gives it, the accepted range and other sources' values."""
        k = question.key
        value, qualifier = float(k["value"]), str(k["qualifier"])
        low, high = accepted_range(value, k["tolerance"], qualifier)
        accepted = [f"counted right: {_accepted(low, high, str(question.fact.get('unit') or ''))}"]
        values = {format_number(value), format_number(value).replace(",", "")}
        for other in (float(v) for v in k["also"]):
            accepted.append(f"also: {format_number(other)}")
            values |= {format_number(other), format_number(other).replace(",", "")}
        for other in (float(v) for v in k.get("doubtful", [])):
            accepted.append(f"partly: {format_number(other)} (a doubtful source)")
            values |= {format_number(other), format_number(other).replace(",", "")}
        upper = _upper(question.fact)
        if upper is not None:
            values |= {format_number(upper), format_number(upper).replace(",", "")}
        unit = stated_unit(str(question.fact.get("unit") or ""))
        text = f"{_stated(question.fact)} {unit}".strip()
        scale = named_before(question.fact)
        if scale:  # "magnitude 6.8", as the source writes it, not "6.8 magnitude"
            text = f"{question.fact.get('qualifier') or ''} {scale} {_ends(question.fact)}".strip()
        return Answer(text, accepted=tuple(accepted), values=tuple(sorted(values)))


@hookimpl
def register_question_types(register: RegisterQuestionType) -> None:
    """Add number recall."""
    register(NumberRecall())
