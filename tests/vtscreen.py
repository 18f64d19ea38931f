"""A tiny VT100 screen for tests: enough of the escape codes prompt_toolkit writes.

prompt_toolkit redraws only the cells that changed, so the raw output of a pty never
holds a whole screen; feeding it through this grid gives the text a person would see.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"\x1b\[([?>=]?)([0-9;]*)([A-Za-z@])"  # CSI: cursor moves, erasing, colours, modes
    r"|\x1b[()][0-9A-Za-z]|\x1b[=>78]"  # charsets, keypad modes, save and restore
    r"|[\r\n\b\x07]|[^\x1b\r\n\b\x07]"
)


class Screen:
    """A grid of ``rows`` x ``columns`` cells, updated by :meth:`feed`."""

    def __init__(self, rows: int, columns: int) -> None:
        self.rows, self.columns = rows, columns
        self.grid = [[" "] * columns for _ in range(rows)]
        self.y = self.x = 0

    def _clear(self, y: int, start: int, end: int) -> None:
        for x in range(start, min(end, self.columns)):
            self.grid[y][x] = " "

    def feed(self, data: str) -> None:
        """Apply terminal output to the grid."""
        for match in _TOKEN.finditer(data):
            text = match.group(0)
            if match.group(3):
                private, params, code = match.group(1), match.group(2), match.group(3)
                if private:
                    continue  # modes (cursor visibility, alternate screen, mouse...)
                numbers = [int(p) if p else 0 for p in params.split(";")] if params else []
                n = numbers[0] if numbers and numbers[0] else 1
                if code == "H":
                    row = numbers[0] if numbers and numbers[0] else 1
                    col = numbers[1] if len(numbers) > 1 and numbers[1] else 1
                    self.y, self.x = min(row, self.rows) - 1, min(col, self.columns) - 1
                elif code == "A":
                    self.y = max(0, self.y - n)
                elif code == "B":
                    self.y = min(self.rows - 1, self.y + n)
                elif code == "C":
                    self.x = min(self.columns - 1, self.x + n)
                elif code == "D":
                    self.x = max(0, self.x - n)
                elif code == "K":
                    self._clear(self.y, self.x, self.columns)
                elif code == "J":
                    self._clear(self.y, self.x, self.columns)
                    for y in range(self.y + 1, self.rows):
                        self._clear(y, 0, self.columns)
            elif text == "\r":
                self.x = 0
            elif text == "\n":
                self.y = min(self.rows - 1, self.y + 1)
            elif text == "\b":
                self.x = max(0, self.x - 1)
            elif len(text) == 1 and text >= " ":
                if self.x >= self.columns:  # pending wrap at the right margin
                    self.x, self.y = 0, min(self.rows - 1, self.y + 1)
                self.grid[self.y][self.x] = text
                self.x += 1

    def lines(self) -> list[str]:
        """The screen's rows, trailing spaces removed."""
        return ["".join(row).rstrip() for row in self.grid]

    def text(self) -> str:
        """The screen as text, one row per line."""
        return "\n".join(self.lines())
