"""What the benchmarks that run each code tree in a fresh process share: their common
options and the run of one side's worker."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def parser(doc: str | None) -> argparse.ArgumentParser:
    """Options --data DIR (an ``answer_next.py`` data folder), --code NAME=DIR (repeatable) and
    the hidden --worker flag."""
    out = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    out.add_argument("--data", type=Path, required=True)
    out.add_argument("--code", action="append", default=[], metavar="NAME=DIR")
    out.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return out


def run_worker(script: str, side: str, data: Path, code: dict[str, str], args: list[str]) -> Any:
    """Run ``script --worker`` for ``side`` in a fresh process (its code tree first on the path
    and its own database folder ``data/NAME``, for a --code side); the JSON it printed last."""
    env = dict(os.environ)
    folder = data / side if side in code else data
    if side in code:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [code[side], env.get("PYTHONPATH", "")]))
    cmd = [sys.executable, script, "--worker", "--data", str(folder), *args]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"the {side} run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])
