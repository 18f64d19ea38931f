"""The decisions of ``quizlib review``, shared by the plain line mode and the interactive screen.

A :class:`Reviewer` walks the facts still marked ``review: true``, describes each with the
questions it would make and what the question lint finds in them, and carries out one
command at a time on the draft file (every command that changes the deck saves it before
returning).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from quizlib.deckfile.lint import lint_deck
from quizlib.draft.reviewedit import DraftFile, EditError, fact_fields, scalar_text
from quizlib.errors import DeckError, Problem
from quizlib.model import Deck, Fact, Question
from quizlib.plugins import PluginHost
from quizlib.questionlint.lint import answers_of, find_flaws, lint_questions
from quizlib.study.questions import generate_questions, question_lines

HELP = """\
a accept (remove review: true)   r reject (remove the entry)   s skip
e FIELD [VALUE]  edit a field (asks for the value when not given; empty keeps it)
p SPEAKER        set a quote's speaker (an actor's id, name or alias)
m FROM INTO      merge actor FROM into INTO (references rewritten, FROM removed)
o                open the entry in $EDITOR (interactive)
u undo the last change   q quit (everything decided so far is saved)   ? help"""

#: Asks a person for a value; gets the question, the words to complete with and the
#: current value (the screen puts it in the line to edit; plain mode shows it).
Ask = Callable[[str, list[str], str], str]


class Quit(Exception):
    """The person asked to stop."""


@dataclass
class Reviewer:
    """Walks the pending candidates of one draft.

    Attributes:
        draft: The file under review.
        host: The loaded plugins (sections and question types).
        skipped: Keys of candidates skipped in this run (they come back next run).
        decided: How many candidates were decided in this run.
        total: Candidates pending when the run started.
        articles: The paragraphs of each source's article, by source id, when known.
    """

    draft: DraftFile
    host: PluginHost
    skipped: set[str] = field(default_factory=set)
    decided: int = 0
    total: int = 0
    undo_log: list[tuple[int, set[str]]] = field(default_factory=list)
    articles: dict[str, list[str]] = field(default_factory=dict)
    _others: tuple[Deck, list[Question]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.total = len(self.draft.pending())

    def current(self) -> Fact | None:
        """The first pending candidate not skipped, or None when all are decided or skipped."""
        return next((f for f in self.draft.pending() if f.key not in self.skipped), None)

    def progress(self) -> str:
        """ "3 of 12": the place of the current candidate among those pending at the start."""
        return f"{min(self.decided + len(self.skipped) + 1, max(self.total, 1))} of {self.total}"

    def describe(self, fact: Fact) -> list[str]:
        """The candidate: section and id, its fields, sentence (note), paragraph (sources)."""
        lines = [f"{fact.section}/{fact.id}   (line {fact.line}, {self.progress()})"]
        for key, value in fact.data.items():
            if key == "speaker" and value in self.draft.current.actors:
                value = f"{value} ({self.draft.current.actors[value].describe()})"
            lines.append(f"  {key}: {value}")
        if fact.note:
            lines.append(f"  sentence: {fact.note}")
        if fact.sources:
            lines.append(f"  paragraph: {', '.join(map(str, fact.sources))}")
        for citation in fact.sources:
            found = re.fullmatch(r"p(\d+)", citation.location)
            paragraphs = self.articles.get(citation.source, [])
            if found and 0 < int(found[1]) <= len(paragraphs):
                lines.append(f"  {citation}: {paragraphs[int(found[1]) - 1]}")
        return lines

    def questions(self, fact: Fact) -> list[str]:
        """The questions the installed question types would make of this one fact, with answers."""
        deck = self.draft.current
        made: list[Question] = []
        errors: list[str] = []
        for qt in self.host.types_for(fact.section):
            # Through the host: a plugin that raises, loops, prints or makes junk is contained
            # (and its fault shown here) as in study, never ends or hangs the review.
            questions, problems = self.host.generate(qt, fact, deck, random.Random(0))
            made.extend(questions)
            errors.extend(f"  ({problem})" for problem in problems)
        if not made:
            return ["  (no question from this entry)", *errors]
        known = answers_of(made, self.host)
        lines: list[str] = []
        for q in made:
            lines += question_lines(q, known.get(q.id), answers=True)
        return lines + errors + self.flaws(fact, made)

    def flaws(self, fact: Fact, made: list[Question]) -> list[str]:
        """What ``check --strict``'s question lint finds in these questions of ``fact``, read
        beside every other question of the draft (an answer shows through another question)."""
        deck = self.draft.current
        if self._others is None or self._others[0] is not deck:  # generated again after a change
            self._others = (deck, generate_questions(deck, self.host, random.Random(0)).questions)
        others = [q for q in self._others[1] if q.fact.key != fact.key]
        found = find_flaws(deck, [*made, *others], self.host)
        return [
            f"  ! {f.question.type}: {f.kind}: {f.detail}" for f in found if f.question.fact.key == fact.key
        ]

    def _decided(self, key: str) -> None:
        self.decided += 1
        self.skipped.discard(key)

    def do(self, command: str, ask: Ask, edit_entry: Callable[[str], str | None] | None = None) -> str:
        """Carry out one command on the current candidate; returns what to tell the person.

        Raises:
            Quit: On ``q``.
            EditError: When the edit would make the deck invalid (nothing is saved then).
        """
        # Every saved change gets the progress counters it replaced, so that undo puts the
        # progress back together with the text.
        counters = (self.decided, set(self.skipped))
        saved = len(self.draft.history)
        try:
            return self._do(command, ask, edit_entry)
        finally:
            if len(self.draft.history) > saved:
                self.undo_log.append(counters)

    def _do(self, command: str, ask: Ask, edit_entry: Callable[[str], str | None] | None) -> str:
        fact = self.current()
        words = command.strip().split(maxsplit=1)
        verb, rest = (words[0].lower(), words[1] if len(words) > 1 else "") if words else ("", "")
        if not verb:
            return ""
        if verb in ("q", "quit"):
            raise Quit
        if verb in ("?", "h", "help"):
            return HELP
        if verb in ("u", "undo"):
            if not self.draft.undo():
                return "nothing to undo"
            if self.undo_log:
                self.decided, self.skipped = self.undo_log.pop()
            return "undone"
        if verb in ("m", "merge"):
            return self._merge(rest, ask)
        if fact is None:
            return "nothing left to review"
        if verb in ("a", "accept"):
            self.draft.accept(fact.section, fact.id)
            self._decided(fact.key)
            return f"accepted {fact.key}"
        if verb in ("r", "reject"):
            self.draft.reject(fact.section, fact.id)
            self._decided(fact.key)
            return f"rejected {fact.key}"
        if verb in ("s", "skip"):
            self.skipped.add(fact.key)
            return f"skipped {fact.key}"
        if verb in ("e", "edit"):
            return self._edit(fact, rest, ask)
        if verb in ("p", "speaker"):
            return self._speaker(fact, rest, ask)
        if verb in ("o", "open"):
            if edit_entry is None:
                return "no editor: set EDITOR, or edit fields with e FIELD"
            edited = edit_entry(self.draft.entry_text(fact.section, fact.id))
            if edited is None:
                return "unchanged"
            self.draft.replace_entry(fact.section, fact.id, edited)
            return f"edited {fact.key}"
        return f"unknown command {verb!r}; ? for help"

    def _edit(self, fact: Fact, rest: str, ask: Ask) -> str:
        name, _, value = rest.strip().partition(" ")
        fields = fact_fields(self.host.sections[fact.section])
        if not name:
            name = ask("field: ", fields, "").strip()
        if name not in fields:
            return f"no field {name!r} here; fields: {', '.join(fields)}"
        if not value:
            words = self.actor_words() if name == "speaker" else []
            value = ask(f"{name}: ", words, current_text(fact, name))
        if not value.strip():
            return "unchanged"
        typed = scalar_text(value.strip())
        if name == "speaker" and isinstance(typed, str):
            typed = self.draft.actor_id(typed) or typed
        self.draft.set_field(fact.section, fact.id, name, typed)
        return f"{fact.key}: {name} set"

    def _speaker(self, fact: Fact, rest: str, ask: Ask) -> str:
        if "speaker" not in self.host.sections[fact.section].fields:
            return f"{fact.section} have no speaker"
        name = rest.strip() or ask("speaker: ", self.actor_words(), "").strip()
        if not name:
            return "unchanged"
        actor = self.draft.actor_id(name)
        if actor is None:
            return f"no actor {name!r}; known: {', '.join(self.draft.current.actors)}"
        self.draft.set_field(fact.section, fact.id, "speaker", actor)
        return f"{fact.key}: speaker {actor}"

    def _merge(self, rest: str, ask: Ask) -> str:
        names = rest.split()
        if len(names) < 1:
            names.append(ask("merge actor: ", self.actor_words(), "").strip())
        if len(names) < 2:
            names.append(ask(f"into actor (instead of {names[0]}): ", self.actor_words(), "").strip())
        if len(names) != 2 or not all(names):
            return "merge needs two actors: m FROM INTO (ids; names with spaces: ask one at a time)"
        old, new = self.draft.actor_id(names[0]), self.draft.actor_id(names[1])
        for given, found in zip(names, (old, new), strict=True):
            if found is None:
                return f"no actor {given!r}"
        assert old is not None and new is not None
        changed = self.draft.merge_actors(old, new)
        return f"merged {old} into {new} ({changed} references)"

    def actor_words(self) -> list[str]:
        """Actor ids, names and aliases, for completion."""
        words: list[str] = []
        for actor in self.draft.current.actors.values():
            words += [actor.id, actor.name, *actor.aliases]
        return list(dict.fromkeys(words))

    def final_check(self) -> list[Problem]:
        """What ``check --strict`` would still report: deck lint and question lint warnings."""
        deck = self.draft.current
        generated = generate_questions(deck, self.host, random.Random(0))
        problems = [
            *lint_deck(deck, self.host.sections),
            *lint_questions(deck, generated.questions, self.host),
        ]
        # A question type's failure, at the line of the fact it failed on (the message's own
        # "DECK: " is the problem's path already).
        path, named = deck.path or str(self.draft.path), f"{deck.path or deck.id}: "
        problems += [
            Problem(path, fact.line, 1 if fact.line else 0, error.removeprefix(named))
            for fact, error in generated.failures
        ]
        return sorted(problems, key=lambda p: (p.line, p.column, p.message))


def current_text(fact: Fact, name: str) -> str:
    """A field's value as a person would type it (lists in YAML's flow style)."""
    common = {"note": fact.note, "tags": list(fact.tags), "sources": [str(c) for c in fact.sources]}
    value: object = common.get(name, fact.data.get(name, ""))
    if isinstance(value, list):
        if not value:
            return ""
        return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000).strip()
    return "" if value is None else str(value)


def refused(exc: DeckError) -> str:
    """An edit that was refused, with where the deck would have broken."""
    kind = "refused" if isinstance(exc, EditError) else "error"
    return f"{kind}, nothing saved:\n" + "\n".join(f"  {p}" for p in exc.problems)
