"""Drafting a deck from articles: rule-based candidates for an author to review.

Offline and model-free. Every candidate is marked ``review: true``, cites its paragraph
(``pN``, the N-th non-empty line) and keeps the sentence it came from in ``note``.
Several articles merge into one draft: one source each, actors shared.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from quizlib.dates import PartialDate
from quizlib.draft.actors import Actors, scan
from quizlib.draft.dates import find_dates
from quizlib.draft.figures import find_figures
from quizlib.draft.referents import Before, Referent, named, owned_role, resolve
from quizlib.draft.speakers import Paragraph, Recent, attribute
from quizlib.draft.stamps import header_date
from quizlib.draft.text import (
    Quote,
    byline,
    clean_quote,
    gist,
    is_fragment,
    is_prose,
    mask,
    paragraphs,
    quotes,
    sentence_spans,
    title_and_outlet,
    unlabelled,
    without_dateline,
)
from quizlib.grading.textmatch import content_words

__all__ = ["Article", "Draft", "author_of", "draft_deck", "paragraphs"]

# A quotation right after these words names a term or a title ("the term “ethnic cleansing”").
# As the question lint counts (quizlib.questionlint.choices, a floor above this one): a quote
# of fewer words is asked with its context, which must add this many words of its own.
SHORT_QUOTE = 6
CONTEXT_WORDS = 3
# Speech verbs say nothing of where a quote belongs.
_SPEECH = frozenset(content_words("said says saying told added stated wrote called described").keys())
_TERM_BEFORE = re.compile(
    r"\b(?:term|word|words|phrase|slogan|label|so-called|dubbed|titled|entitled|named|publication|newspaper"
    r"|magazine|channel|headline|hashtag|known as)\s*$",
    re.I,
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

    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    actors: Actors = field(init=False)
    # The next suffix per slug base and the figures kept, so many repeats stay linear.
    suffix: dict[str, int] = field(default_factory=dict)
    figure_keys: set[tuple[Any, ...]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.actors = Actors(self.new_id)

    def new_id(self, text: str) -> str:
        """A unique slug from text."""
        base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "fact"
        slug, n = base, self.suffix.get(base, 2)
        while slug in self.ids:
            slug, n = f"{base}-{n}", n + 1
        self.suffix[base] = n
        self.ids.add(slug)
        return slug


def _is_title(text: str) -> bool:
    # Short capitalised words without a stop are a name or a title ("SeverPost", "Second Karabakh War").
    words = text.split()
    return (
        len(words) <= 4
        and all(w[:1].isupper() or not w[:1].isalpha() for w in words[:1])
        and not (text.rstrip().endswith((",", ".", "!", "?")))
    )


def _around_span(para: str, context: Paragraph, quote: Quote) -> tuple[int, int]:
    # The sentences the quotation touches, and the next one when it holds the speech verb;
    # found by bisection, so a paragraph of many quotations stays linear.
    spans, starts = context.spans, context.starts
    first = max(bisect_right(starts, quote.start) - 1, 0)
    last = max(bisect_left(starts, quote.end) - 1, first)
    if not spans:
        return 0, len(para)
    if para[quote.end - 2 : quote.end - 1] in (",", "") and last + 1 < len(spans):
        last += 1
    return spans[first][0], spans[last][1]


def _around(para: str, context: Paragraph, quote: Quote) -> str:
    a, b = _around_span(para, context, quote)
    return gist(para[a:b], 400)


def _setting(para: str, context: Paragraph, quote: Quote, speaker: dict[str, Any]) -> str:
    """A short quote's sentences with the quote left out, as its ``context``; its whole
    paragraph when they say too little beside the speaker's name and the speech verb ("“We
    did it,” Reyes said.")."""
    names = " ".join([str(speaker.get("name", "")), *speaker.get("aliases", [])])
    known = content_words(names).keys() | content_words(quote.text).keys() | _SPEECH
    a, b = _around_span(para, context, quote)
    # Bounded, so a paragraph of many short quotes stays linear.
    near = (max(0, quote.start - 400), quote.end + 400)
    setting = ""
    for start, end in ((max(a, near[0]), min(b, near[1])), near):
        setting = gist(f"{para[start : quote.start]}…{para[quote.end : end]}", 400).strip(" .,;:")
        if len(content_words(setting).keys() - known) >= CONTEXT_WORDS:
            break
    return setting if content_words(setting).keys() - known else ""


