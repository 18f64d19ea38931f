"""Anki interoperability: .apkg export (genanki), Anki's text format (TSV), and TSV import.

Every generated question becomes a front/back note. The back comes from the question type's
``answer(question)`` (the answer, what else is accepted, the explanation), so any plugin's
questions export without plugin-specific code. A type without ``answer()`` gets
:data:`NO_ANSWER_TEXT` on the back: its grader is never fed made-up answers.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from quizlib.errors import QuizError
from quizlib.model import Answer, Deck, PromptKind, Question
from quizlib.plugins import PluginHost
from quizlib.study.questions import answer_of
from quizlib.termsafe import terminal_safe

#: The back of a card whose question type cannot tell its answer (it has no ``answer()``).
NO_ANSWER_TEXT = "(no answer text: this question type does not tell its answer)"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
CLOZE = re.compile(r"\{\{c\d+::(.+?)(?:::[^}]*)?\}\}")


@dataclass(frozen=True)
class Card:
    """A question as an Anki note: HTML front and back, tags, a stable GUID."""

    guid: str
    front: str
    back: str
    tags: tuple[str, ...]


def stable_id(*parts: str, bits: int = 31) -> int:
    """A stable positive integer from text (Anki model and deck ids must not change)."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") % (1 << bits) + (1 << 30)


def guid_for(deck_id: str, question_id: str) -> str:
    """A stable note GUID, so re-exporting updates notes instead of duplicating them."""
    return hashlib.sha256(f"quizlib|{deck_id}|{question_id}".encode()).hexdigest()[:20]


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def to_card(question: Question, deck: Deck, host: PluginHost) -> Card:
    """Render one question as a note."""
    p = question.prompt
    front = [f"<div>{_esc(p.text)}</div>"]
    if p.kind is PromptKind.ORDER:
        front.append(
            "<p>Put in order, earliest first:</p><ol>"
            + "".join(f"<li>{_esc(i)}</li>" for i in p.items)
            + "</ol>"
        )
    elif p.choices:
        items = "".join(f"<li>{_LETTERS[i]}) {_esc(c)}</li>" for i, c in enumerate(p.choices))
        front.append(f"<ul style='list-style:none'>{items}</ul>")
    qt = host.question_types[question.type]
    known = answer_of(qt, question) if callable(getattr(qt, "answer", None)) else None
    answer = known or Answer(NO_ANSWER_TEXT)
    back = [
        f"<div><b>{_esc(answer.text)}</b></div>",
        f"<div>{_esc('; '.join(answer.accepted))}</div>" if answer.accepted else "",
        f"<div>{_esc(answer.detail)}</div>" if answer.detail else "",
    ]
    cited = deck.cite(question.fact.sources)
    if cited:
        back.append(f"<div><small>Source: {_esc(cited)}</small></div>")
    # A tag the deck and the fact both carry is one tag (Anki keeps a note's tags as a set).
    named = (*deck.tags, *question.tags, f"quizlib::{question.type}")
    tags = tuple(dict.fromkeys(re.sub(r"\s+", "_", t) for t in named))
    return Card(guid_for(deck.id, question.id), "".join(front), "".join(b for b in back if b), tags)


def write_apkg(deck: Deck, cards: Sequence[Card], path: str) -> None:
    """Write an Anki package with one Basic-style note per card.

    Raises:
        QuizError: When genanki (the ``anki`` extra) is not installed.
    """
    try:
        import genanki
    except ImportError:
        raise QuizError("Anki export needs genanki: pip install 'quizlib[anki]'") from None
    model = genanki.Model(
        stable_id("model", "quizlib-basic"),
        "quizlib basic",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
    )
    anki_deck = genanki.Deck(stable_id("deck", deck.id), deck.title)
    for card in cards:
        anki_deck.add_note(
            genanki.Note(model=model, fields=[card.front, card.back], guid=card.guid, tags=list(card.tags))
        )
    genanki.Package(anki_deck).write_to_file(path)


def _field(text: str) -> str:
    return terminal_safe(text.replace("\t", " ").replace("\n", "<br>").replace("\r", ""))


