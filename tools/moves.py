"""Rewrite references to quizlib modules that moved into packages.

Run from the repository root after merging a branch written against the flat layout::

    python tools/moves.py            # rewrite imports, mock targets and paths in place
    python tools/moves.py --git-mv   # also move the files (done once, on main)

The rewrite is idempotent: a reference already in the new layout is left alone.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

#: old module (under quizlib.) → new module (under quizlib.)
MOVES: dict[str, str] = {
    # the deck format: text ⇄ Deck
    "yamlsafe": "deckfile.yamlsafe",
    "coreschema": "deckfile.fields",
    "validate": "deckfile.validate",
    "value_checks": "deckfile.value_checks",
    "schema": "deckfile.jsonschema",
    "deck": "deckfile.load",
    "lint": "deckfile.lint",
    # answer parsing and graders for plugin authors
    "answers": "grading.answers",
    "names": "grading.names",
    "numbers": "grading.numbers",
    "datetext": "grading.dates",
    "textmatch": "grading.textmatch",
    # the question lint
    "question_lint": "questionlint.lint",
    "choice_lint": "questionlint.choices",
    "duplicate_lint": "questionlint.duplicates",
    "leak_lint": "questionlint.leaks",
    "lint_context": "questionlint.context",
    # the session engine: no SQL, no terminal
    "session": "study.session",
    "session_types": "study.types",
    "day_queue": "study.queue",
    "questions": "study.questions",
    "stats": "study.stats",
    "answer_record": "study.answer_record",
    "saving": "study.saving",
    "orphans": "study.orphans",
    "day_simulation": "study.day_simulation",
    # FSRS
    "scheduling": "srs.scheduling",
    "rating": "srs.rating",
    "optimize": "srs.optimize",
    "recall_metrics": "srs.recall_metrics",
    "workload": "srs.workload",
    "simulation": "srs.simulation",
    # SQLite
    "store": "store.store",
    "records": "store.records",
    "migrations": "store.migrations",
    "params_store": "store.parameters",
    "store_errors": "store.errors",
    # files in and out
    "logio": "exchange.reviewlog",
    "logcsv": "exchange.logcsv",
    "interop": "exchange.anki",
    # drafting
    "reviewedit": "draft.reviewedit",
    "reviewflow": "draft.reviewflow",
}

PACKAGES = {
    "deckfile": "The deck format: deck files read, checked and written (text ⇄ Deck).",
    "grading": "Reading typed answers and grading them: the helpers question types are built from.",
    "questionlint": "The question lint: flaws that make generated questions unfair.",
    "study": "The study engine: queues, sessions, statistics. No SQL, no terminal.",
    "srs": "Spaced repetition: FSRS scheduling, fitting and simulation; the only package importing fsrs.",
    "store": "The review database; the only package that touches SQLite.",
    "exchange": "Files in and out: review-log CSV and Anki files.",
}

SUFFIXES = {".py", ".md", ".toml", ".txt", ".cfg", ".ini", ".yaml", ".yml"}
SKIP_DIRS = {".git", ".venv", "venv", "build", "dist", "__pycache__", ".mypy_cache", ".ruff_cache"}


def _pattern(old: str, new: str) -> re.Pattern[str]:
    # A new name may start with the old one (store → store.store): references already in the
    # new layout are left alone, which keeps the rewrite idempotent.
    guard = ""
    if new.startswith(old + "."):
        inner = {n.split(".", 1)[1].split(".")[0] for n in MOVES.values() if n.startswith(old + ".")}
        guard = r"(?![./](?:" + "|".join(sorted(inner)) + r")\b)"
    return re.compile(r"(?<![\w.])quizlib([./])" + re.escape(old) + r"(?![\w])" + guard)


def rewrite(text: str) -> str:
    """Return ``text`` with every old module reference in the new layout."""
    for old, new in MOVES.items():

        def sub(m: re.Match[str], new: str = new) -> str:
            sep = m.group(1)
            target = new.replace(".", sep)
            if sep == "/":
                return f"quizlib/{target}"
            return f"quizlib.{target}"

        text = _pattern(old, new).sub(sub, text)
    return text


def files(root: Path) -> list[Path]:
    out = []
    for path in root.rglob("*"):
        if any(part in SKIP_DIRS for part in path.parts) or not path.is_file():
            continue
        if path.suffix in SUFFIXES and path.name != "moves.py":
            out.append(path)
    return out


def git_mv(root: Path) -> None:
    pkg = root / "quizlib"
    # quizlib/store.py becomes quizlib/store/store.py: move it aside first.
    for old, new in MOVES.items():
        src = pkg / f"{old}.py"
        if not src.exists():
            continue
        if old in PACKAGES:
            tmp = pkg / f"_{old}_moving.py"
            subprocess.run(["git", "mv", str(src), str(tmp)], check=True, cwd=root)
            src = tmp
        dst = pkg / (new.replace(".", "/") + ".py")
        dst.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "mv", str(src), str(dst)], check=True, cwd=root)
    for name, doc in PACKAGES.items():
        init = pkg / name / "__init__.py"
        if not init.exists():
            init.write_text(f'"""{doc}"""\n', encoding="utf-8")
            subprocess.run(["git", "add", str(init)], check=True, cwd=root)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--git-mv", action="store_true", help="also move the files with git mv")
    parser.add_argument("root", nargs="?", default=".", type=Path)
    args = parser.parse_args(argv)
    if args.git_mv:
        git_mv(args.root)
    changed = 0
    for path in files(args.root):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = rewrite(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    print(f"{changed} files rewritten", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
