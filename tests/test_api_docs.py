"""docs/api.md documents every public name: a heading, its signature or fields, an example."""

from __future__ import annotations

import dataclasses
import enum
import inspect
import re
from pathlib import Path

import pytest

import quizlib
from quizlib import testing

API = (Path(__file__).parent.parent / "docs" / "api.md").read_text(encoding="utf-8")


def entry(name: str) -> str:
    """The text under ``### `name``` up to the next heading."""
    found = re.search(rf"^### `{re.escape(name)}`\n(.*?)(?=^##)", API + "\n##", re.MULTILINE | re.DOTALL)
    assert found, f"docs/api.md has no '### `{name}`' entry"
    return found.group(1)


def expected_words(obj: object) -> list[str]:
    """Field names, enum members or parameter names the entry must mention."""
    if dataclasses.is_dataclass(obj):
        return [f.name for f in dataclasses.fields(obj)]
    if isinstance(obj, type) and issubclass(obj, enum.Enum):
        return [member.name for member in obj]
    if inspect.isfunction(obj):
        return list(inspect.signature(obj).parameters)
    return []


@pytest.mark.parametrize("name", quizlib.__all__)
def test_every_public_name_has_an_entry_with_an_example(name: str) -> None:
    text = entry(name)
    assert "```python" in text, f"{name}: no example"
    missing = [w for w in expected_words(getattr(quizlib, name)) if not re.search(rf"\b{w}\b", text)]
    assert not missing, f"{name}: the entry does not mention {missing}"


def test_no_entry_documents_a_name_that_is_not_public() -> None:
    documented = set(re.findall(r"^### `([^`]+)`", API, re.MULTILINE))
    assert documented <= set(quizlib.__all__), documented - set(quizlib.__all__)


@pytest.mark.parametrize("name", testing.__all__)
def test_the_testing_kit_is_documented(name: str) -> None:
    assert f"`{name}" in API
    for word in expected_words(getattr(testing, name)):
        assert re.search(rf"\b{word}\b", API), f"{name}: {word}"
