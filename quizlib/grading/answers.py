"""Parsing typed answers into responses, the same way in every interface.

The plain line mode and the interactive UI both call :func:`parse_answer`, so
``3 1 4 2`` orders items and ``b`` picks the second choice everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizlib.errors import AnswerError
from quizlib.model import Prompt, PromptKind, Response

_LETTERS = "abcdefghijklmnopqrstuvwxyz"  # string.ascii_lowercase, without importing string


def _index(token: str, count: int) -> int:
    token = token.strip().lower().rstrip(").")
    if re.fullmatch(r"[0-9]+", token):
        index = int(token) - 1
    elif len(token) == 1 and token in _LETTERS:
        index = _LETTERS.index(token)
    else:
        raise AnswerError(
            f"{token!r} is not an option: type a number 1-{count} or a letter a-{_LETTERS[count - 1]}"
        )
    if not 0 <= index < count:
        raise AnswerError(f"there is no option {token!r}: choose 1-{count} (or a-{_LETTERS[count - 1]})")
    return index


def _tokens(text: str, count: int) -> list[str]:
    text = text.strip()
    if re.search(r"[\s,;]", text):
        return [t for t in re.split(r"[\s,;]+", text) if t]
    # "3142" or "acd": one option per character when every option fits in one character
    return list(text) if count <= 9 or text.isalpha() else [text]


def parse_order(text: str, count: int) -> tuple[int, ...]:
    """``3142`` or ``3 1 4 2`` → item indexes (0-based), first item first.

    Raises:
        AnswerError: When items are missing, repeated or out of range.
    """
    if not text.strip():
        raise AnswerError(f"type the {count} item numbers in order, each once, with or without spaces")
    picks = tuple(_index(t, count) for t in _tokens(text, count))
    if len(set(picks)) != len(picks):
        repeated = sorted({p + 1 for p in picks if picks.count(p) > 1})
        raise AnswerError(f"item {', '.join(map(str, repeated))} appears twice; use each of 1-{count} once")
    if len(picks) != count:
        missing = sorted(set(range(1, count + 1)) - {p + 1 for p in picks})
        raise AnswerError(f"missing item {', '.join(map(str, missing))}; use each of 1-{count} once")
    return picks


#: The hint of a "choose all that apply" prompt; the options are lettered and numbered, and
#: either is accepted.
MULTI_HINT = "all that apply, as option letters or numbers"


def grade_picks(response: Response, right: Sequence[int], count: int) -> float:
    """Score "choose all that apply": (right picks − wrong picks) / right options, in [0, 1].

    Raises:
        AnswerError: When the response is not one or more option indexes below ``count``.
    """
    picked = (response,) if isinstance(response, int) else response
    if (
        not isinstance(picked, tuple)
        or not picked
        or any(not isinstance(i, int) or not 0 <= i < count for i in picked)
    ):
        raise AnswerError(f"choose from 1-{count}")
    hits = len(set(picked) & set(right))
    misses = len(set(picked) - set(right))
    return max(0.0, min(1.0, (hits - misses) / len(right)))


#: What a learner may type for a TRUE_FALSE prompt (besides the option letters and numbers).
TRUE_FALSE_WORDS = {
    "true": True,
    "t": True,
    "yes": True,
    "y": True,
    "false": False,
    "f": False,
    "no": False,
    "n": False,
}


def parse_true_false(text: str) -> bool:
    """``true``/``false`` (or t/f, yes/no, the option numbers 1/2 and letters a/b) as a bool.

    Raises:
        AnswerError: For anything else.
    """
    word = text.strip().lower().rstrip(".!")
    if word in TRUE_FALSE_WORDS:
        return TRUE_FALSE_WORDS[word]
    if word in ("1", "2", "a", "b"):
        return word in ("1", "a")
    raise AnswerError("answer true or false (t/f)")


def parse_answer(prompt: Prompt, text: str) -> Response:
    """Parse what the learner typed for a prompt.

    Returns:
        ``int`` for CHOICE, a tuple of indexes for ORDER and MULTI, a bool for TRUE_FALSE, the
        stripped text otherwise.

    Raises:
        AnswerError: With a message saying what is expected.
    """
    kind = prompt.kind
    if kind is PromptKind.CHOICE:
        count = len(prompt.choices)
        if not text.strip():
            raise AnswerError(f"choose an option: 1-{count} or a-{_LETTERS[count - 1]}")
        tokens = _tokens(text, count)
        if len(tokens) != 1:
            raise AnswerError("choose one option only")
        return _index(tokens[0], count)
    if kind is PromptKind.MULTI:
        count = len(prompt.choices)
        if not text.strip():
            raise AnswerError(f"choose all that apply, by letter or number (options 1-{count})")
        return tuple(sorted({_index(t, count) for t in _tokens(text, count)}))
    if kind is PromptKind.ORDER:
        return parse_order(text, len(prompt.items))
    if kind is PromptKind.TRUE_FALSE:
        return parse_true_false(text)
    if kind is PromptKind.NUMBER:
        from quizlib.grading.numbers import parse_number

        parse_number(text)  # validates; the question type grades the text itself
    elif kind is PromptKind.DATE:
        from quizlib.grading.dates import parse_date_answer

        parse_date_answer(text)
    elif kind in (PromptKind.TEXT, PromptKind.NAME) and not text.strip():
        raise AnswerError("type an answer (or skip the question)")
    return text.strip()
