"""Small helpers for text in English: plurals, shortening, wrapping at words."""

from __future__ import annotations

import re

#: A line starting with one of these continues under the text after it when wrapped.
HANGING = re.compile(r"^(?:\d+[.)] |[-*•] |[A-Z][a-z]*:\s+)")


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``1 source``, ``2 sources``; ``many`` for irregular plurals (``1 entry``, ``2 entries``)."""
    word = singular if count == 1 else (many or f"{singular}s")
    return f"{count} {word}"


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut at a word with an ellipsis when longer than ``width``."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: max(1, width - 1)]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def wrap_words(text: str, width: int, *, hang: bool = True) -> list[str]:
    """``text`` in lines of at most ``width``, broken between words, never at a hyphen.

    With ``hang``, a line that starts with a label (``Answer: ``) or a list marker
    (``1. ``, ``- ``) continues under the text after it, so a wrapped answer or list
    item reads as one block; a word longer than a line is still split to fit.
    """
    import textwrap  # only where text is wrapped to a width: plain mode prints lines whole

    marker = HANGING.match(text) if hang else None
    indent = " " * len(marker.group(0)) if marker and len(marker.group(0)) <= width // 3 else ""
    return textwrap.wrap(text, max(1, width), subsequent_indent=indent, break_on_hyphens=False) or [""]
