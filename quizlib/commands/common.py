"""What several subcommands share: plugin options, deck loading, warnings."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizlib.dates import PartialDate
from quizlib.deckfile.load import bundled_decks, load_deck, refuse_shared_ids, resolve_deck
from quizlib.didyoumean import unknown_names
from quizlib.errors import AnswerError, DeckError, Problem, UsageError
from quizlib.helpformat import QuizParser
from quizlib.model import Deck
from quizlib.plugins import PluginHost, load_plugins
from quizlib.termsafe import terminal_safe

if TYPE_CHECKING:  # the database module (and sqlite3) only when a command opens it
    from quizlib.store.store import Store

SubParsers = Any  # argparse's _SubParsersAction is private; typed loosely on purpose

#: The sync folder of ``sync`` and ``study`` when none is given on the command line.
SYNC_DIR_ENV = "QUIZLIB_SYNC_DIR"


def plugin_options() -> argparse.ArgumentParser:
    """A parent parser with ``--plugins-dir``, shared by every command that loads plugins."""
    parent = QuizParser(add_help=False)
    parent.add_argument(
        "--plugins-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="load *.py plugins from DIR (repeatable; also QUIZLIB_PLUGINS_DIR)",
    )
    return parent


def folder_from(value: str | None) -> Path | None:
    """The sync folder given on the command line, else ``$QUIZLIB_SYNC_DIR`` (None: neither)."""
    text = value or os.environ.get(SYNC_DIR_ENV, "")
    return Path(text).expanduser() if text else None


def store_options() -> argparse.ArgumentParser:
    """A parent parser with ``--db``, shared by every command that opens the review database."""
    parent = QuizParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="PATH",
        default=None,
        help="review database (default: $QUIZLIB_DB, else quizlib.db in the user data directory)",
    )
    return parent


def load_host(args: argparse.Namespace, *, quiet: bool = False) -> PluginHost:
    """Load the plugins, warning on stderr about any that failed.

    Later warnings about plugins misbehaving (a question type that fails on a fact, a
    rating hook that raises, a plugin that prints) go to stderr as they happen, each once.
    """
    host = load_plugins(plugins_dirs=getattr(args, "plugins_dir", []) or [])
    typo = unknown_names("plugin", host.unmatched_disabled, host.candidates)
    if typo is not None:
        raise UsageError(f"QUIZLIB_DISABLE_PLUGINS: {typo}")
    if not quiet:
        for error in host.errors:
            warn(f"{error} (skipped)")
        for message in host.warnings:
            warn(message)
        host.on_warning = warn
    return host


@contextlib.contextmanager
def warnings_after(host: PluginHost) -> Iterator[None]:
    """Hold the host's warnings while a full-screen UI owns the terminal; print them after."""
    held: list[str] = []
    previous, host.on_warning = host.on_warning, held.append
    try:
        yield
    finally:
        host.on_warning = previous
        for message in held:
            if previous is not None:
                previous(message)


def warn(message: str) -> None:
    """Print a warning on stderr, control characters shown rather than obeyed."""
    print(terminal_safe(f"quizlib: warning: {message}"), file=sys.stderr)


def load_decks(names: Sequence[str], host: PluginHost, *, skip_unknown_sections: bool = False) -> list[Deck]:
    """Load decks by path or bundled name; every problem of every deck is reported together.

    Args:
        names: Deck paths or bundled deck names.
        host: The loaded plugins.
        skip_unknown_sections: Leave out sections no loaded plugin declares (e.g. its
            plugin is disabled), with a warning each, instead of refusing the deck.
    """
    decks: list[Deck] = []
    problems: list[Problem] = []
    skipped = (lambda problem: host.warn(str(problem))) if skip_unknown_sections else None
    for name in names:
        try:
            decks.append(load_deck(resolve_deck(name), sections=host.sections, on_skipped=skipped))
        except DeckError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DeckError(problems)
    return refuse_shared_ids(decks)


def check_deck_ids(store: Store, deck_ids: Sequence[str]) -> None:
    """Refuse deck ids that neither the database nor the bundled decks know (typos).

    Raises:
        UsageError: Naming each unknown id, with the closest known one and the known ids.
    """
    known = [*store.deck_ids(), *(name for name, _ in bundled_decks())]
    error = unknown_names("deck", deck_ids, known)
    if error is not None:
        raise error


def date_option(text: str) -> PartialDate:
    """An argparse type for dates, read as answers are: ``2024-01-15``, ``January 15 2024``,
    ``15 Jan 2024``, ``Jan 2024``, ``2024``.

    Raises:
        argparse.ArgumentTypeError: With what forms are accepted.
    """
    from quizlib.grading.dates import parse_date_answer

    try:
        return parse_date_answer(text)
    except AnswerError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: {exc}") from None


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""
    import json

    import yaml

    plain = " ".join(text.split())
    try:
        same = plain == text and yaml.safe_load(text) == text and " #" not in text
    except yaml.YAMLError:
        same = False
    return text if same else json.dumps(text, ensure_ascii=False)
