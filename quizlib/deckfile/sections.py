"""The sections of deck format 1 (events, quotes, figures, agreements, cards), declared once.

This module is a default plugin: :func:`quizlib.get_plugin_manager` registers it before the
built-in question types, the way datasette registers its default plugins. The question types
only read these sections; other plugins may add fields and card types to them (fields merge,
see :class:`quizlib.Section`) or declare sections of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from quizlib.hookspecs import RegisterSection, hookimpl
from quizlib.model import Field, FieldKind, Section

F = FieldKind
#: The name a plugin manager lists this default plugin under.
PLUGIN_NAME = "quizlib.sections"
#: The settings of the timeline question type: how many events, how orderings are graded.
TIMELINE_GRADINGS = ("pairs", "subsequence", "all")
_GAP = re.compile(r"\{\{(.+?)\}\}")
_DATE_INFERRED = Field(F.BOOL, description="the date is inferred, not stated: not asked, marked in feedback")

EVENTS = Section(
    "events",
    {
        "date": Field(F.DATE, True, "when it happened: YYYY, YYYY-MM or YYYY-MM-DD"),
        "text": Field(F.STR, True, "what happened, in the past tense"),
        "actors": Field(F.ACTOR_LIST, description="actors involved"),
        "question": Field(F.STR, description="how to ask for the date"),
        "date_inferred": _DATE_INFERRED,
    },
    description="dated events",
    settings={
        "timeline_k": Field(F.INT, description="other events shown with each ordering question (default 3)"),
        "timeline_grading": Field(F.ENUM, description="pairs | subsequence | all", values=TIMELINE_GRADINGS),
    },
    example="""\
  - id: example-event
    date: 2024-01-12
    text: The Example Ministry held a briefing.
    actors: [example-ministry]
    sources: [example-article:p3]
    tags: [example]
    # conflicts:                  # when another source gives another value
    #   - {field: date, value: 2024-01-13, sources: [other-article:p2], note: why they differ}
""",
    identity="text",
)

QUOTES = Section(
    "quotes",
    {
        "text": Field(F.STR, True, "the quote, verbatim"),
        "speaker": Field(F.ACTOR, True, "id of the actor who said it"),
        "context": Field(F.STR, description="where and why it was said"),
        "date": Field(F.DATE, description="when it was said"),
        "date_inferred": _DATE_INFERRED,
        "question": Field(F.STR, description="how to ask who said it, when the quote alone is not enough"),
    },
    description="direct quotes, verbatim",
    example="""\
  - id: example-quote
    text: We will publish the report next week.
    speaker: jane-doe
    context: at the briefing
    date: 2024-01-12
    sources: [example-article:p4]
""",
    identity="text",
)

FIGURES = Section(
    "figures",
    {
        "value": Field(F.NUMBER, True, "the number"),
        "unit": Field(F.STR, True, "what it is measured in: troops, people, years ..."),
        "counts": Field(F.STR, True, "what the number counts"),
        "qualifier": Field(F.STR, description="the source's hedge: over, nearly, an estimated ..."),
        "question": Field(F.STR, description="how to ask for it"),
        "tolerance": Field(F.TOLERANCE, description="absolute (50), relative (10%) or a range [lo, hi]"),
        "upper": Field(F.NUMBER, description="the upper end of a range the source gives (40 to 50)"),
        "date": Field(F.DATE, description="when the figure applied"),
        "actors": Field(F.ACTOR_LIST, description="who gives the figure, when it is attributed"),
    },
    description="numbers worth remembering",
    example="""\
  - id: example-figure
    value: 2000
    unit: troops
    qualifier: nearly             # over, nearly, an estimated, about ...
    counts: soldiers in the example contingent
    tolerance: 10%                # absolute (50), relative (10%) or a range ([1800, 2200])
    sources: [example-article:p5]
