"""Shell completion through argcomplete (the optional ``completion`` extra).

The parser's arguments carry ``completer`` attributes that argcomplete calls while a
person presses Tab: deck names and deck files, the tags of the decks named so far, the
installed question types, the deck ids in the review database. Without argcomplete the
attributes are unused and cost nothing; nothing here is imported on a normal run.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from quizlib.errors import QuizError

Completer = Callable[..., Iterable[str]]
SHELLS = ("bash", "zsh", "fish")
PROGRAM = "quizlib"


def deck_names(prefix: str, **_: Any) -> list[str]:
    """Bundled deck names and ``*.yaml`` files matching what is typed."""
    from quizlib.deckfile.load import bundled_decks

    names = [name for name, _ in bundled_decks()]
    folder = Path(os.path.dirname(prefix) or ".")
    try:
        files = [
            str(p) if folder != Path(".") else p.name
            for p in folder.iterdir()
            if p.suffix in (".yaml", ".yml") or p.is_dir()
        ]
    except OSError:
        files = []
    return [n for n in [*names, *files] if n.startswith(prefix)]


def tags(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """The tags of the decks named on the line so far (the default deck when none)."""
    from quizlib.commands.common import load_decks
    from quizlib.commands.study import DEFAULT_DECK
    from quizlib.plugins import get_plugin_manager

    try:
        decks = load_decks(getattr(parsed_args, "decks", None) or [DEFAULT_DECK], get_plugin_manager())
    except QuizError:
        return []
    found = {tag for deck in decks for fact in deck.all_facts() for tag in fact.tags}
    return sorted(t for t in found if t.startswith(prefix))


def question_types(prefix: str, **_: Any) -> list[str]:
    """The installed question types."""
    from quizlib.plugins import get_plugin_manager

    return sorted(t for t in get_plugin_manager().question_types if t.startswith(prefix))


def deck_ids(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """Deck ids in the review database (never creating one) and the bundled deck names."""
    from quizlib.deckfile.load import bundled_decks
    from quizlib.store.store import Store

    known = {name for name, _ in bundled_decks()}
    try:
        with Store.open(getattr(parsed_args, "db", None), create=False) as store:
            known.update(store.deck_ids())
    except QuizError:
        pass
    return sorted(d for d in known if d.startswith(prefix))


def attach(action: argparse.Action, completer: Completer) -> argparse.Action:
    """Give an argument a completer (argcomplete reads the ``completer`` attribute)."""
    action.completer = completer  # type: ignore[attr-defined]
    return action


def autocomplete(parser: argparse.ArgumentParser) -> None:
    """Answer a completion request from the shell, if this run is one; else do nothing.

    argcomplete marks a completion run with ``_ARGCOMPLETE`` in the environment; it then
    prints the candidates and exits.
    """
    if "_ARGCOMPLETE" not in os.environ:
        return
    try:
        import argcomplete
    except ImportError:
        return
    argcomplete.autocomplete(parser)


def shell_script(shell: str) -> str:
    """The script that makes ``shell`` complete ``quizlib`` commands and arguments.

    Raises:
        QuizError: When argcomplete (the ``completion`` extra) is not installed.
    """
    try:
        from argcomplete.shell_integration import shellcode
    except ImportError:
        raise QuizError("shell completion needs argcomplete: pip install 'quizlib[completion]'") from None
    return str(shellcode([PROGRAM], shell=shell))
