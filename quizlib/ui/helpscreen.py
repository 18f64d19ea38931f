"""The ``?`` help of the study screen, laid out for the terminal's width and height,
and the paging it shares with an outcome too long for the screen.

The help is a table of keys, wrapped at word boundaries with the descriptions indented
under each other, and paged when it does not fit: the Esc rule comes first because a
newcomer who types ``s`` into a name field and sees an ``s`` appear needs it most.
Like :mod:`quizlib.ui.render`, this module does not import prompt_toolkit.
"""

from __future__ import annotations

from quizlib.wording import wrap_words

Fragments = list[tuple[str, str]]

#: Said before the table: where a letter types, commands need Esc first.
ESC_RULE = (
    "Where letters type an answer (names, numbers, dates, text, cards, a choice's option "
    "letters), press Esc before a command key: Esc u undo, Esc s skip, Esc b bury, Esc q quit. "
    "Alt+key works the same."
)

#: (keys, what they do), the most needed first.
KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", "answer; reveal a card; save the selected rating"),
    ("1-4", "after an answer: select again, hard, good or easy"),
    ("Up Down j k", "move the highlight in a list"),
    (
        "Space",
        "ordering: grab the highlighted item, move it, Space drops it; choice: pick it; "
        "all that apply: tick or untick it",
    ),
    ("3142", "type an order directly (3 1 4 2 too); typing a, b or 2 picks an option, t or f a verdict"),
    ("Tab", "complete a name (never on an empty field)"),
    ("u", "undo: take back the answer on screen, else the last saved one"),
    ("s  b", "skip for now; bury until tomorrow"),
    ("q  Ctrl-D", "quit; Ctrl-C quits too (exit status 130)"),
    ("?", "this help"),
)

#: Said after the table.
SAVING = (
    "Answers are saved the moment you rate them; quitting saves an answer already graded "
    "with its suggested rating."
)

#: Keys narrower than this share the line with their description.
KEY_COLUMN = 13


def _paragraph(text: str, width: int, style: str = "") -> list[Fragments]:
    return [[(style, line)] for line in wrap_words(text, max(10, width), hang=False)]


def help_lines(width: int) -> list[Fragments]:
    """Every line of the help at ``width`` columns, never breaking inside a word.

    Below 40 columns the keys go on a line of their own and the description below,
    indented, because two columns would leave too little room for either.
    """
    lines: list[Fragments] = [[("class:label", "Keys")], *_paragraph(ESC_RULE, width), []]
    two_columns = width >= 40
    indent = KEY_COLUMN if two_columns else 2
    for keys, what in KEYS:
        wrapped = wrap_words(what, max(10, width - indent), hang=False)
        if two_columns:
            lines.append([("class:key", keys.ljust(KEY_COLUMN)), ("", wrapped[0])])
            rest = wrapped[1:]
        else:
            lines.append([("class:key", keys)])
            rest = wrapped
        lines += [[("", " " * indent + more)] for more in rest]
    return [*lines, [], *_paragraph(SAVING, width)]


def split_lines(fragments: Fragments) -> list[Fragments]:
    """Pre-wrapped fragments as one list of fragments per line."""
    lines: list[Fragments] = [[]]
    for style, text in fragments:
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if part:
                lines[-1].append((style, part))
    if not lines[-1]:
        lines.pop()  # the text ended with a line break
    return lines


def paged(
    lines: list[Fragments], top: int, rows: int, more_hint: str = "-- Space: more; other keys close --"
) -> tuple[Fragments, bool]:
    """The lines from ``top`` that fit in ``rows``, joined, and whether more follow.

    When the lines do not all fit, the last row shows ``more_hint`` instead.
    """
    rows = max(1, rows)
    more = top + rows < len(lines)
    shown = lines[top : top + (rows - 1 if more else rows)]
    out: Fragments = []
    for line in shown:
        out += [*line, ("", "\n")]
    if more:
        out += [("class:hint", more_hint), ("", "\n")]
    return out, more
