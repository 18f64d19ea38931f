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

from quizlib import __version__, collector
from quizlib.completion import autocomplete
from quizlib.errors import QuizError, UsageError
from quizlib.fileio import describe_os_error
from quizlib.helpformat import QuizParser

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS = (
    "study",
    "check",
    "show",
    "decks",
    "plugins",
    "new",
    "new-plugin",
    "draft",
    "review",
    "schema",
    "stats",
    "log",
    "sync",
    "export",
    "import-cards",
    "optimize",
    "orphans",
    "suspended",
    "completion",
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: Every environment variable quizlib reads, for ``quizlib --help``.
ENVIRONMENT = (
    ("QUIZLIB_DB", "review database path (default: quizlib.db in the user data directory)"),
    ("QUIZLIB_NOW", "ISO date-time to use as now (demos, tests)"),
    ("QUIZLIB_SYNC_DIR", "folder that 'sync' and 'study' sync the review log through"),
    ("QUIZLIB_PLUGINS_DIR", "directories of *.py plugins, separated by ':'"),
    ("QUIZLIB_DISABLE_PLUGINS", "plugin names not to load, separated by ','"),
    ("QUIZLIB_CACHE_DIR", "where parsed decks are cached ('off' disables the cache)"),
    ("QUIZLIB_PLUGIN_TIMEOUT", "seconds a call into a plugin may run (default 10; 0: no limit)"),
    ("QUIZLIB_RAISE_PLUGIN_ERRORS", "1: a failing plugin raises instead of being skipped"),
    ("QUIZLIB_DEBUG", "1: show the traceback of an internal error"),
    ("NO_COLOR", "any value: no colour"),
)


def epilog(width: int | None = None) -> str:
    """The text after the options in ``quizlib --help``: every environment variable, its
    meaning wrapped to the terminal under the meanings column (as argparse wraps options)."""
    import shutil  # these two only for the full parser, which a single command does not build
    import textwrap

    columns = width or shutil.get_terminal_size().columns
    lines = ["Run 'quizlib COMMAND --help' for a command's options.", "", "environment:"]
    for name, meaning in ENVIRONMENT:
        text = textwrap.wrap(meaning, max(20, columns - 2 - 30), break_on_hyphens=False)
        lines.append(f"  {name:<28}{text[0]}")
        lines += [" " * 30 + more for more in text[1:]]
    return "\n".join(lines)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered (or just ``only``, to start faster)."""
    parser = QuizParser(
        prog="quizlib",
        description="Study fact decks in the terminal with spaced repetition; check, show and author decks.",
        epilog=epilog() if only is None else None,  # shown only by `quizlib --help`
    )
    parser.add_argument("--version", action="version", version=f"quizlib {__version__}")
    parser.add_argument(
        "--plugins-dir",
        dest="global_plugins_dirs",
        action="append",
        default=[],
        metavar="DIR",
        help="load *.py plugins from DIR, for any command (repeatable; also QUIZLIB_PLUGINS_DIR)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=QuizParser)
    for name in COMMANDS if only is None else (only,):
        module = importlib.import_module(f"quizlib.commands.{name.replace('-', '_')}")
        module.add_parser(sub)
    return parser


def _command_word(argv: Sequence[str]) -> str | None:
    """The subcommand's name: the first word that is not a global option or its value."""
    words = iter(argv)
    for word in words:
        if word == "--plugins-dir":
            next(words, None)
        elif not word.startswith("--plugins-dir="):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Importing one command's module instead of all of them keeps start-up fast; `--help`
    # and unknown commands still get the full parser.
    first = _command_word(args_list)
    parser = build_parser(first if first in COMMANDS else None)
    autocomplete(parser)  # a Tab press in the shell: answers and exits (with quizlib[completion])
    argv = args_list
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 for --help
        return int(exc.code or 0)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return EXIT_USAGE
    # `quizlib --plugins-dir DIR COMMAND` and `quizlib COMMAND --plugins-dir DIR` add up.
    args.plugins_dir = [*args.global_plugins_dirs, *(getattr(args, "plugins_dir", None) or [])]
    # "quizlib log export: ..." rather than "quizlib log: ...": the words the person typed.
    name = " ".join(filter(None, (args.command, getattr(args, "action", None))))
    if not getattr(args, "starts_paused", False):  # else the command resumes the collector itself
        collector.resume()
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"quizlib {name}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except QuizError as exc:
        print(f"{exc}" if "\n" in str(exc) else f"quizlib {name}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("\nquizlib: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except SystemExit as exc:  # quizlib's commands return their status; only plugin code exits
        print(
            f"quizlib {name}: a plugin tried to exit the program (SystemExit: {exc.code!r})", file=sys.stderr
        )
        return EXIT_ERROR
    except BrokenPipeError:
        # Output piped into e.g. `head` that exits early: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # a file the person named cannot be read or written: their fix, not a bug
        print(f"quizlib {name}: {describe_os_error(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a bug: say so briefly; QUIZLIB_DEBUG=1 shows the traceback
        if os.environ.get("QUIZLIB_DEBUG") == "1":
            raise
        print(
            f"quizlib {name}: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in quizlib or a plugin; run again with QUIZLIB_DEBUG=1 to see the traceback.",
            file=sys.stderr,
        )
        return EXIT_ERROR


def launch() -> int:
    """The ``quizlib`` program: :func:`main` with the garbage collector paused while it starts
    (see :mod:`quizlib.collector`)."""
    collector.pause()
    return main()
