"""Drafting a deck from article text in tests: one article, a fixed publication date."""

from __future__ import annotations

from typing import Any

from quizlib import PartialDate
from quizlib.draft import Article, draft_deck

TUESDAY = PartialDate(2019, 11, 19)  # a Tuesday


def draft(text: str, published: PartialDate | None = TUESDAY, source: str = "a") -> dict[str, Any]:
    """The draft deck (as data) of one article with this text."""
    return draft_deck([Article("a.txt", text, source, published)], deck_id="t", title="T")


def actor_kinds(*paragraphs: str) -> dict[str, str]:
    """Each drafted actor's name and kind, from a headline and these paragraphs."""
    return {a["name"]: a["kind"] for a in draft("\n\n".join(("Headline", *paragraphs)) + "\n")["actors"]}


def speakers(text: str) -> dict[str, str]:
    """Each drafted quote's text and its speaker's name ("?" for none)."""
    deck = draft(text)
    names = {a["id"]: a["name"] for a in deck["actors"]}
    return {q["text"]: names.get(q["speaker"], "?") for q in deck.get("quotes", [])}