""",
    identity="counts",
)

_TERM_FIELDS = (
    ("text", Field(F.STR, True, "what the term says")),
    ("value", Field(F.NUMBER, description="a number in the term")),
    ("unit", Field(F.STR, description="the number's unit")),
    ("question", Field(F.STR, description="how to ask for the number")),
    ("sources", Field(F.STR_LIST, description="where the term is stated (else the entry's)")),
)

AGREEMENTS = Section(
    "agreements",
    {
        "name": Field(F.STR, True, "the agreement, e.g. 'the November 2020 ceasefire statement'"),
        "date": Field(F.DATE, True, "when it was agreed"),
        "parties": Field(F.ACTOR_LIST, True, "actor ids of the parties"),
        "mediators": Field(F.ACTOR_LIST, description="actors that brokered it without being parties to it"),
        "verb": Field(
            F.STR, description="how it came about, for questions: agreed (default), signed, established"
        ),
        "terms": Field(
            F.RECORDS,
            description="terms: id, text, and optionally value and unit (asked as numbers)",
            fields=_TERM_FIELDS,
        ),
    },
    description="agreements and arrangements: parties, date and terms",
    example="""\
  - id: example-agreement
    name: the example agreement
    date: 2020-11-10
    parties: [example-ministry]
    terms:
      - id: term-length
        text: the length of the term
        value: 5
        unit: years
    sources: [example-article:p6]
""",
    identity="name",
)


def check_card(entry: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The fields each built-in card type needs: yields (field, message) for each missing one."""
    kind = entry.get("type")
    if kind == "basic":
        for name in ("front", "back"):
            if not entry.get(name):
                yield "type", f"a basic card needs '{name}'"
    elif kind == "choice":
        yield from _check_choice(entry)
    elif kind == "cloze" and not _GAP.search(str(entry.get("text", ""))):
        yield "type", "a cloze card needs 'text' with at least one {{gap}}"


def _check_choice(entry: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    choices = entry.get("choices") or []
    if not entry.get("question"):
        yield "type", "a choice card needs 'question'"
    if len(choices) < 2:
        yield "choices", "a choice card needs at least two choices"
    answer = entry.get("answer") or []
    if not answer:
        yield "answer", "a choice card needs 'answer': the indexes (from 0) of the right choices"
    elif any(not 0 <= i < len(choices) for i in answer):
        yield "answer", f"answer indexes must be between 0 and {len(choices) - 1}"
    elif len(set(answer)) != len(answer) or len(set(choices)) != len(choices):
        yield "answer", "answers and choices must not repeat"


CARDS = Section(
    "cards",
    {
        "type": Field(F.ENUM, True, "card type", values=("basic", "choice", "cloze")),
        "front": Field(F.STR, description="basic: the question side"),
        "back": Field(F.STR, description="basic: the answer side"),
        "accept": Field(
            F.STR_LIST,
            description="basic: other right answers; cloze: other answers of the gap "
            "(GAP=ANSWER when the card has several gaps)",
        ),
        "question": Field(F.STR, description="choice: the question"),
        "choices": Field(F.STR_LIST, description="choice: the options"),
        "answer": Field(F.INT_LIST, description="choice: indexes (from 0) of the right options"),
        "text": Field(F.STR, description="cloze: text with {{gaps}}"),
        "explain": Field(F.STR, description="why this is the answer; shown after answering (all cards)"),
    },
    description="free-form cards",
    check=check_card,
    identity="text",
    example="""\
  - id: example-basic
    type: basic
    front: What is the capital of France?
    back: Paris
    sources: [example-article:p7]
  - id: example-choice
    type: choice
    question: Which of these are colours?
    choices: [red, table, green]
    answer: [0, 2]
    sources: [example-article:p7]
  - id: example-cloze
    type: cloze
    text: The {{Seine}} flows through {{Paris}}.
    sources: [example-article:p7]
""",
)

#: The sections of format 1, in the order ``quizlib new`` writes them.
FORMAT_1 = (EVENTS, QUOTES, FIGURES, AGREEMENTS, CARDS)


def format_sections() -> dict[str, Section]:
    """The sections of deck format 1 by name, in the order the plugin host merges them."""
    return {section.name: section for section in sorted(FORMAT_1, key=lambda s: s.name)}


@hookimpl
def register_sections(register: RegisterSection) -> None:
    """Declare the sections of deck format 1."""
    # By name: the order the plugins that declared them used to load in, which a deck's
    # sections (and so the order new questions are introduced in) follow.
    for section in sorted(FORMAT_1, key=lambda s: s.name):
        register(section)