def _quotes(draft: Draft, para: str, cite: list[str], recent: Recent) -> None:
    found = quotes(para)
    spans = sentence_spans(para)
    context = Paragraph.read(draft.actors, mask(para, found), spans)
    for quote in found:
        text = clean_quote(quote.text)
        if _is_title(quote.text.strip()) or _TERM_BEFORE.search(para[max(0, quote.start - 40) : quote.start]):
            continue
        speaker, speech = attribute(draft.actors, context, quote, recent)
        if speaker is None and not speech:
            continue
        if speaker is not None:
            recent.quoted = speaker
            if draft.actors.kind(speaker) == "institution":
                recent.org = speaker
        entry = {
            "id": draft.new_id(f"quote {text[:30]}"),
            "text": text,
            "speaker": speaker or "unknown-speaker",
            "sources": list(cite),
            "review": True,
            "note": ("" if speaker else "unattributed; ") + f'from: "{_around(para, context, quote)}"',
        }
        if sum(1 for w in text.split() if any(c.isalnum() for c in w)) < SHORT_QUOTE:
            # A few words ("devastated", "We did it") cannot be placed alone: asked with their sentence.
            # Kept even without one: the author can add a question (check --questions flags it).
            setting = _setting(para, context, quote, draft.actors.entries.get(speaker or "", {}))
            if setting:
                entry["context"] = setting
        draft.quotes.append(entry)


def _gapped(sentence: str, start: int, end: int) -> str:
    """A fact's text: its sentence with the answer left out, without a live blog's label."""
    return unlabelled(gist(f"{sentence[:start]}…{sentence[end:]}"))


def _figures(
    draft: Draft, sentence: str, undated: str, cite: list[str], note: str, referent: Referent | None
) -> None:
    for figure in find_figures(undated):
        key = (figure.value, figure.unit, cite[0])
        if key in draft.figure_keys:
            continue
        draft.figure_keys.add(key)
        entry: dict[str, Any] = {
            "id": draft.new_id(f"figure {figure.value} {figure.unit}"),
            "value": figure.value,
            "unit": figure.unit,
            # The sentence without the number, so the question does not give it away.
            "counts": named(
                unlabelled(gist(f"{sentence[: figure.start]}…{sentence[figure.end :]}")), referent
            ),
            "sources": list(cite),
            "review": True,
            "note": note,
        }
        if figure.qualifier:
            entry["qualifier"] = figure.qualifier
        if figure.tolerance:
            entry["upper"] = figure.tolerance[1]  # a range, "40 to 50 years": any value in it counts
        draft.figures.append(entry)


def _facts(
    draft: Draft, article: Article, para: str, cite: list[str], context: Paragraph, before: Before
) -> Before:
    """Add the events and figures of a paragraph; return its last sentence.

    ``before`` is the sentence before the paragraph, where a pronoun opening its first
    sentence may find whom it means; ``context`` gives the paragraph's subjects and speakers.
    """
    for a, b in sentence_spans(para):
        sentence = para[a:b]
        referent = resolve(draft.actors, before, sentence)
        owned_role(draft.actors, sentence, before.text, referent)  # "Its chair, Jane Doe, said"
        # By bisection: a paragraph of many sentences stays linear.
        people = [
            who
            for _, who in context.people[
                bisect_left(context.people, (a, "")) : bisect_left(context.people, (b, ""))
            ]
        ]
        if referent is not None and not people and referent.word in ("He", "She"):
            people = [referent.actor]  # "He was 100." carries Kissinger to "His consulting firm"
        before = Before(sentence, people)
        note = f'from: "{gist(sentence)}"'
        if is_fragment(sentence):
            continue  # "and today you saw the result.": a piece of a quotation, no fact's text
        found = find_dates(sentence, article.published)
        seen: set[str] = set()
        for mention in found:
            iso = mention.date.iso()
            if iso in seen or mention.in_passing:
                continue
            seen.add(iso)
            event: dict[str, Any] = {
                "id": draft.new_id(f"event {iso}"),
                "date": iso,
                # The date left out, so neither "when?" nor a timeline shows its answer.
                "text": named(
                    unlabelled(gist(f"{sentence[: mention.start]}…{sentence[mention.end :]}")), referent
                ),
                "sources": list(cite),
                "review": True,
                "note": note + ("; date inferred from the publication date" if mention.inferred else ""),
            }
            if mention.relative:
                event["date_inferred"] = True  # "on Saturday": no date is stated, so none is asked
            draft.events.append(event)
        # A date's numbers are not figures: blank them out first.
        undated = list(sentence)
        for mention in found:
            undated[mention.start : mention.end] = " " * (mention.end - mention.start)
        _figures(draft, sentence, "".join(undated), cite, note, referent)
    return before


