"""Loading a deck with the sections of the installed plugins: the public ``quizlib.load_deck``."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from quizlib.deckfile import load
from quizlib.errors import Problem
from quizlib.model import Deck, Section


def load_deck(
    path: str | os.PathLike[str],
    *,
    sections: Mapping[str, Section] | None = None,
    cache_dir: Path | bool | None = True,
    on_skipped: Callable[[Problem], None] | None = None,
) -> Deck:
    """Load and validate a deck file.

    Args:
        path: The YAML file.
        sections: The fact sections to accept (default: those of the installed plugins).
        cache_dir: Where to cache the parsed deck; True for the default, None/False for no cache.
        on_skipped: When given, a section no loaded plugin declares is left out and
            reported to it (a warning) instead of being an error.

    Returns:
        The validated deck.

    Raises:
        DeckError: Listing every problem as ``FILE:LINE:COL: message``.
    """
    if sections is None:
        from quizlib.plugins import load_plugins  # every installed plugin: only when asked

        sections = load_plugins().sections
    return load.load_deck(path, sections=sections, cache_dir=cache_dir, on_skipped=on_skipped)
