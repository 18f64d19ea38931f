"""The ``quizlib`` command: argument parsing and error reporting only.

Each subcommand lives in ``quizlib.commands.<name>`` with ``add_parser(sub)`` and
``run(args) -> int``; this module maps :class:`~quizlib.errors.QuizError` to exit codes
so that a person never sees a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from quizlib import __version__
from quizlib.errors import QuizError, UsageError

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS = (
    "study",
    "check",
    "show",
    "decks",
    "plugins",
    "new",
    "draft",
    "review",
    "schema",
    "stats",
    "log",
    "export",
    "import-cards",
    "optimize",
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered (or just ``only``, to start faster)."""
    parser = argparse.ArgumentParser(
        prog="quizlib",
        description="Study fact decks in the terminal with spaced repetition; check, show and author decks.",
        epilog="Run 'quizlib COMMAND --help' for a command's options. "
        "Environment: QUIZLIB_DB, QUIZLIB_NOW, QUIZLIB_PLUGINS_DIR, QUIZLIB_DISABLE_PLUGINS.",
    )
    parser.add_argument("--version", action="version", version=f"quizlib {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        module = importlib.import_module(f"quizlib.commands.{name.replace('-', '_')}")
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Importing one command's module instead of all of them keeps start-up fast; `--help`
    # and unknown commands still get the full parser.
    first = args_list[0] if args_list else None
    parser = build_parser(first if first in COMMANDS else None)
    argv = args_list
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 for --help
        return int(exc.code or 0)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"quizlib {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except QuizError as exc:
        print(f"{exc}" if "\n" in str(exc) else f"quizlib {args.command}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("\nquizlib: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Output piped into e.g. `head` that exits early: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # a bug: say so briefly; QUIZLIB_DEBUG=1 shows the traceback
        if os.environ.get("QUIZLIB_DEBUG") == "1":
            raise
        print(
            f"quizlib {args.command}: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in quizlib or a plugin; run again with QUIZLIB_DEBUG=1 to see the traceback.",
            file=sys.stderr,
        )
        return EXIT_ERROR
