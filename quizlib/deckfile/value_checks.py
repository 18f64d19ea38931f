"""Checks of deck values that a session relies on: sane numbers, clean text, usable settings.

Each reports through the validator's ``add(where, message)``, so problems keep their
FILE:LINE:COL like every other deck problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from quizlib.deckfile.fields import MAX_MAGNITUDE, SETTING_RANGES, STEP_RANGE
from quizlib.deckfile.yamlsafe import YMap, YSeq

Add = Callable[[tuple[int, int], str], None]
#: Raw control characters in text (tab and newline are text): printed, they drive terminals.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: More digits than this cannot be within MAX_MAGNITUDE; checked before converting, since
#: turning thousands of digits into an int is slow (and refused outright past 4300).
MAX_DIGITS = 16


def check_text(add: Add, text: str, where: tuple[int, int], name: str) -> bool:
    """False (with a problem) when a value holds a control character."""
    control = CONTROL_RE.search(text)
    if control is None:
        return True
    add(
        where,
        f"{name} contains the control character U+{ord(control.group()):04X}; remove it"
        " (printed, it would drive the learner's terminal)",
    )
    return False


def whole_number(add: Add, text: str, where: tuple[int, int], name: str) -> int | None:
    """An integer written in digits, or None (with a problem) when its magnitude is absurd."""
    digits = text.strip().lstrip("+-").lstrip("0")
    if len(digits) > MAX_DIGITS or abs(int(text)) > MAX_MAGNITUDE:
        add(where, f"{name} is too large ({len(digits)} digits; the limit is {MAX_MAGNITUDE:.0e})")
        return None
    return int(text)


def check_setting_ranges(add: Add, raw: YMap, settings: dict[str, Any]) -> None:
    """Settings a session cannot work with (``retention: 5``, a step of 10^11 minutes).

    Out-of-range settings are reported and dropped from ``settings``.
    """
    for key, (low, high) in SETTING_RANGES.items():
        value = settings.get(key)
        if value is not None and not low <= value <= high:
            add(raw.where(key), f"deck.settings.{key} must be {low:g} to {high:g}, not {value!r}")
            del settings[key]
    low, high = STEP_RANGE
    for key in ("learning_steps", "relearning_steps"):
        steps, marks = settings.get(key), raw.get(key)
        if steps is None or not isinstance(marks, YSeq):
            continue
        for i, step in enumerate(steps):
            if not low <= step <= high:
                add(
                    marks.item_marks[i],
                    f"deck.settings.{key}[{i + 1}] must be {low:g} to {high:,} minutes, not {step!r}",
                )
                settings.pop(key, None)


def check_no_repeats(add: Add, items: list[Any], raw: YSeq, name: str) -> None:
    """Report an entry listed twice (``parties: [arm, aze, arm]``)."""
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        if item is None:
            continue
        if item in seen:
            add(raw.item_marks[i], f"{name} lists {item!r} twice (also item {seen[item] + 1})")
        else:
            seen[item] = i
