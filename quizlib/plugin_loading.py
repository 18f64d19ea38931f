"""Finding plugins and registering them one by one: what ``quizlib plugins`` lists.

Each plugin is imported and registered through the host's guard, so a plugin that raises,
exits or prints while loading is reported and skipped. A name already taken is reported
as the newcomer it is (its own origin and path), never as the plugin loaded first.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import inspect
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import FunctionType, MethodType, ModuleType
from typing import TYPE_CHECKING, NamedTuple

import pluggy

from quizlib import hookspecs, plugin_cache
from quizlib.didyoumean import did_you_mean
from quizlib.errors import PluginError
from quizlib.plugin_guard import describe
from quizlib.plugin_registry import origin_of

if TYPE_CHECKING:
    from quizlib.plugins import PluginHost

ENTRY_POINT_GROUP = "quizlib"
BUILTIN_PACKAGE = "quizlib_plugins"


#: What pluggy can take as a hook implementation: anything else in a module is skipped.
_HOOKABLE = (FunctionType, MethodType, staticmethod, classmethod)
#: Names a module's type defines: pluggy finds these on the type, not in the module's dict.
_MODULE_ATTRS = frozenset(dir(ModuleType))


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, with a quicker look at module plugins.

    Registering asks, for every name a plugin has, whether it is a hook implementation;
    pluggy looks each one up with :func:`inspect.getattr_static` (so that an object's
    properties are never run), which for a module is most of loading the built-in plugins.
    A module's attributes are its ``__dict__`` and its type's built-in methods, so a name
    whose value there is no function is skipped at once, and so is a plain function (the
    module's own helpers, the names it imports) that carries no hook marker: pluggy reads
    the marker as an attribute of the function, which for a function is its ``__dict__``.
    Any other name goes to pluggy as before.
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        """None for a module's attribute that cannot be a hook; else pluggy's answer."""
        if type(plugin) is ModuleType:
            value = plugin.__dict__.get(name)
            if not isinstance(value, _HOOKABLE):
                return None
            if type(value) is FunctionType and name not in _MODULE_ATTRS:
                marks = value.__dict__
                # pluggy also looks for the marker on a __func__ attribute, if there is one
                if self.project_name + "_impl" not in marks and "__func__" not in marks:
                    return None
        return super().parse_hookimpl_opts(plugin, name)


class PluginInfo(NamedTuple):
    """What ``quizlib plugins`` tells about one plugin."""

    name: str
    origin: str  # "default", "built-in", "entry point", "plugins dir" or "registered"
    location: str  # module name, distribution name, or file path
    version: str = ""
    sections: tuple[str, ...] = ()
    question_types: tuple[str, ...] = ()
    hooks: tuple[str, ...] = ()


class LoadError(NamedTuple):
    """A plugin that failed to load or misbehaved, and why."""

    plugin: str
    origin: str
    reason: str
    location: str = ""

    def __str__(self) -> str:
        where = f"{self.origin}: {self.location}" if self.location else self.origin
        return f"plugin {self.plugin!r} ({where}): {self.reason}"


def env_list(value: str | None, sep: str) -> list[str]:
    """The non-blank parts of a separated environment variable."""
    return [part.strip() for part in (value or "").split(sep) if part.strip()]


def builtin_modules() -> list[str]:
    """The modules of the built-in plugins package, by name."""
    try:
        package = importlib.import_module(BUILTIN_PACKAGE)
    except ImportError:
        return []
    names = {name for folder in package.__path__ for name in _module_names(folder)}
    return sorted(f"{BUILTIN_PACKAGE}.{name}" for name in names if not name.startswith("_"))


def _module_names(folder: str) -> list[str]:
    """The modules and packages in a package's folder, as :func:`pkgutil.iter_modules` names
    them (a file with a module suffix, a folder holding an ``__init__`` module), without
    importing pkgutil at every start; a path entry that is no folder (a zip) is left to it."""
    if not os.path.isdir(folder):
        import pkgutil

        return [m.name for m in pkgutil.iter_modules([folder])]
    names = []
    for entry in sorted(os.listdir(folder)):
        name = inspect.getmodulename(entry)
        if name is None and "." not in entry and os.path.isdir(os.path.join(folder, entry)):
            inside = os.listdir(os.path.join(folder, entry))
            name = entry if any(inspect.getmodulename(f) == "__init__" for f in inside) else None
        if name and name != "__init__" and "." not in name:
            names.append(name)
    return names


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


def identity(obj: object) -> object:
    """``obj`` itself: the "load" step of a plugin object registered as it is."""
    return obj


def _stamp(plugin: object) -> str:
    """The size and mtime of the file a plugin's code is in ("" when there is none)."""
    module = plugin if isinstance(plugin, ModuleType) else sys.modules.get(type(plugin).__module__)
    try:
        stat = os.stat(str(getattr(module, "__file__", None)))
    except (OSError, TypeError, ValueError):
        return ""
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _unknown_hooks(pm: pluggy.PluginManager, plugin: object) -> str:
    """Hook implementations that match no hook (misspelt names), with a did-you-mean."""
    known = [name for name in vars(hookspecs) if hasattr(getattr(hookspecs, name), "quizlib_spec")]
    wrong = []
    for caller in pm.get_hookcallers(plugin) or ():
        ours = [i for i in caller.get_hookimpls() if i.plugin is plugin and not i.optionalhook]
        if not caller.has_spec() and ours:
            wrong.append(f"{caller.name!r}{did_you_mean(caller.name, known)}")
    return f"implements unknown hook(s) {', '.join(wrong)}" if wrong else ""


