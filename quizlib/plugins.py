"""Finding, loading and isolating plugins; a typed facade over the pluggy hooks.

Plugins come from four places only: quizlib's default plugins (:data:`DEFAULT_PLUGINS`),
the built-in question types (the ``quizlib_plugins`` package, shipped from ``plugins/``),
installed distributions that declare an entry point in the ``quizlib`` group, and ``*.py``
files in directories the user names (``--plugins-dir``, ``QUIZLIB_PLUGINS_DIR``). Nothing
is loaded from a deck or from the current directory.

Every call into a plugin goes through :class:`PluginHost`, which contains its faults
(see :mod:`quizlib.plugin_guard`): a broken plugin is reported and skipped, never the end
of a command or of a study session.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

import pluggy

from quizlib import hookspecs
from quizlib.deckfile import sections
from quizlib.deckfile.load import SectionTable
from quizlib.digests import short_digest
from quizlib.errors import AnswerError, GradingError
from quizlib.model import Deck, Fact, Grade, Question, QuestionType, Rating
from quizlib.plugin_contract import grade_problem, question_problem
from quizlib.plugin_guard import (
    Outcome,
    PluginTimeout,
    describe,
    guarded,
    printed_summary,
    time_limit,
    watch_interrupts,
)
from quizlib.plugin_loading import BUILTIN_PACKAGE as BUILTIN_PACKAGE  # public names, kept here
from quizlib.plugin_loading import ENTRY_POINT_GROUP as ENTRY_POINT_GROUP
from quizlib.plugin_loading import (
    Loader,
    PluginManager,
    builtin_modules,
    env_list,
    identity,
)
from quizlib.plugin_loading import LoadError as LoadError
from quizlib.plugin_loading import PluginInfo as PluginInfo
from quizlib.plugin_registry import collect, hook_calls
from quizlib.srs.rating import suggested_rating

#: Modules of quizlib itself registered as plugins, under these names, before the built-in
#: question types (datasette's pattern); they cannot be disabled.
DEFAULT_PLUGINS: dict[str, str] = {sections.PLUGIN_NAME: sections.__name__}
#: The name of the default plugin declaring the sections of the deck format.
DEFAULT_PLUGIN = sections.PLUGIN_NAME

T = TypeVar("T")


class PluginHost:
    """The loaded plugins: merged sections, question types, what went wrong, and a facade
    that calls plugin code with its faults contained. Build it with :func:`load_plugins`.

    A plain class, not a dataclass: a live object compared by identity, and every command
    creates it, so the generated methods would only cost start-up time.

    Attributes:
        pm: The pluggy plugin manager.
        raise_errors: Re-raise plugin exceptions instead of reporting them.
        time_limit: Seconds a call into a plugin's hooks or question types may run (None:
            no limit); importing a plugin is not limited.
        timed_out: Plugins a call of which ran out of time, with that timeout.
        infos: What each loaded plugin registered, for ``quizlib plugins``.
        errors: Plugins that failed to load or misbehaved.
        sections: The merged sections.
        question_types: The question types by name.
        candidates: Every plugin name seen while loading, disabled or not.
        disabled: Plugins not loaded because they were disabled.
        unmatched_disabled: Names to disable that matched no plugin (typos in
            ``QUIZLIB_DISABLE_PLUGINS``).
        warnings: Warnings about plugins misbehaving while in use, each once, in order.
        on_warning: Called with each new warning (commands print it on stderr).
        type_owners: The plugin that registered each question type.
        field_owners: The plugin that registered each (section, field).
        origins: Where each plugin comes from: (origin, location), for error reports.
        stamps: One line per loaded plugin: name, origin, location, version, file size and mtime.
    """

    on_warning: Callable[[str], None] | None = None

    def __init__(
        self, pm: pluggy.PluginManager, raise_errors: bool = False, time_limit: float | None = None
    ) -> None:
        self.pm = pm
        self.raise_errors = raise_errors
        self.time_limit = time_limit
        self.timed_out: dict[str, PluginTimeout] = {}
        self.infos: dict[str, PluginInfo] = {}
        self.errors: list[LoadError] = []
        self.sections = SectionTable()
        self.question_types: dict[str, QuestionType] = {}
        self.candidates: set[str] = set()
        self.disabled: list[str] = []
        self.unmatched_disabled: list[str] = []
        self.warnings: list[str] = []
        self.type_owners: dict[str, str] = {}
        self.field_owners: dict[tuple[str, str], str] = {}
        self.origins: dict[str, tuple[str, str]] = {}
        self.stamps: list[str] = []

    # -- reporting ------------------------------------------------------------------
    def fail(self, plugin: str, reason: str, exc: BaseException | None = None) -> None:
        """Record a plugin problem, or re-raise it when plugin errors should surface."""
        if self.raise_errors and exc is not None:
            raise exc
        origin, location = self.origins.get(plugin, ("?", ""))
        self.errors.append(LoadError(plugin, origin, reason, location))

    def warn(self, message: str) -> None:
        """Report a plugin's misbehaviour in use, once per distinct message."""
        if message in self.warnings:
            return
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)

    def guard(self, plugin: str, call: Callable[[], T], *, timed: bool = True) -> Outcome[T]:
        """Run plugin code with its faults contained (:func:`quizlib.plugin_guard.guarded`).

        What it printed is reported as a warning rather than mixed into the output; its
        exception is returned, or re-raised with ``raise_errors``. A ``timed`` call runs
        for at most ``time_limit`` seconds; once one has run out, the plugin's later timed
        calls are not made (an endless loop costs one wait per command, not one per fact).
        """
        if timed and plugin in self.timed_out:
            return Outcome(None, PluginTimeout(self.timed_out[plugin].limit, earlier=True))
        outcome = guarded(call, self.time_limit if timed else None)
        if isinstance(outcome.error, PluginTimeout):
            self.timed_out[plugin] = outcome.error
        if outcome.printed and outcome.printed.strip():
            self.warn(
                f"plugin {plugin!r} printed to standard output (not shown there): "
                f"{printed_summary(outcome.printed)}"
            )
        if outcome.error is not None and self.raise_errors:
            raise outcome.error
        return outcome

    def note(
        self,
        plugin: str,
        *,
        sections: tuple[str, ...] | None = None,
        question_types: tuple[str, ...] | None = None,
    ) -> None:
        """Record what a plugin registered, for ``quizlib plugins``."""
        info = self.infos.get(plugin)
        if info is not None:
            self.infos[plugin] = info._replace(
                sections=info.sections if sections is None else sections,
                question_types=info.question_types if question_types is None else question_types,
            )

    @property
    def fingerprint(self) -> str:
        """Identifies the loaded plugins and their versions (files' size and mtime)."""
        return short_digest("\n".join(self.stamps).encode())

    # -- the facade -----------------------------------------------------------------
    def types_for(self, section: str) -> list[QuestionType]:
        """The question types that read a section, by name."""
        return [qt for name, qt in sorted(self.question_types.items()) if qt.section == section]

    def generate(
        self, qt: QuestionType, fact: Fact, deck: Deck, rng: Any
    ) -> tuple[list[Question], list[str]]:
        """The valid questions a question type makes of one fact, and the problems found.

        Each problem (the type raised, or made something that is not a valid question)
        is also a warning; the other questions of the fact are kept.
        """
        outcome = self.guard(
            self.type_owners.get(qt.name, qt.name), lambda: list(qt.generate(fact, deck, rng))
        )
        if outcome.error is not None:
            problem = f"{_where(deck, qt)} failed on {fact.key}: {describe(outcome.error)} (skipped)"
            self.warn(problem)
            return [], [problem]
        made, problems = [], []
        for q in outcome.value or ():
            wrong = question_problem(q, qt.name, fact.key)
            if not wrong:
                made.append(q)
                continue
            problems.append(f"{_where(deck, qt)} on {fact.key}: {wrong} (skipped)")
            self.warn(problems[-1])
        return made, problems

    def grade(self, question: Question, response: Any) -> Grade:
        """Grade a response with the question's type.

        Raises:
            AnswerError: The response is malformed (ask again).
            GradingError: The question type is missing, raised, or returned no valid grade.
        """
        qt = self.question_types.get(question.type)
        if qt is None:
            raise GradingError(f"question type {question.type!r} is not loaded")
        outcome = self.guard(self.type_owners.get(qt.name, qt.name), lambda: qt.grade(question, response))
        if isinstance(outcome.error, AnswerError):
            raise outcome.error
        if outcome.error is not None:
            raise GradingError(f"question type {question.type!r} failed to grade: {describe(outcome.error)}")
        wrong = grade_problem(outcome.value)
        if wrong:
            raise GradingError(f"question type {question.type!r} returned an invalid grade: {wrong}")
        return cast(Grade, outcome.value)  # grade_problem checked it

    def suggest_rating(self, question: Question, grade: Grade, *, attempted: bool = False) -> Rating:
        """The rating to suggest for a graded answer (a plugin may override the policy).

        A plugin whose suggestion raises or is not a rating is skipped with a warning.
        ``attempted`` says the learner typed an answer to a self-rated card
        (see :func:`quizlib.srs.rating.default_rating`; partial credit is judged above the
        prompt's guessing floor).
        """
        for plugin, function in hook_calls(self, "suggest_rating"):
            outcome = self.guard(plugin, functools.partial(function, question=question, grade=grade))
            if outcome.error is not None:
                self.warn(f"plugin {plugin!r}: suggest_rating failed: {describe(outcome.error)} (ignored)")
                continue
            if outcome.value is None:
                continue
            try:
                return Rating(outcome.value)
            except (ValueError, TypeError):
                self.warn(f"plugin {plugin!r}: suggest_rating returned {outcome.value!r}, not a rating 1-4")
        return suggested_rating(question, grade, attempted=attempted)


