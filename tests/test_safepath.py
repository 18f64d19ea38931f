"""``python -m quizlib`` does not import code from the current directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_in(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, *argv], cwd=folder, capture_output=True, text=True, env=env, timeout=120
    )


def test_a_hostile_module_in_the_current_directory_is_not_imported(tmp_path: Path) -> None:
    (tmp_path / "yaml.py").write_text("raise SystemExit('yaml.py from the current directory ran')\n")
    plugins = tmp_path / "quizlib_plugins"
    plugins.mkdir()
    (plugins / "__init__.py").write_text("raise SystemExit('quizlib_plugins from the cwd ran')\n")
    done = run_in(tmp_path, "-m", "quizlib", "check", "karabakh")
    assert "current directory ran" not in done.stderr + done.stdout
    assert "from the cwd ran" not in done.stderr + done.stdout
    assert done.returncode == 0, done.stderr


def test_only_the_entry_for_the_current_directory_is_dropped(tmp_path: Path) -> None:
    probe = "import sys, quizlib; print(repr(sys.path[0]))"
    # Not started as -m quizlib: sys.path is left alone.
    assert run_in(tmp_path, "-c", probe).stdout.strip() == "''"
