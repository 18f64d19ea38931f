"""Deck text made safe to print: control characters shown as escapes, never obeyed.

A shared deck is untrusted input. Printed raw, ``ESC [ 2 J`` clears the screen, an OSC
sequence retitles the window or (OSC 52) writes the clipboard, and a bidi override makes
text read differently from what it is. Every path that prints deck text in line mode or
to a file goes through :func:`terminal_safe` (the interactive UI draws through
prompt_toolkit, which already shows control characters as ``^[``).
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls (0x9b alone is a CSI in some
# terminals), the Unicode line and paragraph separators, and the bidi embeddings,
# overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible escape (``\\x1b``, ``\\u202e``).

    Tabs and newlines are kept; everything else printable is unchanged.
    """
    return _UNSAFE.sub(_escape, text)


def json_safe(text: str) -> str:
    """JSON text (as ``json.dumps(..., ensure_ascii=False)`` writes it) with the characters
    JSON leaves raw but a terminal obeys written as ``\\uXXXX`` escapes; the data is unchanged."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
