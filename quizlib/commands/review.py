"""``quizlib review``: decide a draft's candidates one by one, saving after every decision."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from quizlib.commands.common import SubParsers, load_host, plugin_options, warnings_after
from quizlib.draft.reviewedit import DraftFile
from quizlib.draft.reviewflow import Quit, Reviewer, refused
from quizlib.errors import DeckError
from quizlib.textfiles import read_text_file

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130

EPILOG = (
    "Commands, one a line in plain mode (a, r, s, u and q act at once on the screen): "
    "a accept (remove review: true); r reject (remove the entry); s skip; e FIELD [VALUE] "
    "edit a field (asks for the value when not given; empty keeps it); p SPEAKER set a "
    "quote's speaker (an actor's id, name or alias); m FROM INTO merge actor FROM into INTO "
    "(references rewritten, FROM removed); u undo the last change; q quit; ? help. "
    "Every decision is saved at once (the file is replaced atomically), keeping the file's "
    "comments and the order of its entries; an edit that would make the deck invalid is "
    "refused with the problem's FILE:LINE:COL. Run again to go on where you stopped. When no "
    "candidate is left the deck gets the checks of 'quizlib check --strict': exit 0 when it "
    "passes, 1 when something still fails (or you quit early), 130 on Ctrl-C or end of input."
)


def add_parser(sub: SubParsers) -> None:
    """Register ``review``."""
    parser = sub.add_parser(
        "review",
        parents=[plugin_options()],
        help="review a draft's candidates (review: true): accept, reject, edit, merge actors",
        description="Walk every entry of a draft deck still marked 'review: true', show it with "
        "its sentence, paragraph and the questions it would make, and accept, reject or "
        "edit it. Interactive when stdin and stdout are terminals; otherwise (or with "
        "--plain) one command per line.",
        epilog=EPILOG,
    )
    parser.add_argument("draft", metavar="DRAFT.yaml", help="the draft deck (edited in place)")
    parser.add_argument("--plain", action="store_true", help="line mode even in a terminal (screen readers)")
    parser.add_argument(
        "--article",
        action="append",
        default=[],
        metavar="[SOURCE=]FILE",
        help="show cited paragraphs from this article (repeatable; the source id defaults to the "
        "file name, as 'quizlib draft' makes it; SOURCE.txt or SOURCE.md beside the draft is found anyway)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Review the draft until every candidate is decided, the person quits or input ends."""
    host = load_host(args)
    path = Path(args.draft)
    draft = DraftFile.open(path, host.sections)  # DeckError: located problems, no traceback
    reviewer = Reviewer(draft, host, articles=articles(args.article, path.parent, draft.current.sources))
    if not args.plain and sys.stdin.isatty() and sys.stdout.isatty():
        from quizlib.ui.review_screen import run_screen  # prompt_toolkit is imported only here

        with warnings_after(host):  # stderr lines would tear the full-screen display
            return run_screen(reviewer, finish, left)
    return run_plain(reviewer, sys.stdin, sys.stdout)


def articles(given: list[str], folder: Path, sources: Iterable[str]) -> dict[str, list[str]]:
    """The paragraphs of each article given with ``--article`` or lying beside the draft as
    ``SOURCE.txt`` or ``SOURCE.md``, by source id (numbered as ``quizlib draft`` numbers them).

    Raises:
        UsageError: An article given cannot be read.
    """
    from quizlib.draft import paragraphs

    files: dict[str, Path] = {}
    for source in sources:
        found = next((f for ext in (".txt", ".md") if (f := folder / f"{source}{ext}").is_file()), None)
        if found is not None:
            files[source] = found
    for item in given:
        source, _, name = item.rpartition("=")
        path = Path(name)
        files[source or re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:64] or "source"] = path
    out: dict[str, list[str]] = {}
    for source, path in files.items():
        out[source] = paragraphs(read_text_file(path))
    return out


def run_plain(reviewer: Reviewer, stdin: TextIO, stdout: TextIO) -> int:
    """The line mode: the candidate, its questions, then one command per line.

    Returns:
        The exit status (see :func:`finish`).
    """

    def write(text: str = "") -> None:
        stdout.write(text + "\n")
        stdout.flush()

    def ask(question: str, words: list[str], current: str = "") -> str:
        stdout.write(f"{question[:-2]} (now: {current}): " if current else question)
        stdout.flush()
        line = stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    shown = ""
    try:
        while (fact := reviewer.current()) is not None:
            if shown != fact.key:
                write()
                write("\n".join(reviewer.describe(fact)))
                write("questions:")
                write("\n".join(reviewer.questions(fact)))
                shown = fact.key
            command = ask("review (a r e p m s u q ?)> ", [], "")
            try:
                if said := reviewer.do(command, ask):
                    write(said)
            except DeckError as exc:
                write(refused(exc))
    except Quit:
        return finish(reviewer, write, quit=True)
    except (EOFError, KeyboardInterrupt):
        write()
        write(f"saved {reviewer.draft.path}; {left(reviewer)}")
        return EXIT_INTERRUPTED
    return finish(reviewer, write)


def left(reviewer: Reviewer) -> str:
    """ "3 candidates left"."""
    count = len(reviewer.draft.pending())
    return f"{count} candidate{'' if count == 1 else 's'} left"


def finish(reviewer: Reviewer, write: Callable[[str], None], *, quit: bool = False) -> int:
    """Report the end of a review: what is left, and when nothing is, the strict check.

    Returns:
        0 when the deck passes ``check --strict``, 1 otherwise (or when the person quit).
    """
    path = reviewer.draft.path
    if quit:
        write(f"saved {path}; {left(reviewer)} (run 'quizlib review {path}' to go on)")
        return EXIT_FAILED
    problems = reviewer.final_check()
    if reviewer.draft.pending():
        write(f"skipped: {left(reviewer)}, still marked review: true")
    for problem in problems:
        write(f"{problem.path}:{problem.line}:{problem.column}: warning: {problem.message}")
    if problems:
        write(f"{path}: {len(problems)} warnings (--strict)")
        return EXIT_FAILED
    write(f"{path}: passes check --strict")
    return EXIT_OK