def to_tsv(deck: Deck, cards: Iterable[Card]) -> str:
    """Anki's "Notes in Plain Text" format with header lines, so Anki imports it as is."""
    lines = [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        f"#deck:{_field(deck.title)}",
        f"#tags:{' '.join(re.sub(r'[ ]+', '_', t) for t in deck.tags)}",
        "#columns:Front\tBack\tTags\tGUID",
        "#tags column:3",
        "#guid column:4",
    ]
    for c in cards:
        lines.append("\t".join([_field(c.front), _field(c.back), _field(" ".join(c.tags)), c.guid]))
    return "\n".join(lines) + "\n"


#: Tags that start a new line in Anki's HTML (the rest run on inline).
BLOCK_TAGS = frozenset(
    {"address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section"}
    | {"table", "tbody", "td", "th", "thead", "tr", "ul"}
)


class _TextOfHtml(HTMLParser):
    """Collects the text of an HTML field, with a line break at each block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        # In HTML a line break in the text is a space; only tags break lines.
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(text: str) -> str:
    """Anki HTML as plain text: tags dropped, entities decoded, a line per block.

    ``<div>``, ``<li>``, ``<br>`` and the other block tags end a line, so list items and
    paragraphs do not run together; spaces inside a line are collapsed, blank lines dropped.
    """
    parser = _TextOfHtml()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", html_to_text(text).lower()).strip("-")[:40].strip("-") or "card"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def read_tsv(text: str) -> tuple[dict[str, str], list[list[str]]]:
    """Header settings (``#key:value``) and rows of an Anki text export.

    Fields may be quoted as Anki writes them (``"a field with a<TAB>tab or a line break"``,
    ``""`` for a quote), so one note can span several lines.
    """
    headers: dict[str, str] = {}
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and (lines[start].startswith("#") and ":" in lines[start]):
        key, _, value = lines[start][1:].rstrip("\r\n").partition(":")
        headers[key.strip().lower()] = value
        start += 1
    name = headers.get("separator", "tab")
    sep = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}.get(name.lower(), name)
    reader = csv.reader(io.StringIO("".join(lines[start:])), delimiter=sep[:1] or "\t")
    return headers, [row for row in reader if any(field.strip() for field in row)]


def tsv_to_deck(text: str, deck_id: str, title: str) -> dict[str, Any]:
    """A deck (as data for YAML) from basic and cloze notes in Anki's text format.

    Raises:
        QuizError: When no note could be read.
    """
    headers, rows = read_tsv(text)
    columns = (
        [c.strip().lower() for c in headers.get("columns", "").split("\t")] if "columns" in headers else []
    )
    tag_col = (
        int(headers["tags column"]) - 1
        if "tags column" in headers
        else (columns.index("tags") if "tags" in columns else None)
    )
    taken: set[str] = set()
    cards: list[dict[str, Any]] = []
    for row in rows:
        fields = [
            f
            for i, f in enumerate(row)
            if i != tag_col and (not columns or i >= len(columns) or columns[i] != "guid")
        ]
        tags = row[tag_col].split() if tag_col is not None and tag_col < len(row) else []
        if not fields or not html_to_text(fields[0]):
            continue
        front = fields[0]
        card: dict[str, Any]
        if CLOZE.search(front):
            cloze = CLOZE.sub(lambda m: "{{" + " ".join(html_to_text(m.group(1)).split()) + "}}", front)
            card = {
                "id": _slug(CLOZE.sub(lambda m: m.group(1), front), taken),
                "type": "cloze",
                "text": html_to_text(cloze),
            }
        elif len(fields) >= 2 and html_to_text(fields[1]):
            card = {
                "id": _slug(front, taken),
                "type": "basic",
                "front": html_to_text(front),
                "back": html_to_text(fields[1]),
            }
        else:
            continue
        clean_tags = [t.lower() for t in tags if not t.startswith("quizlib::")]
        if clean_tags:
            card["tags"] = clean_tags
        cards.append(card)
    if not cards:
        raise QuizError(
            "no basic or cloze notes found (expected Front<TAB>Back lines, or cloze text with {{c1::...}})"
        )
    return {"quizlib": 1, "deck": {"id": deck_id, "title": title}, "cards": cards}
