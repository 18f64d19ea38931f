"""What several subcommands share: plugin options, deck loading, warnings."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from quizlib.deck import load_deck, resolve_deck
from quizlib.errors import DeckError, Problem
from quizlib.model import Deck
from quizlib.plugins import PluginHost, get_plugin_manager

SubParsers = Any  # argparse's _SubParsersAction is private; typed loosely on purpose


def plugin_options() -> argparse.ArgumentParser:
    """A parent parser with ``--plugins-dir``, shared by every command that loads plugins."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--plugins-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="load *.py plugins from DIR (repeatable; also QUIZLIB_PLUGINS_DIR)",
    )
    return parent


def store_options() -> argparse.ArgumentParser:
    """A parent parser with ``--db``, shared by every command that opens the review database."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="PATH",
        default=None,
        help="review database (default: $QUIZLIB_DB, else quizlib.db in the user data directory)",
    )
    return parent


def load_host(args: argparse.Namespace, *, quiet: bool = False) -> PluginHost:
    """Load the plugins, warning on stderr about any that failed."""
    host = get_plugin_manager(plugins_dirs=getattr(args, "plugins_dir", []) or [])
    if not quiet:
        for error in host.errors:
            print(f"quizlib: warning: {error} (skipped)", file=sys.stderr)
    return host


def load_decks(names: Sequence[str], host: PluginHost) -> list[Deck]:
    """Load decks by path or bundled name; every problem of every deck is reported together."""
    decks: list[Deck] = []
    problems: list[Problem] = []
    for name in names:
        try:
            decks.append(load_deck(resolve_deck(name), sections=host.sections))
        except DeckError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DeckError(problems)
    return decks
