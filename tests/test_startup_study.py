"""``quizlib study --plain`` starts with only what a session needs: on a warm cache, no YAML
parser, no distribution metadata, no terminal UI, and none of the standard-library modules
that only other commands (or a first, uncached run) use; and the quicker plugin
registration finds exactly the hooks pluggy finds."""

from __future__ import annotations

import gc
import json
import os
import random
import re
import subprocess
import sys
import types
from pathlib import Path

import pluggy
import pytest

from quizlib import collector, hookimpl, hookspecs
from quizlib.cli import main
from quizlib.plugin_loading import PluginManager, builtin_modules

#: Modules a plain session never needs once the deck and entry-point caches are warm.
NOT_NEEDED = (
    "yaml",  # the deck comes from the parse cache
    "importlib.metadata",  # the entry points come from their cache
    "prompt_toolkit",
    "fsrs",  # imported when the first answer is scheduled
    "hashlib",  # cache keys use the built-in BLAKE2 (hashlib loads OpenSSL)
    "calendar",
    "difflib",
    "tempfile",
    "importlib.resources",
    "zipfile",
    "secrets",
    "textwrap",  # plain mode does not wrap lines to a width
    "shutil",  # free disk space and the terminal's width are read without it
    "bz2",
    "lzma",
    "email",
    "quizlib.draft",
    "quizlib.exchange",
    "quizlib.questionlint",
)

PROBE = """
import gc, json, sys
from quizlib.cli import launch
sys.argv[0] = "quizlib"
code = launch()
report = {"code": code, "modules": sorted(sys.modules), "gc": [gc.isenabled(), gc.get_freeze_count() > 0]}
print(json.dumps(report), file=sys.stderr)
"""


def study_modules(tmp_path: Path) -> tuple[int, str, set[str]]:
    """Exit code, output and imported modules of ``study --plain`` with empty input, run as
    the ``quizlib`` program runs (its collector paused while it starts, then resumed)."""
    env = dict(
        os.environ,
        QUIZLIB_DB=str(tmp_path / "review.db"),
        QUIZLIB_CACHE_DIR=str(tmp_path / "cache"),
        QUIZLIB_NOW="2024-03-01T12:00:00+00:00",
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "study", "karabakh", "--plain", "--seed", "1"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
        timeout=120,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["gc"] == [True, True]  # resumed, with what start-up made frozen
    return int(report["code"] or 0), done.stdout, set(report["modules"])


def dependency_modules() -> set[str]:
    """What the dependencies a session starts with import by themselves (older releases of
    pluggy import ``importlib.metadata``, for one): not quizlib's to avoid."""
    code = "import json, sys, pluggy, sqlite3; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(done.stdout))


def test_plain_study_imports_only_what_it_needs(tmp_path: Path) -> None:
    study_modules(tmp_path)  # fills the deck and entry-point caches
    (tmp_path / "notes.txt").write_text("a file created in the current directory")
    code, out, modules = study_modules(tmp_path)
    assert code == 0
    assert "Question 1 of" in out
    ours = modules - dependency_modules()
    assert sorted(m for m in ours if m.split(".")[0] in NOT_NEEDED or m.startswith(NOT_NEEDED)) == []


def test_the_probe_sees_imports(tmp_path: Path) -> None:
    """Not vacuous: the first run (cold caches) does parse YAML."""
    _, _, modules = study_modules(tmp_path)
    assert "yaml" in modules


def hooks_found(manager: pluggy.PluginManager, plugin: object) -> list[tuple[str, str]]:
    found = []
    for caller in manager.get_hookcallers(plugin) or ():
        found += [(caller.name, impl.function.__qualname__) for impl in caller.get_hookimpls()]
    return sorted(found)


def test_registration_finds_what_pluggy_finds() -> None:
    class Holder:
        @hookimpl
        def quizlib_register_sections(self) -> list[object]:
            return []

        @staticmethod
        @hookimpl
        def quizlib_register_question_types() -> list[object]:
            return []

    odd = types.ModuleType("odd_plugin")
    odd.bound = Holder().quizlib_register_sections  # type: ignore[attr-defined]
    odd.static = Holder.__dict__["quizlib_register_question_types"]  # type: ignore[attr-defined]
    odd.not_a_hook = 42  # type: ignore[attr-defined]
    plugins = [odd, Holder(), *(__import__(m, fromlist=["_"]) for m in builtin_modules())]
    assert len(plugins) > 5
    for plugin in plugins:
        ours, theirs = PluginManager("quizlib"), pluggy.PluginManager("quizlib")
        for manager in (ours, theirs):
            manager.add_hookspecs(hookspecs)
            manager.register(plugin)
        assert hooks_found(ours, plugin) == hooks_found(theirs, plugin)
        if plugin is odd:  # not vacuous: the bound method is found (a bare staticmethod object
            # in a module is found by newer releases of pluggy only, by both managers alike)
            assert "bound" in {name for name, _ in hooks_found(ours, plugin)}


def test_number_mentions_are_found_as_the_regex_found_them() -> None:
    """``mentions_number`` searches by hand; it answers as the per-number regex did."""
    from quizlib_plugins._teach import _whole_token

    rng = random.Random(7)
    alphabet = "0123456789.,- k٣"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        form = "".join(rng.choice("0123456789,k") for _ in range(rng.randrange(1, 4)))
        expected = re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text) is not None
        assert _whole_token(text, form) == expected, (text, form)


