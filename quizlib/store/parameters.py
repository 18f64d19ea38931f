"""Fitted FSRS parameters in the review database, per deck or for all decks, with one undo.

The table lives in the store's SQLite database (created on first use):

    parameters(scope TEXT PRIMARY KEY, parameters TEXT, created_at TEXT, previous TEXT)

``scope`` is ``global`` or ``deck:<deck id>``; ``parameters`` is a JSON list of FSRS-6's 21
numbers; ``previous`` is what they replaced — a JSON list, JSON ``null`` for the defaults, or
SQL NULL once undone (there is one level of undo).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime

from quizlib.errors import QuizError
from quizlib.srs.optimize import check_parameters

GLOBAL_SCOPE = "global"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS parameters (
    scope TEXT PRIMARY KEY,
    parameters TEXT NOT NULL,
    created_at TEXT NOT NULL,
    previous TEXT
)
"""


def scope_for(deck: str | None) -> str:
    """The scope parameters for ``deck`` are stored under (``global`` without a deck)."""
    return f"deck:{deck}" if deck else GLOBAL_SCOPE


def stored_parameters(conn: sqlite3.Connection, scope: str) -> tuple[float, ...] | None:
    """The parameters stored for exactly this scope, or None."""
    row = _row(conn, scope)
    return _decode(row[0]) if row else None


def parameters_for(conn: sqlite3.Connection, deck: str | None) -> tuple[float, ...] | None:
    """The parameters a deck is scheduled with: its own, else the global ones, else None (defaults)."""
    if deck:
        own = stored_parameters(conn, scope_for(deck))
        if own is not None:
            return own
    return stored_parameters(conn, GLOBAL_SCOPE)


def save_parameters(
    conn: sqlite3.Connection, scope: str, parameters: Sequence[float], *, now: datetime
) -> tuple[float, ...] | None:
    """Store ``parameters`` for ``scope``, keeping the ones they replace for :func:`undo_parameters`.

    Returns:
        The replaced parameters (None: there were none, i.e. the defaults).
    """
    values = check_parameters(parameters)
    with conn:
        previous = _row(conn, scope)
        conn.execute(
            "INSERT OR REPLACE INTO parameters (scope, parameters, created_at, previous) VALUES (?, ?, ?, ?)",
            (scope, json.dumps(values), now.isoformat(), previous[0] if previous else "null"),
        )
    return _decode(previous[0]) if previous else None


def undo_parameters(conn: sqlite3.Connection, scope: str, *, now: datetime) -> tuple[float, ...] | None:
    """Restore the parameters the last :func:`save_parameters` replaced.

    Returns:
        The restored parameters (None: the defaults).

    Raises:
        QuizError: Nothing to undo for this scope.
    """
    with conn:
        row = _row(conn, scope)
        if row is None or row[1] is None:
            raise QuizError(f"no parameter change to undo for {scope.replace('deck:', 'deck ')}")
        restored = _decode(row[1]) if row[1] != "null" else None
        if restored is None:
            conn.execute("DELETE FROM parameters WHERE scope = ?", (scope,))
        else:
            conn.execute(
                "UPDATE parameters SET parameters = ?, created_at = ?, previous = NULL WHERE scope = ?",
                (row[1], now.isoformat(), scope),
            )
    return restored


def _row(conn: sqlite3.Connection, scope: str) -> tuple[str, str | None] | None:
    conn.execute(_SCHEMA)
    row = conn.execute("SELECT parameters, previous FROM parameters WHERE scope = ?", (scope,)).fetchone()
    return (row[0], row[1]) if row else None


def _decode(text: str) -> tuple[float, ...]:
    try:
        return check_parameters(json.loads(text))
    except (ValueError, TypeError) as exc:
        raise QuizError(f"the stored FSRS parameters are damaged: {text[:80]}") from exc
