"""Splitting an article into paragraphs, sentences and quotations.

Offsets are kept everywhere, so later passes can measure how far a speech verb is from a
quotation and blank quoted words out without moving anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line is prose when it reads as sentences; page furniture ("Published", "3 Min Read",
# "Get the Mirror in your inbox:", a headline) is kept for numbering but not mined.
_PROSE_END = re.compile(r"[.!?][”\"’)\]]*\s*$|[.!?][”\"’)\]]*\s+[“\"A-Z(]")
_BYLINE = re.compile(r"^By ([A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){1,3})\s*$")
_OPEN = {"“": "”", '"': '"', "«": "»"}
# A wire dateline before the first sentence: "CAIRO — ", "NEW YORK (Reuters) - ",
# "CAPE CANAVERAL, Fla. (AP) — ". The place is in capitals; the agency is optional.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?"
    r"(?: \([A-Z][\w. ]{0,30}\))?\s*[—–-]{1,2}\s+(?=[“\"A-Z])"
)


@dataclass(frozen=True)
class Quote:
    """A quotation in a paragraph: ``start``/``end`` include the quotation marks."""

    start: int
    end: int
    text: str


# Markdown's marks around words: "# Title", "> quoted", "**By Jane Writer**", "[text](url)".
_MD_LINE = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+]\s+(?=\S))")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")


def plain_line(line: str) -> str:
    """A line of an article without Markdown's marks (the words are kept)."""
    line = _MD_LINE.sub("", line.strip())
    line = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line))
    return _MD_EMPHASIS.sub(r"\2", line).strip()


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of an article, Markdown's marks removed; pN is the N-th (an
    image line, left empty, keeps its number)."""
    return [plain_line(line) for line in text.splitlines() if line.strip()]


def is_prose(paragraph: str) -> bool:
    """Whether a paragraph is running text rather than a headline or page furniture."""
    return len(paragraph.split()) >= 6 and bool(_PROSE_END.search(paragraph))


def without_dateline(paragraph: str) -> str:
    """The paragraph without a leading wire dateline ("CAIRO — Gunmen opened fire" → "Gunmen
    opened fire"): the place and agency are not part of any fact, and a question quoting the
    sentence should not begin with them."""
    match = _DATELINE.match(paragraph)
    return paragraph[match.end() :] if match and sum(c.isupper() for c in match.group(0)) >= 3 else paragraph


def byline(paragraph: str) -> str | None:
    """The author's name when the paragraph is a byline ("By Jane Writer")."""
    match = _BYLINE.match(paragraph)
    return match.group(1) if match else None


_POST_FOOTER = re.compile(r"^The post (?P<title>.+?) appeared first on (?P<outlet>.+?)\.?$")


def title_and_outlet(lines: list[str]) -> tuple[str, str]:
    """The headline and the outlet an article's lines name, "" when not found.

    A feed footer ("The post TITLE appeared first on OUTLET.") names both; otherwise the
    title is the first line of four or more words that is neither prose nor a byline.
    """
    for line in lines[-3:]:
        footer = _POST_FOOTER.match(line)
        if footer:
            return footer.group("title"), footer.group("outlet")
    for line in lines:
        if is_prose(line):
            break
        if len(line.split()) >= 4 and not byline(line) and not line.endswith(":"):
            return line, ""
    return "", ""


def gist(text: str, limit: int = 240) -> str:
    """Text on one line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


# What leads a live blog's entry, not part of its fact: the entry's time ("11.52 ") and a
# label ("Key points: ", "Some background: ", "Update: "), a few words, the first capitalised;
# and a timeline entry's date, gapped ("…: Construction begins." of "3/14/2019: Construction
# begins.").
_ENTRY_LEAD = re.compile(
    r"^(?:(?:[01]?\d|2[0-3])[.:][0-5]\d\s+(?=[A-Z]))?"
    r"(?:(?:[A-Z][a-z]+(?: [a-z]+){1,2}|Update|Updated|Breaking|Latest|Background|Analysis|Recap"
    r"|Correction|Summary|Context|…):\s+(?=\S))?"
)


def unlabelled(text: str) -> str:
    """A fact's text without a live blog's entry time and label ("11.52 The coastguard says …",
    "Key points: The ship ran aground …"), its first letter a capital."""
    lead = _ENTRY_LEAD.match(text)
    if lead is None or not lead.group(0):
        return text
    rest = text[lead.end() :]
    return rest[:1].upper() + rest[1:]


def is_fragment(sentence: str) -> bool:
    """Whether a sentence starts in lower case ("and today you saw the result."): a piece of a
    quotation or of a sentence cut elsewhere, not a fact's text. "iPhone sales …" is not."""
    word = re.match(r"[\s\"“”‘’'(\[…-]*(\w+)", sentence)
    return bool(word and word[1][:1].islower() and word[1] == word[1].lower())


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a quotation spanning sentences is not split."""
    masked = mask(paragraph, quotes(paragraph), "x")
    spans, start = [], 0
    for match in re.finditer(r"(?<=[.!?])(?P<close>[”\"’)]*)\s+(?=[“\"A-Z(])", masked):
        if not match.group("close") and _no_stop(masked, match.start(), match.end()):
            continue
        spans.append((start, match.end("close")))  # closing marks end the sentence they close
        start = match.end()
    spans.append((start, len(paragraph)))
    return [(a, b) for a, b in spans if paragraph[a:b].strip()]


# A stop after these is an abbreviation's, not a sentence's: titles, months, initials,
# dotted acronyms ("Mr. Reeves", "Sept. 29", "Donald J. Trump", "U.S. officials").
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Rev|Jr|Sr|No|Jan|Feb|Mar|Apr|Aug|Sept?"
    r"|Oct|Nov|Dec|vs|Ft|Mt)|\b[A-Z]|\b(?:[A-Za-z]\.){1,3}[A-Za-z])\.$"
)
# After "a.m.", "p.m.", "Inc." or "Corp." a sentence ends only when a usual first word follows.
_MAYBE_END = re.compile(r"(?:\b[ap]\.m|\bInc|\bCorp|\bCo|\bLtd|\betc)\.$")
_STARTER = re.compile(
    r"(?:The|A|An|He|She|It|They|We|I|But|And|In|On|At|His|Her|Its|Their|This|That|There|After|Before"
    r"|When|While|Police|Officials)\b"
)


def _no_stop(text: str, stop: int, next_start: int) -> bool:
    """Whether the stop ending at ``stop`` belongs to an abbreviation inside a sentence."""
    before = text[max(0, stop - 8) : stop]
    if _MAYBE_END.search(before):
        return not _STARTER.match(text, next_start)
    return bool(_ABBREVIATION.search(before))


def sentences(paragraph: str) -> list[str]:
    """A paragraph split into sentences (keeping quotes that span sentences whole)."""
    return [paragraph[a:b] for a, b in sentence_spans(paragraph)]


_CLOSE = re.compile(r"[”\"»]")


def quotes(paragraph: str) -> list[Quote]:
    """The top-level quotations in a paragraph, in straight, curly or angle marks.

    Single quotes inside double ones stay part of the outer quotation; single quotes are
    never outer marks, because ’ is also the apostrophe. Straight and curly marks may pair
    (“…" as typed), and a quotation with no closing mark runs on to the paragraph's end,
    as a quotation continued in the next paragraph is printed.
    """
    found: list[Quote] = []
    i = 0
    while i < len(paragraph):
        if paragraph[i] not in _OPEN:
            i += 1
            continue
        close = _CLOSE.search(paragraph, i + 1)
        end = close.start() if close else len(paragraph)
        inner = paragraph[i + 1 : end]
        if len(inner.strip()) >= 2:
            found.append(Quote(i, min(end + 1, len(paragraph)), inner))
        i = end + 1
    return found


def mask(paragraph: str, spans: list[Quote], fill: str = " ") -> str:
    """The paragraph with quoted words replaced by ``fill``, same length, so offsets still hold.

    The quotation marks and a final stop stay, so sentences and clauses still end there.
    """
    chars = list(paragraph)
    for q in spans:
        for k in range(q.start + 1, q.end - 1 - (paragraph[q.end - 2] in ".!?")):
            chars[k] = fill
    return "".join(chars)


def clean_quote(text: str) -> str:
    """Quoted words as a fact's text: trimmed, without the comma that led into the verb."""
    return re.sub(r"\s+", " ", text).strip().rstrip(",").strip()
