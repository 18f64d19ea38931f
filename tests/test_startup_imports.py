"""``--help``, ``--version`` and ``check`` start without the heavy modules they do not use:
the terminal UI (prompt_toolkit), the scheduler (fsrs) and the review database (sqlite3)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("prompt_toolkit", "fsrs", "fsrs_rs_python", "sqlite3", "quizlib.store", "quizlib.ui")

PROBE = """
import json, sys
from quizlib.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def modules_after(*args: str) -> tuple[int, set[str]]:
    """Run the command line in a fresh interpreter; its exit code and every module it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False, timeout=120
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return int(report["code"] or 0), set(report["modules"])


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("check", "karabakh")])
def test_command_starts_without_heavy_modules(args: tuple[str, ...]) -> None:
    code, modules = modules_after(*args)
    assert code == 0
    assert not [m for m in HEAVY if m in modules]


def test_the_probe_sees_imports() -> None:
    """The check above is not vacuous: ``stats`` does load the scheduling code and the database."""
    _, modules = modules_after("stats", "--json")
    assert {"sqlite3", "quizlib.srs.scheduling", "quizlib.store"} <= modules