def test_the_session_runs_with_the_collector_running(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Paused while the program starts, the collector is back before the first question:
    a long session's garbage is collected."""
    import quizlib.ui.plain

    seen: list[bool] = []

    def record(*args: object, **kwargs: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(quizlib.ui.plain, "run_plain", record)
    monkeypatch.setenv("QUIZLIB_DB", str(tmp_path / "review.db"))
    try:
        collector.pause()
        assert not gc.isenabled()
        assert main(["study", "karabakh", "--plain", "--seed", "1"]) == 0
        assert seen == [True]
        import quizlib.commands.study
        import quizlib.ui.app

        monkeypatch.setattr(quizlib.ui.app, "run_app", record)
        monkeypatch.setattr(quizlib.commands.study, "interactive", lambda args: True)
        collector.pause()
        assert main(["study", "karabakh", "--seed", "1"]) == 0
        assert seen == [True, True]  # the full-screen interface too
        collector.pause()
        assert main(["decks"]) == 0
        assert gc.isenabled()  # any other command: resumed before it runs
    finally:
        collector.resume()
        gc.enable()
        gc.unfreeze()


@pytest.mark.parametrize("columns", [None, "123", "0", "-4", "wide"])
def test_help_width_is_what_shutil_reports(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    import shutil

    from quizlib.helpformat import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns


def test_free_space_is_what_shutil_reports(tmp_path: Path) -> None:
    import shutil

    from quizlib.study.saving import free_bytes

    assert abs(free_bytes(tmp_path) - shutil.disk_usage(tmp_path).free) < 64 * 2**20  # others write too


def test_every_public_name_is_imported_on_first_use_from_where_type_checkers_see_it() -> None:
    """``quizlib/__init__.py`` lists each public name twice: in the imports type checkers
    read and in the table its ``__getattr__`` imports from. The two agree with ``__all__``."""
    import ast

    import quizlib

    tree = ast.parse(Path(quizlib.__file__).read_text(encoding="utf-8"))
    checked = {
        alias.name: node.module
        for block in tree.body
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    homes = vars(quizlib)["_HOMES"]
    assert checked == homes
    assert set(homes) == set(quizlib.__all__) - {"__version__"}
    for name, home in homes.items():
        assert getattr(quizlib, name) is getattr(__import__(home, fromlist=[name]), name)
