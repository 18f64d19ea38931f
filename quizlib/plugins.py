"""Finding, loading and isolating plugins; a typed facade over the pluggy hooks.

Plugins come from three places only: the built-in question types (the
``quizlib_plugins`` package, shipped from ``plugins/``), installed distributions that
declare an entry point in the ``quizlib`` group, and ``*.py`` files in directories the
user names (``--plugins-dir``, ``QUIZLIB_PLUGINS_DIR``). Nothing is loaded from a deck
or from the current directory.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import pkgutil
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from quizlib import hookspecs, plugin_cache
from quizlib.errors import PluginError
from quizlib.model import Field, FieldKind, Grade, Question, QuestionType, Rating, Section
from quizlib.srs.rating import default_rating

ENTRY_POINT_GROUP = "quizlib"
BUILTIN_PACKAGE = "quizlib_plugins"


@dataclass(frozen=True)
class PluginInfo:
    """What ``quizlib plugins`` tells about one plugin."""

    name: str
    origin: str  # "built-in", "entry point" or "plugins dir"
    location: str  # module name, distribution name, or file path
    version: str = ""
    sections: tuple[str, ...] = ()
    question_types: tuple[str, ...] = ()
    hooks: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoadError:
    """A plugin that failed to load or misbehaved, and why."""

    plugin: str
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r} ({self.origin}): {self.reason}"


@dataclass
class PluginHost:
    """The loaded plugins: merged sections, question types, and what went wrong.

    Build it with :func:`get_plugin_manager`.
    """

    pm: pluggy.PluginManager
    raise_errors: bool = False
    infos: dict[str, PluginInfo] = field(default_factory=dict)
    errors: list[LoadError] = field(default_factory=list)
    sections: dict[str, Section] = field(default_factory=dict)
    question_types: dict[str, QuestionType] = field(default_factory=dict)
    #: Every plugin name seen while loading, disabled or not.
    candidates: set[str] = field(default_factory=set)
    #: Names to disable that matched no plugin (typos in ``QUIZLIB_DISABLE_PLUGINS``).
    unmatched_disabled: list[str] = field(default_factory=list)
    _origins: dict[str, str] = field(default_factory=dict)

    def fail(self, plugin: str, reason: str, exc: BaseException | None = None) -> None:
        """Record a plugin problem, or re-raise it when plugin errors should surface."""
        if self.raise_errors and exc is not None:
            raise exc
        self.errors.append(LoadError(plugin, self._origins.get(plugin, "?"), reason))

    def types_for(self, section: str) -> list[QuestionType]:
        """The question types that read a section, by name."""
        return [qt for name, qt in sorted(self.question_types.items()) if qt.section == section]

    def suggest_rating(self, question: Question, grade: Grade, *, attempted: bool = False) -> Rating:
        """The rating to suggest for a graded answer (a plugin may override the policy).

        ``attempted`` says the learner typed an answer to a self-rated card
        (see :func:`quizlib.srs.rating.default_rating`).
        """
        try:
            result = self.pm.hook.suggest_rating(question=question, grade=grade)
        except Exception as exc:  # a broken policy plugin must not stop a session
            self.fail("suggest_rating", f"raised {type(exc).__name__}: {exc}", exc)
            result = None
        if result is None:
            return default_rating(grade, attempted=attempted)
        try:
            return Rating(result)
        except ValueError:
            self.fail("suggest_rating", f"returned {result!r}, not a rating 1-4")
            return default_rating(grade, attempted=attempted)


def _env_list(value: str | None, sep: str) -> list[str]:
    return [part.strip() for part in (value or "").split(sep) if part.strip()]


def _builtin_modules() -> list[str]:
    try:
        package = importlib.import_module(BUILTIN_PACKAGE)
    except ImportError:
        return []
    return sorted(
        f"{BUILTIN_PACKAGE}.{m.name}"
        for m in pkgutil.iter_modules(package.__path__)
        if not m.name.startswith("_")
    )


def _load_file(path: Path) -> ModuleType:
    name = f"quizlib_local_plugins.{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def get_plugin_manager(
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
    pm = pluggy.PluginManager("quizlib")
    pm.add_hookspecs(hookspecs)
    host = PluginHost(pm, raise_errors=raise_errors or env.get("QUIZLIB_RAISE_PLUGIN_ERRORS") == "1")
    blocked = set(disabled) | set(_env_list(env.get("QUIZLIB_DISABLE_PLUGINS"), ","))

    def add(name: str, origin: str, location: str, version: str, load: Callable[[], object]) -> None:
        host.candidates.add(name)
        if name in blocked:
            return
        if name in host.infos:
            host._origins.setdefault(name, origin)
            host.fail(name, f"a plugin named {name!r} is already loaded from {host.infos[name].location}")
            return
        host._origins[name] = origin
        try:
            plugin = load()
            pm.register(plugin, name=name)
        except Exception as exc:
            host.fail(name, f"failed to load: {type(exc).__name__}: {exc}", exc)
            return
        hooks = tuple(sorted(h.name for h in pm.get_hookcallers(plugin) or ()))
        host.infos[name] = PluginInfo(name, origin, location, version, hooks=hooks)

    if builtins:
        for module in _builtin_modules():
            short = module.rsplit(".", 1)[1]
            add(short, "built-in", module, "", functools.partial(importlib.import_module, module))
    if entry_points:
        for ep in plugin_cache.entry_points(ENTRY_POINT_GROUP, plugin_cache.default_cache_dir()):
            where = f"{ep.dist} {ep.version}" if ep.dist else ep.value
            add(ep.name, "entry point", where, ep.version, ep.load)
    dirs = [*map(str, plugins_dirs), *_env_list(env.get("QUIZLIB_PLUGINS_DIR"), os.pathsep)]
    for directory in dirs:
        folder = Path(directory)
        if not folder.is_dir():
            host._origins[str(folder)] = "plugins dir"
            host.fail(str(folder), "plugins directory does not exist")
            continue
        for path in sorted(folder.glob("*.py")):
            if not path.name.startswith("_"):
                add(path.stem, "plugins dir", str(path), "", functools.partial(_load_file, path))
    for name, obj in (extra or {}).items():
        add(name, "registered", type(obj).__name__, "", functools.partial(_identity, obj))
    host.unmatched_disabled = sorted(blocked - host.candidates)
    _collect(host)
    return host


def _calls(host: PluginHost, hook_name: str) -> list[tuple[str, Callable[..., Any]]]:
    caller = getattr(host.pm.hook, hook_name)
    impls = [(impl.plugin_name, impl.function) for impl in caller.get_hookimpls()]
    # Sorted by plugin name so that results never depend on registration order.
    return sorted(impls, key=lambda pair: pair[0])


def _collect(host: PluginHost) -> None:
    owners: dict[tuple[str, str], str] = {}
    for plugin, function in _calls(host, "register_sections"):
        found: list[Section] = []
        try:
            function(register=found.append)
            for section in found:
                if not isinstance(section, Section):
                    raise PluginError(f"register_sections registered {section!r}, not a Section")
        except Exception as exc:
            host.fail(plugin, f"register_sections raised {type(exc).__name__}: {exc}", exc)
            continue
        for section in found:
            _merge_section(host, plugin, section, owners)
        _note(host, plugin, sections=tuple(s.name for s in found))
    type_owner: dict[str, str] = {}
    clashes: set[str] = set()
    for plugin, function in _calls(host, "register_question_types"):
        registered: list[QuestionType] = []
        try:
            function(register=registered.append)
            for qt in registered:
                _check_question_type(qt)
        except Exception as exc:
            host.fail(plugin, f"register_question_types raised {type(exc).__name__}: {exc}", exc)
            continue
        for qt in registered:
            if qt.name in type_owner:
                host.fail(
                    plugin,
                    f"question type {qt.name!r} is registered by both {type_owner[qt.name]!r} and {plugin!r}",
                )
                clashes.add(qt.name)
                continue
            type_owner[qt.name] = plugin
            host.question_types[qt.name] = qt
        _note(host, plugin, question_types=tuple(qt.name for qt in registered))
    for name in clashes:  # neither plugin wins silently
        host.question_types.pop(name, None)
    for name, qt in list(host.question_types.items()):
        if qt.section not in host.sections and qt.section not in ("sources", "actors"):
            host.fail(
                type_owner[name],
                f"question type {name!r} reads section {qt.section!r}, which no plugin declares",
            )
            del host.question_types[name]


def _check_question_type(qt: object) -> None:
    for attr in ("name", "section", "description"):
        if not isinstance(getattr(qt, attr, None), str):
            raise PluginError(f"{qt!r} has no string attribute {attr!r}")
    for method in ("generate", "grade"):
        if not callable(getattr(qt, method, None)):
            raise PluginError(f"{qt!r} has no method {method}()")


def _identity(obj: object) -> object:
    return obj


def _note(
    host: PluginHost,
    plugin: str,
    *,
    sections: tuple[str, ...] | None = None,
    question_types: tuple[str, ...] | None = None,
) -> None:
    info = host.infos.get(plugin)
    if info is not None:
        host.infos[plugin] = replace(
            info,
            sections=info.sections if sections is None else sections,
            question_types=info.question_types if question_types is None else question_types,
        )


def _merge_section(host: PluginHost, plugin: str, new: Section, owners: dict[tuple[str, str], str]) -> None:
    old = host.sections.get(new.name)
    if old is None:
        host.sections[new.name] = new
        for fname in new.fields:
            owners[(new.name, fname)] = plugin
        return
    fields: dict[str, Field] = dict(old.fields)
    for fname, spec in new.fields.items():
        prior = fields.get(fname)
        if prior is None:
            fields[fname] = spec
            owners[(new.name, fname)] = plugin
        elif prior.kind is FieldKind.ENUM and spec.kind is FieldKind.ENUM:
            merged = prior.values + tuple(v for v in spec.values if v not in prior.values)
            fields[fname] = replace(prior, values=merged)
        elif prior != spec:
            first = owners.get((new.name, fname), "?")
            host.fail(plugin, f"field {new.name}.{fname} is declared differently by {first!r} and {plugin!r}")
    checks = [c for c in (old.check, new.check) if c is not None]

    def check_all(entry: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
        for check in checks:
            yield from check(entry)

    host.sections[new.name] = Section(
        name=new.name,
        fields=fields,
        description=old.description or new.description,
        settings={**old.settings, **new.settings},
        check=check_all if checks else None,
    )
