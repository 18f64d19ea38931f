"""Rewrite the README's sample study session from a real run, so it never drifts.

Usage: python tools/readme_session.py [--check]

The session is the block after the marker ``<!-- sample-session -->``: a ```text fence whose
first lines are the command (``$ ...``, continued with ``\\``) and whose rest is what the
command printed. The answers typed are in the marker line: ``<!-- sample-session: 90|3 4 1 2 -->``,
each followed by Enter and an Enter to accept the suggested rating. ``--check`` exits 1
when the README differs from a fresh run instead of rewriting it.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
MARKER = re.compile(r"<!-- sample-session: (?P<answers>.*?) -->\n```text\n(?P<body>.*?)```\n", re.DOTALL)


def run_session(command: str, answers: list[str]) -> str:
    """What ``command`` prints when the answers are typed, each then Enter twice."""
    words = shlex.split(command)
    env = dict(os.environ, TZ="UTC")  # the README shows UTC times
    while words and "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    assert words[0] == "quizlib", "the sample session runs quizlib"
    with tempfile.TemporaryDirectory() as tmp:
        env.update(QUIZLIB_DB=str(Path(tmp) / "sample.db"), QUIZLIB_CACHE_DIR="off")
        stdin = "".join(f"{a}\n\n" for a in answers)
        done = subprocess.run(
            [sys.executable, "-m", "quizlib", *words[1:]],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    return done.stdout


def render(text: str) -> str:
    """The README with its sample session replaced by a fresh run."""
    match = MARKER.search(text)
    if match is None:
        raise SystemExit("README.md has no <!-- sample-session: ... --> block")
    lines = match.group("body").splitlines()
    shown = []
    for line in lines:
        shown.append(line)
        if not line.endswith("\\"):
            break
    command = " ".join(line.rstrip("\\").strip() for line in shown).removeprefix("$ ")
    output = run_session(command, match.group("answers").split("|"))
    body = "\n".join(shown) + "\n" + output.rstrip("\n").replace(" \n", "\n") + "\n"
    start, end = match.span("body")
    return text[:start] + body + text[end:]


def main() -> int:
    text = README.read_text(encoding="utf-8")
    fresh = render(text)
    if "--check" in sys.argv[1:]:
        if fresh != text:
            print("README.md's sample session differs from a fresh run: python tools/readme_session.py")
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
