"""Merging what the loaded plugins register: sections, question types, and their clashes.

Plugins are visited in load order (the default plugins, the built-ins, entry points, then
plugins directories, each group by name), so an earlier plugin keeps a name and a later one
that claims it gets an error naming both. Core names (``deck``, ``sources``, the common
fact fields, the core settings) belong to quizlib and cannot be registered or redefined.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from quizlib.errors import PluginError, PluginFault
from quizlib.model import EntryCheck, Field, FieldKind, Section
from quizlib.plugin_contract import check_question_type, check_section
from quizlib.plugin_guard import describe

if TYPE_CHECKING:
    from quizlib.plugins import PluginHost

#: Sections a question type may read without a plugin declaring them (core lists).
CORE_READABLE = ("sources", "actors")


def hook_calls(host: PluginHost, hook_name: str) -> list[tuple[str, Callable[..., Any]]]:
    """The implementations of a hook as (plugin name, function), in load order."""
    caller = getattr(host.pm.hook, hook_name)
    impls = [(impl.plugin_name, impl.function) for impl in caller.get_hookimpls()]
    if len(impls) < 2:  # nothing to order (a per-answer hook usually has no implementation)
        return impls
    order = {name: i for i, name in enumerate(host.infos)}
    # Load order, not pluggy's (last registered first): an earlier plugin keeps a name.
    return sorted(impls, key=lambda pair: (order.get(pair[0], len(order)), pair[0]))


def origin_of(host: PluginHost, plugin: str) -> str:
    """A plugin as a person can find it: ``built-in plugin 'timeline' (quizlib_plugins.timeline)``."""
    info = host.infos.get(plugin)
    return f"{info.origin} plugin {plugin!r} ({info.location})" if info else f"plugin {plugin!r}"


def collect(host: PluginHost) -> None:
    """Call the registration hooks and merge their results into ``host``."""
    for plugin, function in hook_calls(host, "register_sections"):
        found = _registered(host, plugin, "register_sections", function, check_section)
        if found is None:
            continue
        kept = [s for s in found if _merge_section(host, plugin, s)]
        host.note(plugin, sections=tuple(s.name for s in kept))
    type_owner = host.type_owners
    for plugin, function in hook_calls(host, "register_question_types"):
        registered = _registered(host, plugin, "register_question_types", function, check_question_type)
        if registered is None:
            continue
        kept_types: list[str] = []
        for qt in registered:
            owner = type_owner.get(qt.name)
            if owner == plugin:  # one plugin, one name twice: say so, not "rename it"
                host.fail(plugin, f"registers question type {qt.name!r} twice (the first is kept)")
                continue
            if owner is not None:
                host.fail(
                    plugin,
                    f"question type {qt.name!r} is already registered by {origin_of(host, owner)}; "
                    f"{origin_of(host, plugin)} must use another name (not loaded)",
                )
                continue
            type_owner[qt.name] = plugin
            host.question_types[qt.name] = qt
            kept_types.append(qt.name)
        host.note(plugin, question_types=tuple(kept_types))
    for name, qt in list(host.question_types.items()):
        if qt.section not in host.sections and qt.section not in CORE_READABLE:
            host.fail(
                type_owner[name],
                f"question type {name!r} reads section {qt.section!r}, which no plugin declares",
            )
            del host.question_types[name]


def _registered(
    host: PluginHost,
    plugin: str,
    hook: str,
    function: Callable[..., Any],
    check: Callable[[Any], None],
) -> list[Any] | None:
    """What one registration hook registered, each item checked; None when it failed."""
    found: list[Any] = []

    def run() -> None:
        function(register=found.append)
        for item in found:
            check(item)

    outcome = host.guard(plugin, run)
    if outcome.error is not None:
        host.fail(plugin, f"{hook} {_raised(outcome.error)}")
        return None
    return found


def _raised(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, PluginError) else f"raised {describe(exc)}"


def shape(spec: Field) -> tuple[Any, ...]:
    """What makes two field declarations the same: kinds and required flags, not prose.

    ENUM values are left out (plugins may each add values; they are merged).
    """
    return (spec.kind, spec.required, tuple((name, shape(sub)) for name, sub in spec.fields))


def _merge_section(host: PluginHost, plugin: str, new: Section) -> bool:
    """Merge ``new`` into the host's sections; False when it clashes with an earlier plugin."""
    old = host.sections.get(new.name)
    check = _guarded_check(host, plugin, new.check) if new.check is not None else None
    if old is None:
        host.sections[new.name] = replace(new, check=check)
        host.field_owners.update({(new.name, f): plugin for f in new.fields})
        return True
    fields: dict[str, Field] = dict(old.fields)
    clashes: list[str] = []
    for fname, spec in new.fields.items():
        prior = fields.get(fname)
        if prior is None:
            fields[fname] = spec
            host.field_owners[(new.name, fname)] = plugin
        elif prior.kind is FieldKind.ENUM and spec.kind is FieldKind.ENUM and prior.required == spec.required:
            merged = prior.values + tuple(v for v in spec.values if v not in prior.values)
            fields[fname] = replace(prior, values=merged)
        elif shape(prior) != shape(spec):
            first = host.field_owners.get((new.name, fname), "?")
            clashes.append(
                f"field {new.name}.{fname} is declared as {_kind(prior)} by {origin_of(host, first)} "
                f"and as {_kind(spec)} by {origin_of(host, plugin)}"
            )
    if clashes:  # the earlier declaration stays; the newcomer's section is not merged at all
        host.fail(plugin, "; ".join(clashes) + f" (its section {new.name!r} is not loaded)")
        return False
    host.sections[new.name] = Section(
        name=new.name,
        fields=fields,
        description=old.description or new.description,
        settings={**new.settings, **old.settings},
        check=_both(old.check, check),
    )
    return True


def _kind(spec: Field) -> str:
    return f"{spec.kind.value}{', required' if spec.required else ''}"


def _both(first: EntryCheck | None, second: EntryCheck | None) -> EntryCheck | None:
    if first is None or second is None:
        return first or second

    def check_all(entry: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
        yield from first(entry)
        yield from second(entry)

    return check_all


def _guarded_check(host: PluginHost, plugin: str, check: EntryCheck) -> EntryCheck:
    """``check`` made safe: when it raises, the entry gets one problem naming the plugin."""

    def run(entry: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
        outcome = host.guard(plugin, lambda: [(str(f), str(m)) for f, m in check(entry)])
        if outcome.error is None:
            return outcome.value or []
        # "" locates the problem at the entry itself: the plugin did not say which field.
        failed = f"{origin_of(host, plugin)} failed to check this entry: {describe(outcome.error)}"
        return [("", PluginFault(failed))]  # the plugin's fault: a warning outside `check`

    return run
