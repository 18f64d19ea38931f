"""Texts a question shows alone that lean on a sentence it does not show.

A fact's text is usually one sentence of an article. Shown alone, a sentence that begins
"Its next meeting …" or "He was sworn in …" leaves the learner to guess whose meeting and
who was sworn in: the name was in the sentence before. The lint looks where a fact's text
starts in what the learner sees: at the start of the prompt, right after the type's own
words ("When did this happen? ", "Fill in the number: "), and at the start of an item that
is the question's own fact's text (another fact's item is checked in that fact's questions).
A sentence in quotation marks is someone's own words, where a pronoun is theirs to use.

A text that opens in lower case with a joining word ("and today you saw the result.", "but
not before March") is the end of a sentence whose start the question does not show, in
quotation marks or not: a quote cut after "Wilk said," leaves its speaker's first half out.

A text that opens with a definite description ("The company expects revenue of …", "The
final is …") and names nothing after it leaves the learner to guess which company or final:
the article named it before. A month or a weekday names no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizlib.dates import MONTH_NAMES
from quizlib.model import Question
from quizlib.questionlint.context import Flaw, quoted

UNCLEAR = "unclear"

#: Pronouns that need someone named before them. "It" is left out: "It rained", "It is
#: expected that …" need no one.
PRONOUNS = frozenset({"He", "She", "They", "His", "Her", "Its", "Their", "Him", "Them"})

# The first word, and the first after the first "?" or ":" (where a type's own words end);
# never one after a quotation mark, which opens a speaker's own words.
_FIRST = re.compile(r"\A([A-Z][a-z]+)\b")
_AFTER = re.compile(r"\A[^?:]*?[?:]\s+([A-Z][a-z]+)\b")


#: A text opening with one of these in lower case continues a sentence it does not show.
_CONTINUES = re.compile(r"\A(and|but|or|nor|so|because|which|while|although|though|whereas)\s")


#: A determiner pointing back to something named before, and the words a text may hold
#: that name no one (calendar words).
_POINTING = re.compile(r"\A(The|This|That|These|Those) [a-z\d…]")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CALENDAR = frozenset((*MONTH_NAMES[1:], *_WEEKDAYS))
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")


def _nameless(value: str, shown: tuple[str, ...]) -> str:
    """The determiner a text opens with when it names nothing after it and is shown outside
    quotation marks (a speaker's own words may point at what they said before); else empty."""
    opening = _POINTING.match(value)
    if opening is None or any(
        word.rstrip(".") not in _CALENDAR for word in _CAPITALISED.findall(value, opening.end())
    ):
        return ""
    for text in shown:
        at = text.find(value)
        if at == 0 or (at > 0 and text[at - 1] not in "\"“‘'"):
            return opening.group(1)
    return ""


def _opening_pronoun(text: str) -> str:
    """The sentence from its opening pronoun on, or empty when it opens with none."""
    for pattern in (_FIRST, _AFTER):
        found = pattern.search(text)
        if found is not None and found.group(1) in PRONOUNS:
            return text[found.start(1) :]
    return ""


def _short(text: str) -> str:
    """A text as a message quotes it: whole up to 50 characters, else cut at a word."""
    return quoted(text if len(text) <= 50 else text[:47].rsplit(" ", 1)[0] + " …")


def _joined(value: str, shown_texts: tuple[str, ...]) -> str:
    """The joining word a shown text opens with in lower case, or empty."""
    found = _CONTINUES.match(value)
    return found.group(1) if found and any(value in text for text in shown_texts) else ""


#: What the fact's own text shown lacks, by the check that finds it.
_OWN_CHECKS = (
    (_joined, ": it ends a sentence whose start the question does not show; give the whole sentence"),
    (
        _nameless,
        " and names nothing: the question does not show which one it means; name it in the fact's text",
    ),
)


def unclear(q: Question) -> Iterator[Flaw]:
    """A ``unclear`` flaw for each text of the question that opens with a pronoun, and one
    each when the fact's own text shown opens mid-sentence or with a definite description
    that names nothing."""
    own = {value for value in q.fact.data.values() if isinstance(value, str)}
    shown_texts = (q.prompt.text, *q.prompt.items)
    for check, lacks in _OWN_CHECKS:
        found = next(((v, w) for v in sorted(own) if (w := check(v, shown_texts))), None)
        if found is not None:
            yield Flaw(q, UNCLEAR, f"{_short(found[0])} opens with {quoted(found[1])}{lacks}")
    for text in (q.prompt.text, *(item for item in q.prompt.items if item in own)):
        opening = _opening_pronoun(text)
        if opening:
            yield Flaw(
                q,
                UNCLEAR,
                f"{_short(opening)} opens with {quoted(opening.split()[0])}, and the question does not show"
                " whom it means: name who or what in the fact's text",
            )
