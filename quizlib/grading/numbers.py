"""Reading numbers the way people write them, and grading them with tolerance.

Accepts ``2,000``, ``2000``, ``2k``, ``2 thousand``, ``two thousand``, ``1.5 million``,
``3bn``, ``1.2 trillion``, ``twenty-five``, ``-5``, a decimal comma (``1,5``); qualifier
words (``over``, ``nearly`` …) and ``~`` are ignored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import NamedTuple

from quizlib.errors import AnswerError
from quizlib.model import Grade

#: Number words from zero to nineteen.
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_UNITS = {**NUMBER_WORDS, "a": 1, "an": 1}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
           "mn": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000, "trillion": 1_000_000_000_000,
           "tn": 1_000_000_000_000, "dozen": 12}  # fmt: skip
_FILLER = {"over", "more", "than", "nearly", "almost", "about", "around", "roughly", "approximately",
           "an", "estimated", "at", "least", "some", "and", "just", "under", "less", "fewer", "up",
           "to"}  # fmt: skip
HINT = "a number such as 2,000, 2k, 1.5 million or two thousand"


def _words_to_number(words: list[str]) -> float | None:
    total, current, seen = 0.0, 0.0, False
    previous_numeric = False
    for word in words:
        numeric = bool(re.fullmatch(r"\d+(\.\d+)?", word))
        if numeric and previous_numeric:
            return None  # "4 2 1 3" is a list, not a number
        previous_numeric = numeric
        if numeric:
            current += float(word)
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float:
    """The number a person typed.

    Raises:
        AnswerError: When the text is not a number, with a message saying what is expected.
    """
    cleaned = text.strip().lower().replace("~", " ").replace("–", "-").replace("\u2212", "-")
    # The signs a source writes a figure with: "$24bn", "€35 million", "3.2%" are the numbers
    # 24 billion, 35 million and 3.2, as "24 billion dollars" and "3.2 percent" are.
    cleaned = re.sub(r"[$€£¥](?=\s*[\d.])|(?<=\d)\s*%", " ", cleaned).strip()
    # A sign, kept apart: the hyphen also joins number words ("twenty-five"), so the split
    # below would drop it, and "-5" (a temperature, a loss) would be graded as 5.
    sign = -1.0 if re.match(r"(?:-|minus\b)\s*(?=[\d.]|[a-z])", cleaned) else 1.0
    if sign < 0:
        cleaned = re.sub(r"^(?:-|minus\b)\s*", "", cleaned)
    cleaned = re.sub(r"(?<=\d)[, \u00a0\u202f](?=\d{3}\b)", "", cleaned)  # 2,000 and 2 000
    cleaned = re.sub(r"(?<=\d)(k|m|mn|bn|tn)\b", r" \1", cleaned)  # 2k -> 2 k
    # A decimal comma, as much of Europe writes it: "1,5" and "18,25" are 1.5 and 18.25 (a
    # thousands comma is always followed by three digits, so neither reading is lost).
    cleaned = re.sub(r"(?<=\d),(?=\d{1,2}\b)", ".", cleaned)
    words = [w for w in re.split(r"[\s-]+", cleaned) if w and w not in _FILLER]
    if not words:
        raise AnswerError(f"type {HINT}")
    if len(words) == 1:
        try:
            return sign * float(words[0])
        except ValueError:
            pass
    value = _words_to_number(words)
    if value is None:
        raise AnswerError(f"{text.strip()!r} is not a number; type {HINT}")
    return sign * value


_ABOVE = ("over", "more than", "at least", "upwards of", "above", "in excess of")
_BELOW = ("nearly", "almost", "under", "less than", "fewer than", "up to", "just under")


class NumberGrade(NamedTuple):
    """The score of a number answer and the accepted range, for feedback."""

    score: float
    low: float
    high: float


def accepted_range(
    value: float, tolerance: object, qualifier: str = "", *, whole: bool | None = None
) -> tuple[float, float]:
    """The range of answers counted right.

    Tolerance: a number (absolute), ``"N%"`` (relative) or ``[low, high]``; by default exact
    for whole numbers under 20 and 5% otherwise. A qualifier moves the range to the side it
    points to, without reaching further than the tolerance: "over 200" (10%) accepts 200 to
    220, "nearly 2,000" (10%) accepts 1,800 to 2,000. The source's own number always counts.

    Args:
        value: The figure.
        tolerance: See above.
        qualifier: The source's hedge ("over", "nearly", "an estimated" ...).
        whole: Round the bounds inwards to whole numbers, so a count of people is never
            "57.6 to 70.4"; False: no rounding. By default the bounds are rounded inwards to
            the decimals the value has: whole numbers for a whole number, "38.1 to 42.1" for
            40.1 (not "38.095 to 42.105", which no source of "40.1%" would write).
    """
    if isinstance(tolerance, list) and len(tolerance) == 2:
        # The source's own number always counts, even when an author's range leaves it out.
        low, high = min(float(tolerance[0]), value), max(float(tolerance[1]), value)
    else:
        if isinstance(tolerance, str) and tolerance.endswith("%"):
            width = abs(value) * float(tolerance[:-1]) / 100
        elif isinstance(tolerance, int | float):
            width = float(tolerance)
        else:
            width = 0.0 if float(value).is_integer() and abs(value) < 20 else abs(value) * 0.05
        q = qualifier.lower().strip()
        # One-sided, but never wider than the tolerance on that side: doubling the width (the
        # old rule) made "nearly 2,000" accept 1,600, which no reader of the source would say.
        low = value if q.startswith(_ABOVE) else value - width
        high = value if q.startswith(_BELOW) else value + width
    if whole is False:
        return low, high
    # One decimal more where a fraction's own would leave a single number of a range
    # ("over 1.5" is "1.5 to 1.57", not "exactly 1.5"); a count stays whole.
    places = _places(value)
    limit = 0 if whole or places <= 0 else places + 3
    places = min(places, 0) if whole else places
    rounded = _inwards(low, high, value, places)
    while rounded[0] == rounded[1] and low < high and places < limit:
        places += 1
        rounded = _inwards(low, high, value, places)
    return rounded


def _inwards(low: float, high: float, value: float, places: int) -> tuple[float, float]:
    """The bounds rounded inwards to ``places`` decimals, so every answer written that
    precisely and in the range was inside the unrounded one; never past the value itself,
    which always counts."""
    if places < 0:  # a step of whole units: 100,000,000 for a figure written "21.9 billion"
        step = 10**-places
        inner_low, inner_high = math.ceil(low / step - 1e-9) * step, math.floor(high / step + 1e-9) * step
        return min(inner_low, value), max(inner_high, value)
    scale = 10**places  # divided by, not multiplied by 0.1: 3 / 10 is 0.3, 3 * 0.1 is not
    inner_low, inner_high = math.ceil(low * scale - 1e-9) / scale, math.floor(high * scale + 1e-9) / scale
    return min(inner_low, value), max(inner_high, value)


def _places(value: float) -> int:
    """The decimals a figure is written with, counted in its scale word from a million up, as
    sources write such figures: 1 for 40.1, -8 for 21.9 billion (its last digit is in the
    hundred millions), so its range reads "20.9 billion to 22.9 billion", not "20.805 billion"."""
    for exponent in (12, 9, 6):
        if abs(value) >= 10**exponent:
            return _decimals(value / 10**exponent) - exponent
    return _decimals(value)


def _decimals(value: float) -> int:
    """How many decimals a figure is written with: 0 for 64, 1 for 40.1, 3 for 0.125."""
    written = f"{float(value):.12g}"
    return 0 if "." not in written or "e" in written else len(written.split(".")[1])


def grade_number(
    answer: float, value: float, tolerance: object = None, qualifier: str = "", also: Iterable[float] = ()
) -> NumberGrade:
    """Score an answer: 1 inside the accepted range (of the value or of any value in ``also``).

    Outside it, partial credit falls linearly from 0.75 at the edge of the range to 0 at a
    distance of twice the range's half-width (at least 10% of the value, at least 1).
    """
    best = NumberGrade(0.0, *accepted_range(value, tolerance, qualifier))
    for candidate in (value, *also):
        # Graded against the exact range, shown rounded: for whole answers the two agree, and
        # a fractional answer inside the exact range is not the learner's mistake.
        low, high = accepted_range(candidate, tolerance, qualifier, whole=False)
        shown = accepted_range(candidate, tolerance, qualifier)
        slack = 1e-9 * max(1.0, abs(candidate))  # 28 * 1.05 must count as inside 5% of 28
        if low - slack <= answer <= high + slack:
            return NumberGrade(1.0, *shown)
        distance = low - answer if answer < low else answer - high
        reach = max(high - low, abs(candidate) * 0.1, 1.0)
        score = round(max(0.0, 0.75 * (1 - distance / reach)), 2)
        if score > best.score:
            best = NumberGrade(score, *shown)
    return best


def format_number(value: float) -> str:
    """``2000`` → ``2,000``; ``1.5`` stays ``1.5``; a computed bound shows no binary noise
    (``4.7 * 1.05`` → ``4.935``, not ``4.9350000000000005``)."""
    # Twelve significant digits: a float holds about sixteen, so the last few digits of a
    # product or a sum are rounding noise, never a figure a source stated.
    number = float(f"{float(value):.12g}")
    return f"{int(number):,}" if number.is_integer() else f"{number:,}"


def grade_number_text(
    text: str, value: float, tolerance: object = None, qualifier: str = "", also: Iterable[float] = ()
) -> Grade:
    """Grade a typed number against a figure, with feedback stating the source's value and range.

    Raises:
        AnswerError: When the text is not a number.
    """
    others = [float(v) for v in also]
    result = grade_number(parse_number(text), value, tolerance, qualifier, others)
    stated = f"{qualifier} {format_number(value)}".strip()
    low, high = format_number(result.low), format_number(result.high)
    accepted = f"exactly {low}" if low == high else f"{low} to {high}"
    feedback = f"Given as {stated}; counted right: {accepted}."
    if others:
        feedback += f"\nSources disagree: also given as {', '.join(format_number(v) for v in others)}."
    return Grade(result.score, correct_answer=stated, feedback=feedback)