def _where(deck: Deck, qt: QuestionType) -> str:
    return f"{deck.path or deck.id}: question type {qt.name!r}"


def load_plugins(
    *,
    plugins_dirs: Sequence[str | os.PathLike[str]] = (),
    disabled: Iterable[str] = (),
    builtins: bool = True,
    entry_points: bool = True,
    extra: Mapping[str, object] | None = None,
    raise_errors: bool = False,
    environ: Mapping[str, str] | None = None,
) -> PluginHost:
    """Load plugins and collect what they register.

    Args:
        plugins_dirs: Directories whose ``*.py`` files are loaded as plugins (in addition
            to those named by ``QUIZLIB_PLUGINS_DIR``).
        disabled: Plugin names not to load (in addition to ``QUIZLIB_DISABLE_PLUGINS``).
        builtins: Load the built-in question types.
        entry_points: Load installed plugins from the ``quizlib`` entry-point group.
        extra: Plugin objects to register by name (tests, embedding applications).
        raise_errors: Re-raise plugin exceptions instead of reporting and skipping them
            (also set by ``QUIZLIB_RAISE_PLUGIN_ERRORS=1``).
        environ: The environment to read (default ``os.environ``).

    Returns:
        A :class:`PluginHost` with the merged sections and question types.
    """
    env = os.environ if environ is None else environ
    watch_interrupts()
    pm = PluginManager("quizlib")
    pm.add_hookspecs(hookspecs)
    host = PluginHost(
        pm,
        raise_errors=raise_errors or env.get("QUIZLIB_RAISE_PLUGIN_ERRORS") == "1",
        time_limit=time_limit(env),
    )
    loader = Loader(host, set(disabled) | set(env_list(env.get("QUIZLIB_DISABLE_PLUGINS"), ",")))
    if builtins:
        # The deck format's own sections come first (a question type may extend them).
        for name, module in DEFAULT_PLUGINS.items():
            load = functools.partial(importlib.import_module, module)
            loader.add(name, "built-in", module, "", load, fixed=True)
        for module in builtin_modules():
            short = module.rsplit(".", 1)[1]
            loader.add(short, "built-in", module, "", functools.partial(importlib.import_module, module))
    if entry_points:
        loader.entry_points()
    loader.files([*map(str, plugins_dirs), *env_list(env.get("QUIZLIB_PLUGINS_DIR"), os.pathsep)])
    for name, obj in sorted((extra or {}).items()):
        loader.add(name, "registered", type(obj).__name__, "", functools.partial(identity, obj))
    host.unmatched_disabled = sorted(loader.blocked - host.candidates)
    collect(host)
    host.sections = SectionTable(
        host.sections, plugins_key=host.fingerprint, missing_hint=_missing_hint(host)
    )
    return host


def _missing_hint(host: PluginHost) -> str:
    """How to get back the plugin of a section no loaded plugin declares."""
    if host.disabled:
        names = ", ".join(sorted(set(host.disabled)))
        return f"; disabled plugins: {names} (remove its name from QUIZLIB_DISABLE_PLUGINS to enable it)"
    return "; install the plugin that declares it, or name its directory with --plugins-dir"


#: The name :func:`load_plugins` had before; kept because it is public API.
get_plugin_manager = load_plugins
