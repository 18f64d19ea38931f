"""What kind of thing a figure's unit counts, for the example a number hint shows.

Not a plugin (the leading underscore keeps the plugin loader away). The kinds are defined by
regular expressions (:func:`kind_by_pattern`); a unit written in ASCII, as units are, is
classified by its first and last words instead, with the same answer and without compiling
the patterns, which would otherwise be part of every session's first number question.
"""

from __future__ import annotations

import functools
import re

from quizlib import parse_number

#: Units whose counts are small: time, and scaled units ("million people"), whose hint
#: examples are small numbers ("a number of months, e.g. 7"). Matched as the first word.
SMALL = frozenset({
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights", "week",
    "weeks", "month", "months", "year", "years", "decade", "decades", "centuries", "million", "billion",
    "thousand", "times", "round", "rounds", "term", "terms",
})  # fmt: skip
#: Units of people, whose counts run to thousands ("a number of troops, e.g. 1,500 or 1.5k");
#: other things (villages, attacks, vehicles) get smaller examples. Matched as the last word.
PEOPLE = frozenset({
    "people", "persons", "troops", "soldiers", "servicemen", "servicemembers", "personnel", "refugees",
    "civilians", "residents", "voters", "casualties", "deaths", "dead", "workers", "members", "migrants",
    "children", "inhabitants", "protesters", "prisoners", "fighters", "employees", "users", "visitors",
    "students",
})  # fmt: skip
#: How a percentage unit starts.
PERCENT = ("%", "per cent", "percent")


def unit_kind(unit: str) -> str:
    """``people``, ``small``, ``percent`` or ``things``: what the unit counts."""
    if not unit.isascii():  # letters that fold to ASCII ones ("ſ", "K"): as the patterns say
        return kind_by_pattern(unit)
    lowered = unit.lower()
    small = _first_word(lowered) in SMALL
    kind = "small" if small else "percent" if lowered.startswith(PERCENT) else "things"
    return "people" if _last_word(lowered.strip()) in PEOPLE else kind


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # \w, for ASCII text


def _first_word(text: str) -> str:
    end = 0
    while end < len(text) and _word_char(text[end]):
        end += 1
    return text[:end]


def _last_word(text: str) -> str:
    start = len(text)
    while start > 0 and _word_char(text[start - 1]):
        start -= 1
    return text[start:]


def kind_by_pattern(unit: str) -> str:
    """:func:`unit_kind` by the regular expressions that define the kinds."""
    small, percent, people = _patterns()
    kind = "small" if small.match(unit) else "percent" if percent.match(unit) else "things"
    return "people" if people.search(unit.strip()) else kind


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = sorted(SMALL, key=len, reverse=True)  # longest first: "seconds" before "second"
    return (
        re.compile(rf"^({'|'.join(words)})\b", re.IGNORECASE),
        re.compile(r"^(%|per ?cent|percentage)", re.IGNORECASE),
        re.compile(rf"\b({'|'.join(sorted(PEOPLE))})$", re.IGNORECASE),
    )


#: An age, as ``quizlib draft`` writes its unit: "years (age)", "months (age)".
_AGE = re.compile(r"(\w+) \(age\)")


def asked_as(unit: str) -> str:
    """What a number hint asks for: "a number of troops"; a percent is "a percentage" and an
    age "an age in years" ("a number of percent" and "a number of years (age)" are no
    English)."""
    bare = unit.strip()
    if bare.lower() in PERCENT:
        return "a percentage"
    age = _AGE.fullmatch(bare)
    if age:
        return f"an age in {age.group(1)}"
    # "a number of" takes a plural: a unit of time written singular, as for one ("1 day") or
    # joined to its number ("a …-day course"), is asked in its plural ("a number of days").
    plural = f"{bare}s"
    return f"a number of {plural if bare.islower() and plural in SMALL else bare}"


def stated_unit(unit: str) -> str:
    """The unit after the number in an answer: "54 years old" for an age, else as written."""
    age = _AGE.fullmatch(unit.strip())
    return f"{age.group(1)} old" if age else unit


def echoed_units(unit: str) -> tuple[str, ...]:
    """Units a learner may type after the number, longest first: the figure's own, for an
    age "years old" and "years", and for a scaled unit ("million dollars") the unit without
    its scale word ("40 million dollars", "40m dollars")."""
    age = _AGE.fullmatch(unit.strip())
    if age:
        return (f"{age.group(1)} old", age.group(1), unit)
    rest = unit.strip().split(None, 1)
    return (unit, rest[1]) if unit_scale(unit) != 1 and len(rest) == 2 else (unit,)


#: Scale words a unit may start with: "million dollars" counts dollars in millions.
UNIT_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@functools.cache
def _names_scale() -> re.Pattern[str]:
    """A typed answer that names its own scale: "40m", "2.1 bn", "forty million"."""
    return re.compile(r"\d\s*(?:k|m|mn|bn|tn)\b|\b(?:thousand|million|billion|trillion)\b", re.IGNORECASE)


def unit_scale(unit: str) -> float:
    """The factor of a unit that starts with a scale word ("million dollars": a million), 1
    for any other unit."""
    words = unit.strip().lower().split()
    return UNIT_SCALES.get(words[0], 1.0) if words else 1.0


def without_unit(text: str, unit: str) -> str:
    """The answer without the figure's own unit after the number ("90 armored vehicles") or
    before it, as a scale's name is written ("magnitude 6.8"): the learner may echo the unit
    the question names."""
    if not unit.strip():
        return text
    name = re.escape(unit.strip())
    text = re.sub(rf"^\s*{name}\s+(?=[\d.,+−-])", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(rf"\s+{name}\s*$", "", text, flags=re.IGNORECASE)


def typed_number(text: str, unit: str, value: float) -> float:
    """The number a learner typed, in the figure's unit.

    The unit may be echoed after the number (or before it, as a scale's name is written). For
    a unit that starts with a scale word ("million dollars"), the answer counts in that
    scale: "40" is 40 million dollars, and so are "$40m", "40 million" and "40,000,000",
    which name their own scale or are written out in full. A bare number of at least the
    scale's size may be either, so it is read as the one nearer the figure's ``value``.

    Raises:
        AnswerError: When the text is not a number.
    """
    for echoed in echoed_units(unit):
        text = without_unit(text, echoed)
    number = parse_number(text)
    scale = unit_scale(unit)
    named = bool(_names_scale().search(text))
    if scale == 1 or (abs(number) < scale and not named):
        return number
    if named:
        return number / scale
    return min((number, number / scale), key=lambda reading: abs(reading - value))


#: Currencies a source writes as a sign before the number: "$24 billion", "€35m".
CURRENCY_SIGNS = {"dollars": "$", "euros": "€", "pounds": "£", "yen": "¥"}


def as_written(number: str, unit: str, after: str) -> str:
    """A number as a sentence writes it when the words ``after`` it do not name its unit: a
    percentage with its sign ("3.2%"), money with its currency's ("$31.4 trillion"); any other
    unit is the sentence's own to write, after the number or not ("1,404 of them")."""
    words = unit.strip().lower().split()
    following = after.strip().lower()
    if not words or following.startswith(words[0]):
        return number
    if unit.strip().lower() in PERCENT:  # "percentage points" are not "%"
        return number if following.startswith("%") else f"{number}%"
    sign = CURRENCY_SIGNS.get(words[0], "")
    if sign and re.fullmatch(r"[\d,]+\.\d", number):
        number += "0"  # money in cents: "$31.20", not "$31.2"
    return f"{sign}{number}"
