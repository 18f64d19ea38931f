"""``quizlib new-plugin``: the scaffold is a package whose own tests pass as written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizlib.cli import main


def test_the_scaffold_passes_its_own_tests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new-plugin", "my-places", "--dir", str(tmp_path)]) == 0
    root = tmp_path / "my-places"
    assert (
        '[project.entry-points.quizlib]\nmy-places = "quizlib_my_places"'
        in (root / "pyproject.toml").read_text()
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZLIB_")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout


def test_the_scaffolded_plugin_loads_from_its_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["new-plugin", "claims", "--dir", str(tmp_path)]) == 0
    monkeypatch.syspath_prepend(str(tmp_path / "claims" / "src"))
    from quizlib.testing import plugin_host

    module = __import__("quizlib_claims")
    host = plugin_host(module)
    assert "claims_tf" in host.question_types and host.sections["claims"].identity == "statement"


def test_new_plugin_refuses_bad_names_and_existing_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new-plugin", "9lives", "--dir", str(tmp_path)]) == 2
    assert "not a plugin name" in capsys.readouterr().err and not (tmp_path / "9lives").exists()
    (tmp_path / "taken").mkdir()
    assert main(["new-plugin", "taken", "--dir", str(tmp_path)]) == 2
    assert "exists" in capsys.readouterr().err
