"""Ranges of figures: "between 40 and 50 years", "aged 4 to 17" are one figure, not two.

Two figures drafted from one range each showed the other end in their text, and asked the
same fact with different values; one figure valued at the lower end, with the upper end as
its ``upper`` and the whole range gapped, asks it fairly (any answer in the range counts).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizlib.draft.figures import Figure

_TO = re.compile(r"\s*(?:to|-|–)\s*$")
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
