"""Running the plugins' deck-level checks (the ``check_deck`` hook) and locating what they find.

A deck keeps only the line each fact starts on, so a finding's field is looked for in the
file from there: the first ``field:`` key within the entry (the fact's own line when the
file cannot be read or the field is not written).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from quizlib.errors import Problem
from quizlib.model import Deck, Fact
from quizlib.plugins import PluginHost

#: How many lines past an entry's first line its fields are looked for.
_ENTRY_SPAN = 200


def deck_problems(deck: Deck, host: PluginHost) -> list[Problem]:
    """Every problem the plugins' ``check_deck`` hooks find in a deck, located and sorted.

    A hook that raises or yields something that is not ``(fact, field, message)`` is
    reported as a plugin error (:meth:`PluginHost.fail`) and the other hooks go on.
    """
    lines = _file_lines(deck.path)
    problems: list[Problem] = []
    for impl in sorted(host.pm.hook.check_deck.get_hookimpls(), key=lambda i: i.plugin_name):
        try:
            result = impl.function(deck=deck)
            if result is not None and not isinstance(result, Iterable):
                raise TypeError(f"returned {result!r}, not findings")
            for finding in result if isinstance(result, Iterable) else ():
                fact, field, message = _unpack(finding)
                line, column = _locate(lines, fact.line, str(field))
                problems.append(Problem(deck.path, line, column, f"{fact.key}: {message}"))
        except Exception as exc:  # a plugin's fault is reported, never a traceback
            host.fail(impl.plugin_name, f"check_deck raised {type(exc).__name__}: {exc}", exc)
    return sorted(problems, key=lambda p: (p.line, p.column, p.message))


def _unpack(finding: object) -> tuple[Fact, str, str]:
    if isinstance(finding, tuple) and len(finding) == 3:
        fact, field, message = finding
        if isinstance(fact, Fact) and isinstance(message, str):
            return fact, str(field), message
    raise TypeError(f"yielded {finding!r}, not (fact, field, message)")


def _file_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _locate(lines: list[str], start: int, field: str) -> tuple[int, int]:
    """The line and column of ``field:`` in the entry starting at line ``start``."""
    if not 1 <= start <= len(lines):
        return max(start, 1), 1
    key = re.compile(rf"(?:^|[\s{{,-])({re.escape(field)})\s*:")
    first = lines[start - 1]
    inside = len(first) - len(first.lstrip(" -"))  # where the entry's keys start
    for number in range(start, min(start + _ENTRY_SPAN, len(lines) + 1)):
        text = lines[number - 1]
        stripped = text.strip()
        entry_ended = len(text) - len(text.lstrip(" ")) < inside  # the next entry or section
        if number > start and stripped and not stripped.startswith("#") and entry_ended:
            break
        found = key.search(text)
        if found:
            return number, found.start(1) + 1
    return start, 1
