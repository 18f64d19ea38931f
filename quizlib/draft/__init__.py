"""Drafting a deck from articles: rule-based candidates for an author to review.

Offline and model-free. Every candidate is marked ``review: true``, cites its paragraph
(``pN``, the N-th non-empty line) and keeps the sentence it came from in ``note``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from quizlib.dates import PartialDate
from quizlib.numbers import NUMBER_WORDS

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH = "|".join(calendar.month_name[1:])
MONTH_NAMES = tuple(calendar.month_name[1:])
DATE_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH})(?: (?P<y1>\d{{4}}))?"
    rf"|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}})(?:, (?P<y2>\d{{4}}))?"
    rf"|(?P<m3>{_MONTH}) (?P<y3>\d{{4}})|(?P<last>[Ll]ast (?P<m4>{_MONTH}))"
    rf"|(?:in|since|until|of) (?P<y4>(?:19|20)\d{{2}}))\b"
)
QUOTE_RE = re.compile(r"[“\"]([^”\"]{3,}?)[”\"]")
NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
PERSON_RE = re.compile(rf"\b({NAME} {NAME}(?: {NAME})?)\b")
SAID_RE = re.compile(r"\b(said|says|added|stated|wrote|noted|told|according to|warned|announced)\b", re.I)
PRONOUN_RE = re.compile(r"\b(she|he|they) (said|added|noted|wrote|stated)\b", re.I)
QUALIFIERS = ("over", "nearly", "an estimated", "roughly", "more than", "about", "almost", "some", "at least")
FIGURE_RE = re.compile(
    rf"\b(?P<q>{'|'.join(QUALIFIERS)})?\s*(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|{'|'.join(NUMBER_WORDS)})"
    r"(?P<joined>-(?:strong|month|year|week|day))?\s+(?P<unit>[a-z][a-z-]+(?:\s[a-z]+)?)",
    re.I,
)
STOP_NAMES = {"Second Karabakh", "New Karabakh", "Prime Minister", "Foreign Minister", "Security Council"}
ROLE_BEFORE = re.compile(
    rf"\b((?:Kremlin|Foreign Ministry|President|Prime Minister|Secretary|Security Council Secretary"
    rf"|spokesperson|spokeswoman|Minister)[A-Za-z ]*?) ({NAME} {NAME})"
)


@dataclass
class Article:
    """One article to draft from."""

    path: str
    text: str
    source_id: str
    published: PartialDate | None = None
    outlet: str = ""
    author: str = ""
    title: str = ""


@dataclass
class Draft:
    """The candidates found so far, merged across articles."""

    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def new_id(self, text: str) -> str:
        """A unique slug from text."""
        base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "fact"
        slug, n = base, 2
        while slug in self.ids:
            slug, n = f"{base}-{n}", n + 1
        self.ids.add(slug)
        return slug


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of an article; pN is the N-th."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def sentences(paragraph: str) -> list[str]:
    """A paragraph split into sentences (keeping quotes that span sentences whole)."""
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[“\"A-Z(])", paragraph)
    return [p for p in parts if p]


def resolve_date(match: re.Match[str], published: PartialDate | None) -> PartialDate | None:
    """A date from a match; a year-less date is the latest such date not after publication."""
    g = match.groupdict()
    try:
        if g["y4"]:
            return PartialDate(int(g["y4"]))
        if g["m3"]:
            return PartialDate(int(g["y3"]), MONTHS[g["m3"].lower()])
        month_name = g["m1"] or g["m2"] or g["m4"]
        month = MONTHS[month_name.lower()]
        day = int(g["d1"] or g["d2"]) if (g["d1"] or g["d2"]) else None
        year_text = g["y1"] or g["y2"]
        if year_text:
            year = int(year_text)
        elif published is None:
            return None
        else:
            year = published.year
            if (month, day or 1) > (published.month or 12, published.day or 31):
                year -= 1  # "On September 21" in a January article means last year's
        return PartialDate.parse(f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else ""))
    except (ValueError, KeyError, TypeError):
        return None


def actor_id(draft: Draft, name: str, role: str = "", kind: str = "person") -> str:
    """The id of an actor, merging a surname-only mention into the full name."""
    for ident, actor in draft.actors.items():
        if actor["name"] == name or name in actor.get("aliases", []) or actor["name"].split()[-1] == name:
            if role and not actor.get("role"):
                actor["role"] = role
            return ident
    ident = draft.new_id(name)
    entry: dict[str, Any] = {"id": ident, "name": name, "kind": kind}
    if role:
        entry["role"] = role
    if kind == "person" and " " in name:
        entry["aliases"] = [name.split()[-1]]
    draft.actors[ident] = entry
    return ident


NOT_NAMES = frozenset(
    {"On", "In", "At", "The", "A", "An", "President", "Prime", "Minister", "Russian", "Armenian", "Security",
     "Council", "Foreign", "Ministry", "Deputy", "Commander", "Editor", "Chief", "Second", "New", "Republic",
     "Secretary", "State", "Defense", "Affairs", "United", "Nations", *MONTH_NAMES}
)  # fmt: skip
# An institution or a capital as the subject of a speech verb at the start of a clause:
# "Baku referred to this as", "The Ministry of Defense of Azerbaijan expressed".
INSTITUTION_RE = re.compile(
    r"(?:^|[.;]\s+|,\s+)(?:The\s+)?([A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+)*)\s+(?:has\s+|had\s+)?"
    r"(?:said|stated|announced|expressed|referred to this as|called|confirmed|described)\b"
)


def _person_names(draft: Draft) -> set[str]:
    return {
        form
        for a in draft.actors.values()
        if a.get("kind") == "person"
        for form in (a["name"], *a.get("aliases", []))
    }


def _is_name(candidate: str) -> bool:
    return not any(token in NOT_NAMES for token in candidate.split())


def speaker_of(draft: Draft, text: str, last_person: str | None, at: int = 0) -> str | None:
    """Who the quote at position ``at`` of this paragraph is attributed to.

    The speech verb nearest to the quote decides: an institution or capital that is its
    subject ("Baku referred to this as"), else the known actor (full name or surname) or new
    two- or three-word name nearest to it, else a pronoun ("she added") for the last named
    person.
    """
    # Blank out quoted text but keep positions, so distances are measured in the paragraph.
    outside = QUOTE_RE.sub(lambda m: " " * len(m.group(0)), text)
    verbs = [m.start() for m in SAID_RE.finditer(outside)]
    institutions = [
        (m.end(1), m.group(1))
        for m in INSTITUTION_RE.finditer(outside)
        if m.group(1) not in ("She", "He", "They", "It", "This")
        and m.group(1) not in _person_names(draft)
        and not PERSON_RE.fullmatch(m.group(1))
    ]
    if not verbs and not institutions:
        return None
    nearest_verb = min(verbs, key=lambda v: abs(v - at)) if verbs else None
    nearest_inst = min(institutions, key=lambda i: abs(i[0] - at)) if institutions else None
    if nearest_inst is not None and (
        nearest_verb is None or abs(nearest_inst[0] - at) <= abs(nearest_verb - at)
    ):
        return actor_id(draft, nearest_inst[1], kind="institution")
    assert nearest_verb is not None
    for match in ROLE_BEFORE.finditer(outside):
        if _is_name(match.group(2)):
            actor_id(draft, match.group(2), match.group(1).strip())
    mentions: list[tuple[int, str]] = []
    for ident, actor in draft.actors.items():
        if actor.get("kind") == "institution":
            continue
        for form in (actor["name"], *actor.get("aliases", [])):
            mentions.extend((m.start(), ident) for m in re.finditer(rf"\b{re.escape(form)}\b", outside))
    mentions.extend(
        (m.start(), actor_id(draft, m.group(1))) for m in PERSON_RE.finditer(outside) if _is_name(m.group(1))
    )
    pronoun = [m.start() for m in PRONOUN_RE.finditer(outside)] + [
        m.start() for m in re.finditer(r"\b[Aa]ccording to (her|him)\b", outside)
    ]
    best = min(mentions, key=lambda pair: abs(pair[0] - nearest_verb), default=None)
    if pronoun and last_person and (best is None or min(abs(p - at) for p in pronoun) < abs(best[0] - at)):
        return last_person
    return best[1] if best else last_person if pronoun else None


def draft_article(draft: Draft, article: Article) -> None:
    """Add one article's candidates to the draft."""
    last_person: str | None = None
    for number, para in enumerate(paragraphs(article.text), start=1):
        cite = [f"{article.source_id}:p{number}"]
        for match in ROLE_BEFORE.finditer(para):
            if _is_name(match.group(2)):
                actor_id(draft, match.group(2), match.group(1).strip())
        # Quotes may span sentences, so they are found in the whole paragraph.
        # Short capitalised quotes are names and titles ("SeverPost", "Second Karabakh War"), not speech.
        quotes = [
            q.strip().rstrip(",")
            for q in QUOTE_RE.findall(para)
            if not (
                len(q.split()) <= 4
                and q.strip()[:1].isupper()
                and not q.rstrip().endswith((",", ".", "!", "?"))
            )
        ]
        for text in quotes:
            speaker = speaker_of(draft, para, last_person, para.find(text))
            if speaker is not None and draft.actors.get(speaker, {}).get("kind") == "person":
                last_person = speaker
            draft.quotes.append(
                {
                    "id": draft.new_id(f"quote {text[:30]}"),
                    "text": text,
                    "speaker": speaker or "unknown-speaker",
                    "sources": cite,
                    "review": True,
                    "note": f'from: "{para}"' if speaker else f'unattributed; from: "{para}"',
                }
            )
        for sentence in sentences(para):
            note = f'from: "{sentence}"'
            for match in DATE_RE.finditer(sentence):
                date = resolve_date(match, article.published)
                if date is not None:
                    gist = re.sub(r"\s+", " ", sentence)[:160]
                    draft.events.append(
                        {
                            "id": draft.new_id(f"event {date.iso()}"),
                            "date": date.iso(),
                            "text": gist,
                            "sources": cite,
                            "review": True,
                            "note": note,
                        }
                    )
            if not QUOTE_RE.search(sentence):
                for match in PERSON_RE.finditer(sentence):
                    if match.group(1) not in STOP_NAMES and match.group(1) in {
                        a["name"] for a in draft.actors.values()
                    }:
                        last_person = actor_id(draft, match.group(1))
            for match in FIGURE_RE.finditer(QUOTE_RE.sub(" ", sentence)):
                raw = match.group("n").lower()
                value = NUMBER_WORDS.get(raw)
                if value is None:
                    value = int(raw.replace(",", ""))
                unit = (match.group("joined") or "").lstrip("-").replace("strong", "troops") or match.group(
                    "unit"
                )
                looks_like_year = re.fullmatch(r"(19|20)\d\d", raw) and not match.group("joined")
                if looks_like_year or value == 0 or not unit:
                    continue
                entry = {
                    "id": draft.new_id(f"figure {value} {unit}"),
                    "value": value,
                    "unit": unit,
                    "counts": re.sub(r"\s+", " ", sentence)[:160],
                    "sources": cite,
                    "review": True,
                    "note": note,
                }
                if match.group("q"):
                    entry["qualifier"] = match.group("q").lower()
                draft.figures.append(entry)


def draft_deck(
    articles: Sequence[Article], *, deck_id: str = "draft", title: str = "Draft deck"
) -> dict[str, Any]:
    """A draft deck (as data for YAML) from one or more articles, one source each."""
    draft = Draft()
    sources = []
    for article in articles:
        draft_article(draft, article)
        lines = paragraphs(article.text)
        source: dict[str, Any] = {
            "id": article.source_id,
            "title": article.title or (lines[0] if lines else article.path),
        }
        if article.outlet:
            source["outlet"] = article.outlet
        if article.author:
            source["author"] = article.author
        if article.published:
            source["published"] = article.published.iso()
        sources.append(source)
    if any(q["speaker"] == "unknown-speaker" for q in draft.quotes):
        draft.actors["unknown-speaker"] = {
            "id": "unknown-speaker",
            "name": "Unknown speaker",
            "kind": "person",
        }
    deck: dict[str, Any] = {
        "quizlib": 1,
        "deck": {
            "id": deck_id,
            "title": title,
            "description": "A draft made by quizlib draft; review every entry.",
        },
        "sources": sources,
        "actors": list(draft.actors.values()),
    }
    for name in ("events", "quotes", "figures"):
        if getattr(draft, name):
            deck[name] = getattr(draft, name)
    return deck
