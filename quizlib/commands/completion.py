"""``quizlib completion SHELL``: the script that teaches a shell to complete quizlib."""

from __future__ import annotations

import argparse

from quizlib.commands.common import SubParsers
from quizlib.completion import SHELLS, shell_script

INSTALL = """\
setup (needs: pip install 'quizlib[completion]'):
  bash   echo 'eval "$(quizlib completion bash)"' >> ~/.bashrc
  zsh    echo 'eval "$(quizlib completion zsh)"' >> ~/.zshrc
  fish   quizlib completion fish > ~/.config/fish/completions/quizlib.fish

Completes commands, options, deck names and files, tags (of the decks named before),
question types and the deck ids in the review database."""


def add_parser(sub: SubParsers) -> None:
    """Register ``completion``."""
    parser = sub.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh, fish; needs quizlib[completion])",
        description="Print the script that makes bash, zsh or fish complete quizlib's commands and "
        "arguments with Tab.",
        epilog=INSTALL,
    )
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the script."""
    print(shell_script(args.shell), end="")
    return 0
