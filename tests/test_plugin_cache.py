"""The entry-point cache answers without scanning, and scans again whenever what it was read
from changes: a distribution installed, removed or upgraded, another module path."""

from __future__ import annotations

import importlib.metadata
import os
import sys
from pathlib import Path

import pytest

from quizlib import plugin_cache
from quizlib.plugin_cache import EntryPoint, entry_points

GROUP = "quizlib-cache-test"


def install(site: Path, dist: str, version: str, points: dict[str, str], when: int) -> Path:
    """A minimal installed distribution (its dist-info) declaring entry points of GROUP."""
    info = site / f"{dist}-{version}.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    lines = "".join(f"{name} = {value}\n" for name, value in points.items())
    (info / "entry_points.txt").write_text(f"[{GROUP}]\n{lines}")
    touch(info / "entry_points.txt", when)
    touch(site, when)
    return info


def touch(path: Path, when: int) -> None:
    # Explicit times: two changes within one tick of the file system clock must still differ.
    os.utime(path, ns=(when, when))


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def names(found: list[EntryPoint]) -> list[str]:
    return [e.name for e in found]


def no_scanning(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**_: object) -> None:
        raise AssertionError("scanned although the cache was current")

    monkeypatch.setattr(importlib.metadata, "entry_points", refuse)


def test_a_current_cache_answers_without_scanning(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(site, "alpha", "1.0", {"a": "alpha_mod:plugin"}, 10**18)
    first = entry_points(GROUP, tmp_path / "cache")
    assert first == [EntryPoint("a", "alpha_mod:plugin", "alpha", "1.0")]
    no_scanning(monkeypatch)
    assert entry_points(GROUP, tmp_path / "cache") == first


def test_installing_upgrading_and_removing_are_noticed(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    alpha = install(site, "alpha", "1.0", {"a": "alpha_mod"}, 10**18)
    assert names(entry_points(GROUP, cache)) == ["a"]
    install(site, "beta", "2.0", {"b": "beta_mod"}, 10**18 + 10**9)  # installed
    assert names(entry_points(GROUP, cache)) == ["a", "b"]
    install(site, "alpha", "1.0", {"a": "alpha_mod", "a2": "alpha_mod:x"}, 10**18 + 10**9)  # edited in place
    touch(site, 10**18 + 10**9)  # the directory itself did not change
    assert names(entry_points(GROUP, cache)) == ["a", "a2", "b"]
    for f in alpha.iterdir():
        f.unlink()
    alpha.rmdir()  # removed
    touch(site, 10**18 + 2 * 10**9)
    assert names(entry_points(GROUP, cache)) == ["b"]


def test_another_module_path_is_scanned_again(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(site, "alpha", "1.0", {"a": "alpha_mod"}, 10**18)
    cache = tmp_path / "cache"
    assert names(entry_points(GROUP, cache)) == ["a"]
    no_scanning(monkeypatch)
    with pytest.raises(AssertionError, match="scanned"):
        entry_points(GROUP, cache, paths=[p for p in sys.path if p != str(site)])


def test_unrelated_files_in_a_path_directory_keep_the_cache(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``python -m`` puts the current directory on ``sys.path``: a file created there (a
    document, the review database) changes the directory's time but installs nothing."""
    install(site, "alpha", "1.0", {"a": "alpha_mod"}, 10**18)
    cache = tmp_path / "cache"
    assert names(entry_points(GROUP, cache)) == ["a"]
    (site / "notes.txt").write_text("unrelated")
    (site / "review.db").write_bytes(b"")
    touch(site, 10**18 + 5 * 10**9)
    with monkeypatch.context() as patch:
        no_scanning(patch)
        assert names(entry_points(GROUP, cache)) == ["a"]
    install(site, "beta", "2.0", {"b": "beta_mod"}, 10**18 + 5 * 10**9)  # the directory time as before
    assert names(entry_points(GROUP, cache)) == ["a", "b"]


@pytest.mark.parametrize("content", ["", "not json", '{"version": 1, "paths": {"k": [[1, 2]]}}', "[]"])
def test_a_damaged_cache_is_scanned_around(site: Path, tmp_path: Path, content: str) -> None:
    install(site, "alpha", "1.0", {"a": "alpha_mod"}, 10**18)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f"entry-points-{GROUP}.json").write_text(content)
    assert names(entry_points(GROUP, cache)) == ["a"]
    assert names(entry_points(GROUP, cache)) == ["a"]  # and rewritten


def test_an_unwritable_cache_costs_a_scan_not_an_error(site: Path, tmp_path: Path) -> None:
    install(site, "alpha", "1.0", {"a": "alpha_mod"}, 10**18)
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert names(entry_points(GROUP, blocker / "cache")) == ["a"]  # its parent is a file


def test_no_cache_dir_always_scans(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(site, "alpha", "1.0", {"a": "alpha_mod"}, 10**18)
    assert names(entry_points(GROUP, None)) == ["a"]
    no_scanning(monkeypatch)
    with pytest.raises(AssertionError):
        entry_points(GROUP, None)


def test_entry_point_load_follows_the_value_syntax() -> None:
    assert EntryPoint("x", "os.path").load() is os.path
    assert EntryPoint("x", "os:path.join [extra]").load() is os.path.join
    with pytest.raises(ImportError):
        EntryPoint("x", "not a value!").load()
    with pytest.raises(AttributeError):
        EntryPoint("x", "os:no_such_thing").load()


def test_the_default_cache_dir_follows_quizlib_cache_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("QUIZLIB_CACHE_DIR", str(tmp_path))
    assert plugin_cache.default_cache_dir() == tmp_path
    monkeypatch.setenv("QUIZLIB_CACHE_DIR", "off")
    assert plugin_cache.default_cache_dir() is None
