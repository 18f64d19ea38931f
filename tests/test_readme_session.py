"""The README's sample study session is what quizlib prints today."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "readme_session.py"


def intervals_masked(text: str) -> str:
    """The text with the intervals of "Next review" lines masked: they are FSRS's arithmetic,
    which the lowest fsrs version pyproject allows does with other default parameters."""
    return "\n".join(
        re.sub(r"\d+(?:\.\d+)?(mo|[mhdy])\b", "N\\1", line) if "Next review" in line else line
        for line in text.splitlines()
    )


@pytest.mark.slow
def test_readme_sample_session_reproduces() -> None:
    spec = importlib.util.spec_from_file_location("readme_session", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["readme_session"] = module
    spec.loader.exec_module(module)
    text = module.README.read_text(encoding="utf-8")
    fresh = module.render(text)
    assert intervals_masked(fresh) == intervals_masked(text), "run: python tools/readme_session.py"
