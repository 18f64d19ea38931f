"""Loading the plugins without the modules start-up does not need (pkgutil, threading), and
with the same answers as the standard library and pluggy give."""

from __future__ import annotations

import pkgutil
import signal
import threading
import types
from pathlib import Path

import pluggy

from quizlib import hookimpl, hookspecs
from quizlib.plugin_guard import watch_interrupts
from quizlib.plugin_loading import PluginManager, _module_names


def test_module_names_are_those_pkgutil_lists(tmp_path: Path) -> None:
    files = [
        "a.py", "b.pyc", "c.so", "d.txt", "__init__.py", "_helper.py", "x.y.py", "noext",
        "f.cpython-311-x86_64-linux-gnu.so", "pkg/__init__.py", "notpkg/x.py", "dotted.dir/__init__.py",
        "a/__init__.py",
    ]  # fmt: skip
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
    expected = [m.name for m in pkgutil.iter_modules([str(tmp_path)])]
    assert sorted(set(_module_names(str(tmp_path)))) == sorted(expected)
    assert {"a", "b", "pkg", "_helper"} <= set(expected)  # not vacuous


def test_a_path_entry_that_is_no_folder_is_left_to_pkgutil(tmp_path: Path) -> None:
    assert _module_names(str(tmp_path / "missing.zip")) == []


def test_watching_interrupts_outside_the_main_thread_changes_nothing() -> None:
    before = signal.getsignal(signal.SIGINT)
    errors: list[BaseException] = []

    def watch() -> None:
        try:
            watch_interrupts()
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    worker = threading.Thread(target=watch)
    worker.start()
    worker.join()
    assert errors == []
    assert signal.getsignal(signal.SIGINT) is before


def _marked_later() -> list[object]:
    return []


def test_module_functions_are_hooks_exactly_when_pluggy_says_so() -> None:
    """Plain functions are judged by their marker without pluggy's static lookup: one marked
    by hand, one with a ``__func__`` attribute, one under a name a module's type defines,
    and unmarked helpers are found (or not) as pluggy finds them."""

    def register_question_types(register: object) -> None:
        return None

    def helper() -> None:
        return None

    odd = types.ModuleType("odd_plugin")
    odd.register_question_types = hookimpl(register_question_types)  # type: ignore[attr-defined]
    odd.helper = helper  # type: ignore[attr-defined]
    odd.register_sections = _marked_later  # type: ignore[attr-defined]
    _marked_later.quizlib_impl = {}  # type: ignore[attr-defined]
    wrapped = types.FunctionType(helper.__code__, {})
    wrapped.__func__ = hookimpl(lambda register: None)  # type: ignore[attr-defined]
    odd.suggest_rating = wrapped  # type: ignore[attr-defined]
    odd.__repr__ = hookimpl(lambda: "odd")  # type: ignore[method-assign]
    found = []
    for manager in (PluginManager("quizlib"), pluggy.PluginManager("quizlib")):
        manager.add_hookspecs(hookspecs)
        names = [n for n in dir(odd) if manager.parse_hookimpl_opts(odd, n) is not None]
        found.append(names)
    assert found[0] == found[1]
    # not vacuous (whether a __func__ carrying a marker counts differs between pluggy releases)
    assert {"register_question_types", "register_sections", "__repr__"} <= set(found[0])
    assert "helper" not in found[0]


def test_plain_study_starts_without_signal_or_pkgutil(tmp_path: Path) -> None:
    """Loading the plugins imports neither (the interrupt handler is installed through the
    interpreter's own C module, the built-ins are listed from their folder)."""
    from test_startup_study import dependency_modules, study_modules

    study_modules(tmp_path)  # fills the deck and entry-point caches
    code, out, modules = study_modules(tmp_path)
    assert code == 0 and "Question 1 of" in out
    assert {"signal", "pkgutil"} & (modules - dependency_modules()) == set()
