"""Compiled texts are kept between runs: read back instead of compiled, and a damaged,
foreign or unwritable file only costs a compile."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizlib import codecache, fastdataclass

TEXT = "def __create_fn__(k):\n def __init__(self, year=k):\n  self.year=year\n return __init__\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    file = tmp_path / "pycache" / "codecache.texts"
    monkeypatch.setattr(codecache, "cache_file", lambda: file)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    codecache.forget()
    yield file
    codecache.forget()


def no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled although the file holds the text")

    monkeypatch.setattr(codecache, "compile", refuse, raising=False)


def test_a_saved_text_is_read_back_not_compiled(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = codecache.compiled(TEXT)
    codecache.save()
    assert cache.read_bytes().startswith(importlib.util.MAGIC_NUMBER)
    codecache.forget()
    no_compiling(monkeypatch)
    again = codecache.compiled(TEXT)
    assert again == first
    scope: dict[str, object] = {}
    exec(again, {}, scope)
    assert scope["__create_fn__"](7).__defaults__ == (7,)  # type: ignore[operator]


def test_classes_made_from_the_file_behave_the_same(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def make() -> type:
        @fastdataclass.dataclass(frozen=True)
        class Kept:
            """Kept."""

            year: int
            names: list[str] = dataclasses.field(default_factory=list)

        return Kept

    made = make()
    codecache.save()
    codecache.forget()
    no_compiling(monkeypatch)
    again = make()
    assert repr(again(1)) == repr(made(1)) and again(2).names == [] and again(1) != made(1)  # two classes


@pytest.mark.parametrize(
    "content", [b"", b"not marshal", importlib.util.MAGIC_NUMBER + b"\x00junk", b"\x00\x00\r\n" + b"x" * 20]
)
def test_a_damaged_or_foreign_file_is_compiled_around(cache: Path, content: bytes) -> None:
    cache.parent.mkdir()
    cache.write_bytes(content)
    scope: dict[str, object] = {}
    exec(codecache.compiled(TEXT), {}, scope)
    assert callable(scope["__create_fn__"])
    codecache.save()  # and rewritten
    codecache.forget()
    assert TEXT in codecache.load(cache)


def test_an_unwritable_place_costs_a_compile_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(codecache, "cache_file", lambda: blocker / "codecache.texts")  # its parent is a file
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    codecache.forget()
    try:
        codecache.compiled(TEXT)
        codecache.save()
    finally:
        codecache.forget()
    assert not (blocker / "codecache.texts").exists()


def test_nothing_is_written_when_bytecode_is_not(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    codecache.compiled(TEXT)
    codecache.save()
    assert not cache.exists()


def test_the_file_keeps_what_runs_use_and_stays_small(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codecache, "KEEP", 3)
    texts = [TEXT.replace("year=k", f"year{i}=k") for i in range(5)]
    for text in texts:
        codecache.compiled(text)
    codecache.save()
    codecache.forget()
    codecache.compiled(texts[0])  # an older text this run uses again
    codecache.compiled(TEXT)  # and a new one
    codecache.save()
    kept = codecache.load(cache)
    assert len(kept) == 3 and {texts[0], TEXT} <= set(kept)