def draft_article(draft: Draft, article: Article) -> None:
    """Add one article's candidates to the draft."""
    recent = Recent()
    last = Before()  # the last sentence of the paragraph before
    for number, para in enumerate(paragraphs(article.text), start=1):
        if not is_prose(para):
            continue  # headlines, bylines, "3 Min Read", "Share This Article"
        cite = [f"{article.source_id}:p{number}"]
        para = without_dateline(para)
        _quotes(draft, para, cite, recent)
        context = Paragraph.read(draft.actors, mask(para, quotes(para)), [])
        last = _facts(draft, article, para, cite, context, last)
        for cue in context.cues:
            if cue.kind == "institution" and cue.name and " " in cue.name:
                draft.actors.add(cue.name, "institution")  # "The UN refugee agency has reported"
        recent.person = context.last_subject(draft.actors, len(para), recent.person)


_STAMP = re.compile(r"(?:Published|Updated|Posted|First published|Last updated|Last modified)\b", re.I)


def published_of(text: str) -> PartialDate | None:
    """The publication date an article's header gives ("The Washington Post, March 18, 2015",
    "26 May 2021"): the first full date before its first paragraph of prose, else None."""
    for line in paragraphs(text):
        if is_prose(line) and not _STAMP.match(line):  # "Updated 10:15 a.m. ET, ..." reads as prose
            break
        found = header_date(line)
        if found is not None:
            return found
    return None


def author_of(text: str) -> str:
    """The author named in an article's byline ("By Jane Writer"), or ""."""
    return next((name for line in paragraphs(text) if (name := byline(line))), "")


def draft_deck(
    articles: Sequence[Article], *, deck_id: str = "draft", title: str = "Draft deck"
) -> dict[str, Any]:
    """A draft deck (as data for YAML) from one or more articles, one source each."""
    draft = Draft()
    articles = [a if a.published else replace(a, published=published_of(a.text)) for a in articles]
    draft.actors.excluded.update(a.author or author_of(a.text) for a in articles)
    scan(draft.actors, ((a.source_id, p) for a in articles for p in paragraphs(a.text) if is_prose(p)))
    sources = []
    for article in articles:
        draft.actors.article = article.source_id
        draft_article(draft, article)
        lines = paragraphs(article.text)
        found_title, found_outlet = title_and_outlet(lines)
        source: dict[str, Any] = {
            "id": article.source_id,
            "title": article.title or found_title or Path(article.path).stem,
        }
        if article.outlet or found_outlet:
            source["outlet"] = article.outlet or found_outlet
        if article.author or author_of(article.text):
            source["author"] = article.author or author_of(article.text)
        if article.published:
            source["published"] = article.published.iso()
        sources.append(source)
    actors = list(draft.actors.entries.values())
    if any(q["speaker"] == "unknown-speaker" for q in draft.quotes):
        actors.append({"id": "unknown-speaker", "name": "Unknown speaker", "kind": "person"})
    deck: dict[str, Any] = {
        "quizlib": 1,
        "deck": {
            "id": deck_id,
            "title": title,
            "description": "A draft made by quizlib draft; review every entry.",
        },
        "sources": sources,
        "actors": actors,
    }
    for name in ("events", "quotes", "figures"):
        if getattr(draft, name):
            deck[name] = getattr(draft, name)
    return deck
