"""One scalar deck value converted by its field kind: a table with one small function per kind.

Each converter gets the text of the value and returns its normalised form, or records a
problem and returns None; lists, ranges and sub-entries are the validator's job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quizlib.dates import PartialDate
from quizlib.deckfile.fields import BOOLS, MAX_MAGNITUDE, PERCENT_RE
from quizlib.deckfile.value_checks import whole_number
from quizlib.didyoumean import close_matches
from quizlib.model import Field, FieldKind

F = FieldKind
Where = tuple[int, int]


def suggest(word: str, options: Any) -> str:
    """A ``; did you mean 'x'?`` suffix when an option is close to ``word``."""
    close = close_matches(word, options)
    return f"; did you mean {close[0]!r}?" if close else ""


@dataclass
class Scalars:
    """Converts scalar values, reporting problems to ``add`` and collecting references."""

    add: Callable[[Where, str], None]
    #: References to check once the whole deck is read: (kind or section, id, where).
    refs: list[tuple[str, str, Where]] = field(default_factory=list)

    def convert(self, spec: Field, text: str, where: Where, name: str) -> Any:
        """The value of ``text`` for a field of ``spec.kind``, or None after a problem."""
        converter = _CONVERTERS.get(spec.kind)
        return converter(self, spec, text, where, name) if converter else None

    def number(self, text: str, where: Where, name: str) -> int | float | None:
        """A number written in digits (``2000``, ``1.5``, ``2e3``)."""
        try:
            value = float(text)
        except ValueError:
            self.add(where, f"{name} must be a number, not {text!r}")
            return None
        if value != value or value in (float("inf"), float("-inf")):
            self.add(where, f"{name} must be a finite number")
            return None
        if abs(value) > MAX_MAGNITUDE:
            self.add(where, f"{name} is too large ({text.strip()[:20]}; at most {MAX_MAGNITUDE:.0e})")
            return None
        return int(value) if value.is_integer() and re.fullmatch(r"[+-]?\d+", text.strip()) else value

    def _str(self, spec: Field, text: str, where: Where, name: str) -> str | None:
        if spec.required and not text.strip():
            self.add(where, f"{name} is blank")
            return None
        return text

    def _int(self, spec: Field, text: str, where: Where, name: str) -> int | None:
        if re.fullmatch(r"[+-]?\d+", text.strip()):
            return whole_number(self.add, text, where, name)
        self.add(where, f"{name} must be a whole number, not {text!r}")
        return None

    def _number(self, spec: Field, text: str, where: Where, name: str) -> int | float | None:
        return self.number(text, where, name)

    def _bool(self, spec: Field, text: str, where: Where, name: str) -> bool | None:
        if text.lower() in BOOLS:
            return BOOLS[text.lower()]
        self.add(where, f"{name} must be true or false, not {text!r}")
        return None

    def _date(self, spec: Field, text: str, where: Where, name: str) -> str | None:
        try:
            return PartialDate.parse(text).iso()
        except ValueError as exc:
            self.add(where, f"{name}: {exc}")
            return None

    def _enum(self, spec: Field, text: str, where: Where, name: str) -> str | None:
        if text in spec.values:
            return text
        choices = ", ".join(spec.values)
        self.add(where, f"{name} must be one of {choices}, not {text!r}{suggest(text, spec.values)}")
        return None

    def _ref(self, spec: Field, text: str, where: Where, name: str) -> str:
        self.refs.append(("actor" if spec.kind is F.ACTOR else spec.refers, text, where))
        return text

    def _tolerance(self, spec: Field, text: str, where: Where, name: str) -> str | int | float | None:
        m = PERCENT_RE.match(text)
        if m:
            return f"{m.group(1)}%"
        return self.number(text, where, name)


_CONVERTERS: dict[FieldKind, Callable[[Scalars, Field, str, Where, str], Any]] = {
    F.STR: Scalars._str,
    F.INT: Scalars._int,
    F.NUMBER: Scalars._number,
    F.BOOL: Scalars._bool,
    F.DATE: Scalars._date,
    F.ENUM: Scalars._enum,
    F.ACTOR: Scalars._ref,
    F.REF: Scalars._ref,
    F.TOLERANCE: Scalars._tolerance,
}
