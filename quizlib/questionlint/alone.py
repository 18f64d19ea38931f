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
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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


def _opening_pronoun(text: str) -> str:
    """The sentence from its opening pronoun on, or empty when it opens with none."""
    for pattern in (_FIRST, _AFTER):
        found = pattern.search(text)
        if found is not None and found.group(1) in PRONOUNS:
            return text[found.start(1) :]
    return ""


def unclear(q: Question) -> Iterator[Flaw]:
    """A ``unclear`` flaw for each text of the question that opens with a pronoun, and one
    when the fact's own text shown opens mid-sentence."""
    own = {value for value in q.fact.data.values() if isinstance(value, str)}
    shown_texts = (q.prompt.text, *q.prompt.items)
    for value in sorted(own):
        joined = _CONTINUES.match(value)
        if joined and any(value in text for text in shown_texts):
            shown = value if len(value) <= 50 else value[:47].rsplit(" ", 1)[0] + " …"
            yield Flaw(
                q,
                UNCLEAR,
                f"{quoted(shown)} opens with {quoted(joined.group(1))}: it ends a sentence whose start"
                " the question does not show; give the whole sentence",
            )
            break
    for text in (q.prompt.text, *(item for item in q.prompt.items if item in own)):
        opening = _opening_pronoun(text)
        if opening:
            shown = opening if len(opening) <= 50 else opening[:47].rsplit(" ", 1)[0] + " …"
            yield Flaw(
                q,
                UNCLEAR,
                f"{quoted(shown)} opens with {quoted(opening.split()[0])}, and the question does not show"
                " whom it means: name who or what in the fact's text",
            )
