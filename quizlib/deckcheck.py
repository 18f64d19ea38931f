"""Running the plugins' deck-level checks (the ``check_deck`` hook) and locating what they find.

A deck keeps only the line each fact starts on, so a finding's field is looked for in the
file from there: the first ``field:`` key within the entry (the fact's own line when the
file cannot be read or the field is not written).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from quizlib.errors import Problem
from quizlib.model import Deck, Fact
from quizlib.plugin_guard import describe
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
        # Guarded like every call into a plugin: an exit, a print or an endless loop too.
        outcome = host.guard(impl.plugin_name, functools.partial(_findings, impl.function, deck))
        if outcome.error is not None:
            host.fail(impl.plugin_name, f"check_deck {_failed(outcome.error)}", outcome.error)
            continue
        for fact, field, message in outcome.value or ():
            line, column = _locate(lines, fact.line, field)
            problems.append(Problem(deck.path, line, column, f"{fact.key}: {message}"))
    return sorted(problems, key=lambda p: (p.line, p.column, p.message))


def _findings(function: Callable[..., object], deck: Deck) -> list[tuple[Fact, str, str]]:
    """What one ``check_deck`` implementation finds, each finding checked."""
    result = function(deck=deck)
    if result is not None and not isinstance(result, Iterable):
        raise TypeError(f"returned {result!r}, not findings")
    return [_unpack(finding) for finding in (result if isinstance(result, Iterable) else ())]


def _failed(exc: BaseException) -> str:
    """How a check failed: "raised X: …", or what else it did (an exit, a timeout)."""
    return f"raised {describe(exc)}" if isinstance(exc, Exception) else describe(exc)


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
