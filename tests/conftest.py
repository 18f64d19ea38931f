"""Shared fixtures: isolated environment, a fresh plugin host, deck writing helpers."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sync_helpers import Device, load
from sync_helpers import write_deck as write_sync_deck

from quizlib.plugins import PluginHost, get_plugin_manager
from quizlib.store.store import Store


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test reads the user's plugins, cache or database."""
    for name in (
        "QUIZLIB_PLUGINS_DIR",
        "QUIZLIB_DISABLE_PLUGINS",
        "QUIZLIB_RAISE_PLUGIN_ERRORS",
        "QUIZLIB_PLUGIN_TIMEOUT",
        "QUIZLIB_NOW",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QUIZLIB_CACHE_DIR", "off")
    monkeypatch.setenv("QUIZLIB_DB", str(tmp_path_factory.mktemp("db") / "test.db"))
    yield


@pytest.fixture
def host() -> PluginHost:
    """A fresh plugin host with the built-in question types only."""
    return get_plugin_manager(entry_points=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh review database in tmp_path."""
    s = Store.open(tmp_path / "q.db")
    yield s
    s.close()


@pytest.fixture
def write_deck(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML to a file in tmp_path and return its path."""

    def write(text: str, name: str = "deck.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


# Hypothesis: no test depends on how fast this machine is (no deadlines), and under CI the
# examples are derived from each test's name, so a red run is the same run when repeated.
settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci", deadline=None, derandomize=True, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty shared folder, the DIR of `quizlib sync DIR`."""
    path = tmp_path / "shared"
    path.mkdir()
    return path


@pytest.fixture
def device(tmp_path: Path, host: PluginHost) -> Iterator[Callable[[str], Device]]:
    """Makes sync devices by name: each its own database on disk, all studying one deck."""
    deck = load(write_sync_deck(tmp_path), host)
    opened: list[Store] = []

    def make(name: str) -> Device:
        store = Store.open(tmp_path / f"{name}.db")
        opened.append(store)
        return Device(store, deck, host)

    yield make
    for store in opened:
        store.close()
