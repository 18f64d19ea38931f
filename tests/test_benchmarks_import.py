"""Every benchmark script still imports: a renamed module must not leave one broken until
someone next runs it (the scripts' work runs only under ``__main__``)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


@pytest.mark.parametrize("script", sorted(p.name for p in BENCHMARKS.glob("*.py")))
def test_the_benchmark_imports(script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # their shared helpers (_anki.py, _sides.py)
    before = set(sys.modules)
    try:
        runpy.run_path(str(BENCHMARKS / script), run_name="benchmark_import_check")
    finally:
        for name in set(sys.modules) - before:  # leave no benchmark module behind for other tests
            if (BENCHMARKS / f"{name}.py").exists():
                sys.modules.pop(name, None)
