"""Suggestions for mistyped names: decks, tags, question types, plugins, fields.

One helper for every "unknown X" message, so a typo never passes silently and every
message reads the same: ``no deck 'karabak' (did you mean karabakh?); known: ...``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from quizlib.errors import UsageError

#: At most this many candidates are compared: a deck can hold thousands of ids, and a
#: suggestion is a courtesy, not worth a noticeable pause.
MAX_CANDIDATES = 2000
#: At most this many known values are listed after the suggestion.
MAX_LISTED = 12


def close_matches(word: str, options: Iterable[str], n: int = 1) -> list[str]:
    """Up to ``n`` options close to ``word``, best first.

    Only options of a similar length are compared (an edit of a few characters cannot
    bridge a larger difference), and at most :data:`MAX_CANDIDATES` of them.
    """
    slack = max(2, len(word) // 3)
    pool: list[str] = []
    for option in options:
        if abs(len(option) - len(word)) <= slack:
            pool.append(option)
            if len(pool) >= MAX_CANDIDATES:
                break
    exact = [o for o in pool if o.casefold() == word.casefold()]
    return (exact + difflib.get_close_matches(word, pool, n=n, cutoff=0.6))[:n]


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` (did you mean x?)`` when an option is close to ``word``, else empty."""
    close = close_matches(word, options)
    return f" (did you mean {close[0]}?)" if close else ""


def known_list(options: Iterable[str]) -> str:
    """The known values, sorted, at most :data:`MAX_LISTED` of them."""
    values = sorted(set(options))
    if not values:
        return "none"
    shown = ", ".join(values[:MAX_LISTED])
    return shown + (f" and {len(values) - MAX_LISTED} more" if len(values) > MAX_LISTED else "")


def unknown_names(kind: str, words: Iterable[str], options: Iterable[str]) -> UsageError | None:
    """A usage error for every word not among ``options``, or None when all are known.

    Args:
        kind: What the words name, singular (``deck``, ``tag``, ``question type``).
        words: What the person typed.
        options: The known values.

    Returns:
        ``no tag 'blokade' (did you mean blockade?); known tags: ...``, one clause per
        unknown word, or None.
    """
    known = list(dict.fromkeys(options))
    known_set = set(known)
    missing = [w for w in dict.fromkeys(words) if w not in known_set]
    if not missing:
        return None
    clauses = "; ".join(f"no {kind} {w!r}{did_you_mean(w, known)}" for w in missing)
    return UsageError(f"{clauses}; known {kind}s: {known_list(known)}")
