"""The import contract and the size limits of quizlib/ and plugins/, read from the source.

Floors (docs: the architecture review's target layout): a module may import modules on its
own floor or below, never above. Three more rules: only ``quizlib/store/`` touches
``sqlite3``; only ``quizlib/srs/`` imports ``fsrs``/``fsrs_rs_python``; the built-in plugins
(``plugins/``, installed as ``quizlib_plugins``) import the standard library, ``quizlib``
itself and their own helpers, nothing else. Imports inside functions count: they are
dependencies all the same, only deferred.

Today's exceptions are listed below, each with its reason; an entry that no longer
matches fails the test too, so the lists only shrink.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: The floor of each module or package (the longest matching name wins); ``quizlib``
#: alone is the package's ``__init__``, the public API.
FLOORS: dict[str, int] = {
    # 1: values and kernel helpers that need nothing but errors
    "quizlib.errors": 1,
    "quizlib.dates": 1,
    "quizlib.fileio": 1,
    "quizlib.textfiles": 1,
    "quizlib.termsafe": 1,
    "quizlib.wording": 1,
    "quizlib.didyoumean": 1,
    "quizlib.safepath": 1,
    "quizlib.helpformat": 1,
    "quizlib.digests": 1,
    "quizlib.collector": 1,
    # 2
    "quizlib.model": 2,
    "quizlib.clock": 2,
    "quizlib.store": 2,
    # 3
    "quizlib.hookspecs": 3,
    "quizlib.grading": 3,
    "quizlib.deckfile": 3,
    "quizlib.srs": 3,
    # 4
    "quizlib.plugins": 4,
    "quizlib.draft": 4,
    # `quizlib review` walks a draft generating and linting its questions, as study does
    "quizlib.draft.reviewflow": 5,
    # 5 (question lint generates questions, like study)
    "quizlib": 5,
    "quizlib.study": 5,
    "quizlib.exchange": 5,
    "quizlib.questionlint": 5,
    # arriving from parallel branches (no module yet): placed where their briefs put them
    "quizlib.plugin_cache": 4,  # caches what plugins register (branch gen)
    "quizlib.plugin_contract": 4,  # the plugin host's parts (branch host)
    "quizlib.plugin_guard": 4,
    "quizlib.plugin_loading": 4,
    "quizlib.plugin_registry": 4,
    "quizlib.sync": 5,  # database sync, beside exchange (branch sync)
    "quizlib.loading": 5,  # the public load_deck: the installed plugins' sections by default
    "quizlib.testing": 5,  # test helpers for plugin authors, over the public API
    "quizlib.testing_pytest": 5,  # their pytest fixtures
    "quizlib.deckcheck": 5,  # runs the plugins' deck-level checks, as study runs their questions
    # 6
    "quizlib.ui": 6,
    "quizlib.cli": 6,
    "quizlib_plugins": 6,
    # 7 (completion lists deck names and tags through the commands' own loaders)
    "quizlib.commands": 7,
    "quizlib.completion": 7,
    "quizlib.__main__": 7,
}

#: (importer, imported) pairs that break the floors today, each with its reason. Remove an
#: entry when the import goes; the test fails on an entry that no longer matches.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {
    # argcomplete must hook the parser before a command runs; completion itself reaches
    # the commands' loaders only when completing (lazily).
    ("quizlib.cli", "quizlib.completion"): "argcomplete hook before dispatch",
}

#: Modules outside quizlib/store/ that import sqlite3 today, each with its reason (none).
ALLOWED_SQLITE: dict[str, str] = {}

#: Modules outside quizlib/srs/ that import fsrs or fsrs_rs_python today (none).
ALLOWED_FSRS: dict[str, str] = {}

#: Functions over 60 lines today (docstring included), each with its reason (none).
LONG_FUNCTIONS: dict[str, str] = {}

#: Modules over 400 lines today, each with its reason (none).
LONG_MODULES: dict[str, str] = {}

MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400
CONTRACT_MODULES = ("sqlite3", "fsrs", "fsrs_rs_python")


def sources() -> Iterator[tuple[str, Path]]:
    """(dotted module name, path) of every module of quizlib/ and plugins/."""
    for path in sorted((ROOT / "quizlib").rglob("*.py")):
        yield ".".join(path.relative_to(ROOT).with_suffix("").parts), path
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        yield "quizlib_plugins." + ".".join(path.relative_to(ROOT / "plugins").with_suffix("").parts), path


def module_name(dotted: str) -> str:
    """``a.b.__init__`` → ``a.b``."""
    return dotted.removesuffix(".__init__")


def is_module(dotted: str) -> bool:
    """True when ``dotted`` names a module or package of quizlib or the plugins."""
    top, _, rest = dotted.partition(".")
    base = ROOT / {"quizlib": "quizlib", "quizlib_plugins": "plugins"}.get(top, "-")
    target = base.joinpath(*rest.split(".")) if rest else base
    return target.with_suffix(".py").is_file() or (target / "__init__.py").is_file()


def imports(dotted: str, path: Path) -> Iterator[str]:
    """Every module ``path`` imports: ``from p import m`` counts as ``p.m`` when m is a module."""
    package = dotted if path.name == "__init__.py" else dotted.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                yield f"{base}.{alias.name}" if is_module(f"{base}.{alias.name}") else base


def floor(dotted: str) -> int | None:
    """The floor of a quizlib module, by the longest matching entry of :data:`FLOORS`."""
    matches = [
        name for name in FLOORS if dotted == name or (name != "quizlib" and dotted.startswith(name + "."))
    ]
    return FLOORS[max(matches, key=len)] if matches else None


def edges() -> Iterator[tuple[str, str]]:
    """(importer, imported) for every import in quizlib/ and plugins/, duplicates dropped."""
    for dotted, path in sources():
        yield from sorted({(module_name(dotted), imported) for imported in imports(dotted, path)})


EDGES = list(edges())


def test_every_module_has_a_floor() -> None:
    unplaced = sorted({m for m, _ in EDGES if floor(m) is None} - {"quizlib"})
    assert unplaced == [], f"add these modules to FLOORS in {__file__}"


def test_imports_run_downward() -> None:
    upward = {
        (importer, imported)
        for importer, imported in EDGES
        if imported.split(".")[0] in ("quizlib", "quizlib_plugins")
        and (floor(imported) or 0) > (floor(importer) or 0)
    }
    assert sorted(upward - set(ALLOWED_UPWARD)) == [], "a module imports from a higher floor"
    assert sorted(set(ALLOWED_UPWARD) - upward) == [], "fixed: remove from ALLOWED_UPWARD"


@pytest.mark.parametrize(
    ("names", "home", "allowed"),
    [
        (("sqlite3",), "quizlib.store", ALLOWED_SQLITE),
        (("fsrs", "fsrs_rs_python"), "quizlib.srs", ALLOWED_FSRS),
    ],
)
def test_only_one_package_touches(names: tuple[str, ...], home: str, allowed: dict[str, str]) -> None:
    users = {
        importer
        for importer, imported in EDGES
        if imported.split(".")[0] in names and not (importer == home or importer.startswith(home + "."))
    }
    assert sorted(users - set(allowed)) == [], f"only {home} may import {', '.join(names)}"
    assert sorted(set(allowed) - users) == [], "fixed: remove from the allow-list"


def test_plugins_import_only_quizlib_and_the_standard_library() -> None:
    foreign = sorted(
        (importer, imported)
        for importer, imported in EDGES
        if importer.startswith("quizlib_plugins")
        and imported != "quizlib"
        and not imported.startswith("quizlib_plugins.")
        and imported.split(".")[0] not in sys.stdlib_module_names
    )
    assert foreign == []


def test_the_contract_sees_what_it_checks() -> None:
    """Guards the guard: a walk that found nothing would pass every rule above."""
    found = set(EDGES)
    assert ("quizlib.store.store", "sqlite3") in found
    assert ("quizlib.srs.scheduling", "fsrs") in found
    assert ("quizlib.plugins", "quizlib.hookspecs") in found  # `from quizlib import hookspecs`
    assert ("quizlib_plugins.agreements", "quizlib_plugins._agreement_terms") in found  # relative
    assert ("quizlib.commands.review", "quizlib.ui.review_screen") in found  # inside a function
    assert floor("quizlib.store.records") == 2 and floor("quizlib") == 5 and floor("quizlibx") is None


def functions(node: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """(``Class.function``, lines incl. docstring) of every function under ``node``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield f"{prefix}{child.name}", (child.end_lineno or 0) - child.lineno + 1
            yield from functions(child, f"{prefix}{child.name}.")
        elif isinstance(child, ast.ClassDef):
            yield from functions(child, f"{prefix}{child.name}.")


def lengths() -> Iterator[tuple[str, int]]:
    """(``path:Class.function``, lines) of every function in quizlib/ and plugins/."""
    for _, path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = path.relative_to(ROOT).as_posix()
        yield from ((f"{name}:{function}", size) for function, size in functions(tree))


def test_no_function_over_60_lines() -> None:
    long = {name for name, size in lengths() if size > MAX_FUNCTION_LINES}
    assert sorted(long - set(LONG_FUNCTIONS)) == [], f"split functions over {MAX_FUNCTION_LINES} lines"
    assert sorted(set(LONG_FUNCTIONS) - long) == [], "fixed: remove from LONG_FUNCTIONS"


def test_no_module_over_400_lines() -> None:
    long = {
        path.relative_to(ROOT).as_posix()
        for _, path in sources()
        if len(path.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES
    }
    assert sorted(long - set(LONG_MODULES)) == [], f"split modules over {MAX_MODULE_LINES} lines"
    assert sorted(set(LONG_MODULES) - long) == [], "fixed: remove from LONG_MODULES"
