"""Fitted FSRS parameters in the review database, per deck or for all decks, with one undo.

The table is created by migration 3 (``store/migrations.py``):

    parameters(scope TEXT PRIMARY KEY, parameters TEXT, created_at TEXT, previous TEXT)

``scope`` is ``global`` or ``deck:<deck id>``; ``parameters`` is a JSON list of FSRS-6's 21
numbers; ``previous`` is what they replaced — a JSON list, JSON ``null`` for the defaults, or
SQL NULL once undone (there is one level of undo).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from quizlib.errors import QuizError

if TYPE_CHECKING:
    from quizlib.store.store import Store

GLOBAL_SCOPE = "global"
#: FSRS-6 has 21 parameters; the store keeps nothing else (the optimizer checks its fits too).
PARAMETER_COUNT = 21


def scope_for(deck: str | None) -> str:
    """The scope parameters for ``deck`` are stored under (``global`` without a deck)."""
    return f"deck:{deck}" if deck else GLOBAL_SCOPE


def stored_parameters(store: Store, scope: str) -> tuple[float, ...] | None:
    """The parameters stored for exactly this scope, or None."""
    row = _row(store, scope)
    return _decode(row[0]) if row else None


def parameters_for(store: Store, deck: str | None) -> tuple[float, ...] | None:
    """The parameters a deck is scheduled with: its own, else the global ones, else None (defaults)."""
    if deck:
        own = stored_parameters(store, scope_for(deck))
        if own is not None:
            return own
    return stored_parameters(store, GLOBAL_SCOPE)


def save_parameters(
    store: Store, scope: str, parameters: Sequence[float], *, now: datetime
) -> tuple[float, ...] | None:
    """Store ``parameters`` for ``scope``, keeping the ones they replace for :func:`undo_parameters`.

    Returns:
        The replaced parameters (None: there were none, i.e. the defaults).

    Raises:
        QuizError: Not FSRS-6's 21 finite numbers.
    """
    values = _checked(parameters)
    with store.transaction():
        previous = _row(store, scope)
        store._conn.execute(
            "INSERT OR REPLACE INTO parameters (scope, parameters, created_at, previous) VALUES (?, ?, ?, ?)",
            (scope, json.dumps(values), now.isoformat(), previous[0] if previous else "null"),
        )
    return _decode(previous[0]) if previous else None


def undo_parameters(store: Store, scope: str, *, now: datetime) -> tuple[float, ...] | None:
    """Restore the parameters the last :func:`save_parameters` replaced.

    Returns:
        The restored parameters (None: the defaults).

    Raises:
        QuizError: Nothing to undo for this scope.
    """
    with store.transaction():
        row = _row(store, scope)
        if row is None or row[1] is None:
            raise QuizError(f"no parameter change to undo for {scope.replace('deck:', 'deck ')}")
        restored = _decode(row[1]) if row[1] != "null" else None
        if restored is None:
            store._conn.execute("DELETE FROM parameters WHERE scope = ?", (scope,))
        else:
            store._conn.execute(
                "UPDATE parameters SET parameters = ?, created_at = ?, previous = NULL WHERE scope = ?",
                (row[1], now.isoformat(), scope),
            )
    return restored


def _row(store: Store, scope: str) -> tuple[str, str | None] | None:
    sql = "SELECT parameters, previous FROM parameters WHERE scope = ?"
    row = store._conn.execute(sql, (scope,)).fetchone()
    return (row[0], row[1]) if row else None


def _checked(parameters: Sequence[float]) -> tuple[float, ...]:
    values = tuple(float(value) for value in parameters)
    if len(values) != PARAMETER_COUNT or not all(math.isfinite(value) for value in values):
        raise QuizError(
            f"expected the {PARAMETER_COUNT} finite parameters of FSRS-6, got {len(values)}: {values}"
        )
    return values


def _decode(text: str) -> tuple[float, ...]:
    try:
        return _checked(json.loads(text))
    except (ValueError, TypeError, QuizError) as exc:
        raise QuizError(f"the stored FSRS parameters are damaged: {text[:80]}") from exc