def _signature_problems(pm: pluggy.PluginManager, plugin: object) -> str:
    """Hook implementations asking for arguments their hook does not pass, in one line
    each with the signature to write ("" when none: the failure was something else)."""
    import inspect  # only when a plugin failed to register

    wrong = []
    for attr in sorted(dir(plugin)):
        spec = getattr(getattr(pm.hook, attr, None), "spec", None)
        if spec is None or pm.parse_hookimpl_opts(plugin, attr) is None:
            continue
        try:
            params = inspect.signature(getattr(plugin, attr)).parameters.values()
        except (TypeError, ValueError):
            continue
        positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        asked = [p.name for p in params if p.default is p.empty and p.kind in positional]
        extra = [a for a in asked if a not in spec.argnames]
        if extra:
            wrong.append(
                f"{attr}({', '.join(asked)}) asks for {', '.join(map(repr, extra))}, which the hook "
                f"does not pass; its signature is {attr}({', '.join(spec.argnames)})"
            )
    return "; ".join(wrong)


class Loader:
    """Registers plugins one by one into a host, skipping disabled and clashing names."""

    def __init__(self, host: PluginHost, blocked: set[str]) -> None:
        self.host = host
        self.blocked = blocked

    def add(
        self,
        name: str,
        origin: str,
        location: str,
        version: str,
        load: Callable[[], object],
        *,
        fixed: bool = False,
    ) -> None:
        """Load and register one plugin, or record why not.

        Args:
            name: The plugin's name (what ``QUIZLIB_DISABLE_PLUGINS`` names).
            origin: Where it comes from, e.g. ``plugins dir``.
            location: Its module, distribution or file, for messages.
            version: Its version, when it has one.
            load: Imports it (run guarded: it may raise, exit or print).
            fixed: A default plugin, which cannot be disabled.
        """
        host = self.host
        host.candidates.add(name)
        if name in self.blocked and not fixed:
            host.disabled.append(name)
            return
        if name in host.infos:  # reported as the newcomer it is, not as the plugin loaded first
            first = origin_of(host, name)
            host.errors.append(
                LoadError(name, origin, f"not loaded: its name is taken by {first}; rename it", location)
            )
            return
        host.origins[name] = (origin, location)
        outcome = host.guard(name, load, timed=False)  # importing a large library may take long
        if outcome.error is not None:
            host.fail(name, f"failed to load: {describe(outcome.error)}")
            return
        plugin = outcome.value
        registered = host.guard(name, functools.partial(host.pm.register, plugin, name=name))
        if registered.error is not None:
            why = _signature_problems(host.pm, plugin) or describe(registered.error)
            host.fail(name, f"failed to register: {why}")
            return
        unknown = _unknown_hooks(host.pm, plugin)
        if unknown:
            host.pm.unregister(plugin)
            host.fail(name, unknown, PluginError(unknown))  # the command adds "(skipped)"
            return
        hooks = tuple(sorted(h.name for h in host.pm.get_hookcallers(plugin) or ()))
        host.infos[name] = PluginInfo(name, origin, location, version, hooks=hooks)
        host.stamps.append(f"{name}\t{origin}\t{location}\t{version}\t{_stamp(plugin)}")

    def files(self, dirs: Iterable[str]) -> None:
        """Add the ``*.py`` files of plugins directories (not those starting with ``_``)."""
        for directory in dirs:
            folder = Path(directory)
            if not folder.is_dir():
                self.host.origins[str(folder)] = ("plugins dir", str(folder))
                self.host.fail(str(folder), "plugins directory does not exist")
                continue
            for path in sorted(folder.glob("*.py")):
                if not path.name.startswith("_"):
                    self.add(path.stem, "plugins dir", str(path), "", functools.partial(_load_file, path))

    def entry_points(self) -> None:
        """Add the installed plugins of the ``quizlib`` entry-point group, by name."""
        # Reading every distribution's metadata is slow: the answer is cached (plugin_cache).
        for ep in plugin_cache.entry_points(ENTRY_POINT_GROUP, plugin_cache.default_cache_dir()):
            where = f"{ep.dist} {ep.version}" if ep.dist else ep.value
            self.add(ep.name, "entry point", where, ep.version, ep.load)
