"""The README's sample study session is what quizlib prints today."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "readme_session.py"


@pytest.mark.slow
def test_readme_sample_session_reproduces() -> None:
    spec = importlib.util.spec_from_file_location("readme_session", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["readme_session"] = module
    spec.loader.exec_module(module)
    text = module.README.read_text(encoding="utf-8")
    assert module.render(text) == text, "run: python tools/readme_session.py"
