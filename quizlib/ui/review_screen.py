"""The interactive screen of ``quizlib review``: the candidate, its questions, a command prompt.

The screen is redrawn for each candidate; the prompt completes commands, field names and
actor names. On an empty prompt the one-letter decisions (a, r, s, u, q) act at once, as
keys; longer commands (``e FIELD``, ``p NAME``, ``m FROM INTO``) are typed and sent with
Enter. Values are asked on a prompt of their own, so a value starting with "a" is never
taken for a key.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.completion import CompleteEvent, Completer, Completion, WordCompleter
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.shortcuts import clear

from quizlib.draft.reviewedit import fact_fields
from quizlib.draft.reviewflow import Quit, Reviewer, refused
from quizlib.errors import DeckError

EXIT_INTERRUPTED = 130


class Finish(Protocol):
    """``quizlib.commands.review.finish``: report the end of a review, return the status."""

    def __call__(self, reviewer: Reviewer, write: Callable[[str], None], *, quit: bool = False) -> int: ...


KEYS = "arsuq"
COMMANDS = ["accept", "reject", "edit", "speaker", "merge", "skip", "open", "undo", "quit", "help"]


class CommandCompleter(Completer):
    """Completes the command word, then its argument: field names after ``e``, actor ids,
    names and aliases after ``p`` (names may hold spaces), actor ids after ``m``."""

    def __init__(self, fields: list[str], actors: list[str], actor_ids: list[str]) -> None:
        self.fields, self.actors, self.actor_ids = fields, actors, actor_ids

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterator[Completion]:
        """The completions of the text before the cursor."""
        text = document.text_before_cursor
        verb, space, rest = text.partition(" ")
        if not space:
            choices, typed = COMMANDS, verb
        elif verb in ("e", "edit"):
            choices, typed = self.fields, rest
        elif verb in ("p", "speaker"):
            choices, typed = self.actors, rest
        elif verb in ("m", "merge"):
            choices, typed = self.actor_ids, rest.rpartition(" ")[2]
        else:
            return
        for choice in choices:
            if choice.casefold().startswith(typed.casefold()):
                yield Completion(choice, start_position=-len(typed))


def edit_in_editor(text: str) -> str | None:
    """Open ``text`` in ``$VISUAL``/``$EDITOR``; the edited text, or None when unchanged or no editor."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        return None
    fd, name = tempfile.mkstemp(prefix="quizlib-entry-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        subprocess.run([*shlex.split(editor), name], check=False)
        edited = Path(name).read_text(encoding="utf-8")
    finally:
        Path(name).unlink(missing_ok=True)
    return None if edited == text else edited


def _section(title: str, lines: list[str]) -> None:
    print_formatted_text(FormattedText([("bold", title)]))
    print_formatted_text("\n".join(lines))


def run_screen(reviewer: Reviewer, finish: Finish, left: Callable[[Reviewer], str]) -> int:
    """Review in a terminal until done, quit (exit 1 unless the deck passes) or Ctrl-C/D (130).

    Args:
        reviewer: The review to drive.
        finish: Reports the end of the review and returns the exit status (the command's,
            shared with plain mode).
        left: "3 candidates left", for the message on an interrupt.
    """
    bindings = KeyBindings()
    session: PromptSession[str] = PromptSession(key_bindings=bindings)
    empty = Condition(lambda: not session.default_buffer.text)

    def immediate(key: str) -> None:
        @bindings.add(key, filter=empty)
        def _(event: KeyPressEvent) -> None:
            event.current_buffer.text = key
            event.current_buffer.validate_and_handle()

    for key in KEYS:
        immediate(key)
    values: PromptSession[str] = PromptSession()

    def ask(question: str, words: list[str], current: str = "") -> str:
        completer = WordCompleter(words, sentence=True, ignore_case=True)
        return values.prompt(question, completer=completer, default=current)

    message = ""
    editor = edit_in_editor if (os.environ.get("VISUAL") or os.environ.get("EDITOR")) else None
    try:
        while (fact := reviewer.current()) is not None:
            clear()
            _section(f"{reviewer.progress()}  {reviewer.draft.path}", reviewer.describe(fact))
            _section("questions", reviewer.questions(fact))
            if message:
                print_formatted_text(FormattedText([("ansicyan", message)]))
            fields = fact_fields(reviewer.host.sections[fact.section])
            actors = reviewer.draft.current.actors
            completer = CommandCompleter(fields, reviewer.actor_words(), list(actors))
            command = session.prompt(
                "review> ",
                completer=completer,
                bottom_toolbar=f" {reviewer.progress()}   a accept  r reject  e FIELD edit  p speaker"
                "  m merge  o editor  s skip  u undo  q quit  ? help",
            )
            try:
                message = reviewer.do(command, ask, editor)
            except DeckError as exc:
                message = refused(exc)
    except Quit:
        return finish(reviewer, print, quit=True)
    except (EOFError, KeyboardInterrupt):
        print(f"\nsaved {reviewer.draft.path}; {left(reviewer)}")
        return EXIT_INTERRUPTED
    clear()
    return finish(reviewer, print)
