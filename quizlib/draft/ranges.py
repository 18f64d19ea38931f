"""Ranges of figures: "between 40 and 50 years", "aged 4 to 17" are one figure, not two.

Two figures drafted from one range each showed the other end in their text, and asked the
same fact with different values; one figure valued at the lower end, with the upper end as
its ``upper`` and the whole range gapped, asks it fairly (any answer in the range counts).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizlib.draft.figures import Figure

# "four or five months" is a range as much as "four to five months".
_TO = re.compile(r"\s*(?:to|or|-|–)\s*$")
_AND = re.compile(r"\s*and\s*$")
_BETWEEN = re.compile(r"\b[Bb]etween\s+$")
# A change from one value to another is not a range: "rose 3.2% to 3.7%", "from 10 to 20".
_CHANGE = re.compile(
    r"\b(?:from|rose|rise|rises|rising|risen|fell|fall|falls|falling|fallen|increased?|increasing"
    r"|decreased?|dropped|drop|climbed|jumped|grew|grow|cut|raised|lifted|lowered|slipped|declined"
    r"|surged|soared|plunged|up|down|by)\s+$",
    re.I,
)
_NO_RANGE_UNITS = ("votes in favour", "votes against")
# "10-15 cars", "10–20 people", "3–5%": two numbers joined by a dash, the smaller first.
DASHED = re.compile(r"(?<![\w.,:/$£€¥–-])(\d+(?:\.\d+)?)[-–](\d+(?:\.\d+)?)(?![\w.,/–-]*\d)(%| per ?cent\b)?")
# A score or a tally is no range: "won 6-4", "a 22-25 defeat", "led 24-20", "voted 7-4".
_SCORE_BEFORE = re.compile(
    r"\b(?:won|win|wins|beat|beats|lost|lose|loses|led|leads?|drew|draws?|trailed|trails?|scored?|scores"
    r"|voted?|votes|tally|margin|defeated|edged|thrashed)\s+(?:\w+\s+){0,1}$",
    re.I,
)


def _same_unit(first: str, second: str) -> bool:
    # "between $4.2 million and $5 million a year": dollars, then dollars a year.
    return first == second or second.startswith(first + " ")


def _range_start(sentence: str, low: Figure, high: Figure) -> int | None:
    """Where the range of two neighbouring figures starts, or None if they are no range."""
    if not low.unit or not _same_unit(low.unit, high.unit) or high.unit in _NO_RANGE_UNITS:
        return None
    between = sentence[low.end : high.start]
    window = sentence[max(0, low.start - 24) : low.start]
    lead = _BETWEEN.search(window)
    if lead is not None and _AND.match(between) and low.value != high.value:
        return low.start - (len(window) - lead.start())
    if _TO.match(between) and low.value < high.value and not _CHANGE.search(window):
        return low.start
    return None


def dashed_ranges(
    sentence: str, plural: Callable[[str], str]
) -> Iterator[tuple[int, int, float, float, str]]:
    """Ranges written with a dash ("10-15 cars", "3–5%"): start, end, low, high and unit.

    A range counts a plural noun (``plural`` gives the unit of the words after it, or "" when
    they name no plural) or a percentage; a score or a tally ("a 27-24 win", "voted 7-4")
    is none: its first number is not the smaller, its noun is singular or a verb leads it.
    """
    for m in DASHED.finditer(sentence):
        low, high = float(m[1]), float(m[2])
        if low >= high or _SCORE_BEFORE.search(sentence, max(0, m.start() - 30), m.start()):
            continue
        unit = "percent" if m[3] else plural(sentence[m.end() :])
        if unit:
            yield m.start(), m.end(), low, high, unit


def join_ranges(sentence: str, figures: list[Figure]) -> list[Figure]:
    """The figures with each range of two joined into one (see the module's docstring)."""
    out: list[Figure] = []
    i = 0
    while i < len(figures):
        first = figures[i]
        second = figures[i + 1] if i + 1 < len(figures) else None
        start = None if second is None else _range_start(sentence, first, second)
        if second is None or start is None:
            out.append(first)
            i += 1
            continue
        low, high = sorted((first.value, second.value))
        out.append(replace(first, start=start, end=second.end, value=low, unit=second.unit))
        out[-1] = replace(out[-1], tolerance=(low, high))
        i += 2
    return out
