"""Small helpers for messages in English: counts with the right plural."""

from __future__ import annotations


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
