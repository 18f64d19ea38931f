"""How ``--help`` is laid out: wrapped at words to the terminal, tables kept where they fit.

Every quizlib parser is a :class:`QuizParser`, so every command's help uses
:class:`LayoutHelpFormatter` unless it asks for another. Only the standard library is
imported here: the top-level parser is built on every run.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


class LayoutHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the layout of descriptions and epilogs (tables of keys, examples) where it
    fits, and otherwise wraps at words: runs of prose lines (same indent, no column gaps)
    are reflowed together; any other line too wide continues under its indent + 2. A
    narrow terminal then never breaks a word in the middle."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        # argparse asks shutil for the width, and a formatter is made for every option
        # added: the width is read here instead, so that starting a command does not import
        # shutil (and the compression modules it imports).
        super().__init__(
            prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width
        )

    def _split_lines(self, text: str, width: int) -> list[str]:
        import textwrap  # only when help is printed, not on every start

        # Option help: argparse's own wrapping, but never inside a hyphenated word.
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        blocks: list[tuple[str, list[str], bool]] = []  # (indent, lines, prose)
        for line in text.splitlines():
            lead = line[: len(line) - len(line.lstrip())]
            prose = bool(line.strip()) and "  " not in line.strip()
            if blocks and prose and blocks[-1][2] and blocks[-1][0] == lead:
                blocks[-1][1].append(line.strip())
            else:
                blocks.append((lead, [line.strip()], prose))
        out: list[str] = []
        for lead, lines, prose in blocks:
            # argparse keeps a 2-column margin; a line that fits the terminal itself stays.
            if all(len(indent + lead + line) <= width + 2 for line in lines):
                out += [(indent + lead + line).rstrip() for line in lines]
                continue
            for chunk in [" ".join(lines)] if prose else lines:
                out += textwrap.wrap(
                    chunk,
                    max(20, width),
                    initial_indent=indent + lead,
                    subsequent_indent=indent + lead + ("" if prose else "  "),
                    break_on_hyphens=False,
                    break_long_words=False,
                )
        return "\n".join(out)


def terminal_columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` gives it: ``COLUMNS`` when it
    is a positive number, else standard output's terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


class QuizParser(argparse.ArgumentParser):
    """An argument parser whose help is laid out by :class:`LayoutHelpFormatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", LayoutHelpFormatter)
        super().__init__(*args, **kwargs)
